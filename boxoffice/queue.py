"""The queue both sides agree on: the Celery configuration and the task's name.

The producer sends tasks by name and never imports the worker; the worker registers the task
under the same name. Settings here were each checked on Celery 5.7 / kombu 5.7 / Redis 7.
"""

from __future__ import annotations

import os
from typing import Any

from celery import Celery

from boxoffice.settings import redis_url

SCRAPE_TASK = "moviescraper.scrape_release"
QUEUE = "moviescraper"
VISIBILITY_TIMEOUT_S = float(os.environ.get("SCRAPER_VISIBILITY_TIMEOUT", "120"))
"""A message a worker took but never acknowledged (it died) is delivered again after this long.
It must be longer than any retry delay: a task waiting for its retry holds its message."""
PREFETCH_MULTIPLIER = 4
"""1 caps a gevent worker near 25 tasks/s (it fetches new messages every ~2 s); 4 does not."""


def broker_options(concurrency: int) -> dict[str, Any]:
    """kombu's Redis transport allows 10 connections by default; a gevent worker with -c 50 then
    stalls on 'Too many connections' and runs finished tasks again. Size it above concurrency."""
    return {
        "visibility_timeout": VISIBILITY_TIMEOUT_S,
        "max_connections": 2 * concurrency + 20,
    }


def make_celery(main: str) -> Celery:
    app = Celery(main, broker=redis_url())
    app.conf.update(
        task_serializer="json",
        accept_content=["json"],  # never unpickle what comes out of a queue
        result_serializer="json",
        task_ignore_result=True,  # results go to SQL, not to a result backend
        result_backend=None,
        task_acks_late=True,  # acknowledged after the rows are committed
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=PREFETCH_MULTIPLIER,
        task_default_queue=QUEUE,
        broker_transport_options=broker_options(100),
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
        task_send_sent_event=False,
    )
    return app

"""The Celery app and its start-up hooks."""

from __future__ import annotations

import logging

import gevent
from celery import signals

from boxoffice.queue import broker_options, make_celery
from worker.recovery import recover_forever

app = make_celery("worker")
log = logging.getLogger("moviescraper.worker")


@signals.worker_init.connect
def size_broker_pool(sender, **_kwargs) -> None:  # type: ignore[no-untyped-def]
    """Size the Redis connection pool above this worker's concurrency before it connects."""
    from worker import resources

    concurrency = int(sender.concurrency)
    resources.configure(concurrency)
    app.conf.broker_transport_options = broker_options(concurrency)


@signals.worker_ready.connect
def start_recovery(sender, **_kwargs) -> None:  # type: ignore[no-untyped-def]
    """A gevent worker never puts back what a dead worker left unacknowledged; we do."""
    from worker import resources

    gevent.spawn(recover_forever, app, resources.store)

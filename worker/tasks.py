"""The one task: scrape a release URL with the same pipeline as the in-process crawl."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from boxoffice.items import WorkItem
from boxoffice.pipeline import record_internal_error, scrape
from boxoffice.queue import SCRAPE_TASK
from worker import resources
from worker.app import app

log = logging.getLogger("moviescraper.tasks")
DATABASE_RETRY_S = 5


@app.task(name=SCRAPE_TASK, bind=True, acks_late=True, ignore_result=True, max_retries=None)
def scrape_release(self, message: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    """Idempotent: the movie is upserted, so a redelivered message does no harm."""
    kit = resources.get()
    item = WorkItem.from_message(message)
    try:
        outcome = scrape(item, kit)
    except SQLAlchemyError as error:
        # The database is away: put the task back rather than lose it.
        log.warning("database unavailable for %s (%s); retrying", item.url, type(error).__name__)
        raise self.retry(countdown=DATABASE_RETRY_S) from None
    except Exception as error:  # a bug must not swallow the URL: record it as a failure
        log.exception("unexpected error scraping %s", item.url)
        record_internal_error(item, kit, error)
        return
    if outcome.outcome == "retry":
        # The next attempt waits in the queue (a message with a countdown), not in a greenlet.
        raise self.retry(args=[item.next_attempt().to_message()], countdown=outcome.retry_in)

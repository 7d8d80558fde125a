"""One URL through the whole job: fetch -> parse -> store, timing each stage.

The in-process crawl and the Celery task both call scrape(); nothing else writes movies.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import requests

from boxoffice.http import fetch
from boxoffice.items import WorkItem, utcnow
from boxoffice.metrics import TaskMetric, WorkerIdentity
from boxoffice.parsing import ParseError, decode_html, parse_release
from boxoffice.store.writer import Result

if TYPE_CHECKING:
    from boxoffice.store.group_commit import GroupCommitter


@dataclass(frozen=True)
class Outcome:
    """What became of one attempt: 'ok' (a movie row) or 'failed' (a failure row)."""

    item: WorkItem
    outcome: str
    reason: str | None
    fetch_ms: float | None
    parse_ms: float | None
    store_ms: float | None


def _new_metric(item: WorkItem, worker: WorkerIdentity, started_at: datetime) -> TaskMetric:
    return TaskMetric(
        run_id=item.run_id,
        url=item.url,
        release_id=item.release_id,
        hostname=worker.hostname,
        pid=worker.pid,
        pool=worker.pool,
        concurrency=worker.concurrency,
        enqueued_at=item.enqueued_at,
        started_at=started_at,
        finished_at=started_at,
        queue_wait_ms=max(0.0, (started_at - item.enqueued_at).total_seconds() * 1000),
        fetch_ms=None,
        parse_ms=None,
        store_ms=None,
        http_status=None,
        bytes=None,
        attempt=item.attempt,
        outcome="ok",
        error=None,
    )


def scrape(
    item: WorkItem, session: requests.Session, store: GroupCommitter, worker: WorkerIdentity
) -> Outcome:
    """Fetch, parse and store one release; every outcome ends as a movie or a failure row."""
    metric = _new_metric(item, worker, utcnow())
    fetched = fetch(session, item.url)
    metric.fetch_ms = fetched.fetch_ms
    metric.http_status = fetched.status
    metric.bytes = len(fetched.body)
    if fetched.error is not None:
        return _fail(item, store, metric, fetched.error.split(":", 1)[0], fetched.error)
    parse_started = time.perf_counter()
    try:
        record = parse_release(decode_html(fetched.body), item.url)
    except ParseError as error:
        metric.parse_ms = (time.perf_counter() - parse_started) * 1000
        return _fail(item, store, metric, "parse", str(error))
    except Exception as error:  # a page that trips the parser is a failure row, never a crash
        metric.parse_ms = (time.perf_counter() - parse_started) * 1000
        detail = f"parser error on this page: {type(error).__name__}: {error}"
        return _fail(item, store, metric, "parse", detail)
    metric.parse_ms = (time.perf_counter() - parse_started) * 1000
    metric.finished_at = utcnow()
    store.write(Result(item, metric, record=record))
    return Outcome(item, "ok", None, metric.fetch_ms, metric.parse_ms, metric.store_ms)


def record_internal_error(
    item: WorkItem, store: GroupCommitter, worker: WorkerIdentity, error: Exception
) -> Outcome:
    """A bug in the pipeline still ends the URL as a failure row that names the error."""
    metric = _new_metric(item, worker, utcnow())
    return _fail(item, store, metric, "internal", f"{type(error).__name__}: {error}")


def _fail(
    item: WorkItem, store: GroupCommitter, metric: TaskMetric, reason: str, detail: str
) -> Outcome:
    metric.outcome = "failed"
    metric.error = detail
    metric.finished_at = utcnow()
    store.write(Result(item, metric, reason=reason, detail=detail))
    return Outcome(item, "failed", reason, metric.fetch_ms, metric.parse_ms, metric.store_ms)

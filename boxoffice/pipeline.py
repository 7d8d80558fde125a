"""One URL through the whole job: gate -> fetch -> parse -> store, timing each stage.

The in-process crawl and the Celery task both call scrape(); nothing else writes movies. An
attempt that failed in a way worth retrying leaves only its metric row and tells the caller when
to try again; the caller puts the retry back in its queue rather than sleeping on it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import requests

from boxoffice.archive import ArchivedPage
from boxoffice.gate import Gate
from boxoffice.http import FetchResult, fetch
from boxoffice.items import WorkItem, utcnow
from boxoffice.metrics import TaskMetric, WorkerIdentity
from boxoffice.parsing import ParseError, TruncatedPage, decode_html, parse_movie
from boxoffice.retry import RetryPolicy
from boxoffice.store.writer import Result

if TYPE_CHECKING:
    from boxoffice.store.group_commit import GroupCommitter


@dataclass(frozen=True)
class Outcome:
    """What became of one attempt: 'ok' (a movie row), 'failed' (a failure row) or 'retry'
    (try again in retry_in seconds)."""

    item: WorkItem
    outcome: str
    reason: str | None
    fetch_ms: float | None
    parse_ms: float | None
    store_ms: float | None
    retry_in: float | None = None


@dataclass(frozen=True)
class Toolkit:
    """What every attempt needs, shared by all greenlets of a process."""

    session: requests.Session
    store: GroupCommitter
    worker: WorkerIdentity
    gate: Gate
    policy: RetryPolicy


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


def scrape(item: WorkItem, kit: Toolkit) -> Outcome:
    """Fetch, parse and store one release; every URL ends as a movie or a failure row."""
    metric = _new_metric(item, kit.worker, utcnow())
    refusal = kit.gate.refusal(item.url, kit.session, item.ignore_robots)
    if refusal is not None:
        return _end(item, kit, metric, refusal.split(":", 1)[0], refusal)
    with kit.gate.request_slot(item.url):
        fetched = fetch(kit.session, item.url)
    metric.fetch_ms = fetched.fetch_ms
    metric.http_status = fetched.status
    metric.bytes = len(fetched.body)
    page = _archived(item, fetched)
    if fetched.error is not None:
        reason = fetched.error.split(":", 1)[0]
        return _end(item, kit, metric, reason, fetched.error, fetched, page)
    parse_started = time.perf_counter()
    try:
        record = parse_movie(decode_html(fetched.body), item.url)
    except TruncatedPage as error:
        metric.parse_ms = (time.perf_counter() - parse_started) * 1000
        return _end(item, kit, metric, "truncated", str(error), page=page)
    except ParseError as error:
        metric.parse_ms = (time.perf_counter() - parse_started) * 1000
        return _end(item, kit, metric, "parse", str(error), page=page)
    except Exception as error:  # a page that trips the parser is a failure row, never a crash
        metric.parse_ms = (time.perf_counter() - parse_started) * 1000
        detail = f"parser error on this page: {type(error).__name__}: {error}"
        return _end(item, kit, metric, "parse", detail, page=page)
    metric.parse_ms = (time.perf_counter() - parse_started) * 1000
    metric.finished_at = utcnow()
    kit.store.write(Result(item, metric, record=record, page=page))
    return Outcome(item, "ok", None, metric.fetch_ms, metric.parse_ms, metric.store_ms)


def _archived(item: WorkItem, fetched: FetchResult) -> ArchivedPage | None:
    """The response to keep, when the run keeps an archive and a response arrived."""
    if not item.archive or fetched.status is None:
        return None
    return ArchivedPage.of(item, fetched, utcnow())


def record_internal_error(item: WorkItem, kit: Toolkit, error: Exception) -> Outcome:
    """A bug in the pipeline still ends the URL as a failure row that names the error."""
    metric = _new_metric(item, kit.worker, utcnow())
    detail = f"internal: {type(error).__name__}: {error}"
    return _end(item, replace_policy(kit, RetryPolicy(max_attempts=1)), metric, "internal", detail)


def replace_policy(kit: Toolkit, policy: RetryPolicy) -> Toolkit:
    return Toolkit(kit.session, kit.store, kit.worker, kit.gate, policy)


def _end(
    item: WorkItem,
    kit: Toolkit,
    metric: TaskMetric,
    reason: str,
    detail: str,
    fetched: FetchResult | None = None,
    page: ArchivedPage | None = None,
) -> Outcome:
    """A failed attempt: a retry if the reason and the attempts left allow, else final."""
    metric.error = detail
    metric.finished_at = utcnow()
    if kit.policy.should_retry(reason, item.attempt):
        metric.outcome = "retry"
        kit.store.write(Result(item, metric, reason=reason, detail=detail, final=False, page=page))
        delay = kit.policy.delay(item.attempt, fetched.retry_after if fetched else None)
        return Outcome(item, "retry", reason, metric.fetch_ms, metric.parse_ms, None, delay)
    metric.outcome = "failed"
    kit.store.write(Result(item, metric, reason=reason, detail=detail, page=page))
    return Outcome(item, "failed", reason, metric.fetch_ms, metric.parse_ms, metric.store_ms)

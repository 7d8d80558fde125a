"""Fill the queue: discover the years' releases and send one task per release to Redis."""

from __future__ import annotations

from dataclasses import dataclass, replace

import redis
from kombu.exceptions import OperationalError as KombuOperationalError

from boxoffice.discovery import describe_years, discover, discovery_report, work_items
from boxoffice.errors import UserError
from boxoffice.http import new_session
from boxoffice.items import WorkItem, utcnow
from boxoffice.queue import SCRAPE_TASK, make_celery
from boxoffice.store.engine import make_engine, migrate
from boxoffice.store.writer import Store


@dataclass(frozen=True)
class Enqueued:
    run_id: int
    enqueued: int
    already_scraped: int
    already_queued: int


def check_redis(url: str) -> None:
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3).ping()
    except (redis.RedisError, ValueError) as error:
        raise UserError(f"cannot reach Redis at {url}: {error}") from None


def open_store(database_url: str) -> Store:
    engine = make_engine(database_url)
    migrate(engine)
    return Store(engine)


def send(run_id: int, items: list[WorkItem]) -> None:
    """Publish one task per item. The items are already recorded as pending: if Redis fails
    half-way, the workers' sweeper sends the rest once it is back."""
    app = make_celery("producer")
    sent = 0
    try:
        with app.producer_or_acquire() as publisher:
            for item in items:
                app.send_task(SCRAPE_TASK, args=[item.to_message()], producer=publisher)
                sent += 1
    except (KombuOperationalError, redis.RedisError, OSError) as error:
        raise UserError(
            f"Redis failed after {sent} of {len(items)} tasks of run {run_id} ({error}); the "
            "run's other URLs are recorded and the workers send them once Redis is back"
        ) from None


def retry_failed(store: Store, redis_url: str, run_id: int) -> Enqueued:
    """A new run with the failed URLs of run_id, sent to the workers again. The old run keeps
    its failure rows: that is what happened to it."""
    check_redis(redis_url)
    old = store.run(run_id)
    assert old is not None
    failed = store.failed_items(run_id)
    new_run = store.start_run(
        mode="celery",
        years=old["years"],
        base_url=old["base_url"],
        concurrency=0,
        worker_count=0,
        settings={"retry_of": run_id, "archive": bool(old["settings"].get("archive"))},
    )
    now = utcnow()
    archive = bool(old["settings"].get("archive"))
    items = [
        replace(item, run_id=new_run, enqueued_at=now, attempt=1, archive=archive)
        for item in failed
    ]
    store.add_items(new_run, items, skipped=0)
    if not items:
        store.finish_run(new_run, "finished")
    else:
        send(new_run, items)
    return Enqueued(new_run, len(items), 0, 0)


def enqueue(
    store: Store,
    redis_url: str,
    base_url: str,
    years: list[int],
    refresh: bool,
    limit: int | None = None,
    archive: bool = False,
) -> Enqueued:
    """Create a run, and enqueue every release of the years not scraped yet (all with refresh)
    and not queued already by a run still going."""
    check_redis(redis_url)
    pages = discover(new_session(pool_size=8), base_url, years)
    run_id = store.start_run(
        mode="celery",
        years=describe_years(years),
        base_url=base_url,
        concurrency=0,
        worker_count=0,
        settings={"refresh": refresh, "archive": archive, "discovery": discovery_report(pages)},
    )
    items = [replace(item, archive=archive) for item in work_items(run_id, pages)]
    ids = [item.release_id for item in items]
    queued = store.pending_in_running_runs(ids)
    scraped = set() if refresh else store.scraped_ids(ids) - queued
    todo = [item for item in items if item.release_id not in queued | scraped][:limit]
    store.add_items(run_id, todo, skipped=len(queued | scraped))
    if not todo:
        store.finish_run(run_id, "finished")
        return Enqueued(run_id, 0, len(scraped), len(queued))
    send(run_id, todo)
    return Enqueued(run_id, len(todo), len(scraped), len(queued))

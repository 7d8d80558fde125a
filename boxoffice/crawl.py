"""The embedded default: discover, fetch, parse and store on a gevent pool in this process.

The process must be monkey-patched by gevent before requests or psycopg are imported (the
producer package does it first thing), or every request and query blocks all greenlets.
"""

from __future__ import annotations

import signal
import sys
import time
from dataclasses import dataclass, replace
from typing import TextIO

import gevent
from gevent.event import Event
from gevent.pool import Pool
from sqlalchemy.exc import SQLAlchemyError

from boxoffice.discovery import describe_years, discover, discovery_report, work_items
from boxoffice.gate import Gate, limiter_from_settings
from boxoffice.http import new_session
from boxoffice.items import WorkItem
from boxoffice.metrics import WorkerIdentity
from boxoffice.pipeline import Toolkit, scrape
from boxoffice.progress import Progress, Tally
from boxoffice.retry import RetryPolicy
from boxoffice.settings import redis_url
from boxoffice.store.engine import make_engine, migrate
from boxoffice.store.group_commit import GroupCommitter
from boxoffice.store.writer import Store

MAX_DB_CONNECTIONS = 20


@dataclass(frozen=True)
class CrawlOptions:
    years: list[int]
    base_url: str
    concurrency: int
    database_url: str
    refresh: bool = False
    limit: int | None = None
    rate_limit: float | None = None
    max_per_host: int | None = None
    ignore_robots: bool = False
    archive: bool = False


@dataclass(frozen=True)
class CrawlResult:
    run_id: int
    status: str
    summary: str
    unstored: int


def crawl(options: CrawlOptions, out: TextIO = sys.stderr) -> CrawlResult:
    """Run a whole crawl; KeyboardInterrupt marks the run interrupted and stops cleanly."""
    engine = make_engine(
        options.database_url, pool_size=min(options.concurrency, MAX_DB_CONNECTIONS)
    )
    migrate(engine)
    store = Store(engine)
    session = new_session(pool_size=options.concurrency)
    pages = discover(session, options.base_url, options.years)
    run_id = store.start_run(
        mode="crawl",
        years=describe_years(options.years),
        base_url=options.base_url,
        concurrency=options.concurrency,
        worker_count=1,
        settings={
            "refresh": options.refresh,
            "pool": "gevent",
            "rate_limit": options.rate_limit,
            "max_per_host": options.max_per_host,
            "ignore_robots": options.ignore_robots,
            "archive": options.archive,
            "discovery": discovery_report(pages),
        },
    )
    items = work_items(run_id, pages)
    known = set() if options.refresh else store.scraped_ids(i.release_id for i in items)
    todo = [item for item in items if item.release_id not in known][: options.limit]
    todo = [
        replace(item, ignore_robots=options.ignore_robots, archive=options.archive) for item in todo
    ]
    skipped = len(items) - len(todo) if options.limit is None else len(known)
    store.add_items(run_id, todo, skipped=skipped)
    print(
        f"run {run_id}: {len(todo)} releases to scrape, {skipped} already scraped (skipped)",
        file=out,
        flush=True,
    )
    tally = Tally()
    progress = Progress(len(todo), f"run {run_id}", out)
    committer = GroupCommitter(store)
    kit = Toolkit(
        session=session,
        store=committer,
        worker=WorkerIdentity.here("gevent", options.concurrency),
        gate=Gate(
            [options.base_url],
            limiter_from_settings(options.rate_limit, options.max_per_host, redis_url()),
            respect_robots=not options.ignore_robots,
        ),
        policy=RetryPolicy.from_env(),
    )
    unstored: list[str] = []
    pool = Pool(options.concurrency)
    retries: list[gevent.Greenlet] = []
    outstanding = len(todo)
    all_settled = Event()

    def settle() -> None:
        nonlocal outstanding
        outstanding -= 1
        if outstanding == 0:
            all_settled.set()

    def work(item: WorkItem) -> None:
        try:
            outcome = scrape(item, kit)
        except SQLAlchemyError as error:
            unstored.append(str(getattr(error, "orig", error)).strip().splitlines()[0])
            settle()
            return
        if outcome.outcome == "retry":
            # The retry waits on a timer, not in a pool slot: other pages go on meanwhile.
            tally.retries += 1
            retries.append(
                gevent.spawn_later(outcome.retry_in, pool.spawn, work, item.next_attempt())
            )
            return
        tally.add(outcome.outcome == "ok", outcome.fetch_ms, outcome.parse_ms)
        elapsed = max(1e-9, time.perf_counter() - tally.started)
        progress.update(tally.done, tally.movies, tally.failures, tally.done / elapsed)
        settle()

    status = "finished"
    cpu_started = time.process_time()
    # Ctrl-C sets an event in a greenlet of its own, so no KeyboardInterrupt lands in a worker
    # greenlet half-way through a page.
    interrupted = Event()
    on_ctrl_c = gevent.signal_handler(signal.SIGINT, interrupted.set)
    feeder = gevent.spawn(lambda: [pool.spawn(work, item) for item in todo])
    try:
        if todo:
            gevent.wait([all_settled, interrupted], count=1)
        if interrupted.is_set():
            feeder.kill()
            gevent.killall(retries, block=False)
            pool.kill(block=True, timeout=10)
            status = "interrupted"
    finally:
        on_ctrl_c.cancel()
        progress.close()
        committer.close()
        session.close()
    tally.cpu_seconds = time.process_time() - cpu_started
    if unstored and status == "finished":
        status = "incomplete"
    store.finish_run(run_id, status)
    engine.dispose()
    return CrawlResult(run_id, status, tally.summary(f"run {run_id} {status}"), len(unstored))

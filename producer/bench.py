"""The original experiment, reproducible: seconds to scrape N pages, method by method.

The fetch-only methods are the experiment's own (plain requests.get, one Session, a gevent Pool,
both); the product's modes do the whole job (fetch + parse + store + metrics). Every measurement
is stored as a run with its task_metrics, so `producer report` can show it beside any other run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
from gevent.pool import Pool

from boxoffice.discovery import discover
from boxoffice.http import USER_AGENT, new_session
from boxoffice.items import utcnow
from boxoffice.metrics import TaskMetric
from boxoffice.store.schema import task_metrics
from boxoffice.store.writer import Store

ROOT = Path(__file__).resolve().parent.parent
BENCH_YEARS = [2015, 2016]
FETCH_METHODS = (
    "requests.get",
    "Session",
    "Pool",
    "Session + Pool",
    "Session + Pool (adapter sized)",
)
PRODUCT_MODES = ("crawl", "1 worker", "2 workers")
ALL_METHODS = FETCH_METHODS + PRODUCT_MODES


@dataclass(frozen=True)
class Measurement:
    method: str
    n: int
    seconds: float
    run_id: int | None


def _timed_get(get: Callable[[str], requests.Response], url: str, run_id: int) -> TaskMetric:
    started = utcnow()
    clock = time.perf_counter()
    response = get(url)
    body = response.content
    fetch_ms = (time.perf_counter() - clock) * 1000
    return TaskMetric(
        run_id=run_id, url=url, release_id=None, hostname=os.uname().nodename, pid=os.getpid(),
        pool="gevent", concurrency=1, enqueued_at=None, started_at=started,
        finished_at=utcnow(), queue_wait_ms=None, fetch_ms=fetch_ms, parse_ms=None,
        store_ms=None, http_status=response.status_code, bytes=len(body), attempt=1,
        outcome="ok" if response.status_code == 200 else "failed", error=None,
    )  # fmt: skip


def fetch_only(
    method: str, urls: list[str], pool_size: int, store: Store, base_url: str
) -> Measurement:
    """One of the experiment's methods: fetch the URLs, nothing else, and time it."""
    run_id = store.start_run(
        mode=f"bench:{method}", years="2015-2016", base_url=base_url,
        concurrency=1 if method in ("requests.get", "Session") else pool_size,
        worker_count=1, settings={"n": len(urls), "pool": pool_size},
    )  # fmt: skip
    headers = {"User-Agent": USER_AGENT}
    plain = requests.Session()  # default adapter: pool_maxsize 10, as in the original
    plain.headers.update(headers)
    sized = new_session(pool_size)
    gets: dict[str, Callable[[str], requests.Response]] = {
        "requests.get": lambda url: requests.get(url, headers=headers, timeout=30),
        "Session": lambda url: plain.get(url, timeout=30),
        "Pool": lambda url: requests.get(url, headers=headers, timeout=30),
        "Session + Pool": lambda url: plain.get(url, timeout=30),
        "Session + Pool (adapter sized)": lambda url: sized.get(url),
    }
    get = gets[method]
    concurrent = "Pool" in method
    started = time.perf_counter()
    if concurrent:
        metrics = list(Pool(pool_size).imap(lambda url: _timed_get(get, url, run_id), urls))
    else:
        metrics = [_timed_get(get, url, run_id) for url in urls]
    seconds = time.perf_counter() - started
    for metric in metrics:
        metric.concurrency = pool_size if concurrent else 1
    with store.engine.begin() as connection:
        connection.execute(task_metrics.insert(), [m.to_row() for m in metrics])
    store.finish_run(run_id, "finished")
    plain.close()
    sized.close()
    return Measurement(method, len(urls), seconds, run_id)


def release_urls(base_url: str, count: int) -> list[str]:
    pages = discover(new_session(4), base_url, BENCH_YEARS)
    urls = [entry.url for page in pages for entry in page.releases]
    if len(urls) < count:
        raise ValueError(f"only {len(urls)} releases in {BENCH_YEARS}, fewer than N={count}")
    return urls[:count]


def _producer(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "producer", *args],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, **env}, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1] if result.stderr else "failed")
    return result.stdout


def _last_run_id(out: str) -> int | None:
    match = re.search(r"run (\d+)", out)
    return int(match.group(1)) if match else None


@contextmanager
def celery_workers(
    count: int, concurrency: int, env: dict[str, str]
) -> Iterator[list[subprocess.Popen[bytes]]]:
    """`count` worker processes on the gevent pool, connected and consuming, stopped after."""
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "worker",
                "worker",
                "-P",
                "gevent",
                "-c",
                str(concurrency),
                "--loglevel",
                "WARNING",
                "-n",
                f"bench{n}@%h",
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for n in range(count)
    ]
    try:
        time.sleep(4)  # connected and consuming
        yield workers
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)


def product_mode(
    mode: str, n: int, concurrency: int, base_url: str, db_url: str, redis_url: str
) -> Measurement:
    """The whole job (fetch + parse + store + metrics) for the first N releases."""
    common = ["--years", "2015-2016", "--base-url", base_url, "--db", db_url, "--limit", str(n)]
    started = time.perf_counter()
    if mode == "crawl":
        out = _producer(["crawl", *common, "--concurrency", str(concurrency), "--refresh"], {})
    else:
        out = _producer(["enqueue", *common, "--refresh", "--wait"], {"REDIS_URL": redis_url})
    run_id = _last_run_id(out)
    if run_id is None:
        return Measurement(mode, n, time.perf_counter() - started, None)
    # The run's own span, from its first fetch to its last commit: start-up and discovery of
    # the subprocess are not part of the job being compared.
    from boxoffice.report import run_figures
    from boxoffice.store.engine import make_engine

    engine = make_engine(db_url)
    try:
        seconds = run_figures(Store(engine), run_id).wall_seconds
    finally:
        engine.dispose()
    return Measurement(mode, n, seconds, run_id)

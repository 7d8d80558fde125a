"""1,000 releases at 100 ms latency: in-process crawl vs one Celery worker vs two workers.

The same job three ways, measured in one run against one imitation site (pre-rendered, so its
CPU does not compete): in-process crawl at C=100, 1 worker at -c 100, 2 worker processes at
-c 50 each, all writing to PostgreSQL with full metrics. Prints pages/s, CPU ms per page of the
scraping processes, and worker RSS. On 2 cores two worker processes should come close to twice
one when parsing bounds them.
Run: .venv/bin/python -m bench.distributed_throughput [--pages 1000]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from bench.common import ROOT, cpu_seconds, running_mocksite
from producer.bench import celery_workers

LATENCY_MS = 100
ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
REDIS_DB = 7


@contextmanager
def scratch_database() -> Iterator[str]:
    name = f"moviescraper_bench_{uuid.uuid4().hex[:8]}"
    # NullPool: a benchmark may restart the server, and a pooled connection would then be dead.
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def producer(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "producer", *args],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, **env}, check=True,
    )  # fmt: skip
    return result.stdout


def summary_rate(summary: str) -> float:
    return float(re.search(r"([\d.]+) pages/s", summary).group(1))  # type: ignore[union-attr]


def crawl_mode(site_url: str, pages: int) -> dict[str, float]:
    with scratch_database() as db:
        before = resource_children()
        out = producer(
            "crawl", "--years", "2015-2016", "--base-url", site_url, "--db", db,
            "--concurrency", "100", "--limit", str(pages), env={},
        )  # fmt: skip
        cpu = resource_children() - before
    summary = out.strip().splitlines()[-1]
    phase = float(re.search(r"CPU ([\d.]+) ms/page", summary).group(1))  # type: ignore[union-attr]
    return {"rate": summary_rate(summary), "cpu_ms": phase, "process_cpu_ms": cpu * 1000 / pages}


def resource_children() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def worker_mode(site_url: str, pages: int, processes: int, concurrency: int) -> dict[str, float]:
    redis_url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    redis.Redis.from_url(redis_url).flushdb()
    with scratch_database() as db:
        env = {"DATABASE_URL": db, "REDIS_URL": redis_url, "SCRAPER_BASE_URL": site_url}
        from boxoffice.store.engine import make_engine, migrate

        engine = make_engine(db)
        migrate(engine)
        engine.dispose()
        with celery_workers(processes, concurrency, env) as workers:
            cpu_before = sum(cpu_seconds(w.pid) for w in workers)
            out = producer(
                "enqueue", "--years", "2015-2016", "--base-url", site_url, "--db", db,
                "--limit", str(pages), "--wait", env=env,
            )  # fmt: skip
            cpu = sum(cpu_seconds(w.pid) for w in workers) - cpu_before
            rss = max(rss_mb(w.pid) for w in workers)
    summary = out.strip().splitlines()[-1]
    return {"rate": summary_rate(summary), "cpu_ms": cpu * 1000 / pages, "rss_mb": rss}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    print(f"{args.pages} releases, {LATENCY_MS} ms latency, PostgreSQL, full metrics")
    print(f"{'mode':<34} {'pages/s':>8} {'CPU ms/page':>12} {'worker RSS':>11}")

    def show(label: str, row: dict[str, float]) -> None:
        rss = f"{row['rss_mb']:>8.0f} MB" if "rss_mb" in row else f"{'-':>11}"
        print(f"{label:<34} {row['rate']:>8.1f} {row['cpu_ms']:>12.2f} {rss}", flush=True)

    with running_mocksite("--latency-ms", str(LATENCY_MS), "--prerender", "2015-2016") as site:
        show("in-process crawl, C=100", crawl_mode(site.url, args.pages))
        rows = {}
        for label, processes, concurrency in (
            ("1 worker, -c 25", 1, 25),
            ("1 worker, -c 100", 1, 100),
            ("2 worker processes, -c 50 each", 2, 50),
            ("2 worker processes, -c 100 each", 2, 100),
            ("1 worker, -c 200", 1, 200),
        ):
            rows[label] = worker_mode(site.url, args.pages, processes, concurrency)
            show(label, rows[label])
        peer = scrapy_redis_mode(site.url, args.pages)
        if peer is not None:
            print(f"{'scrapy-redis, 2 processes × 100':<34} {peer:>8.1f}")
    best_two = max(rows["2 worker processes, -c 50 each"]["rate"],
                   rows["2 worker processes, -c 100 each"]["rate"])  # fmt: skip
    print("\ntargets:")
    if peer is not None:
        verdict = "met" if best_two >= peer else "MISSED"
        print(f"- 2 workers vs scrapy-redis × 2: {best_two / peer:.2f}x ({verdict}; target >= 1)")
    cpu = rows["2 worker processes, -c 50 each"]["cpu_ms"]
    print(f"- worker CPU per page: {cpu:.2f} ms ({'met' if cpu <= 3 else 'MISSED'}; target <= 3)")
    share = rows["1 worker, -c 25"]["rate"] / (25 * 1000 / LATENCY_MS)
    print(f"- -c 25: {share:.0%} of C/L ({'met' if share >= 0.9 else 'MISSED'}; target >= 90%)")
    rss = rows["1 worker, -c 200"]["rss_mb"]
    print(f"- RSS at -c 200: {rss:.0f} MB ({'met' if rss <= 150 else 'MISSED'}; target <= 150)")
    ratio = rows["2 worker processes, -c 50 each"]["rate"] / rows["1 worker, -c 100"]["rate"]
    print(f"- two worker processes / one: {ratio:.2f}x")


def scrapy_redis_mode(site_url: str, pages: int) -> float | None:
    """pages/s of scrapy-redis with 2 processes × 100, when the bench extra is installed."""
    from producer.peers import runner

    if not runner.available():
        print("(scrapy-redis not installed: pip install -e '.[bench]' for the peer figure)")
        return None
    import json
    import urllib.request

    with urllib.request.urlopen(f"{site_url}/_truth/year/2015.json") as response:
        ids = json.load(response)["listed"]
    with urllib.request.urlopen(f"{site_url}/_truth/year/2016.json") as response:
        ids += json.load(response)["listed"]
    urls = [f"{site_url}/release/{release_id}/" for release_id in ids[:pages]]
    seconds = runner.time_scrapy_redis(urls, 100, 2, f"redis://127.0.0.1:6379/{REDIS_DB}")
    return pages / seconds


if __name__ == "__main__":
    main()

"""The reliability table: each fault, how many URLs, movies, failures, lost, duplicated, time.

Real processes on this machine: an imitation site, Celery workers on the gevent pool, Redis
and PostgreSQL. Stopping PostgreSQL needs the local cluster (pg_ctlcluster, as root).
Run: .venv/bin/python -m bench.reliability [--years 2006-2007]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import redis
from sqlalchemy import create_engine, text

from bench.common import ROOT, running_mocksite
from bench.distributed_throughput import scratch_database
from boxoffice.store.engine import make_engine, migrate

FAULTS = [
    "--fault-5xx", "0.1", "--fault-429", "0.05", "--retry-after", "2", "--fault-timeout", "0.02",
    "--hang-s", "8", "--fault-truncate", "0.01", "--fault-seed", "7",
]  # fmt: skip
WORKER_ENV = {"SCRAPER_READ_TIMEOUT": "2", "SCRAPER_RETRY_BASE_S": "0.5",
              "SCRAPER_VISIBILITY_TIMEOUT": "20"}  # fmt: skip


def scalar(db: str, sql: str) -> int:
    engine = create_engine(db)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(sql)).scalar() or 0)
    finally:
        engine.dispose()


def start_worker(db: str, redis_url: str, site: str, name: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, **WORKER_ENV, "DATABASE_URL": db, "REDIS_URL": redis_url,
           "SCRAPER_BASE_URL": site}  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "worker", "worker", "-P", "gevent", "-c", "50",
         "--loglevel", "WARNING", "-n", f"{name}@%h", "--without-mingle", "--without-gossip"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def run_scenario(
    label: str, site_args: list[str], years: str, disturb: Callable[[dict], None]
) -> None:
    with (
        running_mocksite(*site_args) as site,
        scratch_database() as db,
        tempfile.TemporaryDirectory() as tmp,
    ):
        redis_port = "6392"
        redis_cmd = ["redis-server", "--port", redis_port, "--bind", "127.0.0.1", "--appendonly",
                     "yes", "--dir", tmp, "--save", ""]  # fmt: skip
        server = subprocess.Popen(redis_cmd, stdout=subprocess.DEVNULL)
        redis_url = f"redis://127.0.0.1:{redis_port}/0"
        time.sleep(0.5)
        engine = make_engine(db)
        migrate(engine)
        engine.dispose()
        state = {"workers": [start_worker(db, redis_url, site.url, f"w{n}") for n in (1, 2)],
                 "server": server, "redis_cmd": redis_cmd, "db": db, "redis_url": redis_url,
                 "site": site.url}  # fmt: skip
        time.sleep(4)
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "producer", "enqueue", "--years", years, "--base-url",
             site.url, "--db", db],
            cwd=ROOT, env={**os.environ, "REDIS_URL": redis_url}, check=True, capture_output=True,
        )  # fmt: skip
        disturb(state)
        while True:
            try:
                if scalar(db, "select count(*) from run_items where state = 'pending'") == 0:
                    break
            except Exception:
                pass  # the database may be away on purpose
            time.sleep(0.5)
        seconds = time.monotonic() - started
        urls = scalar(db, "select count(*) from run_items")
        movies = scalar(db, "select count(*) from movies")
        failures = scalar(db, "select count(*) from failures")
        duplicated = scalar(db, "select count(*) - count(distinct release_id) from movies")
        lost = urls - movies - failures
        retries = scalar(db, "select count(*) from task_metrics where outcome = 'retry'")
        for worker in state["workers"]:
            worker.terminate()
        for worker in state["workers"]:
            worker.wait(timeout=60)
        state["server"].terminate()
        state["server"].wait(timeout=30)
    print(
        f"| {label} | {urls} | {movies} | {failures} | {lost} | {duplicated} | {retries} | "
        f"{seconds:.0f} s |",
        flush=True,
    )


def wait_for_movies(state: dict, count: int) -> None:
    while scalar(state["db"], "select count(*) from movies") < count:
        time.sleep(0.2)


def kill_a_worker(state: dict) -> None:
    wait_for_movies(state, 200)
    state["workers"][0].send_signal(signal.SIGKILL)
    state["workers"][0].wait()
    state["workers"][0] = start_worker(state["db"], state["redis_url"], state["site"], "w3")


def restart_redis(state: dict) -> None:
    wait_for_movies(state, 200)
    redis.Redis.from_url(state["redis_url"]).shutdown()
    state["server"].wait(timeout=30)
    time.sleep(2)
    state["server"] = subprocess.Popen(state["redis_cmd"], stdout=subprocess.DEVNULL)


def stop_postgres(state: dict) -> None:
    wait_for_movies(state, 200)
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]
    subprocess.run([*command, "stop"], check=True, capture_output=True)
    time.sleep(30)
    subprocess.run([*command, "start"], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", default="2006-2007")
    parser.add_argument("--only", default="", help="Run only scenarios whose name has this.")
    args = parser.parse_args()
    steady = ["--latency-ms", "100"]
    scenarios: list[tuple[str, list[str], Callable[[dict], None]]] = [
        ("none (baseline), 2 workers × 50", steady, lambda state: None),
        ("5xx 10%, 429 5% (Retry-After 2 s), hangs 2%, truncated 1%", FAULTS, lambda state: None),
        ("kill -9 a worker mid-run, start another", steady, kill_a_worker),
        ("Redis shut down and restarted mid-run (append-only)", steady, restart_redis),
    ]
    if Path("/etc/postgresql").is_dir():
        scenarios.append(("PostgreSQL stopped for 30 s mid-run", steady, stop_postgres))
    print("| fault | URLs | movies | failures | lost | duplicated | retries | time |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, site_args, disturb in scenarios:
        if args.only in label:
            run_scenario(label, site_args, args.years, disturb)


if __name__ == "__main__":
    main()

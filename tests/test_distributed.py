"""Distributed mode: `producer enqueue` into real Redis, real gevent Celery workers, PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from boxoffice.store.engine import make_engine, migrate
from tests.conftest import ROOT, fresh_redis, run_producer
from tests.dbcheck import movie_records, query, scalar
from tests.test_crawl import one_line_error, truth_of, wait_for_movies
from tests.workers import Worker, start_worker

SESSION_REDIS_DB = 15


def migrated(database_url: str) -> str:
    engine = make_engine(database_url)
    migrate(engine)
    engine.dispose()
    return database_url


@pytest.fixture(scope="session")
def session_worker(
    session_postgres: str, tmp_path_factory, mocksite
) -> Iterator[tuple[Worker, str, str]]:
    """One worker (-c 50) for the session, on its own Redis database and PostgreSQL database."""
    redis_url = fresh_redis(SESSION_REDIS_DB)
    migrated(session_postgres)
    log = tmp_path_factory.mktemp("workers") / "session-worker.log"
    worker = start_worker(session_postgres, redis_url, log, mocksite.url)
    yield worker, session_postgres, redis_url
    worker.stop()


def enqueue(redis_url: str, database_url: str, *args: str, timeout: float = 300):
    return run_producer(
        "enqueue", *args, "--db", database_url, timeout=timeout, env={"REDIS_URL": redis_url}
    )


def run_id_of(result: subprocess.CompletedProcess[str]) -> int:
    first = result.stdout.splitlines()[0]
    assert first.startswith("run "), result.stdout + result.stderr
    return int(first.split()[1].rstrip(":"))


def test_enqueue_two_years_with_wait(mocksite, session_worker) -> None:
    worker, db, redis_url = session_worker
    result = enqueue(redis_url, db, "--years", "2008-2009", "--base-url", mocksite.url, "--wait")
    assert result.returncode == 0, result.stderr
    run_id = run_id_of(result)
    truth = truth_of(mocksite, [2008, 2009])
    assert f"enqueued {len(truth)}, skipped 0 already scraped and 0 already queued" in result.stdout
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith(f"run {run_id} finished: {len(truth)} movies, 0 failures")

    stored = movie_records(db)
    assert {rid: stored[rid] for rid in truth} == truth
    metrics = query(db, "select * from task_metrics where run_id = :run", run=run_id)
    assert len(metrics) == len(truth)
    assert {m["release_id"] for m in metrics} == set(truth)
    for metric in metrics:
        assert metric["pid"] == worker.pid
        assert (metric["pool"], metric["concurrency"], metric["outcome"]) == ("gevent", 50, "ok")
        for stage in ("queue_wait_ms", "fetch_ms", "parse_ms", "store_ms"):
            assert metric[stage] is not None and metric[stage] >= 0, stage
        assert metric["enqueued_at"] <= metric["started_at"] <= metric["finished_at"]
    assert max(m["queue_wait_ms"] for m in metrics) > 0
    run = query(db, "select * from runs where id = :run", run=run_id)[0]
    assert (run["mode"], run["status"], run["enqueued"]) == ("celery", "finished", len(truth))

    status = run_producer("status", str(run_id), "--db", db)
    assert status.returncode == 0, status.stderr
    assert status.stdout.startswith(
        f"run {run_id} (celery, years 2008-2009, finished): enqueued {len(truth)}, "
        f"done {len(truth)}, failed 0, in flight 0, "
    )


def test_reenqueue_skips_and_refresh_rescrapes(mocksite, session_worker) -> None:
    _, db, redis_url = session_worker
    first = enqueue(redis_url, db, "--years", "2005", "--base-url", mocksite.url, "--wait")
    assert first.returncode == 0, first.stderr
    count = len(truth_of(mocksite, [2005]))
    again = enqueue(redis_url, db, "--years", "2005", "--base-url", mocksite.url, "--wait")
    assert again.returncode == 0, again.stderr
    assert f"enqueued 0, skipped {count} already scraped" in again.stdout
    refreshed = enqueue(
        redis_url, db, "--years", "2005", "--base-url", mocksite.url, "--refresh", "--wait"
    )
    assert refreshed.returncode == 0, refreshed.stderr
    run_id = run_id_of(refreshed)
    assert f"enqueued {count}, skipped 0" in refreshed.stdout
    assert scalar(db, "select count(*) from task_metrics where run_id = :r", r=run_id) == count
    assert scalar(db, "select count(*) from movies where year = 2005") == count
    assert (
        scalar(db, "select count(*) from movies where year = 2005 and run_id = :r", r=run_id)
        == count
    )


def test_enqueue_twice_while_running_enqueues_nothing_twice(
    mocksite_factory, postgres_url, tmp_path
) -> None:
    site = mocksite_factory("--latency-ms", "200")
    redis_url = fresh_redis(12)
    migrated(postgres_url)
    first = enqueue(redis_url, postgres_url, "--years", "2010", "--base-url", site.url)
    assert first.returncode == 0, first.stderr
    count = len(truth_of(site, [2010]))
    second = enqueue(redis_url, postgres_url, "--years", "2010", "--base-url", site.url)
    assert second.returncode == 0, second.stderr
    assert f"enqueued 0, skipped 0 already scraped and {count} already queued" in second.stdout
    worker = start_worker(postgres_url, redis_url, tmp_path / "w.log", site.url, concurrency=100)
    try:
        wait_until_settled(postgres_url, run_id_of(first))
        assert scalar(postgres_url, "select count(*) from movies") == count
        assert scalar(postgres_url, "select count(*) from task_metrics") == count
    finally:
        worker.stop()


def wait_until_settled(database_url: str, run_id: int, limit_s: float = 180) -> None:
    deadline = time.monotonic() + limit_s
    pending = "select count(*) from run_items where state = 'pending' and run_id = :r"
    while scalar(database_url, pending, r=run_id):
        assert time.monotonic() < deadline, f"run {run_id} still has pending items"
        time.sleep(0.5)


def test_two_workers_share_the_work(mocksite_factory, postgres_url, tmp_path) -> None:
    site = mocksite_factory("--latency-ms", "50")
    redis_url = fresh_redis(13)
    migrated(postgres_url)
    workers = [
        start_worker(
            postgres_url, redis_url, tmp_path / f"w{n}.log", site.url, concurrency=25, name=f"w{n}"
        )
        for n in (1, 2)
    ]
    try:
        result = enqueue(
            redis_url, postgres_url, "--years", "2011", "--base-url", site.url, "--wait"
        )
        assert result.returncode == 0, result.stderr
    finally:
        for worker in workers:
            worker.stop()
    truth = truth_of(site, [2011])
    assert movie_records(postgres_url) == truth
    by_pid = dict(
        (row["pid"], row["n"])
        for row in query(postgres_url, "select pid, count(*) as n from task_metrics group by pid")
    )
    assert set(by_pid) == {w.pid for w in workers}
    assert all(n > len(truth) / 10 for n in by_pid.values()), by_pid
    assert sum(by_pid.values()) == len(truth)


def test_killed_worker_loses_nothing(mocksite_factory, postgres_url, tmp_path) -> None:
    site = mocksite_factory("--latency-ms", "200")
    redis_url = fresh_redis(14)
    migrated(postgres_url)
    first = start_worker(postgres_url, redis_url, tmp_path / "first.log", site.url, concurrency=20)
    result = enqueue(redis_url, postgres_url, "--years", "2019", "--base-url", site.url)
    assert result.returncode == 0, result.stderr
    run_id = run_id_of(result)
    wait_for_movies(postgres_url, 100)
    first.kill_hard()
    in_flight = scalar(
        postgres_url,
        "select count(*) from run_items where state = 'pending' and run_id = :r",
        r=run_id,
    )
    assert in_flight > 0
    second = start_worker(
        postgres_url, redis_url, tmp_path / "second.log", site.url, concurrency=50, name="w2"
    )
    try:
        wait_until_settled(postgres_url, run_id)
    finally:
        second.stop()
    truth = truth_of(site, [2019])
    assert movie_records(postgres_url) == truth
    assert scalar(postgres_url, "select count(*) from failures") == 0
    assert scalar(postgres_url, "select count(distinct release_id) from task_metrics") == len(truth)
    pids = {row["pid"] for row in query(postgres_url, "select distinct pid from task_metrics")}
    assert pids == {first.pid, second.pid}
    assert query(postgres_url, "select status from runs") == [{"status": "finished"}]


def test_enqueue_bad_inputs(mocksite, sqlite_url) -> None:
    down = enqueue(
        "redis://127.0.0.1:1/0", sqlite_url, "--years", "2015", "--base-url", mocksite.url
    )
    assert one_line_error(down).startswith(
        "producer enqueue: cannot reach Redis at redis://127.0.0.1:1/0"
    )
    backwards = enqueue("redis://127.0.0.1:6379/11", sqlite_url, "--years", "2016-2015")
    assert "runs backwards" in backwards.stderr and backwards.returncode == 2
    unknown = run_producer("status", "4242", "--db", sqlite_url)
    assert one_line_error(unknown) == "producer status: there is no run 4242"
    none_yet = run_producer("status", "--db", sqlite_url)
    assert "there are no runs yet" in one_line_error(none_yet)


def test_ctrl_c_stops_waiting_not_the_run(mocksite_factory, postgres_url, tmp_path) -> None:
    site = mocksite_factory("--latency-ms", "100")
    redis_url = fresh_redis(10)
    migrated(postgres_url)
    worker = start_worker(postgres_url, redis_url, tmp_path / "w.log", site.url, concurrency=10)
    try:
        waiting = subprocess.Popen(
            [sys.executable, "-m", "producer", "enqueue", "--years", "2003", "--base-url", site.url,
             "--db", postgres_url, "--wait"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
            env={**os.environ, "REDIS_URL": redis_url},
        )  # fmt: skip
        assert waiting.stdout is not None
        assert waiting.stdout.readline().startswith("run 1: enqueued ")  # now it waits
        wait_for_movies(postgres_url, 20)
        waiting.send_signal(signal.SIGINT)
        _, stderr = waiting.communicate(timeout=30)
        assert waiting.returncode == 130
        assert "stopped waiting; run 1 goes on" in stderr
        assert "Traceback" not in stderr
        before = scalar(postgres_url, "select count(*) from movies")
        time.sleep(2)
        assert scalar(postgres_url, "select count(*) from movies") > before
    finally:
        worker.stop()


def test_lost_messages_are_sent_again(mocksite, postgres_url, tmp_path) -> None:
    """Messages that vanished from Redis (a worker killed between taking and recording one)
    are sent again from the run's pending items."""
    import redis

    redis_url = fresh_redis(8)
    migrated(postgres_url)
    result = enqueue(redis_url, postgres_url, "--years", "2001", "--base-url", mocksite.url)
    assert result.returncode == 0, result.stderr
    client = redis.Redis.from_url(redis_url)
    queued = client.llen("moviescraper")
    assert queued == len(truth_of(mocksite, [2001]))
    for _ in range(queued // 2):
        client.rpop("moviescraper")  # half the messages are lost
    worker = start_worker(postgres_url, redis_url, tmp_path / "w.log", mocksite.url, concurrency=50)
    try:
        wait_until_settled(postgres_url, run_id_of(result), limit_s=120)
    finally:
        worker.stop()
    assert movie_records(postgres_url) == truth_of(mocksite, [2001])
    assert "re-sent" in worker.log.read_text()


def test_workers_archive_pages_for_reparse(mocksite, session_worker) -> None:
    _worker, db, redis_url = session_worker
    args = ("--years", "2006", "--base-url", mocksite.url, "--limit", "30", "--archive", "--wait")
    result = enqueue(redis_url, db, *args)
    assert result.returncode == 0, result.stderr
    run_id = run_id_of(result)
    archived = query(db, "select release_id, status from pages where run_id = :run", run=run_id)
    assert len(archived) == 30 and {row["status"] for row in archived} == {200}
    again = run_producer("reparse", str(run_id), "--db", db)
    assert again.returncode == 0, again.stderr
    assert "re-parsed 30 archived pages" in again.stdout
    assert "30 movies written, 0 do not parse" in again.stdout

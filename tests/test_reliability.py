"""Politeness, fault tolerance and safety, with real processes; each test bounded in time and
in the number of requests it makes, all to 127.0.0.1."""

from __future__ import annotations

import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
import redis as redis_client

from boxoffice.items import WorkItem, utcnow
from boxoffice.queue import SCRAPE_TASK, make_celery
from boxoffice.store.engine import make_engine, migrate
from boxoffice.store.writer import Store
from tests.conftest import fresh_redis, run_producer
from tests.dbcheck import movie_records, query, scalar
from tests.test_crawl import truth_of, wait_for_movies
from tests.test_distributed import enqueue, migrated, run_id_of, wait_until_settled
from tests.workers import start_worker

FAULTS = (
    "--fault-5xx", "0.1", "--fault-429", "0.05", "--retry-after", "2", "--fault-timeout", "0.02",
    "--hang-s", "8", "--fault-truncate", "0.01", "--fault-seed", "7",
)  # fmt: skip
FAST_RETRIES = {
    "SCRAPER_READ_TIMEOUT": "2",
    "SCRAPER_RETRY_BASE_S": "0.5",
    # Long enough that no message a live worker holds (prefetched, or waiting for its retry
    # countdown) is taken for a dead worker's and run twice.
    "SCRAPER_VISIBILITY_TIMEOUT": "90",
}


def settled_exactly_once(db: str, run_id: int) -> tuple[set[str], set[str]]:
    items = {
        r["release_id"]
        for r in query(db, "select release_id from run_items where run_id = :r", r=run_id)
    }
    movies = {
        r["release_id"]
        for r in query(db, "select release_id from movies where run_id = :r", r=run_id)
    }
    failed = [
        r["release_id"]
        for r in query(db, "select release_id from failures where run_id = :r", r=run_id)
    ]
    assert len(failed) == len(set(failed))
    assert movies.isdisjoint(failed)
    assert movies | set(failed) == items
    return movies, set(failed)


def test_faulty_site_two_workers(mocksite_factory, postgres_url, tmp_path) -> None:
    site = mocksite_factory(*FAULTS)
    redis_url = fresh_redis(9)
    migrated(postgres_url)
    workers = [
        start_worker(postgres_url, redis_url, tmp_path / f"w{n}.log", site.url, concurrency=50,
                     name=f"f{n}", extra_env=FAST_RETRIES)
        for n in (1, 2)
    ]  # fmt: skip
    try:
        started = time.monotonic()
        result = enqueue(
            redis_url, postgres_url, "--years", "2006-2007", "--base-url", site.url, "--wait"
        )
        assert result.returncode == 0, result.stderr
        assert time.monotonic() - started < 240
    finally:
        for worker in workers:
            worker.stop()
    run_id = run_id_of(result)
    movies, failed = settled_exactly_once(postgres_url, run_id)
    truth = truth_of(site, [2006, 2007])
    assert len(movies) + len(failed) == len(truth)
    assert len(movies) >= 0.99 * len(truth)
    stored = movie_records(postgres_url)
    assert all(stored[rid] == truth[rid] for rid in movies)
    outcomes = Counter(
        r["outcome"] for r in query(postgres_url, "select outcome from task_metrics")
    )
    assert outcomes["retry"] > 0.1 * len(truth)
    assert outcomes["ok"] == len(movies)
    retried = (
        "select distinct substr(error, 1, 8) as kind from task_metrics where outcome = 'retry'"
    )
    errors = {r["kind"] for r in query(postgres_url, retried)}
    assert {"http_5xx", "http_429", "timeout"} <= {e.split(":")[0] for e in errors}


def test_rate_limit_holds_across_two_workers(mocksite_factory, postgres_url, tmp_path) -> None:
    site = mocksite_factory()
    redis_url = fresh_redis(6)
    redis_client.Redis.from_url(redis_url).flushdb()
    migrated(postgres_url)
    limited = {"SCRAPER_RATE_LIMIT": "20"}
    workers = [
        start_worker(postgres_url, redis_url, tmp_path / f"w{n}.log", site.url, concurrency=25,
                     name=f"r{n}", extra_env=limited)
        for n in (1, 2)
    ]  # fmt: skip
    try:
        result = enqueue(
            redis_url,
            postgres_url,
            "--years",
            "2012",
            "--base-url",
            site.url,
            "--limit",
            "120",
            "--wait",
        )
        assert result.returncode == 0, result.stderr
    finally:
        for worker in workers:
            worker.stop()
    log = site.truth("requests.json")["log"]
    stamps = sorted(at for at, path, _ in log if path.startswith("/release/"))
    assert len(stamps) == 120
    busiest = max(sum(1 for t in stamps if start <= t < start + 1.0) for start in stamps)
    assert busiest <= 22, busiest
    assert stamps[-1] - stamps[0] >= 119 / 20 * 0.95
    pids = {r["pid"] for r in query(postgres_url, "select distinct pid from task_metrics")}
    assert len(pids) == 2


def test_crawl_obeys_the_rate_limit_too(mocksite_factory, sqlite_url) -> None:
    site = mocksite_factory()
    result = run_producer(
        "crawl", "--years", "2013", "--base-url", site.url, "--db", sqlite_url,
        "--limit", "60", "--rate-limit", "30", "--concurrency", "50",
        env={"REDIS_URL": fresh_redis(4)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    stamps = sorted(
        at for at, path, _ in site.truth("requests.json")["log"] if path.startswith("/release/")
    )
    assert len(stamps) == 60
    assert max(sum(1 for t in stamps if s <= t < s + 1.0) for s in stamps) <= 32


def test_bad_urls_never_reach_the_network(mocksite_factory, postgres_url, tmp_path) -> None:
    site = mocksite_factory()
    elsewhere = mocksite_factory()  # another host: it must never be asked anything
    redis_url = fresh_redis(3)
    engine = make_engine(postgres_url)
    migrate(engine)
    store = Store(engine)
    run_id = store.start_run(mode="celery", years="2015", base_url=site.url, concurrency=0,
                             worker_count=0, settings={})  # fmt: skip
    now = utcnow()
    bad = {
        "rl1": f"{elsewhere.url}/release/rl1/",
        "rl2": "http://10.0.0.1/release/rl2/",
        "rl3": "file:///etc/passwd",
        "rl4": "http://169.254.169.254/latest/meta-data/",
        "rl5": f"{site.url}/search/rl5/",  # on the allowed host, but robots.txt disallows it
    }
    items = [WorkItem(run_id, rid, url, 2015, now) for rid, url in bad.items()]
    store.add_items(run_id, items, skipped=0)
    engine.dispose()
    app = make_celery("test")
    app.conf.broker_url = redis_url
    for item in items:
        app.send_task(SCRAPE_TASK, args=[item.to_message()])
    worker = start_worker(postgres_url, redis_url, tmp_path / "w.log", site.url, concurrency=5)
    try:
        wait_until_settled(postgres_url, run_id, limit_s=60)
    finally:
        worker.stop()
    failures = {r["release_id"]: r for r in query(postgres_url, "select * from failures")}
    assert set(failures) == set(bad)
    reasons = {rid: failures[rid]["reason"] for rid in bad}
    assert reasons == {"rl1": "forbidden", "rl2": "forbidden", "rl3": "forbidden"} | {
        "rl4": "forbidden",
        "rl5": "robots",
    }
    assert all(f["attempts"] == 1 for f in failures.values())
    assert elsewhere.truth("requests.json")["log"] == []
    paths = [path for _, path, _ in site.truth("requests.json")["log"]]
    assert "/search/rl5/" not in paths and paths.count("/robots.txt") == 1
    assert scalar(postgres_url, "select count(*) from task_metrics where fetch_ms is not null") == 0


def test_ignore_robots_is_a_choice(mocksite_factory, sqlite_url, tmp_path: Path) -> None:
    site = mocksite_factory()
    polite = run_producer(
        "crawl", "--years", "2014", "--base-url", site.url, "--db", sqlite_url, "--limit", "3"
    )
    assert polite.returncode == 0, polite.stderr
    assert "robots.txt is ignored" not in polite.stderr
    rude = run_producer(
        "crawl", "--years", "2014", "--base-url", site.url, "--db", sqlite_url, "--limit", "3",
        "--refresh", "--ignore-robots",
    )  # fmt: skip
    assert rude.returncode == 0, rude.stderr
    assert "robots.txt is ignored" in rude.stderr


def test_redis_restart_mid_run_loses_nothing(
    mocksite_factory, postgres_url, tmp_path: Path
) -> None:
    """Our own Redis, append-only as in the compose stack, shut down and started again."""
    site = mocksite_factory("--latency-ms", "50")
    port = "6391"
    data = tmp_path / "redis"
    data.mkdir()
    command = ["redis-server", "--port", port, "--bind", "127.0.0.1", "--appendonly", "yes",
               "--dir", str(data), "--save", ""]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    redis_url = f"redis://127.0.0.1:{port}/0"
    client = redis_client.Redis.from_url(redis_url)
    for _ in range(50):
        try:
            client.ping()
            break
        except redis_client.ConnectionError:
            time.sleep(0.1)
    migrated(postgres_url)
    worker = start_worker(postgres_url, redis_url, tmp_path / "w.log", site.url, concurrency=10)
    try:
        result = enqueue(redis_url, postgres_url, "--years", "2018", "--base-url", site.url)
        assert result.returncode == 0, result.stderr
        run_id = run_id_of(result)
        wait_for_movies(postgres_url, 50)
        client.shutdown()  # with append-only on, the queue is on disk
        server.wait(timeout=30)
        time.sleep(2)
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        wait_until_settled(postgres_url, run_id, limit_s=240)
    finally:
        worker.stop()
        server.terminate()
        server.wait(timeout=30)
    _, failed = settled_exactly_once(postgres_url, run_id)
    assert not failed
    assert movie_records(postgres_url) == truth_of(site, [2018])


@pytest.mark.parametrize("value", ["5", "Wed, 21 Oct 2015 07:28:00 GMT", "junk", None])
def test_retry_after_forms(value) -> None:
    from datetime import UTC, datetime, timedelta

    from boxoffice.retry import RetryPolicy, parse_retry_after

    now = datetime(2015, 10, 21, 7, 27, 50, tzinfo=UTC)
    parsed = parse_retry_after(value, now)
    expected = {"5": 5.0, "Wed, 21 Oct 2015 07:28:00 GMT": 10.0}.get(value or "")
    assert parsed == expected
    policy = RetryPolicy(base_delay_s=1, max_delay_s=8, retry_after_cap_s=3)
    assert policy.delay(1, "100") == 3  # capped
    for attempt in range(1, 6):
        assert 0 < policy.delay(attempt) <= min(8, 2 ** (attempt - 1))
    assert policy.should_retry("http_5xx", 1) and not policy.should_retry("http_404", 1)
    assert not policy.should_retry("parse", 1) and not policy.should_retry("http_5xx", 4)
    assert now + timedelta(seconds=1) > now


def test_failures_listed_and_retried(mocksite_factory, postgres_url, tmp_path) -> None:
    site = mocksite_factory("--fault-5xx", "0.3", "--fault-seed", "3")
    crawl = run_producer(
        "crawl", "--years", "2009", "--base-url", site.url, "--db", postgres_url, "--limit", "60",
        env={"SCRAPER_MAX_ATTEMPTS": "1"},
    )  # fmt: skip
    assert crawl.returncode == 0, crawl.stderr
    failed = query(postgres_url, "select url, reason, attempts from failures where run_id = 1")
    assert failed and all(f["reason"] == "http_5xx" and f["attempts"] == 1 for f in failed)

    listing = run_producer("failures", "1", "--db", postgres_url)
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.strip().splitlines()
    assert lines[0] == f"run 1: {len(failed)} failures"
    assert {line.split()[2] for line in lines[1:]} == {f["url"] for f in failed}

    redis_url = fresh_redis(2)
    worker = start_worker(postgres_url, redis_url, tmp_path / "w.log", site.url, concurrency=10)
    try:
        again = run_producer(
            "retry-failed", "1", "--db", postgres_url, env={"REDIS_URL": redis_url}
        )
        assert again.returncode == 0, again.stderr
        assert again.stdout.strip() == f"run 2: enqueued {len(failed)} failed URLs of run 1 again"
        wait_until_settled(postgres_url, 2, limit_s=120)
    finally:
        worker.stop()
    by_state = "select state, count(*) as n from run_items where run_id = 2 group by state"
    states = {row["state"]: row["n"] for row in query(postgres_url, by_state)}
    assert sum(states.values()) == len(failed) and "pending" not in states
    assert states["done"] >= 0.8 * len(failed)  # 30% of answers are 503: a few may fail 4 times
    still_failed = query(postgres_url, "select attempts from failures where run_id = 2")
    assert len(still_failed) == states.get("failed", 0)
    assert all(row["attempts"] == 4 for row in still_failed)
    assert scalar(postgres_url, "select count(*) from movies") == 60 - len(still_failed)
    assert query(postgres_url, "select status from runs where id = 2") == [{"status": "finished"}]


def postgres(action: str) -> None:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],
        check=True,
        capture_output=True,
        timeout=120,
    )


def pending_or_none(db: str, run_id: int) -> int | None:
    """Pending items of the run, or None while the database is away."""
    try:
        return scalar(
            db, "select count(*) from run_items where state = 'pending' and run_id = :r", r=run_id
        )
    except Exception:
        return None


@pytest.mark.skipif(
    not Path("/etc/postgresql").is_dir(), reason="needs the local PostgreSQL cluster"
)
def test_postgres_down_for_30_s_mid_run(mocksite_factory, postgres_url, tmp_path: Path) -> None:
    site = mocksite_factory("--latency-ms", "100")
    redis_url = fresh_redis(1)
    migrated(postgres_url)
    worker = start_worker(postgres_url, redis_url, tmp_path / "w.log", site.url, concurrency=10)
    try:
        result = enqueue(redis_url, postgres_url, "--years", "2004", "--base-url", site.url)
        assert result.returncode == 0, result.stderr
        run_id = run_id_of(result)
        wait_for_movies(postgres_url, 30)
        postgres("stop")
        try:
            time.sleep(30)
        finally:
            postgres("start")
        deadline = time.monotonic() + 300
        while pending_or_none(postgres_url, run_id) != 0:
            assert time.monotonic() < deadline, (
                "the run did not complete after PostgreSQL came back"
            )
            time.sleep(1)
    finally:
        worker.stop()
    _movies, failed = settled_exactly_once(postgres_url, run_id)
    assert not failed
    assert movie_records(postgres_url) == truth_of(site, [2004])
    assert "database unavailable" in (tmp_path / "w.log").read_text()

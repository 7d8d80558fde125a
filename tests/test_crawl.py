"""`producer crawl` end to end: real imitation site, real SQLite and PostgreSQL, real process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_producer
from tests.dbcheck import movie_records, query, scalar

YEARS = "2014-2015"


def truth_of(site, years: list[int]) -> dict[str, dict]:
    records = {}
    for year in years:
        for record in site.truth(f"year/{year}.json")["releases"]:
            records.setdefault(record["release_id"], record)
    return records


def test_two_years_land_exactly_once_with_true_values(mocksite, database_url: str) -> None:
    result = run_producer(
        "crawl", "--years", YEARS, "--base-url", mocksite.url, "--db", database_url
    )
    assert result.returncode == 0, result.stderr
    truth = truth_of(mocksite, [2014, 2015])
    assert movie_records(database_url) == truth
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("run 1 finished: ")
    assert f"{len(truth)} movies, 0 failures" in summary
    assert "pages/s" in summary and "fetch p50/p95" in summary and "parse p50/p95" in summary

    run = query(database_url, "select * from runs")[0]
    assert (run["mode"], run["status"], run["years"], run["enqueued"]) == (
        "crawl",
        "finished",
        YEARS,
        len(truth),
    )
    metrics = query(database_url, "select * from task_metrics")
    assert len(metrics) == len(truth)
    assert {m["release_id"] for m in metrics} == set(truth)
    for metric in metrics:
        assert metric["outcome"] == "ok" and metric["attempt"] == 1
        assert metric["http_status"] == 200 and metric["bytes"] > 40_000
        for stage in ("queue_wait_ms", "fetch_ms", "parse_ms", "store_ms"):
            assert metric[stage] is not None and metric[stage] >= 0, stage
        assert metric["pool"] == "gevent" and metric["concurrency"] == 100
    assert scalar(database_url, "select count(*) from failures") == 0
    years = {row["year"] for row in query(database_url, "select distinct year from movies")}
    assert years == {2014, 2015}


def test_second_crawl_skips_and_refresh_rescrapes(mocksite, database_url: str) -> None:
    args = ("crawl", "--years", "2016", "--base-url", mocksite.url, "--db", database_url)
    assert run_producer(*args).returncode == 0
    count = scalar(database_url, "select count(*) from movies")
    first_scraped = scalar(database_url, "select max(scraped_at) from movies")

    again = run_producer(*args)
    assert again.returncode == 0, again.stderr
    assert f"0 releases to scrape, {count} already scraped (skipped)" in again.stderr
    assert scalar(database_url, "select count(*) from movies") == count
    assert scalar(database_url, "select count(*) from task_metrics where run_id = 2") == 0

    refreshed = run_producer(*args, "--refresh")
    assert refreshed.returncode == 0, refreshed.stderr
    assert f"{count} releases to scrape, 0 already scraped" in refreshed.stderr
    assert scalar(database_url, "select count(*) from movies") == count
    assert scalar(database_url, "select count(distinct run_id) from movies") == 1
    assert scalar(database_url, "select min(run_id) from movies") == 3
    assert str(scalar(database_url, "select min(scraped_at) from movies")) > str(first_scraped)
    assert scalar(database_url, "select count(*) from task_metrics where run_id = 3") == count


def start_crawl(site_url: str, db: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "producer", "crawl", "--base-url", site_url, "--db", db, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def wait_for_movies(
    db: str, at_least: int, process: subprocess.Popen[str] | None = None, limit_s: float = 60
) -> None:
    """Until the database holds at_least movies; fails if process (when given) ends first."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        assert process is None or process.poll() is None, process and process.communicate()
        try:
            if scalar(db, "select count(*) from movies") >= at_least:
                return
        except Exception:  # the schema may not exist yet
            pass
        time.sleep(0.2)
    raise AssertionError(f"fewer than {at_least} movies after {limit_s} s")


def test_site_stopped_mid_crawl_leaves_failures_not_gaps(mocksite_factory, sqlite_url) -> None:
    site = mocksite_factory("--latency-ms", "100")
    crawl = start_crawl(site.url, sqlite_url, "--years", "2013", "--concurrency", "10")
    wait_for_movies(sqlite_url, 50, crawl)
    site.stop()
    stdout, stderr = crawl.communicate(timeout=300)
    assert crawl.returncode == 0, stderr
    assert "Traceback" not in stderr
    items = query(sqlite_url, "select release_id, state from run_items")
    movies = {r["release_id"] for r in query(sqlite_url, "select release_id from movies")}
    failed = query(sqlite_url, "select release_id, reason, last_error from failures")
    assert movies and failed
    assert {f["reason"] for f in failed} <= {"network", "timeout"}
    assert all(f["last_error"] for f in failed)
    assert movies.isdisjoint({f["release_id"] for f in failed})
    assert movies | {f["release_id"] for f in failed} == {i["release_id"] for i in items}
    assert len(failed) + len(movies) == len(items)
    assert all(i["state"] in ("done", "failed") for i in items)
    assert f"{len(movies)} movies, {len(failed)} failures" in stdout


def test_ctrl_c_stops_cleanly_and_next_crawl_carries_on(mocksite_factory, sqlite_url) -> None:
    site = mocksite_factory("--latency-ms", "100")
    crawl = start_crawl(site.url, sqlite_url, "--years", "2012", "--concurrency", "5")
    wait_for_movies(sqlite_url, 20, crawl)
    crawl.send_signal(signal.SIGINT)
    _, stderr = crawl.communicate(timeout=60)
    assert crawl.returncode == 130
    assert "Traceback" not in stderr
    assert "interrupted" in stderr
    assert query(sqlite_url, "select status from runs") == [{"status": "interrupted"}]
    stored = scalar(sqlite_url, "select count(*) from movies")
    assert stored >= 20

    resumed = run_producer(
        "crawl",
        "--years",
        "2012",
        "--base-url",
        site.url,
        "--db",
        sqlite_url,
        "--concurrency",
        "50",
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "already scraped (skipped)" in resumed.stderr
    truth = truth_of(site, [2012])
    assert movie_records(sqlite_url) == truth
    assert scalar(sqlite_url, "select count(*) from movies") == len(truth)


@pytest.mark.parametrize(
    ("years", "message"),
    [("2016-2015", "runs backwards"), ("abc", "not a year"), ("1850", "outside")],
)
def test_bad_years(mocksite, sqlite_url, years: str, message: str) -> None:
    result = run_producer("crawl", "--years", years, "--base-url", mocksite.url, "--db", sqlite_url)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_unreachable_base_url(sqlite_url) -> None:
    line = one_line_error(
        run_producer(
            "crawl", "--years", "2015", "--base-url", "http://127.0.0.1:9", "--db", sqlite_url
        )
    )
    assert line.startswith("producer crawl: cannot reach http://127.0.0.1:9")


def test_base_url_serving_something_else(tmp_path: Path, sqlite_url) -> None:
    (tmp_path / "year" / "2015").mkdir(parents=True)
    (tmp_path / "year" / "2015" / "index.html").write_text("<html><body>hi</body></html>")
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1", "-d", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert server.stdout is not None
        port = server.stdout.readline().split("port ")[1].split()[0]
        url = f"http://127.0.0.1:{port}"
        line = one_line_error(
            run_producer("crawl", "--years", "2015", "--base-url", url, "--db", sqlite_url)
        )
        assert "is not a BoxOfficeMojo year page" in line
        line = one_line_error(
            run_producer("crawl", "--years", "2014", "--base-url", url, "--db", sqlite_url)
        )
        assert "has neither a /year/2014/ page nor an archived /yearly/chart/?yr=2014" in line
    finally:
        server.terminate()
        server.wait()


def test_unusable_database(mocksite) -> None:
    urls = ["sqlite:////proc/no/such/dir/movies.db", "mysql://nobody@127.0.0.1/x"]
    for db in urls:
        line = one_line_error(
            run_producer("crawl", "--years", "2015", "--base-url", mocksite.url, "--db", db)
        )
        assert line.startswith("producer crawl: "), line
        assert "database" in line


def test_capped_year_list_is_completed_from_daily_charts(mocksite_factory, sqlite_url) -> None:
    site = mocksite_factory("--cap-year-list", "200", "--seed", "5")
    truth = site.truth("year/2014.json")
    assert len(truth["listed"]) == 200 < len(truth["releases"])
    result = run_producer("crawl", "--years", "2014", "--base-url", site.url, "--db", sqlite_url)
    assert result.returncode == 0, result.stderr
    scraped = {r["release_id"] for r in query(sqlite_url, "select release_id from movies")}
    assert scraped == {r["release_id"] for r in truth["releases"]}
    settings = query(sqlite_url, "select settings from runs")[0]["settings"]
    settings = json.loads(settings) if isinstance(settings, str) else settings
    assert settings["discovery"]["2014"].startswith("year page capped at 200, completed from 365")

"""--archive keeps every fetched page; `producer reparse` rebuilds movies from it, offline."""

from __future__ import annotations

import gzip
import json
from datetime import datetime

from boxoffice.runs import as_utc
from mocksite.data import Catalogue
from mocksite.pages import release_page
from tests.conftest import run_producer
from tests.dbcheck import execute, movie_records, query, scalar
from tests.test_crawl import one_line_error, truth_of


def crawl(site_url: str, db: str, *args: str):
    result = run_producer("crawl", "--years", "2013", "--base-url", site_url, "--db", db, *args)
    assert result.returncode == 0, result.stderr
    return result


def test_archive_keeps_every_fetched_page(mocksite_factory, database_url: str) -> None:
    site = mocksite_factory("--seed", "21", "--fault-5xx", "0.1", "--fault-seed", "3")
    crawl(site.url, database_url, "--archive")
    truth = truth_of(site, [2013])
    assert movie_records(database_url) == truth
    attempts = query(
        database_url, "select release_id, attempt, http_status, bytes from task_metrics"
    )
    archived = query(database_url, "select * from pages")
    assert sorted((a["release_id"], a["attempt"], a["http_status"]) for a in attempts) == sorted(
        (p["release_id"], p["attempt"], p["status"]) for p in archived
    )
    assert {p["status"] for p in archived} == {200, 503}, "the retried 503s are kept too"
    run = query(database_url, "select started_at, finished_at, settings from runs")[0]
    settings = json.loads(run["settings"]) if isinstance(run["settings"], str) else run["settings"]
    assert settings["archive"] is True
    catalogue = Catalogue(seed=21, first_year=2013, last_year=2013)
    for page in archived[:: max(1, len(archived) // 40)]:
        body = gzip.decompress(page["body_gzip"])
        assert len(body) == page["size"]
        headers = page["headers"]
        headers = json.loads(headers) if isinstance(headers, str) else headers
        assert headers["Content-Type"].startswith("text/html")
        assert page["url"] == f"{site.url}/release/{page['release_id']}/"
        assert moment(run["started_at"]) <= moment(page["fetched_at"])
        if page["status"] == 200:
            assert body == release_page(catalogue.release(page["release_id"])).encode()
            assert len(page["body_gzip"]) < page["size"] / 3


def moment(value: datetime | str) -> datetime:
    """A timestamp as stored (SQLite gives text back through text(), without its zone)."""
    parsed = datetime.fromisoformat(value) if isinstance(value, str) else value
    return as_utc(parsed)  # type: ignore[return-value]


def test_reparse_rebuilds_movies_without_the_site(mocksite_factory, database_url: str) -> None:
    site = mocksite_factory("--seed", "22")
    crawl(site.url, database_url, "--archive")
    truth = truth_of(site, [2013])
    site.stop()  # from here on, nothing can be fetched
    # What an older, broken parser would have left: wrong values, and pages it could not read.
    broken = sorted(truth)[:5]
    execute(database_url, "update movies set title = 'wrong', budget = 1")
    for release_id in broken:
        execute(database_url, "delete from movies where release_id = :id", id=release_id)
        execute(
            database_url,
            "update run_items set state = 'failed' where release_id = :id",
            id=release_id,
        )
        execute(
            database_url,
            "insert into failures (run_id, url, release_id, reason, attempts, last_error, "
            "failed_at) values (1, :url, :id, 'parse', 1, 'old parser bug', :now)",
            url=f"{site.url}/release/{release_id}/",
            id=release_id,
            now="2026-01-01 00:00:00",
        )

    result = run_producer("reparse", "1", "--db", database_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"run 1: re-parsed {len(truth)} archived pages in ")
    assert f"{len(truth)} movies written, 0 do not parse, 0 left alone" in result.stdout
    assert movie_records(database_url) == truth
    assert scalar(database_url, "select count(*) from failures") == 0
    assert scalar(database_url, "select count(*) from run_items where state <> 'done'") == 0


def test_reparse_leaves_movies_of_later_runs_alone(mocksite, sqlite_url: str) -> None:
    crawl(mocksite.url, sqlite_url, "--archive", "--limit", "40")
    crawl(mocksite.url, sqlite_url, "--refresh", "--limit", "40")
    result = run_producer("reparse", "1", "--db", sqlite_url)
    assert result.returncode == 0, result.stderr
    assert "0 movies written, 0 do not parse, 40 left alone (a later run wrote them)" in (
        result.stdout
    )
    assert {r["run_id"] for r in query(sqlite_url, "select run_id from movies")} == {2}


def test_reparse_refuses_what_it_cannot_do(mocksite, sqlite_url: str) -> None:
    line = one_line_error(run_producer("reparse", "--db", sqlite_url))
    assert line == (
        "producer reparse: there are no runs yet: start one with `producer enqueue` or `crawl`"
    )
    crawl(mocksite.url, sqlite_url, "--limit", "5")
    line = one_line_error(run_producer("reparse", "--db", sqlite_url))
    assert line == (
        "producer reparse: run 1 has no archived pages: start runs with --archive to keep them"
    )
    line = one_line_error(run_producer("reparse", "7", "--db", sqlite_url))
    assert line == "producer reparse: there is no run 7"

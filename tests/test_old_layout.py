"""The archived (pre-2019) site: its pages round trip, and crawl and enqueue find the layout."""

from __future__ import annotations

import json
import random
from collections import Counter

import requests

from boxoffice.parsing import YearPage, decode_html, page_layout, parse_page
from mocksite.data import Catalogue
from mocksite.old_pages import CHART_PAGE_SIZE, old_movie_page, old_year_page
from tests.conftest import fresh_redis, run_producer
from tests.dbcheck import movie_records, query
from tests.test_crawl import truth_of
from tests.test_distributed import enqueue, migrated
from tests.workers import start_worker


def test_thousand_old_movie_pages_round_trip() -> None:
    catalogue = Catalogue(seed=12)
    everything = [r for year in catalogue.years for r in catalogue.year(year)]
    sample = random.Random(6).sample(everything, 1000)
    mismatched = []
    for release in sample:
        shown = catalogue.old_record(release)
        # The old site served ISO-8859-1, as its pages declare.
        html = decode_html(old_movie_page(release, shown).encode("cp1252"))
        assert page_layout(html) == "old"
        if parse_page(html) != shown:
            mismatched.append(shown.release_id)
    assert mismatched == []


def test_old_yearly_chart_pages_give_the_whole_year() -> None:
    catalogue = Catalogue(seed=3, first_year=2009, last_year=2009)
    releases = catalogue.year(2009)
    listed = [(release, catalogue.slug(release)) for release in releases]
    first = parse_page(old_year_page(2009, listed, 1), base_url="http://site")
    assert isinstance(first, YearPage)
    pages = -(-len(releases) // CHART_PAGE_SIZE)
    assert len(first.more_pages) == pages - 1
    assert first.more_pages[0].startswith("http://site/yearly/chart/?page=2&")
    entries = list(first.releases)
    for number in range(2, pages + 1):
        entries += parse_page(old_year_page(2009, listed, number), base_url="http://site").releases
    assert [e.release_id for e in entries] == [slug for _, slug in listed]
    assert [e.title for e in entries] == [r.record.title for r in releases]
    assert [e.total_gross for e in entries] == [r.record.domestic_gross for r in releases]
    assert entries[0].url == f"http://site/movies/?id={listed[0][1]}.htm"
    assert old_year_page(2009, listed, pages + 1) is None


def test_old_site_url_scheme(mocksite_factory) -> None:
    site = mocksite_factory("--layout", "old", "--seed", "4")
    slug = site.truth("year/2015.json")["listed"][0]
    found = {
        "/yearly/chart/?yr=2015&p=.htm": 200,
        "/yearly/chart/?page=2&view=releasedate&view2=domestic&yr=2015&p=.htm": 200,
        "/yearly/chart/?page=99&yr=2015&p=.htm": 404,
        f"/movies/?id={slug}.htm": 200,
        f"/movies/?page=main&id={slug}.htm": 200,
        "/movies/?id=nosuchmovie.htm": 404,
        "/year/2015/": 404,
        "/date/2015-06-01/": 404,
    }
    for path, status in found.items():
        response = requests.get(f"{site.url}{path}", timeout=30)
        assert response.status_code == status, path
    movie = requests.get(f"{site.url}/movies/?id={slug}.htm", timeout=30)
    assert movie.headers["Content-Type"] == "text/html; charset=iso-8859-1"
    assert parse_page(decode_html(movie.content)) == parse_page(
        decode_html(movie.content), f"{site.url}/movies/?id={slug}.htm"
    )
    assert parse_page(decode_html(movie.content)).to_dict() == site.truth(f"release/{slug}.json")


def test_crawl_reads_the_old_site_without_being_told(mocksite_factory, sqlite_url) -> None:
    site = mocksite_factory("--layout", "old", "--seed", "6")
    result = run_producer("crawl", "--years", "2012", "--base-url", site.url, "--db", sqlite_url)
    assert result.returncode == 0, result.stderr
    truth = truth_of(site, [2012])
    assert all(not rid.startswith("rl") for rid in truth)
    assert movie_records(sqlite_url) == truth
    urls = {row["url"] for row in query(sqlite_url, "select url from movies")}
    assert {f"{site.url}/movies/?id={rid}.htm" for rid in truth} == urls
    settings = query(sqlite_url, "select settings from runs")[0]["settings"]
    settings = json.loads(settings) if isinstance(settings, str) else settings
    pages = -(-len(truth) // CHART_PAGE_SIZE)
    assert settings["discovery"]["2012"] == f"archived yearly chart, {pages} pages"
    asked = Counter(path for _, path, _ in site.truth("requests.json")["log"])
    assert asked["/year/2012/"] == 1, "the new layout is asked for once"
    assert asked["/yearly/chart/?yr=2012&p=.htm"] == 1, "the probed page is not fetched again"


def test_enqueue_and_workers_read_the_old_site(mocksite_factory, postgres_url, tmp_path) -> None:
    site = mocksite_factory("--layout", "old", "--seed", "8")
    redis_url = fresh_redis(11)
    migrated(postgres_url)
    worker = start_worker(postgres_url, redis_url, tmp_path / "old.log", site.url, name="old")
    try:
        result = enqueue(
            redis_url, postgres_url, "--years", "2010", "--base-url", site.url, "--wait"
        )
    finally:
        worker.stop()
    assert result.returncode == 0, result.stderr
    truth = truth_of(site, [2010])
    assert movie_records(postgres_url) == truth

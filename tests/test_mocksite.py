"""The imitation site over real HTTP: URL scheme, markup like the real pages, latency, caps."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from bs4 import BeautifulSoup

from boxoffice.parsing import ReleaseRecord, YearPage, decode_html, parse_page, parse_year


def get(url: str) -> requests.Response:
    return requests.get(url, timeout=30)


def test_url_scheme(mocksite) -> None:
    truth = mocksite.truth("year/2015.json")
    release_id = truth["listed"][0]
    assert get(f"{mocksite.url}/year/2015/").status_code == 200
    assert get(f"{mocksite.url}/release/{release_id}/").status_code == 200
    assert get(f"{mocksite.url}/date/2015-06-01/").status_code == 200
    robots = get(f"{mocksite.url}/robots.txt")
    assert robots.status_code == 200
    assert "User-agent: *" in robots.text
    for missing in ("/year/1850/", "/release/rl1/", "/date/2015-13-45/", "/nothing/here", "/"):
        assert get(f"{mocksite.url}{missing}").status_code == 404, missing


def test_year_page_lists_every_release_of_the_year(mocksite) -> None:
    truth = mocksite.truth("year/2016.json")
    page = parse_year(get(f"{mocksite.url}/year/2016/").text, mocksite.url)
    assert 550 <= len(page.releases) <= 900
    assert [e.release_id for e in page.releases] == truth["listed"]
    assert {r["release_id"] for r in truth["releases"]} == set(truth["listed"])
    assert page.releases[0].url == f"{mocksite.url}/release/{truth['listed'][0]}/"


def test_release_pages_parse_to_the_truth(mocksite) -> None:
    truth = mocksite.truth("year/2003.json")
    for expected in truth["releases"][:40]:
        response = get(f"{mocksite.url}/release/{expected['release_id']}/")
        assert parse_page(decode_html(response.content)) == ReleaseRecord(**expected)


def test_daily_chart_lists_releases_playing_that_day(mocksite) -> None:
    truth = mocksite.truth("date/2010-07-04.json")
    html = get(f"{mocksite.url}/date/2010-07-04/").text
    soup = BeautifulSoup(html, "lxml")
    linked = [
        a["href"].split("/")[2]
        for a in soup.select("td.mojo-field-type-release a[href^='/release/']")
    ]
    assert linked == truth["playing"]
    assert linked, "a summer day has releases playing"
    for release_id in linked[:5]:
        record = mocksite.truth(f"release/{release_id}.json")
        assert record["release_date"] <= "2010-07-04"


def test_page_sizes_like_the_real_site(mocksite) -> None:
    truth = mocksite.truth("year/2019.json")
    sizes = [
        len(get(f"{mocksite.url}/release/{release_id}/").content)
        for release_id in truth["listed"][::25]
    ]
    assert min(sizes) >= 40 * 1024
    assert max(sizes) <= 180 * 1024


def _skeleton(html: str, css_class: str) -> set[tuple[str, str]]:
    block = BeautifulSoup(html, "lxml").find(class_=css_class)
    assert block is not None, css_class
    return {(tag.name, " ".join(tag.get("class", []))) for tag in block.find_all(True)}


def test_markup_matches_the_real_pages(mocksite, realpages: Path) -> None:
    real = decode_html(
        (realpages / "new_release_rl2691925505_star_wars_force_awakens.html").read_bytes()
    )
    truth = mocksite.truth("year/2015.json")
    with_budget = next(r for r in truth["releases"] if r["budget"] and r["opening_gross"])
    mock = get(f"{mocksite.url}/release/{with_budget['release_id']}/").text
    for block in ("mojo-performance-summary-table", "mojo-summary-values"):
        assert _skeleton(mock, block) <= _skeleton(real, block), block
    real_labels = {
        span.get_text(strip=True)
        for span in BeautifulSoup(real, "lxml").select(
            ".mojo-summary-values > div > span:first-child"
        )
    }
    mock_labels = {
        span.get_text(strip=True)
        for span in BeautifulSoup(mock, "lxml").select(
            ".mojo-summary-values > div > span:first-child"
        )
    }
    assert mock_labels <= real_labels


def test_year_table_header_matches_the_real_one(mocksite, realpages: Path) -> None:
    def visible_headers(html: str) -> list[str]:
        table = BeautifulSoup(html, "lxml").find("table", class_="mojo-body-table")
        return [
            th.get_text(strip=True) for th in table.find_all("th") if "hidden" not in th["class"]
        ]

    real = decode_html((realpages / "new_year_2016_full.html").read_bytes())
    mock = get(f"{mocksite.url}/year/2016/").text
    assert visible_headers(mock) == visible_headers(real)


def test_latency_does_not_block_other_requests(mocksite_factory) -> None:
    site = mocksite_factory("--latency-ms", "300")
    release_ids = site.truth("year/2012.json")["listed"][:20]
    started = time.perf_counter()
    with ThreadPoolExecutor(20) as pool:
        statuses = list(
            pool.map(lambda r: get(f"{site.url}/release/{r}/").status_code, release_ids)
        )
    elapsed = time.perf_counter() - started
    assert statuses == [200] * 20
    assert 0.3 <= elapsed < 3.0  # 20 x 300 ms one after another would take 6 s


def test_cap_year_list(mocksite_factory) -> None:
    site = mocksite_factory("--cap-year-list", "200", "--seed", "9")
    truth = site.truth("year/2014.json")
    page = parse_page(get(f"{site.url}/year/2014/").text)
    assert isinstance(page, YearPage)
    assert len(page.releases) == 200
    assert page.capped is True
    assert len(truth["releases"]) > 200
    assert [e.release_id for e in page.releases] == truth["listed"]


def test_seed_changes_the_data(mocksite_factory, mocksite) -> None:
    other = mocksite_factory("--seed", "99")
    assert other.truth("year/2015.json") != mocksite.truth("year/2015.json")


def test_bad_port_is_one_line_error(mocksite) -> None:
    import subprocess
    import sys

    port = mocksite.url.rsplit(":", 1)[1]
    result = subprocess.run(
        [sys.executable, "-m", "mocksite.cli", "--port", port],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("bad", [["--latency-ms", "-5"], ["--port", "70000"], ["--seed", "x"]])
def test_bad_options(bad: list[str]) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "mocksite.cli", *bad], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr

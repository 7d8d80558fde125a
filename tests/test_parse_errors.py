"""A page that is not what the parser expects raises ParseError naming what is missing."""

from __future__ import annotations

import pytest

from boxoffice.parsing import ParseError, parse_page, parse_release, parse_year
from mocksite.data import Catalogue
from mocksite.pages import date_page, not_found_page, release_page, year_page


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue(seed=3, first_year=2015, last_year=2015)


def test_error_page_is_refused(catalogue: Catalogue) -> None:
    with pytest.raises(ParseError, match="not a release, year or daily chart page"):
        parse_page(not_found_page())


@pytest.mark.parametrize("keep", [0.2, 0.5, 0.9])
def test_truncated_release_page_is_refused(catalogue: Catalogue, keep: float) -> None:
    html = release_page(catalogue.year(2015)[0])
    with pytest.raises(ParseError, match="truncated"):
        parse_page(html[: int(len(html) * keep)])


def test_truncated_year_page_is_refused(catalogue: Catalogue) -> None:
    html = year_page(2015, catalogue.year(2015))
    with pytest.raises(ParseError, match="truncated"):
        parse_page(html[: len(html) // 2])


def test_date_page_round_trip(catalogue: Catalogue) -> None:
    releases = catalogue.year(2015)[:30]
    day = max(r.first_date for r in releases)
    playing = [r for r in releases if r.playing_on(day)]
    page = parse_page(date_page(day, playing))
    assert [e.release_id for e in page.releases] == [r.release_id for r in playing]
    assert [e.release_date for e in page.releases] == [r.record.release_date for r in playing]


@pytest.mark.parametrize(
    ("marker", "missing"),
    [
        ('<h1 class="a-size-extra-large">', "title"),
        ("mojo-performance-summary-table", "grosses"),
        ("mojo-summary-values", "summary"),
    ],
)
def test_release_page_without_a_block_names_it(
    catalogue: Catalogue, marker: str, missing: str
) -> None:
    html = release_page(catalogue.year(2015)[1])
    broken = html.replace(marker, "x-removed" if marker.startswith("mojo") else "<div>")
    assert broken != html
    with pytest.raises(ParseError, match=missing):
        parse_release(broken)


def test_release_page_without_any_id_is_refused(catalogue: Catalogue) -> None:
    html = release_page(catalogue.year(2015)[2])
    without_ids = html.replace("/release/rl", "/release/xx")
    with pytest.raises(ParseError, match="release id"):
        parse_release(without_ids)


def test_year_page_without_table_is_refused(catalogue: Catalogue) -> None:
    html = year_page(2015, catalogue.year(2015)[:5]).replace("mojo-body-table", "other-table")
    with pytest.raises(ParseError, match="release table"):
        parse_year(html)


def test_empty_and_garbage_input() -> None:
    for text in ("", "<html><body>hello</body></html>", "\x00\x01binary</html>"):
        with pytest.raises(ParseError):
            parse_page(text)

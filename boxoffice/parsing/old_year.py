"""Yearly chart of the archived (pre-2019) site (/yearly/chart/?yr=2015&p=.htm) -> YearPage.

The old chart lists 100 movies a page; the first page links the others ("#101-#200"), and
their URLs go in YearPage.more_pages for discovery to fetch.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from boxoffice.parsing.blocks import slim
from boxoffice.parsing.errors import ParseError
from boxoffice.parsing.records import YearEntry, YearPage
from boxoffice.parsing.values import OLD_MOVIE_ID, clean, integer, money, old_movie_url

OLD_YEAR_HEADING = re.compile(r"\b(\d{4}) DOMESTIC GROSSES\b")
_PAGE_NUMBER = re.compile(r"[?&]page=(\d+)")
_CHART_LINK = re.compile(r'href="(/yearly/chart/\?[^"]*)"')
_CHART_START = "Movie Title"
_CHART_END = "</table>"


def parse_old_year(html: str, base_url: str) -> YearPage:
    """Parse one page of an old yearly chart; URLs are made absolute against base_url."""
    heading = OLD_YEAR_HEADING.search(html)
    if heading is None:
        raise ParseError("old yearly chart: no 'YYYY DOMESTIC GROSSES' heading")
    year = int(heading.group(1))
    start = html.find(_CHART_START)
    end = html.find(_CHART_END, start) if start >= 0 else -1
    if start < 0 or end < 0:
        raise ParseError("old yearly chart: no chart table ('Movie Title' column)")
    soup = BeautifulSoup(f"<table><tr><td>{slim(html[start : end + len(_CHART_END)])}", "lxml")
    entries = [entry for row in soup.find_all("tr") if (entry := _entry(row, base_url))]
    if not entries:
        raise ParseError("old yearly chart: the chart has no movie rows")
    return YearPage(
        year=year,
        releases=entries,
        capped=False,
        more_pages=_other_pages(html, year, base_url),
    )


def _entry(row: Tag, base_url: str) -> YearEntry | None:
    """Rank | Title | Studio | Total Gross | Theaters | Opening | Theaters | Open | Close."""
    cells = row.find_all("td", recursive=False)
    link = cells[1].find("a", href=True) if len(cells) >= 9 else None
    match = OLD_MOVIE_ID.search(link["href"]) if link else None
    if link is None or match is None:
        return None
    texts = [cell.get_text(" ") for cell in cells]
    total = money(texts[3])
    return YearEntry(
        release_id=match.group(1),
        title=clean(link.get_text()) or "",
        url=old_movie_url(base_url, match.group(1)),
        gross=total,
        total_gross=total,
        theaters=integer(texts[4]),
        release_date=clean(texts[7]),
        distributor=clean(texts[2]),
    )


def _other_pages(html: str, year: int, base_url: str) -> list[str]:
    """The chart's further pages, in page order, as linked from this page."""
    found: dict[int, str] = {}
    for quoted in _CHART_LINK.findall(html):
        href = unescape(quoted)
        if f"yr={year}" not in href:
            continue
        number = _PAGE_NUMBER.search(href)
        if number and int(number.group(1)) > 1:
            found.setdefault(int(number.group(1)), urljoin(base_url + "/", href))
    return [found[number] for number in sorted(found)]

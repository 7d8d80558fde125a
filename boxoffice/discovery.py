"""Discovery: which releases a range of years holds, read from the site's year pages."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import requests

from boxoffice.errors import UserError
from boxoffice.http import fetch
from boxoffice.items import WorkItem, utcnow
from boxoffice.parsing import (
    DatePage,
    ParseError,
    YearEntry,
    YearPage,
    decode_html,
    page_kind,
    parse_date_page,
    parse_year,
)

YEAR_PAGE_FETCHERS = 8


def year_url(base_url: str, year: int) -> str:
    return f"{base_url}/year/{year}/"


def fetch_year(session: requests.Session, base_url: str, year: int) -> YearPage:
    """One year page, parsed; UserError when the site is unreachable or serves something else."""
    url = year_url(base_url, year)
    fetched = fetch(session, url)
    if fetched.status is None:
        raise UserError(f"cannot reach {base_url}: {fetched.error}")
    if fetched.error is not None:
        raise UserError(f"{url} answered HTTP {fetched.status}: is {base_url} BoxOfficeMojo?")
    html = decode_html(fetched.body)
    try:
        if page_kind(html) != "year":
            raise ParseError("it is a release page")
        page = parse_year(html, base_url)
    except ParseError as error:
        raise UserError(f"{url} is not a BoxOfficeMojo year page: {error}") from None
    if page.year != year:
        raise UserError(f"{url} is the year page of {page.year}, not {year}")
    return page


def discover(session: requests.Session, base_url: str, years: Sequence[int]) -> list[YearPage]:
    """Every year page of the range, fetched a few at a time, in year order; a capped year
    page is completed from the year's daily charts."""
    with ThreadPoolExecutor(max_workers=min(YEAR_PAGE_FETCHERS, len(years) or 1)) as pool:
        pages = list(pool.map(lambda year: fetch_year(session, base_url, year), years))
    return [complete_from_daily_charts(session, base_url, p) if p.capped else p for p in pages]


def _days_of(year: int) -> list[date]:
    last = min(date(year, 12, 31), date.today())
    return [date(year, 1, 1) + timedelta(days=n) for n in range((last - date(year, 1, 1)).days + 1)]


def fetch_date_page(session: requests.Session, base_url: str, day: date) -> DatePage | None:
    """One daily chart; None when the site has none for that day (or it will not parse)."""
    fetched = fetch(session, f"{base_url}/date/{day.isoformat()}/")
    if fetched.error is not None:
        return None
    try:
        return parse_date_page(decode_html(fetched.body), base_url)
    except ParseError:
        return None


def complete_from_daily_charts(
    session: requests.Session, base_url: str, page: YearPage
) -> YearPage:
    """The live site sometimes lists only a year's first 200 releases. Every release plays on
    its first day, so the year's daily charts name them all: add the ones first shown that
    year to what the year page listed."""
    days = _days_of(page.year)
    with ThreadPoolExecutor(max_workers=YEAR_PAGE_FETCHERS) as pool:
        charts = list(pool.map(lambda day: fetch_date_page(session, base_url, day), days))
    known = {entry.release_id for entry in page.releases}
    added: list[YearEntry] = []
    for chart in charts:
        for entry in chart.releases if chart else ():
            opened = entry.release_date or ""
            if entry.release_id not in known and opened.startswith(f"{page.year}-"):
                known.add(entry.release_id)
                added.append(YearEntry(entry.release_id, entry.title, entry.url))
    read = sum(chart is not None for chart in charts)
    return YearPage(
        year=page.year,
        releases=page.releases + added,
        capped=True,
        source=(
            f"year page capped at {len(page.releases)}, completed from {read} of "
            f"{len(days)} daily charts (+{len(added)})"
        ),
    )


def work_items(run_id: int, pages: Sequence[YearPage]) -> list[WorkItem]:
    """One item per release; a release listed in two years belongs to the first."""
    seen: set[str] = set()
    items = []
    now = utcnow()
    for page in pages:
        for entry in page.releases:
            if entry.release_id in seen:
                continue
            seen.add(entry.release_id)
            items.append(WorkItem(run_id, entry.release_id, entry.url, page.year, now))
    return items


def describe_years(years: Sequence[int]) -> str:
    """[2000, 2001, 2002, 2010] -> '2000-2002,2010'."""
    spans: list[list[int]] = []
    for year in sorted(years):
        if spans and year == spans[-1][1] + 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return ",".join(f"{a}-{b}" if a != b else str(a) for a, b in spans)


def discovery_report(pages: Sequence[YearPage]) -> dict[str, str]:
    """How each year's releases were found, for the run's settings."""
    return {str(page.year): page.source for page in pages}

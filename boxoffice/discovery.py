"""Discovery: which releases a range of years holds, read from the site's year pages.

Either layout of the site is read: the current /year/YYYY/ pages or the archived site's
/yearly/chart/?yr=YYYY&p=.htm charts (100 a page). Which one a site serves is found by asking.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import requests

from boxoffice.errors import UserError
from boxoffice.http import FetchResult, fetch
from boxoffice.items import WorkItem, utcnow
from boxoffice.parsing import (
    DatePage,
    ParseError,
    YearEntry,
    YearPage,
    decode_html,
    parse_date_page,
    parse_page,
)

YEAR_PAGE_FETCHERS = 8
LAYOUTS = ("new", "old")


def year_url(base_url: str, year: int, layout: str = "new") -> str:
    if layout == "old":
        return f"{base_url}/yearly/chart/?yr={year}&p=.htm"
    return f"{base_url}/year/{year}/"


def site_layout(session: requests.Session, base_url: str, year: int) -> tuple[str, FetchResult]:
    """'new' or 'old': whichever kind of year page the site answers for year, with that
    answer, so that the page is not fetched twice."""
    for layout in LAYOUTS:
        fetched = fetch(session, year_url(base_url, year, layout))
        if fetched.status is None:
            raise UserError(f"cannot reach {base_url}: {fetched.error}")
        if fetched.status == 200:
            return layout, fetched
    raise UserError(
        f"{base_url} has neither a /year/{year}/ page nor an archived "
        f"/yearly/chart/?yr={year} chart: is it BoxOfficeMojo?"
    )


def read_chart_page(fetched: FetchResult, base_url: str, year: int) -> YearPage:
    """One fetched year page (or one page of an old chart), parsed; UserError when the site
    was unreachable or served something else."""
    url = fetched.url
    if fetched.status is None:
        raise UserError(f"cannot reach {base_url}: {fetched.error}")
    if fetched.error is not None:
        raise UserError(f"{url} answered HTTP {fetched.status}: is {base_url} BoxOfficeMojo?")
    try:
        page = parse_page(decode_html(fetched.body), url, base_url)
        if not isinstance(page, YearPage):
            what = "a daily chart" if isinstance(page, DatePage) else "a movie page"
            raise ParseError(f"it is {what}")
    except ParseError as error:
        raise UserError(f"{url} is not a BoxOfficeMojo year page: {error}") from None
    if page.year != year:
        raise UserError(f"{url} is the year page of {page.year}, not {year}")
    return page


def fetch_year(
    session: requests.Session,
    base_url: str,
    year: int,
    layout: str,
    first: FetchResult | None = None,
) -> YearPage:
    """A year's list of releases; an old chart's further pages are fetched and joined.
    first is the chart's first page when it has been fetched already."""
    fetched = first or fetch(session, year_url(base_url, year, layout))
    page = read_chart_page(fetched, base_url, year)
    if not page.more_pages:
        return page
    rest = [read_chart_page(fetch(session, url), base_url, year) for url in page.more_pages]
    releases = page.releases + [entry for other in rest for entry in other.releases]
    source = f"archived yearly chart, {1 + len(rest)} pages"
    return YearPage(year=year, releases=releases, capped=False, source=source)


def discover(session: requests.Session, base_url: str, years: Sequence[int]) -> list[YearPage]:
    """Every year page of the range, fetched a few at a time, in year order, from whichever
    layout the site serves; a capped year page is completed from the year's daily charts."""
    if not years:
        return []
    layout, probed = site_layout(session, base_url, years[0])

    def whole_year(year: int) -> YearPage:
        return fetch_year(session, base_url, year, layout, probed if year == years[0] else None)

    with ThreadPoolExecutor(max_workers=min(YEAR_PAGE_FETCHERS, len(years))) as pool:
        pages = list(pool.map(whole_year, years))
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

"""Discovery: which releases a range of years holds, read from the site's year pages."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import requests

from boxoffice.errors import UserError
from boxoffice.http import fetch
from boxoffice.items import WorkItem, utcnow
from boxoffice.parsing import ParseError, YearPage, decode_html, page_kind, parse_year

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
    """Every year page of the range, fetched a few at a time, in year order."""
    with ThreadPoolExecutor(max_workers=min(YEAR_PAGE_FETCHERS, len(years) or 1)) as pool:
        return list(pool.map(lambda year: fetch_year(session, base_url, year), years))


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

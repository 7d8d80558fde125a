"""Daily chart (/date/YYYY-MM-DD/) -> DatePage: the releases playing that day.

Discovery reads these when a year page is capped: every release plays on its first day, so the
daily charts of a year name every release of it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bs4 import BeautifulSoup, Tag

from boxoffice.parsing.blocks import between, slim
from boxoffice.parsing.errors import ParseError, require_complete
from boxoffice.parsing.records import DateEntry, DatePage
from boxoffice.parsing.values import RELEASE_ID, clean, integer, iso_date, release_url
from boxoffice.parsing.year import SITE_ROOT

_HEADING = re.compile(r"Domestic Box Office For ([A-Z][a-z]+\.? \d{1,2}, \d{4})")


def parse_date_page(html: str, base_url: str = SITE_ROOT) -> DatePage:
    require_complete(html)
    heading = _HEADING.search(html)
    day_text = iso_date(heading.group(1)) if heading else None
    if day_text is None:
        raise ParseError("daily chart: no 'Domestic Box Office For <date>' heading")
    day = date.fromisoformat(day_text)
    table_html = between(html, "mojo-body-table", "</table>", include_end=True)
    soup = BeautifulSoup(slim(table_html or html), "lxml")
    table = soup.find("table", class_="mojo-body-table")
    if table is None:
        raise ParseError("daily chart: no release table (mojo-body-table)")
    entries = [e for row in table.find_all("tr") if (e := _entry(row, day, base_url))]
    return DatePage(date=day.isoformat(), releases=entries)


def _entry(row: Tag, day: date, base_url: str) -> DateEntry | None:
    cells = row.find_all("td", recursive=False)
    release = next((c for c in cells if "mojo-field-type-release" in c.get("class", ())), None)
    link = release.find("a", href=True) if release else None
    match = RELEASE_ID.search(link["href"]) if link else None
    if match is None:
        return None
    # The "Days" column is the last positive integer: days in release, 1 on the first day.
    counts = [
        c
        for c in cells
        if "mojo-field-type-positive_integer" in c.get("class", ())
        and "hidden" not in c.get("class", ())
    ]
    days = integer(counts[-1].get_text()) if counts else None
    release_id = match.group(1)
    return DateEntry(
        release_id=release_id,
        title=clean(link.get_text()) or "",
        url=release_url(base_url, release_id),
        days_in_release=days,
        release_date=(day - timedelta(days=days - 1)).isoformat() if days else None,
    )

"""Year chart (/year/YYYY/) -> YearPage: every release row of the chart's one table."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from boxoffice.parsing.blocks import between, slim
from boxoffice.parsing.errors import ParseError
from boxoffice.parsing.records import YearEntry, YearPage
from boxoffice.parsing.values import RELEASE_ID, clean, integer, money, release_url

YEAR_LIST_CAP = 200
"""The live site sometimes lists only this many rows of a year, with no way to page further."""

_YEAR_HEADING = re.compile(r"Domestic Box Office For (\d{4})\b")
SITE_ROOT = "https://www.boxofficemojo.com"


def parse_year(html: str, base_url: str = SITE_ROOT) -> YearPage:
    """Parse a year chart; URLs are made absolute against base_url, without tracking queries."""
    heading = _YEAR_HEADING.search(html)
    if heading is None:
        raise ParseError("year page: no 'Domestic Box Office For YYYY' heading")
    table_html = between(html, "mojo-body-table", "</table>", include_end=True)
    soup = BeautifulSoup(slim(table_html if table_html is not None else html), "lxml")
    table = soup.find("table", class_="mojo-body-table")
    if table is None:
        raise ParseError("year page: no release table (mojo-body-table)")
    entries = [entry for row in table.find_all("tr") if (entry := _entry(row, base_url))]
    if not entries:
        raise ParseError("year page: the release table has no release rows")
    return YearPage(
        year=int(heading.group(1)),
        releases=entries,
        capped=len(entries) == YEAR_LIST_CAP,
    )


def _cells_by_type(row: Tag) -> dict[str, list[Tag]]:
    """The row's visible cells grouped by their mojo-field-type-* class, in column order."""
    grouped: dict[str, list[Tag]] = {}
    for cell in row.find_all("td", recursive=False):
        classes = cell.get("class", ())
        if "hidden" in classes:
            continue
        for css in classes:
            if css.startswith("mojo-field-type-"):
                grouped.setdefault(css[16:], []).append(cell)
    return grouped


def _text(cells: dict[str, list[Tag]], field_type: str, index: int = 0) -> str | None:
    found = cells.get(field_type, ())
    return found[index].get_text() if len(found) > index else None


def _entry(row: Tag, base_url: str) -> YearEntry | None:
    cells = _cells_by_type(row)
    release_cells = cells.get("release")
    link = release_cells[0].find("a", href=True) if release_cells else None
    if link is None:
        return None
    match = RELEASE_ID.search(link["href"])
    if match is None:
        return None
    release_id = match.group(1)
    return YearEntry(
        release_id=release_id,
        title=clean(link.get_text()) or "",
        url=release_url(base_url, release_id),
        gross=money(_text(cells, "money", 0)),
        total_gross=money(_text(cells, "money", 1)),
        theaters=integer(_text(cells, "positive_integer")),
        release_date=clean(_text(cells, "date")),
        distributor=clean(_text(cells, "studio")),
    )

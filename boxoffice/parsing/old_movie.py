"""Movie page of the archived (pre-2019) site (/movies/?id=slug.htm) -> ReleaseRecord.

The old site laid a movie out in tables: a header table of "Label: <b>value</b>" cells, a
"Total Lifetime Grosses" box (div#grosses) and a "Domestic Summary" box (div#summary). Saved
copies carry dump artefacts (literal \\r\\n between tags), so values are read from cells only.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from boxoffice.parsing.blocks import between, slim
from boxoffice.parsing.errors import ParseError, require_complete
from boxoffice.parsing.records import ReleaseRecord
from boxoffice.parsing.values import (
    OLD_MOVIE_ID,
    clean,
    date_from_href,
    integer,
    iso_date,
    money,
    runtime_minutes,
)

OLD_MOVIE_MARKER = "Domestic Total Gross:"
_TITLE_FONT = '<font face="Verdana" size="6">'
_THEATERS = re.compile(r"([\d,]+)\s*theaters")
_CURRENT_TAB = re.compile(r'nav_tab_current"><a href="([^"]+)"')
_NO_GENRE = {"unknown"}


def parse_old_movie(html: str, url: str | None = None) -> ReleaseRecord:
    """Parse an archived movie page; release_id is the page's slug ('themaster')."""
    require_complete(html)
    fragment = between(html, _TITLE_FONT, "The Players")
    soup = BeautifulSoup(slim(fragment if fragment is not None else html), "lxml")
    heading = soup.find("font", attrs={"size": "6"})
    title = clean(heading.get_text()) if heading else None
    if not title:
        raise ParseError("old movie page: no title (the size 6 heading)")
    release_id = _movie_id(html, url)
    if release_id is None:
        raise ParseError("old movie page: no movie id (/movies/?id=….htm) in its links")
    record = ReleaseRecord(release_id=release_id, title=title)
    if not _read_header(soup, record):
        raise ParseError(f"old movie page: no '{OLD_MOVIE_MARKER}' header")
    grosses = soup.find("div", id="grosses")
    if isinstance(grosses, Tag):
        _read_grosses(grosses, record)
    summary = soup.find("div", id="summary")
    if isinstance(summary, Tag):
        _read_summary(summary, record)
    return record


def _movie_id(html: str, url: str | None) -> str | None:
    current = _CURRENT_TAB.search(html)
    for candidate in (current.group(1) if current else None, url):
        match = OLD_MOVIE_ID.search(candidate or "")
        if match:
            return match.group(1)
    match = OLD_MOVIE_ID.search(html)
    return match.group(1) if match else None


def _label_and_value(cell: Tag) -> tuple[str, Tag] | None:
    """'Runtime: <b>2 hrs. 17 min.</b>' -> ('runtime', <b>)."""
    value = cell.find("b")
    label = cell.find(string=True)
    if value is None or label is None or ":" not in label:
        return None
    return label.split(":")[0].strip().lower(), value


def _read_header(soup: BeautifulSoup, record: ReleaseRecord) -> bool:
    found = False
    for cell in soup.find_all("td"):
        labelled = _label_and_value(cell)
        if labelled is None:
            continue
        label, value = labelled
        text = value.get_text(" ")
        if label == "domestic total gross":
            found = True
            record.domestic_gross = money(text)
        elif label == "distributor":
            record.distributor = clean(text)
        elif label == "release date":
            link = value.find("a", href=True)
            record.release_date = (date_from_href(link["href"]) if link else None) or iso_date(text)
        elif label == "genre":
            genre = clean(text)
            record.genres = [genre] if genre and genre.lower() not in _NO_GENRE else []
        elif label == "runtime":
            record.runtime_minutes = runtime_minutes(text)
        elif label == "mpaa rating":
            record.mpaa_rating = clean(text)
        elif label == "production budget":
            record.budget = money(text)
    return found


def _rows(block: Tag) -> list[list[str]]:
    """Each table row of a box as its cells' texts, non-breaking spaces folded."""
    return [
        [" ".join(cell.get_text(" ").split()) for cell in row.find_all("td")]
        for row in block.find_all("tr")
    ]


def _read_grosses(block: Tag, record: ReleaseRecord) -> None:
    for cells in _rows(block):
        if len(cells) < 2:
            continue
        label = cells[0].lstrip("+= ").rstrip(":").strip().lower()
        if label == "domestic" and record.domestic_gross is None:
            record.domestic_gross = money(cells[1])
        elif label == "foreign":
            record.international_gross = money(cells[1])
        elif label == "worldwide":
            record.worldwide_gross = money(cells[1])


def _read_summary(block: Tag, record: ReleaseRecord) -> None:
    """The first opening weekend (limited, when there were two) and the widest release."""
    rows = _rows(block)
    for index, cells in enumerate(rows):
        label = cells[0].rstrip(":").lower() if cells else ""
        if label.endswith("opening weekend") and record.opening_gross is None and len(cells) > 1:
            record.opening_gross = money(cells[1])
            detail = rows[index + 1][0] if index + 1 < len(rows) and rows[index + 1] else ""
            theaters = _THEATERS.search(detail)
            record.opening_theaters = integer(theaters.group(1)) if theaters else None
        elif label == "widest release" and len(cells) > 1:
            record.widest_release_theaters = integer(cells[1])

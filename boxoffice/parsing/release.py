"""Release page (/release/rl…/) -> ReleaseRecord."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from boxoffice.parsing.blocks import between, slim
from boxoffice.parsing.errors import ParseError, require_complete
from boxoffice.parsing.records import ReleaseRecord
from boxoffice.parsing.values import (
    RELEASE_ID,
    clean,
    date_from_href,
    integer,
    iso_date,
    money,
    runtime_minutes,
)

_SELECTED_RELEASE = re.compile(r'<option value="/release/(rl\d+)/" selected')
_IMDB_ID = re.compile(r"/title/(tt\d+)")
_THEATERS = re.compile(r"([\d,]+)\s*theaters")
_LABEL_PREFIXES = ("domestic ", "earliest ")


def parse_release(html: str, url: str | None = None) -> ReleaseRecord:
    """Parse a release page; raise ParseError naming what is missing rather than guess."""
    require_complete(html)
    fragment = _summary_fragment(html)
    soup = BeautifulSoup(fragment if fragment is not None else html, "lxml")
    heading = soup.find("h1")
    if heading is None:
        raise ParseError("release page: no title (h1) found")
    title = clean(heading.get_text())
    if not title:
        raise ParseError("release page: the title (h1) is empty")
    grosses = soup.find("div", class_="mojo-performance-summary-table")
    if grosses is None:
        raise ParseError("release page: no grosses block (mojo-performance-summary-table)")
    summary = soup.find("div", class_="mojo-summary-values")
    if summary is None:
        raise ParseError("release page: no summary block (mojo-summary-values)")
    release_id = _release_id(html, soup, url)
    if release_id is None:
        raise ParseError("release page: no release id (rl…) in its links")
    record = ReleaseRecord(release_id=release_id, title=title)
    _read_grosses(grosses, record)
    _read_summary(summary, record)
    return record


def _summary_fragment(html: str) -> str | None:
    """The h1, the grosses, the summary values and the tab bar: every field, ~10% of the page."""
    heading = between(html, "<h1", "</h1>", include_end=True)
    grosses = between(html, "mojo-performance-summary-table", "mojo-mobile-title-summary-pro-cta")
    summary = between(html, "mojo-summary-values", 'id="tabs"')
    tabs = between(html, 'id="tabs"', "</div>", include_end=True)
    parts = (heading, grosses, summary, tabs)
    if any(part is None for part in parts):
        return None
    return slim("".join(parts))


def _release_id(html: str, soup: BeautifulSoup, url: str | None) -> str | None:
    tabs = soup.find(id="tabs")
    for link in tabs.find_all("a", href=True) if isinstance(tabs, Tag) else ():
        match = RELEASE_ID.search(link["href"])
        if match:
            return match.group(1)
    selected = _SELECTED_RELEASE.search(html)
    if selected:
        return selected.group(1)
    from_url = RELEASE_ID.search(url or "")
    return from_url.group(1) if from_url else None


def _read_grosses(block: Tag, record: ReleaseRecord) -> None:
    for row in block.find_all("div", recursive=False):
        label_span = row.find("span")
        label = clean(label_span.get_text()) if label_span else None
        if not label:
            continue
        amount = row.find("span", class_="money")
        value = money(amount.get_text()) if amount else None
        key = label.split("(")[0].strip().lower()
        if key == "domestic":
            record.domestic_gross = value
        elif key == "international":
            record.international_gross = value
        elif key == "worldwide":
            record.worldwide_gross = value


def _normalise_label(text: str) -> str:
    """'Release Date (Wide)' -> 'release date'; 'Domestic Distributor' -> 'distributor'."""
    label = text.split("(")[0].strip().lower()
    for prefix in _LABEL_PREFIXES:
        if label.startswith(prefix):
            label = label[len(prefix) :]
    return label


def _read_summary(block: Tag, record: ReleaseRecord) -> None:
    for row in block.find_all("div", recursive=False):
        spans = row.find_all("span", recursive=False)
        if len(spans) < 2:
            continue
        label = _normalise_label(spans[0].get_text())
        value = spans[1]
        text = value.get_text("\n")
        if label == "distributor":
            record.distributor = clean(next(value.stripped_strings, None))
        elif label == "opening":
            amount = value.find("span", class_="money")
            record.opening_gross = money(amount.get_text() if amount else text)
            theaters = _THEATERS.search(text)
            record.opening_theaters = integer(theaters.group(1)) if theaters else None
        elif label == "budget":
            record.budget = money(text)
        elif label == "release date":
            record.release_date = _first_release_date(value)
        elif label == "mpaa":
            record.mpaa_rating = clean(text)
        elif label == "running time":
            record.runtime_minutes = runtime_minutes(text)
        elif label == "genres":
            record.genres = [genre for line in text.splitlines() if (genre := clean(line))]
        elif label == "widest release":
            record.widest_release_theaters = integer(text)
        elif label == "imdbpro":
            link = value.find("a", href=_IMDB_ID)
            record.imdb_id = _IMDB_ID.search(link["href"]).group(1) if link else None


def _first_release_date(value: Tag) -> str | None:
    link = value.find("a", href=True)
    from_link = date_from_href(link["href"]) if link else None
    if from_link:
        return from_link
    first = re.split(r"\s[-–]\s", " ".join(value.get_text(" ").split()))[0]
    return iso_date(first)

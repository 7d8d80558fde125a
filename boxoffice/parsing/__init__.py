"""Page parsing: detect what a page is, then read its fields with BeautifulSoup.

page = parse_page(html)            # ReleaseRecord, YearPage or DatePage, or raises ParseError

Both layouts of the site are read: the current one (since 2019: /release/rl…/, /year/YYYY/)
and the archived one (/movies/?id=slug.htm, /yearly/chart/?yr=YYYY&p=.htm). The layout is
told from the page itself.
"""

from __future__ import annotations

import re

from boxoffice.parsing.daily import parse_date_page
from boxoffice.parsing.errors import ParseError, TruncatedPage, require_complete
from boxoffice.parsing.old_movie import OLD_MOVIE_MARKER, parse_old_movie
from boxoffice.parsing.old_year import OLD_YEAR_HEADING, parse_old_year
from boxoffice.parsing.records import (
    RELEASE_FIELDS,
    DateEntry,
    DatePage,
    ReleaseRecord,
    YearEntry,
    YearPage,
)
from boxoffice.parsing.release import parse_release
from boxoffice.parsing.values import decode_html
from boxoffice.parsing.year import SITE_ROOT, YEAR_LIST_CAP, parse_year

__all__ = [
    "RELEASE_FIELDS",
    "SITE_ROOT",
    "YEAR_LIST_CAP",
    "DateEntry",
    "DatePage",
    "ParseError",
    "ReleaseRecord",
    "TruncatedPage",
    "YearEntry",
    "YearPage",
    "decode_html",
    "page_kind",
    "page_layout",
    "parse_date_page",
    "parse_movie",
    "parse_old_movie",
    "parse_old_year",
    "parse_page",
    "parse_release",
    "parse_year",
]

_PAGE_ID = re.compile(r"\bpage-id-([a-z]+)\b")
_PAGE_KINDS = {"rl": "release", "yld": "year", "da": "date"}
_OTHER_PAGE_KINDS = {
    "di": "a daily overview",
    "ydw": "a worldwide year chart",
    "tt": "a title summary",
    "gr": "a release group",
}


def page_layout(html: str) -> str:
    """'old' for a page of the archived (pre-2019) site, else 'new'."""
    if "page-id-" in html or 'class="a-section' in html:
        return "new"
    return "old" if "/movies/?" in html or "/yearly/" in html else "new"


def page_kind(html: str) -> str:
    """'release', 'year' or 'date' (in either layout); ParseError for any other page, saying
    what it is."""
    return _identify(html)[0]


def _identify(html: str) -> tuple[str, str]:
    """(kind, layout) of a page, looking at it once."""
    require_complete(html)
    layout = page_layout(html)
    kind = _old_page_kind(html) if layout == "old" else _new_page_kind(html)
    return kind, layout


def _new_page_kind(html: str) -> str:
    at = html.find("page-id-")
    match = _PAGE_ID.search(html, at - 1) if at >= 0 else None
    if match:
        code = match.group(1)
        if code in _PAGE_KINDS:
            return _PAGE_KINDS[code]
        what = _OTHER_PAGE_KINDS.get(code, f"page id '{code}'")
        raise ParseError(f"not a release, year or daily chart page: it is {what}")
    if "mojo-summary-values" in html:
        return "release"
    if "mojo-field-type-release" in html and "Domestic Box Office For" in html:
        return "year"
    raise ParseError("not a release, year or daily chart page: no BoxOfficeMojo page markers")


def _old_page_kind(html: str) -> str:
    if OLD_MOVIE_MARKER in html:
        return "release"
    if OLD_YEAR_HEADING.search(html):
        return "year"
    if "Weekend Box Office" in html and "/weekend/chart/" in html:
        raise ParseError("not a movie or yearly chart page: it is an old weekend chart")
    raise ParseError("not a movie or yearly chart page of the archived site")


def parse_movie(html: str, url: str | None = None) -> ReleaseRecord:
    """A movie page of either layout -> ReleaseRecord; ParseError for any other page."""
    kind, layout = _identify(html)
    if kind != "release":
        raise ParseError(f"not a movie page: it is a {kind} chart")
    return parse_old_movie(html, url) if layout == "old" else parse_release(html, url)


def parse_page(
    html: str, url: str | None = None, base_url: str = SITE_ROOT
) -> ReleaseRecord | YearPage | DatePage:
    """Parse a movie, year or daily chart page of either layout, detecting which from the page."""
    kind, layout = _identify(html)
    old = layout == "old"
    if kind == "release":
        return parse_old_movie(html, url) if old else parse_release(html, url)
    if kind == "date":
        return parse_date_page(html, base_url)
    return parse_old_year(html, base_url) if old else parse_year(html, base_url)

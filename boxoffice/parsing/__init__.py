"""Page parsing: detect what a page is, then read its fields with BeautifulSoup.

page = parse_page(html)            # ReleaseRecord or YearPage, or raises ParseError
"""

from __future__ import annotations

import re

from boxoffice.parsing.daily import parse_date_page
from boxoffice.parsing.errors import ParseError, TruncatedPage, require_complete
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
    "parse_date_page",
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


def page_kind(html: str) -> str:
    """'release', 'year' or 'date'; ParseError for any other page, saying what it is."""
    require_complete(html)
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


def parse_page(html: str, url: str | None = None) -> ReleaseRecord | YearPage | DatePage:
    """Parse a release, year or daily chart page, detecting which from the page itself."""
    kind = page_kind(html)
    if kind == "release":
        return parse_release(html, url)
    if kind == "date":
        return parse_date_page(html)
    return parse_year(html)

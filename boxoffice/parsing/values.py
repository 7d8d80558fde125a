"""Converters from the site's display text ("$936,662,225", "2 hr 18 min") to typed values."""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urljoin

_MISSING = {"", "-", "–", "—", "n/a", "N/A"}
RELEASE_ID = re.compile(r"/release/(rl\d+)/")
"""A release link or URL: /release/rl2691925505/ (with or without a tracking query)."""
OLD_MOVIE_ID = re.compile(r"/movies/\?(?:[^\"'#<>]*?&(?:amp;)?)?id=([\w.-]+?)\.htm")
"""A movie link or URL of the archived (pre-2019) site: /movies/?id=themaster.htm."""
_DIGITS = re.compile(r"\d[\d,]*")
_RUNTIME = re.compile(r"^(?:(\d+)\s*hrs?\.?)?\s*(?:(\d+)\s*min\.?)?$")
_MILLIONS = re.compile(r"\$\s*(\d+(?:\.\d+)?)\s*million", re.IGNORECASE)
_DATE_FORMATS = ("%b %d, %Y", "%B %d, %Y", "%Y-%m-%d")


def decode_html(raw: bytes) -> str:
    """Decode a page: UTF-8 as the site declares, cp1252 for pages saved on Windows."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def clean(text: str | None) -> str | None:
    """Collapse white space; the site's placeholders for "no value" become None."""
    if text is None:
        return None
    folded = " ".join(text.split())
    return None if folded in _MISSING else folded


def money(text: str | None) -> int | None:
    """'$1,131,561,399' -> 1131561399; the old site's '$150 million' -> 150000000; a dash,
    'N/A' or empty cell -> None."""
    folded = clean(text)
    if folded is None:
        return None
    millions = _MILLIONS.search(folded)
    if millions:
        return round(float(millions.group(1)) * 1_000_000)
    match = _DIGITS.search(folded)
    if match is None or "$" not in folded:
        return None
    return int(match.group(0).replace(",", ""))


def integer(text: str | None) -> int | None:
    """'4,134 theaters' -> 4134; a dash -> None."""
    folded = clean(text)
    if folded is None:
        return None
    match = _DIGITS.search(folded)
    return int(match.group(0).replace(",", "")) if match else None


def runtime_minutes(text: str | None) -> int | None:
    """'2 hr 18 min' -> 138, '2 hr' -> 120, '58 min' -> 58; the old site's '2 hrs. 17 min.'."""
    folded = clean(text)
    if folded is None:
        return None
    match = _RUNTIME.match(folded)
    if match is None or not any(match.groups()):
        return None
    hours, minutes = (int(group) if group else 0 for group in match.groups())
    return hours * 60 + minutes


def iso_date(text: str | None) -> str | None:
    """'Dec 18, 2015' or 'July 19, 2023 (APAC, EMEA)' -> '2015-12-18'."""
    folded = clean(text)
    if folded is None:
        return None
    folded = folded.split(" (", 1)[0].replace("Sept ", "Sep ")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(folded, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def date_from_href(href: str | None) -> str | None:
    """'/date/2015-12-18/?ref_=…' or the old site's '/schedule/?…&date=2012-09-14&p=.htm' ->
    the ISO date."""
    if not href:
        return None
    match = re.search(r"(?:/date/|[?&]date=)(\d{4}-\d{2}-\d{2})\b", href)
    if match is None:
        return None
    return date.fromisoformat(match.group(1)).isoformat()


def release_url(base_url: str, release_id: str) -> str:
    """The release page's URL on the site at base_url, without tracking queries."""
    return urljoin(base_url.rstrip("/") + "/", f"release/{release_id}/")


def old_movie_url(base_url: str, movie_id: str) -> str:
    """The archived site's movie page URL: /movies/?id=<slug>.htm."""
    return urljoin(base_url.rstrip("/") + "/", f"movies/?id={movie_id}.htm")

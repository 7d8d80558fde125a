"""The typed records the parsers return; their fields are the `movies` table's columns."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class ReleaseRecord:
    """One release page: every field is None where the page shows no value."""

    release_id: str
    title: str
    imdb_id: str | None = None
    release_date: str | None = None
    distributor: str | None = None
    mpaa_rating: str | None = None
    runtime_minutes: int | None = None
    genres: list[str] = field(default_factory=list)
    domestic_gross: int | None = None
    international_gross: int | None = None
    worldwide_gross: int | None = None
    opening_gross: int | None = None
    opening_theaters: int | None = None
    widest_release_theaters: int | None = None
    budget: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


RELEASE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ReleaseRecord))


@dataclass
class YearEntry:
    """One row of a year chart. release_date is the chart's text ("Nov 17"): it carries no year."""

    release_id: str
    title: str
    url: str
    gross: int | None = None
    total_gross: int | None = None
    theaters: int | None = None
    release_date: str | None = None
    distributor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class YearPage:
    """A year chart. capped is True when it lists exactly the site's cap, so rows may be missing."""

    year: int
    releases: list[YearEntry]
    capped: bool
    source: str = "year page"
    """How the releases were found: the year page alone, or completed from daily charts."""
    more_pages: list[str] = field(default_factory=list)
    """Further pages of the same chart to fetch (the archived site's 100-a-page charts)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "releases": [entry.to_dict() for entry in self.releases],
            "capped": self.capped,
        }


@dataclass
class DateEntry:
    """One row of a daily chart; release_date is worked out from the days in release."""

    release_id: str
    title: str
    url: str
    days_in_release: int | None
    release_date: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DatePage:
    """A daily chart (/date/YYYY-MM-DD/): the releases playing that day."""

    date: str
    releases: list[DateEntry]

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "releases": [entry.to_dict() for entry in self.releases]}

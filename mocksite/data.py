"""Deterministic catalogue of releases, generated from a seed, with the gaps real pages have."""

from __future__ import annotations

import bisect
import math
import random
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property

from boxoffice.parsing.records import ReleaseRecord

FIRST_YEAR = 2000
LAST_YEAR = 2025
RELEASES_PER_YEAR = (550, 900)
SLUG_LENGTH = 24
_NOT_SLUG = re.compile(r"[^a-z0-9]")

_ADJECTIVES = (
    "Last",
    "Silent",
    "Broken",
    "Golden",
    "Hidden",
    "Dark",
    "Lost",
    "Wild",
    "Frozen",
    "Crimson",
    "Secret",
    "Little",
    "Endless",
    "Electric",
    "Burning",
    "Quiet",
    "Savage",
    "Velvet",
    "Iron",
    "Midnight",
    "Hollow",
    "Bright",
    "Distant",
    "Restless",
    "Sweet",
)
_NOUNS = (
    "River",
    "Kingdom",
    "Summer",
    "Stranger",
    "Garden",
    "Empire",
    "Heart",
    "Mountain",
    "Promise",
    "Shadow",
    "Harbor",
    "Detective",
    "Orchard",
    "Signal",
    "Winter",
    "Highway",
    "Island",
    "Crown",
    "Voyage",
    "Witness",
    "Machine",
    "Ballad",
    "Frontier",
    "Dragon",
    "Echo",
)
_SUBTITLES = (
    "The Return",
    "Rise of the Fallen",
    "A New Dawn",
    "Part Two",
    "Reckoning",
    "Homecoming",
    "Les Misérables",
    "Tom & Jerry's Revenge",
    "Don't Look Back",
)
_DISTRIBUTORS = (
    "Walt Disney Studios Motion Pictures",
    "Warner Bros.",
    "Universal Pictures",
    "Sony Pictures Entertainment (SPE)",
    "Paramount Pictures",
    "Twentieth Century Fox",
    "Lionsgate",
    "Focus Features",
    "Fox Searchlight Pictures",
    "Miramax",
    "A24",
    "Roadside Attractions",
    "Magnolia Pictures",
    "IFC Films",
    "China Lion Film Distribution",
    "Sony Pictures Classics",
    "Neon",
    "STX Entertainment",
    "The Weinstein Company",
    "Bleecker Street Media",
    "Strand Releasing",
    "Music Box Films",
    "Well Go USA Entertainment",
    "Open Road Films (II)",
    "Entertainment Studios Motion Pictures",
)
_GENRES = (
    "Action",
    "Adventure",
    "Animation",
    "Biography",
    "Comedy",
    "Crime",
    "Documentary",
    "Drama",
    "Family",
    "Fantasy",
    "History",
    "Horror",
    "Music",
    "Musical",
    "Mystery",
    "Romance",
    "Sci-Fi",
    "Sport",
    "Thriller",
    "War",
    "Western",
)
_RATINGS = ("G", "PG", "PG-13", "R", "NC-17")


@dataclass(frozen=True)
class Release:
    """A release as the site knows it: the record a parser must read back, plus page details."""

    record: ReleaseRecord
    year: int
    first_date: date
    last_date: date
    seed: int

    @property
    def release_id(self) -> str:
        return self.record.release_id

    @property
    def days_in_release(self) -> int:
        return (self.last_date - self.first_date).days + 1

    def playing_on(self, day: date) -> bool:
        return self.first_date <= day <= self.last_date


def _title(rng: random.Random) -> str:
    shape = rng.random()
    base = f"The {rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)}"
    if shape < 0.5:
        return base
    if shape < 0.7:
        return f"{rng.choice(_NOUNS)} {rng.randint(2, 4)}"
    if shape < 0.9:
        return f"{base}: {rng.choice(_SUBTITLES)}"
    return f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)}s"


def _log_uniform(rng: random.Random, low: float, high: float) -> int:
    """Most releases are small and a few are huge, as on the real charts."""
    return int(10 ** rng.uniform(math.log10(low), math.log10(high)))


def _release(rng: random.Random, release_id: str, year: int) -> Release:
    first = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    days = _log_uniform(rng, 7, 400)
    domestic = max(_log_uniform(rng, 1_000, 900_000_000), 50)
    opening_share = rng.uniform(0.05, 0.45)
    widest = max(1, min(4_700, int(domestic / rng.uniform(8_000, 200_000)) + 1))
    has_opening = rng.random() > 0.15
    international = int(domestic * rng.uniform(0.1, 3.0)) if rng.random() > 0.4 else None
    record = ReleaseRecord(
        release_id=release_id,
        title=_title(rng),
        imdb_id=f"tt{rng.randrange(100_000, 9_999_999):07d}" if rng.random() > 0.03 else None,
        release_date=first.isoformat(),
        distributor=rng.choice(_DISTRIBUTORS) if rng.random() > 0.02 else None,
        mpaa_rating=rng.choice(_RATINGS) if rng.random() > 0.35 else None,
        runtime_minutes=rng.randint(75, 190) if rng.random() > 0.05 else None,
        genres=sorted(rng.sample(_GENRES, rng.randint(1, 5))) if rng.random() > 0.03 else [],
        domestic_gross=domestic,
        international_gross=international,
        worldwide_gross=domestic + (international or 0),
        opening_gross=int(domestic * opening_share) if has_opening else None,
        opening_theaters=max(1, int(widest * rng.uniform(0.5, 1.0))) if has_opening else None,
        widest_release_theaters=widest,
        budget=rng.randrange(1, 300) * 1_000_000 if rng.random() < 0.25 else None,
    )
    return Release(
        record=record,
        year=year,
        first_date=first,
        last_date=first + timedelta(days=days - 1),
        seed=rng.randrange(2**31),
    )


class Catalogue:
    """Every release of every year the site serves, generated once from the seed."""

    def __init__(self, seed: int = 1, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR):
        self.seed = seed
        self.first_year = first_year
        self.last_year = last_year
        self._by_year: dict[int, list[Release]] = {}
        self._by_id: dict[str, Release] = {}
        taken: set[str] = set()
        for year in range(first_year, last_year + 1):
            rng = random.Random(f"{seed}:{year}")
            releases = []
            for _ in range(rng.randint(*RELEASES_PER_YEAR)):
                release_id = f"rl{rng.randrange(10_000_000, 4_294_967_295)}"
                while release_id in taken:
                    release_id = f"rl{rng.randrange(10_000_000, 4_294_967_295)}"
                taken.add(release_id)
                releases.append(_release(rng, release_id, year))
            releases.sort(key=lambda r: (-(r.record.domestic_gross or 0), r.release_id))
            self._by_year[year] = releases
            self._by_id.update((r.release_id, r) for r in releases)

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    def year(self, year: int) -> list[Release]:
        """A year's releases in chart order (domestic gross, highest first)."""
        return self._by_year.get(year, [])

    def release(self, release_id: str) -> Release | None:
        return self._by_id.get(release_id)

    @cached_property
    def _by_first_date(self) -> tuple[list[date], list[Release]]:
        ordered = sorted(self._by_id.values(), key=lambda r: (r.first_date, r.release_id))
        return [r.first_date for r in ordered], ordered

    def playing_on(self, day: date) -> list[Release]:
        """Releases in theaters on that day, highest domestic gross first (the daily chart)."""
        starts, ordered = self._by_first_date
        upper = bisect.bisect_right(starts, day)
        lower = bisect.bisect_left(starts, day - timedelta(days=400))
        playing = [r for r in ordered[lower:upper] if r.playing_on(day)]
        return sorted(playing, key=lambda r: (-(r.record.domestic_gross or 0), r.release_id))

    @cached_property
    def _slugs(self) -> tuple[dict[str, str], dict[str, Release]]:
        """The archived site's movie ids: the title's letters and digits ('thelastriver'),
        numbered from 2 when a title repeats ('thelastriver2'), as the old site did."""
        by_release: dict[str, str] = {}
        by_slug: dict[str, Release] = {}
        for year in self.years:
            for release in self._by_year[year]:
                base = _NOT_SLUG.sub("", release.record.title.lower())[: SLUG_LENGTH - 4] or "movie"
                slug, number = base, 1
                while slug in by_slug:
                    number += 1
                    slug = f"{base}{number}"
                by_release[release.release_id] = slug
                by_slug[slug] = release
        return by_release, by_slug

    def slug(self, release: Release) -> str:
        return self._slugs[0][release.release_id]

    def by_slug(self, slug: str) -> Release | None:
        return self._slugs[1].get(slug)

    def old_record(self, release: Release) -> ReleaseRecord:
        """What the archived site's movie page shows: the slug as id, one genre, no IMDb id."""
        record = release.record
        return replace(
            record, release_id=self.slug(release), imdb_id=None, genres=record.genres[:1]
        )

"""Imitation page -> parser -> exactly the record the site generated."""

from __future__ import annotations

import random

from boxoffice.parsing import YearPage, decode_html, parse_page
from mocksite.data import Catalogue
from mocksite.pages import release_page, year_page


def test_thousand_random_releases_round_trip() -> None:
    catalogue = Catalogue(seed=11)
    everything = [r for year in catalogue.years for r in catalogue.year(year)]
    sample = random.Random(5).sample(everything, 1000)
    mismatched = [
        release.release_id
        for release in sample
        if parse_page(decode_html(release_page(release).encode())) != release.record
    ]
    assert mismatched == []


def test_generated_data_has_the_gaps_real_pages_have() -> None:
    records = [r.record for r in Catalogue(seed=11).year(2012)]
    assert 550 <= len(records) <= 900
    missing_budget = sum(r.budget is None for r in records)
    assert missing_budget > len(records) / 2
    for field in ("mpaa_rating", "international_gross", "opening_gross", "imdb_id"):
        assert any(getattr(r, field) is None for r in records), field
        assert any(getattr(r, field) is not None for r in records), field


def test_year_page_round_trip() -> None:
    catalogue = Catalogue(seed=2, first_year=2007, last_year=2007)
    releases = catalogue.year(2007)
    page = parse_page(year_page(2007, releases))
    assert isinstance(page, YearPage)
    assert page.year == 2007
    assert [e.release_id for e in page.releases] == [r.release_id for r in releases]
    assert [e.title for e in page.releases] == [r.record.title for r in releases]
    assert [e.total_gross for e in page.releases] == [r.record.domestic_gross for r in releases]
    assert [e.distributor for e in page.releases] == [r.record.distributor for r in releases]
    assert page.capped is False
    assert parse_page(year_page(2007, releases[:200])).capped is True


def test_same_seed_same_catalogue_other_seed_other() -> None:
    first = [r.record for r in Catalogue(seed=4, first_year=2001, last_year=2001).year(2001)]
    again = [r.record for r in Catalogue(seed=4, first_year=2001, last_year=2001).year(2001)]
    other = [r.record for r in Catalogue(seed=5, first_year=2001, last_year=2001).year(2001)]
    assert first == again
    assert first != other

"""The parsers read the real saved pages of the site (../shared/realpages).

Every expected value below was read off the pages themselves (their Grosses and Summary blocks),
not off the parser's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from boxoffice.parsing import (
    ParseError,
    ReleaseRecord,
    YearPage,
    decode_html,
    page_layout,
    parse_movie,
    parse_page,
)

REAL_RELEASES = {
    "new_release_rl2691925505_star_wars_force_awakens.html": ReleaseRecord(
        release_id="rl2691925505",
        title="Star Wars: Episode VII - The Force Awakens",
        imdb_id="tt2488496",
        release_date="2015-12-18",
        distributor="Walt Disney Studios Motion Pictures",
        mpaa_rating="PG-13",
        runtime_minutes=138,
        genres=["Action", "Adventure", "Sci-Fi"],
        domestic_gross=936_662_225,
        international_gross=1_131_561_399,
        worldwide_gross=2_068_223_624,
        opening_gross=247_966_675,
        opening_theaters=4_134,
        widest_release_theaters=4_134,
        budget=245_000_000,
    ),
    "new_release_rl2708702721_last_jedi.html": ReleaseRecord(
        release_id="rl2708702721",
        title="Star Wars: Episode VIII - The Last Jedi",
        imdb_id="tt2527336",
        release_date="2017-12-15",
        distributor="Walt Disney Studios Motion Pictures",
        mpaa_rating="PG-13",
        runtime_minutes=152,
        genres=["Action", "Adventure", "Fantasy", "Sci-Fi"],
        domestic_gross=620_181_382,
        international_gross=712_358_507,
        worldwide_gross=1_332_539_889,
        opening_gross=220_009_584,
        opening_theaters=4_232,
        widest_release_theaters=4_232,
        budget=317_000_000,
    ),
    "new_release_rl1064863233_warcraft.html": ReleaseRecord(
        release_id="rl1064863233",
        title="Warcraft",
        imdb_id="tt0803096",
        release_date="2016-06-10",
        distributor="Universal Pictures",
        mpaa_rating="PG-13",
        runtime_minutes=123,
        genres=["Action", "Adventure", "Fantasy"],
        domestic_gross=47_365_290,
        international_gross=391_683_624,
        worldwide_gross=439_048_914,
        opening_gross=24_166_110,
        opening_theaters=3_400,
        widest_release_theaters=3_406,
        budget=160_000_000,
    ),
    "new_release_rl1078625793_collateral.html": ReleaseRecord(
        release_id="rl1078625793",
        title="Collateral",
        imdb_id="tt0369339",
        release_date="2004-08-06",
        distributor="DreamWorks Distribution",
        mpaa_rating="R",
        runtime_minutes=120,
        genres=["Crime", "Drama", "Thriller"],
        domestic_gross=101_005_703,
        international_gross=119_920_992,
        worldwide_gross=220_926_695,
        opening_gross=24_701_458,
        opening_theaters=3_188,
        widest_release_theaters=3_205,
        budget=65_000_000,
    ),
    "new_release_rl256280065_get_out.html": ReleaseRecord(
        release_id="rl256280065",
        title="Get Out",
        imdb_id="tt5052448",
        release_date="2017-02-24",
        distributor="Universal Pictures",
        mpaa_rating="R",
        runtime_minutes=104,
        genres=["Horror", "Mystery", "Thriller"],
        domestic_gross=176_040_665,
        international_gross=79_367_304,
        worldwide_gross=255_407_969,
        opening_gross=33_377_060,
        opening_theaters=2_781,
        widest_release_theaters=3_143,
        budget=4_500_000,
    ),
    "new_release_rl2354939393_jurassic_park.html": ReleaseRecord(
        release_id="rl2354939393",
        title="Jurassic Park",
        imdb_id="tt0107290",
        release_date="1993-06-11",
        distributor="Universal Pictures",
        mpaa_rating="PG-13",
        runtime_minutes=127,
        genres=["Action", "Adventure", "Sci-Fi", "Thriller"],
        domestic_gross=357_067_947,
        international_gross=555_600_000,
        worldwide_gross=912_667_947,
        opening_gross=47_026_828,
        opening_theaters=2_404,
        widest_release_theaters=2_566,
        budget=63_000_000,
    ),
    "new_release_rl100697601_duckweed.html": ReleaseRecord(
        release_id="rl100697601",
        title="Duckweed",
        imdb_id="tt6461514",
        release_date="2017-02-10",
        distributor="China Lion Film Distribution",
        mpaa_rating=None,
        runtime_minutes=102,
        genres=["Comedy", "Drama", "Fantasy"],
        domestic_gross=471_575,
        international_gross=152_422_689,
        worldwide_gross=152_894_264,
        opening_gross=160_739,
        opening_theaters=27,
        widest_release_theaters=30,
        budget=None,
    ),
    "new_release_rl2097513985_dunkirk_rerelease.html": ReleaseRecord(
        release_id="rl2097513985",
        title="Dunkirk",
        imdb_id="tt5013056",
        release_date="2017-12-01",
        distributor="Warner Bros.",
        mpaa_rating="PG-13",
        runtime_minutes=106,
        genres=["Action", "Drama", "History", "Thriller", "War"],
        domestic_gross=1_695_119,
        international_gross=None,
        worldwide_gross=1_695_119,
        opening_gross=122_115,
        opening_theaters=53,
        widest_release_theaters=53,
        budget=100_000_000,
    ),
}

# (file, year, rows, capped, first row, last row) — rows counted in the saved HTML tables.
REAL_YEARS = [
    ("new_year_2016_full.html", 2016, 856, False,
     ("rl3764946433", "Finding Dory", 486_295_561, 4_305, "Jun 17"),
     ("rl1853654529", "The Night Watchman", 223, 2, "Jul 6")),
    ("new_year_2019_full.html", 2019, 909, False,
     ("rl3059975681", "Avengers: Endgame", 858_373_000, 4_662, "Apr 26"),
     ("rl3104278017", "Postcards from London", 99, 1, "Nov 9")),
    ("new_year_2020_full.html", 2020, 339, False,
     ("rl1182631425", "Bad Boys for Life", 204_417_855, 3_775, "Jan 17"),
     ("rl2124382721", "Love Goes Public", 38, None, "Oct 25")),
    ("new_year_2000_capped200.html", 2000, 200, True,
     ("rl3059189249", "How the Grinch Stole Christmas", 251_628_705, 3_256, "Nov 17"),
     ("rl375621121", "Mansfield Park", 2_634_754, 152, "Nov 19")),
    ("new_year_2010_capped200.html", 2010, 200, True,
     ("rl876971521", "Avatar", 466_141_929, 3_461, "Dec 18"),
     ("rl693274113", "Flipped", 1_755_212, 442, "Aug 6")),
    ("new_year_2023_capped200.html", 2023, 200, True,
     ("rl1077904129", "Barbie", 636_225_983, 4_337, "Jul 21"),
     ("rl132023041", "Inside", 918_415, 357, "Mar 17")),
]  # fmt: skip

NOT_RELEASE_OR_YEAR = {
    "new_daily_year_2016.html": "daily overview",
    "new_year_world_2020.html": "worldwide year chart",
    "new_title_tt1517268_barbie.html": "title summary",
    "old_weekend_chart_2014-12-05.html": "truncated page",
}


def read(folder: Path, name: str) -> str:
    return decode_html((folder / name).read_bytes())


@pytest.mark.parametrize("name", sorted(REAL_RELEASES))
def test_release_page_values(realpages: Path, name: str) -> None:
    assert parse_page(read(realpages, name)) == REAL_RELEASES[name]


# Read off old_movie_themaster.html: the header table, "Total Lifetime Grosses" and "Domestic
# Summary" (limited opening Sep 14 2012: $736,311 at 5 theaters; wide a week later).
THE_MASTER = ReleaseRecord(
    release_id="themaster",
    title="The Master",
    imdb_id=None,
    release_date="2012-09-14",
    distributor="Weinstein Company",
    mpaa_rating="R",
    runtime_minutes=137,
    genres=["Drama"],
    domestic_gross=16_377_274,
    international_gross=11_880_786,
    worldwide_gross=28_258_060,
    opening_gross=736_311,
    opening_theaters=5,
    widest_release_theaters=864,
    budget=None,
)


def test_old_movie_page_values(realpages: Path) -> None:
    html = read(realpages, "old_movie_themaster.html")
    assert "\\'" in html and "\\r" in html, "the dump artefacts the MANIFEST describes"
    assert page_layout(html) == "old"
    assert parse_page(html) == THE_MASTER
    assert parse_movie(html, "https://www.boxofficemojo.com/movies/?id=themaster.htm") == THE_MASTER


def test_new_pages_are_told_from_old(realpages: Path) -> None:
    for path in realpages.glob("new_*.html"):
        assert page_layout(decode_html(path.read_bytes())) == "new", path.name


def test_every_real_release_page_is_covered(realpages: Path) -> None:
    on_disk = {path.name for path in realpages.glob("new_release_*.html")}
    assert on_disk == set(REAL_RELEASES)


@pytest.mark.parametrize(("name", "year", "rows", "capped", "first", "last"), REAL_YEARS)
def test_year_page_rows(realpages: Path, name, year, rows, capped, first, last) -> None:
    page = parse_page(read(realpages, name))
    assert isinstance(page, YearPage)
    assert (page.year, len(page.releases), page.capped) == (year, rows, capped)
    assert len({entry.release_id for entry in page.releases}) == rows
    for entry, (release_id, title, gross, theaters, when) in (
        (page.releases[0], first),
        (page.releases[-1], last),
    ):
        assert (entry.release_id, entry.title, entry.gross, entry.theaters, entry.release_date) == (
            release_id,
            title,
            gross,
            theaters,
            when,
        )
        assert entry.url == f"https://www.boxofficemojo.com/release/{release_id}/"


def test_cp1252_year_page_keeps_accented_titles(realpages: Path) -> None:
    raw = (realpages / "new_year_2000_capped200.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    titles = {entry.title for entry in parse_page(decode_html(raw)).releases}
    assert all("\ufffd" not in title for title in titles)
    assert any(any(ord(char) > 127 for char in title) for title in titles)


@pytest.mark.parametrize(("name", "what"), sorted(NOT_RELEASE_OR_YEAR.items()))
def test_other_pages_are_refused_by_name(realpages: Path, name: str, what: str) -> None:
    with pytest.raises(ParseError, match=what):
        parse_page(read(realpages, name))


def test_label_variant_release_date_wide(realpages: Path) -> None:
    html = read(realpages, "new_release_rl2691925505_star_wars_force_awakens.html")
    variant = html.replace("<span>Release Date</span>", "<span>Release Date (Wide)</span>")
    assert variant != html
    assert parse_page(variant).release_date == "2015-12-18"


def test_fast_path_and_full_parse_agree(realpages: Path) -> None:
    """Without the block markers the parser reads the whole page and finds the same record."""
    html = read(realpages, "new_release_rl1064863233_warcraft.html")
    unmarked = html.replace('id="tabs"', 'id="tab-bar"')
    record = parse_page(unmarked)
    assert record == REAL_RELEASES["new_release_rl1064863233_warcraft.html"]


def test_daily_chart(realpages: Path) -> None:
    from boxoffice.parsing import DatePage

    page = parse_page(read(realpages, "new_date_2019-12-20.html"))
    assert isinstance(page, DatePage)
    assert (page.date, len(page.releases)) == ("2019-12-20", 51)
    first = page.releases[0]
    assert (first.release_id, first.title, first.days_in_release, first.release_date) == (
        "rl3305145857",
        "Star Wars: Episode IX - The Rise of Skywalker",
        1,
        "2019-12-20",
    )
    bombshell = next(e for e in page.releases if e.title == "Bombshell")
    assert (bombshell.release_id, bombshell.days_in_release, bombshell.release_date) == (
        "rl2550760961",
        8,
        "2019-12-13",
    )

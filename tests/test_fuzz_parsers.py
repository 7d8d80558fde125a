"""Random and mutated pages never make the parsers raise anything but ParseError."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boxoffice.parsing import ParseError, YearPage, parse_page, parse_release, parse_year
from mocksite.data import Catalogue
from mocksite.pages import year_page
from tests.conftest import REALPAGES

CATALOGUE = Catalogue(seed=21, first_year=2014, last_year=2014)
RELEASES = CATALOGUE.year(2014)
SEED_PAGES = [
    (REALPAGES / name).read_bytes().decode("utf-8", errors="replace")
    for name in (
        "new_release_rl2691925505_star_wars_force_awakens.html",
        "new_release_rl100697601_duckweed.html",
    )
    if (REALPAGES / name).is_file()
]
if not SEED_PAGES:  # a clone without ../shared: mutate imitation pages instead
    from mocksite.pages import release_page

    SEED_PAGES = [release_page(RELEASES[0]), release_page(RELEASES[1])]
YEAR_PAGE = year_page(2014, RELEASES[:40])
MARKUP = [
    "<",
    ">",
    "</div>",
    "<span>",
    '"',
    "</html>",
    "$",
    ",",
    "-",
    "\x00",
    "é",
    "<h1>",
    "</table>",
]


def only_parse_errors(parser, html: str) -> None:  # type: ignore[no-untyped-def]
    try:
        result = parser(html)
    except ParseError:
        return
    assert result is not None
    if isinstance(result, YearPage):
        assert result.releases


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_random_text(text: str) -> None:
    for parser in (parse_page, parse_release, parse_year):
        only_parse_errors(parser, text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    page=st.integers(0, 10),
    seed=st.integers(0, 2**32),
    edits=st.integers(1, 40),
)
def test_mutated_pages(page: int, seed: int, edits: int) -> None:
    rng = random.Random(seed)
    html = YEAR_PAGE if page == 10 else SEED_PAGES[page % len(SEED_PAGES)]
    for _ in range(edits):
        at = rng.randrange(len(html))
        action = rng.random()
        if action < 0.4:  # cut a stretch out
            html = html[:at] + html[at + rng.randint(1, 400) :]
        elif action < 0.8:  # splice markup in
            html = html[:at] + rng.choice(MARKUP) + html[at:]
        else:  # swap two stretches
            other = rng.randrange(len(html))
            html = html[:at] + html[other : other + 200] + html[at:]
    for parser in (parse_page, parse_release, parse_year):
        only_parse_errors(parser, html)

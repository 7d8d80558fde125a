"""Year ranges as users type them: '2015', '2000-2015', '2001,2003,2010-2012'."""

from __future__ import annotations

from datetime import date

from boxoffice.errors import UserError

FIRST_CHART_YEAR = 1977
"""The earliest year BoxOfficeMojo has a yearly chart for."""


def parse_years(text: str, *, last_year: int | None = None) -> list[int]:
    """The years named, ascending and without repeats; UserError says what is wrong."""
    last = last_year if last_year is not None else date.today().year
    years: set[int] = set()
    for part in (p.strip() for p in text.split(",")):
        if not part:
            raise UserError(f"--years {text!r}: empty item; write e.g. 2015 or 2000-2015")
        low_text, dash, high_text = part.partition("-")
        if not low_text.strip().isdigit() or (dash and not high_text.strip().isdigit()):
            raise UserError(f"--years {text!r}: {part!r} is not a year or a range like 2000-2015")
        low = int(low_text)
        high = int(high_text) if dash else low
        if low > high:
            raise UserError(f"--years {text!r}: range {part} runs backwards; write {high}-{low}")
        for year in (low, high):
            if not FIRST_CHART_YEAR <= year <= last:
                raise UserError(
                    f"--years {text!r}: {year} is outside {FIRST_CHART_YEAR}-{last}, "
                    "the years the site has charts for"
                )
        years.update(range(low, high + 1))
    return sorted(years)

from __future__ import annotations

import pytest

from boxoffice.errors import UserError
from boxoffice.years import parse_years


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("2015", [2015]),
        ("2000-2003", [2000, 2001, 2002, 2003]),
        ("2010,2001-2002,2010", [2001, 2002, 2010]),
        (" 2015 - 2016 ", [2015, 2016]),
    ],
)
def test_valid(text: str, years: list[int]) -> None:
    assert parse_years(text, last_year=2025) == years


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2016-2015", "runs backwards"),
        ("abc", "not a year"),
        ("1850", "outside 1977-2025"),
        ("2015-2099", "outside"),
        ("2015,", "empty item"),
        ("2015-", "not a year"),
    ],
)
def test_invalid(text: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_years(text, last_year=2025)

"""Options several producer commands share, and the one-line error handling they all use."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from boxoffice.errors import UserError
from boxoffice.settings import base_url, database_url
from boxoffice.years import parse_years

F = TypeVar("F", bound=Callable[..., Any])


def _years(_ctx: click.Context, _param: click.Parameter, value: str) -> list[int]:
    try:
        return parse_years(value)
    except UserError as error:
        raise click.BadParameter(str(error).split(": ", 1)[1]) from None


def _base_url(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
    url = (value or base_url()).rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise click.BadParameter(f"{url!r} is not an http(s) URL")
    return url


years_option = click.option(
    "--years",
    required=True,
    callback=_years,
    metavar="YEARS",
    help="Years to scrape: 2015, 2000-2015 or 2001,2003-2004.",
)
base_url_option = click.option(
    "--base-url",
    default=None,
    callback=_base_url,
    metavar="URL",
    help="The site to scrape [default: $SCRAPER_BASE_URL or https://www.boxofficemojo.com].",
)
db_option = click.option(
    "--db",
    "db_url",
    default=None,
    metavar="URL",
    help="Database URL [default: $DATABASE_URL or sqlite:///movies.db].",
)


def resolve_db(db_url: str | None) -> str:
    return db_url or database_url()


def one_line_errors(command: F) -> F:
    """UserError -> one line on stderr and exit 2; Ctrl-C -> exit 130, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        name = click.get_current_context().info_name
        try:
            return command(*args, **kwargs)
        except UserError as error:
            click.echo(f"producer {name}: {error}", err=True)
            sys.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo(f"producer {name}: interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


archive_option = click.option(
    "--archive",
    is_flag=True,
    help="Keep every fetched page, gzip-compressed, with its URL, status, headers and fetch "
    "time (table `pages`), so that `producer reparse` can re-parse it without the network.",
)

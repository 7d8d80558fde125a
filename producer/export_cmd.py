"""`producer export`: the movies table as CSV, JSON lines or Parquet, for models."""

from __future__ import annotations

from pathlib import Path

import click

from boxoffice.errors import UserError
from boxoffice.export import FORMATS, export
from boxoffice.years import parse_years
from producer.enqueue import open_store
from producer.options import db_option, one_line_errors, resolve_db


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option("--years", default=None, metavar="YEARS", help="Only these years (default: all).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@db_option
@one_line_errors
def export_command(fmt: str, years: str | None, output: Path, db_url: str | None) -> None:
    """Write the movies (one row per release, typed columns) to a file."""
    try:
        chosen = parse_years(years) if years else None
    except UserError as error:
        raise click.BadParameter(str(error).split(": ", 1)[1], param_hint="--years") from None
    store = open_store(resolve_db(db_url))
    count = export(store, fmt, chosen, output)
    click.echo(f"wrote {count} movies to {output} ({fmt})")

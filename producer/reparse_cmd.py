"""`producer reparse`: re-parse a run's archived pages with the current parser, offline."""

from __future__ import annotations

import click

from boxoffice.reparse import reparse_run
from boxoffice.runs import resolve_run_id
from producer.enqueue import open_store
from producer.options import db_option, one_line_errors, resolve_db


@click.command("reparse")
@click.argument("run_id", required=False, type=int)
@db_option
@one_line_errors
def reparse_command(run_id: int | None, db_url: str | None) -> None:
    """Re-parse the pages a run (default: the latest) archived with --archive, and update its
    movies; no request goes to the site."""
    store = open_store(resolve_db(db_url))
    summary = reparse_run(store, resolve_run_id(store, run_id))
    click.echo(summary.line())

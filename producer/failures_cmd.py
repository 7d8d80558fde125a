"""`producer failures` and `producer retry-failed`: what could not become a movie, and why."""

from __future__ import annotations

import click

from boxoffice.runs import resolve_run_id
from boxoffice.settings import redis_url
from producer.enqueue import open_store, retry_failed
from producer.options import db_option, one_line_errors, resolve_db


@click.command("failures")
@click.argument("run_id", required=False, type=int)
@db_option
@one_line_errors
def failures_command(run_id: int | None, db_url: str | None) -> None:
    """The failed URLs of a run (default: the latest) with reason, attempts and last error."""
    store = open_store(resolve_db(db_url))
    run_id = resolve_run_id(store, run_id)
    rows = store.failure_rows(run_id)
    click.echo(f"run {run_id}: {len(rows)} failures")
    for row in rows:
        click.echo(
            f"{row['reason']:<10} {row['attempts']:>2}x  {row['url']}  {row['last_error'] or ''}"
        )


@click.command("retry-failed")
@click.argument("run_id", required=False, type=int)
@db_option
@one_line_errors
def retry_failed_command(run_id: int | None, db_url: str | None) -> None:
    """Send the failed URLs of a run (default: the latest) to the workers again, as a new run."""
    store = open_store(resolve_db(db_url))
    run_id = resolve_run_id(store, run_id)
    done = retry_failed(store, redis_url(), run_id)
    click.echo(f"run {done.run_id}: enqueued {done.enqueued} failed URLs of run {run_id} again")

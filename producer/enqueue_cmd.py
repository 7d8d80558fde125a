"""`producer enqueue` and `producer status`: the distributed mode's two commands."""

from __future__ import annotations

import signal
import sys

import click
import gevent
from gevent.event import Event

from boxoffice.progress import Progress
from boxoffice.runs import resolve_run_id, run_status
from boxoffice.settings import redis_url
from boxoffice.store.writer import Store
from producer.enqueue import enqueue, open_store
from producer.options import (
    archive_option,
    base_url_option,
    db_option,
    one_line_errors,
    resolve_db,
    years_option,
)

WAIT_POLL_S = 0.5


def wait_for(store: Store, run_id: int) -> None:
    """A progress bar until every URL of the run is a movie or a failure, then the summary.
    Ctrl-C (caught as a signal, not as an exception in some greenlet) stops the waiting."""
    interrupted = Event()
    on_ctrl_c = gevent.signal_handler(signal.SIGINT, interrupted.set)
    status = run_status(store, run_id)
    progress = Progress(status.counts.items, f"run {run_id}")
    try:
        while not interrupted.is_set():
            status = run_status(store, run_id)
            settled = status.counts.done + status.counts.failed
            progress.update(settled, status.counts.done, status.counts.failed, status.rate)
            if status.counts.pending == 0:
                break
            interrupted.wait(WAIT_POLL_S)
    finally:
        on_ctrl_c.cancel()
        progress.close()
    if interrupted.is_set():
        raise KeyboardInterrupt
    click.echo(run_status(store, run_id).summary_line())


@click.command("enqueue")
@years_option
@base_url_option
@db_option
@click.option("--refresh", is_flag=True, help="Enqueue releases already scraped, too.")
@click.option("--wait", is_flag=True, help="Show progress until the run is complete.")
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=None,
    help="Enqueue at most this many of the releases found (a sample run).",
)
@archive_option
@one_line_errors
def enqueue_command(
    years: list[int],
    base_url: str,
    db_url: str | None,
    refresh: bool,
    wait: bool,
    limit: int | None,
    archive: bool,
) -> None:
    """Discover the years' releases and enqueue one task per release for the workers."""
    store = open_store(resolve_db(db_url))
    done = enqueue(store, redis_url(), base_url, years, refresh, limit, archive)
    click.echo(
        f"run {done.run_id}: enqueued {done.enqueued}, skipped {done.already_scraped} already "
        f"scraped and {done.already_queued} already queued",
    )
    sys.stdout.flush()
    if wait:
        try:
            wait_for(store, done.run_id)
        except KeyboardInterrupt:  # Ctrl-C stops the waiting, not the run
            click.echo(
                f"producer enqueue: stopped waiting; run {done.run_id} goes on "
                f"(`producer status {done.run_id}` shows it)",
                err=True,
            )
            sys.exit(130)


@click.command("status")
@click.argument("run_id", required=False, type=int)
@db_option
@one_line_errors
def status_command(run_id: int | None, db_url: str | None) -> None:
    """Enqueued / done / failed / in flight / pages/s of a run (default: the latest)."""
    store = open_store(resolve_db(db_url))
    click.echo(run_status(store, resolve_run_id(store, run_id)).status_line())

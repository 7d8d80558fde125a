"""`producer report`: runs side by side, as a table, a picture, CSV or JSON."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import click

from boxoffice.report import RunFigures, latest_run_ids, run_figures, table
from boxoffice.runs import resolve_run_id
from producer.enqueue import open_store
from producer.options import db_option, one_line_errors, resolve_db


def write_csv(rows: list[RunFigures], path: Path) -> None:
    flat = [row.flat() for row in rows]
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(flat[0]))
        writer.writeheader()
        writer.writerows(flat)


@click.command("report")
@click.argument("run_ids", nargs=-1, type=int, metavar="[RUN]...")
@click.option(
    "--last",
    default=10,
    show_default=True,
    type=click.IntRange(1),
    help="Without RUN arguments: this many latest runs.",
)
@click.option(
    "--plot",
    "plot_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a PNG: pages/s per run and where a task's time went.",
)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the figures as CSV.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@db_option
@one_line_errors
def report_command(
    run_ids: tuple[int, ...],
    last: int,
    plot_path: Path | None,
    csv_path: Path | None,
    as_json: bool,
    db_url: str | None,
) -> None:
    """Throughput of runs side by side: pages/s, stage times, and what bounded each run."""
    store = open_store(resolve_db(db_url))
    ids = [resolve_run_id(store, run_id) for run_id in run_ids] or latest_run_ids(store, last)
    if not ids:
        resolve_run_id(store, None)  # says there are no runs yet
    rows = [run_figures(store, run_id) for run_id in ids]
    if as_json:
        click.echo(json.dumps([{**row.flat(), "stages": row.stages} for row in rows], indent=2))
    else:
        click.echo(table(rows))
    if csv_path is not None:
        write_csv(rows, csv_path)
        click.echo(f"wrote {csv_path}", err=True)
    if plot_path is not None:
        from boxoffice.plots import plot_runs

        plot_runs(rows, plot_path)
        click.echo(f"wrote {plot_path}", err=True)

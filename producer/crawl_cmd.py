"""`producer crawl`: the whole job in this one process, on a gevent pool (no broker needed)."""

from __future__ import annotations

import sys

import click

from boxoffice.crawl import CrawlOptions, crawl
from producer.options import (
    base_url_option,
    db_option,
    one_line_errors,
    resolve_db,
    years_option,
)


@click.command("crawl")
@years_option
@base_url_option
@click.option(
    "--concurrency",
    default=100,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="Pages fetched at once (greenlets sharing one Session).",
)
@db_option
@click.option("--refresh", is_flag=True, help="Scrape again releases already in the database.")
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=None,
    help="Scrape at most this many of the releases found (a sample run).",
)
@one_line_errors
def crawl_command(
    years: list[int],
    base_url: str,
    concurrency: int,
    db_url: str | None,
    refresh: bool,
    limit: int | None,
) -> None:
    """Discover the years' releases and scrape them all into the database."""
    options = CrawlOptions(
        years=years,
        base_url=base_url,
        concurrency=concurrency,
        database_url=resolve_db(db_url),
        refresh=refresh,
        limit=limit,
    )
    result = crawl(options)
    click.echo(result.summary)
    if result.status == "interrupted":
        click.echo(
            f"producer crawl: interrupted; what was stored stays stored, and the next crawl "
            f"of the same years carries on from there (run {result.run_id})",
            err=True,
        )
        sys.exit(130)
    if result.unstored:
        click.echo(
            f"producer crawl: {result.unstored} pages could not be stored; run the same crawl "
            "again to finish them",
            err=True,
        )
        sys.exit(1)

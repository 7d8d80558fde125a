"""`producer crawl`: the whole job in this one process, on a gevent pool (no broker needed)."""

from __future__ import annotations

import sys

import click

from boxoffice.crawl import CrawlOptions, crawl
from boxoffice.settings import env_max_per_host, env_rate_limit
from producer.options import (
    archive_option,
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
@click.option(
    "--rate-limit",
    type=click.FloatRange(0, min_open=True),
    default=None,
    metavar="PER_S",
    help="At most this many requests a second to the site, shared "
    "with every worker and crawl using the same Redis [default: $SCRAPER_RATE_LIMIT].",
)
@click.option(
    "--max-per-host",
    type=click.IntRange(1),
    default=None,
    help="At most this many requests in flight to the site [default: $SCRAPER_MAX_PER_HOST].",
)
@click.option("--ignore-robots", is_flag=True, help="Fetch pages robots.txt disallows (logged).")
@archive_option
@one_line_errors
def crawl_command(
    years: list[int],
    base_url: str,
    concurrency: int,
    db_url: str | None,
    refresh: bool,
    limit: int | None,
    rate_limit: float | None,
    max_per_host: int | None,
    ignore_robots: bool,
    archive: bool,
) -> None:
    """Discover the years' releases and scrape them all into the database."""
    options = CrawlOptions(
        years=years,
        base_url=base_url,
        concurrency=concurrency,
        database_url=resolve_db(db_url),
        refresh=refresh,
        limit=limit,
        rate_limit=rate_limit or env_rate_limit(),
        max_per_host=max_per_host or env_max_per_host(),
        ignore_robots=ignore_robots,
        archive=archive,
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

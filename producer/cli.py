"""`producer`: the command line of the movie scraper."""

from __future__ import annotations

import click

from producer.bench_cmd import bench_command
from producer.crawl_cmd import crawl_command
from producer.enqueue_cmd import enqueue_command, status_command
from producer.export_cmd import export_command
from producer.failures_cmd import failures_command, retry_failed_command
from producer.parse_cmd import parse_command
from producer.reparse_cmd import reparse_command
from producer.report_cmd import report_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Scrape BoxOfficeMojo politely and fast: discover, crawl or enqueue, and report."""


main.add_command(parse_command)
main.add_command(crawl_command)
main.add_command(enqueue_command)
main.add_command(status_command)
main.add_command(report_command)
main.add_command(bench_command)
main.add_command(failures_command)
main.add_command(retry_failed_command)
main.add_command(export_command)
main.add_command(reparse_command)

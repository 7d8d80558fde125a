"""`producer bench`: the original experiment against the imitation site, plus the product."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from boxoffice.errors import UserError
from boxoffice.settings import redis_url
from producer.bench import (
    ALL_METHODS,
    FETCH_METHODS,
    ROOT,
    Measurement,
    celery_workers,
    fetch_only,
    product_mode,
    release_urls,
)
from producer.enqueue import check_redis, open_store
from producer.options import one_line_errors


@contextmanager
def imitation_site(latency_ms: float, connect_delay_ms: float) -> Iterator[str]:
    site = subprocess.Popen(
        [sys.executable, "-m", "mocksite.cli", "--port", "0", "--latency-ms", str(latency_ms),
         "--connect-delay-ms", str(connect_delay_ms), "--prerender", "2015-2016"],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert site.stdout is not None
        line = site.stdout.readline()
        if "serving " not in line:
            raise UserError(f"the imitation site did not start: {line.strip()}")
        yield line.split("serving ", 1)[1].split()[0]
    finally:
        site.terminate()
        site.wait(timeout=10)


def _numbers(text: str) -> list[int]:
    try:
        values = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise click.BadParameter(f"{text!r}: write e.g. 200,400,600") from None
    if not values or values[0] < 1:
        raise click.BadParameter(f"{text!r}: give positive page counts")
    return values


def _methods(text: str) -> list[str]:
    if text == "all":
        return list(ALL_METHODS)
    chosen = [part.strip() for part in text.split(",")]
    unknown = [m for m in chosen if m not in ALL_METHODS]
    if unknown:
        raise click.BadParameter(f"unknown {unknown}; choose from {', '.join(ALL_METHODS)}")
    return chosen


@click.command("bench")
@click.option(
    "--n",
    "n_text",
    default="200,400,600,800,1000",
    show_default=True,
    help="Page counts to time each method at.",
)
@click.option(
    "--methods",
    "methods_text",
    default="all",
    show_default=True,
    help="Comma-separated subset of: " + ", ".join(ALL_METHODS),
)
@click.option("--latency-ms", default=100.0, show_default=True, type=click.FloatRange(0))
@click.option(
    "--connect-delay-ms",
    default=34.0,
    show_default=True,
    type=click.FloatRange(0),
    help="Extra wait on each new connection: TCP+TLS set-up, free on loopback.",
)
@click.option(
    "--concurrency",
    default=25,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="Pool size of the pooled methods, crawl and each worker.",
)
@click.option("--base-url", default=None, help="Bench against this site instead of starting one.")
@click.option("--db", "db_url", default="sqlite:///bench.db", show_default=True)
@click.option(
    "--peer",
    type=click.Choice(["scrapy"]),
    default=None,
    help="Also time Scrapy (one process) and scrapy-redis (as many processes as the "
    "product's workers) on the same pages; needs the bench extra.",
)
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path))
@one_line_errors
def bench_command(
    n_text: str,
    methods_text: str,
    latency_ms: float,
    connect_delay_ms: float,
    concurrency: int,
    base_url: str | None,
    db_url: str,
    peer: str | None,
    plot_path: Path | None,
    csv_path: Path | None,
) -> None:
    """Seconds to scrape N pages: requests.get, Session, Pool, both, and the product's modes."""
    ns = _numbers(n_text)
    methods = _methods(methods_text)
    store = open_store(db_url)
    if any(m not in FETCH_METHODS and m != "crawl" for m in methods):
        try:
            check_redis(redis_url())
        except UserError as error:
            click.echo(f"producer bench: skipping the Celery modes: {error}", err=True)
            methods = [m for m in methods if m in FETCH_METHODS or m == "crawl"]
    if peer is not None:
        from producer.peers import runner

        if not runner.available():
            raise UserError("--peer scrapy needs the bench extra: pip install -e '.[bench]'")
        methods += ["scrapy"] + (["scrapy-redis × 2"] if "2 workers" in methods else [])
    results: list[Measurement] = []
    with (
        imitation_site(latency_ms, connect_delay_ms) if base_url is None else _given(base_url)
    ) as site:
        urls = release_urls(site, max(ns))
        click.echo(f"{'method':<32} " + " ".join(f"{f'N={n}':>9}" for n in ns) + "   (seconds)")
        for method in methods:
            row = []
            for n in _run_method(method, ns, concurrency, site, db_url, urls, store):
                results.append(n)
                row.append(n)
            click.echo(f"{method:<32} " + " ".join(f"{m.seconds:>9.2f}" for m in row))
    if csv_path is not None:
        with csv_path.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["method", "n", "seconds", "pages_per_s", "run_id"])
            for m in results:
                writer.writerow(
                    [m.method, m.n, f"{m.seconds:.3f}", f"{m.n / m.seconds:.1f}", m.run_id]
                )
        click.echo(f"wrote {csv_path}", err=True)
    if plot_path is not None:
        from boxoffice.plots import plot_seconds_vs_n

        series: dict[str, dict[int, float]] = {}
        for m in results:
            series.setdefault(m.method, {})[m.n] = m.seconds
        title = (
            f"Seconds to scrape N pages ({latency_ms:g} ms latency, "
            f"{connect_delay_ms:g} ms per new connection, pool {concurrency})"
        )
        plot_seconds_vs_n(series, plot_path, title)
        click.echo(f"wrote {plot_path}", err=True)
    click.echo("every measurement is a run: `producer report --db " + db_url + "` shows them")


@contextmanager
def _given(url: str) -> Iterator[str]:
    yield url.rstrip("/")


def _run_method(method, ns, concurrency, site, db_url, urls, store) -> Iterator[Measurement]:  # type: ignore[no-untyped-def]
    if method.startswith("scrapy"):
        from producer.peers import runner

        for n in ns:
            if method == "scrapy":
                seconds = runner.time_scrapy(urls[:n], concurrency)
            else:
                seconds = runner.time_scrapy_redis(urls[:n], concurrency, 2, redis_url())
            yield Measurement(method, n, seconds, None)
        return
    if method in FETCH_METHODS:
        for n in ns:
            yield fetch_only(method, urls[:n], concurrency, store, site)
        return
    if method == "crawl":
        for n in ns:
            yield product_mode(method, n, concurrency, site, db_url, redis_url())
        return
    workers = 1 if method == "1 worker" else 2
    env = {"DATABASE_URL": db_url, "REDIS_URL": redis_url(), "SCRAPER_BASE_URL": site}
    with celery_workers(workers, concurrency, env):
        for n in ns:
            yield product_mode(method, n, concurrency, site, db_url, redis_url())

"""`mocksite`: run the imitation BoxOfficeMojo site on this machine."""

from __future__ import annotations

import asyncio
import sys

import click

from boxoffice.errors import UserError
from boxoffice.years import parse_years
from mocksite.server import SiteConfig, serve


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8800,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port; 0 picks a free one (printed on start).",
)
@click.option("--seed", default=1, show_default=True, type=int, help="Seed of the generated data.")
@click.option(
    "--latency-ms",
    default=0.0,
    show_default=True,
    type=click.FloatRange(0),
    help="Every page waits this long before it is answered (without blocking others).",
)
@click.option(
    "--connect-delay-ms",
    default=0.0,
    show_default=True,
    type=click.FloatRange(0),
    help="Extra wait on the first request of each new connection (TCP+TLS set-up).",
)
@click.option(
    "--cap-year-list",
    default=None,
    type=click.IntRange(1),
    help="Year pages list only their first N rows, as the live site sometimes does.",
)
@click.option(
    "--prerender",
    default="",
    metavar="YEARS",
    help="Render these years' release pages at start (e.g. 2015-2016), for benchmarks.",
)
def main(
    host: str,
    port: int,
    seed: int,
    latency_ms: float,
    connect_delay_ms: float,
    cap_year_list: int | None,
    prerender: str,
) -> None:
    """Serve an offline imitation of BoxOfficeMojo (/year/, /release/, /date/, /robots.txt)."""
    try:
        years = tuple(parse_years(prerender)) if prerender else ()
    except UserError as error:
        raise click.BadParameter(str(error), param_hint="--prerender") from None
    config = SiteConfig(
        seed=seed,
        latency_ms=latency_ms,
        cap_year_list=cap_year_list,
        prerender_years=years,
        connect_delay_ms=connect_delay_ms,
    )

    def announce(url: str) -> None:
        print(f"mocksite serving {url} (seed {seed}, latency {latency_ms:g} ms)", flush=True)

    try:
        asyncio.run(serve(config, host, port, announce))
    except KeyboardInterrupt:
        pass
    except OSError as error:
        print(f"mocksite: cannot listen on {host}:{port}: {error.strerror}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()

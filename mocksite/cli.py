"""`mocksite`: run the imitation BoxOfficeMojo site on this machine."""

from __future__ import annotations

import asyncio
import sys

import click

from boxoffice.errors import UserError
from boxoffice.years import parse_years
from mocksite.server import Faults, SiteConfig, serve


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
    "--layout",
    default="new",
    show_default=True,
    type=click.Choice(["new", "old"]),
    help="new: the site since 2019 (/year/, /release/); old: the archived pre-2019 site "
    "(/yearly/chart/?yr=YYYY&p=.htm, /movies/?id=slug.htm).",
)
@click.option(
    "--prerender",
    default="",
    metavar="YEARS",
    help="Render these years' release pages at start (e.g. 2015-2016), for benchmarks.",
)
@click.option(
    "--fault-5xx",
    default=0.0,
    type=click.FloatRange(0, 1),
    help="Share of release page requests answered 503.",
)
@click.option(
    "--fault-429",
    default=0.0,
    type=click.FloatRange(0, 1),
    help="Share answered 429 with a Retry-After header.",
)
@click.option(
    "--retry-after",
    default=2,
    show_default=True,
    type=click.IntRange(0),
    help="Seconds the 429 answers ask to wait.",
)
@click.option(
    "--fault-timeout",
    default=0.0,
    type=click.FloatRange(0, 1),
    help="Share that hang (--hang-s) before answering, so the client times out.",
)
@click.option("--hang-s", default=60.0, show_default=True, type=click.FloatRange(0))
@click.option(
    "--fault-truncate",
    default=0.0,
    type=click.FloatRange(0, 1),
    help="Share whose page is cut off half-way.",
)
@click.option(
    "--fault-seed",
    default=0,
    show_default=True,
    type=int,
    help="Which requests fail follows from this seed.",
)
def main(
    host: str,
    port: int,
    seed: int,
    latency_ms: float,
    connect_delay_ms: float,
    cap_year_list: int | None,
    layout: str,
    prerender: str,
    fault_5xx: float,
    fault_429: float,
    retry_after: int,
    fault_timeout: float,
    hang_s: float,
    fault_truncate: float,
    fault_seed: int,
) -> None:
    """Serve an offline imitation of BoxOfficeMojo (/year/, /release/, /date/, /robots.txt;
    with --layout old the archived site's /yearly/chart/ and /movies/)."""
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
        layout=layout,
        faults=Faults(
            share_5xx=fault_5xx,
            share_429=fault_429,
            retry_after_s=retry_after,
            share_timeout=fault_timeout,
            share_truncate=fault_truncate,
            seed=fault_seed,
            hang_s=hang_s,
        ),
    )

    def announce(url: str) -> None:
        print(
            f"mocksite serving {url} (seed {seed}, {layout} layout, latency {latency_ms:g} ms)",
            flush=True,
        )

    try:
        asyncio.run(serve(config, host, port, announce))
    except KeyboardInterrupt:
        pass
    except OSError as error:
        print(f"mocksite: cannot listen on {host}:{port}: {error.strerror}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()

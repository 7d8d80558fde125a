"""How many pages a second the imitation site serves on loopback at latency 0.

The site must never bound a benchmark of the scraper: target >= 2,000 pages/s. The client runs
in this process on the same 2 cores, so the site's own CPU per page is printed too: 1,000 / that
is what one core of site can serve when the client is elsewhere.
Run: .venv/bin/python -m bench.mocksite_throughput [--requests 6000] [--concurrency 64]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import urllib.request

import aiohttp

from bench.common import cpu_seconds, running_mocksite


async def hammer(urls: list[str], concurrency: int) -> tuple[float, int]:
    queue: asyncio.Queue[str] = asyncio.Queue()
    for url in urls:
        queue.put_nowait(url)
    received = 0
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def client() -> None:
            nonlocal received
            while not queue.empty():
                async with session.get(queue.get_nowait()) as response:
                    received += len(await response.read())

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(concurrency)))
    return time.perf_counter() - started, received


def measure(label: str, urls: list[str], concurrency: int, pid: int) -> None:
    cpu_before = cpu_seconds(pid)
    seconds, received = asyncio.run(hammer(urls, concurrency))
    site_cpu_ms = (cpu_seconds(pid) - cpu_before) * 1000 / len(urls)
    print(
        f"{label:<34} {len(urls):>6} pages {received / len(urls) / 1024:4.0f} KB avg "
        f"{len(urls) / seconds:>7,.0f} pages/s   site CPU {site_cpu_ms:.2f} ms/page "
        f"(one core: {1000 / max(site_cpu_ms, 1e-3):,.0f} pages/s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=6000)
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args()
    with running_mocksite() as site:
        truth = json.load(urllib.request.urlopen(f"{site.url}/_truth/year/2015.json"))
        ids = truth["listed"]
        first_visit = [f"{site.url}/release/{release_id}/" for release_id in ids]
        repeats = [first_visit[i % len(ids)] for i in range(args.requests)]
        measure("release pages, first visit", first_visit, args.concurrency, site.pid)
        measure("release pages, cached", repeats, args.concurrency, site.pid)
    with running_mocksite("--prerender", "2015") as site:
        truth = json.load(urllib.request.urlopen(f"{site.url}/_truth/year/2015.json"))
        first_visit = [f"{site.url}/release/{release_id}/" for release_id in truth["listed"]]
        measure("first visit, --prerender 2015", first_visit, args.concurrency, site.pid)
    print("target: >= 2,000 pages/s")


if __name__ == "__main__":
    main()

"""In-process crawl: 1,000 releases at 100 ms latency, at several concurrencies.

Prints pages/s beside the latency bound C/L, and the crawl process's CPU per page: for the whole
process (start-up and discovery included) and for the scraping phase alone (fetch + parse +
store + metrics; the target is <= 3 ms).
Run: .venv/bin/python -m bench.crawl_throughput [--concurrency 25,100,200] [--pages 1000]
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, running_mocksite

LATENCY_MS = 100


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def crawl_once(site_url: str, concurrency: int, pages: int, workdir: Path) -> dict[str, float]:
    database = workdir / f"bench-c{concurrency}.db"
    database.unlink(missing_ok=True)
    before = children_cpu()
    result = subprocess.run(
        [
            sys.executable, "-m", "producer", "crawl", "--years", "2015-2016",
            "--base-url", site_url, "--db", f"sqlite:///{database}",
            "--concurrency", str(concurrency), "--limit", str(pages),
        ],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    process_cpu = children_cpu() - before
    summary = result.stdout.strip().splitlines()[-1]
    rate = float(re.search(r"([\d.]+) pages/s", summary).group(1))  # type: ignore[union-attr]
    phase_cpu = float(re.search(r"CPU ([\d.]+) ms/page", summary).group(1))  # type: ignore[union-attr]
    fetch_p50 = float(re.search(r"fetch p50/p95 ([\d.]+)/", summary).group(1))  # type: ignore[union-attr]
    return {
        "rate": rate,
        "bound": concurrency * 1000 / LATENCY_MS,
        "process_cpu_ms": process_cpu * 1000 / pages,
        "phase_cpu_ms": phase_cpu,
        "fetch_p50": fetch_p50,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concurrency", default="25,100,200")
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    levels = [int(level) for level in args.concurrency.split(",")]
    print(f"in-process crawl, {args.pages} releases, {LATENCY_MS} ms latency, SQLite")
    print(
        f"{'C':>4} {'pages/s':>8} {'bound C/L':>10} {'of bound':>9} {'fetch p50':>10} "
        f"{'CPU/page (process)':>19} {'CPU/page (scraping)':>20}"
    )
    with (
        running_mocksite("--latency-ms", str(LATENCY_MS), "--prerender", "2015-2016") as site,
        tempfile.TemporaryDirectory() as workdir,
    ):
        for concurrency in levels:
            row = crawl_once(site.url, concurrency, args.pages, Path(workdir))
            print(
                f"{concurrency:>4} {row['rate']:>8.1f} {row['bound']:>10.0f} "
                f"{row['rate'] / row['bound']:>8.0%} {row['fetch_p50']:>8.1f}ms "
                f"{row['process_cpu_ms']:>16.2f} ms {row['phase_cpu_ms']:>17.2f} ms"
            )


if __name__ == "__main__":
    main()

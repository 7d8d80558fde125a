"""Parse cost: median ms per page for each real page kind, and the 1,000-page round trip.

Parsing is the CPU hot path of the product; this shows what the block-first parse saves over a
full BeautifulSoup+lxml parse of the same page.
Run: .venv/bin/python -m bench.parse_speed [--repeat 30]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from bs4 import BeautifulSoup

from bench.common import ROOT
from boxoffice.parsing import decode_html, parse_page
from mocksite.data import Catalogue
from mocksite.pages import release_page

REALPAGES = ROOT.parent / "shared" / "realpages"


def median_ms(action, repeat: int) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def real_pages(repeat: int) -> None:
    if not REALPAGES.is_dir():
        print(f"(no real pages at {REALPAGES}: skipping the real-page figures)")
        return
    print(f"{'page':58} {'KB':>5} {'parse ms':>9} {'full bs4 ms':>12}")
    for kind, pattern in (("release", "new_release_*.html"), ("year", "new_year_20*.html")):
        medians = []
        for path in sorted(REALPAGES.glob(pattern)):
            html = decode_html(path.read_bytes())
            ours = median_ms(lambda html=html: parse_page(html), repeat)
            full = median_ms(lambda html=html: BeautifulSoup(html, "lxml"), max(3, repeat // 5))
            medians.append(ours)
            print(f"{path.name:58} {len(html) / 1024:5.0f} {ours:9.2f} {full:12.2f}")
        print(f"  median over real {kind} pages: {statistics.median(medians):.2f} ms")


def round_trip(count: int) -> None:
    catalogue = Catalogue(seed=1)
    everything = [r for year in catalogue.years for r in catalogue.year(year)]
    sample = random.Random(1).sample(everything, count)
    pages = [release_page(r) for r in sample]
    started = time.perf_counter()
    wrong = sum(parse_page(html) != r.record for html, r in zip(pages, sample, strict=True))
    seconds = time.perf_counter() - started
    print(
        f"round trip: {count} imitation release pages parsed in {seconds:.2f} s "
        f"({seconds / count * 1000:.2f} ms a page), {wrong} differ from the generated records"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    real_pages(args.repeat)
    round_trip(args.count)


if __name__ == "__main__":
    main()

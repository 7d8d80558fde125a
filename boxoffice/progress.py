"""Progress while a run works, and the one summary line at its end."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

from tqdm import tqdm

PLAIN_PROGRESS_EVERY_S = 5.0


def percentile(values: Sequence[float], pct: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(pct) - 1]


@dataclass
class Tally:
    """Counts and stage times of the attempts a run has finished so far."""

    movies: int = 0
    failures: int = 0
    retries: int = 0
    fetch_ms: list[float] = field(default_factory=list)
    parse_ms: list[float] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    cpu_seconds: float | None = None

    @property
    def done(self) -> int:
        return self.movies + self.failures

    def add(self, ok: bool, fetch_ms: float | None, parse_ms: float | None) -> None:
        if ok:
            self.movies += 1
        else:
            self.failures += 1
        if fetch_ms is not None:
            self.fetch_ms.append(fetch_ms)
        if parse_ms is not None:
            self.parse_ms.append(parse_ms)

    def summary(self, label: str, wall_seconds: float | None = None) -> str:
        wall = wall_seconds if wall_seconds is not None else time.perf_counter() - self.started
        rate = self.done / wall if wall > 0 else 0.0

        def ms(values: list[float], pct: int) -> str:
            value = percentile(values, pct)
            return "-" if value is None else f"{value:.1f}"

        return (
            f"{label}: {self.movies} movies, {self.failures} failures"
            + (f" ({self.retries} retries)" if self.retries else "")
            + f", {wall:.1f} s wall, "
            f"{rate:.1f} pages/s, "
            f"fetch p50/p95 {ms(self.fetch_ms, 50)}/{ms(self.fetch_ms, 95)} ms, "
            f"parse p50/p95 {ms(self.parse_ms, 50)}/{ms(self.parse_ms, 95)} ms"
            + (
                f", CPU {self.cpu_seconds * 1000 / self.done:.2f} ms/page"
                if self.cpu_seconds is not None and self.done
                else ""
            )
        )


class Progress:
    """A tqdm bar on a terminal; a plain line every few seconds otherwise (logs, CI)."""

    def __init__(self, total: int, label: str, stream: TextIO = sys.stderr):
        self.total = total
        self.label = label
        self.stream = stream
        self.bar = (
            tqdm(total=total, desc=label, unit="page", file=stream) if stream.isatty() else None
        )
        self.last_line = time.monotonic()
        self.done = 0

    def update(self, done: int, movies: int, failures: int, rate: float) -> None:
        if self.bar is not None:
            self.bar.update(done - self.bar.n)
            self.bar.set_postfix(movies=movies, failures=failures, refresh=False)
        elif time.monotonic() - self.last_line >= PLAIN_PROGRESS_EVERY_S:
            self.last_line = time.monotonic()
            print(
                f"{self.label}: {done}/{self.total} done ({movies} movies, {failures} failures), "
                f"{rate:.1f} pages/s",
                file=self.stream,
                flush=True,
            )
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

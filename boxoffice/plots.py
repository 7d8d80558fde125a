"""Charts with matplotlib: throughput per run, where a task's time went, seconds vs N."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display needed
import matplotlib.pyplot as plt

from boxoffice.report import STAGES, RunFigures

STAGE_COLORS = ("#9e9e9e", "#1f77b4", "#ff7f0e", "#2ca02c")


def plot_runs(rows: Sequence[RunFigures], path: Path) -> None:
    """Left: pages/s per run. Right: mean ms per stage of a task, stacked, per run."""
    labels = [f"run {r.run_id}\n{r.mode}\n{r.workers}×{r.concurrency}" for r in rows]
    figure, (rates, stages) = plt.subplots(1, 2, figsize=(max(10, 2.2 * len(rows)), 5))
    rates.bar(labels, [r.pages_per_s for r in rows], color="#1f77b4")
    rates.set_ylabel("pages/s")
    rates.set_title("Throughput per run")
    bottoms = [0.0] * len(rows)
    for stage, color in zip(STAGES, STAGE_COLORS, strict=True):
        means = [r.stages[stage]["mean"] or 0.0 for r in rows]
        stages.bar(labels, means, bottom=bottoms, color=color, label=stage.removesuffix("_ms"))
        bottoms = [b + m for b, m in zip(bottoms, means, strict=True)]
    stages.set_ylabel("ms per task (mean)")
    stages.set_title("Where a task's time went")
    stages.legend()
    for axis in (rates, stages):
        axis.tick_params(axis="x", labelsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def plot_seconds_vs_n(series: Mapping[str, Mapping[int, float]], path: Path, title: str) -> None:
    """The original experiment's chart: seconds to fetch N pages, one line per method."""
    figure, axis = plt.subplots(figsize=(9, 5.5))
    for method, points in series.items():
        ns = sorted(points)
        axis.plot(ns, [points[n] for n in ns], marker="o", label=method)
    axis.set_xlabel("N (pages)")
    axis.set_ylabel("seconds")
    axis.set_yscale("log")
    axis.set_title(title)
    axis.grid(True, which="both", alpha=0.3)
    axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)

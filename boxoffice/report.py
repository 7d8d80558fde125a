"""Throughput of runs side by side: the figures `producer report` prints, plots and exports."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, select

from boxoffice.progress import percentile
from boxoffice.runs import as_utc
from boxoffice.store.schema import run_items, runs, task_metrics
from boxoffice.store.writer import Store

STAGES = ("queue_wait_ms", "fetch_ms", "parse_ms", "store_ms")
LATENCY_BOUND_SHARE = 0.8
"""A run doing at least this share of C/L was held back by the site's latency, not by CPU."""


@dataclass
class RunFigures:
    run_id: int
    mode: str
    years: str
    status: str
    workers: int
    concurrency: int
    movies: int
    failures: int
    retries: int
    attempts: int
    wall_seconds: float
    pages_per_s: float
    latency_bound_per_s: float | None
    bound: str
    stages: dict[str, dict[str, float | None]]

    def flat(self) -> dict[str, Any]:
        """One level of keys, for CSV."""
        row = {key: value for key, value in asdict(self).items() if key != "stages"}
        for stage, figures in self.stages.items():
            for name, value in figures.items():
                row[f"{stage.removesuffix('_ms')}_{name}_ms"] = value
        return row


def _stage_figures(values: list[float]) -> dict[str, float | None]:
    return {
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "p99": percentile(values, 99),
        "mean": sum(values) / len(values) if values else None,
    }


def classify_bound(rate: float, latency_bound: float | None) -> str:
    """'latency (87% of C/L)' when the run did nearly what its concurrency allows at the site's
    latency; 'CPU (32% of C/L)' when something in the scraper held it back."""
    if not latency_bound:
        return "-"
    share = rate / latency_bound
    kind = "latency" if share >= LATENCY_BOUND_SHARE else "CPU"
    return f"{kind} ({share:.0%} of C/L)"


def run_figures(store: Store, run_id: int) -> RunFigures:
    with store.engine.connect() as connection:
        run = connection.execute(select(runs).where(runs.c.id == run_id)).mappings().one()
        metrics = connection.execute(
            select(
                task_metrics.c.hostname,
                task_metrics.c.pid,
                task_metrics.c.concurrency,
                task_metrics.c.outcome,
                task_metrics.c.started_at,
                task_metrics.c.finished_at,
                *(task_metrics.c[stage] for stage in STAGES),
            ).where(task_metrics.c.run_id == run_id)
        ).all()
        states = dict(
            connection.execute(
                select(run_items.c.state, func.count())
                .where(run_items.c.run_id == run_id)
                .group_by(run_items.c.state)
            ).all()
        )
    processes = {(m.hostname, m.pid): m.concurrency for m in metrics}
    total_concurrency = sum(processes.values())
    settled = [m for m in metrics if m.outcome != "retry"]
    if metrics:
        first = min(as_utc(m.started_at) for m in metrics)
        last = max(as_utc(m.finished_at) for m in metrics)
        wall = max((last - first).total_seconds(), 1e-9)
    else:
        wall = 0.0
    rate = len(settled) / wall if wall else 0.0
    fetches = sorted(m.fetch_ms for m in metrics if m.fetch_ms is not None)
    # The fastest fetches show the site's own latency, before any waiting for CPU.
    latency_s = (percentile(fetches, 5) or 0) / 1000
    bound_rate = total_concurrency / latency_s if latency_s > 0 and total_concurrency else None
    return RunFigures(
        run_id=run_id,
        mode=run["mode"],
        years=run["years"],
        status=run["status"],
        workers=len(processes),
        concurrency=max(processes.values(), default=run["concurrency"]),
        movies=states.get("done", 0),
        failures=states.get("failed", 0),
        retries=sum(1 for m in metrics if m.outcome == "retry"),
        attempts=len(metrics),
        wall_seconds=wall,
        pages_per_s=rate,
        latency_bound_per_s=bound_rate,
        bound=classify_bound(rate, bound_rate),
        stages={
            stage: _stage_figures(
                [getattr(m, stage) for m in metrics if getattr(m, stage) is not None]
            )
            for stage in STAGES
        },
    )


def latest_run_ids(store: Store, count: int) -> list[int]:
    with store.engine.connect() as connection:
        ids = connection.execute(
            select(runs.c.id).order_by(runs.c.id.desc()).limit(count)
        ).scalars()
        return sorted(ids)


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def table(rows: list[RunFigures]) -> str:
    """The report as aligned text: one line per run."""
    header = (
        f"{'run':>4} {'mode':<22} {'workers×C':>9} {'movies':>7} {'fail':>5} {'retry':>5} "
        f"{'wall s':>7} {'pages/s':>8}  "
        + "  ".join(f"{s.removesuffix('_ms')[:10]:>17}" for s in STAGES)
        + "  bound"
    )
    sub = " " * 73 + "  ".join(f"{'p50/p95/p99 ms':>17}" for _ in STAGES)
    lines = [header, sub]
    for row in rows:
        stages = "  ".join(
            f"{_ms(f['p50'])}/{_ms(f['p95'])}/{_ms(f['p99'])}".rjust(17)
            for f in (row.stages[s] for s in STAGES)
        )
        lines.append(
            f"{row.run_id:>4} {row.mode[:22]:<22} {f'{row.workers}×{row.concurrency}':>9} "
            f"{row.movies:>7} {row.failures:>5} {row.retries:>5} {row.wall_seconds:>7.1f} "
            f"{row.pages_per_s:>8.1f}  {stages}  {row.bound}"
        )
    return "\n".join(lines)

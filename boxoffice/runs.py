"""What a run has done so far, read back from the database: counts, rate, stage times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from boxoffice.errors import UserError
from boxoffice.progress import Tally
from boxoffice.store.writer import RunCounts, Store


@dataclass(frozen=True)
class RunStatus:
    run: dict[str, Any]
    counts: RunCounts
    tally: Tally
    wall_seconds: float

    @property
    def run_id(self) -> int:
        return int(self.run["id"])

    @property
    def rate(self) -> float:
        settled = self.counts.done + self.counts.failed
        return settled / self.wall_seconds if self.wall_seconds > 0 else 0.0

    def status_line(self) -> str:
        run, counts = self.run, self.counts
        return (
            f"run {run['id']} ({run['mode']}, years {run['years']}, {run['status']}): "
            f"enqueued {counts.items}, done {counts.done}, failed {counts.failed}, "
            f"in flight {counts.pending}, {self.rate:.1f} pages/s so far"
        )

    def summary_line(self) -> str:
        return self.tally.summary(f"run {self.run_id} {self.run['status']}", self.wall_seconds)


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands timestamps back without their zone; they were written in UTC."""
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def resolve_run_id(store: Store, run_id: int | None) -> int:
    """The run asked for, or the latest; UserError when there is none such."""
    if run_id is None:
        latest = store.latest_run_id()
        if latest is None:
            raise UserError("there are no runs yet: start one with `producer enqueue` or `crawl`")
        return latest
    if store.run(run_id) is None:
        raise UserError(f"there is no run {run_id}")
    return run_id


def run_status(store: Store, run_id: int) -> RunStatus:
    run = store.run(run_id)
    if run is None:
        raise UserError(f"there is no run {run_id}")
    counts = store.counts(run_id)
    samples = store.stage_samples(run_id)
    tally = Tally(movies=counts.done, failures=counts.failed)
    tally.fetch_ms = samples["fetch_ms"]
    tally.parse_ms = samples["parse_ms"]
    first = as_utc(samples["first_started"])
    last = as_utc(samples["last_finished"])
    if first is None:
        wall = 0.0
    elif counts.pending:
        wall = (datetime.now(UTC) - first).total_seconds()
    else:
        wall = ((last or first) - first).total_seconds()
    return RunStatus(run, counts, tally, wall)

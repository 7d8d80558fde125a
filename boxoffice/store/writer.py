"""Writes of the scraping pipeline: runs, their items, movies by upsert, metrics, failures.

Every URL of a run ends as exactly one movie row or one failure row: the item's state moves
from pending to done or failed in the same transaction that writes that row and its metric.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, bindparam, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from boxoffice.items import WorkItem, utcnow
from boxoffice.metrics import TaskMetric
from boxoffice.parsing.records import RELEASE_FIELDS, ReleaseRecord
from boxoffice.store.schema import failures, movies, pages, run_items, runs, task_metrics

if TYPE_CHECKING:
    from boxoffice.archive import ArchivedPage

_CHUNK = 500


@dataclass(frozen=True)
class RunCounts:
    """Where a run stands: every item is pending (queued or in flight), done or failed."""

    items: int
    done: int
    failed: int

    @property
    def pending(self) -> int:
        return self.items - self.done - self.failed


class Store:
    """The pipeline's database writes; each method is one short transaction."""

    def __init__(self, engine: Engine):
        self.engine = engine
        dialect = {"postgresql": postgresql, "sqlite": sqlite}.get(engine.dialect.name)
        if dialect is None:
            raise ValueError(
                f"unsupported database {engine.dialect.name}: use PostgreSQL or SQLite"
            )
        self._insert = dialect.insert

    # runs -------------------------------------------------------------------------------------
    def start_run(
        self,
        *,
        mode: str,
        years: str,
        base_url: str,
        concurrency: int,
        worker_count: int,
        settings: dict[str, Any],
    ) -> int:
        with self.engine.begin() as connection:
            return connection.execute(
                runs.insert()
                .values(
                    started_at=utcnow(),
                    mode=mode,
                    years=years,
                    base_url=base_url,
                    concurrency=concurrency,
                    worker_count=worker_count,
                    settings=settings,
                    status="running",
                    enqueued=0,
                    skipped=0,
                )
                .returning(runs.c.id)
            ).scalar_one()

    def finish_run(self, run_id: int, status: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                update(runs).where(runs.c.id == run_id).values(status=status, finished_at=utcnow())
            )

    def run(self, run_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(runs).where(runs.c.id == run_id)).mappings().first()
            return dict(row) if row else None

    def latest_run_id(self) -> int | None:
        with self.engine.connect() as connection:
            return connection.execute(select(func.max(runs.c.id))).scalar()

    # items ------------------------------------------------------------------------------------
    def add_items(self, run_id: int, items: Sequence[WorkItem], skipped: int) -> None:
        """Record the run's URLs (pending) and how many were skipped as already scraped."""
        rows = [
            {
                "run_id": run_id,
                "release_id": item.release_id,
                "url": item.url,
                "year": item.year,
                "state": "pending",
                "enqueued_at": item.enqueued_at,
            }
            for item in items
        ]
        with self.engine.begin() as connection:
            for start in range(0, len(rows), _CHUNK):
                connection.execute(run_items.insert(), rows[start : start + _CHUNK])
            connection.execute(
                update(runs)
                .where(runs.c.id == run_id)
                .values(enqueued=runs.c.enqueued + len(rows), skipped=runs.c.skipped + skipped)
            )

    def scraped_ids(self, release_ids: Iterable[str]) -> set[str]:
        """Which of these releases already have a movie row."""
        wanted = list(release_ids)
        found: set[str] = set()
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                query = select(movies.c.release_id).where(movies.c.release_id.in_(chunk))
                found.update(connection.execute(query).scalars())
        return found

    def pending_in_running_runs(self, release_ids: Iterable[str]) -> set[str]:
        """Which of these releases are queued or in flight in a run that is still going."""
        wanted = list(release_ids)
        found: set[str] = set()
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), _CHUNK):
                query = (
                    select(run_items.c.release_id)
                    .join(runs, runs.c.id == run_items.c.run_id)
                    .where(
                        runs.c.status == "running",
                        run_items.c.state == "pending",
                        run_items.c.release_id.in_(wanted[start : start + _CHUNK]),
                    )
                )
                found.update(connection.execute(query).scalars())
        return found

    def pending_queued_items(self) -> list[WorkItem]:
        """Items still pending in queued (celery) runs that are going: what the broker must hold."""
        query = (
            select(run_items, runs.c.settings)
            .join(runs, runs.c.id == run_items.c.run_id)
            .where(
                runs.c.status == "running", runs.c.mode == "celery", run_items.c.state == "pending"
            )
        )
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return [_work_item(row, row["settings"]) for row in rows]

    def failed_items(self, run_id: int) -> list[WorkItem]:
        query = select(run_items).where(run_items.c.run_id == run_id, run_items.c.state == "failed")
        with self.engine.connect() as connection:
            rows = connection.execute(query.order_by(run_items.c.release_id)).mappings().all()
        return [_work_item(row) for row in rows]

    def failure_rows(self, run_id: int) -> list[dict[str, Any]]:
        query = select(failures).where(failures.c.run_id == run_id).order_by(failures.c.id)
        with self.engine.connect() as connection:
            return [dict(row) for row in connection.execute(query).mappings()]

    def stage_samples(self, run_id: int) -> dict[str, Any]:
        """The run's fetch and parse times and the span of its work, for its summary line."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(task_metrics.c.fetch_ms, task_metrics.c.parse_ms).where(
                    task_metrics.c.run_id == run_id
                )
            ).all()
            first, last = connection.execute(
                select(
                    func.min(task_metrics.c.started_at), func.max(task_metrics.c.finished_at)
                ).where(task_metrics.c.run_id == run_id)
            ).one()
        return {
            "fetch_ms": [row.fetch_ms for row in rows if row.fetch_ms is not None],
            "parse_ms": [row.parse_ms for row in rows if row.parse_ms is not None],
            "first_started": first,
            "last_finished": last,
        }

    def counts(self, run_id: int) -> RunCounts:
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(run_items.c.state, func.count())
                .where(run_items.c.run_id == run_id)
                .group_by(run_items.c.state)
            ).all()
        by_state = dict(rows)
        return RunCounts(
            items=sum(by_state.values()),
            done=by_state.get("done", 0),
            failed=by_state.get("failed", 0),
        )

    # results ----------------------------------------------------------------------------------
    def write_results(self, results: Sequence[Result]) -> None:
        """Write many tasks' results in one transaction: movies by upsert, failures, item
        states, then their metric rows.

        Each metric's store_ms is filled in just before the metric rows are written: the time
        from its hand-over (Result.submitted) to its rows being written, commit excluded.
        """
        settled = [r for r in results if r.final]
        movie_rows = [r.movie_row() for r in settled if r.record is not None]
        failure_rows = [r.failure_row() for r in settled if r.record is None]
        with self.engine.begin() as connection:
            if movie_rows:
                self._upsert_movies(connection, movie_rows)
            if failure_rows:
                insert = self._insert(failures)
                insert = insert.on_conflict_do_update(
                    index_elements=[failures.c.run_id, failures.c.url],
                    set_={
                        name: insert.excluded[name]
                        for name in ("reason", "attempts", "last_error", "failed_at")
                    },
                )
                connection.execute(insert, failure_rows)
            if settled:
                connection.execute(
                    _SETTLE_ITEM,
                    [
                        {
                            "b_run_id": r.item.run_id,
                            "b_release_id": r.item.release_id,
                            "b_state": "done" if r.record is not None else "failed",
                        }
                        for r in settled
                    ],
                )
            written = time.perf_counter()
            for result in results:
                result.metric.store_ms = (written - result.submitted) * 1000
            connection.execute(task_metrics.insert(), [r.metric.to_row() for r in results])
            archived = [r.page.to_row() for r in results if r.page is not None]
            if archived:
                connection.execute(pages.insert(), archived)
            for run_id in {r.item.run_id for r in settled}:
                self._finish_if_complete(connection, run_id)

    def _upsert_movies(self, connection, rows: list[dict[str, Any]]) -> None:  # type: ignore[no-untyped-def]
        upsert = self._insert(movies)
        upsert = upsert.on_conflict_do_update(
            index_elements=[movies.c.release_id],
            set_={name: upsert.excluded[name] for name in rows[0] if name != "release_id"},
        )
        connection.execute(upsert, rows)

    def write_reparsed(self, run_id: int, rows: list[dict[str, Any]]) -> None:
        """Movies re-parsed from a run's archived pages: upserted, their items done, and any
        failure row of theirs in that run gone (the page parses now)."""
        if not rows:
            return
        ids = [row["release_id"] for row in rows]
        with self.engine.begin() as connection:
            self._upsert_movies(connection, rows)
            connection.execute(
                update(run_items)
                .where(run_items.c.run_id == run_id, run_items.c.release_id.in_(ids))
                .values(state="done")
            )
            connection.execute(
                delete(failures).where(failures.c.run_id == run_id, failures.c.release_id.in_(ids))
            )

    def movie_owners(self, release_ids: Iterable[str]) -> dict[str, int]:
        """Which run last wrote each of these movies."""
        wanted = list(release_ids)
        owners: dict[str, int] = {}
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), _CHUNK):
                query = select(movies.c.release_id, movies.c.run_id).where(
                    movies.c.release_id.in_(wanted[start : start + _CHUNK])
                )
                owners.update(connection.execute(query).all())
        return owners

    def item_years(self, run_id: int) -> dict[str, int]:
        query = select(run_items.c.release_id, run_items.c.year).where(run_items.c.run_id == run_id)
        with self.engine.connect() as connection:
            return dict(connection.execute(query).all())

    @staticmethod
    def _finish_if_complete(connection, run_id: int) -> None:  # type: ignore[no-untyped-def]
        """A run whose last item just settled is finished, whoever settled it."""
        pending = connection.execute(
            select(run_items.c.release_id)
            .where(run_items.c.run_id == run_id, run_items.c.state == "pending")
            .limit(1)
        ).first()
        if pending is None:
            connection.execute(
                update(runs)
                .where(runs.c.id == run_id, runs.c.status == "running")
                .values(status="finished", finished_at=utcnow())
            )

    def save_metric(self, metric: TaskMetric) -> None:
        """A metric row alone: an attempt that will be retried leaves no movie or failure."""
        with self.engine.begin() as connection:
            connection.execute(task_metrics.insert().values(metric.to_row()))


def _work_item(row: Any, run_settings: dict[str, Any] | None = None) -> WorkItem:
    """A run_items row as a WorkItem, with the per-run choices its run's settings record."""
    settings = run_settings or {}
    return WorkItem(
        row["run_id"],
        row["release_id"],
        row["url"],
        row["year"],
        row["enqueued_at"],
        ignore_robots=bool(settings.get("ignore_robots")),
        archive=bool(settings.get("archive")),
    )


def movie_row(
    record: ReleaseRecord, year: int, url: str, scraped_at: datetime, run_id: int
) -> dict[str, Any]:
    """A `movies` row: the parser's fields and where and when the page came from."""
    row = {name: getattr(record, name) for name in RELEASE_FIELDS}
    row.update(year=year, url=url, scraped_at=scraped_at, run_id=run_id)
    return row


_SETTLE_ITEM = (
    update(run_items)
    .where(
        run_items.c.run_id == bindparam("b_run_id"),
        run_items.c.release_id == bindparam("b_release_id"),
    )
    .values(state=bindparam("b_state"))
)


@dataclass
class Result:
    """One task's outcome on its way to the database: a record (a movie) or a failure reason."""

    item: WorkItem
    metric: TaskMetric
    record: ReleaseRecord | None = None
    reason: str | None = None
    detail: str | None = None
    final: bool = True
    """False for an attempt that will be retried: only its metric row is written."""
    page: ArchivedPage | None = None
    """The fetched page, when the run keeps an archive."""
    submitted: float = field(default_factory=time.perf_counter)

    def movie_row(self) -> dict[str, Any]:
        assert self.record is not None
        return movie_row(self.record, self.item.year, self.item.url, utcnow(), self.item.run_id)

    def failure_row(self) -> dict[str, Any]:
        return {
            "run_id": self.item.run_id,
            "url": self.item.url,
            "release_id": self.item.release_id,
            "reason": self.reason or "unknown",
            "attempts": self.item.attempt,
            "last_error": self.detail,
            "failed_at": utcnow(),
        }

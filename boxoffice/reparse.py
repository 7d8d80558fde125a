"""Re-parse a run's archived pages with the current parser: a parser fix reaches past runs
without one request to the site.

For each release the newest archived 200 answer is parsed again. A page that parses updates
its movie (and a failure it had in that run is gone); a page that does not parse changes
nothing and is counted with its reason. A movie a later run has written since is left alone.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from boxoffice.archive import page_body
from boxoffice.errors import UserError
from boxoffice.parsing import ParseError, decode_html, parse_movie
from boxoffice.store.schema import pages
from boxoffice.store.writer import Store, movie_row

BATCH = 500


@dataclass
class ReparseSummary:
    run_id: int
    pages: int = 0
    movies: int = 0
    left_to_later_runs: int = 0
    unparsed: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.pages / self.seconds if self.seconds else 0.0
        text = (
            f"run {self.run_id}: re-parsed {self.pages} archived pages in {self.seconds:.1f} s "
            f"({rate:.0f} pages/s): {self.movies} movies written, "
            f"{sum(self.unparsed.values())} do not parse, "
            f"{self.left_to_later_runs} left alone (a later run wrote them)"
        )
        reasons = "".join(f"\n  {n} x {reason}" for reason, n in self.unparsed.most_common(5))
        return text + reasons


def archived_pages(store: Store, run_id: int) -> Iterator[Any]:
    """The newest archived 200 answer of each release of the run, read a batch at a time
    (no cursor stays open while the movies are written)."""
    newest = (
        select(func.max(pages.c.id))
        .where(pages.c.run_id == run_id, pages.c.status == 200)
        .group_by(pages.c.release_id)
    )
    with store.engine.connect() as connection:
        ids = sorted(connection.execute(newest).scalars())
    columns = (pages.c.release_id, pages.c.url, pages.c.fetched_at, pages.c.body_gzip)
    for start in range(0, len(ids), BATCH):
        query = select(*columns).where(pages.c.id.in_(ids[start : start + BATCH]))
        with store.engine.connect() as connection:
            rows = connection.execute(query.order_by(pages.c.id)).all()
        yield from rows


def has_archive(store: Store, run_id: int) -> bool:
    query = select(pages.c.id).where(pages.c.run_id == run_id).limit(1)
    with store.engine.connect() as connection:
        return connection.execute(query).first() is not None


def reparse_run(store: Store, run_id: int) -> ReparseSummary:
    if not has_archive(store, run_id):
        raise UserError(
            f"run {run_id} has no archived pages: start runs with --archive to keep them"
        )
    started = time.perf_counter()
    summary = ReparseSummary(run_id)
    years = store.item_years(run_id)
    batch: list[dict[str, Any]] = []
    for page in archived_pages(store, run_id):
        summary.pages += 1
        try:
            record = parse_movie(decode_html(page_body(page.body_gzip)), page.url)
        except ParseError as error:
            summary.unparsed[f"parse: {error}"] += 1
            continue
        except Exception as error:  # a page that trips the parser is counted, never a crash
            summary.unparsed[f"parser error: {type(error).__name__}: {error}"] += 1
            continue
        year = years.get(page.release_id, 0)
        batch.append(movie_row(record, year, page.url, page.fetched_at, run_id))
        if len(batch) >= BATCH:
            _write(store, run_id, batch, summary)
            batch = []
    _write(store, run_id, batch, summary)
    summary.seconds = time.perf_counter() - started
    return summary


def _write(store: Store, run_id: int, rows: list[dict[str, Any]], summary: ReparseSummary) -> None:
    owners = store.movie_owners(row["release_id"] for row in rows)
    mine = [row for row in rows if owners.get(row["release_id"], run_id) <= run_id]
    summary.left_to_later_runs += len(rows) - len(mine)
    store.write_reparsed(run_id, mine)
    summary.movies += len(mine)

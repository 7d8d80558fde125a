"""Movies out of SQL into the files models read: CSV, JSON lines, Parquet (typed columns)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from boxoffice.errors import UserError
from boxoffice.parsing.records import RELEASE_FIELDS
from boxoffice.runs import as_utc
from boxoffice.store.schema import movies
from boxoffice.store.writer import Store

COLUMNS: tuple[str, ...] = (*RELEASE_FIELDS, "year", "url", "scraped_at", "run_id")
INTEGER_COLUMNS = frozenset(
    {
        "runtime_minutes", "domestic_gross", "international_gross", "worldwide_gross",
        "opening_gross", "opening_theaters", "widest_release_theaters", "budget", "year", "run_id",
    }
)  # fmt: skip
FORMATS = ("csv", "jsonl", "parquet")
GENRE_SEPARATOR = "|"


def movie_rows(store: Store, years: Sequence[int] | None) -> Iterator[dict[str, Any]]:
    query = select(*(movies.c[name] for name in COLUMNS)).order_by(
        movies.c.year, movies.c.release_id
    )
    if years:
        query = query.where(movies.c.year.in_(list(years)))
    with store.engine.connect() as connection:
        for row in connection.execute(query).mappings():
            record = dict(row)
            record["scraped_at"] = as_utc(record["scraped_at"])
            yield record


def _csv_value(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name == "genres":
        return GENRE_SEPARATOR.join(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def _parquet_schema():  # type: ignore[no-untyped-def]
    import pyarrow as pa

    types = {name: pa.int64() for name in INTEGER_COLUMNS}
    types.update(
        release_date=pa.date32(),
        genres=pa.list_(pa.string()),
        scraped_at=pa.timestamp("us", tz="UTC"),
    )
    return pa.schema([(name, types.get(name, pa.string())) for name in COLUMNS])


def export(store: Store, fmt: str, years: Sequence[int] | None, path: Path) -> int:
    """Write the movies (of the years, or all) to path; return how many rows were written."""
    rows = list(movie_rows(store, years))
    try:
        if fmt == "csv":
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(COLUMNS)
                writer.writerows([_csv_value(c, row[c]) for c in COLUMNS] for row in rows)
        elif fmt == "jsonl":
            with path.open("w", encoding="utf-8") as handle:
                for row in rows:
                    line = {name: _json_value(row[name]) for name in COLUMNS}
                    handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        elif fmt == "parquet":
            try:
                import pyarrow as pa
                import pyarrow.parquet as pq
            except ImportError:
                raise UserError(
                    "--format parquet needs pyarrow: pip install -e '.[export]'"
                ) from None
            for row in rows:
                if row["release_date"]:
                    row["release_date"] = date.fromisoformat(row["release_date"])
            table = pa.Table.from_pylist(rows, schema=_parquet_schema())
            pq.write_table(table, path)
        else:
            raise UserError(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror or error}") from None
    return len(rows)

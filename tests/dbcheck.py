"""Read back what a run stored, for tests to compare against the imitation site's truth."""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, text

from boxoffice.parsing.records import RELEASE_FIELDS


def query(database_url: str, sql: str, **params: Any) -> list[dict[str, Any]]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return [dict(row) for row in connection.execute(text(sql), params).mappings()]
    finally:
        engine.dispose()


def execute(database_url: str, sql: str, **params: Any) -> None:
    """One statement in its own transaction, e.g. to put a database in a state under test."""
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text(sql), params)
    finally:
        engine.dispose()


def scalar(database_url: str, sql: str, **params: Any) -> Any:
    rows = query(database_url, sql, **params)
    return next(iter(rows[0].values())) if rows else None


def movie_records(database_url: str) -> dict[str, dict[str, Any]]:
    """release_id -> the record fields as the parser returns them."""
    rows = query(database_url, f"select {', '.join(RELEASE_FIELDS)} from movies")
    records = {}
    for row in rows:
        if isinstance(row["genres"], str):  # SQLite hands JSON back as text through text()
            import json

            row["genres"] = json.loads(row["genres"])
        records[row["release_id"]] = row
    return records

"""`producer export`: CSV, JSON lines and Parquet, read back with their types."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from boxoffice.export import COLUMNS, GENRE_SEPARATOR
from tests.conftest import run_producer
from tests.dbcheck import movie_records


@pytest.fixture
def scraped(mocksite, database_url: str) -> str:
    for year in ("2016", "2017"):
        result = run_producer(
            "crawl",
            "--years",
            year,
            "--base-url",
            mocksite.url,
            "--db",
            database_url,
            "--limit",
            "30",
        )
        assert result.returncode == 0, result.stderr
    return database_url


def export(db: str, fmt: str, path: Path, *extra: str) -> None:
    result = run_producer("export", "--format", fmt, "-o", str(path), "--db", db, *extra)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("wrote ")


def test_three_formats_hold_the_same_typed_rows(scraped: str, tmp_path: Path) -> None:
    expected = movie_records(scraped)
    assert len(expected) == 60

    export(scraped, "jsonl", tmp_path / "m.jsonl")
    lines = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text().splitlines()]
    assert {
        row["release_id"]: {k: row[k] for k in expected[row["release_id"]]} for row in lines
    } == expected
    assert all(set(row) == set(COLUMNS) for row in lines)
    assert all(isinstance(row["year"], int) and isinstance(row["genres"], list) for row in lines)

    export(scraped, "csv", tmp_path / "m.csv")
    with (tmp_path / "m.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 60 and list(rows[0]) == list(COLUMNS)
    for row in rows:
        record = expected[row["release_id"]]
        assert row["domestic_gross"] == str(record["domestic_gross"])
        assert row["budget"] == ("" if record["budget"] is None else str(record["budget"]))
        assert row["genres"] == GENRE_SEPARATOR.join(record["genres"])

    export(scraped, "parquet", tmp_path / "m.parquet")
    table = pq.read_table(tmp_path / "m.parquet")
    assert table.num_rows == 60
    assert table.schema.field("domestic_gross").type == pa.int64()
    assert table.schema.field("release_date").type == pa.date32()
    assert table.schema.field("genres").type == pa.list_(pa.string())
    for row in table.to_pylist():
        record = expected[row["release_id"]]
        assert row["release_date"] == date.fromisoformat(record["release_date"])
        assert {k: row[k] for k in record if k != "release_date"} == {
            k: v for k, v in record.items() if k != "release_date"
        }


def test_years_filter_and_bad_inputs(scraped: str, tmp_path: Path) -> None:
    export(scraped, "jsonl", tmp_path / "2017.jsonl", "--years", "2017")
    years = {
        json.loads(line)["year"] for line in (tmp_path / "2017.jsonl").read_text().splitlines()
    }
    assert years == {2017}
    bad = run_producer("export", "--format", "xml", "-o", str(tmp_path / "x"), "--db", scraped)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    unwritable = run_producer(
        "export", "--format", "csv", "-o", "/proc/nope/movies.csv", "--db", scraped
    )
    assert unwritable.returncode == 2
    assert unwritable.stderr.startswith("producer export: cannot write /proc/nope/movies.csv")

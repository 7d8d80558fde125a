"""Table definitions, used for queries. The schema itself comes from the Alembic migrations."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("mode", String(40), nullable=False),
    Column("years", String(200), nullable=False),
    Column("base_url", String(500), nullable=False),
    Column("concurrency", Integer, nullable=False),
    Column("worker_count", Integer, nullable=False),
    Column("settings", JSON, nullable=False),
    Column("status", String(20), nullable=False),
    Column("enqueued", Integer, nullable=False, default=0),
    Column("skipped", Integer, nullable=False, default=0),
)

run_items = Table(
    "run_items",
    metadata,
    Column("run_id", Integer, ForeignKey("runs.id"), primary_key=True),
    Column("release_id", String(32), primary_key=True),
    Column("url", String(500), nullable=False),
    Column("year", Integer, nullable=False),
    Column("state", String(16), nullable=False),
    Column("enqueued_at", DateTime(timezone=True), nullable=False),
    Index("ix_run_items_run_state", "run_id", "state"),
)

movies = Table(
    "movies",
    metadata,
    Column("release_id", String(32), primary_key=True),
    Column("imdb_id", String(16)),
    Column("title", Text, nullable=False),
    Column("release_date", String(10)),
    Column("distributor", Text),
    Column("mpaa_rating", String(16)),
    Column("runtime_minutes", Integer),
    Column("genres", JSON, nullable=False),
    Column("domestic_gross", BigInteger),
    Column("international_gross", BigInteger),
    Column("worldwide_gross", BigInteger),
    Column("opening_gross", BigInteger),
    Column("opening_theaters", Integer),
    Column("widest_release_theaters", Integer),
    Column("budget", BigInteger),
    Column("year", Integer, nullable=False),
    Column("url", String(500), nullable=False),
    Column("scraped_at", DateTime(timezone=True), nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Index("ix_movies_year", "year"),
)

task_metrics = Table(
    "task_metrics",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("url", String(500), nullable=False),
    Column("release_id", String(32)),
    Column("hostname", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("pool", String(20), nullable=False),
    Column("concurrency", Integer, nullable=False),
    Column("enqueued_at", DateTime(timezone=True)),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=False),
    Column("queue_wait_ms", Float),
    Column("fetch_ms", Float),
    Column("parse_ms", Float),
    Column("store_ms", Float),
    Column("http_status", Integer),
    Column("bytes", Integer),
    Column("attempt", Integer, nullable=False),
    Column("outcome", String(10), nullable=False),
    Column("error", Text),
    Index("ix_task_metrics_run_id", "run_id"),
    Index("ix_task_metrics_release_id", "release_id"),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("url", String(500), nullable=False),
    Column("release_id", String(32)),
    Column("reason", String(40), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text),
    Column("failed_at", DateTime(timezone=True), nullable=False),
    Index("ux_failures_run_url", "run_id", "url", unique=True),
)

pages = Table(
    "pages",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("release_id", String(32), nullable=False),
    Column("url", String(500), nullable=False),
    Column("attempt", Integer, nullable=False),
    Column("status", Integer, nullable=False),
    Column("headers", JSON, nullable=False),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    Column("fetch_ms", Float),
    Column("size", Integer, nullable=False),
    Column("body_gzip", LargeBinary, nullable=False),
    Index("ix_pages_run_release", "run_id", "release_id"),
)

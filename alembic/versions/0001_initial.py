"""Initial schema: runs, run_items, movies, task_metrics, failures.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)
BIG_ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", TIMESTAMP, nullable=False),
        sa.Column("finished_at", TIMESTAMP),
        sa.Column("mode", sa.String(40), nullable=False),
        sa.Column("years", sa.String(200), nullable=False),
        sa.Column("base_url", sa.String(500), nullable=False),
        sa.Column("concurrency", sa.Integer, nullable=False),
        sa.Column("worker_count", sa.Integer, nullable=False),
        sa.Column("settings", sa.JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("enqueued", sa.Integer, nullable=False, server_default="0"),
        sa.Column("skipped", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "run_items",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), primary_key=True),
        sa.Column("release_id", sa.String(32), primary_key=True),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("enqueued_at", TIMESTAMP, nullable=False),
    )
    op.create_index("ix_run_items_run_state", "run_items", ["run_id", "state"])
    op.create_table(
        "movies",
        sa.Column("release_id", sa.String(32), primary_key=True),
        sa.Column("imdb_id", sa.String(16)),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("release_date", sa.String(10)),
        sa.Column("distributor", sa.Text),
        sa.Column("mpaa_rating", sa.String(16)),
        sa.Column("runtime_minutes", sa.Integer),
        sa.Column("genres", sa.JSON, nullable=False),
        sa.Column("domestic_gross", sa.BigInteger),
        sa.Column("international_gross", sa.BigInteger),
        sa.Column("worldwide_gross", sa.BigInteger),
        sa.Column("opening_gross", sa.BigInteger),
        sa.Column("opening_theaters", sa.Integer),
        sa.Column("widest_release_theaters", sa.Integer),
        sa.Column("budget", sa.BigInteger),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("scraped_at", TIMESTAMP, nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
    )
    op.create_index("ix_movies_year", "movies", ["year"])
    op.create_table(
        "task_metrics",
        sa.Column("id", BIG_ID, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("release_id", sa.String(32)),
        sa.Column("hostname", sa.String(255), nullable=False),
        sa.Column("pid", sa.Integer, nullable=False),
        sa.Column("pool", sa.String(20), nullable=False),
        sa.Column("concurrency", sa.Integer, nullable=False),
        sa.Column("enqueued_at", TIMESTAMP),
        sa.Column("started_at", TIMESTAMP, nullable=False),
        sa.Column("finished_at", TIMESTAMP, nullable=False),
        sa.Column("queue_wait_ms", sa.Float),
        sa.Column("fetch_ms", sa.Float),
        sa.Column("parse_ms", sa.Float),
        sa.Column("store_ms", sa.Float),
        sa.Column("http_status", sa.Integer),
        sa.Column("bytes", sa.Integer),
        sa.Column("attempt", sa.Integer, nullable=False),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("error", sa.Text),
    )
    op.create_index("ix_task_metrics_run_id", "task_metrics", ["run_id"])
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("release_id", sa.String(32)),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("failed_at", TIMESTAMP, nullable=False),
    )
    op.create_index("ux_failures_run_url", "failures", ["run_id", "url"], unique=True)


def downgrade() -> None:
    op.drop_table("failures")
    op.drop_table("task_metrics")
    op.drop_table("movies")
    op.drop_table("run_items")
    op.drop_table("runs")

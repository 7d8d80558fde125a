"""The raw page archive: every page fetched by a run started with --archive, gzip-compressed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pages",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
        sa.Column("release_id", sa.String(32), nullable=False),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("attempt", sa.Integer, nullable=False),
        sa.Column("status", sa.Integer, nullable=False),
        sa.Column("headers", sa.JSON, nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fetch_ms", sa.Float),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("body_gzip", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_pages_run_release", "pages", ["run_id", "release_id"])


def downgrade() -> None:
    op.drop_index("ix_pages_run_release", table_name="pages")
    op.drop_table("pages")

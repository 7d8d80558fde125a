"""Views for users who query directly: run_throughput and movie_latest.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

RUN_THROUGHPUT = """
CREATE VIEW run_throughput AS
SELECT
    runs.id AS run_id,
    runs.mode,
    runs.years,
    runs.status,
    count(DISTINCT m.hostname || ':' || m.pid) AS workers,
    max(m.concurrency) AS concurrency,
    (SELECT count(*) FROM run_items i WHERE i.run_id = runs.id AND i.state = 'done') AS movies,
    (SELECT count(*) FROM run_items i WHERE i.run_id = runs.id AND i.state = 'failed')
        AS failures,
    sum(CASE WHEN m.outcome = 'retry' THEN 1 ELSE 0 END) AS retries,
    count(m.id) AS attempts,
    {wall} AS wall_seconds,
    sum(CASE WHEN m.outcome <> 'retry' THEN 1 ELSE 0 END) / nullif({wall}, 0) AS pages_per_s,
    avg(m.queue_wait_ms) AS avg_queue_wait_ms,
    avg(m.fetch_ms) AS avg_fetch_ms,
    avg(m.parse_ms) AS avg_parse_ms,
    avg(m.store_ms) AS avg_store_ms,
    max(m.fetch_ms) AS max_fetch_ms
FROM runs
LEFT JOIN task_metrics m ON m.run_id = runs.id
GROUP BY runs.id, runs.mode, runs.years, runs.status
"""

WALL = {
    "postgresql": "extract(epoch FROM max(m.finished_at) - min(m.started_at))",
    "sqlite": "(julianday(max(m.finished_at)) - julianday(min(m.started_at))) * 86400.0",
}

MOVIE_LATEST = """
CREATE VIEW movie_latest AS
SELECT movies.*,
       m.run_id AS scrape_run_id,
       m.hostname, m.pid, m.started_at AS scrape_started_at,
       m.queue_wait_ms, m.fetch_ms, m.parse_ms, m.store_ms, m.http_status, m.bytes, m.attempt
FROM movies
LEFT JOIN task_metrics m ON m.id = (
    SELECT max(t.id) FROM task_metrics t
    WHERE t.release_id = movies.release_id AND t.outcome = 'ok'
)
"""


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute(RUN_THROUGHPUT.format(wall=WALL.get(dialect, WALL["postgresql"])))
    op.create_index("ix_task_metrics_release_id", "task_metrics", ["release_id"])
    op.execute(MOVIE_LATEST)


def downgrade() -> None:
    op.execute("DROP VIEW movie_latest")
    op.drop_index("ix_task_metrics_release_id", "task_metrics")
    op.execute("DROP VIEW run_throughput")

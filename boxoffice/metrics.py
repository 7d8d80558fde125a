"""One task_metrics row: where one attempt at one URL spent its time."""

from __future__ import annotations

import os
import socket
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class WorkerIdentity:
    """Who ran a task: the metrics say which host, process and pool did the work."""

    hostname: str
    pid: int
    pool: str
    concurrency: int

    @classmethod
    def here(cls, pool: str, concurrency: int) -> WorkerIdentity:
        return cls(socket.gethostname(), os.getpid(), pool, concurrency)


@dataclass
class TaskMetric:
    run_id: int
    url: str
    release_id: str | None
    hostname: str
    pid: int
    pool: str
    concurrency: int
    enqueued_at: datetime | None
    started_at: datetime
    finished_at: datetime
    queue_wait_ms: float | None
    fetch_ms: float | None
    parse_ms: float | None
    store_ms: float | None
    http_status: int | None
    bytes: int | None
    attempt: int
    outcome: str
    error: str | None

    def to_row(self) -> dict[str, Any]:
        return asdict(self)

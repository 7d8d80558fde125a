"""A unit of work: one release URL of one run. It travels as JSON through the queue."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class WorkItem:
    run_id: int
    release_id: str
    url: str
    year: int
    enqueued_at: datetime
    attempt: int = 1
    ignore_robots: bool = False
    archive: bool = False
    """Keep the fetched page in the archive (`pages`), for `producer reparse`."""

    def to_message(self) -> dict[str, Any]:
        """JSON-safe form for a Celery message (JSON serialization only, never pickle)."""
        message = asdict(self)
        message["enqueued_at"] = self.enqueued_at.isoformat()
        return message

    @classmethod
    def from_message(cls, message: dict[str, Any]) -> WorkItem:
        fields = dict(message)
        fields["enqueued_at"] = datetime.fromisoformat(fields["enqueued_at"])
        return cls(**fields)

    def next_attempt(self) -> WorkItem:
        return replace(self, attempt=self.attempt + 1)

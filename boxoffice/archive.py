"""The raw page archive: what a fetch returned, kept gzip-compressed for `producer reparse`.

A parser fix then applies to past runs without fetching a page again. Pages live in the
database (table `pages`), so every worker of a distributed run writes to the same archive.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from boxoffice.http import FetchResult
from boxoffice.items import WorkItem

COMPRESS_LEVEL = 6
"""gzip level 6 keeps a ~150 KB page in ~20 KB for ~1.5 ms of CPU."""


@dataclass(frozen=True)
class ArchivedPage:
    """One fetched response: URL, status, headers, fetch time and the compressed body."""

    item: WorkItem
    status: int
    headers: dict[str, str]
    fetched_at: datetime
    fetch_ms: float
    size: int
    body_gzip: bytes

    @classmethod
    def of(cls, item: WorkItem, fetched: FetchResult, fetched_at: datetime) -> ArchivedPage:
        assert fetched.status is not None, "only a response that arrived is archived"
        return cls(
            item=item,
            status=fetched.status,
            headers=fetched.headers,
            fetched_at=fetched_at,
            fetch_ms=fetched.fetch_ms,
            size=len(fetched.body),
            body_gzip=gzip.compress(fetched.body, compresslevel=COMPRESS_LEVEL),
        )

    def to_row(self) -> dict[str, Any]:
        return {
            "run_id": self.item.run_id,
            "release_id": self.item.release_id,
            "url": self.item.url,
            "attempt": self.item.attempt,
            "status": self.status,
            "headers": self.headers,
            "fetched_at": self.fetched_at,
            "fetch_ms": self.fetch_ms,
            "size": self.size,
            "body_gzip": self.body_gzip,
        }


def page_body(body_gzip: bytes) -> bytes:
    return gzip.decompress(body_gzip)

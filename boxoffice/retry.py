"""When a failed fetch is worth another try, and how long to wait before it.

Connection errors, timeouts, 5xx, 429 and truncated pages are retried with exponential backoff
and full jitter, honouring Retry-After (seconds or an HTTP date) up to a cap. A 404 or a page
that parses wrong is final at once: asking again would get the same answer.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRYABLE = frozenset({"network", "timeout", "http_5xx", "http_429", "truncated"})


def _env_float(name: str, default: float) -> float:
    return float(os.environ.get(name) or default)


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 4
    base_delay_s: float = 1.0
    max_delay_s: float = 60.0
    retry_after_cap_s: float = 60.0

    @classmethod
    def from_env(cls) -> RetryPolicy:
        """SCRAPER_MAX_ATTEMPTS, SCRAPER_RETRY_BASE_S, SCRAPER_RETRY_MAX_S,
        SCRAPER_RETRY_AFTER_CAP_S. Every delay stays below the queue's visibility timeout."""
        return cls(
            max_attempts=int(_env_float("SCRAPER_MAX_ATTEMPTS", cls.max_attempts)),
            base_delay_s=_env_float("SCRAPER_RETRY_BASE_S", cls.base_delay_s),
            max_delay_s=_env_float("SCRAPER_RETRY_MAX_S", cls.max_delay_s),
            retry_after_cap_s=_env_float("SCRAPER_RETRY_AFTER_CAP_S", cls.retry_after_cap_s),
        )

    def should_retry(self, reason: str, attempt: int) -> bool:
        return reason in RETRYABLE and attempt < self.max_attempts

    def delay(self, attempt: int, retry_after: str | None = None) -> float:
        """Seconds before attempt + 1: the server's Retry-After if it gave one (capped), else
        exponential backoff with full jitter."""
        asked = parse_retry_after(retry_after)
        if asked is not None:
            return min(asked, self.retry_after_cap_s)
        ceiling = min(self.max_delay_s, self.base_delay_s * 2 ** (attempt - 1))
        return random.uniform(ceiling / 2, ceiling)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """'120' -> 120.0; 'Wed, 21 Oct 2026 07:28:00 GMT' -> seconds from now; junk -> None."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - (now or datetime.now(UTC))).total_seconds())

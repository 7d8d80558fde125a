"""A per-host request rate and concurrency cap that holds across processes and machines.

Both live in Redis and change in atomic Lua scripts, timed by Redis's own clock so that workers
on several machines agree. The in-process crawl uses the same limiter, or an in-process twin of
it when no Redis is configured.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

import redis

# A token bucket that holds at most one token: requests are spaced 1/rate apart, so no
# one-second window ever sees more than rate + 1 of them.
_TAKE_TOKEN = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + tonumber(now_parts[2]) / 1000
local rate = tonumber(ARGV[1])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or 1
local at = tonumber(state[2]) or now
tokens = math.min(1, tokens + (now - at) * rate / 1000)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = (1 - tokens) * 1000 / rate
end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
redis.call('PEXPIRE', KEYS[1], 60000)
return tostring(wait)
"""

# A counting semaphore whose holders expire, so a worker killed mid-request frees its slot.
_ACQUIRE_SLOT = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + tonumber(now_parts[2]) / 1000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
  return 1
end
return 0
"""

SLOT_LEASE_MS = 120_000
POLL_S = 0.01


class Limiter(Protocol):
    @contextmanager
    def request_slot(self, host: str) -> Iterator[None]: ...


class RedisLimiter:
    def __init__(self, client: redis.Redis, rate: float | None, max_per_host: int | None):
        self.client = client
        self.rate = rate
        self.max_per_host = max_per_host
        self._take = client.register_script(_TAKE_TOKEN)
        self._acquire = client.register_script(_ACQUIRE_SLOT)

    @contextmanager
    def request_slot(self, host: str) -> Iterator[None]:
        holder = None
        if self.max_per_host:
            holder = uuid.uuid4().hex
            key = f"moviescraper:slots:{host}"
            while not self._acquire(keys=[key], args=[self.max_per_host, holder, SLOT_LEASE_MS]):
                time.sleep(POLL_S)
        try:
            if self.rate:
                while (
                    wait_ms := float(
                        self._take(keys=[f"moviescraper:rate:{host}"], args=[self.rate])
                    )
                ) > 0:
                    time.sleep(wait_ms / 1000)
            yield
        finally:
            if holder is not None:
                self.client.zrem(f"moviescraper:slots:{host}", holder)


class LocalLimiter:
    """The same limits within one process, for a crawl without Redis."""

    def __init__(self, rate: float | None, max_per_host: int | None):
        self.rate = rate
        self.max_per_host = max_per_host
        self._lock = threading.Lock()
        self._next_at: dict[str, float] = {}
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    @contextmanager
    def request_slot(self, host: str) -> Iterator[None]:
        slot = None
        if self.max_per_host:
            with self._lock:
                slot = self._slots.setdefault(host, threading.BoundedSemaphore(self.max_per_host))
            slot.acquire()
        try:
            if self.rate:
                with self._lock:
                    now = time.monotonic()
                    start = max(now, self._next_at.get(host, now))
                    self._next_at[host] = start + 1 / self.rate
                if start > now:
                    time.sleep(start - now)
            yield
        finally:
            if slot is not None:
                slot.release()


class NoLimit:
    @contextmanager
    def request_slot(self, host: str) -> Iterator[None]:
        yield

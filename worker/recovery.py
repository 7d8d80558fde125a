"""Nothing lost when a worker dies: put back what dead workers held, re-send what vanished.

Two holes, both seen here with kill -9 on a gevent worker:
- kombu's Redis transport keeps each delivered, unacknowledged message in an "unacked" set until
  it is acknowledged, but only the prefork event loop ever scans that set (restore_visible); the
  gevent pool's consumer never does, so a killed worker's tasks would wait forever. Every worker
  scans it on a timer; kombu's mutex lets one at a time do it, and only messages older than the
  visibility timeout come back.
- A message popped from the queue but not yet recorded as unacknowledged is gone with the
  worker (1 of ~400 in one kill). The database knows better: every URL of a run is a pending
  run item until its movie or failure row is committed. An item that stays pending while no
  message for it is in Redis, in two sweeps in a row, is sent again. A duplicate run of a task
  is harmless: the movie is upserted and the item settles once.
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Iterable

import gevent
import redis
from celery import Celery

from boxoffice.queue import QUEUE, SCRAPE_TASK, VISIBILITY_TIMEOUT_S
from boxoffice.settings import redis_url
from boxoffice.store.writer import Store

log = logging.getLogger("moviescraper.recovery")
RESTORE_EVERY_S = max(1.0, min(30.0, VISIBILITY_TIMEOUT_S / 4))
RESTORE_BATCH = 10_000
SWEEP_LOCK = "moviescraper:sweep-lock"
UNACKED_HASH = "unacked"
_READ_CHUNK = 5_000


def restore_unacked_once(app: Celery) -> None:
    with app.connection_for_write() as connection:
        channel = connection.default_channel
        channel.qos.restore_visible(start=0, num=RESTORE_BATCH, interval=1)


def _item_key(raw: bytes | str) -> tuple[int, str] | None:
    """(run_id, release_id) of a stored kombu message, or None if it is not one of ours."""
    try:
        message = json.loads(raw)
        if isinstance(message, list):  # the unacked hash stores [message, exchange, key]
            message = message[0]
        if message.get("headers", {}).get("task") != SCRAPE_TASK:
            return None
        body = message["body"]
        if message.get("properties", {}).get("body_encoding") == "base64":
            body = base64.b64decode(body)
        args = json.loads(body)[0]
        return int(args[0]["run_id"]), str(args[0]["release_id"])
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _queued_keys(client: redis.Redis) -> set[tuple[int, str]]:
    """Every (run, release) a message in Redis is about: waiting in the queue or unacked."""
    keys: set[tuple[int, str]] = set()
    length = client.llen(QUEUE)
    for start in range(0, length, _READ_CHUNK):
        keys.update(_keys(client.lrange(QUEUE, start, start + _READ_CHUNK - 1)))
    keys.update(_keys(client.hvals(UNACKED_HASH)))
    return keys


def _keys(raws: Iterable[bytes]) -> Iterable[tuple[int, str]]:
    return (key for raw in raws if (key := _item_key(raw)) is not None)


class LostTaskSweeper:
    """Re-sends the tasks of pending items that no message in Redis stands for any more."""

    def __init__(self, app: Celery, store: Store, client: redis.Redis):
        self.app = app
        self.store = store
        self.client = client
        self.suspects: set[tuple[int, str]] = set()

    def sweep_once(self) -> int:
        pending = {
            (item.run_id, item.release_id): item for item in self.store.pending_queued_items()
        }
        if not pending:
            self.suspects.clear()
            return 0
        missing = set(pending) - _queued_keys(self.client)
        lost = missing & self.suspects
        self.suspects = missing - lost
        for key in lost:
            self.app.send_task(SCRAPE_TASK, args=[pending[key].to_message()])
        if lost:
            log.warning("re-sent %d tasks whose messages were lost", len(lost))
        return len(lost)


def recover_forever(app: Celery, store_factory) -> None:  # type: ignore[no-untyped-def]
    """Every few seconds: restore unacknowledged messages of dead workers, sweep lost ones."""
    client = redis.Redis.from_url(redis_url())
    sweeper: LostTaskSweeper | None = None
    while True:
        try:
            restore_unacked_once(app)
            if client.set(SWEEP_LOCK, "1", nx=True, ex=max(1, int(RESTORE_EVERY_S))):
                sweeper = sweeper or LostTaskSweeper(app, store_factory(), client)
                sweeper.sweep_once()
        except Exception as error:  # the broker or database may be restarting: next round
            log.warning("recovery round failed: %s", error)
        gevent.sleep(RESTORE_EVERY_S)

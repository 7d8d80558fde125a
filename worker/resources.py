"""What a worker process shares across its greenlets, created once on first use."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import requests

from boxoffice.http import new_session
from boxoffice.metrics import WorkerIdentity
from boxoffice.settings import database_url
from boxoffice.store.engine import check_migrated, make_engine
from boxoffice.store.group_commit import GroupCommitter
from boxoffice.store.writer import Store

DB_CONNECTIONS = 4
"""Only the group committer writes, so a few connections serve any concurrency."""

_concurrency = 100
_lock = threading.Lock()  # a gevent lock once Celery has patched the process
_resources: Resources | None = None


@dataclass(frozen=True)
class Resources:
    session: requests.Session
    store: Store
    committer: GroupCommitter
    identity: WorkerIdentity


def configure(concurrency: int) -> None:
    global _concurrency
    _concurrency = concurrency


def get() -> Resources:
    global _resources
    if _resources is None:
        with _lock:
            if _resources is None:
                engine = make_engine(database_url(), pool_size=DB_CONNECTIONS)
                check_migrated(engine)
                store = Store(engine)
                _resources = Resources(
                    session=new_session(pool_size=_concurrency),
                    store=store,
                    committer=GroupCommitter(store),
                    identity=WorkerIdentity.here("gevent", _concurrency),
                )
    return _resources

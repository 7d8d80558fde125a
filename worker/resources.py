"""What a worker process shares across its greenlets, created once on first use."""

from __future__ import annotations

import threading

from boxoffice.gate import gate_from_env
from boxoffice.http import new_session
from boxoffice.metrics import WorkerIdentity
from boxoffice.pipeline import Toolkit
from boxoffice.retry import RetryPolicy
from boxoffice.settings import base_url, database_url
from boxoffice.store.engine import check_migrated, make_engine
from boxoffice.store.group_commit import GroupCommitter
from boxoffice.store.writer import Store

DB_CONNECTIONS = 4
"""Only the group committer writes, so a few connections serve any concurrency."""

_concurrency = 100
_lock = threading.Lock()  # a gevent lock once Celery has patched the process
_toolkit: Toolkit | None = None
_store: Store | None = None


def configure(concurrency: int) -> None:
    global _concurrency
    _concurrency = concurrency


def get() -> Toolkit:
    """The Session, writer, gate and retry policy; SCRAPER_BASE_URL's host is the one allowed."""
    global _toolkit, _store
    if _toolkit is None:
        with _lock:
            if _toolkit is None:
                engine = make_engine(database_url(), pool_size=DB_CONNECTIONS)
                check_migrated(engine)
                _store = Store(engine)
                _toolkit = Toolkit(
                    session=new_session(pool_size=_concurrency),
                    store=GroupCommitter(_store),
                    worker=WorkerIdentity.here("gevent", _concurrency),
                    gate=gate_from_env(base_url()),
                    policy=RetryPolicy.from_env(),
                )
    return _toolkit


def store() -> Store:
    get()
    assert _store is not None
    return _store

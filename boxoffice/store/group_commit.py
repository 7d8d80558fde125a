"""Group commit: the results of many concurrent tasks share one transaction.

A database round trip and commit per task would cost more CPU than parsing the page. Tasks hand
their Result to the committer and wait until the transaction holding it has committed, so a
Celery task is acknowledged only once its rows are safe.
"""

from __future__ import annotations

import gevent
from gevent.event import AsyncResult
from gevent.queue import Queue

from boxoffice.store.writer import Result, Store

MAX_BATCH = 500


class GroupCommitter:
    def __init__(self, store: Store, max_batch: int = MAX_BATCH):
        self.store = store
        self.max_batch = max_batch
        self._queue: Queue[tuple[Result, AsyncResult]] = Queue()
        self._writer = gevent.spawn(self._run)

    def write(self, result: Result) -> None:
        """Block this greenlet until result is committed; re-raise the database's error."""
        done = AsyncResult()
        self._queue.put((result, done))
        done.get()

    def close(self) -> None:
        self._writer.kill()

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            gevent.sleep(0)  # let the greenlets that are ready hand in their results too
            while len(batch) < self.max_batch and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                self.store.write_results([result for result, _ in batch])
            except Exception as error:  # each waiting task gets the error to handle
                for _, done in batch:
                    done.set_exception(error)
            else:
                for _, done in batch:
                    done.set(None)

"""Real Celery worker processes on the gevent pool, started and stopped by pid.

Celery's in-process test worker cannot run the gevent pool, and pytest-celery's fixtures need
Docker, so the tests start `celery -A worker worker -P gevent` themselves.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT

READY_WITHIN_S = 60
TEST_VISIBILITY_TIMEOUT_S = "10"


class Worker:
    def __init__(self, process: subprocess.Popen[bytes], log: Path):
        self.process = process
        self.log = log

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill_hard(self) -> None:
        """kill -9: the worker gets no chance to give back what it holds."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


def worker_env(database_url: str, redis_url: str, base_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SCRAPER_BASE_URL": base_url,
        "SCRAPER_VISIBILITY_TIMEOUT": TEST_VISIBILITY_TIMEOUT_S,
    }


def start_worker(
    database_url: str,
    redis_url: str,
    log: Path,
    base_url: str,
    concurrency: int = 50,
    name: str = "w1",
    extra_env: dict[str, str] | None = None,
) -> Worker:
    """Start a worker and wait until it is ready to take tasks."""
    log.parent.mkdir(parents=True, exist_ok=True)
    handle = log.open("wb")
    process = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "worker", "worker", "-P", "gevent",
            "-c", str(concurrency), "--loglevel", "INFO", "-n", f"{name}@%h",
            "--without-mingle", "--without-gossip",
        ],
        stdout=handle,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
        env={**worker_env(database_url, redis_url, base_url), **(extra_env or {})},
    )  # fmt: skip
    deadline = time.monotonic() + READY_WITHIN_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"worker exited early:\n{log.read_text()}")
        if " ready." in log.read_text(errors="replace"):
            return Worker(process, log)
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"worker not ready after {READY_WITHIN_S} s:\n{log.read_text()}")

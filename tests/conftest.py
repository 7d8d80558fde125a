"""Shared fixtures: the real saved pages and a running imitation site (a real HTTP server)."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REALPAGES = ROOT.parent / "shared" / "realpages"


@pytest.fixture(scope="session")
def realpages() -> Path:
    if not (REALPAGES / "MANIFEST.tsv").is_file():
        pytest.skip(f"real saved pages not found at {REALPAGES} (they live beside the project)")
    return REALPAGES


class MockSite:
    """A mocksite subprocess and helpers to read its ground truth."""

    def __init__(self, process: subprocess.Popen[str], url: str):
        self.process = process
        self.url = url

    def truth(self, path: str) -> object:
        with urllib.request.urlopen(f"{self.url}/_truth/{path}", timeout=30) as response:
            return json.load(response)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def start_mocksite(*args: str) -> MockSite:
    """Start `mocksite --port 0 ARGS` and wait until it listens."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mocksite.cli", "--port", "0", *args],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if "serving " not in line:
        process.kill()
        raise RuntimeError(f"mocksite did not start: {line!r}")
    return MockSite(process, line.split("serving ", 1)[1].split()[0])


@pytest.fixture(scope="session")
def mocksite() -> Iterator[MockSite]:
    """The imitation site at latency 0, shared by the tests that only read from it."""
    site = start_mocksite()
    yield site
    site.stop()


@pytest.fixture
def mocksite_factory() -> Iterator:
    """Start sites with particular options; each is stopped at the end of the test."""
    started: list[MockSite] = []

    def factory(*args: str) -> MockSite:
        site = start_mocksite(*args)
        started.append(site)
        return site

    yield factory
    for site in started:
        site.stop()


POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def _postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    name = f"moviescraper_test_{uuid.uuid4().hex[:12]}"
    # NullPool: a test may restart the server, and a pooled connection would then be dead.
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # the suite needs the real server: say so plainly
        pytest.fail(f"PostgreSQL on 127.0.0.1:5432 is needed for this test: {error}")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind the product supports."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'movies.db'}"
    else:
        yield from _postgres_database()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'movies.db'}"


def run_producer(*args: str, timeout: float = 300, env: dict[str, str] | None = None):
    """Run `python -m producer ARGS` to completion."""
    import os

    return subprocess.run(
        [sys.executable, "-m", "producer", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="session")
def session_postgres() -> Iterator[str]:
    """One PostgreSQL database shared by the tests of the session's worker."""
    yield from _postgres_database()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    yield from _postgres_database()


def fresh_redis(db: int) -> str:
    """A Redis database number of our own, emptied: queues of one test never leak to another."""
    import redis

    url = f"redis://127.0.0.1:6379/{db}"
    try:
        redis.Redis.from_url(url).flushdb()
    except redis.RedisError as error:
        pytest.fail(f"Redis on 127.0.0.1:6379 is needed for this test: {error}")
    return url

"""docker-compose.yml, proven without a Docker engine: validated two ways, then each service's
command run natively with the environment the file gives it, against local Redis, PostgreSQL
and an imitation site."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ProgrammingError

from tests.compose import load_compose, read_env_file
from tests.conftest import POSTGRES_ADMIN_URL, ROOT, fresh_redis
from tests.dbcheck import movie_records, query
from tests.test_crawl import truth_of

COMPOSE = ROOT / "docker-compose.yml"
BIN = Path(sys.executable).parent
REDIS_DB = 5


def test_compose_file_matches_the_compose_schema() -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_file_resolves_with_docker_compose() -> None:
    """Catches references to undefined services and volumes, which the schema does not."""
    if shutil.which("docker-compose") is None:
        pytest.skip("docker-compose (Debian package) is not installed; .ci/run installs it")
    result = subprocess.run(
        ["docker-compose", "--env-file", ".env.example", "-f", str(COMPOSE), "config", "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_dockerfile_lint() -> None:
    result = subprocess.run(
        [str(BIN / "hadolint"), str(ROOT / "Dockerfile")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_stack_shape() -> None:
    services = load_compose(COMPOSE, read_env_file(ROOT / ".env.example"))["services"]
    assert "ports" not in services["redis"] and "ports" not in services["postgres"]
    assert "--appendonly" in services["redis"]["command"]
    assert services["worker"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
    assert services["producer"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
    assert services["worker"]["mem_limit"] and services["worker"]["restart"] == "unless-stopped"
    assert any(arg.startswith("--basic-auth=") for arg in services["flower"]["command"])
    assert services["mocksite"]["profiles"] == ["demo"]
    assert services["producer"]["profiles"] == ["producer"]
    gitignore = (ROOT / ".gitignore").read_text().splitlines()
    assert ".env" in gitignore
    assert "change-me" in (ROOT / ".env.example").read_text()


def test_readme_docker_commands_match_the_file() -> None:
    readme = (ROOT / "README.md").read_text()
    env = read_env_file(ROOT / ".env.example")
    owner = load_compose(COMPOSE, env)["services"]["postgres"]["environment"]["POSTGRES_USER"]
    for command in (
        "cp .env.example .env",
        "docker compose --profile demo up -d",
        "docker compose run --rm producer enqueue --years 2015-2016 --wait",
        "docker compose up -d --scale worker=4",
        f"docker compose exec postgres psql -U {owner}",
        "http://localhost:5555",
    ):
        assert command in readme, command


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def local_stack_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The .env of a user, with roles and a database of this test's own on the local server."""
    suffix = uuid.uuid4().hex[:8]
    env = read_env_file(ROOT / ".env.example")
    env.update(
        POSTGRES_USER=f"owner_{suffix}",
        POSTGRES_DB=f"compose_{suffix}",
        SCRAPER_DB_USER=f"scraper_{suffix}",
        WORKER_CONCURRENCY="25",
    )
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        # the postgres image makes POSTGRES_USER a superuser, who owns the database
        connection.execute(text(f'CREATE ROLE "{env["POSTGRES_USER"]}" LOGIN SUPERUSER'))
        connection.execute(
            text(f'CREATE DATABASE "{env["POSTGRES_DB"]}" OWNER "{env["POSTGRES_USER"]}"')
        )
    try:
        yield env
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{env["POSTGRES_DB"]}" WITH (FORCE)'))
            connection.execute(text(f'DROP ROLE IF EXISTS "{env["SCRAPER_DB_USER"]}"'))
            connection.execute(text(f'DROP ROLE IF EXISTS "{env["POSTGRES_USER"]}"'))
        admin.dispose()


def native(command: list[str]) -> list[str]:
    """The container's command, run from this venv: `celery …` -> .venv/bin/celery …"""
    program = BIN / command[0]
    return [str(program) if program.exists() else command[0], *command[1:]]


def localize(environment: dict[str, str], redis_url: str, site_url: str) -> dict[str, str]:
    """Container host names -> this machine's services."""
    local = {}
    for key, value in (environment or {}).items():
        value = value.replace("@postgres:5432", "@127.0.0.1:5432")
        value = value.replace("redis://redis:6379/0", redis_url)
        value = value.replace("http://mocksite:8800", site_url)
        local[key] = value
    return {**os.environ, **local}


def start_service(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        native(command), cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )


def wait_for_text(log: Path, needle: str, process: subprocess.Popen[bytes], limit_s=60) -> None:
    deadline = time.monotonic() + limit_s
    while needle not in log.read_text(errors="replace"):
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.2)


def test_the_stack_runs_natively(local_stack_env: dict[str, str], tmp_path: Path) -> None:
    env = local_stack_env
    services = load_compose(COMPOSE, env)["services"]
    redis_url = fresh_redis(REDIS_DB)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        # postgres: the init script of the container, run against the local server
        init = subprocess.run(
            [str(ROOT / "deploy/postgres/init-roles.sh")],
            env={**os.environ, **services["postgres"]["environment"], "PGHOST": "127.0.0.1"},
            capture_output=True,
            text=True,
        )
        assert init.returncode == 0, init.stderr

        # mocksite (profile demo), on a free port instead of 8800
        site_command = services["mocksite"]["command"]
        port = free_port()
        site_command = [str(port) if arg == "8800" else arg for arg in site_command]
        site_log = tmp_path / "mocksite.log"
        site = start_service(site_command, dict(os.environ), site_log)
        processes.append(site)
        wait_for_text(site_log, "serving", site)
        site_url = f"http://127.0.0.1:{port}"

        # migrate: one shot, must succeed before workers and producer start
        migrate = subprocess.run(
            native(services["migrate"]["command"]),
            cwd=ROOT,
            env=localize(services["migrate"]["environment"], redis_url, site_url),
            capture_output=True,
            text=True,
        )
        assert migrate.returncode == 0, migrate.stderr

        # two workers, with the worker service's command and environment
        worker_env = localize(services["worker"]["environment"], redis_url, site_url)
        worker_env["SCRAPER_VISIBILITY_TIMEOUT"] = "30"
        workers = []
        for n in (1, 2):
            log = tmp_path / f"worker{n}.log"
            command = [*services["worker"]["command"], "-n", f"compose{n}@%h"]
            workers.append((start_service(command, worker_env, log), log))
            processes.append(workers[-1][0])
        for process, log in workers:
            wait_for_text(log, " ready.", process)

        # flower, behind basic auth
        flower_port = free_port()
        flower_command = [
            f"--port={flower_port}" if arg.startswith("--port=") else arg
            for arg in services["flower"]["command"]
        ]
        flower_log = tmp_path / "flower.log"
        flower = start_service(
            flower_command,
            localize(services["flower"]["environment"], redis_url, site_url),
            flower_log,
        )
        processes.append(flower)

        # the producer, as the README runs it
        producer_env = localize(services["producer"]["environment"], redis_url, site_url)
        result = subprocess.run(
            native([*services["producer"]["entrypoint"], "enqueue", "--years", "2015", "--wait"]),
            cwd=ROOT,
            env=producer_env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        truth = truth_of(_Site(site_url), [2015])
        assert f"{len(truth)} movies, 0 failures" in result.stdout

        owner_url = localize(services["migrate"]["environment"], redis_url, site_url)[
            "DATABASE_URL"
        ]
        assert movie_records(owner_url) == truth
        pids = {row["pid"] for row in query(owner_url, "select distinct pid from task_metrics")}
        assert pids == {process.pid for process, _ in workers}
        assert query(owner_url, "select count(*) as n from task_metrics") == [{"n": len(truth)}]

        # the workers' database role can write rows but not drop tables
        scraper = create_engine(producer_env["DATABASE_URL"])
        with pytest.raises(ProgrammingError, match="must be owner"), scraper.begin() as connection:
            connection.execute(text("DROP TABLE movies"))
        scraper.dispose()

        # Flower answers only with the credentials from .env
        deadline = time.monotonic() + 60
        while True:
            try:
                anonymous = requests.get(f"http://127.0.0.1:{flower_port}/", timeout=5)
                break
            except requests.ConnectionError:
                assert flower.poll() is None and time.monotonic() < deadline, flower_log.read_text()
                time.sleep(0.5)
        assert anonymous.status_code == 401
        authorized = requests.get(
            f"http://127.0.0.1:{flower_port}/",
            auth=(env["FLOWER_USER"], env["FLOWER_PASSWORD"]),
            timeout=10,
        )
        assert authorized.status_code == 200
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


class _Site:
    """Just enough of the mocksite fixture for truth_of()."""

    def __init__(self, url: str):
        self.url = url

    def truth(self, path: str) -> object:
        return requests.get(f"{self.url}/_truth/{path}", timeout=30).json()

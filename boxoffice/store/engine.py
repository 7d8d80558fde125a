"""Open the database named by a URL, tuned for each backend, with its schema migrated."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from alembic import command
from boxoffice.errors import UserError

ALEMBIC_INI = Path(__file__).resolve().parents[2] / "alembic.ini"
logging.getLogger("alembic.runtime.migration").setLevel(logging.WARNING)


def _tune_sqlite(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    """WAL lets readers (producer status, users' SQL) run while a crawl writes."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str, pool_size: int = 5) -> Engine:
    """An Engine for url; pool_size is how many greenlets may hold a connection at once."""
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"timeout": 30})
            event.listen(engine, "connect", _tune_sqlite)
            return engine
        return create_engine(
            parsed,
            pool_size=max(1, pool_size),
            max_overflow=0,
            pool_timeout=120,
            pool_pre_ping=True,
        )
    except (ArgumentError, ImportError, ValueError) as error:
        raise UserError(f"database URL {url!r} is not usable: {error}") from None


def alembic_config() -> Config:
    config = Config(str(ALEMBIC_INI))
    config.attributes["configure_logging"] = False
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def migrate(engine: Engine) -> None:
    """Apply pending migrations (alembic upgrade head); UserError when the database refuses."""
    display = engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
            if current == head_revision():
                return
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise UserError(f"cannot open the database {display}: {reason}") from None


def check_migrated(engine: Engine) -> None:
    """Refuse to work on a database whose schema is not the current one, saying what to run."""
    display = engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise UserError(f"cannot open the database {display}: {reason}") from None
    if current != head_revision():
        raise UserError(
            f"the database {display} is at schema revision {current or 'none'}, not "
            f"{head_revision()}: run `alembic upgrade head` (or any producer command) first"
        )

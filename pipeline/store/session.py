"""Engines, sessions and schema upgrades.

No engine is built at import: commands call :func:`open_database` with the URL from
``commentwatch.config`` (``--db`` / ``COMMENTWATCH_DB``). SQLite gets WAL and foreign keys,
so a report can read while a crawl writes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from pipeline.errors import StoreError

__all__ = ["Database", "alembic_config", "current_revision", "head_revision", "open_database",
           "upgrade"]

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: Advisory-lock key serialising schema upgrades on PostgreSQL ("cwschema" in ASCII).
_MIGRATION_LOCK = 0x6377736368656D61


@dataclass(slots=True)
class Database:
    """An engine and the session factory bound to it."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Build an engine; SQLite files get WAL, a busy timeout and foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"timeout": 30})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config(url: str) -> Config:
    """Return an Alembic config that works from an installed copy (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the schema at ``url`` up to ``revision`` (idempotent)."""
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Two workers starting on a fresh database must not both create the tables.
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            cfg = alembic_config(url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    finally:
        engine.dispose()


def open_database(url: str, *, auto_upgrade: bool = True, **engine_kwargs: Any) -> Database:
    """Open the database at ``url``, upgrading its schema first unless told not to.

    Raises:
        StoreError: the schema is behind and ``auto_upgrade`` is false, or ahead of this
            copy of commentwatch.
    """
    engine = make_engine(url, **engine_kwargs)
    try:
        _check_schema(engine, url, auto_upgrade)
    except BaseException:
        engine.dispose()
        raise
    return Database(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


def _check_schema(engine: Engine, url: str, auto_upgrade: bool) -> None:
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    script = ScriptDirectory.from_config(alembic_config(url))
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(
            f"database schema {current} is newer than this commentwatch knows ({head}); "
            "upgrade commentwatch"
        )
    if not auto_upgrade:
        raise StoreError(f"database schema is at {current}, run `commentwatch db upgrade`")
    logger.info("upgrading database schema %s -> %s", current, head)
    upgrade(url)

"""A lock per database so two cron crawls never overlap on the same data.

SQLite: an exclusive ``flock`` on a file next to the database (released by the kernel if
the process dies). PostgreSQL: a session advisory lock, which also works across machines.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from pipeline.errors import LockHeldError

__all__ = ["database_lock"]


def _lock_key(name: str, url: str) -> int:
    digest = hashlib.sha256(f"{name}\x00{url}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextlib.contextmanager
def database_lock(url: str, name: str = "crawl") -> Iterator[None]:
    """Hold the ``name`` lock of the database at ``url``.

    Raises:
        LockHeldError: another process holds it.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        with _advisory_lock(url, _lock_key(name, url), name):
            yield
        return
    database = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if database and database != ":memory:":
        path = Path(f"{Path(database).expanduser().resolve()}.{name}.lock")
    else:
        digest = hashlib.sha256(url.encode()).hexdigest()[:16]
        path = Path(tempfile.gettempdir()) / f"commentwatch-{digest}.{name}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockHeldError(f"another {name} holds the lock {path}") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def _advisory_lock(url: str, key: int, name: str) -> Iterator[None]:
    engine = create_engine(url, poolclass=None)
    try:
        with engine.connect() as conn:
            got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
            conn.commit()
            if not got:
                raise LockHeldError(f"another {name} holds the database's advisory lock")
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                conn.commit()
    finally:
        engine.dispose()

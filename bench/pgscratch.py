"""A throw-away PostgreSQL database, created on entry and dropped on exit.

Shared by the benchmarks and the tests (``tests/conftest.py``): each run gets a database of
its own on the server, so nothing is left behind and runs never see each other's rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["scratch_database"]


@contextmanager
def scratch_database(admin_url: str, prefix: str = "cw_scratch") -> Iterator[str]:
    """Create a fresh database on the server of ``admin_url``; yield its URL; drop it."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

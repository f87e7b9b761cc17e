"""Report fixtures: the sample week written into a fresh database on both engines.

``loaded`` is session-scoped (one database per engine) for the many tests
that only read; tests that change data use the function-scoped ``sample_db``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.reports.sample import Sample, populate


@dataclass(frozen=True)
class Loaded:
    db: Any
    sample: Sample


@pytest.fixture
def sample(database) -> Sample:  # type: ignore[no-untyped-def]
    """Write the sample week into ``database`` (SQLite and PostgreSQL); return its ids."""
    return populate(database)


@pytest.fixture
def sample_db(database, sample: Sample):  # type: ignore[no-untyped-def]
    """The ``database`` fixture filled with the sample week."""
    return database


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def loaded(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    """A database per engine holding the sample week, shared by the tests that only read."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from pipeline.store.session import open_database

    admin = None
    name = f"cw_test_{uuid.uuid4().hex[:12]}"
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('reports') / 'sample.db'}"
    else:
        admin_url = request.getfixturevalue("pg_admin_url")
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    db = open_database(url)
    try:
        yield Loaded(db, populate(db))
    finally:
        db.close()
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

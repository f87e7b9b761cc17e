"""Shared fixtures: database URLs for SQLite and PostgreSQL, and service requirements.

PostgreSQL and Redis are real servers on 127.0.0.1. Where one is absent a test skips with
the reason, unless ``COMMENTWATCH_REQUIRE_SERVICES=1`` (CI), where it fails instead.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

REQUIRE_SERVICES = os.environ.get("COMMENTWATCH_REQUIRE_SERVICES") == "1"
PG_ADMIN_URL = os.environ.get(
    "COMMENTWATCH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("COMMENTWATCH_TEST_REDIS", "redis://127.0.0.1:6379/15")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"

# Tests never reach the Internet: blank proxies so loopback requests stay local.
for _var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
    os.environ.pop(_var, None)


def missing_service(reason: str) -> None:
    """Skip, or fail under COMMENTWATCH_REQUIRE_SERVICES=1."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (required: COMMENTWATCH_REQUIRE_SERVICES=1)")
    pytest.skip(reason)


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def require_corpus(*parts: str) -> Path:
    """Return a path under ../shared/corpus, skipping when the corpus is absent."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (a user's clone has no ../shared corpus)")
    return path


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    if not _port_open("127.0.0.1", 5432):
        missing_service("PostgreSQL is not running on 127.0.0.1:5432")
    return PG_ADMIN_URL


@pytest.fixture
def pg_url(pg_admin_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    from bench.pgscratch import scratch_database

    with scratch_database(pg_admin_url, prefix="cw_test") as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite file for one test."""
    return f"sqlite:///{tmp_path / 'commentwatch.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """Run the test once on SQLite and once on PostgreSQL (fresh database each)."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def database(db_url: str) -> Iterator[object]:
    """An open, migrated :class:`pipeline.store.session.Database` on both engines."""
    from pipeline.store.session import open_database

    db = open_database(db_url)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture(scope="session")
def redis_url() -> str:
    if not _port_open("127.0.0.1", 6379):
        missing_service("Redis is not running on 127.0.0.1:6379")
    return REDIS_URL

"""Application settings in one place: database URL, paths and environment variables.

Crawl defaults live in ``crawler/settings.py``; this module holds what the commands share.
Every value can come from the environment so cron lines stay short.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "DEFAULT_DB_URL",
    "ENV_DB",
    "ENV_REQUIRE_SERVICES",
    "database_url",
    "sqlite_url",
]

#: Environment variable naming the database (any SQLAlchemy URL).
ENV_DB = "COMMENTWATCH_DB"
#: Set to 1 (CI does) so tests that need PostgreSQL, Redis or Chromium fail instead of skip.
ENV_REQUIRE_SERVICES = "COMMENTWATCH_REQUIRE_SERVICES"
#: Where logs go besides the console (``crawl``, ``report``).
ENV_LOG_DIR = "COMMENTWATCH_LOG_DIR"

#: The embedded default: a SQLite file in the working directory.
DEFAULT_DB_URL = "sqlite:///commentwatch.db"


def sqlite_url(path: str | Path) -> str:
    """Return the SQLAlchemy URL of a SQLite file at ``path``."""
    return f"sqlite:///{Path(path).expanduser().resolve()}"


def database_url(option: str | None = None) -> str:
    """Return the database URL: the ``--db`` option, else ``COMMENTWATCH_DB``, else the default.

    A bare file path (no ``://``) is taken as a SQLite file.
    """
    value = option or os.environ.get(ENV_DB) or DEFAULT_DB_URL
    if "://" not in value:
        return sqlite_url(value)
    if value.startswith("postgresql://"):
        # psycopg 3 is the driver we install; plain postgresql:// would ask for psycopg2.
        value = "postgresql+psycopg://" + value.removeprefix("postgresql://")
    return value


def log_dir() -> Path | None:
    """Return the directory for log files, if one is configured."""
    value = os.environ.get(ENV_LOG_DIR)
    return Path(value) if value else None

"""Option bundles shared by several commands (one decorator each)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from commentwatch.config import ENV_DB, database_url

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["db_option", "open_db"]


def db_option(func: F) -> F:
    """Add ``--db URL`` (default: ``$COMMENTWATCH_DB`` or ``./commentwatch.db``)."""
    return click.option(
        "--db",
        "db_url",
        metavar="URL",
        default=None,
        help=f"Database: any SQLAlchemy URL or a SQLite file path "
        f"[default: ${ENV_DB} or ./commentwatch.db].",
    )(func)


def open_db(db_url: str | None, *, auto_upgrade: bool = True):  # type: ignore[no-untyped-def]
    """Open the database named by ``--db``, turning store errors into click errors."""
    from pipeline.errors import StoreError
    from pipeline.store.session import open_database

    url = database_url(db_url)
    try:
        return open_database(url, auto_upgrade=auto_upgrade)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc

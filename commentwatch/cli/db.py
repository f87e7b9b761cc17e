"""``commentwatch db``: create or upgrade the database schema."""

from __future__ import annotations

import click

from commentwatch.cli.options import db_option
from commentwatch.config import database_url


@click.group("db")
def command() -> None:
    """Manage the database schema (Alembic migrations shipped with the package)."""


@command.command("upgrade")
@db_option
@click.option("--revision", default="head", show_default=True, help="Target revision.")
def upgrade_command(db_url: str | None, revision: str) -> None:
    """Create the tables or bring them up to date. Safe to run again.

    Example:

        commentwatch db upgrade --db postgresql://user@host/commentwatch
    """
    from pipeline.store.session import current_revision, make_engine, upgrade

    url = database_url(db_url)
    upgrade(url, revision)
    engine = make_engine(url)
    try:
        click.echo(f"database at revision {current_revision(engine)}")
    finally:
        engine.dispose()


@command.command("current")
@db_option
def current_command(db_url: str | None) -> None:
    """Print the schema revision of the database.

    Example:

        commentwatch db current
    """
    from pipeline.store.session import current_revision, head_revision, make_engine

    engine = make_engine(database_url(db_url))
    try:
        click.echo(f"current: {current_revision(engine)}  head: {head_revision()}")
    finally:
        engine.dispose()

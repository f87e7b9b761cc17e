"""``commentwatch query``: run one read-only SQL statement for analysts.

Read-only is enforced by the database engine, not by looking at the SQL text:

- SQLite: the file is opened with ``mode=ro`` and ``PRAGMA query_only``, and an authorizer
  allows only reads (so ``ATTACH`` cannot create files and pragmas cannot be changed).
- PostgreSQL: the session defaults to read-only transactions, the transaction is
  ``SET TRANSACTION READ ONLY`` and rolled back, and the statement is prepared, which the
  server allows for one statement only (no ``COMMIT; DELETE ...`` smuggling).

On top, only statements that start with a reading keyword run (``SELECT``, ``WITH``,
``VALUES``, ``TABLE``, ``EXPLAIN``, ``SHOW``, SQLite ``PRAGMA``): a PostgreSQL superuser's
``COPY ... TO 'file'`` is allowed inside a read-only transaction, so it is stopped here.
Analysts should still connect as a role without superuser rights (docs/schema.md).

A refused write exits with status 1 and says so; no schema upgrade is ever attempted.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import click

from commentwatch.cli.options import db_option
from commentwatch.config import database_url

__all__ = ["ReadOnlyError", "command", "run_query"]

#: Rows printed by ``--format table`` at most (csv and json stream everything).
MAX_TABLE_ROWS = 1000
_CELL_CHARS = 200

_SQLITE_ALLOWED = {
    sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION,
    sqlite3.SQLITE_RECURSIVE,
}
#: Pragmas that can only report (their argument names a table or index, never a setting).
_READ_PRAGMAS = {
    "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
    "foreign_key_list", "database_list", "collation_list", "function_list", "compile_options",
    "page_count",
}


_READING = ("select", "with", "values", "table", "explain", "show", "pragma")
_LEADING_WORD = re.compile(r"[A-Za-z]+")


class ReadOnlyError(Exception):
    """The statement tried to write (or otherwise change state) and was refused."""


def leading_keyword(sql: str) -> str:
    """Return the first keyword of ``sql`` (lower case), skipping comments and parentheses."""
    rest = sql
    while True:
        rest = rest.lstrip().lstrip("(").lstrip()
        if rest.startswith("--"):
            newline = rest.find("\n")
            rest = "" if newline < 0 else rest[newline + 1:]
        elif rest.startswith("/*"):
            close = rest.find("*/")
            if close < 0:
                return ""
            rest = rest[close + 2:]
        else:
            break
    match = _LEADING_WORD.match(rest)
    return match.group(0).lower() if match else ""


def check_reading(sql: str) -> None:
    """Raise :class:`ReadOnlyError` unless ``sql`` starts like a reading statement."""
    word = leading_keyword(sql)
    if word not in _READING:
        raise ReadOnlyError(f"only {', '.join(w.upper() for w in _READING)} statements run "
                            f"here, not {word.upper() or 'this'}")


def _sqlite_authorizer(action: int, arg1: str | None, _arg2: str | None, _db: str | None,
                       _trigger: str | None) -> int:
    if action in _SQLITE_ALLOWED:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() in _READ_PRAGMAS:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


@contextmanager
def _sqlite_cursor(path: str) -> Iterator[sqlite3.Cursor]:
    if not path or path == ":memory:" or not Path(path).is_file():
        raise click.ClickException(f"no SQLite database at {path!r}")
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30)
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.set_authorizer(_sqlite_authorizer)
        yield conn.cursor()
    finally:
        conn.close()


@contextmanager
def _postgres_cursor(url: str) -> Iterator[Any]:
    from pipeline.store.session import make_engine

    engine = make_engine(url, connect_args={"options": "-c default_transaction_read_only=on"})
    try:
        raw = engine.raw_connection()
        try:
            conn = raw.driver_connection
            conn.autocommit = False
            with conn.cursor() as cursor:
                cursor.execute("SET TRANSACTION READ ONLY")
                yield cursor
            conn.rollback()
        finally:
            raw.close()
    finally:
        engine.dispose()


def _refused(exc: BaseException) -> bool:
    text = str(exc).lower()
    sqlstate = getattr(exc, "sqlstate", None)
    return (sqlstate == "25006" or "readonly" in text or "read-only" in text
            or "not authorized" in text)


def run_query(url: str, sql: str) -> tuple[list[str], Iterator[Sequence[Any]]]:
    """Run ``sql`` read-only on the database at ``url``; return column names and rows.

    Raises:
        ReadOnlyError: the statement would write.
        click.ClickException: any other database error, with the engine's message.
    """
    from sqlalchemy.engine import make_url

    check_reading(sql)
    backend = make_url(url).get_backend_name()
    rows: list[Sequence[Any]]
    try:
        if backend == "sqlite":
            with _sqlite_cursor(make_url(url).database or "") as cursor:
                cursor.execute(sql)
                columns = [d[0] for d in cursor.description or ()]
                rows = cursor.fetchall()
        elif backend == "postgresql":
            with _postgres_cursor(url) as cursor:
                cursor.execute(sql, prepare=True)
                columns = [d[0] for d in cursor.description or ()]
                rows = cursor.fetchall() if cursor.description else []
        else:
            raise click.ClickException(f"query supports SQLite and PostgreSQL, not {backend}")
    except click.ClickException:
        raise
    except Exception as exc:
        if _refused(exc):
            raise ReadOnlyError(str(exc).strip().splitlines()[0]) from exc
        raise click.ClickException(f"query failed: {str(exc).strip().splitlines()[0]}") from exc
    return columns, iter(rows)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def _cell(value: Any) -> str:
    from reports.defang import clean_text

    text = "" if value is None else str(_jsonable(value))
    text = clean_text(text).replace("\n", " ")
    return text if len(text) <= _CELL_CHARS else text[:_CELL_CHARS] + "…"


def _print_table(columns: list[str], rows: Iterator[Sequence[Any]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(*columns, show_lines=False, highlight=False)
    count = 0
    for count, row in enumerate(rows, 1):
        if count > MAX_TABLE_ROWS:
            click.echo(f"(more than {MAX_TABLE_ROWS} rows: use --format csv or json for all)",
                       err=True)
            break
        table.add_row(*(Text(_cell(v)) for v in row))
    Console(soft_wrap=False).print(table)
    if count <= MAX_TABLE_ROWS:
        click.echo(f"({count} row{'s' if count != 1 else ''})", err=True)


@click.command("query")
@click.argument("sql")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@db_option
def command(sql: str, fmt: str, db_url: str | None) -> None:
    """Run one read-only SQL statement and print the rows.

    Writes are refused by the database itself (a read-only connection), with a non-zero
    exit. The tables and the views ``flagged_comments``, ``contact_sightings`` and
    ``campaign_summary`` are documented in docs/schema.md. CSV cells that a spreadsheet
    would run as a formula are prefixed with a quote.

    Example:

        commentwatch query "SELECT site, COUNT(*) FROM flagged_comments
        WHERE live = 1 AND verdict = 'scam' GROUP BY site" --format csv
    """
    url = database_url(db_url)
    try:
        columns, rows = run_query(url, sql)
    except ReadOnlyError as exc:
        raise click.ClickException(
            f"refused: commentwatch query is read-only and this statement writes ({exc})"
        ) from exc
    if fmt == "json":
        records = [dict(zip(columns, (_jsonable(v) for v in row), strict=False)) for row in rows]
        click.echo(json.dumps(records, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        from reports.defang import neutralise_cell

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([neutralise_cell(_jsonable(v)) for v in row])
    else:
        _print_table(columns, rows)

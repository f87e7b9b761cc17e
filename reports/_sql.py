"""SQL building blocks the report queries share: one definition of "flagged" and "live".

"Live at ``until``" is true of most comments, so no index on ``comments`` narrows it; the
selective part of a live-scam query is the verdict. SQLite's planner cannot see that (it
has no statistics on value ranges) and would walk every comment through the
``first_seen_at`` index, so on SQLite these conditions are written with a unary ``+``
(the documented way to keep an index out of a plan) and the query is driven from
``ix_verdicts_verdict`` instead. PostgreSQL gets the plain column.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Result, and_, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement as _ColumnElement

from pipeline.store.models import Comment, Verdict
from reports.model import FLAGGED_VERDICTS
from reports.periods import as_utc

__all__ = ["NoIndex", "first_seen_in", "is_flagged", "live_at", "removed_in", "run",
           "seen_before", "utc_or_none"]


class NoIndex(_ColumnElement[Any]):
    """A column the SQLite planner must not use an index for (``+column``)."""

    inherit_cache = True

    def __init__(self, column: ColumnElement[Any]) -> None:
        self.column = column
        self.type = column.type


@compiles(NoIndex)
def _no_index_default(element: NoIndex, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.column, **kw))


@compiles(NoIndex, "sqlite")
def _no_index_sqlite(element: NoIndex, compiler: Any, **kw: Any) -> str:
    return "+" + str(compiler.process(element.column, **kw))


def seen_before(moment: datetime) -> ColumnElement[bool]:
    """Comments first seen before ``moment`` (not selective: never an index)."""
    return NoIndex(Comment.first_seen_at) < moment


def live_at(moment: datetime) -> ColumnElement[bool]:
    """Comments already seen and not yet removed at ``moment``."""
    removed = NoIndex(Comment.removed_at)
    return and_(seen_before(moment), or_(removed.is_(None), removed >= moment))


def first_seen_in(since: datetime, until: datetime) -> ColumnElement[bool]:
    return and_(Comment.first_seen_at >= since, Comment.first_seen_at < until)


def removed_in(since: datetime, until: datetime) -> ColumnElement[bool]:
    return and_(Comment.removed_at >= since, Comment.removed_at < until)


def is_flagged() -> ColumnElement[bool]:
    return Verdict.verdict.in_(FLAGGED_VERDICTS)


def run(session: Session, statement: Any) -> Result[Any]:
    """Execute a column-only ``select`` on the session's connection, skipping the ORM layer.

    Report queries return plain rows (tens of thousands for a takedown list); Core
    execution still applies the column types (datetimes, JSON) at a fraction of the cost.
    """
    return session.connection().execute(statement)


def utc_or_none(value: Any) -> datetime | None:
    """Normalise a datetime read from either engine (naive on SQLite) to aware UTC."""
    return as_utc(value) if isinstance(value, datetime) else None

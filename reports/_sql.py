"""SQL building blocks the report queries share: one definition of "flagged" and "live"."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_

from pipeline.store.models import Comment, Verdict
from reports.model import FLAGGED_VERDICTS
from reports.periods import as_utc

__all__ = ["first_seen_in", "is_flagged", "live_at", "removed_in", "utc_or_none"]


def live_at(moment: datetime) -> ColumnElement[bool]:
    """Comments already seen and not yet removed at ``moment``."""
    return and_(
        Comment.first_seen_at < moment,
        or_(Comment.removed_at.is_(None), Comment.removed_at >= moment),
    )


def first_seen_in(since: datetime, until: datetime) -> ColumnElement[bool]:
    return and_(Comment.first_seen_at >= since, Comment.first_seen_at < until)


def removed_in(since: datetime, until: datetime) -> ColumnElement[bool]:
    return and_(Comment.removed_at >= since, Comment.removed_at < until)


def is_flagged() -> ColumnElement[bool]:
    return Verdict.verdict.in_(FLAGGED_VERDICTS)


def utc_or_none(value: Any) -> datetime | None:
    """Normalise a datetime read from either engine (naive on SQLite) to aware UTC."""
    return as_utc(value) if isinstance(value, datetime) else None

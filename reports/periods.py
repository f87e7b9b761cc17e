"""Report periods: the last complete day, ISO week or month, all in UTC.

A nightly cron line (``commentwatch report --period daily``) needs no dates: the default is
the period that ended most recently before ``now``. Periods are half-open ``[since, until)``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

__all__ = ["PERIODS", "as_utc", "parse_moment", "period_bounds"]

PERIODS = ("daily", "weekly", "monthly")


def as_utc(value: datetime) -> datetime:
    """Return ``value`` as an aware UTC datetime (naive values are taken as UTC).

    SQLite hands back naive datetimes, PostgreSQL aware ones; the reports compare both.
    """
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def period_bounds(period: str, now: datetime) -> tuple[datetime, datetime]:
    """Return ``(since, until)`` of the last complete ``period`` before ``now``.

    Args:
        period: ``daily``, ``weekly`` (ISO weeks, Monday to Monday) or ``monthly``.
        now: the reference moment; naive values are taken as UTC.

    Returns:
        Aware UTC datetimes, ``since`` inclusive and ``until`` exclusive.

    Raises:
        ValueError: an unknown period name.
    """
    today = as_utc(now).replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "daily":
        return today - timedelta(days=1), today
    if period == "weekly":
        monday = today - timedelta(days=today.weekday())
        return monday - timedelta(days=7), monday
    if period == "monthly":
        first = today.replace(day=1)
        previous = (first - timedelta(days=1)).replace(day=1)
        return previous, first
    raise ValueError(f"unknown period {period!r}: use one of {', '.join(PERIODS)}")


def parse_moment(value: str) -> datetime:
    """Parse an ISO date or datetime given on the command line (UTC unless it says otherwise).

    Raises:
        ValueError: the value is not ISO 8601.
    """
    return as_utc(datetime.fromisoformat(value.strip()))

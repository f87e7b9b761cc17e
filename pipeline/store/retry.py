"""Retry a database transaction that PostgreSQL aborted to resolve a conflict.

Several crawl workers write to one PostgreSQL database. Upserts with ``ON CONFLICT`` never
fail on a unique race, but two transactions that lock the same rows in a different order
can still deadlock (SQLSTATE ``40P01``), and one run at ``REPEATABLE READ`` or
``SERIALIZABLE`` can hit a serialisation failure (``40001``). In both cases PostgreSQL has
rolled the transaction back and the right answer is to run it again from the start, which
is safe because the writer is idempotent. Any other error is raised at once.

Usage::

    stats = retry_transaction(lambda: store(batch))
    stats = run_in_transaction(database.sessions, lambda session: save(session, rows))
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

__all__ = ["RETRYABLE_SQLSTATES", "is_retryable", "retry_transaction", "run_in_transaction"]

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: serialization_failure, deadlock_detected.
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})


def _sqlstate(exc: BaseException) -> str | None:
    orig = getattr(exc, "orig", None)
    # psycopg 3 names it ``sqlstate``, psycopg2 ``pgcode``.
    return getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)


def is_retryable(exc: BaseException) -> bool:
    """Return True when ``exc`` is a PostgreSQL deadlock or serialisation failure."""
    return isinstance(exc, DBAPIError) and _sqlstate(exc) in RETRYABLE_SQLSTATES


def retry_transaction(work: Callable[[], T], *, attempts: int = 5, base_delay: float = 0.05,
                      max_delay: float = 2.0,
                      sleep: Callable[[float], None] = time.sleep) -> T:
    """Call ``work`` (which runs one whole transaction) until it commits.

    Args:
        work: Opens, runs and commits one transaction; must be safe to run again after a
            rollback (it must not keep state from a failed attempt).
        attempts: Calls at most, the first included.
        base_delay: First back-off in seconds; doubles per attempt, with jitter, so two
            workers that deadlocked do not collide again in lockstep.
        max_delay: Upper bound of one back-off.
        sleep: The wait function (tests pass a recorder).

    Returns:
        What ``work`` returned.

    Raises:
        DBAPIError: a non-retryable error, or the last retryable one after ``attempts``.
    """
    for attempt in range(1, max(1, attempts) + 1):
        try:
            return work()
        except DBAPIError as exc:
            if not is_retryable(exc) or attempt >= attempts:
                raise
            delay = min(max_delay, base_delay * 2 ** (attempt - 1))
            delay *= 0.5 + random.random()
            logger.warning("transaction aborted (SQLSTATE %s), retry %d/%d in %.2fs",
                           _sqlstate(exc), attempt, attempts - 1, delay)
            sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


def run_in_transaction(sessions: sessionmaker[Session], work: Callable[[Session], T],
                       **options: float | Callable[[float], None]) -> T:
    """Run ``work(session)`` in a fresh ``sessions.begin()`` transaction, retrying it.

    ``options`` are those of :func:`retry_transaction`.
    """
    def attempt() -> T:
        with sessions.begin() as session:
            return work(session)

    return retry_transaction(attempt, **options)  # type: ignore[arg-type]

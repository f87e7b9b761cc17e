"""Crawl-run bookkeeping: a ``crawl_runs`` row opened before work starts and closed after,
so even a run that fails leaves a trace a report can show."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from pipeline.store import models as m

__all__ = ["finish_run", "start_run"]


def start_run(session: Session, *, kind: str, sites: str | None = None,
              started_at: datetime | None = None) -> int:
    """Insert a ``running`` row and return its id."""
    run = m.CrawlRun(kind=kind, sites=sites, started_at=started_at or datetime.now(UTC),
                     status="running", pages=0, requests=0, comments_seen=0, comments_new=0,
                     comments_updated=0, comments_removed=0, errors=0, workers=1)
    session.add(run)
    session.flush()
    return run.id


def finish_run(session: Session, run_id: int, *, status: str, counters: Mapping[str, int],
               stats: Mapping[str, Any] | None = None,
               finished_at: datetime | None = None) -> None:
    """Close a run with its final counters (``pages``, ``comments_new``...)."""
    allowed = {"pages", "requests", "comments_seen", "comments_new", "comments_updated",
               "comments_removed", "errors", "workers"}
    values: dict[str, Any] = {k: int(v) for k, v in counters.items() if k in allowed}
    values.update(status=status, finished_at=finished_at or datetime.now(UTC))
    if stats is not None:
        values["stats"] = dict(stats)
    session.execute(update(m.CrawlRun).where(m.CrawlRun.id == run_id).values(**values))

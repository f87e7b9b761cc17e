"""Crawl health for the report: runs, errors, and sites that yielded nothing.

A site whose pages are fetched but give no comments usually means its extractor broke
(the site changed its markup); the report must make that visible, not just show a quiet
zero. Per-site counters come from ``crawl_runs.stats["sites"]``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.models import CrawlRun, Site
from reports.model import CrawlHealth, CrawlRunRow, SiteHealth
from reports.periods import as_utc

__all__ = ["crawl_health"]

_SEPARATORS = re.compile(r"[,\s]+")
NOT_CRAWLED = "not crawled in this period"
NO_PAGES = "no pages fetched"
NO_COMMENTS = "pages fetched but no comments extracted: check the extractor"


def _count(value: Any) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


def crawl_health(session: Session, since: datetime, until: datetime) -> CrawlHealth:
    """Return the runs started in the period and what each site yielded."""
    runs = session.execute(
        select(CrawlRun).where(CrawlRun.started_at >= since, CrawlRun.started_at < until)
        .order_by(CrawlRun.started_at, CrawlRun.id)
    ).scalars().all()
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for run in runs:
        named = {n for n in _SEPARATORS.split(run.sites or "") if n}
        stats = run.stats if isinstance(run.stats, dict) else {}
        sites = stats.get("sites") if isinstance(stats.get("sites"), dict) else {}
        for name in named | set(sites):
            counters = sites.get(name) if isinstance(sites.get(name), dict) else {}
            total = totals[str(name)]
            total[0] += 1
            total[1] += _count(counters.get("pages"))
            total[2] += _count(counters.get("comments"))
            total[3] += _count(counters.get("errors"))
    crawl_runs = [run for run in runs if run.kind in ("crawl", "demo")]
    known = session.execute(select(Site.name).where(Site.created_at < until)).scalars().all()
    health = []
    for name in sorted(set(known) | set(totals)):
        runs_n, pages, comments, errors = totals.get(name, [0, 0, 0, 0])
        if not runs_n:
            problem = NOT_CRAWLED if crawl_runs else ""
        elif not pages:
            problem = NO_PAGES
        elif not comments:
            problem = NO_COMMENTS
        else:
            problem = ""
        health.append(SiteHealth(name=name, runs=runs_n, pages=pages, comments=comments,
                                 errors=errors, problem=problem))
    return CrawlHealth(
        runs=tuple(CrawlRunRow(
            id=int(r.id), kind=r.kind, started_at=as_utc(r.started_at),
            finished_at=as_utc(r.finished_at) if r.finished_at else None, status=r.status,
            pages=int(r.pages or 0), requests=int(r.requests or 0),
            comments_new=int(r.comments_new or 0),
            comments_updated=int(r.comments_updated or 0),
            comments_removed=int(r.comments_removed or 0), errors=int(r.errors or 0),
        ) for r in runs),
        sites=tuple(health),
    )

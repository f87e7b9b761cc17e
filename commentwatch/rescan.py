"""Re-analyse stored comments with the current rules (``commentwatch rescan``).

Comments are read in id order, a batch at a time, analysed on every core (the pure stages
are CPU-bound; a process pool sidesteps the GIL) and written back in one transaction per
batch. Rewriting a comment's analysis is idempotent, so an interrupted rescan can simply
be run again.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from pipeline.analysis import analyze
from pipeline.findings import Analysis
from pipeline.store import models as m
from pipeline.store.writer import save_analyses

__all__ = ["RescanStats", "rescan"]

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class RescanStats:
    """What a rescan changed."""

    analysed: int = 0
    changed: int = 0
    transitions: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(old verdict, new verdict) -> count, for the comments whose verdict changed."""
    changed_ids: list[int] = field(default_factory=list)


def _analyse_all(texts: Sequence[str]) -> list[Analysis]:
    return [analyze(text) for text in texts]


def _select(since: datetime | None, site: str | None, after_id: int, limit: int) -> Any:
    query = (
        select(m.Comment.id, m.Comment.text, m.Verdict.verdict)
        .outerjoin(m.Verdict, m.Verdict.comment_id == m.Comment.id)
        .where(m.Comment.id > after_id)
        .order_by(m.Comment.id)
        .limit(limit)
    )
    if since is not None:
        query = query.where(m.Comment.last_seen_at >= since)
    if site is not None:
        query = query.join(m.Site, m.Site.id == m.Comment.site_id).where(m.Site.name == site)
    return query


def rescan(database: Any, *, since: datetime | None = None, site: str | None = None,
           batch_size: int = 1000, workers: int | None = None) -> RescanStats:
    """Re-analyse the matching comments and store the new analyses.

    Args:
        database: an open :class:`pipeline.store.session.Database`.
        since: only comments seen on or after this time.
        site: only comments of this site (by name).
        batch_size: comments per read, analysis round and transaction.
        workers: analysis processes (default: every core; 1 analyses in this process).
    """
    workers = workers or os.cpu_count() or 1
    stats = RescanStats()
    pool: Executor | None = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None
    after_id = 0
    try:
        while True:
            with database.sessions() as session:
                rows = session.execute(_select(since, site, after_id, batch_size)).all()
            if not rows:
                break
            after_id = rows[-1][0]
            texts = [text for _, text, _ in rows]
            analyses = _run(pool, texts, workers)
            items = []
            for (comment_id, _text, old), analysis in zip(rows, analyses, strict=True):
                items.append((comment_id, analysis))
                if old != analysis.verdict:
                    stats.changed += 1
                    stats.changed_ids.append(comment_id)
                    stats.transitions[(old or "none", analysis.verdict)] += 1
            with database.sessions.begin() as session:
                save_analyses(session, items)
            stats.analysed += len(rows)
            logger.info("rescanned %d comments, %d changed verdict", stats.analysed, stats.changed)
    finally:
        if pool is not None:
            pool.shutdown()
    return stats


def _run(pool: Executor | None, texts: list[str], workers: int) -> list[Analysis]:
    if pool is None or len(texts) < 2 * workers:
        return _analyse_all(texts)
    size = -(-len(texts) // workers)
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    results: list[Analysis] = []
    for part in pool.map(_analyse_all, chunks):
        results.extend(part)
    return results

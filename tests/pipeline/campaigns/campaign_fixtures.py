"""Synthetic scam comments for the campaign tests: invented healers, numbers and blogs.

Comments are saved through the real writer (``save_comments``) with hand-built analyses,
so these tests do not depend on the contact extractor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pipeline.findings import Analysis, Contact
from pipeline.store.records import CommentRecord
from pipeline.store.writer import save_comments

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Spec:
    """One synthetic comment: text, (kind, value, domain) contacts and verdict."""

    ext: str
    text: str
    contacts: tuple[tuple[str, str, str | None], ...] = ()
    verdict: str = "scam"
    site: str = "healthblog"
    minutes: int = 0
    author_url: str | None = None
    posted_at: datetime | None = None
    """The date the page gives for the comment (often long before our first crawl)."""


def record(spec: Spec) -> CommentRecord:
    contacts = tuple(
        Contact(kind, value, value, 0, len(value), domain=domain)
        for kind, value, domain in spec.contacts
    )
    analysis = Analysis(
        text=spec.text, contacts=contacts, score=80, verdict=spec.verdict, ruleset_version="test"
    )
    return CommentRecord(
        site=spec.site,
        site_domain=f"{spec.site}.example.org",
        page_url=f"https://{spec.site}.example.org/article-{sum(map(ord, spec.ext)) % 3}",
        external_id=spec.ext,
        text=spec.text,
        analysis=analysis,
        seen_at=T0 + timedelta(minutes=spec.minutes),
        author_url=spec.author_url,
        posted_at=spec.posted_at,
    )


def save(database: Any, specs: Sequence[Spec]) -> dict[str, int]:
    """Save specs (one transaction); return external id -> comment id."""
    from sqlalchemy import select

    from pipeline.store import models as m

    with database.sessions.begin() as session:
        save_comments(session, [record(s) for s in specs])
        rows = session.execute(select(m.Comment.external_id, m.Comment.id)).all()
    return dict(rows)

"""Read what linking needs from the database: comment text, contacts, site, verdict.

The commenter's profile or website link (``comments.author_url``) counts as a contact
(:func:`pipeline.campaigns.keys.author_contact`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.campaigns.keys import LinkContact, author_contact
from pipeline.campaigns.linking import LinkInput
from pipeline.store import models as m

__all__ = ["StoredComment", "chunks", "load_comments", "participating_ids", "utc"]

#: Ids per ``IN (...)`` list: well under SQLite's bound-parameter limit.
CHUNK = 500


def chunks(items: Sequence[object], size: int = CHUNK) -> Iterable[list[object]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def utc(moment: datetime) -> datetime:
    """Return ``moment`` as aware UTC (SQLite hands back naive datetimes)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class StoredComment:
    """A comment's linking input and its current verdict."""

    item: LinkInput
    verdict: str | None


def load_comments(session: Session, comment_ids: Sequence[int]) -> dict[int, StoredComment]:
    """Return id -> stored comment for the ids that exist."""
    rows: dict[int, tuple[str, datetime, str | None, str | None, str | None]] = {}
    contacts: dict[int, list[LinkContact]] = {}
    for chunk in chunks(list(comment_ids)):
        found = session.execute(
            select(m.Comment.id, m.Comment.text, m.Comment.first_seen_at, m.Comment.author_url,
                   m.Site.domain, m.Verdict.verdict)
            .join(m.Site, m.Site.id == m.Comment.site_id)
            .outerjoin(m.Verdict, m.Verdict.comment_id == m.Comment.id)
            .where(m.Comment.id.in_(chunk))
        )
        for cid, text, seen, author_url, domain, verdict in found:
            rows[cid] = (text, seen, author_url, domain, verdict)
        linked = session.execute(
            select(m.CommentContact.comment_id, m.Contact.kind, m.Contact.value, m.Contact.domain)
            .join(m.Contact, m.Contact.id == m.CommentContact.contact_id)
            .where(m.CommentContact.comment_id.in_(chunk))
        )
        for cid, kind, value, domain in linked:
            contacts.setdefault(cid, []).append(LinkContact(kind, value, domain))
    out = {}
    for cid, (text, seen, author_url, domain, verdict) in rows.items():
        found_contacts = contacts.get(cid, [])
        account = author_contact(author_url)
        if account is not None:
            found_contacts.append(account)
        item = LinkInput(comment_id=cid, text=text, seen_at=utc(seen), site_domain=domain,
                         contacts=tuple(sorted(set(found_contacts),
                                               key=lambda c: (c.kind, c.value))))
        out[cid] = StoredComment(item=item, verdict=verdict)
    return out


def participating_ids(session: Session, verdicts: Sequence[str]) -> list[int]:
    """Return the ids of comments whose verdict is linked, earliest first."""
    rows = session.execute(
        select(m.Comment.id)
        .join(m.Verdict, m.Verdict.comment_id == m.Comment.id)
        .where(m.Verdict.verdict.in_(list(verdicts)))
        .order_by(m.Comment.first_seen_at, m.Comment.id)
    )
    return list(rows.scalars())

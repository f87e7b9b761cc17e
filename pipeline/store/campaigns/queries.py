"""Read campaigns for the CLI and reports: what an analyst asks about an operation.

Everything but the label and the stable id is derived by joins at query time (contacts,
sites, diseases, live count), so it is never stale after a crawl marks comments removed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from pipeline.store import models as m
from pipeline.store.campaigns.inputs import chunks, utc
from pipeline.store.expressions import online_since

__all__ = ["CampaignDetail", "CampaignMemberRow", "CampaignRow", "campaign_count",
           "campaign_detail", "campaign_members", "campaign_rows", "timeline"]


@dataclass(frozen=True, slots=True)
class CampaignRow:
    """One campaign with what a trust-and-safety team asks first."""

    id: str
    label: str
    comments: int
    live_comments: int
    """Members not marked removed: still online at the last crawl."""
    contacts: tuple[str, ...]
    """``kind:value`` of every contact its members carry, most sighted first."""
    sites: tuple[str, ...]
    diseases: tuple[str, ...]
    first_seen_at: datetime | None
    """When we first saw any member."""
    last_seen_at: datetime | None
    online_since: datetime | None = None
    """When its earliest member went online (:func:`~pipeline.store.expressions.online_since`):
    years before our first crawl, when the pages date the comments."""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "label": self.label, "comments": self.comments,
            "live_comments": self.live_comments, "contacts": list(self.contacts),
            "sites": list(self.sites), "diseases": list(self.diseases),
            "online_since": _iso(self.online_since),
            "first_seen_at": _iso(self.first_seen_at),
            "last_seen_at": _iso(self.last_seen_at),
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


@dataclass(frozen=True, slots=True)
class CampaignMemberRow:
    """One comment of a campaign (text capped; render it escaped and defanged)."""

    comment_id: int
    external_id: str
    page_url: str
    site: str
    first_seen_at: datetime
    removed_at: datetime | None
    text: str
    permalink: str | None = None
    """Link to the comment itself, as the page gives it (attacker-influenced: defang it)."""
    online_since: datetime | None = None

    @property
    def live(self) -> bool:
        return self.removed_at is None

    def to_json(self) -> dict[str, Any]:
        return {"comment_id": self.comment_id, "external_id": self.external_id,
                "page_url": self.page_url, "permalink": self.permalink, "site": self.site,
                "live": self.live, "online_since": _iso(self.online_since),
                "first_seen_at": _iso(self.first_seen_at),
                "removed_at": _iso(self.removed_at)}


@dataclass(frozen=True, slots=True)
class CampaignDetail:
    """A campaign with its timeline and sample comments."""

    row: CampaignRow
    timeline: tuple[tuple[str, int], ...]
    """(day or month, comments that went online then), oldest first; by month when the
    campaign spans more than :data:`DAILY_TIMELINE_DAYS` days."""
    samples: tuple[CampaignMemberRow, ...]


#: Longest span shown day by day; longer campaigns (often years) are shown by month.
DAILY_TIMELINE_DAYS = 62


def campaign_count(session: Session) -> int:
    """Return how many campaigns there are."""
    return int(session.scalar(select(func.count()).select_from(m.Campaign)) or 0)


def campaign_rows(session: Session, *, ids: list[str] | None = None,
                  limit: int | None = None) -> list[CampaignRow]:
    """Return campaigns by live comment count (then size, then id).

    Args:
        session: an open session.
        ids: only these campaigns (default: all).
        limit: at most this many.
    """
    live = func.sum(case((m.Comment.removed_at.is_(None), 1), else_=0))
    stmt = (
        select(m.Campaign.id, m.Campaign.label, func.count(m.Comment.id), live,
               func.min(m.Comment.first_seen_at), func.max(m.Comment.last_seen_at),
               func.min(online_since()))
        .join(m.CampaignMember, m.CampaignMember.campaign_id == m.Campaign.id)
        .join(m.Comment, m.Comment.id == m.CampaignMember.comment_id)
        .group_by(m.Campaign.id, m.Campaign.label)
        .order_by(live.desc(), func.count(m.Comment.id).desc(), m.Campaign.id)
    )
    if ids is not None:
        stmt = stmt.where(m.Campaign.id.in_(ids))
    if limit is not None:
        stmt = stmt.limit(limit)
    base = session.execute(stmt).all()
    chosen = [row[0] for row in base]
    contacts, sites, diseases = _facets(session, chosen)
    return [
        CampaignRow(
            id=cid, label=label, comments=count, live_comments=int(live_count or 0),
            contacts=contacts.get(cid, ()), sites=sites.get(cid, ()),
            diseases=diseases.get(cid, ()),
            first_seen_at=utc(first) if first else None, last_seen_at=utc(last) if last else None,
            online_since=utc(online) if online else None,
        )
        for cid, label, count, live_count, first, last, online in base
    ]


def _facets(session: Session, ids: list[str]) -> tuple[dict[str, tuple[str, ...]], ...]:
    contacts: dict[str, Counter[str]] = defaultdict(Counter)
    sites: dict[str, set[str]] = defaultdict(set)
    diseases: dict[str, set[str]] = defaultdict(set)
    member = m.CampaignMember
    for chunk in chunks(ids):
        rows = session.execute(
            select(member.campaign_id, m.Contact.kind, m.Contact.value, func.count())
            .join(m.CommentContact, m.CommentContact.comment_id == member.comment_id)
            .join(m.Contact, m.Contact.id == m.CommentContact.contact_id)
            .where(member.campaign_id.in_(chunk))
            .group_by(member.campaign_id, m.Contact.kind, m.Contact.value))
        for cid, kind, value, count in rows:
            contacts[cid][f"{kind}:{value}"] += count
        rows = session.execute(
            select(member.campaign_id, m.Site.name).distinct()
            .join(m.Comment, m.Comment.id == member.comment_id)
            .join(m.Site, m.Site.id == m.Comment.site_id)
            .where(member.campaign_id.in_(chunk)))
        for cid, name in rows:
            sites[cid].add(name)
        rows = session.execute(
            select(member.campaign_id, m.Claim.disease).distinct()
            .join(m.Claim, m.Claim.comment_id == member.comment_id)
            .where(member.campaign_id.in_(chunk), m.Claim.disease.is_not(None)))
        for cid, disease in rows:
            diseases[cid].add(disease)
    return (
        {cid: tuple(v for v, _ in sorted(c.items(), key=lambda x: (-x[1], x[0])))
         for cid, c in contacts.items()},
        {cid: tuple(sorted(s)) for cid, s in sites.items()},
        {cid: tuple(sorted(d)) for cid, d in diseases.items()},
    )


def campaign_members(session: Session, campaign_id: str, *, limit: int | None = None,
                     text_chars: int = 500, live_only: bool = False) -> list[CampaignMemberRow]:
    """Return a campaign's comments, longest online first (text cut to ``text_chars``).

    Args:
        session: an open session.
        campaign_id: the campaign.
        limit: at most this many.
        text_chars: characters of text per comment (0: none).
        live_only: only comments still on their pages (what a takedown request lists).
    """
    since = online_since()
    stmt = (
        select(m.Comment.id, m.Comment.external_id, m.Page.url, m.Site.name,
               m.Comment.first_seen_at, m.Comment.removed_at,
               func.substr(m.Comment.text, 1, text_chars), m.Comment.permalink, since)
        .join(m.CampaignMember, m.CampaignMember.comment_id == m.Comment.id)
        .join(m.Page, m.Page.id == m.Comment.page_id)
        .join(m.Site, m.Site.id == m.Comment.site_id)
        .where(m.CampaignMember.campaign_id == campaign_id)
        .order_by(since, m.Comment.id)
    )
    if live_only:
        stmt = stmt.where(m.Comment.removed_at.is_(None))
    if limit is not None:
        stmt = stmt.limit(limit)
    return [
        CampaignMemberRow(cid, ext, url, site, utc(first), utc(removed) if removed else None,
                          text or "", permalink, utc(online) if online else None)
        for cid, ext, url, site, first, removed, text, permalink, online
        in session.execute(stmt)
    ]


def timeline(moments: list[datetime]) -> tuple[tuple[str, int], ...]:
    """Count ``moments`` per day (``2026-03-01``), or per month (``2026-03``) over long spans."""
    if not moments:
        return ()
    daily = (max(moments) - min(moments)).days <= DAILY_TIMELINE_DAYS
    counts = Counter(moment.date().isoformat()[: 10 if daily else 7] for moment in moments)
    return tuple(sorted(counts.items()))


def campaign_detail(session: Session, campaign_id: str, *,
                    samples: int = 5) -> CampaignDetail | None:
    """Return one campaign with its timeline and first ``samples`` comments, or None."""
    rows = campaign_rows(session, ids=[campaign_id])
    if not rows:
        return None
    moments = [utc(moment) for (moment,) in session.execute(
        select(online_since())
        .join(m.CampaignMember, m.CampaignMember.comment_id == m.Comment.id)
        .where(m.CampaignMember.campaign_id == campaign_id))]
    return CampaignDetail(
        row=rows[0],
        timeline=timeline(moments),
        samples=tuple(campaign_members(session, campaign_id, limit=samples)),
    )

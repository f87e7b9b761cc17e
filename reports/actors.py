"""Who is behind the comments: campaigns, newly seen contacts, and what they claim to cure.

Campaign rows come from ``campaign_members``, which campaign linking fills after a crawl;
before it has run the tables are empty and these queries return nothing (not an error).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import case, distinct, func, select
from sqlalchemy.orm import Session

from pipeline.store.expressions import online_since
from pipeline.store.models import (
    Campaign,
    CampaignMember,
    Claim,
    Comment,
    CommentContact,
    Contact,
)
from reports._sql import first_seen_in, live_at, run, seen_before, utc_or_none
from reports.model import CampaignRow, ContactRow, DiseaseRow

__all__ = ["MAX_CAMPAIGNS", "MAX_CONTACTS", "campaign_rows", "disease_rows", "new_contact_rows"]

#: Campaigns listed in a report (most live comments first).
MAX_CAMPAIGNS = 10
#: New contacts listed in a report; the total is always given.
MAX_CONTACTS = 200
_TOP_VALUES = 5
UNSPECIFIED = "(unspecified)"


def _live_flag(until: datetime):  # type: ignore[no-untyped-def]
    return case((live_at(until), 1), else_=0)


def campaign_rows(session: Session, until: datetime) -> tuple[tuple[CampaignRow, ...], int]:
    """Return the top campaigns as of ``until`` and how many have live comments."""
    stats = run(session, 
        select(
            CampaignMember.campaign_id,
            func.count(),
            func.count(distinct(Comment.site_id)),
            func.sum(_live_flag(until)),
            func.min(online_since()),
            func.max(Comment.first_seen_at),
        )
        .join(Comment, Comment.id == CampaignMember.comment_id)
        .where(seen_before(until))
        .group_by(CampaignMember.campaign_id)
    ).all()
    live_campaigns = sum(1 for row in stats if row[3])
    top = sorted(stats, key=lambda r: (-int(r[3] or 0), -int(r[1]), r[0]))[:MAX_CAMPAIGNS]
    if not top:
        return (), live_campaigns
    ids = [row[0] for row in top]
    labels = dict(run(session, 
        select(Campaign.id, Campaign.label).where(Campaign.id.in_(ids))).all())
    contacts: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for campaign_id, value, uses in run(session, 
        select(CampaignMember.campaign_id, Contact.value, func.count())
        .join(CommentContact, CommentContact.comment_id == CampaignMember.comment_id)
        .join(Contact, Contact.id == CommentContact.contact_id)
        .join(Comment, Comment.id == CampaignMember.comment_id)
        .where(CampaignMember.campaign_id.in_(ids), seen_before(until))
        .group_by(CampaignMember.campaign_id, Contact.value)
    ):
        contacts[campaign_id].append((-int(uses), value))
    diseases: dict[str, list[str]] = defaultdict(list)
    for campaign_id, disease in run(session, 
        select(CampaignMember.campaign_id, Claim.disease)
        .join(Claim, Claim.comment_id == CampaignMember.comment_id)
        .join(Comment, Comment.id == CampaignMember.comment_id)
        .where(CampaignMember.campaign_id.in_(ids), seen_before(until),
               Claim.disease.is_not(None))
        .group_by(CampaignMember.campaign_id, Claim.disease)
        .order_by(CampaignMember.campaign_id, Claim.disease)
    ):
        diseases[campaign_id].append(disease)
    rows = tuple(
        CampaignRow(
            id=campaign_id,
            label=labels.get(campaign_id, campaign_id),
            contacts=len(contacts[campaign_id]),
            top_contacts=tuple(v for _n, v in sorted(contacts[campaign_id])[:_TOP_VALUES]),
            sites=int(sites), live=int(live or 0), total=int(total),
            diseases=tuple(diseases[campaign_id]),
            online_since=utc_or_none(first), last_seen_at=utc_or_none(last),
        )
        for campaign_id, total, sites, live, first, last in top
    )
    return rows, live_campaigns


def new_contact_rows(session: Session, since: datetime,
                     until: datetime) -> tuple[tuple[ContactRow, ...], int]:
    """Return contacts first seen in the period (most used first) and their total number."""
    new_ids = (select(Contact.id)
               .where(Contact.first_seen_at >= since, Contact.first_seen_at < until))
    total = session.connection().scalar(select(func.count()).select_from(new_ids.subquery())) or 0
    if not total:
        return (), 0
    usage = run(session, 
        select(
            CommentContact.contact_id,
            func.count(distinct(Comment.id)),
            func.count(distinct(Comment.site_id)),
            func.count(distinct(case((live_at(until), Comment.id)))),
            func.min(CampaignMember.campaign_id),
        )
        .join(Comment, Comment.id == CommentContact.comment_id)
        .outerjoin(CampaignMember, CampaignMember.comment_id == Comment.id)
        .where(CommentContact.contact_id.in_(new_ids), seen_before(until))
        .group_by(CommentContact.contact_id)
    ).all()
    used = {row[0]: row[1:] for row in usage}
    contacts = run(session, 
        select(Contact.id, Contact.kind, Contact.value, Contact.first_seen_at)
        .where(Contact.id.in_(new_ids))).all()
    ranked = sorted(contacts, key=lambda c: (-int(used.get(c[0], (0,))[0]), c[1], c[2], c[0]))
    chosen = ranked[:MAX_CONTACTS]
    campaign_ids = {used[c[0]][3] for c in chosen if c[0] in used and used[c[0]][3]}
    labels = dict(run(session, 
        select(Campaign.id, Campaign.label).where(Campaign.id.in_(campaign_ids))).all()
    ) if campaign_ids else {}
    rows = []
    for contact_id, kind, value, first_seen in chosen:
        comments, sites, live, campaign = used.get(contact_id, (0, 0, 0, None))
        rows.append(ContactRow(
            id=int(contact_id), kind=kind, value=value,
            first_seen_at=utc_or_none(first_seen) or since,
            comments=int(comments), sites=int(sites), live=int(live),
            campaign=labels.get(campaign, campaign) if campaign else None,
        ))
    return tuple(rows), int(total)


def disease_rows(session: Session, since: datetime, until: datetime) -> tuple[DiseaseRow, ...]:
    """Return cure claims by disease over comments first seen in the period."""
    result = run(session, 
        select(
            Claim.disease,
            func.count(Claim.id),
            func.count(distinct(Claim.comment_id)),
            func.count(distinct(Comment.site_id)),
            func.count(distinct(case((live_at(until), Comment.id)))),
        )
        .join(Comment, Comment.id == Claim.comment_id)
        .where(first_seen_in(since, until))
        .group_by(Claim.disease)
    ).all()
    rows = [DiseaseRow(disease=disease or UNSPECIFIED, claims=int(claims),
                       comments=int(comments), sites=int(sites), live=int(live))
            for disease, claims, comments, sites, live in result]
    rows.sort(key=lambda r: (-r.comments, -r.claims, r.disease))
    return tuple(rows)

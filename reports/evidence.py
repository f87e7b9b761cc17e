"""The flagged comments themselves, with their evidence spans, and the takedown lists.

Spans are the stored ``comment_contacts`` and ``claims`` offsets into ``comments.text``;
the renderers highlight them. Takedown lists name every scam comment still live at the end
of the period, grouped by site, so each site owner gets one list.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Text, case, select, type_coerce
from sqlalchemy.orm import Session

from pipeline.store.expressions import online_since
from pipeline.store.models import (
    Campaign,
    CampaignMember,
    Claim,
    Comment,
    CommentContact,
    Contact,
    Page,
    Site,
    Verdict,
)
from reports._sql import NoIndex, first_seen_in, is_flagged, live_at, run, utc_or_none
from reports.model import (
    FLAGGED_VERDICTS,
    FlaggedComment,
    ReasonRow,
    SiteTakedown,
    Span,
    TakedownItem,
)
from reports.periods import as_utc

__all__ = ["MAX_COMMENTS", "flagged_comments", "reason_rows", "takedowns"]

#: Flagged comments carried with their full text; the summary always gives the total.
MAX_COMMENTS = 5000
_EVIDENCE_CHARS = 160
_MAX_REASONS_JSON = 100_000
_CHUNK = 900  # ids per IN list: under SQLite's old 999-parameter limit


def _severity():  # type: ignore[no-untyped-def]
    return case({v: i for i, v in enumerate(FLAGGED_VERDICTS)}, value=Verdict.verdict, else_=9)


def reason_rows(reasons: Any) -> tuple[ReasonRow, ...]:
    """Read ``verdicts.reasons`` tolerantly (a list of ``{rule, weight, evidence}``).

    Accepts the JSON text too (cached: a takedown list repeats the same few reason sets).
    """
    if isinstance(reasons, str):
        return _parsed_reasons(reasons[:_MAX_REASONS_JSON])
    if not isinstance(reasons, list):
        return ()
    rows = []
    for item in reasons:
        if not isinstance(item, dict):
            continue
        try:
            weight = int(item.get("weight") or 0)
        except (TypeError, ValueError):
            weight = 0
        rows.append(ReasonRow(rule=str(item.get("rule") or "?"), weight=weight,
                              evidence=str(item.get("evidence") or "")[:_EVIDENCE_CHARS]))
    return tuple(rows)


@lru_cache(maxsize=4096)
def _parsed_reasons(text: str) -> tuple[ReasonRow, ...]:
    try:
        return reason_rows(json.loads(text))
    except ValueError:
        return ()


def flagged_comments(session: Session, since: datetime,
                     until: datetime) -> tuple[FlaggedComment, ...]:
    """Return flagged comments first seen in the period, most severe first."""
    where = (first_seen_in(since, until), is_flagged())
    rows = run(session, 
        select(Comment.id, Site.name, Page.url, Comment.permalink, Comment.author,
               Comment.posted_at, Comment.first_seen_at, Comment.removed_at, Comment.text,
               Verdict.verdict, Verdict.score, Verdict.reasons, Campaign.label)
        .join(Verdict, Verdict.comment_id == Comment.id)
        .join(Site, Site.id == Comment.site_id)
        .join(Page, Page.id == Comment.page_id)
        .outerjoin(CampaignMember, CampaignMember.comment_id == Comment.id)
        .outerjoin(Campaign, Campaign.id == CampaignMember.campaign_id)
        .where(*where)
        .order_by(_severity(), Verdict.score.desc(), Comment.first_seen_at, Comment.id)
        .limit(MAX_COMMENTS)
    ).all()
    if not rows:
        return ()
    ids = {row[0] for row in rows}
    spans: dict[int, list[Span]] = defaultdict(list)
    contacts: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for comment_id, start, end, raw, kind, value in run(session, 
        select(CommentContact.comment_id, CommentContact.start, CommentContact.end,
               CommentContact.raw, Contact.kind, Contact.value)
        .join(Contact, Contact.id == CommentContact.contact_id)
        .join(Comment, Comment.id == CommentContact.comment_id)
        .join(Verdict, Verdict.comment_id == Comment.id)
        .where(*where)
        .order_by(CommentContact.comment_id, CommentContact.start, Contact.id)
    ):
        if comment_id in ids:
            spans[comment_id].append(Span(int(start), int(end), "contact", kind))
            contacts[comment_id].append((kind, value, raw))
    for comment_id, start, end, disease, claim_kind in run(session, 
        select(Claim.comment_id, Claim.start, Claim.end, Claim.disease, Claim.kind)
        .join(Comment, Comment.id == Claim.comment_id)
        .join(Verdict, Verdict.comment_id == Comment.id)
        .where(*where)
        .order_by(Claim.comment_id, Claim.start, Claim.id)
    ):
        if comment_id in ids:
            spans[comment_id].append(Span(int(start), int(end), "claim", disease or claim_kind))
    return tuple(
        FlaggedComment(
            id=int(cid), site=site, page_url=page_url, permalink=permalink, author=author,
            posted_at=utc_or_none(posted), first_seen_at=as_utc(first_seen),
            removed_at=utc_or_none(removed), verdict=verdict, score=int(score),
            reasons=reason_rows(reasons), text=text or "",
            spans=tuple(sorted(spans[cid], key=lambda s: (s.start, s.end, s.kind))),
            contacts=tuple(contacts[cid]), campaign=campaign,
        )
        for (cid, site, page_url, permalink, author, posted, first_seen, removed, text,
             verdict, score, reasons, campaign) in rows
    )


def _reason_text(reasons: tuple[ReasonRow, ...]) -> str:
    if not reasons:
        return "classified as a health-cure scam"
    return "; ".join(r.rule for r in sorted(reasons, key=lambda r: (-r.weight, r.rule)))


def _contact_values(session: Session, ids: list[int],
                    where: tuple[ColumnElement[bool], ...]) -> dict[int, list[str]]:
    """Return each comment's distinct contact values in text order.

    SQLite looks them up by primary-key chunks of ``ids`` (its planner would otherwise scan
    every sighting); PostgreSQL hash-joins the same ``where`` in one query.
    """
    base = (select(CommentContact.comment_id, Contact.value)
            .join(Contact, Contact.id == CommentContact.contact_id)
            .order_by(CommentContact.comment_id, CommentContact.start, Contact.id))
    if session.get_bind().dialect.name == "sqlite":
        queries = [base.where(CommentContact.comment_id.in_(sorted(ids[i:i + _CHUNK])))
                   for i in range(0, len(ids), _CHUNK)]
    else:
        queries = [base.join(Comment, Comment.id == CommentContact.comment_id)
                   .join(Verdict, Verdict.comment_id == Comment.id).where(*where)]
    values: dict[int, list[str]] = defaultdict(list)
    for query in queries:
        for comment_id, value in run(session, query).all():
            if value not in values[comment_id]:
                values[comment_id].append(value)
    return values


def takedowns(session: Session, until: datetime) -> tuple[SiteTakedown, ...]:
    """Return, per site, every scam comment still live at ``until`` (longest online first)."""
    where = (Verdict.verdict == "scam", live_at(until))
    rows = run(session,
        select(Comment.id, Site.name, Site.domain, Page.url, Comment.permalink,
               Comment.author, Comment.first_seen_at, Verdict.score,
               type_coerce(Verdict.reasons, Text),  # parsed once per distinct text
               online_since())
        .join(Verdict, Verdict.comment_id == Comment.id)
        .join(Site, Site.id == NoIndex(Comment.site_id))  # drive by verdict, not by site
        .join(Page, Page.id == Comment.page_id)
        .where(*where)
        .order_by(Site.name, online_since(), Comment.id)
    ).all()
    values = _contact_values(session, [row[0] for row in rows], where)
    by_site: dict[tuple[str, str | None], list[TakedownItem]] = defaultdict(list)
    for cid, site, domain, page_url, permalink, author, first_seen, score, reasons, online in rows:
        by_site[(site, domain)].append(TakedownItem(
            comment_id=int(cid), page_url=page_url, permalink=permalink, author=author,
            first_seen_at=as_utc(first_seen), score=int(score),
            reason=_reason_text(reason_rows(reasons)),
            contacts=tuple(values.get(cid, ())), online_since=utc_or_none(online),
        ))
    return tuple(SiteTakedown(site=site, domain=domain, items=tuple(items))
                 for (site, domain), items in by_site.items())

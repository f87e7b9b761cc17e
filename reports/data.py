"""Report queries: one database session and a period in, :class:`ReportData` out.

Every figure is computed "as of ``until``" from stored timestamps (``first_seen_at``,
``removed_at``), never from the wall clock, so regenerating a period over the same data
gives the same report. Queries are ordered with id tie-breaks for the same reason.
Campaign tables may be empty (campaign linking runs later); every query copes.
"""

from __future__ import annotations

import logging
import statistics
from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.store.expressions import online_since
from pipeline.store.models import Comment, CrawlRun, Site, Verdict
from reports._sql import NoIndex, first_seen_in, is_flagged, live_at, removed_in, run, utc_or_none
from reports.actors import campaign_rows, disease_rows, new_contact_rows
from reports.evidence import flagged_comments, takedowns
from reports.health import crawl_health
from reports.model import FLAGGED_VERDICTS, DayCount, ReportData, ReportSummary, SiteRow
from reports.periods import as_utc

__all__ = ["MAX_TREND_DAYS", "build_report_data"]

logger = logging.getLogger(__name__)

#: The trend chart shows at most this many days (the last ones of a long range).
MAX_TREND_DAYS = 366


def build_report_data(session: Session, *, since: datetime, until: datetime,
                      kind: str = "range") -> ReportData:
    """Run every report query for ``[since, until)``.

    Args:
        session: an open session (read only; nothing is written).
        since: start of the period, inclusive.
        until: end of the period, exclusive; "live" means live at this moment.
        kind: ``daily``, ``weekly``, ``monthly`` or ``range`` (carried into the summary).

    Returns:
        The report's data, ready for :mod:`reports.render` and :mod:`reports.export`.
    """
    since, until = as_utc(since), as_utc(until)
    if until <= since:
        raise ValueError(f"empty period: until ({until}) is not after since ({since})")
    health = crawl_health(session, since, until)
    campaigns, live_campaigns = campaign_rows(session, until)
    contacts, contacts_total = new_contact_rows(session, since, until)
    live = _live_flagged(session, until)
    summary = _summary(session, since, until, kind, live, contacts_total, live_campaigns,
                       len(health.problems))
    logger.info("report %s %s..%s: %d new comments, %d new flagged", kind, since, until,
                summary.new_comments, summary.new_flagged_total)
    return ReportData(
        summary=summary,
        campaigns=campaigns,
        new_contacts=contacts,
        new_contacts_total=contacts_total,
        sites=_site_rows(session, since, until, live),
        diseases=disease_rows(session, since, until),
        trend=_trend(session, since, until),
        comments=flagged_comments(session, since, until),
        takedowns=takedowns(session, until),
        health=health,
    )


def _by_verdict(rows: list[tuple[str, int]]) -> dict[str, int]:
    found = dict(rows)
    return {verdict: int(found.get(verdict, 0)) for verdict in FLAGGED_VERDICTS}


LiveCounts = dict[tuple[str, int], tuple[int, datetime | None]]


def _live_flagged(session: Session, until: datetime) -> LiveCounts:
    """Count flagged comments live at ``until`` by (verdict, site), with the oldest "live since".

    A comment has been live since :func:`pipeline.store.expressions.online_since`. One pass over the flagged
    part of the verdict index serves the headline figures and the per-site table alike.
    """
    live_since = online_since()
    return {(verdict, site_id): (int(count), utc_or_none(oldest))
            for verdict, site_id, count, oldest in run(session,
                select(Verdict.verdict, Comment.site_id, func.count(),
                       func.min(live_since))
                .join(Comment, Comment.id == Verdict.comment_id)
                .where(is_flagged(), live_at(until))
                .group_by(Verdict.verdict, NoIndex(Comment.site_id)))}


def _summary(session: Session, since: datetime, until: datetime, kind: str, live: LiveCounts,
             new_contacts: int, live_campaigns: int, problems: int) -> ReportSummary:
    runs = run(session, 
        select(func.coalesce(func.sum(CrawlRun.pages), 0),
               func.coalesce(func.sum(CrawlRun.comments_seen), 0))
        .where(CrawlRun.started_at >= since, CrawlRun.started_at < until)
    ).one()
    new_comments = session.connection().scalar(
        select(func.count()).select_from(Comment).where(first_seen_in(since, until))) or 0
    new_flagged = run(session, 
        select(Verdict.verdict, func.count())
        .join(Comment, Comment.id == Verdict.comment_id)
        .where(first_seen_in(since, until), is_flagged())
        .group_by(Verdict.verdict)
    ).all()
    live_flagged: dict[str, int] = defaultdict(int)
    for (verdict, _site_id), (count, _oldest) in live.items():
        live_flagged[verdict] += count
    removed = run(session, 
        select(func.count(Comment.id), func.count(Verdict.comment_id))
        .select_from(Comment)
        .outerjoin(Verdict, (Verdict.comment_id == Comment.id) & is_flagged())
        .where(removed_in(since, until))
    ).one()
    return ReportSummary(
        kind=kind, since=since, until=until,
        pages_crawled=int(runs[0]), comments_crawled=int(runs[1]),
        new_comments=int(new_comments),
        new_flagged=_by_verdict([(v, n) for v, n in new_flagged]),
        live_flagged=_by_verdict(list(live_flagged.items())),
        removed=int(removed[0]), removed_flagged=int(removed[1]),
        new_contacts=new_contacts, campaigns=live_campaigns, sites_with_problems=problems,
    )


def _site_rows(session: Session, since: datetime, until: datetime,
               live_flagged: LiveCounts) -> tuple[SiteRow, ...]:
    new = dict(run(session, 
        select(Comment.site_id, func.count()).where(first_seen_in(since, until))
        .group_by(Comment.site_id)).all())
    new_flagged = dict(run(session, 
        select(Comment.site_id, func.count())
        .join(Verdict, Verdict.comment_id == Comment.id)
        .where(first_seen_in(since, until), is_flagged())
        .group_by(Comment.site_id)).all())
    live = {site_id: counts for (verdict, site_id), counts in live_flagged.items()
            if verdict == "scam"}
    removed = dict(run(session, 
        select(Comment.site_id, func.count()).where(removed_in(since, until))
        .group_by(Comment.site_id)).all())
    ages: dict[int, list[float]] = defaultdict(list)
    for site_id, first_seen, removed_at in run(session, 
        select(Comment.site_id, Comment.first_seen_at, Comment.removed_at)
        .join(Verdict, Verdict.comment_id == Comment.id)
        .where(removed_in(since, until), is_flagged())
    ):
        ages[site_id].append(_days(as_utc(removed_at) - as_utc(first_seen)))
    rows = []
    sites = run(session, 
        select(Site.id, Site.name, Site.domain).where(Site.created_at < until)
        .order_by(Site.name)).all()
    known = {site_id for site_id, _name, _domain in sites}
    missing = (set(new) | set(live) | set(removed)) - known  # site row created later
    if missing:
        sites += run(session, 
            select(Site.id, Site.name, Site.domain).where(Site.id.in_(missing))).all()
    for site_id, name, domain in sites:
        live_count, oldest_at = live.get(site_id, (0, None))
        rows.append(SiteRow(
            name=name, domain=domain,
            new_comments=int(new.get(site_id, 0)),
            new_flagged=int(new_flagged.get(site_id, 0)),
            live_scams=int(live_count),
            oldest_live_scam_at=oldest_at,
            oldest_live_days=_days(until - oldest_at) if oldest_at else None,
            removed=int(removed.get(site_id, 0)),
            removed_flagged=len(ages.get(site_id, ())),
            median_days_to_removal=(statistics.median(ages[site_id])
                                    if ages.get(site_id) else None),
        ))
    rows.sort(key=lambda r: (-r.live_scams, -(r.oldest_live_days or 0), -r.new_flagged,
                             r.name))
    return tuple(rows)


def _days(delta: timedelta) -> float:
    return round(delta.total_seconds() / 86400, 1)


def _trend(session: Session, since: datetime, until: datetime) -> tuple[DayCount, ...]:
    first_day = max(since, until - timedelta(days=MAX_TREND_DAYS)).date()
    last_day = (until - timedelta(microseconds=1)).date()
    counts: dict[object, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FLAGGED_VERDICTS, 0))
    start = datetime.combine(first_day, datetime.min.time(), tzinfo=since.tzinfo)
    for first_seen, verdict in run(session, 
        select(Comment.first_seen_at, Verdict.verdict)
        .join(Verdict, Verdict.comment_id == Comment.id)
        .where(first_seen_in(max(since, start), until), is_flagged())
    ):
        counts[as_utc(first_seen).date()][verdict] += 1
    days = []
    day = first_day
    while day <= last_day:
        days.append(DayCount(day=day, counts=dict(counts[day])))
        day += timedelta(days=1)
    return tuple(days)

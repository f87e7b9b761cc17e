"""Batched, idempotent writes of comments and their analyses.

One call saves a whole batch in the caller's transaction: sites, pages and contacts are
upserted with ``INSERT … ON CONFLICT DO NOTHING`` (SQLite and PostgreSQL both have it), so
re-running a crawl, or two workers writing the same comment at once, never creates a
duplicate row nor fails on a unique constraint. A comment's analysis rows are rewritten
only when its text changed or the ruleset that judged it is not the current one.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from pipeline.findings import Analysis
from pipeline.store import models as m
from pipeline.store.records import CommentRecord, PageSnapshot, SaveStats, text_hash

__all__ = ["mark_removed", "mark_removed_from_listing", "newest_comment_at", "page_validators",
           "save_comments", "upsert_batch_pages", "upsert_pages", "upsert_sites"]

logger = logging.getLogger(__name__)

#: Rows per INSERT statement: well under SQLite's 32766 bound parameters.
_CHUNK = 500


def _insert(session: Session, model: Any) -> Any:
    """Return the dialect's INSERT (with ON CONFLICT) on the model's table.

    Statements are executed with a list of parameter sets (executemany), never with the
    rows inlined as VALUES: SQLAlchemy then compiles each statement shape once and caches
    it, instead of compiling a new giant statement for every batch.
    """
    dialect = session.get_bind().dialect.name
    table = model.__table__
    if dialect == "postgresql":
        return pg_insert(table)
    if dialect == "sqlite":
        return sqlite_insert(table)
    raise NotImplementedError(f"no upsert for database dialect {dialect!r}")


def _execute_many(session: Session, statement: Any, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.connection().execute(statement, list(rows))


def _chunks(rows: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def upsert_sites(session: Session, sites: dict[str, str | None]) -> dict[str, int]:
    """Ensure a row per site name (with its domain); return name -> id."""
    if not sites:
        return {}
    rows = [{"name": name, "domain": domain} for name, domain in sorted(sites.items())]
    _execute_many(session, _insert(session, m.Site).on_conflict_do_nothing(), rows)
    found = session.execute(select(m.Site.name, m.Site.id).where(m.Site.name.in_(list(sites))))
    return dict(found.all())


def upsert_pages(
    session: Session, pages: dict[str, tuple[int, str | None, str | None]], seen_at: datetime
) -> dict[str, int]:
    """Ensure a row per page URL (site id, title, platform); return url -> id."""
    if not pages:
        return {}
    rows = [
        {"url": url, "site_id": site_id, "title": title, "platform": platform,
         "last_crawled_at": seen_at}
        for url, (site_id, title, platform) in sorted(pages.items())
    ]
    ids: dict[str, int] = {}
    for chunk in _chunks(rows):
        stmt = _insert(session, m.Page)
        stmt = stmt.on_conflict_do_update(
            index_elements=["url"],
            set_={"last_crawled_at": stmt.excluded.last_crawled_at,
                  "title": func.coalesce(stmt.excluded.title, m.Page.__table__.c.title),
                  "platform": func.coalesce(stmt.excluded.platform,
                                            m.Page.__table__.c.platform)},
        )
        _execute_many(session, stmt, chunk)
        urls = [row["url"] for row in chunk]
        ids.update(
            session.execute(select(m.Page.url, m.Page.id).where(m.Page.url.in_(urls))).all()
        )
    return ids


def _upsert_contacts(session: Session, analyses: Iterable[Analysis]) -> dict[tuple[str, str], int]:
    wanted: dict[tuple[str, str], str | None] = {}
    for analysis in analyses:
        for contact in analysis.contacts:
            wanted.setdefault((contact.kind, contact.value), contact.domain)
    if not wanted:
        return {}
    rows = [{"kind": k, "value": v, "domain": d} for (k, v), d in sorted(wanted.items())]
    ids: dict[tuple[str, str], int] = {}
    for chunk in _chunks(rows):
        _execute_many(session, _insert(session, m.Contact).on_conflict_do_nothing(), chunk)
        keys = [(row["kind"], row["value"]) for row in chunk]
        found = session.execute(
            select(m.Contact.kind, m.Contact.value, m.Contact.id).where(
                tuple_(m.Contact.kind, m.Contact.value).in_(keys)
            )
        )
        ids.update({(kind, value): cid for kind, value, cid in found})
    return ids


def upsert_batch_pages(session: Session, items: Sequence[CommentRecord | PageSnapshot],
                       seen_at: datetime) -> None:
    """Upsert every site and page a batch touches, sorted, before any other write.

    Taking the page-row locks first and in one order is what keeps concurrent writers on
    PostgreSQL from deadlocking each other.
    """
    if items:
        _site_and_page_ids(session, items, seen_at)


def _site_and_page_ids(
    session: Session, items: Sequence[CommentRecord | PageSnapshot], seen_at: datetime
) -> tuple[dict[str, int], dict[str, int]]:
    site_ids = upsert_sites(session, {item.site: item.site_domain for item in items})
    pages = {
        item.page_url: (site_ids[item.site], item.page_title, item.platform) for item in items
    }
    return site_ids, upsert_pages(session, pages, seen_at)


def save_comments(session: Session, records: Sequence[CommentRecord]) -> SaveStats:
    """Save a batch of comments and their analyses; return what changed.

    New comments are inserted; a comment seen again gets ``last_seen_at`` (and loses
    ``removed_at``); an edited one gets its new text while ``first_text_hash`` keeps the
    first version. Safe to call again with the same batch.
    """
    stats = SaveStats()
    if not records:
        return stats
    seen_at = max(record.seen_at for record in records)
    site_ids, page_ids = _site_and_page_ids(session, records, seen_at)

    latest: dict[tuple[int, str], CommentRecord] = {}
    for record in records:
        latest[(page_ids[record.page_url], record.external_id)] = record

    existing = _existing_comments(session, list(latest))
    new_rows = []
    for key, record in latest.items():
        if key not in existing:
            digest = text_hash(record.text)
            new_rows.append(_comment_row(record, site_ids[record.site], key[0], digest))
    for chunk in _chunks(new_rows):
        _execute_many(session, _insert(session, m.Comment).on_conflict_do_nothing(), chunk)
    inserted = _existing_comments(session, [k for k in latest if k not in existing])

    to_analyse: list[tuple[int, CommentRecord]] = []
    for key, (comment_id, _hash) in inserted.items():
        stats.new += 1
        stats.new_comment_ids.append(comment_id)
        to_analyse.append((comment_id, latest[key]))

    versions = _ruleset_versions(session, [cid for cid, _ in existing.values()])
    touched: list[dict[str, Any]] = []
    edited: list[dict[str, Any]] = []
    for key, (comment_id, old_hash) in existing.items():
        record = latest[key]
        digest = text_hash(record.text)
        row = {"b_id": comment_id, "b_seen": record.seen_at}
        changed = digest != old_hash
        if changed:
            edited.append({**row, "b_text": record.text, "b_hash": digest})
            stats.updated += 1
            stats.changed_comment_ids.append(comment_id)
        else:
            touched.append(row)
            stats.unchanged += 1
        if changed or versions.get(comment_id) != record.analysis.ruleset_version:
            to_analyse.append((comment_id, record))
    comments = m.Comment.__table__
    seen_again = (update(comments).where(comments.c.id == bindparam("b_id"))
                  .values(last_seen_at=bindparam("b_seen"), removed_at=None))
    touched.sort(key=lambda row: row["b_id"])  # one lock order for concurrent writers
    edited.sort(key=lambda row: row["b_id"])
    _execute_many(session, seen_again, touched)
    _execute_many(session, seen_again.values(text=bindparam("b_text"), text_hash=bindparam("b_hash"),
                                             updated_at=bindparam("b_seen")), edited)

    save_analyses(session, to_analyse)
    return stats


def _comment_row(record: CommentRecord, site_id: int, page_id: int, digest: str) -> dict[str, Any]:
    return {
        "site_id": site_id,
        "page_id": page_id,
        "external_id": record.external_id,
        "parent_external_id": record.parent_external_id,
        "author": record.author,
        "author_url": record.author_url,
        "permalink": record.permalink,
        "posted_at": record.posted_at,
        "text": record.text,
        "text_hash": digest,
        "first_text_hash": digest,
        "first_seen_at": record.seen_at,
        "last_seen_at": record.seen_at,
    }


def _existing_comments(
    session: Session, keys: Sequence[tuple[int, str]]
) -> dict[tuple[int, str], tuple[int, str]]:
    found: dict[tuple[int, str], tuple[int, str]] = {}
    for chunk in _chunks(keys):
        rows = session.execute(
            select(m.Comment.page_id, m.Comment.external_id, m.Comment.id, m.Comment.text_hash)
            .where(tuple_(m.Comment.page_id, m.Comment.external_id).in_(list(chunk)))
        )
        for page_id, external_id, comment_id, digest in rows:
            found[(page_id, external_id)] = (comment_id, digest)
    return found


def _ruleset_versions(session: Session, comment_ids: Sequence[int]) -> dict[int, str]:
    versions: dict[int, str] = {}
    for chunk in _chunks(comment_ids):
        rows = session.execute(
            select(m.Verdict.comment_id, m.Verdict.ruleset_version)
            .where(m.Verdict.comment_id.in_(list(chunk)))
        )
        versions.update(rows.all())
    return versions


def save_analyses(session: Session, items: Sequence[tuple[int, Analysis | CommentRecord]]) -> None:
    """Replace the contacts, claims and verdict rows of the given comments."""
    if not items:
        return
    analyses = [
        (cid, item.analysis if isinstance(item, CommentRecord) else item) for cid, item in items
    ]
    ids = [cid for cid, _ in analyses]
    contact_ids = _upsert_contacts(session, (a for _, a in analyses))
    for chunk in _chunks(ids):
        for table in (m.CommentContact, m.Claim, m.Verdict):
            session.execute(delete(table).where(table.comment_id.in_(list(chunk))))
    links, claims, verdicts = [], [], []
    for comment_id, analysis in analyses:
        seen: set[tuple[int, int]] = set()
        for c in analysis.contacts:
            key = (contact_ids[(c.kind, c.value)], c.start)
            if key in seen:
                continue
            seen.add(key)
            links.append({"comment_id": comment_id, "contact_id": key[0], "start": c.start,
                          "end": c.end, "raw": c.raw, "obfuscated": c.obfuscated,
                          "channels": ",".join(c.channels) or None})
        claims.extend(
            {"comment_id": comment_id, "disease": cl.disease, "remedy": cl.remedy,
             "kind": cl.kind, "start": cl.start, "end": cl.end}
            for cl in analysis.claims
        )
        verdicts.append({"comment_id": comment_id, "verdict": analysis.verdict,
                         "score": analysis.score,
                         "reasons": [r.to_json() for r in analysis.reasons],
                         "ruleset_version": analysis.ruleset_version})
    for table, rows in ((m.CommentContact, links), (m.Claim, claims), (m.Verdict, verdicts)):
        for chunk in _chunks(rows):
            _execute_many(session, _insert(session, table), chunk)


def mark_removed(session: Session, snapshots: Sequence[PageSnapshot]) -> SaveStats:
    """Apply page snapshots: removals, unchanged pages and the pages' HTTP validators.

    Comments missing from a completely fetched page are marked removed (never deleted); a
    comment that shows up again was already un-removed by :func:`save_comments`. A page
    the server answered 304 for keeps every live comment, seen again now.
    """
    stats = SaveStats()
    if not snapshots:
        return stats
    _, page_ids = _site_and_page_ids(session, snapshots, max(s.seen_at for s in snapshots))
    for snap in snapshots:
        page_id = page_ids[snap.page_url]
        _save_validators(session, page_id, snap)
        if snap.not_modified:
            session.execute(
                update(m.Comment)
                .where(m.Comment.page_id == page_id, m.Comment.removed_at.is_(None))
                .values(last_seen_at=snap.seen_at)
            )
            continue
        if not snap.complete:
            continue
        live = session.execute(
            select(m.Comment.id, m.Comment.external_id)
            .where(m.Comment.page_id == page_id, m.Comment.removed_at.is_(None))
        ).all()
        gone = [cid for cid, ext in live if ext not in snap.external_ids]
        for chunk in _chunks(gone):
            session.execute(
                update(m.Comment).where(m.Comment.id.in_(list(chunk)))
                .values(removed_at=snap.seen_at)
            )
        stats.removed += len(gone)
    return stats


def _save_validators(session: Session, page_id: int, snap: PageSnapshot) -> None:
    if snap.not_modified:
        return
    session.execute(
        update(m.Page).where(m.Page.id == page_id).values(
            etag=snap.etag, last_modified=snap.last_modified,
            comments_high_water=json.dumps({"comment_pages": snap.comment_pages}),
        )
    )


def page_validators(session: Session, site: str) -> dict[str, tuple[str | None, str | None]]:
    """Return url -> (ETag, Last-Modified) of a site's pages that can be asked conditionally.

    Pages whose comments spanned several comment pages are left out: their first page can
    be unchanged while a later one is not.
    """
    rows = session.execute(
        select(m.Page.url, m.Page.etag, m.Page.last_modified, m.Page.comments_high_water)
        .join(m.Site, m.Site.id == m.Page.site_id)
        .where(m.Site.name == site)
        .where((m.Page.etag.is_not(None)) | (m.Page.last_modified.is_not(None)))
    )
    found: dict[str, tuple[str | None, str | None]] = {}
    for url, etag, last_modified, marks in rows:
        try:
            pages = int(json.loads(marks or "{}").get("comment_pages", 1))
        except (ValueError, AttributeError, TypeError):
            pages = 2
        if pages <= 1:
            found[url] = (etag, last_modified)
    return found


def newest_comment_at(session: Session, site: str) -> datetime | None:
    """Return the newest posting time among a site's stored comments (a high-water mark)."""
    value = session.scalar(
        select(func.max(m.Comment.posted_at))
        .join(m.Site, m.Site.id == m.Comment.site_id)
        .where(m.Site.name == site)
    )
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def mark_removed_from_listing(session: Session, site: str, present: set[tuple[str, str]],
                              seen_at: datetime) -> SaveStats:
    """Mark removed every live comment of ``site`` missing from a complete site listing.

    A full comment listing (the WordPress REST API without ``after=``) names every comment
    the site still shows, on every page: ``present`` holds its (page URL, external id)s.
    """
    stats = SaveStats()
    live = session.execute(
        select(m.Comment.id, m.Page.url, m.Comment.external_id)
        .join(m.Page, m.Page.id == m.Comment.page_id)
        .join(m.Site, m.Site.id == m.Comment.site_id)
        .where(m.Site.name == site, m.Comment.removed_at.is_(None))
    ).all()
    gone = [cid for cid, url, ext in live if (url, ext) not in present]
    for chunk in _chunks(gone):
        session.execute(
            update(m.Comment).where(m.Comment.id.in_(list(chunk))).values(removed_at=seen_at)
        )
    stats.removed = len(gone)
    return stats

"""The writer on SQLite and PostgreSQL: idempotent saves, edits, removals, analyses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from pipeline.findings import Analysis, Claim, Contact, Reason
from pipeline.store import models as m
from pipeline.store.records import CommentRecord, PageSnapshot
from pipeline.store.writer import mark_removed, save_comments

T0 = datetime(2026, 1, 5, 3, 0, tzinfo=UTC)
SCAM_TEXT = "Dr Herb cured my herpes, write to drherb@example.com"


def _analysis(text: str, *, email: str | None = None, version: str = "r1") -> Analysis:
    contacts = ()
    if email:
        start = text.index(email)
        contacts = (Contact("email", email, email, start, start + len(email), domain="example.com"),)
    return Analysis(text=text, contacts=contacts,
                    claims=(Claim("herpes", "herbal", "cure_testimonial", 0, 18),) if email else (),
                    score=80 if email else 0, verdict="scam" if email else "ok",
                    reasons=(Reason("CURE_TESTIMONIAL", 30, "cured my herpes"),) if email else (),
                    ruleset_version=version)


def _record(external_id: str, text: str, *, seen: datetime = T0, page: str = "/a",
            email: str | None = None, version: str = "r1") -> CommentRecord:
    return CommentRecord(site="blog", site_domain="blog.example", page_url=f"https://blog.example{page}",
                         external_id=external_id, text=text,
                         analysis=_analysis(text, email=email, version=version), seen_at=seen,
                         author="someone")


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_save_is_idempotent(database) -> None:
    batch = [_record("1", SCAM_TEXT, email="drherb@example.com"), _record("2", "Thanks, helpful."),
             _record("3", SCAM_TEXT, page="/b", email="drherb@example.com")]
    with database.sessions.begin() as s:
        first = save_comments(s, batch)
    with database.sessions.begin() as s:
        second = save_comments(s, batch)
    assert (first.new, first.unchanged) == (3, 0)
    assert (second.new, second.unchanged, second.updated) == (0, 3, 0)
    with database.sessions() as s:
        assert _count(s, m.Comment) == 3
        assert _count(s, m.Page) == 2
        assert _count(s, m.Site) == 1
        assert _count(s, m.Contact) == 1
        assert _count(s, m.CommentContact) == 2
        assert _count(s, m.Verdict) == 3
        assert _count(s, m.Claim) == 2
        link = s.scalars(select(m.CommentContact)).first()
        comment = s.get(m.Comment, link.comment_id)
        assert comment.text[link.start:link.end] == link.raw


def test_edit_updates_text_and_keeps_first_hash(database) -> None:
    with database.sessions.begin() as s:
        save_comments(s, [_record("1", "Thanks, helpful.")])
    later = T0 + timedelta(days=1)
    with database.sessions.begin() as s:
        stats = save_comments(s, [_record("1", SCAM_TEXT, seen=later, email="drherb@example.com")])
    assert stats.updated == 1
    with database.sessions() as s:
        comment = s.scalars(select(m.Comment)).one()
        assert comment.text == SCAM_TEXT
        assert comment.first_text_hash != comment.text_hash
        assert comment.updated_at is not None
        assert s.scalars(select(m.Verdict.verdict)).one() == "scam"


def test_new_ruleset_rewrites_verdict_only_when_version_changes(database) -> None:
    with database.sessions.begin() as s:
        save_comments(s, [_record("1", SCAM_TEXT, email="drherb@example.com", version="r1")])
    with database.sessions.begin() as s:
        save_comments(s, [_record("1", SCAM_TEXT, email="drherb@example.com", version="r2")])
    with database.sessions() as s:
        assert s.scalars(select(m.Verdict.ruleset_version)).one() == "r2"
        assert _count(s, m.CommentContact) == 1


def test_removed_and_reappearing_comment(database) -> None:
    with database.sessions.begin() as s:
        save_comments(s, [_record("1", "first"), _record("2", "second")])
    later = T0 + timedelta(days=2)
    snap = PageSnapshot(site="blog", page_url="https://blog.example/a", external_ids=frozenset({"1"}),
                        seen_at=later)
    with database.sessions.begin() as s:
        stats = mark_removed(s, [snap])
    assert stats.removed == 1
    with database.sessions() as s:
        removed = s.scalars(select(m.Comment).where(m.Comment.removed_at.is_not(None))).one()
        assert removed.external_id == "2"
    # An incomplete snapshot marks nothing.
    partial = PageSnapshot(site="blog", page_url="https://blog.example/a", external_ids=frozenset(),
                           seen_at=later, complete=False)
    with database.sessions.begin() as s:
        assert mark_removed(s, [partial]).removed == 0
    # The comment comes back: un-removed, never duplicated.
    with database.sessions.begin() as s:
        save_comments(s, [_record("2", "second", seen=later + timedelta(days=1))])
    with database.sessions() as s:
        assert _count(s, m.Comment) == 2
        assert s.scalar(select(func.count()).where(m.Comment.removed_at.is_not(None))) == 0

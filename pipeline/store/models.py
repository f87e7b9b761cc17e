"""SQLAlchemy models: the database is a public interface for analysts (see docs/schema.md).

Rename or drop a column only through a migration and a changelog entry. Uniqueness is what
makes every re-run idempotent: a site by name, a page by URL, a comment by (page,
external id), a contact by (kind, value), one current verdict per comment.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Base",
    "Campaign",
    "CampaignBand",
    "CampaignInput",
    "CampaignLink",
    "CampaignMember",
    "CampaignSetting",
    "Claim",
    "Comment",
    "CommentContact",
    "Contact",
    "CrawlRun",
    "Page",
    "Report",
    "Review",
    "Site",
    "Verdict",
]

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Integer primary keys: BIGINT on PostgreSQL, INTEGER (rowid alias) on SQLite.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so migrations name constraints stably."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _now_column() -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)


class Site(Base):
    """A website that is crawled (or named by ``analyze --store`` records)."""

    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    domain: Mapped[str | None] = mapped_column(String(255), index=True)
    created_at: Mapped[datetime] = _now_column()


class Page(Base):
    """An article page whose comment section was read."""

    __tablename__ = "pages"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    platform: Mapped[str | None] = mapped_column(String(40))
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    comments_high_water: Mapped[str | None] = mapped_column(Text)
    """Newest comment id or date seen: incremental crawls ask only for newer ones."""
    first_seen_at: Mapped[datetime] = _now_column()
    last_crawled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Comment(Base):
    """One comment as found on a page. Never deleted: removal sets ``removed_at``."""

    __tablename__ = "comments"
    __table_args__ = (
        UniqueConstraint("page_id", "external_id"),
        Index("ix_comments_site_first_seen", "site_id", "first_seen_at"),
        # Covering index of the report queries (migration 0002).
        Index("ix_comments_status", "id", "site_id", "first_seen_at", "removed_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(200))
    """The platform's id (``comment-123``), or a content hash where the page shows none."""
    parent_external_id: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str | None] = mapped_column(Text)
    author_url: Mapped[str | None] = mapped_column(Text)
    permalink: Mapped[str | None] = mapped_column(Text)
    posted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    text: Mapped[str] = mapped_column(Text)
    """Plain text after HTML-to-text: every stored offset indexes it."""
    text_hash: Mapped[str] = mapped_column(String(64))
    first_text_hash: Mapped[str] = mapped_column(String(64))
    """Hash of the first version seen: an edited comment keeps it."""
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """When an edit of the text was last seen."""


class Contact(Base):
    """A normalised contact (one row per kind and value, however often it is seen)."""

    __tablename__ = "contacts"
    __table_args__ = (UniqueConstraint("kind", "value"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(Text)
    domain: Mapped[str | None] = mapped_column(String(255), index=True)
    first_seen_at: Mapped[datetime] = _now_column()


class CommentContact(Base):
    """A sighting of a contact in a comment, with where it stands in the text."""

    __tablename__ = "comment_contacts"

    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    start: Mapped[int] = mapped_column(Integer, primary_key=True)
    end: Mapped[int] = mapped_column(Integer)
    raw: Mapped[str] = mapped_column(Text)
    obfuscated: Mapped[bool] = mapped_column(Boolean, default=False)
    channels: Mapped[str | None] = mapped_column(String(200))
    """Comma-separated messengers (``whatsapp,viber``) a phone number is offered on."""


class Claim(Base):
    """A cure claim found in a comment."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    disease: Mapped[str | None] = mapped_column(String(120), index=True)
    remedy: Mapped[str | None] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(40))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class Verdict(Base):
    """The current verdict of a comment under the ruleset that produced it."""

    __tablename__ = "verdicts"

    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True
    )
    verdict: Mapped[str] = mapped_column(String(20), index=True)
    score: Mapped[int] = mapped_column(Integer)
    reasons: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    ruleset_version: Mapped[str] = mapped_column(String(40))
    analysed_at: Mapped[datetime] = _now_column()


class Campaign(Base):
    """An actor: comments linked by shared contacts or near-identical text."""

    __tablename__ = "campaigns"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    """Stable key derived from the campaign's earliest contact, not from row order."""
    label: Mapped[str] = mapped_column(Text)
    first_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = _now_column()


class CampaignMember(Base):
    """Membership of a comment in a campaign (a comment is in at most one)."""

    __tablename__ = "campaign_members"

    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True
    )
    campaign_id: Mapped[str] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )


class CampaignLink(Base):
    """Per link key, its earliest comment and that comment's campaign (linking state)."""

    __tablename__ = "campaign_links"
    __table_args__ = (
        Index("ix_campaign_links_campaign_anchor", "campaign_id", "seen_at", "rank", "key"),
    )

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    campaign_id: Mapped[str] = mapped_column(String(64))
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    rank: Mapped[int] = mapped_column(SmallInteger)


class CampaignBand(Base):
    """Per MinHash LSH band value, its earliest comment (linking state)."""

    __tablename__ = "campaign_bands"

    band: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CampaignInput(Base):
    """Fingerprint and personas of a linked comment (linking state)."""

    __tablename__ = "campaign_inputs"

    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True
    )
    fingerprint: Mapped[str] = mapped_column(String(40))
    personas: Mapped[str | None] = mapped_column(Text)


class CampaignSetting(Base):
    """A campaign-linking knob the stored linking state was built with (linking state).

    Incremental linking must use the knobs of the state it extends, or it would disagree
    with a relink from scratch; so they live in the database, next to that state.
    """

    __tablename__ = "campaign_settings"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    """JSON."""
    updated_at: Mapped[datetime] = _now_column()


class CrawlRun(Base):
    """One crawl (or ``analyze --store``) run: written even when it fails."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="crawl")
    """``crawl``, ``demo``, ``analyze``."""
    sites: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20), default="running")
    """``running``, ``ok``, ``errors``, ``failed``."""
    pages: Mapped[int] = mapped_column(Integer, default=0)
    requests: Mapped[int] = mapped_column(Integer, default=0)
    comments_seen: Mapped[int] = mapped_column(Integer, default=0)
    comments_new: Mapped[int] = mapped_column(Integer, default=0)
    comments_updated: Mapped[int] = mapped_column(Integer, default=0)
    comments_removed: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    workers: Mapped[int] = mapped_column(Integer, default=1)
    stats: Mapped[dict[str, object] | None] = mapped_column(JSON)
    """Per-site and per-worker counters (``{"sites": {...}, "workers": {...}}``)."""


class Review(Base):
    """An analyst's label for a comment."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = _now_column()


class Report(Base):
    """A generated report: the period it covers and the files written."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("period_start", "period_end", "kind"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    """``daily``, ``weekly``, ``monthly`` or ``range``."""
    period_start: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    period_end: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    content_hash: Mapped[str] = mapped_column(String(64))
    files: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = _now_column()

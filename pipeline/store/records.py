"""What the writer stores: one typed record per comment seen, one per page snapshot.

These are the boundary between whoever found a comment (a spider, ``analyze --store``) and
the database, so neither side needs to know the other's types.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from pipeline.findings import Analysis

__all__ = ["CommentRecord", "PageSnapshot", "SaveStats", "content_key", "text_hash"]


def text_hash(text: str) -> str:
    """Return the SHA-256 of a comment's plain text (stored to detect edits)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def content_key(author: str | None, body: str) -> str:
    """Return a stable external id for a comment whose page shows none.

    Derived from author and body, like trafilatura's content fingerprint, so a re-crawl of
    the same page finds the same key.
    """
    digest = hashlib.sha1(f"{author or ''}\x00{body}".encode("utf-8", "surrogatepass"))
    return "h-" + digest.hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class CommentRecord:
    """One comment as seen at ``seen_at``, with its analysis."""

    site: str
    """Site name (from the site list, or the URL host for ``analyze --store``)."""
    page_url: str
    external_id: str
    text: str
    """Plain text: every offset in ``analysis`` indexes it."""
    analysis: Analysis
    seen_at: datetime
    site_domain: str | None = None
    page_title: str | None = None
    platform: str | None = None
    parent_external_id: str | None = None
    author: str | None = None
    author_url: str | None = None
    permalink: str | None = None
    posted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PageSnapshot:
    """The complete list of comments a page showed when fetched: the rest were removed."""

    site: str
    page_url: str
    external_ids: frozenset[str]
    seen_at: datetime
    complete: bool = True
    """False when some comment pages failed: then nothing is marked removed."""
    site_domain: str | None = None
    page_title: str | None = None
    platform: str | None = None
    etag: str | None = None
    """HTTP validators of the article page, for conditional requests next time."""
    last_modified: str | None = None
    comment_pages: int = 1
    """How many comment pages the article had (conditional requests only when 1)."""
    not_modified: bool = False
    """The server answered 304: every live comment of the page is still there."""


@dataclass(slots=True)
class SaveStats:
    """Counters of one or more saved batches."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    restored: int = 0
    new_comment_ids: list[int] = field(default_factory=list)
    changed_comment_ids: list[int] = field(default_factory=list)

    def add(self, other: SaveStats) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.removed += other.removed
        self.restored += other.restored
        self.new_comment_ids.extend(other.new_comment_ids)
        self.changed_comment_ids.extend(other.changed_comment_ids)

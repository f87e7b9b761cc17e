"""Items the spiders yield: plain dataclasses, one per comment and one per page snapshot."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(slots=True)
class CommentItem:
    """One comment as found on a page, before analysis."""

    site: str
    page_url: str
    """Canonical article URL (comment-page suffixes removed)."""
    external_id: str
    """Platform id, or a content key when the page shows none."""
    html: str
    """The comment body as HTML; the item pipeline turns it into text."""
    platform: str
    page_title: str | None = None
    parent_id: str | None = None
    author: str | None = None
    author_url: str | None = None
    posted_at: datetime | None = None
    permalink: str | None = None
    region: str | None = None
    """Default phone region of the site."""
    site_domain: str | None = None


@dataclass(slots=True)
class ThreadItem:
    """Every comment id an article showed across all its comment pages, yielded last."""

    site: str
    page_url: str
    platform: str | None
    external_ids: list[str] = field(default_factory=list)
    complete: bool = True
    page_title: str | None = None
    site_domain: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    comment_pages: int = 1
    not_modified: bool = False
    """The server answered 304 to a conditional request: nothing changed."""


@dataclass(slots=True)
class SiteListingItem:
    """Every comment a complete site-wide listing showed: the site's other comments are gone."""

    site: str
    present: set[tuple[str, str]] = field(default_factory=set)
    """(page URL, external id) of every comment in the listing."""

"""What every platform extractor returns: typed, frozen, and free of Scrapy types.

The spider turns these into ``CommentItem``s; ``commentwatch scan`` prints them. Keeping
them plain dataclasses means a platform module can be tested on a string of HTML alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

__all__ = ["ApiPage", "ExtractedComment", "FieldOverrides", "PageComments"]


@dataclass(frozen=True, slots=True)
class ExtractedComment:
    """One comment as the page (or API) shows it."""

    external_id: str | None
    """The platform's id as a string (WordPress ``#comment-123`` -> ``"123"``); None when the
    page shows none, and the store then hashes author and text."""
    parent_id: str | None
    """External id of the comment this one replies to."""
    author: str | None
    """Display name of the poster."""
    author_url: str | None
    """Absolute URL the poster's name links to (often the spam target itself)."""
    posted_at: datetime | None
    """Timezone-aware time of posting; dates shown without a zone are taken as UTC."""
    html: str
    """The comment body as HTML, without the meta line, avatar or reply link."""
    permalink: str | None
    """Absolute URL of the comment."""


@dataclass(frozen=True, slots=True)
class PageComments:
    """Everything one fetched page says about its comments."""

    platform: str
    """Platform that produced the comments (``wordpress``, ``drupal``, ``disqus``,
    ``schema-org``, ``generic``, ...), or ``none`` when nothing was recognised."""
    comments: tuple[ExtractedComment, ...] = ()
    comment_pages: tuple[str, ...] = ()
    """Absolute URLs of the other comment pages of the same article (pagination)."""
    api_requests: tuple[str, ...] = ()
    """Absolute URLs whose responses carry comments (Disqus embed page, WordPress REST API);
    the spider fetches them and hands the bodies to :func:`crawler.platforms.parse_api`."""


@dataclass(frozen=True, slots=True)
class ApiPage:
    """Comments parsed from one API or embed response."""

    comments: tuple[ExtractedComment, ...] = ()
    next_urls: tuple[str, ...] = ()
    """Further API URLs of the same thread (the next cursor or page)."""
    page_url: str | None = None
    """The article the comments belong to, when the response names it."""


@dataclass(frozen=True, slots=True)
class FieldOverrides:
    """Site-configured selectors that replace a platform's defaults, field by field.

    Values are CSS selectors, or XPath when prefixed ``xpath:``. ``item`` selects comment
    elements on the page; the others are evaluated inside one item.
    """

    item: str | None = None
    author: str | None = None
    date: str | None = None
    body: str | None = None
    id: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    """Unrecognised keys, kept so a caller can report them."""

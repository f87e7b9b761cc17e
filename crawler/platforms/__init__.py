"""Comment platform extractors: page HTML (or an API response) in, typed comments out.

One module per platform; the registry below is a tuple, asked in order. With
``platform="auto"`` the first platform whose markers are on the page and that finds
comments (or API requests to make) wins; a page where none does falls back to the generic
extractor, and a page without a comment section yields zero comments (``platform="none"``
when nothing was recognised at all).

Usage::

    result = extract_page(response.text, response.url)
    for comment in result.comments: ...
    for url in result.comment_pages + result.api_requests: ...   # fetch, then
    api_page = parse_api(result.platform, body, url)              # for api_requests
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from crawler.platforms.base import Platform
from crawler.platforms.disqus import Disqus
from crawler.platforms.dom import Page, parse_page
from crawler.platforms.drupal import Drupal
from crawler.platforms.encoding import decode_html
from crawler.platforms.generic import Generic
from crawler.platforms.model import ApiPage, ExtractedComment, FieldOverrides, PageComments
from crawler.platforms.schema_org import SchemaOrg
from crawler.platforms.wordpress import WordPress
from crawler.platforms.wordpress_api import WordPressApi

__all__ = [
    "DEFAULT_PLATFORMS",
    "ApiPage",
    "ExtractedComment",
    "PageComments",
    "Platform",
    "UnknownPlatformError",
    "decode_html",
    "extract_page",
    "extract_parsed",
    "get_platform",
    "parse_api",
    "parse_page",
]

logger = logging.getLogger(__name__)

#: Auto-detection order: specific markup first, the generic fallback last.
DEFAULT_PLATFORMS: tuple[Platform, ...] = (
    WordPress(),
    Drupal(),
    SchemaOrg(),
    Disqus(),
    Generic(),
)
_EXPLICIT: tuple[Platform, ...] = (*DEFAULT_PLATFORMS, WordPressApi())
_OVERRIDE_KEYS = frozenset({"item", "author", "date", "body", "id"})


class UnknownPlatformError(ValueError):
    """A site config names a platform this package does not have."""


def get_platform(name: str) -> Platform:
    """Return the platform called ``name`` (or one of its aliases)."""
    wanted = name.strip().lower()
    for platform in _EXPLICIT:
        if wanted == platform.NAME or wanted in platform.ALIASES:
            return platform
    known = ", ".join(p.NAME for p in _EXPLICIT)
    raise UnknownPlatformError(f"unknown platform {name!r} (known: auto, {known})")


def _overrides(selectors: Mapping[str, str] | None) -> FieldOverrides | None:
    if not selectors:
        return None
    known = {k: v for k, v in selectors.items() if k in _OVERRIDE_KEYS and v}
    extra = {k: v for k, v in selectors.items() if k not in _OVERRIDE_KEYS}
    if extra:
        logger.warning("selector override keys ignored: %s", ", ".join(sorted(extra)))
    return FieldOverrides(**known, extra=extra)


def extract_page(html: str, url: str, *, platform: str = "auto",
                 selectors: Mapping[str, str] | None = None) -> PageComments:
    """Return the comments of one page.

    Args:
        html: the page as decoded text (see :func:`decode_html` for raw bytes).
        url: the page's URL; links and permalinks resolve against it.
        platform: ``auto`` or a platform name from the site config.
        selectors: site overrides (``item``, ``author``, ``date``, ``body``, ``id``): CSS,
            or XPath prefixed ``xpath:``.

    Returns:
        The comments found, the other comment pages and the API requests to make.

    Raises:
        UnknownPlatformError: ``platform`` names no known platform.
    """
    if not isinstance(html, str):
        raise TypeError(f"extract_page expects str, not {type(html).__name__}")
    return extract_parsed(parse_page(html, url), platform=platform, selectors=selectors)


def extract_parsed(page: Page, *, platform: str = "auto",
                   selectors: Mapping[str, str] | None = None) -> PageComments:
    """Return the comments of a page already parsed with :func:`parse_page`.

    The spider parses each page once and uses the same tree for its links; extraction
    never changes the tree (fields are read from copies).
    """
    overrides = _overrides(selectors)
    chosen = None if platform in ("auto", "", None) else get_platform(platform)
    if chosen is not None:
        return chosen.extract(page, overrides)
    return _auto(page, overrides)


def _auto(page: Page, overrides: FieldOverrides | None) -> PageComments:
    recognised: str | None = None
    for candidate in DEFAULT_PLATFORMS:
        if not candidate.detect(page):
            continue
        result = candidate.extract(page, overrides)
        if result.comments or result.api_requests or result.comment_pages:
            return result
        if recognised is None and candidate.NAME != Generic.NAME:
            recognised = candidate.NAME
    return PageComments(platform=recognised or "none")


def parse_api(platform: str, body: str, url: str, *, total_pages: int | None = None) -> ApiPage:
    """Parse a response to one of :attr:`PageComments.api_requests`.

    Args:
        platform: the ``platform`` of the :class:`PageComments` that asked for it.
        body: the response text (Disqus embed page or API JSON, WordPress REST JSON).
        url: the URL it came from.
        total_pages: WordPress's ``X-WP-TotalPages`` header, when known.

    Returns:
        The comments, further URLs of the same thread, and the article URL when known.
    """
    name = "wordpress-api" if platform in ("wordpress", "wp") else platform
    return get_platform(name).parse_api(body, url, total_pages=total_pages)

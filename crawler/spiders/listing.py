"""Read a WordPress site's comments from its REST listing instead of crawling its articles.

``/wp-json/wp/v2/comments?per_page=100`` lists the whole site's approved comments, newest
first, a hundred per request: a site with 3,000 articles costs a few dozen requests. A
re-crawl asks only for comments posted after the newest one stored (``after=``); a full
listing (the first crawl, or ``COMMENTWATCH_FULL_LISTING``, e.g. weekly) names every comment
the site still shows, so the rest can be marked removed. Asking past the last page answers
HTTP 400, the normal end. When the API is missing or refuses, the spider falls back to
crawling the articles.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import scrapy
from scrapy.http import Response

from crawler.items import CommentItem, SiteListingItem
from crawler.platforms import parse_api
from crawler.platforms.wordpress_api import comments_api_url

LISTING_PLATFORM = "wordpress-api"
#: Meta flag on a start request: crawl its HTML, do not try the listing again.
HTML_ONLY = "cw_html_only"


@dataclass(slots=True)
class _Listing:
    root: str
    full: bool
    fallback_url: str
    pages_read: int = 0
    complete: bool = True
    present: set[tuple[str, str]] = field(default_factory=set)


class WordPressListingMixin:
    """Listing mode of :class:`crawler.spiders.site.SiteSpider` (see the module docstring)."""

    def listing_request(self, root: str, fallback_url: str) -> scrapy.Request:
        """Return the first request of the site's comment listing under API ``root``."""
        state = getattr(self, "stored_state", None)
        newest = getattr(state, "newest_comment_at", None)
        full = bool(self.settings.getbool("COMMENTWATCH_FULL_LISTING")) or newest is None  # type: ignore[attr-defined]
        after = None if full else newest.strftime("%Y-%m-%dT%H:%M:%S")
        listing = _Listing(root=root, full=full, fallback_url=fallback_url)
        self.crawler.stats.set_value(  # type: ignore[attr-defined]
            "commentwatch/listing/mode", "full" if full else "incremental")
        return self._listing_page(comments_api_url(root, after=after), listing)

    def _listing_page(self, url: str, listing: _Listing) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_listing, errback=self.listing_failed,
                              meta={"listing": listing, "handle_httpstatus_list": [400]},
                              dont_filter=True)

    def parse_listing(self, response: Response) -> Iterator[Any]:
        """Read one page of the site-wide comment listing (a generator, see site.py)."""
        return self._parse_listing(response)

    def _parse_listing(self, response: Response) -> Iterator[Any]:
        listing: _Listing = response.meta["listing"]
        if response.status == 400:  # past the last page: the normal end
            yield from self._listing_done(listing) if listing.pages_read else self._fallback(listing)
            return
        total = response.headers.get(b"X-WP-TotalPages")
        text = response.text if hasattr(response, "text") else ""
        if listing.pages_read == 0 and not text.lstrip().startswith("["):
            yield from self._fallback(listing)  # not the JSON API (a login page, HTML...)
            return
        api = parse_api(LISTING_PLATFORM, text, response.url,
                        total_pages=int(total) if total and total.isdigit() else None)
        listing.pages_read += 1
        self.crawler.stats.inc_value("commentwatch/listing/pages")  # type: ignore[attr-defined]
        self.crawler.stats.inc_value("commentwatch/pages")  # type: ignore[attr-defined]
        yield from self._listing_items(api.comments, listing)
        if api.next_urls:
            yield self._listing_page(api.next_urls[0], listing)
        else:
            yield from self._listing_done(listing)

    def listing_failed(self, failure: Any) -> Iterator[Any]:
        listing: _Listing = failure.request.meta["listing"]
        if listing.pages_read == 0:
            yield from self._fallback(listing)
            return
        listing.complete = False  # comments read so far are kept; nothing is marked removed
        self.logger.warning("comment listing broke off at %s", failure.request.url)  # type: ignore[attr-defined]

    def _listing_items(self, comments: Any, listing: _Listing) -> Iterator[CommentItem]:
        from crawler.spiders.site import canonical_article_url

        config = self.config  # type: ignore[attr-defined]
        for comment in comments:
            if not comment.permalink or not comment.external_id:
                continue
            page_url = config.canonical(canonical_article_url(comment.permalink))
            listing.present.add((page_url, comment.external_id))
            yield CommentItem(
                site=config.name, page_url=page_url, external_id=comment.external_id,
                html=comment.html, platform=LISTING_PLATFORM, parent_id=comment.parent_id,
                author=comment.author, author_url=comment.author_url,
                posted_at=comment.posted_at, permalink=config.canonical(comment.permalink),
                region=config.region, site_domain=config.domain,
            )

    def _listing_done(self, listing: _Listing) -> Iterator[Any]:
        if listing.full and listing.complete:
            yield SiteListingItem(site=self.config.name, present=listing.present)  # type: ignore[attr-defined]

    def _fallback(self, listing: _Listing) -> Iterator[scrapy.Request]:
        self.crawler.stats.inc_value("commentwatch/listing/fallback")  # type: ignore[attr-defined]
        self.logger.info("no usable comment listing at %s; crawling articles", listing.root)  # type: ignore[attr-defined]
        yield scrapy.Request(listing.fallback_url, callback=self.parse, dont_filter=True,  # type: ignore[attr-defined]
                             meta={HTML_ONLY: True})

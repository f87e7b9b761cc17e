"""Conditional requests for article pages seen before (ETag / Last-Modified).

On a re-crawl, an article page the server reports as unchanged (304) costs one short
answer instead of a page download and a parse; the spider then tells the store that the
page's live comments are all still there.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: Request meta key the spider sets on article requests.
ARTICLE_META = "cw_article"


class ConditionalRequestMiddleware:
    """Add If-None-Match / If-Modified-Since to article requests with stored validators.

    The validators come from ``spider.stored_state`` (:mod:`crawler.state`). Settings:
    ``COMMENTWATCH_CONDITIONAL`` (default True) switches it off.
    """

    def __init__(self, crawler: Crawler | None = None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        from scrapy.exceptions import NotConfigured

        if not crawler.settings.getbool("COMMENTWATCH_CONDITIONAL", True):
            raise NotConfigured("COMMENTWATCH_CONDITIONAL is off")
        return cls(crawler)

    def process_request(self, request: Request, spider: Any = None) -> None:
        if not request.meta.get(ARTICLE_META):
            return
        spider = spider or (self.crawler.spider if self.crawler else None)
        state = getattr(spider, "stored_state", None)
        config = getattr(spider, "site_config", None)
        if state is None or config is None:
            return
        found = state.validators.get(config.canonical(request.url))
        if not found:
            return
        etag, last_modified = found
        if etag:
            request.headers.setdefault(b"If-None-Match", etag.encode("latin-1", "replace"))
        if last_modified:
            request.headers.setdefault(b"If-Modified-Since",
                                       last_modified.encode("latin-1", "replace"))
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value("commentwatch/conditional/asked")

"""Conditional requests for article pages seen before (ETag / Last-Modified).

On a re-crawl, an article page the server reports as unchanged (304) costs one short
answer instead of a page download and a parse; the spider then tells the store that the
page's live comments are all still there. Validators are read from the database when
the spider opens.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: Request meta key the spider sets on article requests.
ARTICLE_META = "cw_article"


class ConditionalRequestMiddleware:
    """Add If-None-Match / If-Modified-Since to article requests with stored validators.

    Settings: ``COMMENTWATCH_CONDITIONAL`` (default True) switches it off.
    """

    def __init__(self, db_url: str, crawler: Crawler | None = None) -> None:
        self.db_url = db_url
        self.crawler = crawler
        self.validators: dict[str, tuple[str | None, str | None]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        from scrapy.exceptions import NotConfigured

        from commentwatch.config import database_url

        if not crawler.settings.getbool("COMMENTWATCH_CONDITIONAL", True):
            raise NotConfigured("COMMENTWATCH_CONDITIONAL is off")
        middleware = cls(database_url(crawler.settings.get("COMMENTWATCH_DB") or None), crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware

    def spider_opened(self, spider: Spider) -> None:
        from pipeline.store.session import open_database
        from pipeline.store.writer import page_validators

        config = getattr(spider, "site_config", None)
        if config is None:
            return
        database = open_database(self.db_url)
        try:
            with database.sessions() as session:
                self.validators = page_validators(session, config.name)
        finally:
            database.close()
        logger.debug("%d pages can be asked conditionally", len(self.validators))

    def process_request(self, request: Request, spider: Any = None) -> None:
        if not request.meta.get(ARTICLE_META):
            return
        config = getattr(spider or (self.crawler.spider if self.crawler else None),
                         "site_config", None)
        key = config.canonical(request.url) if config is not None else request.url
        found = self.validators.get(key)
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

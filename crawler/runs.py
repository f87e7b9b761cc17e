"""Record a ``crawl_runs`` row for crawls started with ``scrapy crawl`` (Scrapyd, cron).

``commentwatch crawl`` records its own run around all its sites; a bare
``scrapy crawl site -a site=NAME`` has nobody doing that, and a crawl missing from
``crawl_runs`` would be invisible to the report's crawl-health section. This extension
opens the row when the spider opens and closes it with the spider's stats, also when the
spider fails. ``COMMENTWATCH_RECORD_RUN`` (default True) turns it off; the CLI does.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class CrawlRunRecorder:
    """Open a crawl_runs row on spider_opened, close it on spider_closed."""

    def __init__(self, db_url: str, crawler: Crawler) -> None:
        self.db_url = db_url
        self.crawler = crawler
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        from commentwatch.config import database_url

        if not crawler.settings.getbool("COMMENTWATCH_RECORD_RUN", True):
            # The caller (commentwatch crawl) records the run itself. No message: Scrapy
            # logs a NotConfigured with a message as a warning, and this is no problem.
            raise NotConfigured
        recorder = cls(database_url(crawler.settings.get("COMMENTWATCH_DB") or None), crawler)
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def spider_opened(self, spider: Any) -> None:
        from pipeline.store.runs import start_run
        from pipeline.store.session import open_database

        config = getattr(spider, "site_config", None)
        database = open_database(self.db_url)
        try:
            with database.sessions.begin() as session:
                self.run_id = start_run(session, kind="crawl",
                                        sites=config.name if config else spider.name)
        finally:
            database.close()

    def spider_closed(self, spider: Any, reason: str) -> None:
        from commentwatch.crawling import SiteResult
        from pipeline.store.runs import finish_run
        from pipeline.store.session import open_database

        if self.run_id is None or self.crawler.stats is None:
            return
        config = getattr(spider, "site_config", None)
        name = config.name if config else spider.name
        result = SiteResult.from_stats(name, self.crawler.stats.get_stats())
        status = "ok" if result.errors == 0 and reason == "finished" else "errors"
        counters = {attr: getattr(result, attr) for attr in (
            "pages", "requests", "comments_seen", "comments_new", "comments_updated",
            "comments_removed", "errors")}
        database = open_database(self.db_url)
        try:
            with database.sessions.begin() as session:
                finish_run(session, self.run_id, status=status, counters=counters,
                           stats={"sites": {name: {**counters, "finish_reason": reason}}})
        finally:
            database.close()

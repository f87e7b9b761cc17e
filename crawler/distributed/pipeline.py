"""The database pipeline of a worker: acknowledge requests once their items are committed.

Same analysis and writer as :class:`crawler.pipelines.DatabasePipeline`; in addition each
transaction is retried when PostgreSQL aborts it on a deadlock with another worker, a
partly filled batch is flushed every ``COMMENTWATCH_FLUSH_INTERVAL`` seconds (so requests
are not held in flight for long), and committed items release their request's hold.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from twisted.internet import task

from crawler.distributed.settings import DEFAULTS
from crawler.distributed.tracker import AckTracker
from crawler.items import CommentItem, SiteListingItem, ThreadItem
from crawler.pipelines import DatabasePipeline
from pipeline.store.records import SaveStats
from pipeline.store.retry import retry_transaction

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

__all__ = ["DistributedDatabasePipeline"]

logger = logging.getLogger(__name__)


class DistributedDatabasePipeline(DatabasePipeline):
    """:class:`DatabasePipeline` with retries, timed flushes and acknowledgements."""

    flush_interval: float = DEFAULTS["COMMENTWATCH_FLUSH_INTERVAL"]

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        pipeline = super().from_crawler(crawler)
        pipeline.flush_interval = crawler.settings.getfloat(
            "COMMENTWATCH_FLUSH_INTERVAL", DEFAULTS["COMMENTWATCH_FLUSH_INTERVAL"])
        return pipeline

    @property
    def tracker(self) -> AckTracker | None:
        spider = self.crawler.spider if self.crawler is not None else None
        return getattr(spider, "ack_tracker", None)

    def open_spider(self, spider: Any = None) -> None:
        super().open_spider(spider)
        self._timer = task.LoopingCall(self._timed_flush)
        self._timer.start(self.flush_interval, now=False)
        self._flushing: asyncio.Future[None] | None = None

    def process_item(self, item: Any, spider: Any = None) -> Any:
        result = super().process_item(item, spider)
        stored = CommentItem | ThreadItem | SiteListingItem  # acknowledged once committed
        if not isinstance(item, stored) and self.tracker is not None:
            self.tracker.items_done([item])
        return result

    async def close_spider(self, spider: Any = None) -> None:
        if self._timer.running:
            self._timer.stop()
        if self._flushing is not None:
            await self._flushing
        await super().close_spider(spider)

    def store_batch(self, batch: list[CommentItem | ThreadItem]) -> SaveStats:
        try:
            return retry_transaction(lambda: DatabasePipeline.store_batch(self, batch))
        finally:
            # Committed, or failed for good (logged, counted as an error): either way the
            # items will not be written by this worker, so their requests are done.
            if self.tracker is not None:
                self.tracker.items_done(batch)

    def _timed_flush(self) -> None:
        if not self._buffer or (self._flushing is not None and not self._flushing.done()):
            return
        self._flushing = asyncio.ensure_future(self._flush())
        self._flushing.add_done_callback(self._flush_done)

    def _flush_done(self, future: asyncio.Future[None]) -> None:
        if not future.cancelled() and future.exception() is not None:
            logger.error("timed flush failed", exc_info=future.exception())

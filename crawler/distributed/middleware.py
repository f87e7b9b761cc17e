"""Spider middleware that tells the ack tracker what each response produced.

It sits closest to the engine (order 1 in ``SPIDER_MIDDLEWARES``), so it sees exactly the
requests and items the engine will get, after depth and URL-length filters dropped theirs.
Errback output does not pass through spider middlewares; the distributed spider tracks
that itself (see :mod:`crawler.distributed.spider`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured

from crawler.distributed.queue import ACK_META
from crawler.distributed.tracker import AckTracker, track_one, track_output

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response

__all__ = ["AckSpiderMiddleware"]


class AckSpiderMiddleware:
    """Take a hold per child request and item; release the response's own hold at the end."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("COMMENTWATCH_DISTRIBUTED"):
            raise NotConfigured("COMMENTWATCH_DISTRIBUTED is off")
        return cls(crawler)

    def _context(self, response: Response) -> tuple[AckTracker | None, str | None, Any]:
        spider = self.crawler.spider
        tracker = getattr(spider, "ack_tracker", None)
        request = getattr(response, "request", None)
        entry = request.meta.get(ACK_META) if request is not None else None
        return tracker, entry, getattr(spider, "request_failed", None)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        tracker, entry, errback = self._context(response)
        yield from track_output(tracker, entry, result, errback)

    async def process_spider_output_async(self, response: Response,
                                          result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        tracker, entry, errback = self._context(response)
        try:
            async for obj in result:
                yield track_one(tracker, entry, obj, errback)
        finally:
            if tracker is not None and entry is not None:
                tracker.callback_done(entry)

    def process_spider_exception(self, response: Response, exception: Exception) -> None:
        tracker, entry, _ = self._context(response)
        if tracker is not None and entry is not None:
            tracker.callback_done(entry)

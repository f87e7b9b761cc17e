"""The site spider as a distributed worker: same parsing, requests come from Redis.

:class:`DistributedSiteSpider` changes nothing in how pages are read. It yields no start
requests of its own (``commentwatch crawl --distributed --seed`` queues the site's start
requests once for all workers), and it reports errback output and download failures to
the ack tracker, because errback output bypasses spider middlewares.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import scrapy

from crawler.distributed.queue import ACK_META
from crawler.distributed.tracker import AckTracker, track_output
from crawler.spiders.site import SiteSpider

__all__ = ["DistributedSiteSpider"]


class DistributedSiteSpider(SiteSpider):
    """Crawl one site together with other workers (see :mod:`crawler.distributed`)."""

    ack_tracker: AckTracker | None = None
    page_counter: Callable[[], int] | None = None
    """Counts a parsed page for all workers and returns the total (set by the scheduler)."""

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Yield nothing: start requests are queued once by ``--seed``."""
        return
        yield  # pragma: no cover - makes this an async generator

    async def seed_requests(self) -> list[scrapy.Request]:
        """Return the start requests of a local crawl of this site (for ``--seed``)."""
        requests = [request async for request in SiteSpider.start(self)]
        for request in requests:
            if request.errback is None:
                request.errback = self.request_failed
        return requests

    def parse(self, response: Any) -> Iterator[Any]:
        """Parse as :class:`SiteSpider` does, with ``max_pages`` counted over all workers."""
        if self.page_counter is not None:
            self.pages_seen = self.page_counter() - 1  # SiteSpider.parse adds this page
        return super().parse(response)

    def comment_page_failed(self, failure: Any) -> Iterator[Any]:
        return self._track_failure(failure, super().comment_page_failed(failure))

    def request_failed(self, failure: Any) -> Any:
        """Errback of every request: release its hold, then let Scrapy log the failure."""
        request = getattr(failure, "request", None)
        entry = request.meta.get(ACK_META) if request is not None else None
        if self.ack_tracker is not None and entry is not None:
            self.ack_tracker.callback_done(entry)
        return failure

    def _track_failure(self, failure: Any, output: Any) -> Iterator[Any]:
        request = getattr(failure, "request", None)
        entry = request.meta.get(ACK_META) if request is not None else None
        return track_output(self.ack_tracker, entry, output, self.request_failed)

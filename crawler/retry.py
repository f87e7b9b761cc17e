"""Retries that honour ``Retry-After`` on 429 and 503 answers.

Scrapy's RetryMiddleware retries at once; a server that says "come back in 30 s" should
be given those 30 s. The wait is capped (``COMMENTWATCH_RETRY_AFTER_MAX``, seconds): past
the cap the page is given up, and counted, rather than holding a crawl for hours.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.response import response_status_message

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

_HONOURED = frozenset({429, 503})


def retry_after_seconds(value: str | bytes | None, now: datetime | None = None) -> float | None:
    """Return the wait a ``Retry-After`` header asks for (delta-seconds or HTTP date)."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """RetryMiddleware that waits as long as a 429/503 answer asks, up to a cap."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.max_wait = settings.getfloat("COMMENTWATCH_RETRY_AFTER_MAX", 120.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        middleware = cls(crawler.settings)
        middleware.crawler = crawler
        return middleware

    async def process_response(self, request: Request, response: Response,  # type: ignore[override]
                               spider: Any = None) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        wait = None
        if response.status in _HONOURED:
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is not None and wait > self.max_wait:
            self._inc("commentwatch/retry_after/too_long")
            logger.warning("giving up %s: Retry-After %.0fs exceeds the cap", request.url, wait)
            return response
        if wait:
            self._inc("commentwatch/retry_after/waited")
            await asyncio.sleep(wait)
        reason = response_status_message(response.status)
        return self._retry(request, reason) or response

    def _inc(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)

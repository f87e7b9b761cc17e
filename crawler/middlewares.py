"""Downloader middleware that keeps the crawler off private networks.

A crawled page (or a redirect) could point the crawler at internal services; requests to
loopback, private, link-local and other non-public addresses are refused unless the site
entry allows them (the demo and the tests serve sites on 127.0.0.1).
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


@lru_cache(maxsize=4096)
def _host_is_private(host: str) -> bool:
    try:
        addresses = {ipaddress.ip_address(host.strip("[]"))}
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except OSError:
            return False  # unresolvable: the download fails on its own
        addresses = {ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos}
    return any(not address.is_global for address in addresses)


class PrivateAddressGuard:
    """Refuse requests to non-public addresses unless the spider allows them."""

    def __init__(self, crawler: Crawler | None = None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        spider = spider or (self.crawler.spider if self.crawler else None)
        if getattr(spider, "allow_private", False):
            return
        host = urlsplit(request.url).hostname or ""
        if host and _host_is_private(host):
            if self.crawler and self.crawler.stats:
                self.crawler.stats.inc_value("commentwatch/refused/private_address")
            logger.warning("refused request to a private address: %s", request.url)
            raise IgnoreRequest(f"private address refused: {host}")

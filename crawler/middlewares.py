"""Downloader middleware that keeps the crawler off private networks.

A crawled page (or a redirect) could point the crawler at internal services; requests to
private, link-local and other non-public addresses are refused, and loopback too unless the
site entry allows it (the demo and the tests serve sites on 127.0.0.1). Redirects pass
through here again, so a public page cannot redirect the crawler inside.
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
def host_addresses(host: str) -> frozenset[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Return the addresses ``host`` stands for (empty when it does not resolve)."""
    try:
        return frozenset({ipaddress.ip_address(host.strip("[]"))})
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except OSError:
        return frozenset()  # unresolvable: the download fails on its own
    return frozenset(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos)


def refused_address(host: str, *, allow_loopback: bool) -> str | None:
    """Return why ``host`` must not be fetched, or None when it is a public address.

    Loopback is allowed only for sites served on this machine (``allow_private``);
    private, link-local (cloud metadata at 169.254.169.254), multicast and reserved
    addresses never are.
    """
    for address in host_addresses(host):
        if address.is_loopback:
            if not allow_loopback:
                return "loopback"
        elif not address.is_global:
            return "private or reserved"
    return None


class PrivateAddressGuard:
    """Refuse requests to non-public addresses unless the spider allows them."""

    def __init__(self, crawler: Crawler | None = None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        spider = spider or (self.crawler.spider if self.crawler else None)
        host = urlsplit(request.url).hostname or ""
        why = refused_address(host, allow_loopback=bool(getattr(spider, "allow_private", False)))
        if host and why:
            if self.crawler and self.crawler.stats:
                self.crawler.stats.inc_value("commentwatch/refused/private_address")
            logger.warning("refused request to a %s address: %s", why, request.url)
            raise IgnoreRequest(f"{why} address refused: {host}")

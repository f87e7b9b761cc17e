"""One place that builds Redis clients, with scrapy-redis' connection defaults."""

from __future__ import annotations

from typing import Any

from scrapy_redis.connection import get_redis

__all__ = ["redis_client"]


def redis_client(url: str, **params: Any) -> Any:
    """Return a client for ``url`` (bytes in, bytes out, as scrapy-redis expects)."""
    options = {"socket_timeout": 30, "socket_connect_timeout": 10, "retry_on_timeout": True}
    options.update(params)
    return get_redis(url=url, **options)

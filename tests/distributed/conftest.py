"""Fixtures for distributed crawling: a Redis key prefix per test, a generated site."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.sitegen import GeneratedSite, generate_site
from commentwatch.siteserver import StaticSiteServer


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[object]:
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisConnectionError

    from tests.conftest import missing_service

    client = Redis.from_url(redis_url)
    try:
        client.ping()
    except RedisConnectionError as exc:
        missing_service(f"Redis at {redis_url} does not answer: {exc}")
    yield client
    client.close()


@pytest.fixture
def redis_prefix(redis_client: object) -> Iterator[str]:
    """A key prefix of its own for one test; its keys are deleted afterwards."""
    prefix = f"cwtest-{uuid.uuid4().hex[:10]}"
    yield prefix
    keys = list(redis_client.scan_iter(match=f"{prefix}:*"))  # type: ignore[attr-defined]
    if keys:
        redis_client.delete(*keys)  # type: ignore[attr-defined]


@pytest.fixture
def generated_site(tmp_path: Path) -> GeneratedSite:
    """About three hundred pages: 200 articles, every fourth with three comment pages."""
    return generate_site(tmp_path / "site", articles=200)


@pytest.fixture
def site_server(generated_site: GeneratedSite) -> Iterator[StaticSiteServer]:
    with StaticSiteServer(generated_site.root) as server:
        yield server

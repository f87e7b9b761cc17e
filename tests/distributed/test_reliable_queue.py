"""The reliable queue on the real Redis: pops are recorded until acknowledged or recovered."""

from __future__ import annotations

import pytest
import scrapy

from crawler.distributed.keys import CrawlKeys
from crawler.distributed.queue import ACK_META, PARENT_META, ReliableQueue

pytestmark = pytest.mark.redis


class _Spider(scrapy.Spider):
    name = "queue-test"

    def parse(self, response: object) -> None:  # pragma: no cover - never called
        return None


def _queue(client: object, keys: CrawlKeys, worker: str) -> ReliableQueue:
    return ReliableQueue(client, _Spider(), keys.queue("s"), keys.processing("s", worker),
                         keys.ack_sequence)


def test_pop_keeps_request_until_acknowledged(redis_client: object, redis_prefix: str) -> None:
    keys = CrawlKeys(redis_prefix)
    queue = _queue(redis_client, keys, "a")
    spider = queue.spider
    queue.push(scrapy.Request("http://127.0.0.1/1", callback=spider.parse,
                              meta={"depth": 2, ACK_META: "stale", PARENT_META: "9"}))
    assert len(queue) == 1
    request = queue.pop()
    assert request is not None
    assert request.url == "http://127.0.0.1/1"
    assert request.callback == spider.parse
    assert request.meta["depth"] == 2
    assert PARENT_META not in request.meta
    entry = request.meta[ACK_META]
    assert entry != "stale"
    assert len(queue) == 0
    assert queue.in_flight() == 1
    assert queue.pop() is None
    queue.ack([entry])
    assert queue.in_flight() == 1  # buffered until flushed
    assert queue.flush_acks() == 1
    assert queue.in_flight() == 0


def test_recover_requeues_a_dead_workers_requests_first(redis_client: object,
                                                         redis_prefix: str) -> None:
    keys = CrawlKeys(redis_prefix)
    dead, alive = _queue(redis_client, keys, "dead"), _queue(redis_client, keys, "alive")
    for n in range(3):
        dead.push(scrapy.Request(f"http://127.0.0.1/{n}"))
    taken = [dead.pop(), dead.pop()]
    assert all(taken)
    assert alive.recover(keys.processing("s", "dead")) == 2
    assert dead.in_flight() == 0
    order = [alive.pop() for _ in range(3)]
    assert [r.url for r in order if r] == ["http://127.0.0.1/0", "http://127.0.0.1/1",
                                           "http://127.0.0.1/2"]
    assert alive.in_flight() == 3
    assert alive.recover(keys.processing("s", "dead")) == 0


def test_push_new_is_the_shared_duplicate_filter(redis_client: object, redis_prefix: str) -> None:
    keys = CrawlKeys(redis_prefix)
    first, second = _queue(redis_client, keys, "a"), _queue(redis_client, keys, "b")
    request = scrapy.Request("http://127.0.0.1/page")
    assert first.push_new(request, "fp-1", keys.dupefilter("s"))
    assert not second.push_new(request.copy(), "fp-1", keys.dupefilter("s"))
    assert len(first) == 1
    assert redis_client.sismember(keys.dupefilter("s"), "fp-1")  # type: ignore[attr-defined]

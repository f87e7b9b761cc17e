"""Scheduler of a distributed worker: the site's request queue and seen-set live in Redis.

Built on scrapy-redis: its duplicate filter (a Redis set of request fingerprints) and its
request serialisation, with our :class:`~crawler.distributed.queue.ReliableQueue` instead
of its forgetful queues. Besides scheduling, the scheduler keeps the worker's membership:

* a heartbeat key with a TTL, refreshed every few seconds; a worker whose key expired is
  dead, and any live worker re-queues the requests it had in flight;
* the end of the crawl: the queue is empty, ``--seed`` has finished, and no worker has a
  request in flight (a request is in flight until what it produced is safe, see
  :mod:`crawler.distributed.tracker`). Then the spider closes with reason ``finished``;
* an idle poll: Scrapy's engine only looks at an empty scheduler every five seconds, so
  every ``COMMENTWATCH_POLL_INTERVAL`` an idle worker pops a request itself and hands it to
  its engine (``engine.crawl``), which wakes it up.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from redis.exceptions import RedisError
from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider
from scrapy.utils.defer import deferred_from_coro
from scrapy_redis.dupefilter import RFPDupeFilter
from twisted.internet import task

from crawler.distributed.connection import redis_client
from crawler.distributed.keys import CrawlKeys
from crawler.distributed.queue import ACK_META, LOCAL_META, PARENT_META, ReliableQueue
from crawler.distributed.settings import DEFAULTS
from crawler.distributed.tracker import AckTracker

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

__all__ = ["DistributedScheduler"]

logger = logging.getLogger(__name__)


def _setting(crawler: Crawler, name: str) -> Any:
    value = crawler.settings.get(name)
    return DEFAULTS[name] if value in (None, "") else value


class DistributedScheduler:
    """Scrapy scheduler backed by Redis, shared by every worker crawling the site."""

    def __init__(self, crawler: Crawler, server: Any, keys: CrawlKeys, worker: str, *,
                 poll_interval: float = 0.5, heartbeat_ttl: int = 10,
                 wait_for_seed: float = 0.0) -> None:
        self.crawler = crawler
        self.server = server
        self.keys = keys
        self.worker = worker
        self.poll_interval = poll_interval
        self.heartbeat_ttl = max(2, int(heartbeat_ttl))
        self.wait_for_seed = wait_for_seed
        self.queue: ReliableQueue | None = None
        self.df: RFPDupeFilter | None = None
        self.tracker: AckTracker | None = None
        self.site = ""
        self.run_id: str | None = None
        self._local: deque[Request] = deque()
        self._seen: set[str] = set()
        """Fingerprints this worker knows are in the shared seen-set (saves round trips)."""
        self._maybe_pending = True
        self._opened_at = time.monotonic()
        self._loops: list[task.LoopingCall] = []
        self._closing = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        server = redis_client(str(_setting(crawler, "COMMENTWATCH_REDIS_URL")))
        server.ping()
        return cls(
            crawler, server, CrawlKeys(str(_setting(crawler, "COMMENTWATCH_REDIS_PREFIX"))),
            str(_setting(crawler, "COMMENTWATCH_WORKER_ID")) or "worker",
            poll_interval=float(_setting(crawler, "COMMENTWATCH_POLL_INTERVAL")),
            heartbeat_ttl=int(_setting(crawler, "COMMENTWATCH_HEARTBEAT_TTL")),
            wait_for_seed=float(_setting(crawler, "COMMENTWATCH_WAIT_FOR_SEED")),
        )

    # -- Scrapy scheduler interface ---------------------------------------------------

    def open(self, spider: Any) -> None:
        self.site = spider.config.name
        self.queue = ReliableQueue(
            self.server, spider, self.keys.queue(self.site),
            self.keys.processing(self.site, self.worker), self.keys.ack_sequence)
        self.df = RFPDupeFilter(self.server, self.keys.dupefilter(self.site),
                                debug=self.crawler.settings.getbool("DUPEFILTER_DEBUG"))
        self.tracker = AckTracker(self.queue.ack)
        spider.ack_tracker = self.tracker
        pages_key = self.keys.pages(self.site)
        spider.page_counter = lambda: int(self.server.incr(pages_key))
        self._beat()
        self.server.sadd(self.keys.workers, self.worker)
        self.server.sadd(self.keys.active, self.worker)
        self.recover_dead()
        self.crawler.signals.connect(self._on_idle, signal=signals.spider_idle)
        for interval, func in ((self.heartbeat_ttl / 3, self._beat),
                               (self.poll_interval, self._poll)):
            loop = task.LoopingCall(func)
            loop.start(interval, now=False).addErrback(self._loop_failed)
            self._loops.append(loop)
        logger.info("worker %s joined the distributed crawl of %s (%d requests queued)",
                    self.worker, self.site, len(self.queue))

    def close(self, reason: str) -> None:
        self._closing = True
        for loop in self._loops:
            if loop.running:
                loop.stop()
        if self.queue is None:
            return
        self.queue.flush_acks()
        # Whatever is still ours was not finished here: give it back to the other workers.
        returned = self.queue.recover()
        if returned:
            logger.warning("worker %s returned %d unfinished requests of %s to the queue",
                           self.worker, returned, self.site)
            self.crawler.stats.inc_value("distributed/returned", returned)

    def has_pending_requests(self) -> bool:
        # Not asked of Redis: the engine calls this after every response. An empty pop
        # clears the flag; a push or the idle poll sets it again.
        return bool(self._local) or self._maybe_pending

    def __len__(self) -> int:
        return len(self._local) + (len(self.queue) if self.queue is not None else 0)

    def enqueue_request(self, request: Request) -> bool:
        assert self.queue is not None
        assert self.df is not None
        assert self.tracker is not None
        meta = request.meta
        if meta.pop(LOCAL_META, False):
            self._local.append(request)
            return True
        parent = meta.pop(PARENT_META, None)
        replaced = meta.pop(ACK_META, None)
        try:
            if request.dont_filter:
                self.queue.push(request)
            else:
                fingerprint = self.df.request_fingerprint(request)
                if fingerprint in self._seen or not self.queue.push_new(
                        request, fingerprint, self.df.key):
                    self._seen.add(fingerprint)
                    self.df.log(request, self.crawler.spider)
                    return False
                self._seen.add(fingerprint)
            self.crawler.stats.inc_value("scheduler/enqueued/redis")
            self._maybe_pending = True
            return True
        finally:
            if parent is not None:
                self.tracker.child_done(parent)
            if replaced is not None:
                self.tracker.replaced(replaced)

    def next_request(self) -> Request | None:
        if self._local:
            return self._local.popleft()
        if self.queue is None or self._closing:
            return None
        request = self.queue.pop()
        if request is not None:
            self._popped(request)
        self._maybe_pending = request is not None
        return request

    # -- membership, recovery, end of crawl -------------------------------------------

    def _popped(self, request: Request) -> None:
        assert self.tracker is not None
        self.tracker.popped(request.meta[ACK_META])
        self.crawler.stats.inc_value("scheduler/dequeued/redis")

    def _beat(self) -> None:
        try:
            self.server.set(self.keys.heartbeat(self.worker), str(time.time()),
                            ex=self.heartbeat_ttl)
        except RedisError as exc:  # keep beating: Redis may come back within the TTL
            logger.warning("heartbeat of worker %s failed: %s", self.worker, exc)

    def recover_dead(self) -> int:
        """Re-queue the in-flight requests of workers whose heartbeat expired."""
        assert self.queue is not None
        total = 0
        for raw in self.server.smembers(self.keys.workers):
            worker = raw.decode() if isinstance(raw, bytes) else str(raw)
            if worker == self.worker or self.server.exists(self.keys.heartbeat(worker)):
                continue
            moved = self.queue.recover(self.keys.processing(self.site, worker))
            if moved:
                logger.warning("worker %s is gone: %d of its %s requests queued again",
                               worker, moved, self.site)
                self.server.incrby(self.keys.recovered, moved)
                self.crawler.stats.inc_value("distributed/recovered", moved)
                total += moved
        return total

    def _in_flight_anywhere(self) -> bool:
        assert self.queue is not None
        for raw in self.server.smembers(self.keys.workers):
            worker = raw.decode() if isinstance(raw, bytes) else str(raw)
            if self.queue.in_flight(self.keys.processing(self.site, worker)):
                return True
        return False

    def _seeded(self) -> bool:
        value = self.server.get(self.keys.seeded)
        if value is None:
            # Seed not finished, or the crawl we joined was closed by the last worker.
            return self.run_id is not None
        value = value.decode() if isinstance(value, bytes) else str(value)
        if self.run_id is None:
            self.run_id = value
            self.crawler.stats.set_value("distributed/run_id", int(value))
        return True

    def crawl_done(self) -> bool:
        """Return True when the shared crawl of this site has nothing left to do."""
        if self._local or self.queue is None:
            return False
        if not self._seeded():
            return False
        self.recover_dead()
        return len(self.queue) == 0 and not self._in_flight_anywhere()

    def _engine_idle(self) -> bool:
        engine = self.crawler.engine
        if engine is None or self._local:
            return False
        slot = getattr(engine.scraper, "slot", None)
        return not engine.downloader.active and (slot is None or slot.is_idle())

    def _poll(self) -> None:
        try:
            self._poll_once()
        except RedisError as exc:  # keep polling: the next round may reach Redis again
            logger.warning("worker %s cannot reach Redis: %s", self.worker, exc)
            self.crawler.stats.inc_value("distributed/redis_errors")

    def _poll_once(self) -> None:
        if self._closing or self.queue is None or self.tracker is None:
            return
        self.queue.flush_acks()
        if not self._engine_idle():
            return
        if self.tracker.pending and not self.tracker.items_pending:
            # Nothing of ours is downloading, in a callback or in the pipeline's buffer:
            # any entry still held was finished on a path the tracker did not see.
            released = self.tracker.release_all()
            self.queue.flush_acks()
            self.crawler.stats.inc_value("distributed/released_on_idle", released)
        request = self.queue.pop()
        if request is not None:
            self._popped(request)
            request.meta[LOCAL_META] = True
            self.crawler.engine.crawl(request)
            return
        if self.crawl_done():
            self._close("finished")
        elif not self._seeded() and self.wait_for_seed and \
                time.monotonic() - self._opened_at > self.wait_for_seed:
            logger.warning("no crawl was seeded within %.0fs; worker %s stops",
                           self.wait_for_seed, self.worker)
            self._close("no_seed")

    def _close(self, reason: str) -> None:
        self._closing = True
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=reason))

    def _on_idle(self) -> None:
        if self._closing:
            return
        raise DontCloseSpider

    def _loop_failed(self, failure: Any) -> None:
        logger.error("distributed worker loop failed: %s", failure.getErrorMessage(),
                     exc_info=(failure.type, failure.value, failure.getTracebackObject()))

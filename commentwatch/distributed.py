"""Seed a distributed crawl and run workers that share it through Redis.

``commentwatch crawl --distributed --seed`` calls :func:`seed_crawl`: it opens one
``crawl_runs`` row, stores its id in Redis and queues every configured site's start
requests. ``commentwatch crawl --distributed`` calls :func:`run_worker` on each machine:
one Scrapy crawler per site, all on the shared queues, until the crawl is done. Each worker
then adds its counters to the run row and files its own stats under
``crawl_runs.stats["workers"][<worker id>]``; the last worker to finish closes the row.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update

from commentwatch.crawling import SiteResult, crawl_settings, site_spider_class
from crawler.distributed.connection import redis_client
from crawler.distributed.keys import CrawlKeys
from crawler.distributed.settings import DEFAULTS, worker_settings
from crawler.sites import SiteConfig
from pipeline.errors import LockHeldError
from pipeline.store import models as m
from pipeline.store.retry import run_in_transaction
from pipeline.store.runs import start_run
from pipeline.store.session import open_database

__all__ = ["COUNTERS", "SeedResult", "WorkerSummary", "default_worker_id", "run_worker",
           "seed_crawl"]

logger = logging.getLogger(__name__)

#: crawl_runs columns that add up over workers.
COUNTERS = ("pages", "requests", "comments_seen", "comments_new", "comments_updated",
            "comments_removed", "errors")


@dataclass(frozen=True, slots=True)
class SeedResult:
    """What ``--seed`` queued."""

    run_id: int
    requests: dict[str, int]
    """Site name -> start requests queued."""


@dataclass(slots=True)
class WorkerSummary:
    """What one worker did, and the state of the shared run when it left."""

    worker: str
    run_id: int | None
    sites: list[SiteResult] = field(default_factory=list)
    run_closed: bool = False
    """This worker was the last one and closed the run row."""
    run_status: str | None = None

    @property
    def status(self) -> str:
        if self.run_id is None:
            return "no_seed"
        return "errors" if any(site.errors for site in self.sites) else "ok"


def default_worker_id() -> str:
    """Return a worker id unique across machines and restarts: host, pid, random."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


def _decode(value: Any) -> str | None:
    if value is None:
        return None
    return value.decode() if isinstance(value, bytes) else str(value)


def _live_workers(server: Any, keys: CrawlKeys) -> list[str]:
    members = [_decode(raw) or "" for raw in server.smembers(keys.active)]
    return [w for w in members if server.exists(keys.heartbeat(w))]


def _others_alive(server: Any, keys: CrawlKeys, me: str, ttl: float) -> bool:
    """Return True if another joined worker is alive.

    A killed worker's heartbeat lingers until its TTL: wait (at most the TTL) until every
    other member has either refreshed its heartbeat since we looked (alive) or lost it.
    """
    start = time.time()
    while True:
        undecided = False
        for raw in server.smembers(keys.active):
            other = _decode(raw) or ""
            if other == me:
                continue
            beat = _decode(server.get(keys.heartbeat(other)))
            if beat is None:
                continue
            try:
                if float(beat) > start:
                    return True
            except ValueError:
                return True
            undecided = True
        if not undecided or time.time() - start > ttl + 1:
            return False
        time.sleep(0.25)


def _crawl_running(server: Any, keys: CrawlKeys, sites: Sequence[SiteConfig]) -> bool:
    if server.get(keys.run) is None:
        return False
    queued = any(server.llen(keys.queue(site.name)) for site in sites)
    return queued or bool(_live_workers(server, keys))


def seed_crawl(sites: Sequence[SiteConfig], db_url: str, redis_url: str, *,
               prefix: str = "commentwatch") -> SeedResult:
    """Open a run and queue the start requests of ``sites`` for the workers.

    Raises:
        LockHeldError: a crawl under ``prefix`` is still running (queued work or live
            workers); seeding again would mix two runs.
    """
    from scrapy_redis.dupefilter import RFPDupeFilter

    from crawler.distributed.queue import ReliableQueue
    from crawler.distributed.spider import DistributedSiteSpider

    keys = CrawlKeys(prefix)
    server = redis_client(redis_url)
    if _crawl_running(server, keys, sites):
        raise LockHeldError(f"a distributed crawl is still running under {prefix!r} "
                            f"(run {_decode(server.get(keys.run))})")
    stale = [key for pattern in (f"{prefix}:*:processing:*",)
             for key in server.scan_iter(match=pattern)]
    for site in sites:
        stale.extend(keys.site_keys(site.name))
    server.delete(keys.seeded, keys.run, keys.workers, keys.active, keys.recovered, *stale)

    database = open_database(db_url)
    try:
        with database.sessions.begin() as session:
            run_id = start_run(session, kind="crawl", sites=",".join(s.name for s in sites))
            session.execute(update(m.CrawlRun).where(m.CrawlRun.id == run_id)
                            .values(workers=0, stats={"distributed": True, "workers": {}}))
    finally:
        database.close()
    server.set(keys.run, str(run_id))

    queued: dict[str, int] = {}
    for site in sites:
        spider = DistributedSiteSpider(site_config=site)
        queue = ReliableQueue(server, spider, keys.queue(site.name), "", keys.ack_sequence)
        dupefilter = RFPDupeFilter(server, keys.dupefilter(site.name))
        queued[site.name] = 0
        for request in asyncio.run(spider.seed_requests()):
            if not request.dont_filter and dupefilter.request_seen(request):
                continue
            queue.push(request)
            queued[site.name] += 1
    server.set(keys.seeded, str(run_id))
    logger.info("seeded run %d: %s", run_id, queued)
    return SeedResult(run_id=run_id, requests=queued)


def run_worker(sites: Sequence[SiteConfig], db_url: str, redis_url: str, *,
               prefix: str = "commentwatch", worker_id: str | None = None,
               wait_for_seed: float = 0.0, heartbeat_ttl: int = 10,
               settings: Mapping[str, Any] | None = None) -> WorkerSummary:
    """Crawl ``sites`` from the shared queues until the seeded crawl is done.

    Call once per process (Twisted's reactor starts once).
    """
    from scrapy.crawler import CrawlerProcess

    from crawler.distributed.spider import DistributedSiteSpider

    worker = worker_id or default_worker_id()
    keys = CrawlKeys(prefix)
    overrides = dict(settings or {})
    overrides.setdefault("LOG_INSTALL_ROOT_HANDLER", False)
    overrides.setdefault("COMMENTWATCH_RECORD_RUN", False)  # the shared run is recorded here
    tuned = {k: v for k, v in overrides.items() if k in DEFAULTS}  # -s wins over defaults
    tuned.update(COMMENTWATCH_WAIT_FOR_SEED=wait_for_seed,
                 COMMENTWATCH_HEARTBEAT_TTL=heartbeat_ttl)
    overrides.update(worker_settings(redis_url, prefix, worker, **tuned))
    process = CrawlerProcess(crawl_settings(db_url, overrides))
    crawlers = []
    for site in sites:
        custom = dict(getattr(site_spider_class(site), "custom_settings", None) or {})
        spider_class = type("DistributedSiteSpider", (DistributedSiteSpider,),
                            {"custom_settings": custom})
        crawler = process.create_crawler(spider_class)
        process.crawl(crawler, site_config=site)
        crawlers.append((site.name, crawler))
    logger.info("worker %s starts on %d sites", worker, len(sites))
    process.start()

    results = [SiteResult.from_stats(name, c.stats.get_stats()) for name, c in crawlers]
    server = redis_client(redis_url)
    # Still alive while we file our stats: a worker finishing now must not close the run.
    server.set(keys.heartbeat(worker), str(time.time()), ex=heartbeat_ttl)
    joined = {c.stats.get_value("distributed/run_id") for _, c in crawlers} - {None}
    run_value = _decode(server.get(keys.run)) or (str(joined.pop()) if joined else None)
    summary = WorkerSummary(worker=worker, run_id=None, sites=results)
    if run_value is None or {r.finish_reason for r in results} == {"no_seed"}:
        server.srem(keys.active, worker)
        server.delete(keys.heartbeat(worker))
        return summary
    summary.run_id = int(run_value)
    finished = all(r.finish_reason == "finished" for r in results)
    database = open_database(db_url)
    try:
        run_in_transaction(database.sessions,
                           lambda s: merge_worker_stats(s, summary.run_id, worker, results))
        server.srem(keys.active, worker)
        server.delete(keys.heartbeat(worker))
        # A worker stopped early (SIGTERM) leaves the run open for the others.
        if finished and _drained(server, keys, sites) and \
                not _others_alive(server, keys, worker, heartbeat_ttl):
            summary.run_status = run_in_transaction(
                database.sessions, lambda s: close_run(s, summary.run_id))
            summary.run_closed = True
            _forget_crawl(server, keys, sites, run_value)
    finally:
        database.close()
    return summary


def _drained(server: Any, keys: CrawlKeys, sites: Sequence[SiteConfig]) -> bool:
    """Return True when no site has a queued or in-flight request left."""
    workers = [_decode(raw) or "" for raw in server.smembers(keys.workers)]
    for site in sites:
        if server.llen(keys.queue(site.name)):
            return False
        if any(server.hlen(keys.processing(site.name, w)) for w in workers):
            return False
    return True


def merge_worker_stats(session: Any, run_id: int, worker: str,
                       results: Sequence[SiteResult]) -> None:
    """Add one worker's counters to the run row and file its per-site stats."""
    run = session.execute(
        select(m.CrawlRun).where(m.CrawlRun.id == run_id).with_for_update()
    ).scalar_one_or_none()
    if run is None:
        # Redis names a run this database does not have: seeded with another --db.
        logger.error("crawl run %d is not in this database; worker %s stats not filed",
                     run_id, worker)
        return
    for name in COUNTERS:
        setattr(run, name, int(getattr(run, name) or 0) + sum(getattr(r, name) for r in results))
    run.workers = int(run.workers or 0) + 1
    stats: dict[str, Any] = dict(run.stats or {})
    per_worker = dict(stats.get("workers") or {})
    per_worker[worker] = {
        r.name: {"pages": r.pages, "requests": r.requests, "comments": r.comments_seen,
                 "new": r.comments_new, "errors": r.errors, "finish_reason": r.finish_reason}
        for r in results
    }
    stats["workers"] = per_worker
    sites: dict[str, dict[str, int]] = {}
    for entry in per_worker.values():
        for site, values in entry.items():
            total = sites.setdefault(site, {"pages": 0, "comments": 0, "new": 0, "errors": 0})
            for key in total:
                total[key] += int(values.get(key) or 0)
    stats["sites"] = sites
    run.stats = stats


def close_run(session: Any, run_id: int) -> str:
    """Close the run row once no worker is left; return its status."""
    run = session.execute(
        select(m.CrawlRun).where(m.CrawlRun.id == run_id).with_for_update()
    ).scalar_one_or_none()
    if run is None:
        return "missing"
    run.status = "errors" if run.errors else "ok"
    run.finished_at = datetime.now(UTC)
    return str(run.status)


def _forget_crawl(server: Any, keys: CrawlKeys, sites: Sequence[SiteConfig],
                  run_value: str) -> None:
    """Delete the finished crawl's keys, unless a new seed has replaced it meanwhile."""
    if _decode(server.get(keys.run)) != run_value:
        return
    names = [keys.seeded, keys.run, keys.workers, keys.active]
    for site in sites:
        names.extend(keys.site_keys(site.name))
    server.delete(*names)

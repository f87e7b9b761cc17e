"""Settings of a distributed worker: every default in one module (as scrapy-redis does).

:func:`worker_settings` returns the overrides that turn a ``crawler.settings`` crawl into a
worker: our scheduler on Redis, scrapy-redis' duplicate filter, the ack middleware and the
pipeline that acknowledges after commit.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DEFAULTS", "worker_settings"]

DEFAULTS: dict[str, Any] = {
    "COMMENTWATCH_DISTRIBUTED": False,
    "COMMENTWATCH_REDIS_URL": "redis://127.0.0.1:6379/0",
    "COMMENTWATCH_REDIS_PREFIX": "commentwatch",
    "COMMENTWATCH_WORKER_ID": "",
    # How often an idle worker looks at the queue and at the crawl's end condition.
    "COMMENTWATCH_POLL_INTERVAL": 0.5,
    # A worker whose heartbeat key is older than this is dead: its requests are re-queued.
    "COMMENTWATCH_HEARTBEAT_TTL": 10,
    # Seconds to wait for ``--seed`` before giving up (0: wait for ever, for systemd units).
    "COMMENTWATCH_WAIT_FOR_SEED": 0,
    # Seconds between flushes of a partly filled batch, so acknowledgements keep flowing.
    "COMMENTWATCH_FLUSH_INTERVAL": 1.0,
}


def worker_settings(redis_url: str, prefix: str, worker_id: str,
                    **extra: Any) -> dict[str, Any]:
    """Return the Scrapy setting overrides of one worker."""
    settings = dict(DEFAULTS)
    settings.update(
        COMMENTWATCH_DISTRIBUTED=True,
        COMMENTWATCH_REDIS_URL=redis_url,
        COMMENTWATCH_REDIS_PREFIX=prefix,
        COMMENTWATCH_WORKER_ID=worker_id,
        SCHEDULER="crawler.distributed.scheduler.DistributedScheduler",
        DUPEFILTER_CLASS="scrapy_redis.dupefilter.RFPDupeFilter",
        SPIDER_MIDDLEWARES={"crawler.distributed.middleware.AckSpiderMiddleware": 1},
        ITEM_PIPELINES={
            "crawler.pipelines.DatabasePipeline": None,
            "crawler.distributed.pipeline.DistributedDatabasePipeline": 300,
        },
    )
    settings.update(extra)
    return settings

"""Distributed crawling on scrapy-redis: many workers, one queue, one database.

How it fits together (details in each module and in ``docs/deploy.md``):

* :mod:`.keys` — every Redis key of a crawl under one prefix;
* :mod:`.queue` — a reliable FIFO per site: a pop moves the request into the worker's
  processing hash until it is acknowledged; a dead worker's hash is queued again;
* :mod:`.tracker` — when a request is done (children queued, items committed);
* :mod:`.scheduler` — the Scrapy scheduler on Redis: scrapy-redis' duplicate filter,
  heartbeat, recovery of dead workers, end-of-crawl detection;
* :mod:`.spider`, :mod:`.middleware`, :mod:`.pipeline` — the site spider, a spider
  middleware and the database pipeline, each reporting to the tracker;
* :mod:`.settings` — the defaults and the overrides that make a crawl a worker.
"""

from __future__ import annotations

from crawler.distributed.keys import CrawlKeys
from crawler.distributed.settings import worker_settings

__all__ = ["CrawlKeys", "worker_settings"]

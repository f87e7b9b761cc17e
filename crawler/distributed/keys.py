"""Names of every Redis key one distributed crawl uses, in one place.

All keys start with a prefix (``--redis-prefix``, default ``commentwatch``) so several
deployments, or tests, can share one Redis server. Per-site keys carry the site name
because each site is its own Scrapy crawler with its own queue, as in a local crawl.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CrawlKeys"]


@dataclass(frozen=True, slots=True)
class CrawlKeys:
    """Key names under one prefix."""

    prefix: str = "commentwatch"

    @property
    def run(self) -> str:
        """String: id of the ``crawl_runs`` row every worker reports into."""
        return f"{self.prefix}:run"

    @property
    def seeded(self) -> str:
        """String: the run id, set once ``--seed`` has queued every start request."""
        return f"{self.prefix}:seeded"

    @property
    def workers(self) -> str:
        """Set: ids of the workers that joined the current crawl (dead ones included)."""
        return f"{self.prefix}:workers"

    @property
    def active(self) -> str:
        """Set: ids of the workers that joined and have not finished yet."""
        return f"{self.prefix}:active"

    @property
    def ack_sequence(self) -> str:
        """Counter: ids for in-flight entries."""
        return f"{self.prefix}:ackseq"

    @property
    def recovered(self) -> str:
        """Counter: requests taken back from dead workers and queued again."""
        return f"{self.prefix}:recovered"

    def heartbeat(self, worker: str) -> str:
        """String with a TTL: present while ``worker`` is alive."""
        return f"{self.prefix}:worker:{worker}"

    def queue(self, site: str) -> str:
        """List: serialised requests waiting for any worker (LPUSH in, RPOP out)."""
        return f"{self.prefix}:{site}:requests"

    def dupefilter(self, site: str) -> str:
        """Set: fingerprints of every request ever queued in this crawl (scrapy-redis)."""
        return f"{self.prefix}:{site}:dupefilter"

    def pages(self, site: str) -> str:
        """Counter: article pages parsed by all workers (the site's ``max_pages`` budget)."""
        return f"{self.prefix}:{site}:pages"

    def processing(self, site: str, worker: str) -> str:
        """Hash: entry id -> serialised request, popped by ``worker`` and not yet done."""
        return f"{self.prefix}:{site}:processing:{worker}"

    def site_keys(self, site: str) -> tuple[str, str, str]:
        """The per-site keys a new crawl starts without (queue, seen-set, page count)."""
        return self.queue(site), self.dupefilter(site), self.pages(site)

"""Run crawls in this process and record them in ``crawl_runs``.

One Scrapy crawler per site, all in one reactor, so one slow site does not hold up the
others. The run row is opened before the first request and closed afterwards with the
summed stats, also when the crawl fails. Twisted's reactor starts once per process: call
:func:`run_crawl` once per process (the CLI does).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawler.sites import SiteConfig
from pipeline.store.runs import finish_run, start_run
from pipeline.store.session import open_database

__all__ = ["CrawlSummary", "SiteResult", "run_crawl"]

logger = logging.getLogger(__name__)

ProgressHook = Callable[[str, str], None]
"""Called with (site name, event) where event is ``page`` or ``comment``."""


@dataclass(slots=True)
class SiteResult:
    """What one site's crawl did."""

    name: str
    pages: int = 0
    requests: int = 0
    comments_seen: int = 0
    comments_new: int = 0
    comments_updated: int = 0
    comments_removed: int = 0
    errors: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    finish_reason: str | None = None
    elapsed: float = 0.0
    """Seconds from spider open to close."""
    refused: int = 0
    """Requests refused because they pointed at a private address."""

    @classmethod
    def from_stats(cls, name: str, stats: Mapping[str, Any]) -> SiteResult:
        def get(key: str) -> int:
            return int(stats.get(key, 0) or 0)

        errors = get("log_count/ERROR") + get("spider_exceptions/count") \
            + get("commentwatch/errors/analysis") + get("commentwatch/errors/store")
        verdicts = {
            key.rsplit("/", 1)[1]: int(value)
            for key, value in stats.items()
            if key.startswith("commentwatch/verdicts/")
        }
        return cls(
            name=name,
            pages=get("commentwatch/pages"),
            requests=get("downloader/request_count"),
            comments_seen=get("commentwatch/comments/seen"),
            comments_new=get("commentwatch/comments/new"),
            comments_updated=get("commentwatch/comments/updated"),
            comments_removed=get("commentwatch/comments/removed"),
            errors=errors,
            verdicts=verdicts,
            finish_reason=stats.get("finish_reason"),
            elapsed=float(stats.get("elapsed_time_seconds", 0.0) or 0.0),
            refused=get("commentwatch/refused/private_address"),
        )


@dataclass(slots=True)
class CrawlSummary:
    """All sites of one run."""

    run_id: int
    status: str
    sites: list[SiteResult]
    started_at: datetime
    finished_at: datetime

    def total(self, attribute: str) -> int:
        return sum(int(getattr(site, attribute)) for site in self.sites)

    @property
    def verdicts(self) -> dict[str, int]:
        merged: dict[str, int] = {}
        for site in self.sites:
            for verdict, count in site.verdicts.items():
                merged[verdict] = merged.get(verdict, 0) + count
        return merged


def crawl_settings(db_url: str, overrides: Mapping[str, Any] | None = None) -> Any:
    """Return Scrapy settings: ``crawler.settings`` plus the database and any overrides."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("COMMENTWATCH_DB", db_url, priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def run_crawl(
    sites: Sequence[SiteConfig],
    db_url: str,
    *,
    kind: str = "crawl",
    settings: Mapping[str, Any] | None = None,
    progress: ProgressHook | None = None,
) -> CrawlSummary:
    """Crawl ``sites`` into the database at ``db_url`` and record the run."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from crawler.items import CommentItem

    database = open_database(db_url)
    started = datetime.now(UTC)
    with database.sessions.begin() as session:
        run_id = start_run(session, kind=kind, sites=",".join(s.name for s in sites),
                           started_at=started)
    status = "failed"
    results: list[SiteResult] = []
    try:
        overrides = dict(settings or {})
        overrides.setdefault("LOG_INSTALL_ROOT_HANDLER", False)
        overrides.setdefault("COMMENTWATCH_RECORD_RUN", False)  # this function records it
        jobdir = overrides.pop("JOBDIR", None)
        process = CrawlerProcess(crawl_settings(db_url, overrides))
        crawlers = []
        for site in sites:
            spider_class = site_spider_class(site, jobdir=str(jobdir) if jobdir else None)
            crawler = process.create_crawler(spider_class)
            if progress is not None:
                _connect_progress(crawler, site.name, progress, signals, CommentItem)
            process.crawl(crawler, site_config=site)
            crawlers.append((site.name, crawler))
        process.start()
        results = [SiteResult.from_stats(name, c.stats.get_stats()) for name, c in crawlers]
        status = "errors" if any(r.errors for r in results) else "ok"
    finally:
        finished = datetime.now(UTC)
        counters = {
            attr: sum(getattr(r, attr) for r in results)
            for attr in ("pages", "requests", "comments_seen", "comments_new",
                         "comments_updated", "comments_removed", "errors")
        }
        per_site = {r.name: {"pages": r.pages, "comments": r.comments_seen,
                             "new": r.comments_new, "errors": r.errors,
                             "refused_private": r.refused, "seconds": round(r.elapsed, 3),
                             "finish_reason": r.finish_reason} for r in results}
        with database.sessions.begin() as session:
            finish_run(session, run_id, status=status, counters=counters,
                       stats={"sites": per_site}, finished_at=finished)
        database.close()
    return CrawlSummary(run_id=run_id, status=status, sites=results, started_at=started,
                        finished_at=finished)


def site_spider_class(site: SiteConfig, *, jobdir: str | None = None) -> type:
    """Return a SiteSpider subclass carrying the site's politeness settings.

    Settings are frozen before a spider exists, so per-site values travel as the class's
    ``custom_settings`` (spider priority: ``-s`` on the command line still wins).
    """
    from crawler.spiders.site import SiteSpider

    custom: dict[str, Any] = {
        "DOWNLOAD_DELAY": site.delay,
        "CONCURRENT_REQUESTS_PER_DOMAIN": site.concurrency,
        "USER_AGENT": site.user_agent,
        "DEPTH_LIMIT": site.max_depth,
    }
    if jobdir:
        custom["JOBDIR"] = str(Path(jobdir) / site.name)  # each site resumes on its own
    return type("SiteSpider", (SiteSpider,), {"custom_settings": custom})


def _connect_progress(crawler: Any, name: str, progress: ProgressHook, signals: Any,
                      comment_type: type) -> None:
    def on_response(**_: Any) -> None:
        progress(name, "page")

    def on_item(item: Any, **_: Any) -> None:
        if isinstance(item, comment_type):
            progress(name, "comment")

    crawler.signals.connect(on_response, signal=signals.response_received, weak=False)
    crawler.signals.connect(on_item, signal=signals.item_scraped, weak=False)

"""Item pipeline: a thin adapter from Scrapy items to ``pipeline.analyze`` and the store.

Items are buffered and handled in batches on one writer thread, so analysis and the
database never hold up the crawl's reactor, and SQLite sees a single writer. Every
decision is counted in the crawl stats under ``commentwatch/``.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from crawler.items import CommentItem, SiteListingItem, ThreadItem
from pipeline.analysis import analyze
from pipeline.findings import Analysis, Reason
from pipeline.store.campaigns import relink_incremental
from pipeline.store.records import CommentRecord, PageSnapshot, SaveStats
from pipeline.store.session import Database, open_database
from pipeline.store.writer import mark_removed, mark_removed_from_listing, save_comments
from pipeline.text import html_to_text

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def analyse_item(item: CommentItem) -> tuple[str, Analysis, bool]:
    """Return the plain text and analysis of a comment; never raises on its content."""
    try:
        text = html_to_text(item.html)
        allow_list: tuple[str, ...] = ()
        return text, analyze(text, region=item.region, allow_list=allow_list), True
    except Exception:
        logger.exception("analysis failed for comment %s on %s", item.external_id, item.page_url)
        text = item.html
        failed = Analysis(text=text, verdict="suspicious",
                          reasons=(Reason("ANALYSIS_FAILED", 0, "internal error"),))
        return text, failed, False


def analyse_items(items: list[CommentItem]) -> list[tuple[str, Analysis, bool]]:
    """Analyse a batch; runs in the analysis process (module-level so it pickles)."""
    return [analyse_item(item) for item in items]


def to_record(item: CommentItem, text: str, analysis: Analysis, seen_at: datetime) -> CommentRecord:
    return CommentRecord(
        site=item.site, page_url=item.page_url, external_id=item.external_id, text=text,
        analysis=analysis, seen_at=seen_at, site_domain=item.site_domain,
        page_title=item.page_title, platform=item.platform, parent_external_id=item.parent_id,
        author=item.author, author_url=item.author_url, permalink=item.permalink,
        posted_at=item.posted_at,
    )


class DatabasePipeline:
    """Analyse comments and save them in batches.

    Settings: ``COMMENTWATCH_DB`` (database URL, default the SQLite file of
    ``commentwatch.config``), ``COMMENTWATCH_BATCH_SIZE`` (items per transaction),
    ``COMMENTWATCH_ANALYSIS_PROCESS`` (analyse in a separate process, default true: the
    pure stages are CPU-bound and would otherwise share the crawl's core and GIL).
    """

    def __init__(self, db_url: str, batch_size: int = 200, crawler: Crawler | None = None,
                 *, analysis_process: bool = False) -> None:
        self.db_url = db_url
        self.batch_size = max(1, batch_size)
        self.crawler = crawler
        self.analysis_process = analysis_process
        self.database: Database | None = None
        self.totals = SaveStats()
        self._buffer: list[CommentItem | ThreadItem | SiteListingItem] = []
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cw-writer")
        self._analysers: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        from commentwatch.config import database_url

        settings = crawler.settings
        return cls(database_url(settings.get("COMMENTWATCH_DB") or None),
                   settings.getint("COMMENTWATCH_BATCH_SIZE", 200), crawler,
                   analysis_process=settings.getbool("COMMENTWATCH_ANALYSIS_PROCESS", True))

    def open_spider(self, spider: Any = None) -> None:
        self.database = open_database(self.db_url)
        if self.analysis_process:
            # spawn, not fork: the crawl process runs a reactor and threads.
            self._analysers = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"))

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        if isinstance(item, CommentItem | ThreadItem | SiteListingItem):
            self._buffer.append(item)
            if len(self._buffer) >= self.batch_size:
                await self._flush()
        return item

    async def close_spider(self, spider: Any = None) -> None:
        try:
            await self._flush()
        finally:
            self._executor.shutdown(wait=True)
            if self._analysers is not None:
                self._analysers.shutdown(wait=True)
            if self.database is not None:
                self.database.close()

    async def _flush(self) -> None:
        if not self._buffer:
            return
        batch, self._buffer = self._buffer, []
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._executor, self.store_batch, batch)

    def store_batch(self, batch: list[CommentItem | ThreadItem | SiteListingItem]) -> SaveStats:
        """Analyse and save one batch in one transaction (runs on the writer thread)."""
        assert self.database is not None
        seen_at = datetime.now(UTC)
        records, snapshots, listings = [], [], []
        verdicts: dict[str, int] = {}
        analysed = iter(self._analyse([i for i in batch if isinstance(i, CommentItem)]))
        for item in batch:
            if isinstance(item, SiteListingItem):
                listings.append(item)
                continue
            if isinstance(item, ThreadItem):
                snapshots.append(PageSnapshot(
                    site=item.site, page_url=item.page_url,
                    external_ids=frozenset(item.external_ids), seen_at=seen_at,
                    complete=item.complete, site_domain=item.site_domain,
                    page_title=item.page_title, platform=item.platform, etag=item.etag,
                    last_modified=item.last_modified, comment_pages=item.comment_pages,
                    not_modified=item.not_modified))
                continue
            text, analysis, ok = next(analysed)
            if not ok:
                self._inc("commentwatch/errors/analysis")
            verdicts[analysis.verdict] = verdicts.get(analysis.verdict, 0) + 1
            for contact in analysis.contacts:
                self._inc(f"commentwatch/findings/{contact.kind}")
            records.append(to_record(item, text, analysis, seen_at))
        with self.database.sessions.begin() as session:
            stats = save_comments(session, records)
            stats.add(mark_removed(session, snapshots))
            for listing in listings:
                stats.add(mark_removed_from_listing(session, listing.site, listing.present,
                                                    seen_at))
            # Campaigns follow every batch: cost grows with the new comments only.
            relink_incremental(session, stats.new_comment_ids + stats.changed_comment_ids)
        self.totals.add(stats)
        self._inc("commentwatch/comments/seen", len(records))
        self._inc("commentwatch/comments/new", stats.new)
        self._inc("commentwatch/comments/updated", stats.updated)
        self._inc("commentwatch/comments/unchanged", stats.unchanged)
        self._inc("commentwatch/comments/removed", stats.removed)
        self._inc("commentwatch/threads", len(snapshots))
        for verdict, count in verdicts.items():
            self._inc(f"commentwatch/verdicts/{verdict}", count)
        return stats

    def _analyse(self, items: list[CommentItem]) -> list[tuple[str, Analysis, bool]]:
        if self._analysers is None or not items:
            return analyse_items(items)
        try:
            return self._analysers.submit(analyse_items, items).result()
        except BrokenProcessPool:
            logger.error("analysis process died; analysing in the crawl process from now on")
            self._analysers = None
            return analyse_items(items)

    def _inc(self, key: str, count: int = 1) -> None:
        if self.crawler is not None and self.crawler.stats is not None and count:
            self.crawler.stats.inc_value(key, count)

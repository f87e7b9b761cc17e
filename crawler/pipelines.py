"""Item pipeline: a thin adapter from Scrapy items to ``pipeline.analyze`` and the store.

Items are buffered and handled in batches on one writer thread, so analysis and the
database never hold up the crawl's reactor, and SQLite sees a single writer. Every
decision is counted in the crawl stats under ``commentwatch/``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from twisted.internet.defer import Deferred

from crawler.items import CommentItem, SiteListingItem, ThreadItem
from pipeline.analysis import analyze
from pipeline.findings import Analysis, Reason
from pipeline.store.campaigns import relink_incremental
from pipeline.store.records import CommentRecord, PageSnapshot, SaveStats
from pipeline.store.retry import run_in_transaction
from pipeline.store.session import Database, open_database
from pipeline.store.writer import (
    mark_removed,
    mark_removed_from_listing,
    save_comments,
    upsert_batch_pages,
)
from pipeline.text import html_to_text

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from sqlalchemy.orm import Session

logger = logging.getLogger(__name__)

#: Batches handed to the writer and not yet stored before the crawl waits for it.
MAX_PENDING_BATCHES = 4


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


def to_record(item: CommentItem, text: str, analysis: Analysis, seen_at: datetime) -> CommentRecord:
    return CommentRecord(
        site=item.site, page_url=item.page_url, external_id=item.external_id, text=text,
        analysis=analysis, seen_at=seen_at, site_domain=item.site_domain,
        page_title=item.page_title, platform=item.platform, parent_external_id=item.parent_id,
        author=item.author, author_url=item.author_url, permalink=item.permalink,
        posted_at=item.posted_at,
    )


@dataclass(slots=True)
class BatchResult:
    """What storing one batch changed, and the crawl-stats counters to add."""

    stats: SaveStats
    counters: dict[str, int] = field(default_factory=dict)


def store_items(database: Database, batch: list[CommentItem | ThreadItem | SiteListingItem]
                ) -> BatchResult:
    """Analyse a batch and save it in one transaction; link campaigns incrementally."""
    seen_at = datetime.now(UTC)
    counters: Counter[str] = Counter()
    records, snapshots, listings = [], [], []
    for item in batch:
        if isinstance(item, SiteListingItem):
            listings.append(item)
        elif isinstance(item, ThreadItem):
            snapshots.append(PageSnapshot(
                site=item.site, page_url=item.page_url,
                external_ids=frozenset(item.external_ids), seen_at=seen_at,
                complete=item.complete, site_domain=item.site_domain,
                page_title=item.page_title, platform=item.platform, etag=item.etag,
                last_modified=item.last_modified, comment_pages=item.comment_pages,
                not_modified=item.not_modified))
        else:
            text, analysis, ok = analyse_item(item)
            counters["commentwatch/errors/analysis"] += not ok
            counters[f"commentwatch/verdicts/{analysis.verdict}"] += 1
            for contact in analysis.contacts:
                counters[f"commentwatch/findings/{contact.kind}"] += 1
            records.append(to_record(item, text, analysis, seen_at))

    def write(session: Session) -> SaveStats:
        # Every page of the batch first, in URL order: concurrent workers then take row
        # locks in the same order and do not deadlock each other.
        upsert_batch_pages(session, [*records, *snapshots], seen_at)
        stats = save_comments(session, records)
        stats.add(mark_removed(session, snapshots))
        for listing in listings:
            stats.add(mark_removed_from_listing(session, listing.site, listing.present, seen_at))
        # Campaigns follow every batch: cost grows with the new comments only.
        relink_incremental(session, stats.new_comment_ids + stats.changed_comment_ids)
        return stats

    # Workers share PostgreSQL: a transaction aborted on a deadlock runs again.
    stats = run_in_transaction(database.sessions, write)
    counters.update({
        "commentwatch/comments/seen": len(records),
        "commentwatch/comments/new": stats.new,
        "commentwatch/comments/updated": stats.updated,
        "commentwatch/comments/unchanged": stats.unchanged,
        "commentwatch/comments/removed": stats.removed,
        "commentwatch/threads": len(snapshots),
    })
    return BatchResult(stats, {key: value for key, value in counters.items() if value})


_WORKER_DATABASE: Database | None = None


def _open_worker_database(db_url: str) -> None:
    """Initializer of the store process: one database connection pool for its lifetime."""
    global _WORKER_DATABASE
    _WORKER_DATABASE = open_database(db_url)


def store_in_worker(batch: list[CommentItem | ThreadItem | SiteListingItem]) -> BatchResult:
    """Store a batch in the store process (module-level so it pickles)."""
    assert _WORKER_DATABASE is not None, "store process not initialised"
    return store_items(_WORKER_DATABASE, batch)


class DatabasePipeline:
    """Analyse comments and save them in batches.

    Settings: ``COMMENTWATCH_DB`` (database URL, default the SQLite file of
    ``commentwatch.config``), ``COMMENTWATCH_BATCH_SIZE`` (items per transaction),
    ``COMMENTWATCH_ANALYSIS_PROCESS`` (analyse and store in a separate process, default
    true: analysis and SQLAlchemy are CPU-bound and would otherwise share the crawl's core
    and GIL).
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
        self._worker: ProcessPoolExecutor | None = None
        self._pending: list[asyncio.Future[SaveStats]] = []

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
            # One store process (SQLite keeps a single writer); spawn, not fork: the crawl
            # process runs a reactor and threads.
            self._worker = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                initializer=_open_worker_database, initargs=(self.db_url,))

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Buffer the item; every ``batch_size`` items hand a batch to the writer.

        Synchronous on purpose: an ``async`` method would cost Scrapy a task per item. The
        crawl goes on while the writer works; it waits (a Deferred) only when the writer
        falls MAX_PENDING_BATCHES behind, which bounds memory.
        """
        if isinstance(item, CommentItem | ThreadItem | SiteListingItem):
            self._buffer.append(item)
            if len(self._buffer) >= self.batch_size:
                self._submit()
                if len(self._pending) > MAX_PENDING_BATCHES:
                    oldest = self._pending.pop(0)
                    # Errors are logged and counted by _batch_done; the item goes on.
                    return Deferred.fromFuture(oldest).addBoth(lambda _: item)
        return item

    async def close_spider(self, spider: Any = None) -> None:
        try:
            await self._flush()
        finally:
            self._executor.shutdown(wait=True)
            if self._worker is not None:
                self._worker.shutdown(wait=True)
            if self.database is not None:
                self.database.close()

    def _submit(self) -> None:
        """Hand the buffered items to the writer thread (batches are stored in order)."""
        self._pending = [future for future in self._pending if not future.done()]
        if not self._buffer:
            return
        batch, self._buffer = self._buffer, []
        future = asyncio.get_running_loop().run_in_executor(self._executor, self.store_batch,
                                                            batch)
        future.add_done_callback(self._batch_done)
        self._pending.append(future)

    def _batch_done(self, future: asyncio.Future[SaveStats]) -> None:
        if not future.cancelled() and future.exception() is not None:
            self._inc("commentwatch/errors/store")
            logger.error("storing a batch failed", exc_info=future.exception())

    async def _flush(self) -> None:
        """Store what is buffered and wait for every batch handed to the writer."""
        self._submit()
        pending, self._pending = self._pending, []
        for future in pending:
            with contextlib.suppress(Exception):  # logged and counted by _batch_done
                await future

    def store_batch(self, batch: list[CommentItem | ThreadItem | SiteListingItem]) -> SaveStats:
        """Analyse and save one batch in one transaction (called on the writer thread).

        With a store process (the default) the work happens there, so neither the
        analysis nor SQLAlchemy competes with the crawl for this process's GIL.
        """
        result: BatchResult | None = None
        if self._worker is not None:
            try:
                result = self._worker.submit(store_in_worker, batch).result()
            except BrokenProcessPool:
                logger.error("store process died; storing in the crawl process from now on")
                self._worker = None
        if result is None:
            assert self.database is not None
            result = store_items(self.database, batch)
        self.totals.add(result.stats)
        for key, count in result.counters.items():
            self._inc(key, count)
        return result.stats

    def _inc(self, key: str, count: int = 1) -> None:
        if self.crawler is not None and self.crawler.stats is not None and count:
            self.crawler.stats.inc_value(key, count)

"""Item pipeline: a thin adapter from Scrapy items to ``pipeline.analyze`` and the store.

Items are buffered and handled in batches on one writer thread, so analysis and the
database never hold up the crawl's reactor, and SQLite sees a single writer. Every
decision is counted in the crawl stats under ``commentwatch/``.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from crawler.items import CommentItem, ThreadItem
from pipeline.analysis import analyze
from pipeline.findings import Analysis, Reason
from pipeline.store.records import CommentRecord, PageSnapshot, SaveStats
from pipeline.store.session import Database, open_database
from pipeline.store.writer import mark_removed, save_comments
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
    ``commentwatch.config``), ``COMMENTWATCH_BATCH_SIZE`` (items per transaction).
    """

    def __init__(self, db_url: str, batch_size: int = 200, crawler: Crawler | None = None) -> None:
        self.db_url = db_url
        self.batch_size = max(1, batch_size)
        self.crawler = crawler
        self.database: Database | None = None
        self.totals = SaveStats()
        self._buffer: list[CommentItem | ThreadItem] = []
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cw-writer")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        from commentwatch.config import database_url

        settings = crawler.settings
        return cls(database_url(settings.get("COMMENTWATCH_DB") or None),
                   settings.getint("COMMENTWATCH_BATCH_SIZE", 200), crawler)

    def open_spider(self, spider: Any = None) -> None:
        self.database = open_database(self.db_url)

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        if isinstance(item, CommentItem | ThreadItem):
            self._buffer.append(item)
            if len(self._buffer) >= self.batch_size:
                await self._flush()
        return item

    async def close_spider(self, spider: Any = None) -> None:
        try:
            await self._flush()
        finally:
            self._executor.shutdown(wait=True)
            if self.database is not None:
                self.database.close()

    async def _flush(self) -> None:
        if not self._buffer:
            return
        batch, self._buffer = self._buffer, []
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._executor, self.store_batch, batch)

    def store_batch(self, batch: list[CommentItem | ThreadItem]) -> SaveStats:
        """Analyse and save one batch in one transaction (runs on the writer thread)."""
        assert self.database is not None
        seen_at = datetime.now(UTC)
        records, snapshots = [], []
        verdicts: dict[str, int] = {}
        for item in batch:
            if isinstance(item, ThreadItem):
                snapshots.append(PageSnapshot(
                    site=item.site, page_url=item.page_url,
                    external_ids=frozenset(item.external_ids), seen_at=seen_at,
                    complete=item.complete, site_domain=item.site_domain,
                    page_title=item.page_title, platform=item.platform, etag=item.etag,
                    last_modified=item.last_modified, comment_pages=item.comment_pages,
                    not_modified=item.not_modified))
                continue
            text, analysis, ok = analyse_item(item)
            if not ok:
                self._inc("commentwatch/errors/analysis")
            verdicts[analysis.verdict] = verdicts.get(analysis.verdict, 0) + 1
            for contact in analysis.contacts:
                self._inc(f"commentwatch/findings/{contact.kind}")
            records.append(to_record(item, text, analysis, seen_at))
        with self.database.sessions.begin() as session:
            stats = save_comments(session, records)
            stats.add(mark_removed(session, snapshots))
        self.totals.add(stats)
        self._inc("commentwatch/comments/new", stats.new)
        self._inc("commentwatch/comments/updated", stats.updated)
        self._inc("commentwatch/comments/unchanged", stats.unchanged)
        self._inc("commentwatch/comments/removed", stats.removed)
        self._inc("commentwatch/threads", len(snapshots))
        for verdict, count in verdicts.items():
            self._inc(f"commentwatch/verdicts/{verdict}", count)
        return stats

    def _inc(self, key: str, count: int = 1) -> None:
        if self.crawler is not None and self.crawler.stats is not None and count:
            self.crawler.stats.inc_value(key, count)

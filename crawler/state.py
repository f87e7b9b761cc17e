"""What the database already knows about a site, loaded once when its spider opens.

Re-crawls use it to ask only for what can have changed: HTTP validators of article pages
(conditional requests) and the newest comment's posting time (``after=`` for the
WordPress comment listing). Spiders stay free of database code: they read
``spider.stored_state``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from scrapy import signals

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class SiteState:
    """Stored facts about one site."""

    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    """Article URL -> (ETag, Last-Modified), for pages that can be asked conditionally."""
    newest_comment_at: datetime | None = None
    """Posting time of the newest stored comment: the listing asks only for later ones."""


def load_site_state(db_url: str, site: str) -> SiteState:
    """Read a site's state from the database at ``db_url``."""
    from pipeline.store.session import open_database
    from pipeline.store.writer import newest_comment_at, page_validators

    database = open_database(db_url)
    try:
        with database.sessions() as session:
            return SiteState(validators=page_validators(session, site),
                             newest_comment_at=newest_comment_at(session, site))
    finally:
        database.close()


class StoredStateExtension:
    """Attach ``stored_state`` (a :class:`SiteState`) to the site spider when it opens."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        from commentwatch.config import database_url

        extension = cls(database_url(crawler.settings.get("COMMENTWATCH_DB") or None))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        return extension

    def spider_opened(self, spider: Any) -> None:
        config = getattr(spider, "site_config", None)
        if config is None:
            return
        spider.stored_state = load_site_state(self.db_url, config.name)
        logger.debug("site %s: %d conditional pages, newest comment %s", config.name,
                     len(spider.stored_state.validators), spider.stored_state.newest_comment_at)

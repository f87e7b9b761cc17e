"""The one spider: crawl a configured site's articles and yield their comments.

It only locates and yields: links to follow come from the site's article patterns, comments
from the platform extractors in ``crawler.platforms``; analysis and storage happen in the
item pipeline. An article's comment pages are fetched one after another so that, after
the last one, a :class:`ThreadItem` can list every comment the article still shows.

Run it with ``scrapy crawl site -a site=NAME`` (site list from ``COMMENTWATCH_SITES``) or
through ``commentwatch crawl``, which passes the parsed :class:`SiteConfig` directly.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import scrapy
from scrapy.http import Response, TextResponse

from crawler.conditional import ARTICLE_META
from crawler.items import CommentItem, ThreadItem
from crawler.platforms import (
    ExtractedComment,
    decode_html,
    extract_page,
    extract_parsed,
    parse_api,
    parse_page,
)
from crawler.platforms.dom import Page
from crawler.sites import SiteConfig, load_sites
from crawler.spiders.listing import HTML_ONLY, LISTING_PLATFORM, WordPressListingMixin
from pipeline.errors import ConfigError
from pipeline.store.records import content_key

#: Stat counting the pages read for comments (articles, comment pages, API pages).
PAGES_STAT = "commentwatch/pages"
#: Meta flag of the requests for the configured start URLs.
START_META = "cw_start"
_COMMENT_PAGE = re.compile(r"/comment-page-\d+/?$|[?&]cpage=\d+")
_SKIP_EXTENSIONS = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|css|js|pdf|zip|gz|mp[34]|avi|mov|woff2?|ttf|xml)$", re.IGNORECASE
)


@dataclass(slots=True)
class _Thread:
    """Comments gathered so far for one article across its comment pages."""

    page_url: str
    title: str | None
    platform: str
    pending: list[str] = field(default_factory=list)
    visited: set[str] = field(default_factory=set)
    ids: list[str] = field(default_factory=list)
    complete: bool = True
    etag: str | None = None
    last_modified: str | None = None


def canonical_article_url(url: str) -> str:
    """Strip the fragment and WordPress comment-page suffixes from an article URL."""
    url = urldefrag(url)[0]
    url = re.sub(r"comment-page-\d+/?$", "", url)
    return re.sub(r"[?&]cpage=\d+", "", url)


class SiteSpider(WordPressListingMixin, scrapy.Spider):
    """Crawl one site from its start URLs, following article links.

    A WordPress site that offers its comment listing through the REST API is read from
    that listing instead (see :mod:`crawler.spiders.listing`).
    """

    name = "site"

    def __init__(self, site: str | None = None, site_config: SiteConfig | None = None,
                 sites_file: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._site_name = site
        self._sites_file = sites_file
        self.site_config: SiteConfig | None = site_config
        self.pages_seen = 0
        self._listing_started = False

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.site_config is None:
            spider.site_config = spider._load_config(crawler.settings)
        config = spider.site_config
        spider.allowed_domains = list(config.allowed_domains)
        spider.allow_private = config.allow_private
        return spider

    def _load_config(self, settings: Any) -> SiteConfig:
        if not self._site_name:
            raise ConfigError("the site spider needs -a site=NAME")
        path = self._sites_file or settings.get("COMMENTWATCH_SITES") or "sites.toml"
        for config in load_sites(path):
            if config.name == self._site_name:
                return config
        raise ConfigError(f"no site named {self._site_name!r}", path=str(path))

    @property
    def config(self) -> SiteConfig:
        assert self.site_config is not None  # set in from_crawler
        return self.site_config

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.config.start_urls:
            yield scrapy.Request(url, callback=self.parse, meta={START_META: True})
        for url in self.config.sitemaps:
            yield scrapy.Request(url, callback=self.parse_sitemap)
        origins = {f"{urlsplit(u).scheme}://{urlsplit(u).netloc}"
                   for u in (*self.config.start_urls, *self.config.sitemaps)}
        for origin in sorted(origins):
            # robots.txt also names sitemaps; RobotsTxtMiddleware reads it only for rules.
            yield scrapy.Request(f"{origin}/robots.txt", callback=self.parse_robots,
                                 meta={"dont_obey_robotstxt": True}, priority=10)

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        from scrapy.utils.sitemap import sitemap_urls_from_robots

        if not isinstance(response, TextResponse):
            return
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            if url not in self.config.sitemaps:
                yield scrapy.Request(url, callback=self.parse_sitemap)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        from scrapy.utils.sitemap import Sitemap

        body = sitemap_body(response)
        if body is None:
            self.logger.warning("unreadable sitemap %s", response.url)
            return
        try:
            sitemap = Sitemap(body)
        except Exception:  # noqa: BLE001 - lxml raises many kinds on broken XML
            self.logger.warning("unreadable sitemap %s", response.url)
            return
        for entry in sitemap:
            loc = entry.get("loc", "")
            if not loc:
                continue
            loc = response.urljoin(loc)
            if sitemap.type == "sitemapindex":
                yield scrapy.Request(loc, callback=self.parse_sitemap)
            elif self.config.is_article(loc):
                yield self._article_request(loc)

    # The page callbacks below are plain methods returning a generator, not generator
    # functions: for a generator function Scrapy re-reads and parses the method's source on
    # every response (its return-value warning, cached per bound-method object only), which
    # cost more per page than extracting the comments.

    def parse(self, response: Response) -> Iterator[Any]:
        """Read an article or start page: follow its links, yield its comments."""
        return self._parse_page(response)

    def parse_comment_page(self, response: Response) -> Iterator[Any]:
        """Read one further comment page of an article."""
        return self._parse_comment_page(response)

    def parse_api_page(self, response: Response) -> Iterator[Any]:
        """Read one API or embed response of an article's thread."""
        return self._parse_api_page(response)

    def _parse_page(self, response: Response) -> Iterator[Any]:
        if response.status == 304:
            self.crawler.stats.inc_value("commentwatch/conditional/not_modified")
            yield ThreadItem(site=self.config.name,
                             page_url=self.config.canonical(canonical_article_url(response.url)),
                             platform=None, not_modified=True,
                             site_domain=self.config.domain)
            return
        if not isinstance(response, TextResponse):
            return
        listing_root = self._listing_root(response)
        if listing_root is not None:
            self._listing_started = True
            yield self.listing_request(listing_root, response.url)
            return
        self.pages_seen += 1
        self.crawler.stats.inc_value(PAGES_STAT)
        parsed = parse_page(page_text(response), response.url)  # once, for links and comments
        yield from self._follow_links(parsed)
        if not self.config.is_article(response.url) and response.url not in self.config.start_urls:
            return
        page = extract_parsed(parsed, platform=self.config.platform,
                              selectors=self.config.selectors or None)
        if page.platform == "none" and not page.comments:
            return
        article_url = self.config.canonical(canonical_article_url(response.url))
        title = " ".join(" ".join(parsed.xpath("//title//text()")).split())[:500] or None
        thread = _Thread(page_url=article_url, title=title, platform=page.platform,
                         etag=_header(response, b"ETag"),
                         last_modified=_header(response, b"Last-Modified"))
        thread.visited.add(response.url)
        yield from self._comment_items(thread, page.comments)
        thread.pending = [u for u in page.comment_pages if u not in thread.visited]
        for api_url in page.api_requests:
            # Disqus serves threads from its own host: allowed for this request only.
            yield scrapy.Request(api_url, callback=self.parse_api_page,
                                 errback=self.comment_page_failed,
                                 meta={"thread": thread, "platform": page.platform,
                                       "allow_offsite": True})
            return
        yield from self._next_or_done(thread)

    def _listing_root(self, response: TextResponse) -> str | None:
        """Return the REST API root when this start page should switch to listing mode."""
        if (self._listing_started or response.meta.get(HTML_ONLY)
                or self.config.platform not in ("auto", LISTING_PLATFORM)
                or not response.meta.get(START_META)):
            return None
        root = response.xpath("//link[@rel='https://api.w.org/']/@href").get()
        if root:
            return response.urljoin(root.strip())
        if self.config.platform == LISTING_PLATFORM:
            return response.urljoin("/wp-json/")
        return None

    def _parse_comment_page(self, response: Response) -> Iterator[Any]:
        thread: _Thread = response.meta["thread"]
        thread.visited.add(response.url)
        self.crawler.stats.inc_value(PAGES_STAT)
        if isinstance(response, TextResponse):
            page = extract_page(page_text(response), response.url, platform=thread.platform,
                                selectors=self.config.selectors or None)
            yield from self._comment_items(thread, page.comments)
            thread.pending.extend(
                u for u in page.comment_pages if u not in thread.visited and u not in thread.pending
            )
        yield from self._next_or_done(thread)

    def _parse_api_page(self, response: Response) -> Iterator[Any]:
        thread: _Thread = response.meta["thread"]
        self.crawler.stats.inc_value(PAGES_STAT)
        total = _header(response, b"X-WP-TotalPages")
        api = parse_api(response.meta["platform"], response.text, response.url,
                        total_pages=int(total) if total and total.isdigit() else None)
        yield from self._comment_items(thread, api.comments)
        for next_url in api.next_urls:
            yield response.follow(next_url, callback=self.parse_api_page, meta=response.meta)
            return
        yield from self._next_or_done(thread)

    def comment_page_failed(self, failure: Any) -> Iterator[Any]:
        thread: _Thread = failure.request.meta["thread"]
        thread.complete = False
        self.logger.warning("comment page failed: %s", failure.request.url)
        yield from self._next_or_done(thread)

    def _next_or_done(self, thread: _Thread) -> Iterator[Any]:
        if thread.pending:
            url = thread.pending.pop(0)
            yield scrapy.Request(url, callback=self.parse_comment_page,
                                 errback=self.comment_page_failed, meta={"thread": thread})
            return
        yield ThreadItem(site=self.config.name, page_url=thread.page_url,
                         platform=thread.platform, external_ids=thread.ids,
                         complete=thread.complete, page_title=thread.title,
                         site_domain=self.config.domain, etag=thread.etag,
                         last_modified=thread.last_modified,
                         comment_pages=len(thread.visited))

    def _comment_items(self, thread: _Thread,
                       comments: tuple[ExtractedComment, ...] | list[ExtractedComment]
                       ) -> Iterator[CommentItem]:
        for comment in comments:
            external_id = comment.external_id or content_key(comment.author, comment.html)
            if external_id in thread.ids:
                continue
            thread.ids.append(external_id)
            yield CommentItem(
                site=self.config.name, page_url=thread.page_url, external_id=external_id,
                html=comment.html, platform=thread.platform, page_title=thread.title,
                parent_id=comment.parent_id, author=comment.author,
                author_url=comment.author_url, posted_at=comment.posted_at,
                permalink=self.config.canonical(comment.permalink) if comment.permalink else None,
                region=self.config.region,
                site_domain=self.config.domain,
            )

    def _follow_links(self, page: Page) -> Iterator[scrapy.Request]:
        if self.pages_seen >= self.config.max_pages:
            return
        # A page links to itself once per comment permalink (#comment-N): each URL is
        # requested once per page; the scheduler's duplicate filter would drop the rest.
        requested: set[str] = set()
        for href in page.xpath("//a/@href"):
            try:
                url = urldefrag(urljoin(page.base_url, str(href).strip()))[0]
                parts = urlsplit(url)
            except ValueError:  # a malformed link (bad IPv6 literal...): not followed
                continue
            if url in requested:
                continue
            requested.add(url)
            if parts.scheme not in ("http", "https") or _SKIP_EXTENSIONS.search(parts.path):
                continue
            if _COMMENT_PAGE.search(url) or "replytocom=" in url:
                continue
            if self.config.is_article(url):
                yield self._article_request(url)

    def _article_request(self, url: str) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse,
                              meta={ARTICLE_META: True, "handle_httpstatus_list": [304]})


def page_text(response: TextResponse) -> str:
    """Decode a page with the platform decoder, which survives wrong charset headers
    (a UTF-8 page served as ISO-8859-1, a late meta charset, stray bytes)."""
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    charset = content_type.partition("charset=")[2].split(";")[0].strip() or None
    return decode_html(response.body, charset)


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def sitemap_body(response: Response, max_size: int = 50 * 1024 * 1024) -> bytes | None:
    """Return a sitemap's XML, gunzipped when needed (``.xml.gz`` or gzip bytes)."""
    from scrapy.utils.gz import gunzip

    body = response.body
    if body[:2] == b"\x1f\x8b":
        try:
            return gunzip(body, max_size=max_size)
        except (OSError, ValueError):
            return None
    return body

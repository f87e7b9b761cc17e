"""WordPress REST API comments: ``/wp-json/wp/v2/comments?post=ID&per_page=100``.

One API page carries up to 100 comments as JSON, so a long thread costs a handful of
requests instead of one per comment page, and ``after=`` lets a re-crawl ask only for what
is new. A page advertises the API with ``<link rel="https://api.w.org/">`` and names its
post id in the shortlink (``?p=ID``), the REST ``alternate`` link or the ``postid-ID`` body
class.

Paging: WordPress tells the page count only in the ``X-WP-TotalPages`` header, which the
spider passes to :meth:`WordPressApi.parse_api` as ``total_pages``. Without it, a full page
(``per_page`` comments) is taken to mean there may be another; asking past the last page
answers HTTP 400, which the spider treats as the end of the thread.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crawler.platforms.base import Platform
from crawler.platforms.dates import parse_date
from crawler.platforms.dom import Page, absolute
from crawler.platforms.model import ApiPage, ExtractedComment, FieldOverrides, PageComments

__all__ = ["PER_PAGE", "WordPressApi", "api_root", "comments_api_url", "post_id"]

logger = logging.getLogger(__name__)

#: The most comments WordPress returns per API page.
PER_PAGE = 100
#: API bodies beyond this many characters are not parsed.
MAX_BODY_CHARS = 20_000_000

_SHORTLINK_ID = re.compile(r"[?&]p=(\d{1,12})\b")
_POSTS_ID = re.compile(r"/wp/v2/(?:posts|pages)/(\d{1,12})\b")
_BODY_ID = re.compile(r"\b(?:postid|page-id)-(\d{1,12})\b")


def api_root(page: Page) -> str | None:
    """Return the absolute REST API root the page advertises, or None."""
    for href in page.xpath("//link[@rel='https://api.w.org/']/@href"):
        root = absolute(page.base_url, str(href))
        if root:
            return root
    return None


def post_id(page: Page) -> str | None:
    """Return the WordPress post id of the page, or None when it names none."""
    for href in page.xpath("//link[@rel='shortlink']/@href"):
        match = _SHORTLINK_ID.search(str(href))
        if match:
            return match.group(1)
    for href in page.xpath("//link[@rel='alternate'][contains(@href,'/wp/v2/')]/@href"):
        match = _POSTS_ID.search(str(href))
        if match:
            return match.group(1)
    for classes in page.xpath("//body/@class"):
        match = _BODY_ID.search(str(classes))
        if match:
            return match.group(1)
    return None


def comments_api_url(root: str, *, post: str | None = None, after: str | None = None,
                     page: int = 1, per_page: int = PER_PAGE) -> str:
    """Build a comments API URL under ``root`` (``.../wp-json/`` or ``...?rest_route=/``).

    Args:
        root: the API root from :func:`api_root`.
        post: limit to one post's comments (None: the whole site's, newest first).
        after: ISO 8601 date; only comments posted later (incremental re-crawls).
        page: 1-based API page.
        per_page: comments per page (WordPress caps it at 100).

    Returns:
        The absolute URL.
    """
    params: list[tuple[str, str]] = []
    if post:
        params.append(("post", post))
    params.append(("per_page", str(per_page)))
    if after:
        params.append(("after", after))
    if page > 1:
        params.append(("page", str(page)))
    parts = urlsplit(root)
    query = dict(parse_qsl(parts.query))
    if "rest_route" in query:
        query_params = [("rest_route", "/wp/v2/comments"), *params]
        return urlunsplit(parts._replace(query=urlencode(query_params), fragment=""))
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit(parts._replace(path=path + "wp/v2/comments", query=urlencode(params),
                                     fragment=""))


def _next_url(url: str, page: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "page"]
    query.append(("page", str(page)))
    return urlunsplit(parts._replace(query=urlencode(query)))


class WordPressApi(Platform):
    """Comments of a WordPress post through the REST API."""

    NAME = "wordpress-api"
    ALIASES = ("wp-api", "wordpress-rest")

    def detect(self, page: Page) -> bool:
        return api_root(page) is not None and post_id(page) is not None

    def extract(self, page: Page, overrides: FieldOverrides | None = None) -> PageComments:
        root, post = api_root(page), post_id(page)
        if root is None or post is None:
            return self.empty()
        return self.empty(api_requests=(comments_api_url(root, post=post),))

    def parse_api(self, body: str, url: str, *, total_pages: int | None = None) -> ApiPage:
        """Parse one API page (a JSON list of comments).

        Args:
            body: the response text.
            url: the URL it came from (for the page number and the next URL).
            total_pages: the ``X-WP-TotalPages`` header, when the caller has it.

        Returns:
            The comments (pingbacks and trackbacks left out) and the next page's URL.
        """
        try:
            data = json.loads(body[:MAX_BODY_CHARS])
        except ValueError:
            logger.warning("WordPress API response from %s is not JSON", url)
            return ApiPage()
        if not isinstance(data, list):
            logger.warning("WordPress API response from %s is not a list", url)
            return ApiPage()
        comments = tuple(c for c in (_comment(item, url) for item in data) if c is not None)
        query = dict(parse_qsl(urlsplit(url).query))
        page = int(query["page"]) if query.get("page", "").isdigit() else 1
        per_page = int(query["per_page"]) if query.get("per_page", "").isdigit() else 10
        more = page < total_pages if total_pages is not None else len(data) >= per_page > 0
        page_url = None
        if comments and comments[0].permalink:
            page_url = comments[0].permalink.split("#", 1)[0]
        return ApiPage(comments=comments, next_urls=(_next_url(url, page + 1),) if more else (),
                       page_url=page_url)


def _comment(item: Any, url: str) -> ExtractedComment | None:
    if not isinstance(item, dict) or item.get("type", "comment") not in ("comment", ""):
        return None
    content = item.get("content")
    html = content.get("rendered") if isinstance(content, dict) else content
    if not isinstance(html, str) or not html.strip():
        return None
    parent = item.get("parent")
    date = item.get("date_gmt")
    posted_at = parse_date(date + "Z" if isinstance(date, str) and date[-1:].isdigit() else None)
    if posted_at is None and isinstance(item.get("date"), str):
        posted_at = parse_date(item["date"])
    link = item.get("link")
    author_url = item.get("author_url")
    return ExtractedComment(
        external_id=str(item["id"]) if item.get("id") is not None else None,
        parent_id=str(parent) if parent not in (None, 0, "0", "") else None,
        author=str(item["author_name"])[:200] if item.get("author_name") else None,
        author_url=absolute(url, author_url) if isinstance(author_url, str) else None,
        posted_at=posted_at,
        html=html.strip(),
        permalink=absolute(url, link) if isinstance(link, str) else None,
    )

"""Disqus: comments live on disqus.com and reach the page through an iframe.

A page embeds Disqus with ``<div id="disqus_thread">`` and ``embed.js`` (its forum named by
``disqus_shortname`` or the script host ``SHORTNAME.disqus.com``). The iframe's page,
``https://disqus.com/embed/comments/?base=default&f=SHORTNAME&t_u=ARTICLE_URL``, carries the
first posts of the thread as JSON in ``<script id="disqus-threadData">`` with a cursor; that
page is what :attr:`PageComments.api_requests` asks for. Further pages are the same URL with
``&cursor=NEXT``. Some sites also render a server-side fallback list inside
``#disqus_thread``; when present it is read directly.

The embed host is configurable (:data:`DISQUS_EMBED_BASE`, or the environment variable
``COMMENTWATCH_DISQUS_EMBED_BASE``) so tests can serve a Disqus stand-in on 127.0.0.1.
"""

from __future__ import annotations

import json
import logging
import os
import re
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from crawler.platforms.base import Platform
from crawler.platforms.dates import parse_date
from crawler.platforms.dom import Page, absolute, parse_page, run_xpath, selector_xpath, xany
from crawler.platforms.fields import FieldRules, read_comments
from crawler.platforms.model import ApiPage, ExtractedComment, FieldOverrides, PageComments

__all__ = ["DISQUS_EMBED_BASE", "Disqus", "embed_url"]

logger = logging.getLogger(__name__)

#: Where the Disqus embed pages are served (overridden by ``COMMENTWATCH_DISQUS_EMBED_BASE``).
DISQUS_EMBED_BASE = "https://disqus.com"
ENV_EMBED_BASE = "COMMENTWATCH_DISQUS_EMBED_BASE"
MAX_BODY_CHARS = 20_000_000

_SHORTNAME = re.compile(r"""disqus_shortname\s{0,5}[=:]\s{0,5}["']([A-Za-z0-9_-]{1,64})["']""")
_EMBED_HOST = re.compile(r"([A-Za-z0-9_-]{1,64})\.disqus\.com/embed\.js")
_PAGE_URL = re.compile(
    r"""(?:disqus_url|page\.url)\s{0,5}[=:]\s{0,5}["']([^"'\s]{1,2000})["']""")
_IDENTIFIER = re.compile(
    r"""(?:disqus_identifier|page\.identifier)\s{0,5}[=:]\s{0,5}["']([^"'\n]{1,500})["']""")

RULES = FieldRules(
    author=(
        f".//*[{xany('author', 'post-byline')}]//a[normalize-space()]",
        f".//*[{xany('comment-author', 'author', 'publisher-anchor-color')}]",
    ),
    author_url=(f".//*[{xany('author')}]//a/@href",),
    date=(
        f".//a[{xany('time-ago')}]/@title",
        ".//time/@datetime",
        f".//*[{xany('post-meta', 'comment-date')}]",
    ),
    body=(f".//*[{xany('post-message')}]", f".//*[{xany('comment-body', 'comment-message')}]"),
    external_id=("@id", ".//*[starts-with(@id,'post-')]/@id"),
    permalink=(".//a[contains(@href,'#comment-')]/@href",),
    prune=(".//script | .//style | .//form | .//button",),
    fragment="comment-{id}",
)
_RENDERED = (
    f".//li[{xany('post')}][.//*[{xany('post-message')}]]"
    f" | .//*[{xany('comment')}][.//*[{xany('comment-body', 'comment-message')}]]"
)


def embed_url(shortname: str, page_url: str, identifier: str | None = None,
              *, base: str | None = None) -> str:
    """Return the Disqus embed page URL for one article's thread."""
    root = (base or os.environ.get(ENV_EMBED_BASE) or DISQUS_EMBED_BASE).rstrip("/")
    params = [("base", "default"), ("f", shortname), ("t_u", page_url)]
    if identifier:
        params.append(("t_i", identifier))
    return f"{root}/embed/comments/?{urlencode(params, quote_via=quote)}"


def _shortname(page: Page) -> str | None:
    for src in page.xpath("//script/@src"):
        match = _EMBED_HOST.search(str(src))
        if match:
            return match.group(1)
    scripts = page.scripts
    match = _SHORTNAME.search(scripts) or _EMBED_HOST.search(scripts)
    return match.group(1) if match else None


class Disqus(Platform):
    """Comments hosted by Disqus (embed JSON, or a rendered fallback list)."""

    NAME = "disqus"

    def detect(self, page: Page) -> bool:
        if not page.mentions("disqus_thread", "disqus.com/embed.js"):
            return False
        if page.xpath("//*[@id='disqus_thread']"):
            return True
        return any(".disqus.com/embed.js" in str(s) for s in page.xpath("//script/@src"))

    def extract(self, page: Page, overrides: FieldOverrides | None = None) -> PageComments:
        rules = RULES.with_overrides(overrides)
        if overrides is not None and overrides.item:
            items = list(page.xpath(selector_xpath(overrides.item)))
        else:
            items = [el for thread in page.xpath("//*[@id='disqus_thread']")
                     for el in run_xpath(thread, _RENDERED)]
        comments = read_comments(page, items, rules)
        if comments:
            return self.empty(comments=comments)
        shortname = _shortname(page)
        if shortname is None:
            return self.empty()
        scripts = page.scripts
        url_match, id_match = _PAGE_URL.search(scripts), _IDENTIFIER.search(scripts)
        canonical = page.xpath("//link[@rel='canonical']/@href")
        thread_url = (absolute(page.base_url, url_match.group(1)) if url_match else None) or (
            absolute(page.base_url, str(canonical[0])) if canonical else None) or page.url
        identifier = id_match.group(1) if id_match else None
        return self.empty(api_requests=(embed_url(shortname, thread_url, identifier),))

    def parse_api(self, body: str, url: str, *, total_pages: int | None = None) -> ApiPage:
        """Parse an embed page (``disqus-threadData``) or a Disqus API JSON response."""
        data = _thread_data(body[:MAX_BODY_CHARS], url)
        if not isinstance(data, dict):
            return ApiPage()
        response = data.get("response")
        posts: Any = response.get("posts") if isinstance(response, dict) else response
        thread = response.get("thread") if isinstance(response, dict) else None
        link = thread.get("link") if isinstance(thread, dict) else None
        page_url = absolute(url, link) if isinstance(link, str) else None
        if page_url is None:
            page_url = dict(parse_qsl(urlsplit(url).query)).get("t_u")
        comments = tuple(c for c in (_post(p, page_url) for p in posts or ()) if c is not None)
        cursor = data.get("cursor") or (response.get("cursor")
                                         if isinstance(response, dict) else None)
        next_urls: tuple[str, ...] = ()
        if isinstance(cursor, dict) and cursor.get("hasNext") and cursor.get("next"):
            parts = urlsplit(url)
            query = [(k, v) for k, v in parse_qsl(parts.query) if k != "cursor"]
            query.append(("cursor", str(cursor["next"])))
            next_urls = (urlunsplit(parts._replace(query=urlencode(query, quote_via=quote))),)
        return ApiPage(comments=comments, next_urls=next_urls, page_url=page_url)


def _thread_data(body: str, url: str) -> Any:
    text = body.lstrip()
    if not text.startswith("{"):
        found = parse_page(body, url).xpath("//script[@id='disqus-threadData']/text()")
        if not found:
            logger.warning("Disqus page %s has no disqus-threadData", url)
            return None
        text = "".join(str(part) for part in found)
    try:
        return json.loads(text)
    except ValueError:
        logger.warning("Disqus thread data from %s is not JSON", url)
        return None


def _post(post: Any, page_url: str | None) -> ExtractedComment | None:
    if not isinstance(post, dict) or post.get("isDeleted") or post.get("isSpam"):
        return None
    message = post.get("message")
    if not isinstance(message, str) or not message.strip():
        return None
    author = post.get("author") if isinstance(post.get("author"), dict) else {}
    name = author.get("name") or author.get("username")
    author_url = author.get("url") or author.get("profileUrl")
    post_id = str(post["id"]) if post.get("id") is not None else None
    parent = post.get("parent")
    created = post.get("createdAt")
    return ExtractedComment(
        external_id=post_id,
        parent_id=str(parent) if parent not in (None, "", 0) else None,
        author=str(name)[:200] if name else None,
        author_url=absolute(page_url or "", author_url) if isinstance(author_url, str) else None,
        posted_at=parse_date(created) if isinstance(created, str) else None,
        html=message.strip(),
        permalink=f"{page_url.split('#', 1)[0]}#comment-{post_id}" if page_url and post_id
        else None,
    )


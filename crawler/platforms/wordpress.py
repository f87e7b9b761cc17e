"""WordPress comment markup: ``ol.comment-list`` and its many theme variants.

Themes differ in the details (``ol.commentlist``, ``ul.commentlist``, ``ol#commentlist``,
``li > article.comment-body``, ``div.comment-content`` or bare paragraphs) but share the
frame: a list of ``li`` items with ``id="comment-N"`` (or ``li-comment-N``), replies in a
nested ``ol.children``, pingbacks and trackbacks as ``li.pingback``/``li.trackback`` (not
comments), and long threads split into comment pages (``/comment-page-2/``, ``?cpage=2``).

When the page has further comment pages and advertises the REST API with its post id, the
API is asked instead of the comment pages: it returns 100 comments per request.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml import etree

from crawler.platforms.base import Platform
from crawler.platforms.boundaries import off_limits
from crawler.platforms.dom import (
    Page,
    absolute,
    ancestors,
    has_class,
    selector_xpath,
    xany,
    xcls,
)
from crawler.platforms.fields import FieldRules, read_comments
from crawler.platforms.model import FieldOverrides, PageComments
from crawler.platforms.select import Select, class_tokens
from crawler.platforms.wordpress_api import api_root, comments_api_url, post_id

__all__ = ["RULES", "WordPress", "comment_lists", "comment_page_links"]

#: Comment lists: ``ol``/``ul``/``div`` with one of these class tokens or ids. The XPath
#: twin of :func:`comment_lists` (kept for tests and readers).
_LIST_TAGS = ("ol", "ul", "div")
_LIST_CLASSES = frozenset({"comment-list", "commentlist", "comments-list"})
_LIST_IDS = frozenset({"commentlist", "comments-list"})
_LIST = (
    "//*[self::ol or self::ul or self::div]"
    f"[{xcls('comment-list')} or {xcls('commentlist')} or @id='commentlist'"
    f" or {xcls('comments-list')} or @id='comments-list']"
)
#: The XPath twin of :func:`list_items` (kept for tests and readers).
_ITEMS = (
    "./li | ./article | ./div[starts-with(@id,'comment-')]"
    f" | .//*[self::ol or self::ul or self::div][{xcls('children')}]/li"
    f" | .//li[{xcls('comment')} or starts-with(@id,'comment-') or starts-with(@id,'li-comment-')]"
)
#: Traces every WordPress page carries in its source (theme and script paths, REST link).
_WORDPRESS_HINTS = ("/wp-content/", "/wp-includes/", "api.w.org", "/wp-json/",
                    'content="wordpress', "wp-block-comments")
_NOT_COMMENTS = ("pingback", "trackback")
_META_CLASSES = (
    "comment-author", "comment-meta", "comment-metadata", "commentmetadata", "reply",
    "comment-reply-link", "comment-edit-link", "comment-number", "says", "avatar", "gravatar",
    "comment-awaiting-moderation", "comment-date", "comment-author-name", "author",
)
_PAGE_PATH = re.compile(r"/comment-page-\d{1,6}/?$")

RULES = FieldRules(
    author=(
        f".//*[{xcls('comment-author')}]//*[{xcls('fn')}]",
        f".//*[{xcls('fn')}]",
        ".//cite",
        f".//*[{xany('comment-author-name', 'comment-author', 'comment_author', 'author-name')}]",
        f".//*[{xcls('author')}]",
    ),
    author_url=(
        f".//*[{xcls('fn')}]//@href",
        f".//*[{xcls('fn')}]/@href",
        f".//a[{xcls('url')}]/@href",
        ".//cite//a/@href",
    ),
    date=(
        ".//time/@datetime",
        ".//time",
        f".//*[{xany('comment-metadata', 'comment-meta', 'commentmetadata', 'comment-date')}]",
        f".//*[{xany('comment-time', 'date', 'time')}]",
        ".//abbr[@title]",
        ".//text()[not(ancestor::p)][normalize-space()][position() <= 8]",
    ),
    body=(
        f".//*[{xcls('comment-content')}]",
        f".//*[{xcls('comment-text')}]",
        f".//*[{xcls('comment_text')}]",
        f".//*[{xcls('comment-entry')} or {xcls('commententry')}]",
        ".//*[@itemprop='text']",
        f".//*[{xcls('comment-body')}]",
    ),
    external_id=(
        "@id",
        ".//*[starts-with(@id,'comment-') or starts-with(@id,'div-comment-')]/@id",
        ".//a[contains(@href,'#comment-')]/@href",
    ),
    permalink=(".//a[contains(@href,'#comment-')]/@href",),
    # One walk instead of fifteen class-token tests per element (see crawler.platforms.select).
    prune=(
        Select.of(classes=_META_CLASSES, tags=("footer", "form", "script", "style", "noscript"),
                  child_tags=("cite", "img"), tag_class=(("cite", "fn"),)),
    ),
    fragment="comment-{id}",
)


def _normal(url: str) -> str:
    """Strip the comment-page part, the ``cpage`` parameter and the fragment of a URL."""
    parts = urlsplit(url)
    path = _PAGE_PATH.sub("/", parts.path).rstrip("/")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "cpage"])
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, query, ""))


def comment_lists(page: Page) -> list[etree._Element]:
    """Return the page's comment list elements in document order (what ``_LIST`` selects).

    One walk over the ``ol``/``ul``/``div`` elements in C with a token test in Python: the
    XPath re-normalises ``@class`` three times per element of the page.
    """
    found = []
    for el in page.root.getroottree().getroot().iter(*_LIST_TAGS):
        if el.get("id") in _LIST_IDS or ("comment" in (el.get("class") or "")
                                         and not _LIST_CLASSES.isdisjoint(class_tokens(el))):
            found.append(el)
    return found


def list_items(comment_list: etree._Element) -> list[etree._Element]:
    """Return the comment elements of one list in document order (what ``_ITEMS`` selects).

    Direct ``li``/``article`` children and ``div#comment-N``, replies in a nested
    ``.children`` list, and any ``li.comment``/``li#comment-N``/``li#li-comment-N``; the
    tag filter runs in C, so only candidate elements reach Python.
    """
    found = []
    for el in comment_list.iterdescendants("li", "article", "div"):
        parent = el.getparent()
        tag = el.tag
        el_id = el.get("id") or ""
        if parent is comment_list and (tag != "div" or el_id.startswith("comment-")):
            found.append(el)
            continue
        if tag != "li":
            continue
        if ((parent is not comment_list and parent.tag in _LIST_TAGS
             and "children" in class_tokens(parent))
                or el_id.startswith(("comment-", "li-comment-"))
                or "comment" in class_tokens(el)):
            found.append(el)
    return found


def comment_page_links(page: Page) -> tuple[str, ...]:
    """Return the other comment pages of this article linked from the page.

    Only links that differ from the page's own URL by the comment page alone count, so a
    "recent comments" widget linking to other posts' comment pages is ignored.
    """
    own = _normal(page.url)
    own_full = page.url.split("#", 1)[0]
    found: dict[str, None] = {}
    for link in page.root.getroottree().getroot().iter("a"):
        href = link.get("href")
        if href is None or ("comment-page-" not in href and "cpage=" not in href):
            continue
        url = absolute(page.base_url, href)
        if not url:
            continue
        url = url.split("#", 1)[0]
        parts = urlsplit(url)
        if not (_PAGE_PATH.search(parts.path) or "cpage" in dict(parse_qsl(parts.query))):
            continue
        if url != own_full and _normal(url) == own:
            found[url] = None
    return tuple(found)


class WordPress(Platform):
    """Comments rendered by a WordPress theme."""

    NAME = "wordpress"
    ALIASES = ("wp",)

    def detect(self, page: Page) -> bool:
        return (page.mentions("commentlist", "comment-list", "comments-list")
                and page.mentions(*_WORDPRESS_HINTS) and bool(comment_lists(page)))

    def extract(self, page: Page, overrides: FieldOverrides | None = None) -> PageComments:
        items = self.items(page, overrides)
        comments = read_comments(page, items, RULES.with_overrides(overrides))
        pages = comment_page_links(page)
        api: tuple[str, ...] = ()
        if pages:
            root, post = api_root(page), post_id(page)
            if root and post:
                api, pages = (comments_api_url(root, post=post),), ()
        return self.empty(comments=comments, comment_pages=pages, api_requests=api)

    def items(self, page: Page, overrides: FieldOverrides | None) -> list[etree._Element]:
        """Return the comment elements (pingbacks and trackbacks left out)."""
        if overrides is not None and overrides.item:
            return list(page.xpath(selector_xpath(overrides.item)))
        lists = comment_lists(page)
        list_set = set(lists)
        outer = [el for el in lists
                 if not any(a in list_set for a in ancestors(el)) and not off_limits(el)]
        items: list[etree._Element] = []
        for comment_list in outer:
            items.extend(el for el in list_items(comment_list)
                         if not has_class(el, *_NOT_COMMENTS))
        return items

"""Drupal comment markup, Drupal 7 and Drupal 8 and later.

Drupal 7 renders ``<a id="comment-N"></a>`` before each ``div.comment`` (or
``article.comment``) with a ``.submitted`` meta line and the body in
``.field-name-comment-body``; Drupal 8+ renders ``article.js-comment`` with
``data-comment-user-id``, ``id="comment-N"``, a hidden ``<mark data-comment-timestamp>``
and ``.field--name-comment-body``. Both put replies in a ``div.indented`` placed right
*after* the parent comment, not inside it, so the parent is found by looking back from
the ``div.indented``.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml import etree

from crawler.platforms.base import Platform
from crawler.platforms.boundaries import off_limits
from crawler.platforms.dom import Page, absolute, ancestors, selector_xpath, xany, xcls
from crawler.platforms.fields import FieldRules, ancestor_parent, read_comments
from crawler.platforms.model import FieldOverrides, PageComments

__all__ = ["RULES", "Drupal", "comment_pager_links"]

_BODY_FIELD = "contains(@class,'field-name-comment-body') or contains(@class,'field--name-comment-body')"
_ITEMS = (
    f"//*[self::article or self::div][{xcls('comment')}]"
    f"[@data-comment-user-id or {xcls('js-comment')} or contains(@typeof,'Comment')"
    " or preceding-sibling::*[1][self::a][starts-with(@id,'comment-')]"
    f" or .//*[{_BODY_FIELD}]]"
)
_DETECT = (
    f"//*[@data-comment-user-id or {xcls('js-comment')} or {_BODY_FIELD}]"
    " | //a[starts-with(@id,'comment-')][following-sibling::*[1]"
    f"[{xcls('comment')}]]"
)

_PAGER_LINKS = (
    f"//*[@id='comments' or {xany('comment-wrapper', 'comments')}]"
    f"//*[{xany('pager', 'pager__items', 'item-list')} or self::nav]"
    "//a[contains(@href,'page=')]/@href"
)
_META_CLASSES = ("links", "submitted", "comment__meta", "permalink", "rdf-meta", "element-hidden",
                 "hidden", "visually-hidden", "user-picture")

RULES = FieldRules(
    author=(
        f".//*[{xany('username', 'comment__author', 'comment-author')}]",
        ".//*[@property='foaf:name' or @property='schema:author' or @rel='schema:author']",
        f".//*[{xany('submitted', 'comment__meta')}]//a[not({xcls('permalink')})]",
        ".//footer//h6 | .//footer//h4 | .//footer//h5[normalize-space()]",
    ),
    author_url=(f".//a[{xcls('username')}]/@href",),
    date=(
        ".//*[@property='schema:dateCreated']/@content",
        ".//time/@datetime",
        ".//*[contains(@property,'dc:created') or contains(@property,'dc:date')]/@content",
        ".//*[@data-comment-timestamp]/@data-comment-timestamp",
        f".//*[{xany('submitted', 'comment__meta', 'comment__time')}]",
        ".//footer//h6",
    ),
    body=(
        ".//*[@property='schema:text']",
        ".//*[@property='content:encoded']",
        f".//*[{_BODY_FIELD}][last()]",
        f".//*[{xany('comment__content', 'comment-content', 'content')}]",
    ),
    external_id=(
        "@id",
        "preceding-sibling::*[1][self::a]/@id",
        "@about",
        f".//a[{xcls('permalink')}]/@href",
    ),
    permalink=(f".//a[{xcls('permalink')}]/@href", "@about"),
    prune=(
        f".//*[{xany(*_META_CLASSES)}]",
        ".//footer | .//header | .//form | .//script | .//style | .//noscript | .//button",
        ".//a[starts-with(@href,'javascript:')] | .//*[@property='schema:name']",
    ),
    fragment="comment-{id}",
)


def _parent(item: etree._Element, ids: dict[etree._Element, str | None]) -> str | None:
    """Return the id of the comment right before the ``div.indented`` holding ``item``."""
    for ancestor in ancestors(item):
        if ancestor in ids:
            return ids[ancestor]
        if "indented" in (ancestor.get("class") or "").split():
            for sibling in ancestor.itersiblings(preceding=True):
                if sibling in ids:
                    return ids[sibling]
                if sibling.tag != "a":
                    break
    return ancestor_parent(item, ids)


class Drupal(Platform):
    """Comments rendered by Drupal's comment module."""

    NAME = "drupal"

    def detect(self, page: Page) -> bool:
        return page.mentions("data-comment-user-id", "js-comment", "comment-body",
                             'id="comment-', "id='comment-") and bool(page.xpath(_DETECT))

    def extract(self, page: Page, overrides: FieldOverrides | None = None) -> PageComments:
        if overrides is not None and overrides.item:
            items = list(page.xpath(selector_xpath(overrides.item)))
        else:
            found = page.xpath(_ITEMS)
            found_set = set(found)
            # A comment wrapper that holds another comment element is not itself one.
            inner = {a for el in found for a in ancestors(el) if a in found_set}
            items = [el for el in found if el not in inner and not off_limits(el)]
        comments = read_comments(page, items, RULES.with_overrides(overrides), parent_of=_parent)
        return self.empty(comments=comments, comment_pages=comment_pager_links(page))


def comment_pager_links(page: Page) -> tuple[str, ...]:
    """Return the other comment pages (``?page=N``) linked from the comment section's pager.

    Drupal pages long threads with ``?page=N`` on the article URL; only pager links inside
    the comment section count, so the site's article listings are never mistaken for them.
    """
    own = _without_page(page.url)
    found: dict[str, None] = {}
    for href in page.xpath(_PAGER_LINKS):
        url = absolute(page.base_url, str(href))
        if not url:
            continue
        url = url.split("#", 1)[0]
        if url != page.url.split("#", 1)[0] and _without_page(url) == own:
            found[url] = None
    return tuple(found)


def _without_page(url: str) -> str:
    parts = urlsplit(url)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "page"])
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path.rstrip("/"), query, ""))

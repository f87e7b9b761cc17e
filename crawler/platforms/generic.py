"""The fallback for comment markup no platform module knows.

Two passes, the first that finds comments wins:

1. Elements whose class names them a comment (``comment``, ``kommentar``,
   ``commentaire``...) or whose id is ``comment-N``: most hand-made comment systems (Blogger,
   SPIP, Stack Exchange, news sites) say so in their markup.
2. Inside a comment section (``#comments``, ``.kommentare``, ``#reactions``...): repeated
   sibling blocks of the same shape, each with a readable date and some text.

What is never a comment: anything inside navigation, ``aside``, headers and footers,
forms, sidebars and widgets ("recent comments" lists excerpts of *other* pages' comments),
related-post and teaser blocks. A page without a comment section yields nothing.
"""

from __future__ import annotations

from collections import defaultdict

from lxml import etree

from crawler.platforms.base import Platform
from crawler.platforms.boundaries import SECTION_IDS, off_limits
from crawler.platforms.dates import parse_date
from crawler.platforms.dom import Page, ancestors, node_text, run_xpath, selector_xpath, xany
from crawler.platforms.fields import FieldRules, read_comments
from crawler.platforms.model import FieldOverrides, PageComments

__all__ = ["RULES", "Generic", "off_limits"]

_ITEM_CLASSES = ("comment", "kommentar", "commentaire", "comentario", "commento",
                 "comment-item", "commentlist-item")
_ITEM_CLASS_SET = frozenset(_ITEM_CLASSES)
_ITEMS = (
    f"//*[self::article or self::li or self::div or self::section][{xany(*_ITEM_CLASSES)}"
    " or (starts-with(@id,'comment-')"
    " and translate(substring-after(@id,'comment-'),'0123456789','')='')]"
)
_MIN_BLOCKS = 2
_DATE_ATTRS = ".//time/@datetime | .//*[@title]/@title"
_FIRST_TEXTS = ".//text()[normalize-space()][position() <= 12]"
_SECTION_CLASSES = ("comments", "kommentare", "commentaires", "comment-section", "reactions")
_AUTHOR_CLASSES = ("comment-meta__name", "author-name", "comment-user", "comment-author-name",
                   "username", "user-name", "fn", "user", "pseudo", "nickname")
_DATE_TITLE_CLASSES = ("relativetime", "relativetime-clean", "value-title", "date", "datetime",
                       "published", "timestamp")
_BODY_CLASSES = ("comment-copy", "post-message", "comment-content", "comment__body",
                 "comment__content", "comment-story", "comment-message-text")
_LOOSE_BODY_CLASSES = ("comment-body", "comment-text", "comment_text", "commentbody",
                       "comment-entry", "kommentar-text", "commentaire-texte")
_META_CLASSES = ("comment-meta", "comment-author", "comment-user", "comment-date", "datetime",
                 "comment-actions", "comment-reply", "comment-reply-link", "reply", "avatar",
                 "avatar-image-container", "comment-header", "comment-footer", "comment-score",
                 "comment-alert", "comment-select")
_SECTIONS = (
    "//*[" + " or ".join(f"@id='{name}'" for name in sorted(SECTION_IDS))
    + f" or {xany(*_SECTION_CLASSES)}]"
)

RULES = FieldRules(
    author=(
        f".//*[{xany(*_AUTHOR_CLASSES)}]",
        f".//*[{xany('comment-author', 'comment__author', 'author', 'comment-name')}]",
        ".//cite",
    ),
    author_url=(
        f".//*[{xany('comment-meta__name', 'author-name', 'comment-author', 'user', 'fn')}]//@href",
        f".//a[{xany('comment-user', 'url', 'username')}]/@href",
    ),
    date=(
        ".//time/@datetime",
        ".//*[@itemprop='datePublished' or @itemprop='dateCreated']/@content",
        f".//*[@title][{xany(*_DATE_TITLE_CLASSES)}]/@title",
        ".//abbr/@title",
        ".//*[@datetime]/@datetime",
        ".//*[contains(@class,'date') or contains(@class,'time') or contains(@class,'posted')]",
        ".//text()[normalize-space()][position() <= 8]",
    ),
    body=(
        f".//*[{xany(*_BODY_CLASSES)}]",
        ".//*[@itemprop='text' or @itemprop='commentText' or @itemprop='reviewBody']",
        f".//*[{xany(*_LOOSE_BODY_CLASSES)}]",
    ),
    external_id=(
        "@id",
        "@data-comment-id",
        "@data-cid",
        ".//*[@data-cid]/@data-cid",
        ".//a[contains(@href,'#comment-')]/@href",
    ),
    permalink=(".//a[contains(@href,'#comment') or contains(@href,'#c')]/@href",),
    prune=(
        f".//*[{xany(*_META_CLASSES)}]",
        ".//form | .//button | .//script | .//style | .//svg | .//footer | .//nav",
    ),
    fragment=None,
)


def _signature(el: etree._Element) -> tuple[str, str]:
    return str(el.tag), " ".join(sorted((el.get("class") or "").split()))


def _marker(el: etree._Element) -> tuple[str, frozenset[str]]:
    return str(el.tag), frozenset((el.get("class") or "").split()) & _ITEM_CLASS_SET


class Generic(Platform):
    """Comments found by their class names, or as repeated dated blocks in a comment section."""

    NAME = "generic"
    ALIASES = ("custom", "auto-generic")

    def detect(self, page: Page) -> bool:
        return True

    def extract(self, page: Page, overrides: FieldOverrides | None = None) -> PageComments:
        rules = RULES.with_overrides(overrides)
        if overrides is not None and overrides.item:
            items = list(page.xpath(selector_xpath(overrides.item)))
            return self.empty(comments=read_comments(page, items, rules))
        comments = read_comments(page, self.marked_items(page), rules)
        if not comments:
            comments = read_comments(page, self.repeated_blocks(page), rules)
        return self.empty(comments=comments)

    def marked_items(self, page: Page) -> list[etree._Element]:
        """Return elements marked as comments, minus wrappers and off-limits ones.

        A marked element holding a differently marked one (``div.comment-item`` around
        ``article.comment``) is a wrapper; one holding its like (``li.comment`` around a
        reply ``li.comment``) is a comment with replies.
        """
        if not page.mentions(*_ITEM_CLASSES):
            return []
        found = [el for el in page.xpath(_ITEMS) if not off_limits(el)]
        found_set = set(found)
        wrappers = set()
        for el in found:
            for ancestor in ancestors(el):
                if ancestor in found_set and _marker(ancestor) != _marker(el):
                    wrappers.add(ancestor)
        return [el for el in found if el not in wrappers]

    def repeated_blocks(self, page: Page) -> list[etree._Element]:
        """Return the largest group of same-shaped, dated sibling blocks in a comment section."""
        best: list[etree._Element] = []
        if not page.mentions(*SECTION_IDS, *_SECTION_CLASSES):
            return best
        for section in page.xpath(_SECTIONS):
            if off_limits(section):
                continue
            groups: dict[tuple[int, tuple[str, str]], list[etree._Element]] = defaultdict(list)
            for el in section.iter("div", "li", "article", "section"):
                parent = el.getparent()
                if parent is not None:
                    groups[(id(parent), _signature(el))].append(el)
            for group in groups.values():
                if len(group) >= _MIN_BLOCKS and len(group) > len(best):
                    dated = [el for el in group if _has_date(el) and node_text(el, 40)]
                    if len(dated) == len(group):
                        best = group
        return best


def _has_date(el: etree._Element) -> bool:
    for value in run_xpath(el, _DATE_ATTRS):
        if parse_date(str(value)):
            return True
    return any(len(text) < 80 and parse_date(str(text)) for text in run_xpath(el, _FIRST_TEXTS))

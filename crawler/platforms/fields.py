"""Read one comment's fields from its element: the loop every HTML platform shares.

A platform only says *where* things are (ordered XPath lists in :class:`FieldRules`, first
non-empty hit wins, as in trafilatura's ``xpaths.py``); this module owns the loop: copy the
item without its nested replies, read author, date, id and permalink, cut the meta line and
reply links out of the body, and link replies to their parents.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from copy import deepcopy
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from urllib.parse import urldefrag

from lxml import etree

from crawler.platforms.dates import parse_date
from crawler.platforms.dom import (
    Page,
    absolute,
    ancestors,
    clone_without,
    inner_html,
    node_text,
    remove_nodes,
    run_xpath,
    selector_xpath,
)
from crawler.platforms.model import ExtractedComment, FieldOverrides
from crawler.platforms.select import Select, outer_blocks

__all__ = ["FieldRules", "ancestor_parent", "read_comments"]

logger = logging.getLogger(__name__)

#: More comment elements than this on one page are ignored (a hostile or broken page).
MAX_ITEMS = 5_000

_ID_DIGITS = re.compile(r"(\d{1,20})\s*$")
_ATTRIBUTE = re.compile(r"@[A-Za-z_][A-Za-z0-9_-]*")
_DATE_ATTRS = ("datetime", "content", "data-timestamp", "data-comment-timestamp", "title")

ParentFinder = Callable[[etree._Element, dict[etree._Element, str | None]], str | None]


@dataclass(frozen=True, slots=True)
class FieldRules:
    """Where a platform keeps each field, as XPaths relative to one comment element."""

    author: tuple[str, ...] = ()
    """Elements or strings whose text is the author's name."""
    author_url: tuple[str, ...] = ()
    """Strings (``@href``) with the author's link."""
    date: tuple[str, ...] = ()
    """Attributes or elements holding the date (attribute values win over text)."""
    body: tuple[str, ...] = ()
    """Elements holding the comment body; when none matches, the item minus ``prune``."""
    external_id: tuple[str, ...] = ()
    """Strings ending in the platform's comment id (``comment-123``)."""
    permalink: tuple[str, ...] = ()
    """Strings (``@href``) with the comment's own URL."""
    prune: tuple[str | Select, ...] = ()
    """Elements cut from the body: meta line, avatar, reply and edit links, forms (XPaths,
    or a :class:`~crawler.platforms.select.Select` that finds them in one walk)."""
    fragment: str | None = None
    """Permalink fragment built from the id when the page shows none (``comment-{id}``)."""

    def with_overrides(self, overrides: FieldOverrides | None) -> FieldRules:
        """Return these rules with a site's configured selectors tried first."""
        if overrides is None:
            return self
        changes: dict[str, tuple[str, ...]] = {}
        for name, rule_name in (("author", "author"), ("date", "date"), ("body", "body"),
                                ("id", "external_id")):
            selector = getattr(overrides, name)
            if selector:
                changes[rule_name] = (selector_xpath(selector), *getattr(self, rule_name))
        return replace(self, **changes) if changes else self


def ancestor_parent(item: etree._Element, ids: dict[etree._Element, str | None]) -> str | None:
    """Return the id of the nearest enclosing comment (replies nested inside their parent)."""
    for ancestor in ancestors(item):
        if ancestor in ids:
            return ids[ancestor]
    return None


def read_comments(
    page: Page,
    items: Sequence[etree._Element],
    rules: FieldRules,
    *,
    parent_of: ParentFinder = ancestor_parent,
) -> tuple[ExtractedComment, ...]:
    """Read every comment element of a page, in document order.

    Args:
        page: the parsed page (for resolving links).
        items: the comment elements, outermost and nested alike.
        rules: where the platform keeps each field.
        parent_of: finds a reply's parent id (default: the nearest enclosing item).

    Returns:
        One comment per item whose body has text; items with an empty body are dropped.
    """
    if len(items) > MAX_ITEMS:
        logger.warning("%s: %d comment elements, only the first %d read", page.url,
                       len(items), MAX_ITEMS)
        items = items[:MAX_ITEMS]
    item_set = set(items)
    containers = _containers(items)
    ids = {item: _external_id(item, rules) for item in items}
    comments = []
    for item in items:
        clone = clone_without(item, item_set, containers)  # item is never its own child
        comment = _read_one(page, clone, rules, ids[item], parent_of(item, ids))
        if comment is not None:
            comments.append(comment)
    return tuple(comments)


def _containers(items: Sequence[etree._Element]) -> set[etree._Element]:
    """Return every element that has a comment element somewhere below it."""
    found: set[etree._Element] = set()
    for item in items:
        for ancestor in item.iterancestors():
            if ancestor in found:
                break
            found.add(ancestor)
    return found


def _external_id(item: etree._Element, rules: FieldRules) -> str | None:
    for query in rules.external_id:
        for value in _strings(item, query):
            match = _ID_DIGITS.search(value)
            if match:
                return match.group(1)
    return None


def _read_one(page: Page, clone: etree._Element, rules: FieldRules, external_id: str | None,
              parent_id: str | None) -> ExtractedComment | None:
    author = _first_text(clone, rules.author)
    author_url = None
    if rules.author_url:
        for value in _strings(clone, _union(rules.author_url)):
            author_url = absolute(page.base_url, value)
            if author_url:
                break
    posted_at = _first_date(clone, rules.date)
    permalink = _permalink(page, clone, rules, external_id)
    body = _body(clone, rules)
    if not body:
        return None
    return ExtractedComment(
        external_id=external_id,
        parent_id=parent_id if parent_id != external_id else None,
        author=author,
        author_url=author_url,
        posted_at=posted_at,
        html=body,
        permalink=permalink,
    )


@lru_cache(maxsize=256)
def _union(queries: tuple[str, ...]) -> str:
    """Join XPaths whose hits are all wanted into one query (one evaluation, not many)."""
    return " | ".join(f"({q})" if "|" in q else q for q in queries)


def _xpath(el: etree._Element, query: str) -> list:  # type: ignore[type-arg]
    try:
        return run_xpath(el, query)
    except etree.XPathError:
        logger.warning("bad XPath %r skipped", query)
        return []


@lru_cache(maxsize=256)
def _attribute_name(query: str) -> str | None:
    """Return ``name`` when ``query`` is just ``@name`` (read without an XPath evaluation)."""
    return query[1:] if _ATTRIBUTE.fullmatch(query) else None


def _strings(el: etree._Element, query: str) -> list[str]:
    name = _attribute_name(query)
    if name is not None:
        value = el.get(name)
        found: list = [] if value is None else [value]  # type: ignore[type-arg]
    else:
        found = _xpath(el, query)
    out = []
    for node in found:
        text = node_text(node) if isinstance(node, etree._Element) else str(node).strip()
        if text:
            out.append(text)
    return out


def _first_text(el: etree._Element, queries: tuple[str, ...]) -> str | None:
    for query in queries:
        for text in _strings(el, query):
            return text[:200]
    return None


def _first_date(el: etree._Element, queries: tuple[str, ...]) -> datetime | None:
    for query in queries:
        for node in _xpath(el, query):
            candidates = []
            if isinstance(node, etree._Element):
                candidates = [node.get(a) for a in _DATE_ATTRS if node.get(a)]
                candidates.append(node_text(node, 200))
            else:
                candidates = [str(node)]
            for candidate in candidates:
                parsed = parse_date(candidate)
                if parsed is not None:
                    return parsed
    return None


def _permalink(page: Page, clone: etree._Element, rules: FieldRules,
               external_id: str | None) -> str | None:
    for query in rules.permalink:
        for value in _strings(clone, query):
            url = absolute(page.base_url, value)
            if url:
                return url
    if external_id and rules.fragment:
        return urldefrag(page.url)[0] + "#" + rules.fragment.format(id=external_id)
    return None


def _body(clone: etree._Element, rules: FieldRules) -> str:
    body = None
    for query in rules.body:
        elements = [n for n in _xpath(clone, query) if isinstance(n, etree._Element)]
        if elements:
            body = elements[0]
            break
    target = body if body is not None else clone
    if rules.prune:
        remove_nodes(target, _pruned(target, rules.prune))
    target = _content_blocks(target)
    if not node_text(target, 50):
        return ""
    return inner_html(target)


def _pruned(target: etree._Element, prune: tuple[str | Select, ...]) -> list[etree._Element]:
    """Return what ``prune`` selects below ``target``: the XPaths as one union, then the walks."""
    queries = tuple(q for q in prune if isinstance(q, str))
    found = _xpath(target, _union(queries)) if queries else []
    for select in prune:
        if isinstance(select, Select):
            seen = set(found)
            found.extend(n for n in select(target) if n not in seen)
    return found


def _content_blocks(target: etree._Element) -> etree._Element:
    """Return only the paragraphs of ``target`` when the rest is a short meta line.

    Themes put "Name, March 7, 2018" as loose text beside the ``<p>`` paragraphs of the
    body; WordPress and most CMSs wrap every real comment line in a block element.
    """
    blocks = outer_blocks(target)
    if not blocks:
        return target
    block_chars = sum(len(node_text(b, 100_000)) for b in blocks)
    loose_chars = len(node_text(target, 100_000)) - block_chars
    if loose_chars <= 0 or loose_chars > 120 or loose_chars >= block_chars:
        return target
    holder = etree.Element("div")
    for block in blocks:
        copy = deepcopy(block)
        copy.tail = None
        holder.append(copy)
    return holder

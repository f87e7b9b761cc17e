"""schema.org ``Comment`` in microdata and JSON-LD: sites that describe their comments.

Microdata: an element with ``itemtype="https://schema.org/Comment"`` (sites write it in any
case and with http or https), the body in ``itemprop="text"``, the author in
``itemprop="author"`` and the date in ``itemprop="dateCreated"``. JSON-LD: objects with
``"@type": "Comment"``, usually in the ``comment`` array of the article, replies nested in
their parent's ``comment``. ``CommentAction`` (a "you can comment" hint) is not a comment.
"""

from __future__ import annotations

import html as html_lib
import json
import logging
import re
from typing import Any

from lxml import etree

from crawler.platforms.base import Platform
from crawler.platforms.boundaries import off_limits
from crawler.platforms.dates import parse_date
from crawler.platforms.dom import Page, absolute, selector_xpath
from crawler.platforms.fields import FieldRules, read_comments
from crawler.platforms.model import ExtractedComment, FieldOverrides, PageComments

__all__ = ["RULES", "SchemaOrg"]

logger = logging.getLogger(__name__)

_MICRODATA = ("//*[@itemtype][contains(translate(@itemtype,'COMENT','coment'),"
              "'schema.org/comment')]")
_JSONLD = "//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]/text()"
_TYPE_TOKEN = re.compile(r"schema\.org/comment$", re.IGNORECASE)
MAX_JSONLD_CHARS = 2_000_000
MAX_NODES = 100_000

RULES = FieldRules(
    author=(
        ".//*[@itemprop='author' or @itemprop='creator']//*[@itemprop='name']",
        ".//*[@itemprop='author' or @itemprop='creator']",
    ),
    author_url=(".//*[@itemprop='author' or @itemprop='creator']//@href",),
    date=(
        ".//*[@itemprop='dateCreated' or @itemprop='datePublished' or @itemprop='commentTime']",
    ),
    body=(".//*[@itemprop='text' or @itemprop='commentText']", ".//*[@itemprop='description']"),
    external_id=("@id", "@itemid", ".//*[@itemprop='url']/@href", ".//*[@itemprop='url']/@content"),
    permalink=(".//*[@itemprop='url']/@href", ".//*[@itemprop='url']/@content", "@itemid"),
    prune=(".//*[@itemprop='author'] | .//*[@itemprop='dateCreated'] | .//script | .//form",),
)


def _is_comment_type(value: str) -> bool:
    return any(_TYPE_TOKEN.search(token) for token in value.split())


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type")
    if isinstance(kind, str):
        return [kind]
    return [k for k in kind if isinstance(k, str)] if isinstance(kind, list) else []


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, list) and value:
        return _text(value[0])
    return None


def _author_url(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        url = value.get("url") or value.get("sameAs")
        return url if isinstance(url, str) else None
    return None


def _json_id(node: dict[str, Any]) -> str | None:
    for key in ("identifier", "@id", "url"):
        value = node.get(key)
        if isinstance(value, int | str) and str(value).strip():
            text = str(value).strip()
            match = re.search(r"(\d{1,20})\s*$", text)
            return match.group(1) if match else text[:200]
    return None


def jsonld_comments(page: Page) -> tuple[ExtractedComment, ...]:
    """Return the comments described by the page's JSON-LD blocks."""
    found: list[ExtractedComment] = []
    for block in page.xpath(_JSONLD):
        try:
            data = json.loads(str(block)[:MAX_JSONLD_CHARS])
        except ValueError:
            continue
        stack: list[tuple[Any, str | None]] = [(data, None)]
        seen = 0
        while stack and seen < MAX_NODES:
            node, parent = stack.pop()
            seen += 1
            if isinstance(node, list):
                stack.extend((child, parent) for child in reversed(node))
                continue
            if not isinstance(node, dict):
                continue
            own_parent = parent
            if "Comment" in _types(node):
                comment = _jsonld_comment(page, node, parent)
                if comment is not None:
                    found.append(comment)
                    own_parent = comment.external_id
            for key in reversed(list(node)):
                if key not in ("author", "creator", "potentialAction"):
                    stack.append((node[key], own_parent))
    return tuple(found)


def _jsonld_comment(page: Page, node: dict[str, Any], parent: str | None) -> ExtractedComment | None:
    text = _text(node.get("text")) or _text(node.get("commentText"))
    if not text:
        return None
    author = node.get("author") or node.get("creator")
    date = node.get("dateCreated") or node.get("datePublished")
    url = node.get("url")
    return ExtractedComment(
        external_id=_json_id(node),
        parent_id=parent,
        author=(_text(author) or "")[:200] or None,
        author_url=absolute(page.base_url, _author_url(author)),
        posted_at=parse_date(date) if isinstance(date, str) else None,
        html=html_lib.escape(text, quote=False).replace("\n", "<br>"),
        permalink=absolute(page.base_url, url) if isinstance(url, str) else None,
    )


class SchemaOrg(Platform):
    """Comments described with schema.org microdata or JSON-LD."""

    NAME = "schema-org"
    ALIASES = ("schema.org", "schemaorg", "microdata", "json-ld", "jsonld")

    def detect(self, page: Page) -> bool:
        if not page.mentions("schema.org/comment", '"comment"'):
            return False
        if page.xpath(_MICRODATA):
            return True
        return any('"Comment"' in str(block) for block in page.xpath(_JSONLD))

    def extract(self, page: Page, overrides: FieldOverrides | None = None) -> PageComments:
        if overrides is not None and overrides.item:
            items: list[etree._Element] = list(page.xpath(selector_xpath(overrides.item)))
        else:
            items = [el for el in page.xpath(_MICRODATA)
                     if _is_comment_type(el.get("itemtype", "")) and not off_limits(el)]
        comments = read_comments(page, items, RULES.with_overrides(overrides))
        if not comments:
            comments = jsonld_comments(page)
        return self.empty(comments=comments)

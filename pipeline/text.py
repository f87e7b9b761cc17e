"""Turn one comment's HTML into the plain text every offset refers to.

BeautifulSoup is used here, and only here, because comment HTML is small and often broken
(unclosed tags, stray entities, Disqus markup) and its tolerance matters more than speed.
Page-level work stays with Scrapy's lxml selectors in ``crawler/``.

Links keep their target: ``<a href="https://x.example/">click here</a>`` becomes
``click here (https://x.example/)`` so the contact stage sees where a link really goes,
and the offsets still index the text we return.
"""

from __future__ import annotations

import logging
import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag

__all__ = ["MAX_HTML_CHARS", "html_to_text", "looks_like_html"]

logger = logging.getLogger(__name__)

#: Comment HTML beyond this many characters is cut before parsing: no real comment is this
#: long, and a hostile one must not cost unbounded time.
MAX_HTML_CHARS = 200_000

_BLOCK_TAGS = frozenset(
    {"p", "div", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
     "table", "section", "article", "header", "footer"}
)
#: Elements that start a new line but, unlike paragraphs, leave no blank line after them.
_LINE_TAGS = frozenset({"li", "tr", "dd", "dt"})
_DROP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})
_HTML_HINT = re.compile(r"<(?:p|br|a|div|span|b|i|em|strong|ul|ol|li|blockquote)\b[^>]{0,200}>|&(?:amp|lt|gt|quot|nbsp|#\d{1,6});", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def looks_like_html(text: str) -> bool:
    """Return True when ``text`` carries HTML tags or entities worth parsing."""
    return _HTML_HINT.search(text[:MAX_HTML_CHARS]) is not None


def html_to_text(html: str) -> str:
    """Return the readable text of a comment's HTML.

    Block elements and ``<br>`` become line breaks, scripts and styles disappear, entities
    are decoded, and an anchor whose target differs from its visible text is followed by the
    target in brackets.

    Args:
        html: the comment body as HTML (a fragment; broken markup is fine).

    Returns:
        Plain text with runs of spaces collapsed and at most one blank line in a row.
    """
    if not isinstance(html, str):
        raise TypeError(f"html_to_text expects str, not {type(html).__name__}")
    if len(html) > MAX_HTML_CHARS:
        logger.warning("comment HTML of %d chars cut to %d", len(html), MAX_HTML_CHARS)
        html = html[:MAX_HTML_CHARS]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(html, "lxml")
    parts: list[str] = []
    _walk(soup, parts)
    text = "".join(parts)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def _walk(root: Tag, parts: list[str]) -> None:
    """Append the text of ``root``'s subtree to ``parts``.

    Iterative, with an explicit stack: a hostile comment nested thousands of levels deep
    must not exhaust the interpreter's recursion limit.
    """
    stack: list[object] = list(reversed(list(root.children)))
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):  # (element, index of its first part): element closes
            element, first_part = item
            if element.name == "a":
                _append_link_target(element, parts, first_part)
            if element.name in _BLOCK_TAGS:
                parts.append("\n")
            continue
        if isinstance(item, NavigableString):
            if type(item) is NavigableString or item.__class__.__name__ == "CData":
                parts.append(str(item).replace("\xa0", " "))
            continue
        if not isinstance(item, Tag):
            continue
        name = item.name
        if name in _DROP_TAGS:
            continue
        if name == "br":
            parts.append("\n")
            continue
        if name == "img":
            alt = item.get("alt")
            if isinstance(alt, str) and alt.strip():
                parts.append(alt)
            continue
        if name in _BLOCK_TAGS or name in _LINE_TAGS:
            parts.append("\n")
        stack.append((item, len(parts)))
        stack.extend(reversed(list(item.children)))


def _append_link_target(anchor: Tag, parts: list[str], first_part: int) -> None:
    href = anchor.get("href")
    if not isinstance(href, str):
        return
    href = href.strip()
    if not href.lower().startswith(("http://", "https://", "mailto:", "tel:")):
        return
    shown = "".join(parts[first_part:]).strip()
    target = href[7:] if href.lower().startswith("mailto:") else href
    target = target[4:] if target.lower().startswith("tel:") else target
    if _same_target(shown, target):
        return
    parts.append(f" ({target})")


def _same_target(shown: str, target: str) -> bool:
    def bare(value: str) -> str:
        value = value.lower().rstrip("/")
        for prefix in ("https://", "http://", "www."):
            value = value.removeprefix(prefix)
        return value

    return bare(shown) == bare(target)

"""Small lxml helpers shared by the platform modules: parse, class tests, copy, serialise.

Page-level work uses lxml (through parsel's parser settings) because it is several times
faster than BeautifulSoup over whole pages; BeautifulSoup stays in ``pipeline.text`` for one
comment's HTML. Nothing here recurses in Python, so a page nested thousands of levels deep
cannot exhaust the interpreter stack.
"""

from __future__ import annotations

import html as html_lib
import logging
from collections.abc import Iterable, Iterator
from copy import deepcopy
from functools import lru_cache
from itertools import islice
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html
from parsel import Selector
from parsel.csstranslator import HTMLTranslator

__all__ = [
    "MAX_PAGE_CHARS",
    "Page",
    "absolute",
    "ancestors",
    "attr",
    "clone_without",
    "compiled",
    "has_class",
    "inner_html",
    "node_text",
    "parse_page",
    "remove_nodes",
    "run_xpath",
    "selector_xpath",
    "xany",
    "xcls",
]

logger = logging.getLogger(__name__)

#: Pages beyond this many characters are cut before parsing: no comment page is this big,
#: and a hostile one must not cost unbounded memory.
MAX_PAGE_CHARS = 8_000_000

#: How far up the tree ancestor checks look. Real comment markup sits a few dozen levels
#: deep; a hostile page nested thousands deep must not make every check quadratic.
MAX_ANCESTORS = 100

_TRANSLATOR = HTMLTranslator()


class Page:
    """A parsed page: its lxml root, its URL and the base URL links resolve against."""

    __slots__ = ("_lower", "_scripts", "base_url", "html", "root", "url")

    def __init__(self, root: etree._Element, url: str, html: str = "") -> None:
        self.root = root
        self.url = url
        self.html = html
        self._lower: str | None = None
        # The first <base href>, as ``//base/@href`` finds it; iter() filters tags in C.
        base = next((b.get("href") for b in root.getroottree().getroot().iter("base")
                     if b.get("href") is not None), None)
        self.base_url = urljoin(url, base.strip()) if base is not None else url
        self._scripts: str | None = None

    def xpath(self, query: str) -> list:  # type: ignore[type-arg]
        """Run an XPath query on the whole page."""
        return run_xpath(self.root, query)

    def mentions(self, *needles: str) -> bool:
        """Return True when the page source contains any of ``needles`` (lower case).

        A substring test on the source costs microseconds; platforms use it to skip XPath
        probes (milliseconds each on a large page) for markup the page cannot contain. A
        page built without its source text mentions everything.
        """
        if not self.html:
            return True
        if self._lower is None:
            self._lower = self.html.lower()
        return any(needle in self._lower for needle in needles)

    @property
    def scripts(self) -> str:
        """Text of all inline scripts, joined (capped), for platform config sniffing."""
        if self._scripts is None:
            parts = [str(s) for s in self.root.xpath("//script[not(@src)]/text()")]
            self._scripts = "\n".join(parts)[:2_000_000]
        return self._scripts


def parse_page(html: str, url: str) -> Page:
    """Parse a page with lxml's forgiving HTML parser (as Scrapy's selectors do)."""
    if len(html) > MAX_PAGE_CHARS:
        logger.warning("page %s of %d chars cut to %d", url, len(html), MAX_PAGE_CHARS)
        html = html[:MAX_PAGE_CHARS]
    try:
        root = Selector(text=html or "<html></html>", type="html").root
    except UnicodeEncodeError:  # lone surrogates from a bad decode upstream
        html = html.encode("utf-8", errors="replace").decode("utf-8")
        root = Selector(text=html or "<html></html>", type="html").root
    if not isinstance(root, etree._Element):  # an unparsable page: parsel gives None
        root = lxml_html.fromstring("<html></html>")
    return Page(root, url, html)


@lru_cache(maxsize=1024)
def compiled(query: str) -> etree.XPath:
    """Return ``query`` compiled once (lxml would otherwise compile it on every call).

    Raises:
        etree.XPathSyntaxError: the query is not valid XPath.
    """
    return etree.XPath(query)


def run_xpath(el: etree._Element, query: str) -> list:  # type: ignore[type-arg]
    """Evaluate an XPath on ``el``; a non-list result (count, string) becomes a list."""
    found = compiled(query)(el)
    if isinstance(found, list):
        return found
    return [found] if found else []


def ancestors(el: etree._Element) -> Iterator[etree._Element]:
    """Yield the element's ancestors, nearest first, at most :data:`MAX_ANCESTORS` of them."""
    return islice(el.iterancestors(), MAX_ANCESTORS)


def xcls(name: str) -> str:
    """Return an XPath predicate body true when ``@class`` has the token ``name``."""
    # The plain contains() rejects most elements before the costly token test.
    return (f"(contains(@class, '{name}')"
            f" and contains(concat(' ', normalize-space(@class), ' '), ' {name} '))")


def xany(*names: str) -> str:
    """Return an XPath predicate body true when ``@class`` has any of the tokens ``names``."""
    return " or ".join(xcls(name) for name in names)


def has_class(el: etree._Element, *names: str) -> bool:
    """Return True when the element's class attribute has any of the tokens ``names``."""
    tokens = (el.get("class") or "").split()
    return any(n in tokens for n in names)


def attr(el: etree._Element, name: str) -> str | None:
    """Return a stripped attribute value, or None when absent or blank."""
    value = el.get(name)
    if value is None:
        return None
    value = value.strip()
    return value or None


def selector_xpath(selector: str) -> str:
    """Turn a site-configured selector (CSS, or ``xpath:...``) into a relative XPath."""
    if selector.startswith("xpath:"):
        return selector[len("xpath:"):].strip()
    return _TRANSLATOR.css_to_xpath(selector, prefix="descendant-or-self::")


def node_text(node: object, limit: int = 500) -> str:
    """Return the whitespace-collapsed text of a node or XPath string result."""
    text = "".join(node.itertext()) if isinstance(node, etree._Element) else str(node)
    # split() and regex \s agree on what whitespace is; split/join is the faster collapse.
    return " ".join(text[: limit * 4].split())[:limit]


def absolute(base_url: str, href: str | None) -> str | None:
    """Resolve ``href`` against ``base_url``; only http(s) results are kept."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("javascript:", "mailto:", "tel:", "data:")):
        return None
    try:
        url = urljoin(base_url, href)
    except ValueError:
        return None
    return url if urlsplit(url).scheme in ("http", "https") else None


def clone_without(el: etree._Element, skip: set[etree._Element],
                  containers: set[etree._Element]) -> etree._Element:
    """Copy ``el`` leaving out the subtrees in ``skip`` (nested replies).

    Only elements in ``containers`` (ancestors of something in ``skip``) are walked; every
    other child is deep-copied whole, so the work is proportional to the item's own size.
    """
    if el not in containers:  # nothing to leave out below: one copy in C
        whole = deepcopy(el)
        whole.tail = None
        return whole
    top = _shallow(el)
    top.tail = None
    stack = [(el, top)]
    while stack:
        src, dst = stack.pop()
        for child in src:
            if child in skip:
                continue
            if child in containers:
                copy = _shallow(child)
                copy.tail = child.tail
                dst.append(copy)
                stack.append((child, copy))
            else:
                dst.append(deepcopy(child))
    return top


def _shallow(el: etree._Element) -> etree._Element:
    if not isinstance(el.tag, str):  # comment or processing instruction
        return deepcopy(el)
    copy = lxml_html.Element(el.tag, dict(el.attrib))  # type: ignore[arg-type]
    copy.text = el.text
    return copy


def remove_nodes(root: etree._Element, nodes: Iterable[etree._Element]) -> None:
    """Remove nodes from ``root``'s tree, keeping their tail text in place."""
    for node in list(nodes):
        if node is root:
            continue
        parent = node.getparent()
        if parent is None:
            continue
        tail = node.tail
        previous = node.getprevious()
        parent.remove(node)
        if tail and tail.strip():
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def inner_html(el: etree._Element) -> str:
    """Serialise the content of ``el`` (not the element itself) as HTML."""
    parts = [html_lib.escape(el.text, quote=False)] if el.text else []
    for child in el:
        if isinstance(child.tag, str):
            parts.append(etree.tostring(child, method="html", encoding="unicode", with_tail=True))
        elif child.tail:  # an HTML comment: keep only the text after it
            parts.append(html_lib.escape(child.tail, quote=False))
    return "".join(parts).strip()

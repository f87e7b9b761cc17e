"""Element selection by class tokens and tag names in one walk of the tree.

Class-token XPaths (``.//*[contains(concat(' ', normalize-space(@class), ' '), ' x ')]``)
are the costliest part of extraction: libxml2 re-reads and re-normalises ``@class`` once
per class name and element, so a prune rule naming fifteen meta classes costs more than
the rest of a comment's fields together. :class:`Select` and :func:`outer_blocks` give the
same nodes, in the same (document) order, from a single pass in Python; each can print
its XPath twin (:attr:`Select.xpath`), and the tests hold the two to the same answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

__all__ = ["BLOCK_TAGS", "Select", "class_tokens", "outer_blocks"]

#: Block elements a comment's real text lines are wrapped in.
BLOCK_TAGS = frozenset({"p", "blockquote", "pre", "ul", "ol", "table"})
#: XPath's normalize-space() splits on these four characters only (not on NBSP etc.).
_XML_SPACE = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def class_tokens(el: etree._Element) -> list[str]:
    """Return the class tokens of ``el`` as XPath's ``normalize-space(@class)`` splits them.

    Runs of spaces leave empty strings in the list; no class name is empty, so membership
    tests are unaffected.
    """
    value = el.get("class")
    return value.translate(_XML_SPACE).split(" ") if value else []


@dataclass(frozen=True, slots=True)
class Select:
    """Descendants of an element matched by class token or tag, in document order.

    Equivalent to the XPath union of ``.//*[<any class token in classes>]``,
    ``.//<tag>`` for ``tags``, ``./<tag>`` for ``child_tags`` and
    ``.//<tag>[@class='<value>']`` for ``tag_class`` (see :attr:`xpath`).
    """

    classes: frozenset[str] = frozenset()
    """Class tokens: a descendant carrying any of them is selected."""
    tags: frozenset[str] = frozenset()
    """Tag names selected anywhere below the element."""
    child_tags: frozenset[str] = frozenset()
    """Tag names selected only as direct children of the element."""
    tag_class: tuple[tuple[str, str], ...] = ()
    """(tag, exact class attribute value) pairs selected anywhere below the element."""

    @classmethod
    def of(cls, *, classes: Iterable[str] = (), tags: Iterable[str] = (),
           child_tags: Iterable[str] = (), tag_class: Iterable[tuple[str, str]] = ()) -> Select:
        """Build a selector from any iterables of names."""
        return cls(frozenset(classes), frozenset(tags), frozenset(child_tags), tuple(tag_class))

    def __call__(self, el: etree._Element) -> list[etree._Element]:
        """Return the selected descendants of ``el`` (never ``el`` itself)."""
        found = []
        walk = el.iter()
        next(walk)  # el itself
        for node in walk:
            tag = node.tag
            if not isinstance(tag, str):  # comment or processing instruction
                continue
            if (tag in self.tags
                    or (self.child_tags and tag in self.child_tags and node.getparent() is el)
                    or (self.tag_class and (tag, node.get("class")) in self.tag_class)
                    or (self.classes and not self.classes.isdisjoint(class_tokens(node)))):
                found.append(node)
        return found

    @property
    def xpath(self) -> str:
        """Return the XPath that selects the same nodes (slower; for tests and reading)."""
        parts = []
        if self.classes:
            tests = " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {c} ')"
                                for c in sorted(self.classes))
            parts.append(f".//*[{tests}]")
        parts += [f".//{tag}" for tag in sorted(self.tags)]
        parts += [f"./{tag}" for tag in sorted(self.child_tags)]
        parts += [f".//{tag}[@class='{value}']" for tag, value in self.tag_class]
        return " | ".join(parts) or "self::*[false()]"


def outer_blocks(el: etree._Element) -> list[etree._Element]:
    """Return the outermost block elements below ``el``, in document order.

    Equivalent to ``.//*[B][not(ancestor::*[B])]`` with B the :data:`BLOCK_TAGS`: nothing
    when ``el`` or one of its ancestors is itself a block. The walk does not enter the
    blocks it finds and uses no recursion.
    """
    if el.tag in BLOCK_TAGS or any(a.tag in BLOCK_TAGS for a in el.iterancestors()):
        return []
    found = []
    stack = list(reversed(el))
    while stack:
        node = stack.pop()
        if node.tag in BLOCK_TAGS:
            found.append(node)
        elif isinstance(node.tag, str):
            stack.extend(reversed(node))
    return found

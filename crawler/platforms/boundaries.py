"""Where comments never are: navigation, sidebars, widgets, footers, forms, teasers.

A "recent comments" widget lists excerpts of comments on *other* pages, a related-posts
block repeats dated teasers, a footer may even carry a ``div.comment``; none of them is a
comment of this page. Every platform drops candidates found there. The walk up the tree
stops at the page's comment section (``id="comments"`` and its translations), so a theme
that wraps everything in a ``widget`` (Blogger) still has its comments found.
"""

from __future__ import annotations

import re

from lxml import etree

from crawler.platforms.dom import ancestors

__all__ = ["SECTION_IDS", "off_limits"]

#: Ids of comment sections; the ancestor walk stops there.
SECTION_IDS = frozenset({"comments", "kommentare", "commentaires", "reactions", "responses",
                          "discussion", "comment-section", "comments-section"})
_OFF_LIMITS_TAGS = frozenset({"nav", "aside", "footer", "header", "form", "menu", "template"})
_OFF_LIMITS_NAME = re.compile(
    r"^(?:sidebar|widget|related|recent|teaser|footer|site-footer|menu|nav|navbar|navigation"
    r"|breadcrumbs?|popular|most-read|newsletter|share|social)(?:$|[-_])", re.IGNORECASE)


def off_limits(el: etree._Element) -> bool:
    """Return True when ``el`` sits in navigation, a sidebar, a widget, a footer or a form."""
    for node in (el, *ancestors(el)):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("body", "html") or (node is not el and node.get("id") in SECTION_IDS):
            return False
        if tag in _OFF_LIMITS_TAGS:
            return True
        names = (node.get("class") or "").split()
        node_id = node.get("id")
        if node_id:
            names.append(node_id)
        if any(_OFF_LIMITS_NAME.match(name) for name in names):
            return True
    return False

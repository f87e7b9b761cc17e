"""The one-walk selectors give exactly the nodes of the XPaths they replace, in order."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from crawler.platforms import parse_page
from crawler.platforms.dom import compiled, xany
from crawler.platforms.select import Select, class_tokens, outer_blocks
from crawler.platforms.wordpress import (
    _ITEMS,
    _LIST,
    _META_CLASSES,
    RULES,
    comment_lists,
    list_items,
)

from .conftest import PAGES, fixture_text

DEMO = Path(__file__).resolve().parents[3] / "commentwatch" / "demo_site"
_BLOCKS = ("//*[self::p or self::blockquote or self::pre or self::ul or self::ol or self::table]"
           "[not(ancestor::*[self::p or self::blockquote or self::pre or self::ul or self::ol"
           " or self::table])]")
_RELATIVE_BLOCKS = "." + _BLOCKS
#: The WordPress prune rule as XPaths, before it became one walk.
_WORDPRESS_PRUNE = (
    f".//*[{xany(*_META_CLASSES)}]"
    " | .//footer | .//form | .//script | .//style | .//noscript | .//cite[@class='fn']"
    " | ./cite | ./img"
)

#: Markup that trips naive class tests: tabs, newlines and NBSP in class, near-miss names,
#: HTML comments, nested lists and blocks, pingbacks, ids without classes.
TRICKY = """<html><head><base href="/base/"></head><body>
<div id="comments"><ol class="comment-list	wide">
 <li id="comment-1" class="comment even"><article id="div-comment-1" class="comment-body">
  <footer class="comment-meta"><div class="comment-author
   vcard"><img class="avatar" src="a.png"><b class="fn"><a href="/u/1" class="url">Ann</a></b>
   <span class="says">says:</span></div>
  <div class="comment-metadata"><a href="#comment-1"><time datetime="2020-01-02T03:04:05Z">
   Jan 2</time></a></div></footer>
  <div class="comment-content"><p>First <b>bold</b></p><!-- note --><blockquote><p>q</p>
   </blockquote>loose<table><tr><td><p>cell</p></td></tr></table></div>
  <div class="reply"><a class="comment-reply-link" href="?replytocom=1">Reply</a></div>
 </article>
 <ol class="children"><li id="li-comment-2"><div class="comment-content">Reply</div>
  <ul class="children"><li class="x"><p>deep</p></li></ul></li></ol></li>
 <li class="pingback" id="comment-3"><p>ping</p></li>
 <div id="comment-4"><p>div item</p><cite class="fn">Bo</cite><cite>x</cite></div>
 <article class="comment"><p>article item</p></article>
 <li class="commentx comment&#160;reply"><p>nbsp class</p></li>
</ol></div>
<ul id="comments-list"><li class="notcomment"><p>n</p></li></ul>
<div class="comments-list-x commentlist"><div id="comment-9"><p>nine</p></div></div>
<aside><ol class="comment-list"><li class="comment"><p>widget</p></li></ol></aside>
</body></html>"""


def _pages() -> list[str]:
    texts = [fixture_text(p.name) for p in sorted(PAGES.glob("*.html"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(DEMO.rglob("*.html"))]
    return [*texts, TRICKY]


PAGE_TEXTS = _pages()


def _roots() -> list[etree._Element]:
    return [parse_page(text, "https://site.example/a/").root for text in PAGE_TEXTS]


def _all_elements() -> list[etree._Element]:
    return [el for root in _roots() for el in root.iter() if isinstance(el.tag, str)]


def test_class_tokens_split_like_normalize_space() -> None:
    el = etree.fromstring('<p class=" a\tb\nc\r d\u00a0e  "/>')
    assert {t for t in class_tokens(el) if t} == {"a", "b", "c", "d\u00a0e"}
    assert class_tokens(etree.fromstring("<p/>")) == []


@pytest.mark.parametrize("select", [
    RULES.prune[0],
    Select.of(classes=("comment-content",)),
    Select.of(tags=("p", "b")),
    Select.of(child_tags=("cite", "img")),
    Select.of(tag_class=(("cite", "fn"),)),
    Select(),
])
def test_select_matches_its_xpath(select: Select) -> None:
    query = compiled(select.xpath)
    for el in _all_elements():
        assert select(el) == query(el), etree.tostring(el)[:200]


def test_wordpress_prune_matches_the_former_xpaths() -> None:
    query = compiled(_WORDPRESS_PRUNE)
    for el in _all_elements():
        assert RULES.prune[0](el) == query(el), etree.tostring(el)[:200]


def test_outer_blocks_match_the_xpath() -> None:
    query = compiled(_RELATIVE_BLOCKS)
    for el in _all_elements():
        assert outer_blocks(el) == query(el), etree.tostring(el)[:200]


def test_comment_lists_and_items_match_the_xpaths() -> None:
    items_query = compiled(_ITEMS)
    for text in PAGE_TEXTS:
        page = parse_page(text, "https://site.example/a/")
        lists = comment_lists(page)
        assert lists == page.xpath(_LIST)
        for comment_list in lists:
            assert list_items(comment_list) == items_query(comment_list)


def test_tricky_page_lists_and_items() -> None:
    page = parse_page(TRICKY, "https://site.example/a/")
    assert page.base_url == "https://site.example/base/"
    lists = comment_lists(page)
    assert [el.get("id") or el.get("class") for el in lists] == [
        "comment-list\twide", "comments-list", "comments-list-x commentlist", "comment-list"]
    ids = [el.get("id") or el.get("class") for el in list_items(lists[0])]
    assert ids == ["comment-1", "li-comment-2", "x", "comment-3", "comment-4", "comment",
                   "commentx comment\u00a0reply"]


def test_deep_nesting_needs_no_recursion() -> None:
    depth = 5000
    root = etree.Element("div")
    node = root
    for _ in range(depth):
        node = etree.SubElement(node, "span", {"class": "a"})
    etree.SubElement(node, "p").text = "deep"
    assert [el.tag for el in outer_blocks(root)] == ["p"]
    assert len(Select.of(classes=("a",))(root)) == depth


def _random_page(seed: int) -> str:
    """Build a seeded random page from the tags, classes and ids the twins look at."""
    import random

    rng = random.Random(seed)
    tags = ["div", "ol", "ul", "li", "article", "p", "blockquote", "table", "span", "a",
            "cite", "img", "footer", "form", "b", "time", "section"]
    names = ["comment", "comment-list", "commentlist", "comments-list", "children", "fn",
             "comment-author", "reply", "says", "avatar", "comment-content", "x", "url"]
    ids = ["comment-1", "li-comment-2", "commentlist", "comments-list", "div-comment-3", "c"]
    parts: list[str] = []
    for _ in range(rng.randint(20, 120)):
        tag = rng.choice(tags)
        attrs = ""
        if rng.random() < 0.7:
            sep = rng.choice([" ", "  ", "\t", "\n", "\u00a0"])
            attrs += f' class="{sep.join(rng.sample(names, rng.randint(1, 3)))}"'
        if rng.random() < 0.3:
            attrs += f' id="{rng.choice(ids)}"'
        parts.append(f"<{tag}{attrs}>" + rng.choice(["", "t", "<!-- c -->"]))
        if rng.random() < 0.4:
            parts.append(f"</{tag}>")
    return "<html><body>" + "".join(parts) + "</body></html>"


@pytest.mark.parametrize("seed", range(40))
def test_twins_agree_with_xpaths_on_random_markup(seed: int) -> None:
    page = parse_page(_random_page(seed), "https://site.example/a/")
    lists = comment_lists(page)
    assert lists == page.xpath(_LIST)
    items_query = compiled(_ITEMS)
    blocks_query = compiled(_RELATIVE_BLOCKS)
    prune = RULES.prune[0]
    prune_query = compiled(_WORDPRESS_PRUNE)
    for comment_list in lists:
        assert list_items(comment_list) == items_query(comment_list)
    for el in page.root.iter():
        if isinstance(el.tag, str):
            assert outer_blocks(el) == blocks_query(el)
            assert prune(el) == prune_query(el)


@pytest.mark.parametrize("text", ["", "  a  b ", "a\u00a0\u2003b\n\tc", "\u3000x\u2028y\x1c", "abc " * 400])
def test_node_text_collapses_whitespace_like_the_regex(text: str) -> None:
    import re

    from crawler.platforms.dom import node_text

    assert node_text(text, 500) == re.sub(r"\s+", " ", text[:2000]).strip()[:500]

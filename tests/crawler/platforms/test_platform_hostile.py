"""Hostile and broken pages never raise and never hang."""

from __future__ import annotations

import pytest

from crawler.platforms import UnknownPlatformError, extract_page, parse_api
from pipeline.text import html_to_text

WP_HEAD = '<link rel="https://api.w.org/" href="/wp-json/">'


def test_deeply_nested_page() -> None:
    depth = 5000
    html = ("<html><body>" + "<div class='comment'>" * depth + "<p>deep</p>"
            + "</div>" * depth + "</body></html>")
    result = extract_page(html, "https://a.example/")
    assert len(result.comments) <= depth


def test_deeply_nested_reply_lists() -> None:
    depth = 3000
    html = (f"<html><head>{WP_HEAD}</head><body><ol class='commentlist'>"
            + "<li class='comment'><p>x</p><ol class='children'>" * depth
            + "</ol></li>" * depth + "</ol></body></html>")
    result = extract_page(html, "https://a.example/")
    assert result.platform == "wordpress"
    assert len(result.comments) >= 1


def test_five_megabyte_page() -> None:
    comment = ("<li id='comment-{n}' class='comment'><p>Comment number {n} "
               + "lorem ipsum " * 420 + "</p></li>")
    items = "".join(comment.format(n=n) for n in range(1000))
    html = f"<html><head>{WP_HEAD}</head><body><ol class='comment-list'>{items}</ol></body></html>"
    assert len(html) > 5_000_000
    result = extract_page(html, "https://a.example/")
    assert len(result.comments) == 1000
    assert result.comments[-1].external_id == "999"


def test_comment_count_is_capped() -> None:
    items = "".join(f"<li id='comment-{n}'><p>c</p></li>" for n in range(5_050))
    html = f"<html><head>{WP_HEAD}</head><body><ol class='commentlist'>{items}</ol></body></html>"
    result = extract_page(html, "https://a.example/")
    assert len(result.comments) == 5_000  # fields.MAX_ITEMS
    assert result.comments[-1].external_id == "4999"


@pytest.mark.parametrize("html", [
    "", "<", "<<<>>>", "</div></li></ol>", ("<html><body><ol class='commentlist'><li id='comment-1'>"
    "<p>unclosed <b>bold <i>italic"), "\x00\x01\x02<p>nul</p>", "<!--", "<![CDATA[",
    "<script>var disqus_shortname = 'x';", "<div id='disqus_thread'><div class='comment'>",
    "<html><head><script type='application/ld+json'>{\"@type\": \"Comment\"", "\ud800" * 3,
])
def test_broken_markup(html: str) -> None:
    result = extract_page(html, "https://a.example/")
    for comment in result.comments:
        html_to_text(comment.html)


def test_unclosed_script_end_tag_does_not_swallow_comments() -> None:
    html = (f"<html><head>{WP_HEAD}<script>var a = 1;</script\n<meta charset=utf-8></head><body>"
            "<ol class='comment-list'><li id='comment-3' class='comment'><p>kept</p></li></ol>"
            "</body></html>")
    result = extract_page(html, "https://a.example/")
    assert [c.external_id for c in result.comments] == ["3"]


def test_comment_markup_in_comment_bodies_is_not_a_comment() -> None:
    body = "&lt;li class=&quot;comment&quot;&gt;fake&lt;/li&gt; <b>[bold]</b> =HYPERLINK(1)"
    html = (f"<html><head>{WP_HEAD}</head><body><ol class='comment-list'>"
            f"<li id='comment-1' class='comment'><div class='comment-content'><p>{body}</p>"
            "</div></li></ol></body></html>")
    [comment] = extract_page(html, "https://a.example/").comments
    assert "<li" not in comment.html
    assert html_to_text(comment.html).startswith('<li class="comment">fake</li>')


def test_bad_selector_overrides_are_skipped() -> None:
    html = f"<html><head>{WP_HEAD}</head><body><ol class='commentlist'><li id='comment-1'><p>a</p></li></ol></body></html>"
    result = extract_page(html, "https://a.example/", selectors={"author": "xpath:((", "x": "y"})
    assert [c.external_id for c in result.comments] == ["1"]


def test_unknown_platform_is_an_error() -> None:
    with pytest.raises(UnknownPlatformError, match="unknown platform 'myspace'"):
        extract_page("<html></html>", "https://a.example/", platform="myspace")
    with pytest.raises(UnknownPlatformError):
        parse_api("myspace", "{}", "https://a.example/")


def test_wrong_type() -> None:
    with pytest.raises(TypeError):
        extract_page(b"<html></html>", "https://a.example/")  # type: ignore[arg-type]

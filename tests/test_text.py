"""HTML-to-text of one comment: structure, link targets, hostile markup."""

from __future__ import annotations

import pytest

from pipeline.analysis import analyze
from pipeline.text import MAX_HTML_CHARS, html_to_text, looks_like_html


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Hello <b>there</b><br>friend</p><p>Next</p>", "Hello there\nfriend\n\nNext"),
        ('<a href="https://x.example/a">my site</a>', "my site (https://x.example/a)"),
        ('<a href="https://y.example">https://y.example</a>', "https://y.example"),
        ('<a href="mailto:dr@x.example">write me</a>', "write me (dr@x.example)"),
        ('<a href="javascript:alert(1)">click</a>', "click"),
        ("<script>alert(1)</script><style>p{}</style><p>ok</p>", "ok"),
        ("Fish &amp; chips&nbsp;today &lt;3", "Fish & chips today <3"),
        ('<img alt="smile" src="x.png"> hi', "smile hi"),
        ("<ul><li>a</li><li>b</li></ul>", "a\nb"),
        ("", ""),
    ],
)
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


def test_deeply_nested_markup_does_not_recurse() -> None:
    html = "<div>" * 50_000 + "deep" + "</div>" * 50_000
    assert "deep" in html_to_text(html[:MAX_HTML_CHARS - 10] + "deep")


def test_huge_and_broken_markup_is_cut_not_fatal() -> None:
    html = "<p>" + "word " * 100_000 + "<a href='http://x.example/<b>&#99999999;&bogus;"
    assert html_to_text(html).startswith("word word")
    assert analyze(html, html=True).verdict in {"ok", "suspicious", "spam", "scam"}


def test_wrong_type_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="expects str"):
        html_to_text(b"<p>bytes</p>")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("<p>hi</p>", True), ("a &amp; b", True), ("x < y and y > z", False), ("plain", False)],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected

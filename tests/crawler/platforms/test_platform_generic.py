"""The generic fallback: marked comments, repeated dated blocks, and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.platforms import extract_page
from pipeline.text import html_to_text


def test_unknown_markup_with_localised_classes(extract) -> None:
    result = extract("unknown_markup.html", "https://jeune.example/article")
    assert result.platform == "generic"
    assert [(c.external_id, c.author) for c in result.comments] == [
        ("81", "Claire"), ("82", "Paul"), ("83", "Sophie")]
    assert result.comments[0].posted_at == datetime(2024, 3, 12, 14, 5, tzinfo=UTC)
    texts = [html_to_text(c.html) for c in result.comments]
    assert texts == ["Je le pratique depuis un an, aucun souci.",
                     "Attention si vous êtes diabétique.", "Merci !"]


def test_repeated_dated_blocks_in_a_comment_section(extract) -> None:
    result = extract("repeated_blocks.html", "https://knee.example/recovery")
    assert result.platform == "generic"
    assert [html_to_text(c.html) for c in result.comments] == [
        "Six weeks on crutches, but worth it.", "Ice packs helped with the swelling.",
        "Do the exercises every day!"]
    assert [c.posted_at for c in result.comments] == [
        datetime(2024, 5, d, tzinfo=UTC) for d in (14, 15, 16)]


def test_no_comments_despite_widgets_related_posts_and_form(extract) -> None:
    result = extract("no_comments_sidebar.html", "https://vit.example/vitamin-d")
    assert result.comments == ()
    assert result.comment_pages == ()
    assert result.api_requests == ()


def test_page_without_comment_section() -> None:
    html = """<html><body><nav><ul><li>Home</li><li>News</li></ul></nav>
    <article><h1>Title</h1><p>Posted March 3, 2024</p><p>Body text.</p></article>
    <div class="related"><div class="card"><p>May 1, 2024</p><p>Other</p></div>
    <div class="card"><p>May 2, 2024</p><p>Another</p></div></div>
    <footer>Contact</footer></body></html>"""
    result = extract_page(html, "https://a.example/")
    assert (result.platform, result.comments) == ("none", ())


def test_wrapper_elements_are_not_counted_twice() -> None:
    html = """<html><body><section id="comments">
    <div class="comment-item"><article class="comment"><p>One</p></article></div>
    <div class="comment-item"><article class="comment"><p>Two</p></article></div>
    </section></body></html>"""
    result = extract_page(html, "https://a.example/")
    assert [html_to_text(c.html) for c in result.comments] == ["One", "Two"]

"""Disqus: the embed request from the page, the thread JSON of the embed page."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.platforms import extract_page, parse_api
from crawler.platforms.disqus import ENV_EMBED_BASE, embed_url

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"
ARTICLE = "https://sleep.example/articles/sleep-and-memory"
EMBED = ("https://disqus.com/embed/comments/?base=default&f=sleepexample"
         "&t_u=https%3A%2F%2Fsleep.example%2Farticles%2Fsleep-and-memory&t_i=article-318")


def test_page_asks_for_the_embed(extract, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_EMBED_BASE, raising=False)
    result = extract("disqus_embedded_article.html", ARTICLE + "?utm_source=x")
    assert result.platform == "disqus"
    assert result.comments == ()
    assert result.api_requests == (EMBED,)


def test_embed_host_is_configurable(extract, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_EMBED_BASE, "http://127.0.0.1:8765/")
    result = extract("disqus_embedded_article.html", ARTICLE)
    assert result.api_requests[0].startswith("http://127.0.0.1:8765/embed/comments/?base=default")
    assert embed_url("f", "https://a.example/x", base="http://127.0.0.1:9") == (
        "http://127.0.0.1:9/embed/comments/?base=default&f=f&t_u=https%3A%2F%2Fa.example%2Fx")


def test_thread_data_page() -> None:
    body = (PAGES / "disqus_thread_page.html").read_text(encoding="utf-8")
    page = parse_api("disqus", body, EMBED)
    assert [c.external_id for c in page.comments] == ["7001", "7002"]  # deleted post skipped
    first, reply = page.comments
    assert (first.author, reply.author) == ("Lena", "Tom")
    assert reply.parent_id == "7001"
    assert first.parent_id is None
    assert first.posted_at == datetime(2024, 2, 10, 8, 0, tzinfo=UTC)
    assert reply.html == "<p>Same here &amp; no more afternoon naps.</p>"
    assert first.permalink == ARTICLE + "#comment-7001"
    assert first.author_url == "https://disqus.com/by/lena_s/"
    assert page.page_url == ARTICLE
    assert page.next_urls == (EMBED + "&cursor=2%3A0%3A0",)


def test_api_json_response_and_last_page() -> None:
    body = json.dumps({"cursor": {"hasNext": False, "next": "3:0:0"},
                       "response": [{"id": 9, "parent": None, "message": "<p>hi</p>",
                                     "createdAt": "2024-02-12T10:00:00",
                                     "author": {"name": "Ann"}}]})
    page = parse_api("disqus", body, EMBED + "&cursor=2%3A0%3A0")
    assert [(c.external_id, c.author) for c in page.comments] == [("9", "Ann")]
    assert page.next_urls == ()


@pytest.mark.parametrize("body", ["", "<html><body>no data</body></html>",
                                  '<script id="disqus-threadData" type="text/json">{broken</script>',
                                  "[]"])
def test_unusable_bodies(body: str) -> None:
    assert parse_api("disqus", body, EMBED).comments == ()


def test_rendered_fallback_list() -> None:
    html = """<html><body><div id="disqus_thread"><div class="d-noscript-comments">
    <div class="comment"><div class="comment-author">Ann</div>
    <div class="comment-body">First!</div></div>
    <div class="comment"><div class="comment-author">Bob</div>
    <div class="comment-body">Second, see https://b.example</div></div></div></div>
    <script>var disqus_shortname = 'demo';</script></body></html>"""
    result = extract_page(html, "https://a.example/post")
    assert result.platform == "disqus"
    assert [c.author for c in result.comments] == ["Ann", "Bob"]
    assert result.api_requests == ()


def test_count_links_alone_are_not_a_thread() -> None:
    html = """<html><body><article><p>Text</p>
    <a href="/other#disqus_thread" data-disqus-identifier="node/1">Comments</a></article>
    <script id="dsq-count-scr" src="//demo.disqus.com/count.js" async></script></body></html>"""
    result = extract_page(html, "https://a.example/post")
    assert result.comments == ()
    assert result.api_requests == ()


def test_rendered_disqus_app_markup_with_replies() -> None:
    html = """<html><body><div id="disqus_thread"><ul id="post-list">
    <li class="post" id="post-123"><div class="post-content"><div class="post-body">
      <header><span class="author publisher-anchor-color"><a href="https://disqus.com/by/ann/">Ann</a></span>
      <a class="time-ago" href="#comment-123" title="Monday, March 4, 2024 9:10 AM">a year ago</a></header>
      <div class="post-message"><p>Which dose?</p></div>
      <footer><a class="reply">Reply</a></footer></div></div>
      <ul class="children"><li class="post" id="post-124"><div class="post-content">
        <header><span class="author"><a href="https://disqus.com/by/bo/">Bo</a></span></header>
        <div class="post-message"><p>Ask your GP.</p></div></div></li></ul>
    </li></ul></div></body></html>"""
    result = extract_page(html, "https://a.example/post")
    assert result.platform == "disqus"
    assert [(c.external_id, c.parent_id, c.author) for c in result.comments] == [
        ("123", None, "Ann"), ("124", "123", "Bo")]
    assert result.comments[0].posted_at == datetime(2024, 3, 4, 9, 10, tzinfo=UTC)
    assert result.comments[0].html == "<p>Which dose?</p>"
    assert result.comments[0].author_url == "https://disqus.com/by/ann/"

"""WordPress HTML: threads, pingbacks, meta stripped from bodies, comment pagination."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from crawler.platforms import extract_page
from pipeline.text import html_to_text

THREADED_URL = "https://health.example/2024/03/living-with-diabetes/comment-page-2/"


def test_threaded_comments_with_replies_and_pingback(extract) -> None:
    result = extract("wordpress_threaded.html", THREADED_URL)
    assert result.platform == "wordpress"
    assert [c.external_id for c in result.comments] == ["101", "102", "104", "105"]
    assert [c.parent_id for c in result.comments] == [None, "101", "102", None]
    assert [c.author for c in result.comments] == ["Anna Walker", "Dr. Editor", "Herbal Helper",
                                                   "Marco"]
    first = result.comments[0]
    assert first.author_url == "https://walker.example/"
    assert first.posted_at == datetime(2024, 3, 5, 9, 15, tzinfo=UTC)
    assert first.permalink == THREADED_URL + "#comment-101"
    assert result.comments[3].posted_at == datetime(2024, 3, 7, 7, 45,
                                                    tzinfo=timezone(timedelta(hours=1)))


def test_bodies_hold_only_the_comment_text(extract) -> None:
    result = extract("wordpress_threaded.html", THREADED_URL)
    texts = [html_to_text(c.html) for c in result.comments]
    assert texts[0] == "Thank you, this helped me understand my new prescription."
    assert texts[3] == "Does the dose change with exercise?\n\nI walk an hour a day."
    joined = " ".join(texts)
    for never in ("says:", "Reply", "Pingback", "Weekly diabetes roundup", "Sidebar Sam",
                  "Leave a Reply", "Metformin", "March 5, 2024"):
        assert never not in joined
    # the reply's text is not repeated inside its parent
    assert "Glad it was useful" not in texts[0]


def test_comment_pages_of_this_article_only(extract) -> None:
    result = extract("wordpress_threaded.html", THREADED_URL)
    assert result.comment_pages == (
        "https://health.example/2024/03/living-with-diabetes/comment-page-1/",
        "https://health.example/2024/03/living-with-diabetes/comment-page-3/",
    )
    assert result.api_requests == ()


def test_old_theme_with_german_dates_and_cite_authors(extract) -> None:
    result = extract("wordpress_old_theme.html", "http://blog.example.de/kraeutertee/")
    assert result.platform == "wordpress"
    assert [(c.external_id, c.author) for c in result.comments] == [("7", "Teefreund"),
                                                                    ("9", "Oma Grete")]
    assert result.comments[0].author_url == "http://teefreund.example"
    assert result.comments[0].posted_at == datetime(2021, 12, 8, 10, 56, tzinfo=UTC)
    assert result.comments[1].posted_at == datetime(2022, 3, 16, 12, 22, tzinfo=UTC)
    texts = [" ".join(html_to_text(c.html).split()) for c in result.comments]
    assert texts == ["Mit Honig schmeckt er noch besser.",
                     "Bei uns gab es immer Lindenblütentee. Der hilft auch."]
    assert "Kommentar" not in " ".join(texts)


def test_paginated_thread_with_rest_api_asks_the_api(extract) -> None:
    result = extract("wordpress_rest_page.html", "https://praxis.example/rueckenschmerzen/")
    assert result.platform == "wordpress"
    assert [c.external_id for c in result.comments] == ["900"]
    assert result.comment_pages == ()
    assert result.api_requests == (
        "https://praxis.example/wp-json/wp/v2/comments?post=4711&per_page=100",)


def test_explicit_wordpress_api_platform(extract) -> None:
    result = extract("wordpress_rest_page.html", "https://praxis.example/rueckenschmerzen/",
                     platform="wordpress-api")
    assert result.platform == "wordpress-api"
    assert result.comments == ()
    assert result.api_requests == (
        "https://praxis.example/wp-json/wp/v2/comments?post=4711&per_page=100",)


def test_cpage_links_and_widget_links_to_other_posts() -> None:
    html = """<html><head><link rel="https://api.w.org/" href="/wp-json/"></head><body>
    <ol class="commentlist"><li id="comment-1" class="comment"><p>Hello there</p></li></ol>
    <div class="nav-links"><a href="/post/?cpage=3#comments">3</a>
    <a href="/post/?cpage=1">1</a></div>
    <ul class="widget"><li><a href="/other/?cpage=2">other</a></li></ul></body></html>"""
    result = extract_page(html, "https://b.example/post/?cpage=1")
    assert result.comment_pages == ("https://b.example/post/?cpage=3",)


def test_site_selector_overrides() -> None:
    html = """<html><body><div class="talk"><div class="msg" data-n="c-5"><b>Zoe</b>
    <span class="t">2024-05-01</span><div class="words">Nice one</div></div></div></body></html>"""
    result = extract_page(html, "https://c.example/", platform="wordpress",
                          selectors={"item": "div.msg", "author": "b", "date": "span.t",
                                     "body": "div.words", "id": "xpath:@data-n"})
    [comment] = result.comments
    assert (comment.external_id, comment.author, html_to_text(comment.html)) == (
        "5", "Zoe", "Nice one")
    assert comment.posted_at == datetime(2024, 5, 1, tzinfo=UTC)


def test_comment_lists_in_widgets_are_not_this_pages_comments() -> None:
    html = """<html><head><link rel="https://api.w.org/" href="/wp-json/"></head><body>
    <article><p>Article</p></article>
    <div id="comments"><ol class="comment-list">
      <li id="comment-8" class="comment"><div class="comment-content"><p>Real one</p></div></li>
    </ol></div>
    <div id="sidebar"><section class="widget widget_recent_comments"><ul class="comment-list">
      <li id="comment-99" class="comment"><div class="comment-content"><p>From another post</p>
      </div></li></ul></section></div></body></html>"""
    result = extract_page(html, "https://d.example/post/")
    assert [c.external_id for c in result.comments] == ["8"]

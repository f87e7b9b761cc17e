"""schema.org Comment in microdata (any case of the type URL) and in JSON-LD."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from crawler.platforms import extract_page
from pipeline.text import html_to_text


def test_microdata_with_nested_reply(extract) -> None:
    result = extract("microdata.html", "https://news.example/hitze")
    assert result.platform == "schema-org"
    assert [(c.external_id, c.parent_id, c.author) for c in result.comments] == [
        ("4001", None, "Erika S."), ("4002", "4001", "Redaktion")]
    assert result.comments[0].posted_at == datetime(2024, 7, 1, 14, 5,
                                                    tzinfo=timezone(timedelta(hours=2)))
    assert [html_to_text(c.html) for c in result.comments] == [
        "Meine Mutter vergisst das Trinken oft.", "Ein Trinkplan kann helfen."]


def test_jsonld_comments_and_replies(extract) -> None:
    result = extract("jsonld.html", "https://pharm.example/ask")
    assert result.platform == "schema-org"
    assert [(c.external_id, c.parent_id, c.author) for c in result.comments] == [
        ("11", None, "Oliver"), ("12", "11", "The Pharmacist"), ("13", None, "Mia")]
    first = result.comments[0]
    assert first.author_url == "https://oliver.example/"
    assert first.permalink == "https://pharm.example/ask#c-11"
    assert first.posted_at == datetime(2024, 4, 1, 10, 0, tzinfo=UTC)
    assert result.comments[2].posted_at == datetime(2024, 4, 2, tzinfo=UTC)


def test_jsonld_text_is_escaped_and_comment_action_ignored() -> None:
    html = """<html><head><script type="application/ld+json">
    {"@type": "Article", "potentialAction": {"@type": "CommentAction", "text": "Comment!"},
     "comment": {"@type": "Comment", "text": "<img src=x onerror=alert(1)> hi"}}
    </script></head><body></body></html>"""
    [comment] = extract_page(html, "https://a.example/").comments
    assert comment.html == "&lt;img src=x onerror=alert(1)&gt; hi"

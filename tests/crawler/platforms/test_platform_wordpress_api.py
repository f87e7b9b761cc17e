"""WordPress REST API: URL building, JSON parsing, paging without headers."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.platforms import parse_api
from crawler.platforms.wordpress_api import comments_api_url

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"
API = "https://praxis.example/wp-json/wp/v2/comments?post=4711&per_page=100"


def test_parse_comments_skips_pingbacks() -> None:
    page = parse_api("wordpress", (PAGES / "wordpress_rest_comments.json").read_text(), API)
    assert [c.external_id for c in page.comments] == ["912", "913"]
    first, reply = page.comments
    assert first.author == "Petra"
    assert first.author_url == "https://petra.example/"
    assert first.posted_at == datetime(2024, 1, 5, 11, 0, tzinfo=UTC)  # date_gmt, not date
    assert first.html == "<p>Yoga hat mir sehr geholfen.</p>"
    assert first.permalink == "https://praxis.example/rueckenschmerzen/#comment-912"
    assert reply.parent_id == "912"
    assert first.parent_id is None
    assert page.page_url == "https://praxis.example/rueckenschmerzen/"
    assert page.next_urls == ()  # 3 results < per_page 100


@pytest.mark.parametrize(
    ("url", "total_pages", "expected"),
    [
        (API, 3, (API + "&page=2",)),
        (API + "&page=3", 3, ()),
        ("https://x.example/wp-json/wp/v2/comments?per_page=2", None,
         ("https://x.example/wp-json/wp/v2/comments?per_page=2&page=2",)),
    ],
)
def test_next_page(url: str, total_pages: int | None, expected: tuple[str, ...]) -> None:
    body = json.dumps([{"id": i, "content": {"rendered": "<p>x</p>"}} for i in (1, 2)])
    assert parse_api("wordpress-api", body, url, total_pages=total_pages).next_urls == expected


@pytest.mark.parametrize("body", ["", "not json", '{"code": "rest_post_invalid_page_number"}',
                                  "[1, null, {\"id\": 3}]"])
def test_bad_bodies_give_no_comments(body: str) -> None:
    assert parse_api("wordpress-api", body, API).comments == ()


def test_url_building() -> None:
    assert comments_api_url("https://a.example/wp-json/", post="5") == (
        "https://a.example/wp-json/wp/v2/comments?post=5&per_page=100")
    assert comments_api_url("https://a.example/wp-json", after="2024-01-01T00:00:00",
                            page=2) == ("https://a.example/wp-json/wp/v2/comments?per_page=100"
                                        "&after=2024-01-01T00%3A00%3A00&page=2")
    assert comments_api_url("https://a.example/?rest_route=/", post="5") == (
        "https://a.example/?rest_route=%2Fwp%2Fv2%2Fcomments&post=5&per_page=100")

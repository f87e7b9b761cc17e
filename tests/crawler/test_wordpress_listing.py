"""A WordPress site read through its REST comment listing: full, incremental, fallback.

The listing replaces crawling every article: the first crawl reads the whole listing, the
next asks only for comments posted after the newest stored one (``after=``), a full listing
marks vanished comments removed, and a site whose API is missing is crawled as HTML.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from commentwatch.siteserver import StaticSiteServer
from crawler.platforms.wordpress_api import comments_api_url
from tests.crawler.sitebuild import (
    FixtureComment,
    article_html,
    crawl,
    sites_toml,
    stored_comments,
    write_page,
    write_routes,
)

pytestmark = pytest.mark.slow


def _api_comment(base: str, cid: int, article: str, text: str, date: str) -> dict[str, object]:
    return {"id": cid, "post": 1, "parent": 0, "author_name": f"Reader {cid}",
            "date_gmt": date, "link": f"{base}{article}#comment-{cid}",
            "content": {"rendered": f"<p>{text}</p>"}, "type": "comment"}


def _route(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def _index(base: str, api: bool = True) -> str:
    link = f'<link rel="https://api.w.org/" href="{base}/wp-json/">' if api else ""
    return (f"<html><head>{link}<meta name='generator' content='WordPress 6.5'></head><body>"
            '<a href="/blog/a/">A</a> <a href="/blog/b/">B</a></body></html>')






def test_listing_full_then_incremental_then_full(sqlite_url: str, tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    with StaticSiteServer(root) as server:
        base = server.base_url
        api_root = f"{base}/wp-json/"
        write_page(root, "/", _index(base))
        page1 = [_api_comment(base, 3, "/blog/b/", "Newest question", "2025-03-06T09:00:00"),
                 _api_comment(base, 2, "/blog/a/", "Dr Ade cured my HIV, WhatsApp +2348035550199",
                              "2025-03-05T10:00:00")]
        page2 = [_api_comment(base, 1, "/blog/a/", "First!", "2025-03-01T08:00:00")]
        (root / "p1.json").write_text(json.dumps(page1), encoding="utf-8")
        (root / "p2.json").write_text(json.dumps(page2), encoding="utf-8")
        headers = {"X-WP-TotalPages": "2", "X-WP-Total": "3"}
        routes = {
            _route(comments_api_url(api_root)): {"file": "p1.json", "headers": headers},
            _route(comments_api_url(api_root, page=2)): {"file": "p2.json", "headers": headers},
        }
        write_routes(root, routes)
        sites = sites_toml(tmp_path / "sites.toml", name="wp", base_url=base, patterns=["^/blog/"])

        crawl(sites, sqlite_url)
        comments = stored_comments(sqlite_url)
        assert set(comments) == {"1", "2", "3"}
        assert comments["2"].author == "Reader 2"
        assert not any(path.startswith("/blog/") for path in server.hits)  # no article fetched

        # Next night: only comments after the newest stored one are asked for.
        new = [_api_comment(base, 4, "/blog/a/", "A new reply", "2025-03-07T12:00:00")]
        (root / "new.json").write_text(json.dumps(new), encoding="utf-8")
        after = comments_api_url(api_root, after="2025-03-06T09:00:00")
        routes[_route(after)] = {"file": "new.json", "headers": {"X-WP-TotalPages": "1"}}
        write_routes(root, routes)
        crawl(sites, sqlite_url)
        assert set(stored_comments(sqlite_url)) == {"1", "2", "3", "4"}
        assert server.hits[_route(after)] == 1

        # A full listing in which comment 2 no longer appears: it is marked removed.
        page1_now = [_api_comment(base, 4, "/blog/a/", "A new reply", "2025-03-07T12:00:00"),
                     page1[0]]
        (root / "p1.json").write_text(json.dumps(page1_now), encoding="utf-8")
        crawl(sites, sqlite_url, "--full")
        comments = stored_comments(sqlite_url)
        assert comments["2"].removed_at is not None
        assert all(comments[k].removed_at is None for k in ("1", "3", "4"))


def test_site_without_usable_api_is_crawled_as_html(sqlite_url: str, tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    with StaticSiteServer(root) as server:
        write_page(root, "/", _index(server.base_url))  # advertises an API that is not there
        write_page(root, "/blog/a/", article_html("A", [FixtureComment("7", "Ann", "Hello")]))
        write_page(root, "/blog/b/", article_html("B", []))
        sites = sites_toml(tmp_path / "sites.toml", name="wp", base_url=server.base_url,
                           patterns=["^/blog/"])
        crawl(sites, sqlite_url)
        assert server.hits["/blog/a/"] == 1
    assert set(stored_comments(sqlite_url)) == {"7"}

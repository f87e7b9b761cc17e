"""Real crawls of a WordPress fixture site over HTTP, then re-crawls after changes.

Covers comment pagination and replies, sitemap discovery through robots.txt, robots.txt
disallow, a redirect to a link-local address, and the second night: exactly the added,
removed and edited comments recorded, unchanged pages answered 304.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from commentwatch.siteserver import StaticSiteServer
from pipeline.store import models as m
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


def _alpha_page1(*, drop_third: bool = False) -> str:
    first = FixtureComment("11", "Ann", "Thank you for this clear article.",
                           children=[FixtureComment("12", "Bob", "Agreed, very helpful.")])
    third = FixtureComment("13", "Dr Herbal", "Dr Ade cured my herpes with roots and herbs, "
                           "WhatsApp him on +234 803 555 0199.")
    comments = [first] if drop_third else [first, third]
    return article_html("Alpha", comments, older="/blog/alpha/comment-page-2/")


def _alpha_page2(*, edited: bool = False) -> str:
    text = "Edited: my doctor changed the dose." if edited else "Does it help with pain?"
    return article_html("Alpha", [FixtureComment("14", "Cy", text),
                                  FixtureComment("15", "Di", "Following.")],
                        newer="/blog/alpha/")


def build_site(root: Path, base_url: str) -> None:
    write_page(root, "/", '<html><body><a href="/blog/alpha/">Alpha</a> '
               '<a href="/blog/beta/">Beta</a> <a href="/private/gamma/">Gamma</a> '
               '<a href="/blog/redir/">Moved</a> <a href="/about/">About</a></body></html>')
    write_page(root, "/about/", "<html><body>About us</body></html>")
    write_page(root, "/blog/alpha/", _alpha_page1())
    write_page(root, "/blog/alpha/comment-page-2/", _alpha_page2())
    write_page(root, "/blog/beta/", article_html("Beta", []))
    write_page(root, "/private/gamma/",
               article_html("Gamma", [FixtureComment("31", "Eve", "Hidden comment")]))
    write_page(root, "/blog/delta/",
               article_html("Delta", [FixtureComment("41", "Fay", "Found through the sitemap")]))
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n"
                                     f"Sitemap: {base_url}/sitemap.xml\n", encoding="utf-8")
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{base_url}/blog/delta/</loc></url></urlset>", encoding="utf-8")
    write_routes(root, {"/blog/redir/": {"redirect": "http://169.254.169.254/latest/meta-data/"}})




def _last_run(url: str) -> m.CrawlRun:
    engine = create_engine(url)
    try:
        with Session(engine) as s:
            return s.scalars(select(m.CrawlRun).order_by(m.CrawlRun.id.desc())).first()
    finally:
        engine.dispose()




@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_crawl_then_recrawl_records_exactly_the_changes(
    engine_name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = request.getfixturevalue("sqlite_url" if engine_name == "sqlite" else "pg_url")
    root = tmp_path / "site"
    root.mkdir()
    with StaticSiteServer(root) as server:
        build_site(root, server.base_url)
        sites = sites_toml(tmp_path / "sites.toml", name="fixture-wp", base_url=server.base_url,
                           patterns=["^/blog/", "^/private/"])
        crawl(sites, url)
        comments = stored_comments(url)
        assert set(comments) == {"11", "12", "13", "14", "15", "41"}
        assert comments["12"].parent_external_id == "11"
        assert comments["11"].author == "Ann"
        assert comments["41"].posted_at is not None
        assert all(c.permalink and "#comment-" in c.permalink for c in comments.values())
        assert "/private/gamma/" not in server.hits  # robots.txt disallows it
        assert server.hits["/blog/alpha/comment-page-2/"] == 1
        first = _last_run(url)
        assert (first.status, first.comments_new, first.comments_removed) == ("ok", 6, 0)

        # The second night: one comment removed, one edited, one added.
        write_page(root, "/blog/alpha/", _alpha_page1(drop_third=True))
        write_page(root, "/blog/alpha/comment-page-2/", _alpha_page2(edited=True))
        write_page(root, "/blog/delta/", article_html("Delta", [
            FixtureComment("41", "Fay", "Found through the sitemap"),
            FixtureComment("42", "Gus", "A new comment")]))
        beta_hits = server.hits["/blog/beta/"]
        crawl(sites, url)
        second = _last_run(url)
        assert (second.comments_new, second.comments_updated, second.comments_removed) == (1, 1, 1)
        comments = stored_comments(url)
        assert comments["13"].removed_at is not None
        assert comments["14"].text.startswith("Edited")
        assert comments["14"].first_text_hash != comments["14"].text_hash
        assert comments["42"].removed_at is None
        assert server.hits["/blog/beta/"] == beta_hits + 1

        # A third night with no change: nothing new, nothing removed, nothing duplicated.
        crawl(sites, url)
        third = _last_run(url)
        assert (third.comments_new, third.comments_updated, third.comments_removed) == (0, 0, 0)
        assert len(stored_comments(url)) == 7
        assert stored_comments(url)["41"].removed_at is None

"""An interrupted crawl resumes from its saved state without losing or repeating comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.sitegen import generate_site
from bench.sitegen import sites_toml as generated_sites_toml
from commentwatch.siteserver import StaticSiteServer
from tests.crawler.sitebuild import crawl, stored_comments

pytestmark = pytest.mark.slow


def test_interrupted_crawl_resumes(sqlite_url: str, tmp_path: Path) -> None:
    site = generate_site(tmp_path / "site", articles=60, comments_per_page=2, paged_every=5)
    state = tmp_path / "state"
    with StaticSiteServer(site.root) as server:
        sites = tmp_path / "sites.toml"
        sites.write_text(generated_sites_toml(server.base_url, concurrency=2), encoding="utf-8")
        # The first night stops early (as if killed by a deadline), its queue on disk.
        crawl(sites, sqlite_url, "--resume", "--state-dir", str(state),
              "-s", "CLOSESPIDER_PAGECOUNT=20")
        first = stored_comments(sqlite_url)
        assert 0 < len(first) < site.comment_count
        assert any((state / "jobs").rglob("requests.seen"))
        crawl(sites, sqlite_url, "--resume", "--state-dir", str(state))
        fetched = dict(server.hits)
    comments = stored_comments(sqlite_url)
    expected = {cid for ids in site.comments.values() for cid in ids}
    assert set(comments) == expected  # nothing lost, stored once (external ids are unique)
    pages = [p for p in site.pages if p != "/"]
    assert all(fetched.get(p, 0) >= 1 for p in pages)
    repeated = [p for p in pages if fetched.get(p, 0) > 1]
    assert len(repeated) <= 4  # at most the requests in flight at the interruption

"""`scrapy crawl site -a site=NAME` works like `commentwatch crawl` and records its run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from commentwatch.siteserver import StaticSiteServer
from pipeline.store import models as m
from tests.crawler.sitebuild import (
    FixtureComment,
    article_html,
    sites_toml,
    stored_comments,
    write_page,
)
from tests.helpers import ROOT

pytestmark = pytest.mark.slow


def test_scrapy_crawl_command(sqlite_url: str, tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    with StaticSiteServer(root) as server:
        write_page(root, "/", '<html><body><a href="/blog/a/">A</a></body></html>')
        write_page(root, "/blog/a/", article_html("A", [FixtureComment("5", "Ann", "Hi there")]))
        sites = sites_toml(tmp_path / "sites.toml", name="plain", base_url=server.base_url,
                           patterns=["^/blog/"])
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        env.update(COMMENTWATCH_DB=sqlite_url, COMMENTWATCH_SITES=str(sites))
        result = subprocess.run(
            [sys.executable, "-m", "scrapy.cmdline", "crawl", "site", "-a", "site=plain",
             "-s", "LOG_LEVEL=WARNING"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, result.stderr[-3000:]
    assert set(stored_comments(sqlite_url)) == {"5"}
    engine = create_engine(sqlite_url)
    with Session(engine) as session:
        run = session.scalars(select(m.CrawlRun)).one()
    engine.dispose()
    assert (run.status, run.sites, run.comments_new, run.pages) == ("ok", "plain", 1, 2)
    assert run.finished_at is not None

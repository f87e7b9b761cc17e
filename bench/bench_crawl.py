"""Crawl throughput: commentwatch's full crawl against a bare Scrapy spider, same site, same run.

A generated local site of a few thousand ~30 KB article pages (WordPress markup, comments
on every page, every fourth article with three comment pages) is served on 127.0.0.1.
Each crawl runs in its own process; we report medians of pages/s, the ratio full/bare
(the issue aims at 0.6 or better) and each process's peak RSS.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.sitegen import generate_site
from commentwatch.siteserver import StaticSiteServer

ARTICLES = int(os.environ.get("BENCH_CRAWL_ARTICLES", "2000"))
REPEATS = int(os.environ.get("BENCH_CRAWL_REPEATS", "3"))
#: Filler that brings each page to about 30 KB, like a real article with its theme.
_FILLER = "<p>" + ("Plain facts about treatments, doses and follow-up visits. " * 8) + "</p>\n"


def _pad_pages(root: Path, target_bytes: int = 30_000) -> int:
    total = 0
    for page in root.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        missing = max(0, target_bytes - len(text.encode()))
        filler = _FILLER * (missing // len(_FILLER) + 1)
        text = text.replace('<div class="entry-content">',
                            '<div class="entry-content">' + filler, 1)
        page.write_text(text, encoding="utf-8")
        total += 1
    return total


def _child(mode: str, base_url: str, db_url: str = "") -> dict[str, float]:
    out = subprocess.run([sys.executable, "-m", "bench.crawl_child", mode, base_url, db_url],
                         capture_output=True, text=True, check=True, timeout=1800)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="cw-bench-crawl-") as tmp:
        root = Path(tmp) / "site"
        site = generate_site(root, articles=ARTICLES, comments_per_page=5, paged_every=4)
        pages = _pad_pages(root)
        print(f"site: {pages} pages (~30 KB), {site.comment_count} comments; "
              f"{REPEATS} runs each, alternating")
        bare, full = [], []
        with StaticSiteServer(root) as server:
            for run_no in range(REPEATS):
                bare.append(_child("bare", server.base_url))
                db = Path(tmp) / f"bench-{run_no}.db"
                full.append(_child("full", server.base_url, f"sqlite:///{db}"))
        for name, runs in (("bare scrapy", bare), ("commentwatch", full)):
            rates = [r["pages"] / r["seconds"] for r in runs]
            print(f"{name:13} {statistics.median(rates):7.1f} pages/s  "
                  f"(runs: {', '.join(f'{x:.0f}' for x in rates)}; pages {runs[0]['pages']:.0f}; "
                  f"peak RSS {max(r['peak_mib'] for r in runs):.0f} MiB)")
        ratio = statistics.median(r["pages"] / r["seconds"] for r in full) / statistics.median(
            r["pages"] / r["seconds"] for r in bare)
        print(f"ratio commentwatch / bare: {ratio:.2f} (aim: >= 0.6)")
        print(f"comments stored per full run: {full[0]['comments']:.0f}")

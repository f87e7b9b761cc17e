"""Build small WordPress-style fixture sites in a directory, and change them between crawls.

Pages are written from Python so a test can add, remove and edit comments and crawl again.
"""

from __future__ import annotations

import html
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from pipeline.store import models as m
from tests.helpers import run_cli


@dataclass
class FixtureComment:
    id: str
    author: str
    text: str
    posted_at: str = "2025-03-04T10:00:00+00:00"
    children: list[FixtureComment] = field(default_factory=list)


def _comment_html(comment: FixtureComment, depth: int = 1) -> str:
    children = ""
    if comment.children:
        inner = "".join(_comment_html(c, depth + 1) for c in comment.children)
        children = f'<ol class="children">{inner}</ol>'
    return (
        f'<li id="comment-{comment.id}" class="comment depth-{depth}">'
        f'<article id="div-comment-{comment.id}" class="comment-body">'
        f'<footer class="comment-meta"><div class="comment-author vcard">'
        f'<b class="fn">{html.escape(comment.author)}</b> <span class="says">says:</span></div>'
        f'<div class="comment-metadata"><a href="#comment-{comment.id}">'
        f'<time datetime="{comment.posted_at}">a date</time></a></div></footer>'
        f'<div class="comment-content"><p>{html.escape(comment.text)}</p></div>'
        f'<div class="reply"><a class="comment-reply-link" href="?replytocom={comment.id}#respond">'
        f"Reply</a></div></article>{children}</li>"
    )


def article_html(title: str, comments: list[FixtureComment], *, older: str | None = None,
                 newer: str | None = None) -> str:
    """Return a WordPress article page with the given comments (one comment page)."""
    nav = ""
    if older or newer:
        links = ""
        if older:
            links += f'<div class="nav-previous"><a href="{older}#comments">Older Comments</a></div>'
        if newer:
            links += f'<div class="nav-next"><a href="{newer}#comments">Newer Comments</a></div>'
        nav = f'<nav class="comment-navigation">{links}</nav>'
    items = "".join(_comment_html(c) for c in comments)
    comment_list = f'<ol class="comment-list">{items}</ol>' if comments else ""
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        '<meta name="generator" content="WordPress 6.5.2">'
        f"<title>{html.escape(title)}</title></head>"
        '<body class="post-template-default single single-post">'
        '<nav class="site-nav"><a href="/">Home</a> <a href="/about/">About</a></nav>'
        f'<article class="post"><h1 class="entry-title">{html.escape(title)}</h1>'
        '<div class="entry-content"><p>Article text about health that is not a comment. '
        "Call our clinic on 0800 123 4567.</p></div></article>"
        f'<div id="comments" class="comments-area">{comment_list}{nav}'
        '<div id="respond" class="comment-respond"><form><textarea name="comment"></textarea>'
        "</form></div></div>"
        '<aside class="widget"><h2>Recent comments</h2><ul><li>Someone on A post</li></ul></aside>'
        "</body></html>"
    )


def write_page(root: Path, url_path: str, content: str) -> Path:
    """Write ``content`` as the index.html of ``url_path``, with a fresh modification time."""
    target = root / url_path.strip("/") / "index.html" if url_path != "/" else root / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    # Move the mtime clearly past the last crawl: Last-Modified has one-second resolution.
    future = time.time() + 5
    os.utime(target, (future, future))
    return target


def write_routes(root: Path, routes: dict[str, dict[str, object]]) -> None:
    (root / ".routes.json").write_text(json.dumps(routes), encoding="utf-8")


def sites_toml(path: Path, *, name: str, base_url: str, patterns: list[str],
               platform: str = "auto", extra: str = "") -> Path:
    """Write a site list with one site served on this machine."""
    path.write_text(
        "[[site]]\n"
        f'name = "{name}"\n'
        f'start_urls = ["{base_url}/"]\n'
        'allowed_domains = ["127.0.0.1"]\n'
        f"article_patterns = {json.dumps(patterns)}\n"
        f'platform = "{platform}"\n'
        'region = "GB"\n'
        "allow_private = true\n"
        "delay = 0.0\n"
        f"{extra}",
        encoding="utf-8",
    )
    return path


def stored_comments(db_url: str) -> dict[str, m.Comment]:
    """Return every stored comment by external id."""
    engine = create_engine(db_url)
    try:
        with Session(engine) as session:
            return {c.external_id: c for c in session.scalars(select(m.Comment))}
    finally:
        engine.dispose()


def crawl(sites: Path, db_url: str, *extra: str) -> None:
    """Run ``commentwatch crawl`` on a site list and insist it succeeds."""
    result = run_cli("crawl", "--sites", str(sites), "--db", db_url, "--quiet", *extra,
                     timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]

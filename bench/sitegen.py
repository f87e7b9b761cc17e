"""Generate a WordPress-like health site of a few hundred pages into a directory.

The distributed-crawl tests and ``bench_distributed`` need a site big enough that two
workers really share the work, but hundreds of fixture files do not belong in git: this
module writes them at run time (``tmp_path``) and returns the ground truth — every path a
complete crawl fetches and every comment id per article — so callers can count fetches at
the server and rows in the database.

Comments are our own invented texts: mostly ordinary questions, every seventh one a
"miracle cure" testimonial with a made-up contact (reserved example domains, +1 555 numbers).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

__all__ = ["GeneratedSite", "generate_site", "sites_toml"]

_TOPICS = ("diabetes", "asthma", "migraine", "arthritis", "eczema", "hepatitis", "anaemia",
           "insomnia", "psoriasis", "gout")
_ORDINARY = (
    "Thanks for explaining the tests, my clinic never did.",
    "Does anyone know if the evening dose should be taken with food?",
    "My mother was diagnosed last spring; walking every day has helped her a lot.",
    "Is there a support group that meets in the north of the city?",
    "The section about side effects answered my question, thank you.",
    "How long did it take before you noticed a difference?",
)
_SCAM = (
    "I was cured of {topic} by Dr Wale's herbal medicine after two weeks, "
    "email him at herbal.wale{n}@example.com or WhatsApp +1 202 555 01{nn}."
)


@dataclass(frozen=True, slots=True)
class GeneratedSite:
    """What :func:`generate_site` wrote."""

    root: Path
    """Directory to serve (``/`` is ``root/index.html``)."""
    pages: tuple[str, ...]
    """Every path a complete crawl fetches once: the index, articles, comment pages."""
    comments: dict[str, tuple[str, ...]]
    """Article path -> external ids of all its comments (over all its comment pages)."""

    @property
    def comment_count(self) -> int:
        return sum(len(ids) for ids in self.comments.values())


def _comment_html(comment_id: int, article: str, topic: str) -> str:
    if comment_id % 7 == 0:
        text = _SCAM.format(topic=topic, n=comment_id, nn=f"{comment_id % 100:02d}")
        author = "Grateful Patient"
    else:
        text = _ORDINARY[comment_id % len(_ORDINARY)]
        author = f"Reader {comment_id}"
    return (
        f'<li id="comment-{comment_id}" class="comment depth-1">'
        f'<article id="div-comment-{comment_id}" class="comment-body">'
        f'<footer class="comment-meta"><div class="comment-author vcard">'
        f'<b class="fn">{html.escape(author)}</b> <span class="says">says:</span></div>'
        f'<div class="comment-metadata"><a href="{article}#comment-{comment_id}">'
        f'<time datetime="2024-05-14T06:12:00+00:00">May 14, 2024</time></a></div></footer>'
        f'<div class="comment-content"><p>{html.escape(text)}</p></div>'
        f'<div class="reply"><a rel="nofollow" class="comment-reply-link" '
        f'href="?replytocom={comment_id}#respond">Reply</a></div></article></li>\n'
    )


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en-US"><head><meta charset="utf-8">'
        f'<title>{html.escape(title)} – Generated Health Notes</title>'
        '<meta name="generator" content="WordPress 6.4.3"></head>\n'
        '<body class="single single-post"><div id="page" class="site">'
        '<p class="site-title"><a href="/" rel="home">Generated Health Notes</a></p>\n'
        f'{body}\n</div></body></html>\n'
    )


def _nav(older: str | None, newer: str | None) -> str:
    links = ""
    if older:
        links += f'<div class="nav-previous"><a href="{older}#comments">Older Comments</a></div>'
    if newer:
        links += f'<div class="nav-next"><a href="{newer}#comments">Newer Comments</a></div>'
    return f'<nav class="comment-navigation" aria-label="Comments">{links}</nav>' if links else ""


def _write(root: Path, path: str, text: str) -> None:
    target = root / path.strip("/") / "index.html" if path != "/" else root / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def generate_site(root: Path, *, articles: int = 250, comments_per_page: int = 3,
                  paged_every: int = 4) -> GeneratedSite:
    """Write a site of ``articles`` articles under ``root`` and return its ground truth.

    Args:
        root: Empty or new directory.
        articles: Number of article pages; ``/`` links to all of them.
        comments_per_page: Comments on each comment page.
        paged_every: Every n-th article has a second and third comment page.

    Returns:
        The paths a complete crawl fetches and the comment ids per article.
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    pages: list[str] = ["/"]
    comments: dict[str, tuple[str, ...]] = {}
    paths = [f"/health/{_TOPICS[i % len(_TOPICS)]}-notes-{i:04d}/" for i in range(articles)]
    next_id = 1000
    for index, path in enumerate(paths):
        topic = _TOPICS[index % len(_TOPICS)]
        comment_pages = 3 if paged_every and index % paged_every == 0 else 1
        urls = [path] + [f"{path}comment-page-{n}/" for n in range(2, comment_pages + 1)]
        related = [paths[(index + step) % len(paths)] for step in (1, 7, 31)]
        ids: list[str] = []
        for number, url in enumerate(urls):
            items = ""
            for _ in range(comments_per_page):
                items += _comment_html(next_id, path, topic)
                ids.append(str(next_id))
                next_id += 1
            older = urls[number + 1] if number + 1 < len(urls) else None
            newer = urls[number - 1] if number > 0 else None
            links = "".join(f'<li><a href="{r}">More on {topic}</a></li>' for r in related)
            body = (
                f'<main id="primary"><article class="post hentry"><h1 class="entry-title">'
                f'Notes on {topic} #{index}</h1><div class="entry-content"><p>Plain facts '
                f'about {topic} and its treatment.</p></div></article>'
                f'<ul class="related">{links}</ul>'
                f'<div id="comments" class="comments-area">{_nav(older, newer)}'
                f'<ol class="comment-list">\n{items}</ol></div></main>'
            )
            _write(root, url, _page(f"Notes on {topic} #{index}", body))
            pages.append(url)
        comments[path] = tuple(ids)
    listing = "".join(f'<li><a href="{p}">{html.escape(p)}</a></li>\n' for p in paths)
    _write(root, "/", _page("Home", f'<main id="primary"><ul>\n{listing}</ul></main>'))
    return GeneratedSite(root=root, pages=tuple(pages), comments=comments)


def sites_toml(base_url: str, *, name: str = "generated", delay: float = 0.0,
               concurrency: int = 8) -> str:
    """Return a site list for the generated site served at ``base_url``."""
    return (
        f'[[site]]\nname = "{name}"\nstart_urls = ["{base_url}/"]\n'
        f'article_patterns = ["^/health/"]\nplatform = "wordpress"\nregion = "US"\n'
        f"allow_private = true\ndelay = {delay}\nconcurrency = {concurrency}\n"
    )

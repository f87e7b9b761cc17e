"""The bundled sample health site that ``commentwatch demo`` serves and crawls.

The directory holds static files only (hand-written HTML in WordPress markup, ``robots.txt``,
a stylesheet) plus ``manifest.json``, the ground truth of every planted comment. This module
just locates them and reads the manifest into typed records, so the demo command and the
tests agree on what a crawl of the site must find.

Usage::

    root = site_root()                       # directory to serve over 127.0.0.1
    manifest = load_manifest()
    scams = [c for c in manifest.comments if c.label == "scam"]
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Manifest",
    "ManifestComment",
    "ManifestContact",
    "ManifestPage",
    "load_manifest",
    "site_root",
]

_ROOT = Path(__file__).resolve().parent
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True, slots=True)
class ManifestContact:
    """A contact planted in a comment's text, normalised as in DESIGN.md."""

    kind: str
    """``email``, ``phone``, ``url`` or ``telegram``."""
    value: str
    """Lower-case email, E.164 phone, absolute URL, or handle without ``@``."""
    obfuscated: bool
    """True when written like ``name at gmail dot com``."""
    channels: tuple[str, ...]
    """Messengers the text names for a phone (``whatsapp``)."""


@dataclass(frozen=True, slots=True)
class ManifestComment:
    """One comment of the site and the label we intended for it."""

    external_id: str
    """The WordPress comment id (``101`` for ``<li id="comment-101">``)."""
    page: str
    """Root-relative path of the page that shows it (a comment page for older comments)."""
    article: str
    """Root-relative path of the article the comment belongs to."""
    parent_id: str | None
    """External id of the comment it replies to, or None at the top level."""
    author: str
    author_url: str | None
    posted_at: str
    """ISO 8601 with offset, as in the ``<time datetime>`` attribute."""
    label: str
    """``scam``, ``spam`` or ``ham``."""
    contacts: tuple[ManifestContact, ...]
    diseases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ManifestPage:
    """A page of the site; ``comments`` counts the comments shown on it."""

    path: str
    kind: str
    """``home``, ``page``, ``category``, ``article`` or ``comment-page``."""
    article: str | None
    """For article and comment pages, the article's path."""
    title: str | None
    """For article and comment pages, the article's title."""
    comments: int


@dataclass(frozen=True, slots=True)
class Manifest:
    """Everything a crawl of the demo site should find."""

    site: str
    pages: tuple[ManifestPage, ...]
    comments: tuple[ManifestComment, ...]


def site_root() -> Path:
    """Return the directory to serve: ``/`` of the demo site."""
    return _ROOT


def load_manifest(path: Path | None = None) -> Manifest:
    """Read ``manifest.json`` (or ``path``) into typed, immutable records.

    Args:
        path: Another manifest file; defaults to the bundled one.

    Returns:
        The manifest, comments in id order.
    """
    raw = json.loads((path or _ROOT / MANIFEST_NAME).read_text(encoding="utf-8"))
    pages = tuple(
        ManifestPage(
            path=p["path"],
            kind=p["kind"],
            article=p.get("article"),
            title=p.get("title"),
            comments=p.get("comments", 0),
        )
        for p in raw["pages"]
    )
    comments = tuple(
        ManifestComment(
            external_id=c["external_id"],
            page=c["page"],
            article=c["article"],
            parent_id=c["parent_id"],
            author=c["author"],
            author_url=c["author_url"],
            posted_at=c["posted_at"],
            label=c["label"],
            contacts=tuple(
                ManifestContact(
                    kind=k["kind"],
                    value=k["value"],
                    obfuscated=k["obfuscated"],
                    channels=tuple(k["channels"]),
                )
                for k in c["contacts"]
            ),
            diseases=tuple(c["diseases"]),
        )
        for c in raw["comments"]
    )
    return Manifest(site=raw["site"], pages=pages, comments=comments)

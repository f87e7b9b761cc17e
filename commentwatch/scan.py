"""Scan one saved page or URL: extract its comments and analyse each, without a database.

An analyst who gets a report ("look at the comments under this article") runs
``commentwatch scan`` on the URL or on the saved HTML. Saved files never touch the
network. For a URL, the page is fetched with a plain GET (http and https only, redirects
included, with a timeout and a size cap), and when the page's comments live behind an API
(Disqus, WordPress REST) those requests are followed too, up to a few pages.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.platforms import ExtractedComment, decode_html, extract_page, parse_api
from pipeline.analysis import analyze
from pipeline.findings import Analysis

__all__ = [
    "MAX_BYTES",
    "ScanError",
    "ScannedComment",
    "ScannedPage",
    "fetch_url",
    "scan_source",
]

logger = logging.getLogger(__name__)

#: Largest page or API response read, in bytes.
MAX_BYTES = 10 * 1024 * 1024
#: Seconds to wait for a server.
TIMEOUT = 20.0
#: Most API responses followed for one page (Disqus cursors, WordPress pages).
MAX_API_REQUESTS = 10
USER_AGENT = "commentwatch-scan/1.0 (+https://github.com/commentwatch)"


class ScanError(Exception):
    """A source could not be read: missing file, bad scheme, HTTP error, too large."""


@dataclass(frozen=True, slots=True)
class ScannedComment:
    """One extracted comment with its analysis."""

    comment: ExtractedComment
    analysis: Analysis

    def to_json(self) -> dict[str, Any]:
        """Return the ``scan --json`` shape of one comment."""
        c = self.comment
        return {
            "author": c.author,
            "posted_at": c.posted_at.isoformat() if c.posted_at else None,
            "external_id": c.external_id,
            "parent_id": c.parent_id,
            "permalink": c.permalink,
            "author_url": c.author_url,
            "text": self.analysis.text,
            **self.analysis.to_json(),
        }


@dataclass(frozen=True, slots=True)
class ScannedPage:
    """The result for one source given on the command line."""

    source: str
    url: str
    platform: str
    comments: tuple[ScannedComment, ...]
    comment_pages: tuple[str, ...] = ()
    """Further comment pages the page links to (listed, not fetched)."""
    api_requests: tuple[str, ...] = ()
    """API requests the page needs; fetched for URL sources unless disabled."""

    def to_json(self) -> dict[str, Any]:
        """Return the ``scan --json`` shape of one page."""
        return {
            "url": self.url,
            "platform": self.platform,
            "comments": [c.to_json() for c in self.comments],
            "comment_pages": list(self.comment_pages),
            "api_requests": list(self.api_requests),
        }


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http and https URLs (never ftp: or file:)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise ScanError(f"redirect to a non-http URL refused: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ScanError(f"only http and https URLs can be scanned, not {url!r}")


def fetch_url(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES
              ) -> tuple[str, bytes, str | None]:
    """GET ``url`` and return the final URL, the body and the declared charset.

    Raises:
        ScanError: bad scheme, network or HTTP error, or a body over ``max_bytes``.
    """
    _check_url(url)
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read(max_bytes + 1)
            final_url = response.geturl()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise ScanError(f"{url}: HTTP {exc.code}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise ScanError(f"{url}: {exc}") from exc
    if len(body) > max_bytes:
        raise ScanError(f"{url}: larger than {max_bytes} bytes")
    return final_url, body, charset


def _analyse(comments: tuple[ExtractedComment, ...], region: str | None
             ) -> tuple[ScannedComment, ...]:
    return tuple(ScannedComment(c, analyze(c.html, html=True, region=region)) for c in comments)


def scan_source(source: str, *, region: str | None = None, platform: str = "auto",
                follow_api: bool = True, timeout: float = TIMEOUT) -> ScannedPage:
    """Extract and analyse the comments of a saved page (path) or a URL.

    Args:
        source: a file path, or an http(s) URL.
        region: default phone region (ISO 3166 alpha-2) for the analysis.
        platform: ``auto`` or a platform name (see ``crawler.platforms``).
        follow_api: for URL sources, fetch the API requests the page needs.
        timeout: seconds to wait for each HTTP response.

    Returns:
        The page's platform and its analysed comments.

    Raises:
        ScanError: the source cannot be read.
    """
    is_url = "://" in source
    if is_url:
        url, body, charset = fetch_url(source, timeout=timeout)
    else:
        path = Path(source)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ScanError(f"{source}: larger than {MAX_BYTES} bytes")
            body = path.read_bytes()
        except OSError as exc:
            raise ScanError(f"{source}: {exc.strerror or exc}") from exc
        url, charset = path.resolve().as_uri(), None
    result = extract_page(decode_html(body, charset), url, platform=platform)
    comments = list(result.comments)
    if is_url and follow_api:
        known = {c.external_id for c in comments if c.external_id}
        for comment in _follow(result.platform, result.api_requests, timeout):
            if comment.external_id is None or comment.external_id not in known:
                known.add(comment.external_id)
                comments.append(comment)
    return ScannedPage(
        source=source,
        url=url,
        platform=result.platform,
        comments=_analyse(tuple(comments), region),
        comment_pages=result.comment_pages,
        api_requests=result.api_requests,
    )


def _follow(platform: str, urls: tuple[str, ...], timeout: float) -> list[ExtractedComment]:
    """Fetch API requests and their next pages (bounded), returning their comments."""
    found: list[ExtractedComment] = []
    queue, seen = list(urls), set()
    while queue and len(seen) < MAX_API_REQUESTS:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            final_url, body, charset = fetch_url(url, timeout=timeout)
        except ScanError as exc:
            logger.warning("API request failed: %s", exc)
            continue
        page = parse_api(platform, decode_html(body, charset), final_url)
        found.extend(page.comments)
        queue.extend(page.next_urls)
    return found

"""Load the site list (``sites.toml``) that cron crawls.

Every ``[[site]]`` table becomes a :class:`SiteConfig`; values missing from a site come from
``[defaults]``. A key we do not know is an error naming the file and line, because a typo
in a cron-driven config must not silently crawl with the wrong settings.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipeline.errors import ConfigError

__all__ = ["PLATFORMS", "SiteConfig", "load_sites"]

PLATFORMS = ("auto", "wordpress", "wordpress-api", "disqus", "drupal", "schema-org", "generic")
DEFAULT_USER_AGENT = "commentwatch/0.1 (+https://github.com/commentwatch/commentwatch)"


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """One site to crawl."""

    name: str
    start_urls: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    article_patterns: tuple[str, ...] = ()
    """Regexes on the URL path; links matching one are crawled as articles."""
    platform: str = "auto"
    region: str | None = None
    """Default phone region for numbers written without +CC (ISO 3166 alpha-2)."""
    allow_private: bool = False
    """Allow loopback/private addresses: only for sites served on this machine."""
    user_agent: str = DEFAULT_USER_AGENT
    delay: float = 1.0
    """Seconds between requests to this site, before AutoThrottle adapts."""
    concurrency: int = 2
    """Parallel requests to this site."""
    max_pages: int = 5000
    max_depth: int = 5
    selectors: dict[str, str] = field(default_factory=dict)
    """Selector overrides for the platform extractor (``item``, ``author``, ``body``...)."""
    allow_list: tuple[str, ...] = ()
    """Contact values of the site itself (its helpline), never reported."""
    canonical_base: str | None = None
    """Scheme and host stored instead of the crawled ones (``https://www.example.org``):
    for a site reached through a mirror or a local port that changes between runs."""

    def canonical(self, url: str) -> str:
        """Return ``url`` with the canonical scheme and host, when one is configured."""
        if not self.canonical_base or not url:
            return url
        base = urlsplit(self.canonical_base)
        return urlsplit(url)._replace(scheme=base.scheme, netloc=base.netloc).geturl()

    @property
    def domain(self) -> str | None:
        if self.allowed_domains:
            return self.allowed_domains[0]
        if self.start_urls:
            return urlsplit(self.start_urls[0]).hostname
        return None

    def is_article(self, url: str) -> bool:
        """Return True when ``url``'s path matches an article pattern (all, if none set)."""
        if not self.article_patterns:
            return True
        path = urlsplit(url).path or "/"
        return any(re.search(pattern, path) for pattern in self.article_patterns)


_FIELDS = {f.name for f in fields(SiteConfig)}
_DEFAULT_KEYS = _FIELDS - {"name", "start_urls", "sitemaps", "allowed_domains",
                           "article_patterns", "selectors"}
_TUPLE_FIELDS = {"start_urls", "sitemaps", "allowed_domains", "article_patterns", "allow_list"}


def _line_of(source: str, key: str, occurrence: int = 0) -> int | None:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=", re.MULTILINE)
    matches = list(pattern.finditer(source))
    if not matches:
        return None
    match = matches[min(occurrence, len(matches) - 1)]
    return source.count("\n", 0, match.start()) + 1


def _build(raw: dict[str, Any], defaults: dict[str, Any], path: str, source: str,
           index: int) -> SiteConfig:
    values: dict[str, Any] = dict(defaults)
    values.update(raw)
    for key in values:
        if key not in _FIELDS:
            raise ConfigError(f"unknown key {key!r} in site #{index + 1}", path=path,
                              line=_line_of(source, key))
    name = values.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"site #{index + 1} has no name", path=path,
                          line=_line_of(source, "[[site]]".strip("[]"), index))
    for key in _TUPLE_FIELDS:
        value = values.get(key, ())
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{key} of site {name!r} must be a list of strings", path=path,
                              line=_line_of(source, key))
        values[key] = tuple(value)
    if values.get("platform", "auto") not in PLATFORMS:
        raise ConfigError(f"platform of site {name!r} must be one of {', '.join(PLATFORMS)}",
                          path=path, line=_line_of(source, "platform"))
    for pattern in values["article_patterns"]:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"bad article pattern {pattern!r} of site {name!r}: {exc}",
                              path=path, line=_line_of(source, "article_patterns")) from None
    if not values["start_urls"] and not values["sitemaps"]:
        raise ConfigError(f"site {name!r} needs start_urls or sitemaps", path=path,
                          line=_line_of(source, "name"))
    try:
        return SiteConfig(**values)
    except TypeError as exc:
        raise ConfigError(f"site {name!r}: {exc}", path=path) from None


def load_sites(path: str | Path) -> list[SiteConfig]:
    """Read a site list.

    Raises:
        ConfigError: the file is missing, not TOML, or has a bad or unknown key.
    """
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read site list: {exc.strerror}", path=str(path)) from None
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ConfigError(f"not valid TOML: {exc}", path=str(path), line=line) from None
    return parse_sites(data, str(path), source)


def parse_sites(data: dict[str, Any], path: str = "<sites>", source: str = "") -> list[SiteConfig]:
    """Build site configs from already-parsed TOML data."""
    for key in data:
        if key not in {"defaults", "site"}:
            raise ConfigError(f"unknown table {key!r}", path=path, line=_line_of(source, key))
    defaults = data.get("defaults", {})
    for key in defaults:
        if key not in _DEFAULT_KEYS:
            raise ConfigError(f"unknown key {key!r} in [defaults]", path=path,
                              line=_line_of(source, key))
    sites = data.get("site", [])
    if not isinstance(sites, list) or not sites:
        raise ConfigError("no [[site]] tables", path=path)
    configs = [_build(raw, defaults, path, source, i) for i, raw in enumerate(sites)]
    names = [c.name for c in configs]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ConfigError(f"duplicate site names: {', '.join(duplicates)}", path=path)
    return configs

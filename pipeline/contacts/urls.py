"""Links and bare domains, including defanged ones (``hxxp://``, ``example[.]org``).

Three flat patterns find where a link starts (a scheme, ``www.``, or a word followed by a
dot-like separator); the host is read with :func:`~pipeline.contacts.domains.scan_host` and
must end in a public suffix; the path is one bounded character run whose trailing
punctuation and unbalanced brackets are cut. A bare domain needs more evidence than a link
with a scheme: its suffix must not be a file extension (``setup.py``) and must be written in
lower case (``cured.It`` is two sentences, not a link).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from pipeline.contacts.base import ExtractionContext, Extractor, Pattern
from pipeline.contacts.domains import (
    FILE_LIKE_TLDS,
    HostMatch,
    is_shortener,
    registered_domain,
    scan_host,
)
from pipeline.contacts.normalise import TextView
from pipeline.findings import Contact

__all__ = ["COMMON_TLDS", "UrlExtractor", "normalise_url"]

#: Suffixes accepted after a spaced or worded dot (``site . com``, ``site dot org``).
COMMON_TLDS = frozenset(
    {"com", "net", "org", "info", "biz", "co", "io", "me", "us", "uk", "ng", "za", "in",
     "blog", "online", "site", "website", "store", "shop", "xyz", "top", "support", "app",
     "club", "live", "tk", "ml", "ga", "cf", "gq", "de", "fr", "ru", "edu", "gov"}
)

#: Generic top-level domains common enough to accept without a scheme or ``www.``; other
#: long suffixes are too often English words glued to a sentence (``today.you``).
POPULAR_GTLDS = frozenset(
    {"com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "xyz", "online", "site",
     "website", "store", "shop", "blog", "app", "dev", "club", "live", "health", "clinic",
     "doctor", "support", "services", "solutions", "pro", "tech", "top", "vip", "icu",
     "click", "media", "agency", "digital", "email", "guru", "herbal", "network", "systems",
     "mobi", "asia", "travel", "pharmacy", "hospital", "dental", "fitness", "beauty"}
)
#: Country-code suffixes that are also common English words.
_WORD_CCTLDS = frozenset({"is", "it", "me", "my", "no", "in", "to", "at", "as", "be", "by",
                          "do", "go", "us", "am", "an", "so", "of", "on", "or", "up", "we"})

_PATTERNS = (
    Pattern(
        "scheme",
        r"(?<![\w-])(?P<written>https?|hxxps?|hXXps?|h\*\*ps?|h\[tt\]ps?|ftp)"
        r"(?P<sep>://|\[://\]|\[:\]//|:/\\/|\(:\)//)",
        1.0,
    ),
    Pattern("www", r"(?<![\w.@/-])(?=www(?:\.|\[\.\]|\(\.\))[^\W_])", 0.95),
    Pattern(
        "bare_domain",
        r"(?<![\w@.\-/:%+=&?#~])(?=[^\W_][\w-]{0,62}[ \t]{0,2}(?:\.|\[\.\]|\(\.\)|\[dot\]|\(dot\)"
        r"|dot[ \t])[ \t]{0,2}[^\W_])",
        0.85,
    ),
)
_START = re.compile(
    "|".join(f"(?P<{p.name}>{p.regex})" for p in _PATTERNS), re.IGNORECASE
)
_SCORES = {p.name: p.score for p in _PATTERNS}
_PORT = re.compile(r":\d{1,5}(?=[/?#\s]|$)")
_PATH = re.compile(r"[/?#][^\s<>\"'`{}|\\^\[\]]{0,2000}")
_IPV4 = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}")
_TRAILING = ".,;:!?'\"*)]}>"
_DEFANGED_SCHEME = {"hxxp": "http", "hxxps": "https", "h**p": "http", "h**ps": "https",
                    "h[tt]p": "http", "h[tt]ps": "https"}


def normalise_url(scheme: str, host: str, port: str, path: str) -> str:
    """Return the absolute URL with lower-case scheme and host, ``/`` for an empty path."""
    if not path or path[0] != "/":
        path = "/" + path
    path, _, _fragment = path.partition("#")
    path = path.removesuffix("?")
    default = {"http": ":80", "https": ":443"}.get(scheme)
    port = "" if port == default else port
    return f"{scheme}://{host.lower().rstrip('.')}{port}{path or '/'}"


class UrlExtractor(Extractor):
    """Links, www-addresses and bare domains, normalised to absolute URLs."""

    NAME = "url"
    KINDS = ("url",)
    PATTERNS = _PATTERNS
    CONTEXT = ("website", "site", "blog", "page", "link", "visit", "click")

    def extract(self, view: TextView, context: ExtractionContext) -> Iterator[Contact]:
        text = view.text
        if "." not in text and "dot" not in text.lower():
            return
        last_end = 0
        for match in _START.finditer(text):
            if match.start() < last_end:
                continue
            found = self._link(view, match)
            if found is not None:
                last_end = found.end_in_view
                yield found.contact

    def _link(self, view: TextView, match: re.Match[str]) -> _Found | None:
        text = view.text
        kind = match.lastgroup
        start = match.start()
        obfuscated = False
        if kind == "scheme":
            written = match.group("written").lower()
            scheme = _DEFANGED_SCHEME.get(written, written)
            obfuscated = scheme != written or match.group("sep") != "://"
            host_at = match.end()
            ip = _IPV4.match(text, host_at)
            if ip is not None and _valid_ip(ip.group(0)):
                host_text, host_end, host = ip.group(0), ip.end(), None
            else:
                host = scan_host(text, host_at, worded=True, spaced=False)
                if host is None:
                    return None
                host_text, host_end = host.host, host.end
        else:
            scheme = "http"
            host = scan_host(text, start, worded=True, spaced=kind == "bare_domain",
                             same_case=True)
            letters = 0
            while host is not None and letters < len(host.labels) and \
                    len(host.labels[letters]) == 1:
                letters += 1
            if host is not None and letters >= 2 and \
                    text[start : start + 2 * letters].count(".") == letters:
                # "e.g.voilà.fr": an abbreviation glued to the domain.
                start += 2 * letters
                host = scan_host(text, start, worded=True, spaced=True, same_case=True)
            path_follows = host is not None and text[host.end : host.end + 1] == "/"
            if host is None or not self._bare_host_ok(host, kind or "", path_follows=path_follows):
                return None
            host_text, host_end = host.host, host.end
        if host is not None:
            obfuscated = obfuscated or host.obfuscated
        end = host_end
        port = ""
        if (port_match := _PORT.match(text, end)) is not None:
            port = port_match.group(0)
            end = port_match.end()
        path = ""
        if (path_match := _PATH.match(text, end)) is not None:
            path = _trim(path_match.group(0))
            end += len(path)
        if kind == "bare_domain" and end < len(text) and text[end] in "@":
            return None
        if "..." in path:
            # A display text shortened by the site ("www.example.org/.../page/"): the real
            # target is given elsewhere (html_to_text appends it).
            return None
        after = text[end : end + 3]
        if after == "..." and (kind == "scheme" and len(path) > 1):
            # A display text shortened by the site ("https://example.org/long/pa..."):
            # the real target is given elsewhere.
            return None
        value = normalise_url(scheme, host_text, port, path)
        domain = registered_domain(host_text) if host is not None else host_text
        contact = self.contact(
            view, "url", value, start, end,
            pattern=kind or "url", score=_SCORES.get(kind or "", 0.8),
            obfuscated=obfuscated, domain=domain, shortener=is_shortener(host_text),
            why="defanged link" if obfuscated else f"link ({kind})",
        )
        return _Found(contact, end)

    @staticmethod
    def _bare_host_ok(host: HostMatch, kind: str, *, path_follows: bool) -> bool:
        labels = host.labels
        tld = labels[-1]
        if kind == "www":
            return len(labels) >= 3
        if tld.lower() in FILE_LIKE_TLDS:
            return False
        written = ".".join(labels)
        if not (tld.islower() or written.isupper()):
            return False
        tld = tld.lower()
        if len(tld) > 2 and tld not in COMMON_TLDS and tld not in POPULAR_GTLDS:
            return False  # "today.you": a word glued to the next sentence
        if len(labels) == 2 and tld in _WORD_CCTLDS and not path_follows:
            return False  # "home.it was": a two-letter word glued to the next sentence
        return not (host.spaced or host.obfuscated) or tld.lower() in COMMON_TLDS


class _Found:
    __slots__ = ("contact", "end_in_view")

    def __init__(self, contact: Contact, end_in_view: int) -> None:
        self.contact = contact
        self.end_in_view = end_in_view


def _valid_ip(text: str) -> bool:
    try:
        ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True


def _trim(path: str) -> str:
    """Cut trailing punctuation and closing brackets that the path does not open."""
    while path and path[-1] in _TRAILING:
        last = path[-1]
        pairs = {")": "(", "]": "[", "}": "{"}
        if last in pairs and path.count(pairs[last]) >= path.count(last):
            break
        path = path[:-1]
    return path

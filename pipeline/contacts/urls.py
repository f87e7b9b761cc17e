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
        r"(?P<written>https?|hxxps?|h\*\*ps?|h\[tt\]ps?|ftp)"
        r"(?P<sep>://|\[://\]|\[:\]//|:/\\/|\(:\)//)",
        1.0,
    ),
    Pattern("www", r"www(?:\.|\[\.\]|\(\.\))(?=[^\W_])", 0.95),
    # A dot-like separator; the bare domain's first label is found by walking back from it.
    Pattern("bare_domain", r"\.|\[\.\]|\(\.\)|\[dot\]|\(dot\)|(?<=[ \t])dot(?=[ \t])", 0.85),
)
_SCHEME_RE = _PATTERNS[0].compiled
_WWW_RE = _PATTERNS[1].compiled
_SEPARATOR_RE = _PATTERNS[2].compiled
_BLANKS_THEN_LABEL = re.compile(r"[ \t]{0,2}(?:\r?\n[ \t]{0,2})?[^\W_]")
_LONGEST_SCHEME = len("h[tt]ps")
_KIND_RANK = {"scheme": 0, "www": 1, "bare_domain": 2}
#: Characters that may not precede a link (it would be part of a longer token).
_NOT_BEFORE = frozenset("@.-/:%+=&?#~_")
#: Markup that may stand just before a link written without a scheme: a BBCode tag or an
#: HTML attribute left in the text (``[url=www.x.com]``, ``href=www.x.com``), and a
#: protocol-relative address in an attribute (``src="//cdn.x.com/a.png"``).
_MARKUP_EQUALS = ("[url=", "[img=", "[link=", "href=", "src=")
_RELATIVE_OPENERS = frozenset("\"'=")
#: HTML entities for quotes and angle brackets: an escaped attribute (``href=&quot;…&quot;``)
#: ends where one starts; no real address contains them.
_ENTITY_ENDS = re.compile(r"&(?:quot|apos|lt|gt|#34|#39|#x22|#x27);", re.IGNORECASE)
_LABEL_CHARS_BACK = 63
_SCORES = {p.name: p.score for p in _PATTERNS}
_PORT = re.compile(r":\d{1,5}(?=[/?#\s]|$)")
_PATH = re.compile(r"[/?#][^\s<>\"'`{}|\\^\[\]。、「」『』【】]{0,2000}")
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
        if "." not in text and "dot" not in view.lower:
            return
        last_end = 0
        for start, kind, match in _candidates(text, view.lower):
            if start < last_end:
                continue
            found = self._link(view, kind, start, match)
            if found is not None:
                last_end = found.end_in_view
                yield found.contact

    def _link(
        self, view: TextView, kind: str, start: int, match: re.Match[str] | None
    ) -> _Found | None:
        text = view.text
        obfuscated = False
        if kind == "scheme" and match is not None:
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
            if host is None or not self._bare_host_ok(host, kind, path_follows=path_follows):
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
            path = path_match.group(0)
            if "&" in path and (entity := _ENTITY_ENDS.search(path)) is not None:
                path = path[: entity.start()]
            path = _trim(path)
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
            pattern=kind, score=_SCORES.get(kind, 0.8),
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


def _candidates(text: str, lower: str) -> list[tuple[int, str, re.Match[str] | None]]:
    """Return where links may start, in text order: schemes, ``www.``, bare domains."""
    found: list[tuple[int, str, re.Match[str] | None]] = []
    # Schemes: find the "://" (or a defanged form) first, then read the word before it.
    for colon in _scheme_colons(text):
        low = max(0, colon - _LONGEST_SCHEME)
        for start in range(low, colon):
            match = _SCHEME_RE.match(text, start)
            if match is not None and match.end("written") == colon:
                if start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "-_"):
                    found.append((start, "scheme", match))
                break
    at = lower.find("www")
    while at != -1:
        match = _WWW_RE.match(text, at)
        if match is not None and (at == 0 or not (text[at - 1].isalnum()
                                                   or text[at - 1] in _NOT_BEFORE)
                                  or (text[at - 1] in "=/" and _after_markup(text, at))):
            found.append((at, "www", match))
        at = lower.find("www", at + 3)
    for separator in _separators(text, lower):
        start = _label_start(text, separator)
        if start is not None:
            found.append((start, "bare_domain", None))
    found.sort(key=lambda item: (item[0], _KIND_RANK[item[1]]))
    return found


def _separators(text: str, lower: str) -> list[int]:
    """Return where a dot-like separator may join two labels, in text order.

    Without a worded "dot" every separator starts with ".", "[" or "(": those are found
    with ``str.find`` (a ``memchr``), far faster than a regex testing a character class at
    every position, and only then checked in full.
    """
    if "dot" in lower:
        return [match.start() for match in _SEPARATOR_RE.finditer(text)]
    found: list[int] = []
    at = text.find(".")
    while at != -1:
        if _may_continue_host(text, at + 1):
            found.append(at)
        at = text.find(".", at + 1)
    bracketed = False
    for opener in "[(":
        at = text.find(opener)
        while at != -1:
            if _SEPARATOR_RE.match(text, at) is not None:
                found.append(at)
                bracketed = True
            at = text.find(opener, at + 1)
    if bracketed:
        found.sort()
    return found


def _may_continue_host(text: str, after: int) -> bool:
    """Cheap check after a dot: a label follows (directly, or after blanks in lower case)."""
    if after >= len(text):
        return False
    char = text[after]
    if char.isalnum():
        return True
    if char not in " \t\r\n":
        return False
    rest = text[after : after + 4].lstrip()
    if not (rest and (rest[0].islower() or rest[0].isdigit())):
        return False
    # A spaced or line-broken dot allows only these blanks before the next label (see
    # ``domains._separator``): a sentence ending a paragraph (".\n\nthe") is no host.
    return _BLANKS_THEN_LABEL.match(text, after) is not None


def _scheme_colons(text: str) -> list[int]:
    """Return the positions of ``:/``, ``[:`` and ``(:`` (plain substring searches).

    Most comments have no ":" at all: that one-character test (a ``memchr``) spares the
    three slower two-character searches.
    """
    positions: list[int] = []
    if ":" not in text:
        return positions
    for needle in (":/", "[:", "(:"):
        at = text.find(needle)
        while at != -1:
            positions.append(at)
            at = text.find(needle, at + 2)
    positions.sort()
    return positions


def _label_start(text: str, separator: int) -> int | None:
    """Walk back from a separator over spaces and one label; None if it is not a label."""
    pos = separator
    spaces = 0
    while pos > 0 and text[pos - 1] in " \t" and spaces < 2:
        pos -= 1
        spaces += 1
    end = pos
    lowest = max(0, end - _LABEL_CHARS_BACK)
    while pos > lowest and (text[pos - 1].isalnum() or text[pos - 1] in "-_"):
        pos -= 1
    if pos == end or not text[pos].isalnum():
        return None
    if pos > 0:
        before = text[pos - 1]
        if (before.isalnum() or before in _NOT_BEFORE) and \
                not (before in "=/" and _after_markup(text, pos)):
            return None
    return pos


def _after_markup(text: str, pos: int) -> bool:
    """Check whether a BBCode tag, an HTML attribute or ``="//`` ends just before ``pos``.

    Called only when ``text[pos - 1]`` is "=" or "/" (the callers test that first: most
    links follow neither).
    """
    before = text[pos - 1]
    if before == "=":
        return text[max(0, pos - 6) : pos].lower().endswith(_MARKUP_EQUALS)
    return before == "/" and pos >= 3 and text[pos - 2] == "/" and \
        text[pos - 3] in _RELATIVE_OPENERS


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

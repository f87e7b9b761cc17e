"""Host names as scammers write them, and what the public-suffix list says about them.

Both the e-mail and the URL extractor read host names label by label with flat patterns
(no nested quantifiers) so that disguised separators (``gmail dot com``, ``example[.]org``,
``gmail . com``) are read as dots, and decide with the public-suffix list whether the last
labels form a real suffix. The list is tldextract's bundled snapshot, used with no network
access and no cache directory, so nothing is fetched at run time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import tldextract

__all__ = ["SHORTENERS", "HostMatch", "is_shortener", "registered_domain", "scan_host", "split_host"]

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)

#: URL shorteners and redirectors whose target is hidden from the reader.
SHORTENERS = frozenset(
    {
        "bit.ly", "bitly.com", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "is.gd", "buff.ly",
        "amzn.to", "rb.gy", "cutt.ly", "shorturl.at", "tiny.cc", "rebrand.ly", "lnkd.in",
        "bit.do", "soo.gd", "v.gd", "t.ly", "shorte.st", "adf.ly", "tr.im", "cli.gs", "x.co",
        "qr.ae", "po.st", "bc.vc", "shorturl.com", "tiny.one", "urlz.fr", "wa.link",
        "s.id", "trib.al", "dlvr.it", "ift.tt", "youtu.be", "fb.me",
    }
)

_LABEL = re.compile(r"[^\W_][\w-]{0,62}")
_PLAIN_DOT = re.compile(r"\.")
# "gmail. com", "gmail . com": a space after the dot (and optionally one before). A space
# before the dot only ("com .help") usually separates two sentences, so it is not a dot.
_SPACED_DOT = re.compile(r"(?: ?\.[ \t]{1,2}|[ \t]{1,2}\. )")
_DEFANGED_DOT = re.compile(r"[ \t]?[\[({<][ \t]?(?:\.|dot)[ \t]?[\])}>][ \t]?", re.IGNORECASE)
_WORDED_DOT = re.compile(r"[ \t]{1,2}(?:dot|DOT|Dot)[ \t]{1,2}")
_LINEBREAK_DOT = re.compile(r"\.[ \t]{0,2}\r?\n[ \t]{0,2}")
_TLD = re.compile(r"(?:[^\W\d_]{2,24}|xn--[a-z0-9-]{1,59})")

#: Last labels that are file extensions far more often than top-level domains when written
#: without a scheme (``setup.py``, ``README.md``, ``clip.mov``).
FILE_LIKE_TLDS = frozenset({"py", "md", "sh", "zip", "mov", "rs", "ps", "pl", "so", "js", "ts",
                            "cs", "db", "gz", "exe", "txt", "pdf", "png", "jpg", "gif", "csv",
                            "json", "xml", "html", "htm", "php", "asp", "aspx", "mp"})


@dataclass(frozen=True, slots=True)
class HostMatch:
    """Labels read from the text, where they end, and whether any separator was disguised."""

    labels: tuple[str, ...]
    end: int
    obfuscated: bool
    spaced: bool
    """True when some separator had spaces (weaker evidence than a plain dot)."""
    disguised: bool = False
    """True when some separator was a word or bracketed (``dot``, ``[.]``, ``(dot)``)."""

    @property
    def host(self) -> str:
        """The host name in lower case."""
        return ".".join(self.labels).lower()


def scan_host(
    text: str,
    pos: int,
    *,
    worded: bool = True,
    spaced: bool = True,
    same_case: bool = False,
    max_labels: int = 8,
) -> HostMatch | None:
    """Read a host name starting at ``pos`` and return the longest one with a public suffix.

    Args:
        text: the normalised comment text.
        pos: where the first label must start.
        worded: accept ``dot``/``[dot]``/``(.)`` as separators.
        spaced: accept a dot with spaces around it.
        same_case: accept a spaced or worded separator only between two labels written in
            lower case: "Paul dot com" and "REPORT. NET" are prose.
        max_labels: labels read at most.

    Returns:
        The host, or None when no prefix of the labels ends in a public suffix.
    """
    labels: list[str] = []
    ends: list[int] = []
    seps: list[str] = []  # kind of separator before each label after the first
    at = pos
    while len(labels) < max_labels:
        match = _LABEL.match(text, at)
        if match is None:
            break
        label = match.group(0).rstrip("-")
        labels.append(label)
        at = match.start() + len(label)
        ends.append(at)
        kind, sep_end = _separator(text, at, worded=worded, spaced=spaced)
        if kind is None:
            break
        if same_case and kind != "plain":
            following = _LABEL.match(text, sep_end)
            if following is None or not _same_case(label, following.group(0)):
                break
        seps.append(kind)
        at = sep_end
    # Longest prefix whose last label is a public suffix wins.
    for count in range(len(labels), 1, -1):
        tld = labels[count - 1]
        if not _TLD.fullmatch(tld):
            continue
        later = seps[: count - 1]
        spaced_before = "spaced" in later or "linebreak" in later
        if spaced_before and not (tld.islower() or tld.isupper()):
            # After a spaced dot the last label must look like a suffix, not a word that
            # starts a new sentence.
            continue
        host = ".".join(labels[:count]).lower()
        if not _has_suffix(host):
            continue
        return HostMatch(
            labels=tuple(labels[:count]),
            end=ends[count - 1],
            obfuscated=any(s != "plain" for s in later),
            spaced=any(s in ("spaced", "linebreak") for s in later),
            disguised=any(s in ("defanged", "worded") for s in later),
        )
    return None


def _separator(text: str, at: int, *, worded: bool, spaced: bool) -> tuple[str | None, int]:
    if at >= len(text):
        return None, at
    char = text[at]
    if char == "." and (match := _PLAIN_DOT.match(text, at)):
        if at + 1 < len(text) and _LABEL.match(text, at + 1):
            return "plain", match.end()
        if spaced and (line := _LINEBREAK_DOT.match(text, at)) and _LABEL.match(text, line.end()):
            return "linebreak", line.end()
        if spaced and (sp := _SPACED_DOT.match(text, at)) and _LABEL.match(text, sp.end()):
            return "spaced", sp.end()
        return None, at
    if worded and (match := _DEFANGED_DOT.match(text, at)) and _LABEL.match(text, match.end()):
        return "defanged", match.end()
    if worded and (match := _WORDED_DOT.match(text, at)) and _LABEL.match(text, match.end()):
        return "worded", match.end()
    if spaced and (match := _SPACED_DOT.match(text, at)) and _LABEL.match(text, match.end()):
        return "spaced", match.end()
    return None, at


def _same_case(left: str, right: str) -> bool:
    """Both labels in lower case (digits allowed): "REPORT. NET" in shouted prose is not."""
    return (left.islower() or left.isdigit()) and right.islower()


@lru_cache(maxsize=4096)
def split_host(host: str) -> tuple[str, str, str]:
    """Return ``(subdomain, domain, suffix)`` of ``host`` per the bundled public-suffix list."""
    result = _EXTRACT(host, include_psl_private_domains=False)
    return result.subdomain, result.domain, result.suffix


def _has_suffix(host: str) -> bool:
    _, domain, suffix = split_host(host)
    return bool(domain) and bool(suffix)


def registered_domain(host: str) -> str | None:
    """Return the registered domain (``blogspot.com`` for ``x.blogspot.com``), or None."""
    _, domain, suffix = split_host(host.lower().rstrip("."))
    if not domain or not suffix:
        return None
    return f"{domain}.{suffix}"


def is_shortener(host: str) -> bool:
    """Return True when ``host`` is a known URL shortener."""
    host = host.lower().removeprefix("www.")
    return host in SHORTENERS

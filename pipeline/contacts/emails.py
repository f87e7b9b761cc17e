"""E-mail addresses, including the disguises scam posters use to dodge filters.

Matching is anchored on the "at" token (``@``, ``(at)``, ``[at]``, `` at ``...): the local
part is read backwards from it over a bounded run of address characters, and the domain
forwards with :func:`~pipeline.contacts.domains.scan_host`, so the cost grows with the number
of "at" tokens, never with a regex backtracking over the whole text.

Not addresses: ``@username`` mentions (no local part), ``logo@2x.png`` and ``user@localhost``
(no public suffix), version strings. A bare `` at `` is weak evidence ("meet me at
home.com"), so it needs a disguised dot or a well-known mail provider after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.contacts.base import (
    ExtractionContext,
    Extractor,
    Pattern,
    find_context_word,
    words_regex,
)
from pipeline.contacts.domains import registered_domain, scan_host
from pipeline.contacts.normalise import TextView
from pipeline.findings import Contact

__all__ = ["MAIL_PROVIDERS", "EmailExtractor", "repair_provider"]

#: Mail providers whose names scammers glue to the suffix (``gmailcom``, ``gmail com``).
MAIL_PROVIDERS = frozenset(
    {"gmail", "googlemail", "yahoo", "ymail", "rocketmail", "hotmail", "outlook", "live",
     "msn", "aol", "icloud", "protonmail", "proton", "yandex", "gmx", "zoho", "mail", "qq",
     "163", "126", "rediffmail", "inbox"}
)

_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-'")
_MAX_LOCAL = 64

#: Words that end up before a bare " at " in ordinary prose and are never a local part.
_PROSE_WORDS = frozenset(
    {"me", "him", "her", "us", "them", "you", "it", "this", "that", "is", "was", "are", "look",
     "looked", "home", "work", "least", "all", "arrive", "arrived", "stay", "stayed", "be",
     "good", "bad", "great", "best", "went", "go", "and", "or", "but", "back", "up", "out",
     "not", "just", "only", "even", "still", "here", "there", "doctor", "dr", "hospital",
     "clinic", "born", "died", "lives", "live", "lived", "seen", "once", "com"}
)

_AT_PATTERNS = (
    Pattern("plain_at", r"@", 1.0),
    Pattern("spaced_at", r"[ \t]{1,3}@[ \t]{0,3}|@[ \t]{1,3}", 0.95),
    Pattern("bracketed_at", r"[ \t]{0,2}[\[({<][ \t]{0,2}(?:at|@)[ \t]{0,2}[\])}>][ \t]{0,2}", 0.95),
    Pattern("worded_at", r"[ \t]{1,2}(?:at|AT|At)[ \t]{1,2}", 0.7),
)
# Scanned separately: a pattern that starts with a plain character lets the regex engine
# skip ahead fast; one alternation of all four would be tried at every position.
_AT_SIGN = re.compile("@")
_BRACKETED_AT = re.compile(r"[\[({<][ \t]{0,2}(?:at|@)[ \t]{0,2}[\])}>]", re.IGNORECASE)
_WORDED_AT = re.compile(_AT_PATTERNS[3].regex)
_SCORES = {p.name: p.score for p in _AT_PATTERNS}
_PROVIDER_GLUED = re.compile(
    r"(?P<provider>" + "|".join(sorted(MAIL_PROVIDERS, key=len, reverse=True))
    + r")(?P<gap>[ \t]{0,2}|[ \t]?,[ \t]?)(?P<tld>com|net)(?![\w@-]|\.\w)",
    re.IGNORECASE,
)
_CONTEXT = words_regex(("email", "e-mail", "mail", "contact", "write", "gmail", "yahoo"))


def repair_provider(domain: str) -> str:
    """Return ``gmail.com`` for ``gmailcom``/``gmail com``: providers glued to the suffix."""
    match = _PROVIDER_GLUED.fullmatch(domain.strip())
    if match:
        return f"{match.group('provider').lower()}.{match.group('tld').lower()}"
    return domain


class EmailExtractor(Extractor):
    """E-mail addresses, plain or disguised, normalised to lower-case ``local@domain``."""

    NAME = "email"
    KINDS = ("email",)
    PATTERNS = _AT_PATTERNS
    CONTEXT = ("email", "e-mail", "mail", "contact", "write")

    def extract(self, view: TextView, context: ExtractionContext) -> Iterator[Contact]:
        text = view.text
        if "@" not in text and not _may_have_worded_at(view.lower):
            return
        last_end = 0
        for token in _at_tokens(text):
            if token[0] < last_end:
                continue
            found = self._at(view, token)
            if found is not None:
                last_end = found[1]
                yield found[0]

    def _at(self, view: TextView, token: tuple[int, int, str]) -> tuple[Contact, int] | None:
        text = view.text
        at_start, at_end, kind = token
        start = _local_start(text, at_start)
        local = text[start : at_start].strip(".-'")
        start = at_start - len(text[start : at_start].lstrip(".-'"))
        if not local or ".." in local:
            return None
        host = scan_host(text, at_end, worded=True, spaced=True)
        repaired = False
        end: int
        if host is None or (len(host.labels) == 2 and host.labels[0].lower() in MAIL_PROVIDERS
                            and host.labels[1].lower() not in ("com", "net")
                            and _PROVIDER_GLUED.match(text, at_end)):
            glued = _PROVIDER_GLUED.match(text, at_end)
            if glued is None:
                return None
            domain = repair_provider(glued.group(0))
            end = glued.end()
            repaired = True
            obfuscated_dot = disguised_dot = True
        else:
            domain = host.host
            end = host.end
            obfuscated_dot = host.obfuscated
            disguised_dot = host.disguised
        if kind == "worded_at":
            provider = domain.split(".", 1)[0] in MAIL_PROVIDERS
            if local.lower() in _PROSE_WORDS or not (disguised_dot or provider):
                return None
        if end < len(text) and (text[end] == "@" or text[end].isalnum()):
            return None
        value = f"{local.lower()}@{domain}"
        obfuscated = kind != "plain_at" or obfuscated_dot or repaired
        score = _SCORES[kind]
        word = find_context_word(text, start, end, _CONTEXT)
        why = "address with a disguised '@' or '.'" if obfuscated else "e-mail address"
        contact = self.contact(
            view, "email", value, start, end,
            pattern=kind, score=score, obfuscated=obfuscated,
            domain=registered_domain(domain) or domain, context_word=word, why=why,
        )
        return contact, end


def _may_have_worded_at(lower: str) -> bool:
    """Cheap pre-check for an "at" token other than "@" in the lower-cased text.

    A one-character ``in`` test is a ``memchr``, a hundred times faster than searching for
    a short string, so each bracketed or tab-spaced form is searched for only when its
    rare first character occurs at all.
    """
    return (
        " at " in lower
        or ("\t" in lower and ("\tat" in lower or "at\t" in lower))
        or ("(" in lower and "(at" in lower)
        or ("[" in lower and "[at" in lower)
        or ("<" in lower and "<at" in lower)
        or ("{" in lower and "{at" in lower)
    )


def _at_tokens(text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, pattern name)`` of every "at" token, in text order."""
    tokens: list[tuple[int, int, str]] = []
    covered: set[int] = set()
    if "(" in text or "[" in text or "{" in text or "<" in text:
        for match in _BRACKETED_AT.finditer(text):
            start, end = _widen(text, match.start(), match.end(), 2)
            tokens.append((start, end, "bracketed_at"))
            covered.update(range(match.start(), match.end()))
    if "@" in text:
        for match in _AT_SIGN.finditer(text):
            if match.start() in covered:
                continue
            start, end = _widen(text, match.start(), match.end(), 3)
            kind = "plain_at" if (start, end) == match.span() else "spaced_at"
            tokens.append((start, end, kind))
    for match in _WORDED_AT.finditer(text):
        tokens.append((match.start(), match.end(), "worded_at"))
    tokens.sort()
    return tokens


def _widen(text: str, start: int, end: int, spaces: int) -> tuple[int, int]:
    """Extend a span over up to ``spaces`` blanks (line breaks too) on each side."""
    low, high = start, end
    while low > 0 and start - low < spaces and text[low - 1] in " \t\r\n":
        low -= 1
    while high < len(text) and high - end < spaces and text[high] in " \t\r\n":
        high += 1
    return low, high


def _local_start(text: str, at: int) -> int:
    """Index where the local part ending at ``at`` begins (bounded backwards scan)."""
    pos = at
    lowest = max(0, at - _MAX_LOCAL)
    while pos > lowest and text[pos - 1] in _LOCAL_CHARS:
        pos -= 1
    return pos

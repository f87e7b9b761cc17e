"""Make attacker-written strings inert for readers: defang links, strip control characters.

Comment text, author names and URLs come from the scammers themselves. A report must never
turn them into something a mail client, spreadsheet or terminal acts on: URLs and emails are
written ``hxxps://example[.]com`` / ``name[@]example[.]com`` (the convention abuse desks
use), control and bidi-override characters are dropped, and CSV cells that a spreadsheet
would read as a formula are prefixed with a quote.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "MAX_DISPLAY_CHARS",
    "clean_text",
    "defang",
    "neutralise_cell",
    "shorten",
]

#: Longest comment text shown in a report; the rest is cut (hostile input can be huge).
MAX_DISPLAY_CHARS = 2000

# C0 controls except tab/newline, DEL, C1 controls, zero-width and bidi controls (U+200B-200F,
# U+202A-202E, U+2066-2069, U+FEFF): they can hide or reorder text in a reader's view.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)
_SCHEME = re.compile(r"(?i)\b(h)tt(ps?)(?=\s*:)|\b(f)t(p)(?=\s*:)")
# A dot joining two name characters, unless both sides are digits ("3.5 mg" stays readable).
_DOT = re.compile(r"(?<=[^\W_])\.(?=[^\W\d_])|(?<=[^\W\d_])\.(?=\d)")


def _scheme(match: re.Match[str]) -> str:
    if match.group(1):
        return f"{match.group(1)}xx{match.group(2)}"
    return f"{match.group(3)}x{match.group(4)}"


def clean_text(value: str | None) -> str:
    """Return ``value`` without control, zero-width or bidi-override characters."""
    if not value:
        return ""
    return _CONTROL.sub("", value)


def defang(value: str | None) -> str:
    """Return ``value`` with every URL scheme, domain dot and ``@`` defanged.

    Works on whole comments as well as on single URLs or emails: ``https://a.b/c`` becomes
    ``hxxps://a[.]b/c``, ``x@gmail.com`` becomes ``x[@]gmail[.]com``. Linear time: one pass
    per pattern, no nested quantifiers. Short values (contacts, authors, permalinks repeat
    across a takedown list) are cached.
    """
    if value and len(value) <= _CACHED_CHARS:
        return _defang_cached(value)
    return _defang(value)


_CACHED_CHARS = 300


@lru_cache(maxsize=65536)
def _defang_cached(value: str) -> str:
    return _defang(value)


def _defang(value: str | None) -> str:
    text = clean_text(value)
    text = _SCHEME.sub(_scheme, text)
    text = _DOT.sub("[.]", text)
    return text.replace("@", "[@]")


def shorten(value: str, limit: int = MAX_DISPLAY_CHARS) -> str:
    """Cut ``value`` to ``limit`` characters, marking the cut."""
    if len(value) <= limit:
        return value
    return value[:limit] + " […]"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise_cell(value: object) -> object:
    """Return a CSV cell a spreadsheet will not evaluate: text starting like a formula gets ``'``.

    Numbers pass through unchanged (they are ours, not the attacker's).
    """
    if not isinstance(value, str):
        return value
    if len(value) <= _CACHED_CHARS:
        return _neutralise_text(value)
    return _neutralise_text.__wrapped__(value)


@lru_cache(maxsize=65536)
def _neutralise_text(value: str) -> str:
    text = clean_text(value)
    if text.startswith(_FORMULA_START) or text.lstrip().startswith(_FORMULA_START[:4]):
        return "'" + text
    return text

"""A normalised view of a comment that still knows where every character came from.

Scammers write ``ｄｒ＠ｇｍａｉｌ．ｃｏｍ`` or hide zero-width spaces inside an address so that
naive patterns miss it. Extractors therefore match on a normalised copy (NFKC, zero-width
characters removed, the text capped), and :meth:`TextView.original_span` maps a match back
to the comment exactly as written, so ``text[start:end] == raw`` always holds.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass

__all__ = ["MAX_TEXT_CHARS", "TextView", "make_view"]

logger = logging.getLogger(__name__)

#: Text beyond this many characters is not searched: no real comment is longer, and a
#: hostile one must not cost unbounded time.
MAX_TEXT_CHARS = 50_000

#: Invisible characters dropped before matching (zero-width space/joiners, word joiner,
#: BOM, soft hyphen, Mongolian vowel separator, invisible math operators).
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064")


@dataclass(frozen=True, slots=True)
class TextView:
    """The original comment text and the normalised copy extractors search."""

    original: str
    """The text as given by the caller (never changed, never capped)."""
    text: str
    """NFKC-normalised, invisible characters removed, capped at :data:`MAX_TEXT_CHARS`."""
    lower: str = ""
    """:attr:`text` in lower case (shared by the extractors' cheap pre-checks)."""
    starts: tuple[int, ...] | None = None
    """For each character of ``text`` the index of the original character it came from;
    None when ``text`` is a plain prefix of ``original`` (the common ASCII case)."""

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of :attr:`text` to the span of :attr:`original` it came from."""
        if self.starts is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.starts[end - 1] + 1

    def changed(self, start: int, end: int) -> bool:
        """Return True when normalisation altered the characters of this span."""
        if self.starts is None:
            return False
        o_start, o_end = self.original_span(start, end)
        return self.original[o_start:o_end] != self.text[start:end]


def make_view(text: str, *, limit: int = MAX_TEXT_CHARS) -> TextView:
    """Build the normalised view of ``text``.

    Args:
        text: the comment as plain text.
        limit: characters of ``text`` searched at most.

    Returns:
        A :class:`TextView`; ASCII text without invisible characters is shared, not copied.
    """
    capped = text
    if len(text) > limit:
        logger.info("comment of %d chars searched only in its first %d", len(text), limit)
        capped = text[:limit]
    if capped.isascii():
        return TextView(original=text, text=capped, lower=capped.lower())
    parts: list[str] = []
    starts: list[int] = []
    for index, char in enumerate(capped):
        if char in _INVISIBLE:
            continue
        if char.isascii():
            parts.append(char)
            starts.append(index)
            continue
        mapped = unicodedata.normalize("NFKC", char)
        parts.append(mapped)
        starts.extend([index] * len(mapped))
    normalised = "".join(parts)
    lower = normalised.lower()
    if len(lower) != len(normalised):
        # A few characters lower-case to two ("İ"): keep positions aligned with ``text``.
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in normalised)
    return TextView(original=text, text=normalised, lower=lower, starts=tuple(starts))

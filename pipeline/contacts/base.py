"""What every contact extractor shares: named patterns, the run loop, and finding objects.

An extractor is a small class (``NAME``, named scored ``PATTERNS``, ``CONTEXT`` words) whose
:meth:`Extractor.extract` yields :class:`~pipeline.findings.Contact` objects found in a
:class:`~pipeline.contacts.normalise.TextView`. The base class owns what must be the same for
all of them: mapping offsets back to the original text, and making sure that hostile comment
text never raises out of the stage (a failing extractor is logged and skipped).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from pipeline.contacts.normalise import TextView
from pipeline.contacts.regions import implied_regions, region_mentions, region_order
from pipeline.findings import Contact, Explanation

__all__ = [
    "ExtractionContext",
    "Extractor",
    "Pattern",
    "find_context_word",
    "words_regex",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Pattern:
    """A named, scored regular expression; a bad one fails at import, not on a comment."""

    name: str
    """Shown in explanations (``bracketed_at``, ``wa_me_link``...)."""
    regex: str
    """The expression; keep quantifiers bounded and never nest them."""
    score: float = 1.0
    """Confidence before validation and context, between 0 and 1."""
    flags: int = re.IGNORECASE

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"pattern {self.name!r}: score {self.score} outside 0..1")
        try:
            re.compile(self.regex, self.flags)
        except re.error as exc:
            raise ValueError(f"pattern {self.name!r}: {exc}") from None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled expression (``re`` caches compilations)."""
        return re.compile(self.regex, self.flags)


@dataclass(frozen=True, slots=True)
class ExtractionContext:
    """Facts about the whole comment that single matches need, worked out once and lazily.

    Region inference reads the whole text, so it runs only when a phone candidate written
    without ``+CC`` asks for it: most comments have none.
    """

    text: str = ""
    """The normalised text the regions are read from."""
    default_region: str | None = None
    """The site's default phone region, tried after the regions the text implies."""
    allow_list: frozenset[str] = frozenset()
    """Normalised values never reported."""
    _mentions: list[tuple[tuple[int, str, bool], ...]] = field(
        default_factory=list, repr=False, compare=False
    )
    """Holds :attr:`mentions` once computed (a list, so the frozen context can fill it)."""

    @property
    def mentions(self) -> tuple[tuple[int, str, bool], ...]:
        """``+CC`` prefixes and country names in the text (see :func:`region_mentions`)."""
        if not self._mentions:
            self._mentions.append(region_mentions(self.text))
        return self._mentions[0]

    def regions_near(self, position: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Return ``(regions to try, regions the text implies)`` for a number at ``position``.

        ``+CC`` prefixes anywhere and country names near the number come first, then the
        site's default region.
        """
        implied = implied_regions(self.text, near=position, mentions=self.mentions)
        return region_order(implied, self.default_region), implied


def words_regex(words: Iterable[str]) -> re.Pattern[str]:
    """Compile context words into one escaped, case-insensitive, whole-word alternation."""
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w) for w in ordered)
    return re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])", re.IGNORECASE)


def find_context_word(
    text: str, start: int, end: int, words: re.Pattern[str], *, before: int = 60, after: int = 30
) -> str | None:
    """Return the context word closest to ``text[start:end]`` within the window, if any."""
    best: tuple[int, str] | None = None
    lo = max(0, start - before)
    for match in words.finditer(text, lo, start):
        best = (start - match.end(), match.group(0).lower())
    for match in words.finditer(text, end, min(len(text), end + after)):
        distance = match.start() - end
        if best is None or distance < best[0]:
            best = (distance, match.group(0).lower())
        break
    return best[1] if best else None


class Extractor:
    """Base of the contact extractors: subclasses implement :meth:`extract`."""

    NAME: ClassVar[str] = "contact"
    """Extractor name shown in explanations."""
    KINDS: ClassVar[tuple[str, ...]] = ()
    """Contact kinds this extractor can report."""
    PATTERNS: ClassVar[tuple[Pattern, ...]] = ()
    CONTEXT: ClassVar[tuple[str, ...]] = ()

    def extract(self, view: TextView, context: ExtractionContext) -> Iterator[Contact]:
        """Yield the contacts found in ``view`` (offsets into ``view.original``)."""
        raise NotImplementedError

    def run(self, view: TextView, context: ExtractionContext) -> list[Contact]:
        """Return :meth:`extract`'s contacts; a failure is logged and yields nothing."""
        try:
            allowed = context.allow_list
            if not allowed:
                return list(self.extract(view, context))
            return [c for c in self.extract(view, context) if c.value not in allowed]
        except Exception:  # comment text must never raise out of the stage
            logger.exception("extractor %s failed on a comment of %d chars", self.NAME,
                             len(view.original))
            return []

    def contact(
        self,
        view: TextView,
        kind: str,
        value: str,
        start: int,
        end: int,
        *,
        pattern: str,
        score: float = 1.0,
        obfuscated: bool = False,
        channels: tuple[str, ...] = (),
        domain: str | None = None,
        shortener: bool = False,
        validated: bool | None = True,
        context_word: str | None = None,
        why: str = "",
    ) -> Contact:
        """Build a :class:`Contact` from a span of the normalised text."""
        o_start, o_end = view.original_span(start, end)
        return Contact(
            kind=kind,
            value=value,
            raw=view.original[o_start:o_end],
            start=o_start,
            end=o_end,
            obfuscated=obfuscated or view.changed(start, end),
            channels=channels,
            domain=domain,
            shortener=shortener,
            score=score,
            explanation=Explanation(
                extractor=self.NAME,
                pattern_name=pattern,
                original_score=score,
                validated=validated,
                context_word=context_word,
                text=why,
            ),
        )

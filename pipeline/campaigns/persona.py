"""Healer persona names ("Dr Osato", "Priest Ade", "Lord Zakuza") found in a comment.

A persona is the name the actor sells under. Many unrelated actors call themselves
"Dr Williams", and template thieves swap in their own name, so a persona never links two
comments by itself: linking uses it only to strengthen other evidence (a moderately similar
text, or contact addresses named after the persona), and as a campaign's label.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["MAX_PERSONA_SCAN", "Persona", "dominant_persona", "find_personas"]

#: Only the first characters are scanned: a persona is named early, and text is hostile.
MAX_PERSONA_SCAN = 20_000

_TITLES = (
    "dr", "doctor", "doc", "lord", "priest", "prophet", "sheikh", "sheik", "baba", "chief",
    "papa", "mama", "prof", "professor", "herbalist", "native doctor", "spell caster",
    "pastor", "apostle", "madam", "mallam", "oba", "iya",
)
# Not "Mr"/"Mrs"/"Father": victims and their relatives are named that way just as often.
#: Title (any case), optional dot, one to three spaces, then a capitalised name. Flat
#: alternation and bounded repeats only: no nested quantifiers.
_PATTERN = re.compile(
    r"(?<![\w@])(?i:" + "|".join(sorted((re.escape(t) for t in _TITLES), key=len, reverse=True))
    + r")\.?[ \t]{1,3}([A-Z][A-Za-z]{1,23})\b"
)
#: Capitalised words that follow a title but are not names.
_NOT_NAMES = frozenset({
    "the", "and", "who", "he", "she", "his", "her", "is", "was", "has", "have", "can", "will",
    "said", "told", "that", "this", "for", "from", "with", "you", "me", "my", "our", "your",
    "i", "if", "on", "in", "at", "of", "to", "a", "an", "via", "please", "today", "now",
    "again", "online", "herbal", "spell", "spiritual", "great", "powerful", "real", "good",
    "whatsapp", "email", "call", "contact", "text", "phone", "mail", "thank", "thanks",
    "god", "jesus", "so", "they", "we", "it", "also", "then", "there", "here", "home",
})

#: Short or generic names match too easily across unrelated actors.
MIN_NAME_LENGTH = 3


@dataclass(frozen=True, slots=True)
class Persona:
    """A persona name: the matching key and how it was written."""

    key: str
    """Lower-case name without the title (``osato``): what comparisons use."""
    display: str
    """Title and name as written first (``Dr Osato``): what labels show."""


def find_personas(text: str) -> list[Persona]:
    """Return the persona names of a comment, in order of first appearance, deduplicated."""
    found: dict[str, Persona] = {}
    for match in _PATTERN.finditer(text[:MAX_PERSONA_SCAN]):
        name = match.group(1)
        key = name.lower()
        if key in _NOT_NAMES or len(key) < MIN_NAME_LENGTH:
            continue
        title = match.group(0)[: match.start(1) - match.start(0)].strip().rstrip(".")
        display = f"{title.capitalize()} {name.capitalize()}"
        found.setdefault(key, Persona(key=key, display=display))
    return list(found.values())


def dominant_persona(personas: Iterable[Persona | None]) -> Persona | None:
    """Return the most frequent persona (ties: the alphabetically first key)."""
    counts: Counter[str] = Counter()
    shown: dict[str, Counter[str]] = {}
    for persona in personas:
        if persona is None:
            continue
        counts[persona.key] += 1
        shown.setdefault(persona.key, Counter())[persona.display] += 1
    if not counts:
        return None
    key = min(counts, key=lambda k: (-counts[k], k))
    display = min(shown[key], key=lambda d: (-shown[key][d], d))
    return Persona(key=key, display=display)

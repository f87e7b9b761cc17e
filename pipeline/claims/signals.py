"""Compiled claim lexicons and the small finders built on them.

Every lexicon of ``pipeline/claims/data`` is compiled here, once, at import; the claim
detector and the scoring rules share these objects so a term means the same thing to both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from pipeline.claims.lexicon import Match, load_toml, term_set

__all__ = [
    "ANY_DISEASE",
    "CONDITIONS",
    "CONVENTIONAL",
    "CURE_ASSERTION",
    "CURE_OFFER",
    "FERTILITY_OUTCOME",
    "FRAUD_SIGNAL",
    "GENERIC_CURE",
    "LEXICON_VERSION",
    "MAX_CLAIM_CHARS",
    "NARRATIVE",
    "REMEDIES",
    "SOLICITATION",
    "SPELL_HEALTH",
    "find_personas",
]

#: Text beyond this many characters is not searched: no real comment is longer, and the
#: cost of hostile input must stay bounded.
MAX_CLAIM_CHARS: Final = 20_000

CONDITIONS: Final = term_set("conditions.toml", "conditions")
REMEDIES: Final = term_set("remedies.toml", "remedies")
CURE_ASSERTION: Final = term_set("phrases.toml", "phrases", "cure_assertion")
CURE_OFFER: Final = term_set("phrases.toml", "phrases", "cure_offer")
ANY_DISEASE: Final = term_set("phrases.toml", "phrases", "any_disease")
SPELL_HEALTH: Final = term_set("phrases.toml", "phrases", "spell_health")
FERTILITY_OUTCOME: Final = term_set("phrases.toml", "phrases", "fertility_outcome")
GENERIC_CURE: Final = term_set("phrases.toml", "phrases", "generic_cure")
FRAUD_SIGNAL: Final = term_set("phrases.toml", "phrases", "fraud_signal")
NARRATIVE: Final = term_set("phrases.toml", "phrases", "narrative")
SOLICITATION: Final = term_set("phrases.toml", "phrases", "solicitation")
CONVENTIONAL: Final = term_set("phrases.toml", "phrases", "conventional")
_HONORIFICS: Final = term_set("phrases.toml", "phrases", "honorific")

LEXICON_VERSION: Final = "+".join(
    str(load_toml(name)["version"]) for name in ("conditions.toml", "remedies.toml", "phrases.toml")
)

_NAME = re.compile(r"[\s.]{1,3}([A-Za-z][A-Za-z'’\-]{1,24})")
#: Words that follow "doctor" in ordinary sentences and are therefore not a persona's name.
_NOT_NAMES: Final = frozenset(
    {
        "a",
        "about",
        "almighty",
        "and",
        "appointment",
        "appointments",
        "are",
        "as",
        "at",
        "but",
        "by",
        "can",
        "christ",
        "could",
        "did",
        "does",
        "for",
        "from",
        "gave",
        "god",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "jesus",
        "lord",
        "me",
        "my",
        "no",
        "not",
        "note",
        "notes",
        "nurse",
        "nurses",
        "of",
        "office",
        "on",
        "or",
        "order",
        "orders",
        "our",
        "prescribed",
        "put",
        "recommended",
        "said",
        "says",
        "she",
        "so",
        "suggested",
        "that",
        "the",
        "their",
        "them",
        "then",
        "they",
        "this",
        "to",
        "told",
        "us",
        "visit",
        "visits",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "who",
        "will",
        "with",
        "would",
        "you",
        "your",
    }
)


def find_personas(text: str) -> Iterator[Match]:
    """Yield healer personas ("Dr NAME", "Priest NAME", "Baba NAME") in ``text``.

    A title alone is not a persona: "my doctor told me" names nobody. The name must follow
    the title directly and must not be an ordinary word.
    """
    for title in _HONORIFICS.finditer(text):
        found = _NAME.match(text, title.end)
        if found is None:
            continue
        name = found.group(1)
        if name.casefold() in _NOT_NAMES:
            continue
        yield Match(title.start, found.end(), text[title.start : found.end()], "healer")

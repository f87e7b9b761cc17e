"""Typed results that cross stage boundaries.

Every stage of the pure pipeline returns these frozen dataclasses rather than dicts, so a
reviewer (and a type checker) can see exactly what a finding carries. Offsets always index
the comment's own plain text (after HTML-to-text), so reports can highlight evidence, and
every finding can explain itself.

The JSON shapes produced by ``to_json`` are the public ``analyze`` contract of DESIGN.md:
change them only together with that document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "VERDICTS",
    "Analysis",
    "Claim",
    "Contact",
    "Explanation",
    "Reason",
]

#: Verdicts from the most to the least severe.
VERDICTS: tuple[str, ...] = ("scam", "spam", "suspicious", "ok")


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why an extractor reported a finding: shown to reviewers, never part of the contract."""

    extractor: str
    """Name of the extractor that matched (``email``, ``phone``...)."""
    pattern_name: str
    """Name of the pattern inside that extractor."""
    original_score: float = 1.0
    """Confidence of the pattern before validation and context."""
    validated: bool | None = None
    """Outcome of the extractor's validation (None: no opinion)."""
    context_word: str | None = None
    """Word near the match that supported it (``whatsapp``, ``email``...)."""
    text: str = ""
    """One human sentence saying why."""


@dataclass(frozen=True, slots=True)
class Contact:
    """A way to reach the poster found in a comment."""

    kind: str
    """``email``, ``phone``, ``url``, or a handle kind (``telegram``, ``instagram``...)."""
    value: str
    """Normalised value: lower-case email, E.164 phone, absolute URL, handle without ``@``."""
    raw: str
    """The text as written; ``text[start:end] == raw``."""
    start: int
    end: int
    obfuscated: bool = False
    """True when the contact was disguised (``name at gmail dot com``, ``hxxp``...)."""
    channels: tuple[str, ...] = ()
    """Messengers a phone number is offered on (``whatsapp``, ``viber``...)."""
    domain: str | None = None
    """Registered domain of a URL or e-mail (``blogspot.com`` for any blog there)."""
    shortener: bool = False
    """True for URL-shortener links, whose target is hidden."""
    score: float = 1.0
    explanation: Explanation | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the contract shape of DESIGN.md."""
        return {
            "kind": self.kind,
            "value": self.value,
            "raw": self.raw,
            "start": self.start,
            "end": self.end,
            "obfuscated": self.obfuscated,
            "channels": list(self.channels),
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """A cure claim: a disease, the remedy or healer credited, and the kind of claim."""

    disease: str | None
    """Canonical condition name (``breast cancer``), or None for "any disease" offers."""
    remedy: str | None
    """Canonical remedy or healer kind (``herbal``, ``spell``...), or None."""
    kind: str
    """``cure_testimonial``, ``cure_offer``, ``any_disease_offer``, ``spell_or_ritual``,
    ``miracle_product``."""
    start: int
    end: int
    evidence: str = ""
    """The text span that carries the claim."""

    def to_json(self) -> dict[str, Any]:
        """Return the contract shape of DESIGN.md."""
        return {
            "disease": self.disease,
            "remedy": self.remedy,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Reason:
    """One scoring rule that fired, with its weight and the text that made it fire."""

    rule: str
    weight: int
    evidence: str = ""

    def to_json(self) -> dict[str, Any]:
        """Return the contract shape of DESIGN.md."""
        return {"rule": self.rule, "weight": self.weight, "evidence": self.evidence}


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the pure pipeline concluded about one comment."""

    text: str
    """The plain text the offsets index (the input, or its HTML turned into text)."""
    contacts: tuple[Contact, ...] = ()
    claims: tuple[Claim, ...] = ()
    score: int = 0
    verdict: str = "ok"
    reasons: tuple[Reason, ...] = field(default=())
    ruleset_version: str = ""
    """Version of the scoring rules and lexicons that produced the verdict."""

    def to_json(self) -> dict[str, Any]:
        """Return the contract shape of DESIGN.md (without ``id``/``text``)."""
        return {
            "verdict": self.verdict,
            "score": self.score,
            "contacts": [c.to_json() for c in self.contacts],
            "claims": [c.to_json() for c in self.claims],
            "reasons": [r.to_json() for r in self.reasons],
        }

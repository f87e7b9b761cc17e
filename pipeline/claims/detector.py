"""Find cure claims: a condition, the unproven remedy or healer credited, and the kind.

A claim needs three things close together or in the same comment: a cure assertion or
offer ("cured my", "cure for", "any kind of disease"), a condition from the lexicon, and an
unproven remedy or healer ("herbal portion", "spell caster", "Dr NAME"). A cure credited to
conventional care ("after surgery and Herceptin") is not a claim, which keeps a patient's
thank-you note out of the scam pile; care named as dropped ("no more insulin") takes no
credit.

Unseen campaigns rarely put the three in one phrase, so three more shapes count:

- an outcome that refers back ("he was cured", "it is gone", "the test came back
  negative") takes the nearest condition named up to a few sentences earlier, when an
  unproven remedy or healer sits between them and no conventional care does;
- a cure word right after its condition ("HSV-2 gone!!!", "HIV free");
- a named healer, an unproven remedy and a condition near each other, in a comment that
  sends the reader to a third party ("contact him", "his number"), are an offer whatever
  the outcome wording; questions and warnings are left out.

Matching runs on an NFKC-folded copy without invisible characters (full-width "ｃｕｒｅｄ",
a zero-width space inside "herpes"), and offsets are mapped back to the text as given.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Final

from pipeline.claims.lexicon import Match, TermSet
from pipeline.claims.signals import (
    ANY_DISEASE,
    CONDITION_PRODUCT,
    CONDITIONS,
    CONVENTIONAL,
    CURE_ASSERTION,
    CURE_OFFER,
    DISMISSALS,
    FERTILITY_OUTCOME,
    GENERIC_CURE,
    HEDGE,
    MAX_CLAIM_CHARS,
    NEGATORS,
    PATIENT_CHAT,
    POST_CONDITION_CURE,
    RESEARCH,
    SELF_CONTACT,
    SOLICITATION,
    SPELL_HEALTH,
    WARNING,
    find_brands,
    find_personas,
    find_remedies,
)
from pipeline.contacts.normalise import make_view
from pipeline.findings import Claim

__all__ = ["CLAIM_KINDS", "detect_claims"]

logger = logging.getLogger(__name__)

CLAIM_KINDS: Final = (
    "cure_testimonial",
    "cure_offer",
    "any_disease_offer",
    "spell_or_ritual",
    "miracle_product",
)

#: Characters before / after a cure phrase in which its condition is looked for.
_BEFORE: Final = 120
_AFTER: Final = 220
#: Longest gap between two conditions of one list ("cures: HIV, HERPES, ...").
_LIST_GAP: Final = 120
#: A conventional treatment this close to a cure phrase takes the credit for it.
_CONVENTIONAL_SPAN: Final = 150
#: Longest evidence text a claim carries.
_EVIDENCE_CHARS: Final = 240
_PRODUCT_REMEDIES: Final = frozenset({"natural", "miracle product", "cannabis oil", "product"})
#: Farthest a healer (persona or healer word) may be from the cure it is credited with.
_PERSONA_REACH: Final = 400
_NEGATION_CHARS: Final = 40
#: How far back a testimonial's outcome ("it is gone", "he was cured") may find the
#: condition it refers to, named a few sentences earlier in the story.
_ANCHOR_BEFORE: Final = 700
#: Longest gap (blanks, punctuation) between a condition and a cure stated right after it.
_POST_GAP: Final = 4
_POST_WINDOW: Final = 30
#: How close a named healer and an unproven remedy must be to a condition for the three
#: together to stand as an offer when no cure wording was recognised.
_PROMOTED_REACH: Final = 250
#: A route handed to the reader without "contact him": a messenger named, a run of digits
#: long enough to be a phone number, an e-mail address or a handle. A link is no cue: an
#: author's site next to their name is how articles are cited.
_ROUTE_CUE: Final = re.compile(
    r"whats ?app|telegram|viber|wechat|\bwa\.me\b|\+?\d[\d \-]{7,16}\d"
    r"|[\w.\-]{2,64}@[\w\-]{2,64}\.|(?<![\w.])@\w{3,30}",
    re.IGNORECASE,
)
_SPELL_WORDS: Final = re.compile(r"spell|ring|magic|ritual", re.IGNORECASE)
_FERTILITY_WORDS: Final = re.compile(
    r"pregnan|fertil|womb|child|baby|son\b|daughter", re.IGNORECASE
)


def detect_claims(text: str) -> list[Claim]:
    """Return the cure claims of one comment, in order of position.

    Args:
        text: the comment's plain text (offsets index it exactly).

    Returns:
        One claim per (kind, condition), each with its evidence span; empty when the
        comment credits no unproven remedy or healer.
    """
    if not isinstance(text, str):
        raise TypeError(f"detect_claims expects str, not {type(text).__name__}")
    view = make_view(text, limit=MAX_CLAIM_CHARS)
    original, text = text, view.text  # match on the folded copy, report original offsets
    personas = list(find_personas(text))
    conditions = list(CONDITIONS.finditer(text))
    products = _condition_products(text, conditions)
    brands = find_brands(text)
    credits = sorted([*find_remedies(text), *products, *brands, *personas], key=lambda m: m.start)
    if not credits:
        return []
    conventional = [
        c
        for c in CONVENTIONAL.finditer(text)
        if not _dismissed(text, c)
        # "herbal medication" is no conventional medication
        and not any(m.start <= c.start and c.end <= m.end for m in credits)
    ]
    claims: dict[tuple[str, str | None], Claim] = {}

    def add(kind: str, disease: str | None, remedy: Match, start: int, end: int) -> None:
        key = (kind, disease)
        if key not in claims:
            start, end = view.original_span(start, end)
            evidence = original[start:end]
            if len(evidence) > _EVIDENCE_CHARS:
                evidence = evidence[:_EVIDENCE_CHARS] + "…"
            claims[key] = Claim(disease, remedy.canonical, kind, start, end, evidence)

    denied = False  # "herbs don't cure diabetes": the comment denies a cure somewhere
    # Remedies named inside a denial ("there is no *herbal* cure for ALS") are credited
    # with nothing else the comment says ("... the ALS Association supports families").
    denied_remedies: set[tuple[int, int]] = set()
    for phrase, base_kind in _cure_phrases(text, conditions):
        if _negated(text, phrase):
            denied = True
            denied_remedies.update(_denied_remedies(text, credits, phrase))
            continue
        near = _near(conditions, phrase)
        if not near and base_kind == "cure_testimonial":
            near = _anchored(conditions, conventional, credits, phrase)
        if not near:
            continue
        remedy = _credited(credits, phrase)
        if remedy is None or _conventional_credit(conventional, credits, phrase):
            continue
        if (remedy.start, remedy.end) in denied_remedies:
            continue
        kind = _kind(base_kind, remedy)
        for condition in near:
            start, end = min(phrase.start, condition.start), max(phrase.end, condition.end)
            add(kind, condition.canonical, remedy, start, end)

    for phrase in [*ANY_DISEASE.finditer(text), *GENERIC_CURE.finditer(text)]:
        remedy = _credited(credits, phrase)
        if _negated(text, phrase):
            continue
        if remedy is not None and not _conventional_credit(conventional, credits, phrase):
            add("any_disease_offer", None, remedy, phrase.start, phrase.end)

    if any(c.canonical == "infertility" for c in conditions):
        for phrase in FERTILITY_OUTCOME.finditer(text):
            remedy = _credited(credits, phrase)
            if remedy is not None:
                kind = _kind("cure_testimonial", remedy)
                add(kind, "infertility", remedy, phrase.start, phrase.end)

    if not claims and not denied and personas and _promotes_healer(text):
        for condition, remedy in _promoted_remedies(
            text, conditions, credits, personas, conventional
        ):
            start = min(condition.start, remedy.start)
            end = max(condition.end, remedy.end)
            add(_kind("cure_offer", remedy), condition.canonical, remedy, start, end)

    has_spell = any(m.canonical == "spell" for m in credits)
    for phrase in SPELL_HEALTH.finditer(text):
        if not has_spell and not _SPELL_WORDS.search(phrase.text):
            continue
        near = _near(conditions, phrase) or [Match(phrase.start, phrase.end, "", "infertility")]
        spell = Match(phrase.start, phrase.end, phrase.text, "spell")
        if _FERTILITY_WORDS.search(phrase.text):
            near = [Match(phrase.start, phrase.end, "", "infertility")]
        for condition in near:
            start, end = min(phrase.start, condition.start), max(phrase.end, condition.end)
            add("spell_or_ritual", condition.canonical, spell, start, end)

    return sorted(claims.values(), key=lambda c: (c.start, c.end))


def _cure_phrases(text: str, conditions: Sequence[Match]) -> list[tuple[Match, str]]:
    phrases = [(m, "cure_testimonial") for m in CURE_ASSERTION.finditer(text)]
    phrases += [(m, "cure_testimonial") for m in _post_condition_cures(text, conditions)]
    taken = [(m.start, m.end) for m, _ in phrases]
    for offer in CURE_OFFER.finditer(text):
        if not any(s < offer.end and offer.start < e for s, e in taken):
            phrases.append((offer, "cure_offer"))
    phrases.sort(key=lambda pair: pair[0].start)
    return phrases


def _post_condition_cures(text: str, conditions: Sequence[Match]) -> list[Match]:
    """Return the cures stated right after their condition ("HSV-2 gone!!!", "HIV free")."""
    found: list[Match] = []
    for condition in conditions:
        hit = _right_after(text, condition, POST_CONDITION_CURE, _POST_GAP, " \t!.,:;-–—")
        if hit is not None:
            found.append(Match(hit.start, hit.end, hit.text, "cured"))
    return found


def _condition_products(text: str, conditions: Sequence[Match]) -> list[Match]:
    """Return products named after their condition ("asthma mixture", "fibroid tea")."""
    found: list[Match] = []
    for condition in conditions:
        hit = _right_after(text, condition, CONDITION_PRODUCT, 1, None)
        if hit is not None:
            found.append(Match(condition.start, hit.end, text[condition.start : hit.end],
                               "natural"))
    return found


def _right_after(text: str, condition: Match, terms: TermSet, gap: int,
                 between: str | None) -> Match | None:
    """Return the first ``terms`` hit starting at most ``gap`` characters after a condition,
    with only ``between`` characters (None: whitespace) in between; offsets index ``text``."""
    window = text[condition.end : condition.end + _POST_WINDOW]
    hit = terms.search(window)
    if hit is None or hit.start > gap or window[: hit.start].strip(between):
        return None
    return Match(condition.end + hit.start, condition.end + hit.end, hit.text, hit.canonical)


def _anchored(
    conditions: Sequence[Match],
    conventional: Sequence[Match],
    credits: Sequence[Match],
    phrase: Match,
) -> list[Match]:
    """Return the condition a testimonial's outcome refers back to, or nothing.

    "My husband had prostate cancer ... a traditional healer sent his remedy ... within 21
    days he was cured": the outcome names no condition, the story did, sentences before.
    The nearest earlier condition is taken when an unproven remedy or healer is named
    between it and the outcome (or just after), and no conventional care is: "she had
    breast cancer, surgery and chemo, and now she is cured" stays a patient's story.
    """
    earlier = [
        c for c in conditions if c.end <= phrase.start and phrase.start - c.end <= _ANCHOR_BEFORE
    ]
    if not earlier:
        return []
    condition = earlier[-1]
    lo, hi = condition.start, phrase.end + _AFTER
    if any(c.end > lo and c.start < phrase.end + _CONVENTIONAL_SPAN for c in conventional):
        return []
    if not any(m.start >= lo and m.end <= hi for m in credits):
        return []
    return [condition]


def _dismissed(text: str, treatment: Match) -> bool:
    """True when a conventional treatment is named as dropped ("no more insulin")."""
    before = text[max(0, treatment.start - _NEGATION_CHARS) : treatment.start].casefold()
    words = [w.strip(".,;:!?()\"'") for w in before.replace("’", "'").split()[-2:]]
    return any(w in DISMISSALS for w in words)


def _promoted_remedies(
    text: str,
    conditions: Sequence[Match],
    credits: Sequence[Match],
    personas: Sequence[Match],
    conventional: Sequence[Match],
) -> list[tuple[Match, Match]]:
    """Return (condition, remedy) pairs a named healer is promoting, whatever the wording.

    Outcomes are worded in endless ways ("the virus cannot be found any more", "ya no
    tiene convulsiones"); the lexicon will always miss some. A named healer persona, an
    unproven remedy and a condition within a few sentences of each other are an offer on
    their own when the comment also hands the reader a route to someone else (the caller
    checks that, and that it is no warning), unless conventional care is named alongside
    or the condition is asked about ("has anyone tried Dr X's herbs for PCOS?").
    """
    remedies = [m for m in credits if m.canonical != "healer"]
    pairs: list[tuple[Match, Match]] = []
    for condition in conditions:
        if _asked(text, condition):
            continue
        lo, hi = condition.start - _PROMOTED_REACH, condition.end + _PROMOTED_REACH
        if not any(p.end >= lo and p.start <= hi for p in personas):
            continue
        remedy = next((m for m in remedies if m.end >= lo and m.start <= hi), None)
        if remedy is None:
            continue
        span_lo = min(condition.start, remedy.start) - _CONVENTIONAL_SPAN
        span_hi = max(condition.end, remedy.end) + _CONVENTIONAL_SPAN
        if any(c.end >= span_lo and c.start <= span_hi for c in conventional):
            continue
        pairs.append((condition, remedy))
    return pairs


def _promotes_healer(text: str) -> bool:
    """True when the comment hands the reader a route to a third party.

    "Contact him" and "his number" do; so does a bare number, address, handle or link,
    unless the writer offers their own ("email me", "happy to chat": a patient who names
    their herbalist). Warnings that quote the script and reports of research are left out.
    """
    for context in (WARNING, HEDGE, PATIENT_CHAT, RESEARCH):
        if context.search(text) is not None:
            return False
    if SOLICITATION.search(text) is not None:
        return True
    return SELF_CONTACT.search(text) is None and _ROUTE_CUE.search(text) is not None


def _asked(text: str, condition: Match) -> bool:
    """True when the sentence naming a condition is a question."""
    for char in text[condition.end : condition.end + _AFTER]:
        if char in ".!?\n":
            return char == "?"
    return False


def _negated(text: str, phrase: Match) -> bool:
    """True when one of the three words before a cure phrase negates it ("no cure for")."""
    before = text[max(0, phrase.start - _NEGATION_CHARS) : phrase.start].casefold()
    words = [w.strip(".,;:!?()\"'") for w in before.replace("’", "'").split()[-3:]]
    return any(w in NEGATORS for w in words)


def _denied_remedies(text: str, credits: Sequence[Match],
                     phrase: Match) -> list[tuple[int, int]]:
    """Return the remedies between a negated cure phrase and its negation ("no herbal cure")."""
    lo = phrase.start - _NEGATION_CHARS
    return [(m.start, m.end) for m in credits if lo <= m.start < phrase.start
            and m.canonical != "healer"]


def _near(conditions: Sequence[Match], phrase: Match) -> list[Match]:
    """Return the conditions around a cure phrase, following a list of them past the window.

    "herbal medicines for: DIABETES, HERPES, LOW SPERM COUNT, ..." names one condition per
    line; each one found extends the reach by ``_LIST_GAP`` characters.
    """
    lo, hi = phrase.start - _BEFORE, phrase.end + _AFTER
    near: list[Match] = []
    for condition in conditions:
        if condition.end < lo:
            continue
        if condition.start > hi:
            break
        near.append(condition)
        if condition.start >= phrase.end:
            hi = max(hi, condition.end + _LIST_GAP)
    return near


def _credited(credits: Sequence[Match], phrase: Match) -> Match | None:
    """Return the remedy credited with a cure: the nearest one, close ones first."""

    def distance(m: Match) -> int:
        return max(m.start - phrase.end, phrase.start - m.end, 0)

    best = min(credits, key=lambda m: (distance(m) > _AFTER, distance(m)), default=None)
    if best is not None and best.canonical == "healer" and distance(best) > _PERSONA_REACH:
        return None  # a healer named far away is not the one credited with this cure
    return best


def _conventional_credit(
    conventional: Sequence[Match], credits: Sequence[Match], phrase: Match
) -> bool:
    """True when conventional care, not an unproven remedy, sits next to the cure."""
    lo, hi = phrase.start - _CONVENTIONAL_SPAN, phrase.end + _CONVENTIONAL_SPAN
    if not any(c.end >= lo and c.start <= hi for c in conventional):
        return False
    unproven_near = any(m.end >= lo and m.start <= hi and m.canonical != "healer" for m in credits)
    return not unproven_near


def _kind(base_kind: str, remedy: Match) -> str:
    if remedy.canonical == "spell":
        return "spell_or_ritual"
    if remedy.canonical in _PRODUCT_REMEDIES and base_kind == "cure_offer":
        return "miracle_product"
    return base_kind

"""Turn a comment's contacts and claims into a score, a verdict and the reasons for it.

Every rule that fires is reported with the text that made it fire; the score is the sum
of their weights. The verdict, precision first:

- ``scam``: a health rule (a cure claim) *and* a contact route (contact details, or an
  explicit instruction to get in touch) *and* a score of at least :data:`SCAM_THRESHOLD`.
  Three refinements keep patients out of it: a claim credited only to a named doctor who
  is not promoted to the reader (``PERSONA_ONLY``) does not count; a warning against scams
  without contact details (``SCAM_WARNING``) has no route; and a link as the only contact
  detail is a route only with promotion around it (solicitation, healer persona, the
  testimony script, fraud wording).
- ``spam``: promotion rules worth at least :data:`SPAM_THRESHOLD` with a route (or a
  channel plug, which names its own).
- ``suspicious``: a cure claim without the rest, or a score of at least
  :data:`SUSPICIOUS_THRESHOLD`: for a human to look at.
- ``ok``: everything else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

from pipeline.claims.lexicon import TermSet
from pipeline.claims.signals import (
    ADDRESS_FALSE_FRIENDS,
    ADDRESS_WORDS,
    FRAUD_SIGNAL,
    HEALER_BUSINESS,
    HEDGE,
    MAX_CLAIM_CHARS,
    NARRATIVE,
    PATIENT_CHAT,
    SELF_CONTACT,
    SOLICITATION,
    WARNING,
    find_personas,
    find_remedies,
)
from pipeline.contacts.normalise import make_view
from pipeline.findings import Claim, Contact, Reason
from pipeline.reference_sites import is_reference_domain
from pipeline.scoring.links import (
    KEYWORD_LINK,
    LOCAL_SEO,
    SEO_ANCHOR,
    code_host,
    same_site,
    shop_address,
    words_besides,
)
from pipeline.scoring.promotion import PROMOTION_TERMS, SEO_PRAISE
from pipeline.scoring.rules import CONTACT, HEALTH, PROMOTION, RULES, RULES_BY_NAME

__all__ = [
    "SCAM_THRESHOLD",
    "SPAM_THRESHOLD",
    "SUSPICIOUS_THRESHOLD",
    "Scoring",
    "score_comment",
]

logger = logging.getLogger(__name__)

#: Least score of a ``scam`` (which also needs a health rule and a contact rule).
SCAM_THRESHOLD: Final = 45
#: Least promotion weight of a ``spam``.
SPAM_THRESHOLD: Final = 30
#: Least score of a ``suspicious`` comment without a cure claim.
SUSPICIOUS_THRESHOLD: Final = 35
#: Longest evidence text a reason carries.
_EVIDENCE_CHARS: Final = 200

#: Praise plus a link is SEO spam when the comment says little else (a reader who writes a
#: real reply and links their own post is not).
_SEO_MAX_WORDS: Final = 60
#: A comment with fewer words than this besides its links is a link drop.
_LINK_DROP_WORDS: Final = 4

_Fire = Callable[[str, str], None]

_CLAIM_RULES: Final = {
    "cure_testimonial": "CURE_TESTIMONIAL",
    "cure_offer": "CURE_OFFER",
    "any_disease_offer": "ANY_DISEASE",
    "spell_or_ritual": "SPELL_HEALING",
    "miracle_product": "MIRACLE_PRODUCT",
}
_MESSENGERS: Final = frozenset({"whatsapp", "viber", "telegram", "signal", "wechat", "imo"})
#: Rules that are actual contact details (not just an instruction to get in touch).
_CONTACT_DETAILS: Final = frozenset(
    {"CONTACT_EMAIL", "CONTACT_PHONE", "WHATSAPP_NUMBER", "CONTACT_URL", "CONTACT_HANDLE"}
)
#: With links as the only contact details, what makes the link a way to reach a seller.
_LINK_IS_A_ROUTE: Final = frozenset(
    {
        "SOLICITATION",
        "HEALER_PERSONA",
        "CURE_ADDRESS",
        "TESTIMONIAL_NARRATIVE",
        "FRAUD_SIGNAL",
        "MULTI_DISEASE",
        "ANY_DISEASE",
        "SPELL_HEALING",
        # A shop's copy around the link: a product page, not a patient's blog.
        "SHOP_LINK",
        "CALL_TO_ACTION",
        "MARKETING_COPY",
        "KEYWORD_LINK",
        "LOCAL_SEO",
    }
)
#: Promotion that names its own route ("my channel") and needs no contact details.
_SELF_ROUTING: Final = frozenset({"CHANNEL_PROMO"})
#: Promotion that only counts next to a link.
_NEEDS_LINK: Final = frozenset({"SELF_PROMO", "MARKETING_COPY", "LOCAL_SEO"})
@dataclass(frozen=True, slots=True)
class Scoring:
    """The outcome of the scoring rules for one comment."""

    score: int
    """Sum of the weights of the rules that fired."""
    verdict: str
    """``scam``, ``spam``, ``suspicious`` or ``ok``."""
    reasons: list[Reason] = field(default_factory=list)
    """Every rule that fired, in rule-table order, with its evidence."""


def score_comment(text: str, contacts: Sequence[Contact], claims: Sequence[Claim]) -> Scoring:
    """Score one comment.

    Args:
        text: the comment's plain text (the one the offsets of contacts and claims index).
        contacts: contacts found in it (after the site's allow-list).
        claims: cure claims found in it.

    Returns:
        Score, verdict and the reasons, one per rule that fired.
    """
    text = make_view(text, limit=MAX_CLAIM_CHARS).text  # folded as the claim detector sees it
    # A link to a health organisation or reference site reaches nobody who sells anything:
    # it is neither a contact route nor a promoted link.
    # So does a link into a code host (an issue, a repository, an attached image): the
    # page belongs to a project, and "click here for the build guide" sells nothing,
    # unless its address is a shop's ("github.com/…/prostaleaf-official-order").
    contacts = [
        c
        for c in contacts
        if not (
            c.kind == "url"
            and (
                is_reference_domain(c.domain)
                or (code_host(c.domain) and not shop_address(c.value))
            )
        )
    ]
    fired: dict[str, str] = {}

    def fire(rule: str, evidence: str) -> None:
        if rule not in fired:
            evidence = " ".join(evidence.split())
            if len(evidence) > _EVIDENCE_CHARS:
                evidence = evidence[:_EVIDENCE_CHARS] + "…"
            fired[rule] = evidence

    _health_rules(text, claims, fire)
    _contact_rules(text, contacts, fire)
    if claims:
        _cure_address(contacts, fire)
        _shop_link(contacts, fire)
    _promotion_rules(text, contacts, fire)
    if claims and _patient_chat(text, fired):
        fire("PATIENT_CHAT", _first(PATIENT_CHAT, text) or "")
    if claims and _unpromoted_persona(text, claims, fired):
        fire("PERSONA_ONLY", "no remedy named; the healer is not promoted to the reader")
    if not claims and _promoted_healer(text, fired):
        fire("PROMOTED_HEALER", f"{fired['HEALER_PERSONA']} + {fired['SOLICITATION']}")

    reasons = [
        Reason(rule.name, rule.weight, fired[rule.name]) for rule in RULES if rule.name in fired
    ]
    score = sum(r.weight for r in reasons)
    verdict = _verdict(reasons, score)
    logger.debug("score %d verdict %s rules %s", score, verdict, [r.rule for r in reasons])
    return Scoring(score=score, verdict=verdict, reasons=reasons)


def _verdict(reasons: Sequence[Reason], score: int) -> str:
    families = {RULES_BY_NAME[r.rule].family for r in reasons}
    names = {r.rule for r in reasons}
    health = HEALTH in families and "PERSONA_ONLY" not in names
    route = CONTACT in families
    if "SCAM_WARNING" in names and not names & _CONTACT_DETAILS:
        route = False  # "beware of fakes who say 'contact him'" quotes, it does not solicit
    if "PATIENT_CHAT" in names:
        route = False  # the writer's own address, offered to talk, is no seller's route
    scam_route = route
    if names & _CONTACT_DETAILS == {"CONTACT_URL"} and not names & _LINK_IS_A_ROUTE:
        scam_route = False  # a patient's blog link next to a remedy is no healer's storefront
    if health and scam_route and score >= SCAM_THRESHOLD:
        return "scam"
    promo = sum(r.weight for r in reasons if RULES_BY_NAME[r.rule].family == PROMOTION)
    if promo >= SPAM_THRESHOLD and (route or names & _SELF_ROUTING):
        return "spam"
    if health or score >= SUSPICIOUS_THRESHOLD:
        return "suspicious"
    return "ok"


def _unpromoted_persona(text: str, claims: Sequence[Claim], fired: dict[str, str]) -> bool:
    """True when a cure is credited only to a named doctor the comment does not promote.

    "Dr Lee cured my psoriasis, email me if you want to talk" credits a person, names no
    unproven remedy, and asks the reader to write to the *writer*: a patient's thank-you,
    not a healer's advert. A messenger number or "contact him" is promotion. A claim
    credited to a product ("gout remedy", "fibroid tea") is no doctor's.
    """
    if any(c.remedy != "healer" for c in claims) or find_remedies(text):
        return False
    if "WHATSAPP_NUMBER" in fired or "CONTACT_HANDLE" in fired:
        return False
    return SOLICITATION.search(text) is None


def _patient_chat(text: str, fired: dict[str, str]) -> bool:
    """True when the only route is the writer offering to talk ("email me to chat").

    A messenger number, a handle, an address that sells cures or "contact him" is
    promotion, whatever else the comment says.
    """
    if PATIENT_CHAT.search(text) is None or SOLICITATION.search(text) is not None:
        return False
    return not fired.keys() & {"WHATSAPP_NUMBER", "CONTACT_HANDLE", "CURE_ADDRESS"}


def _promoted_healer(text: str, fired: dict[str, str]) -> bool:
    """True for the spell-caster testimony template without a health claim.

    A named healer, the testimony script, "contact him" and real contact details together
    are promotion even when no spell, loan or cure is named ("all thanks to Dr X for
    restoring my joy, contact him on ...").
    """
    needed = {"HEALER_PERSONA", "TESTIMONIAL_NARRATIVE", "SOLICITATION"}
    return (
        needed <= fired.keys()
        and bool(fired.keys() & _CONTACT_DETAILS)
        and SOLICITATION.search(text) is not None
    )


def _first(terms: TermSet, text: str) -> str | None:
    hit = terms.search(text)
    return None if hit is None else hit.text


def _health_rules(text: str, claims: Sequence[Claim], fire: _Fire) -> None:
    for claim in claims:
        rule = _CLAIM_RULES.get(claim.kind)
        if rule is not None:
            fire(rule, claim.evidence or text[claim.start : claim.end])
    diseases = sorted({c.disease for c in claims if c.disease})
    if len(diseases) >= 3:
        fire("MULTI_DISEASE", ", ".join(diseases))
    persona = next(find_personas(text), None) or HEALER_BUSINESS.search(text)
    if persona is not None and (claims or SOLICITATION.search(text) is not None):
        fire("HEALER_PERSONA", persona.text)
    steps = {m.text.casefold() for m in NARRATIVE.finditer(text)}
    if len(steps) >= 2:
        fire("TESTIMONIAL_NARRATIVE", " … ".join(sorted(steps)[:4]))
    signals = sorted({m.text.casefold() for m in FRAUD_SIGNAL.finditer(text)})
    if signals and claims:
        fire("FRAUD_SIGNAL", ", ".join(signals[:5]))
    warning = _first(WARNING, text)
    if warning is None and SELF_CONTACT.search(text) is None:
        warning = _first(HEDGE, text)  # "claims to" is a shop's small print next to "order"
    if warning is not None and claims:
        fire("SCAM_WARNING", warning)


def _contact_rules(text: str, contacts: Sequence[Contact], fire: _Fire) -> None:
    for contact in contacts:
        if contact.kind == "email":
            fire("CONTACT_EMAIL", contact.raw)
        elif contact.kind == "phone":
            if _MESSENGERS.intersection(contact.channels):
                fire("WHATSAPP_NUMBER", contact.raw)
            else:
                fire("CONTACT_PHONE", contact.raw)
        elif contact.kind == "url":
            fire("CONTACT_URL", contact.raw)
        else:
            fire("CONTACT_HANDLE", f"{contact.kind}: {contact.raw}")
        if contact.obfuscated:
            fire("OBFUSCATED_CONTACT", contact.raw)
    solicitation = _first(SOLICITATION, text) or _first(SELF_CONTACT, text)
    if solicitation is not None:
        fire("SOLICITATION", solicitation)


def _cure_address(contacts: Sequence[Contact], fire: _Fire) -> None:
    """Fire CURE_ADDRESS for an e-mail, link or handle whose address sells cures."""
    for contact in contacts:
        if contact.kind == "phone":
            continue
        address = contact.value.casefold()
        for friend in ADDRESS_FALSE_FRIENDS:
            address = address.replace(friend, " ")
        if any(word in address for word in ADDRESS_WORDS):
            fire("CURE_ADDRESS", contact.raw)
            return


def _shop_link(contacts: Sequence[Contact], fire: _Fire) -> None:
    """Fire SHOP_LINK for a link whose address is a storefront page (order, buy, shop)."""
    for contact in contacts:
        if contact.kind == "url" and shop_address(contact.value):
            fire("SHOP_LINK", contact.raw)
            return


def _promotion_rules(text: str, contacts: Sequence[Contact], fire: _Fire) -> None:
    urls = [c for c in contacts if c.kind == "url"]
    for name, terms in PROMOTION_TERMS.items():
        if name in _NEEDS_LINK and not urls:
            continue
        hit = _first(terms, text)
        if hit is not None:
            fire(name, hit)
    if urls:
        praise = _first(SEO_PRAISE, text)
        if praise is not None and words_besides(text, urls) <= _SEO_MAX_WORDS:
            fire("SEO_LINK", f"{praise} + {urls[0].raw}")
        anchor = KEYWORD_LINK.search(text)
        if anchor is not None and not same_site(anchor.group(1), anchor.group(2)):
            fire("KEYWORD_LINK", anchor.group(0))
        seo_anchor = SEO_ANCHOR.search(text)
        if seo_anchor is not None:
            fire("KEYWORD_LINK", seo_anchor.group(0))
        seo = LOCAL_SEO.search(text)
        if seo is not None:
            fire("LOCAL_SEO", seo.group(0))
        listed = len({c.value for c in urls}) >= 3
        if listed:
            fire("LINK_LIST", ", ".join(c.raw for c in urls[:3]))
        # A bare list of links is LINK_LIST's evidence, counted once: "Related issues: …"
        # or a list of interviews is how readers cite, a drop is one link on its own.
        if not listed and words_besides(text, urls) < _LINK_DROP_WORDS:
            fire("LINK_DROP", urls[0].raw)

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
    "ADDRESS_FALSE_FRIENDS",
    "ADDRESS_WORDS",
    "ANY_DISEASE",
    "CONDITIONS",
    "CONDITION_PRODUCT",
    "CONVENTIONAL",
    "CURE_ASSERTION",
    "CURE_OFFER",
    "DISMISSALS",
    "FALSE_FRIENDS",
    "FERTILITY_OUTCOME",
    "FRAUD_SIGNAL",
    "GENERIC_CURE",
    "HEALER_BUSINESS",
    "HEDGE",
    "LEXICON_VERSION",
    "MAX_CLAIM_CHARS",
    "NARRATIVE",
    "NEGATORS",
    "PATIENT_CHAT",
    "POST_CONDITION_CURE",
    "REMEDIES",
    "RESEARCH",
    "SELF_CONTACT",
    "SOLICITATION",
    "SPELL_HEALTH",
    "WARNING",
    "find_brands",
    "find_personas",
    "find_remedies",
]

#: Text beyond this many characters is not searched: no real comment is longer, and the
#: cost of hostile input must stay bounded.
MAX_CLAIM_CHARS: Final = 20_000

CONDITIONS: Final = term_set("conditions.toml", "conditions")
CONDITION_PRODUCT: Final = term_set("phrases.toml", "phrases", "condition_product")
REMEDIES: Final = term_set("remedies.toml", "remedies")
FALSE_FRIENDS: Final = term_set("remedies.toml", "false_friends")
CURE_ASSERTION: Final = term_set("phrases.toml", "phrases", "cure_assertion")
CURE_OFFER: Final = term_set("phrases.toml", "phrases", "cure_offer")
POST_CONDITION_CURE: Final = term_set("phrases.toml", "phrases", "post_condition_cure")
HEALER_BUSINESS: Final = term_set("phrases.toml", "phrases", "healer_business")
ANY_DISEASE: Final = term_set("phrases.toml", "phrases", "any_disease")
SPELL_HEALTH: Final = term_set("phrases.toml", "phrases", "spell_health")
FERTILITY_OUTCOME: Final = term_set("phrases.toml", "phrases", "fertility_outcome")
GENERIC_CURE: Final = term_set("phrases.toml", "phrases", "generic_cure")
FRAUD_SIGNAL: Final = term_set("phrases.toml", "phrases", "fraud_signal")
NARRATIVE: Final = term_set("phrases.toml", "phrases", "narrative")
SOLICITATION: Final = term_set("phrases.toml", "phrases", "solicitation")
SELF_CONTACT: Final = term_set("phrases.toml", "phrases", "self_contact")
PATIENT_CHAT: Final = term_set("phrases.toml", "phrases", "patient_chat")
RESEARCH: Final = term_set("phrases.toml", "phrases", "research")
CONVENTIONAL: Final = term_set("phrases.toml", "phrases", "conventional")
WARNING: Final = term_set("phrases.toml", "phrases", "warning")
HEDGE: Final = term_set("phrases.toml", "phrases", "hedge")
_HONORIFICS: Final = term_set("phrases.toml", "phrases", "honorific")
_FAMILY_HONORIFICS: Final = term_set("phrases.toml", "phrases", "family_honorific")

LEXICON_VERSION: Final = "+".join(
    str(load_toml(name)["version"]) for name in ("conditions.toml", "remedies.toml", "phrases.toml")
)

_NAME = re.compile(r"(\.?)[ \t]{0,2}([A-Za-z][A-Za-z'’\-]{1,24})")
#: One initial after a title ("Dr. O. B. Adewale", "Dr A.Salami"); at most three are skipped.
_INITIAL = re.compile(r"\.?[ \t]{0,2}[A-Z]\.")
_MAX_INITIALS = 3
#: A word glued into a longer token: a name reused in an address ("ikennaherbs@...").
_TOKEN = re.compile(r"[\w.@+\-]{6,80}")
#: Titles short enough to be abbreviated with a period ("Dr. Oso", "DR.OSO").
_ABBREVIATED_TITLE_CHARS = 3
#: Shortest lower-case name accepted because an address reuses it (short ones collide).
_GLUED_NAME_CHARS = 4
_WORDS: Final = load_toml("phrases.toml")["words"]
#: Words that cannot be a healer's name after a title ("my doctor told me").
_NOT_NAMES: Final = frozenset(w.casefold() for w in _WORDS["not_names"])
#: Words that negate a cure phrase they precede ("no cure for").
NEGATORS: Final = frozenset(w.casefold() for w in _WORDS["negators"])
#: Words that, just before a conventional treatment, say it was dropped ("no more insulin").
DISMISSALS: Final = frozenset(w.casefold() for w in _WORDS["dismissals"])
#: Words that make a contact address an advert for cures ("drsalamiherbs@...").
ADDRESS_WORDS: Final = tuple(w.casefold() for w in _WORDS["address_words"])
#: Coined names with a capital inside that are platforms, apps or devices, not products
#: sold as cures ("WhatsApp", "PubMed", "FreeStyle").
_NOT_BRANDS: Final = frozenset(w.casefold() for w in _WORDS["not_brands"])
#: Capitalised words before a product noun that are no product's name ("English tea").
_NOT_NAMED: Final = frozenset(w.casefold() for w in _WORDS["not_named_products"])
#: A coined product name: two capitalised parts glued together ("NervaQuell", "ProDentim").
#: Not inside an address or handle ("drOsoHerbs@", "/BuyNow").
_BRAND = re.compile(r"(?<![\w@./\-])[A-Z][a-z]{2,14}[A-Z][a-z]{2,14}(?![\w@/\-])")
#: A capitalised name in mid-sentence right before what a shop sells ("Nervalin capsules",
#: "Heartleaf tea"); sentence starts are left out ("Green tea helps...").
_NAMED_PRODUCT = re.compile(
    r"(?<=[a-z,;:] )[A-Z][a-z]{3,20} (?:tea|capsules|gummies|formula|drops|serum|balm|cream|"
    r"tonic|oil|pills|tablets|protocol|patch|spray|powder|supplement|pack)\b"
)
#: Ordinary words containing an address word ("secure" holds "cure").
ADDRESS_FALSE_FRIENDS: Final = tuple(w.casefold() for w in _WORDS["address_false_friends"])


def find_remedies(text: str) -> list[Match]:
    """Return the remedy hits of ``text`` that are not inside a false friend ("dizzy spells")."""
    friends = [(m.start, m.end) for m in FALSE_FRIENDS.finditer(text)]
    return [
        m
        for m in REMEDIES.finditer(text)
        if not any(start <= m.start and m.end <= end for start, end in friends)
    ]


def find_brands(text: str) -> list[Match]:
    """Return coined product names ("OptiRenew", "VenoSilk") as product credits.

    Supplement shops name their product with an invented brand glued from two parts; a
    patient names a drug, a clinic or a platform. A brand credits a cure only as the other
    credits do, next to a condition and a cure or offer phrase.
    """
    found = [
        Match(m.start(), m.end(), m.group(0), "product")
        for m in _BRAND.finditer(text)
        if m.group(0).casefold() not in _NOT_BRANDS
    ]
    found += [
        Match(m.start(), m.end(), m.group(0), "product")
        for m in _NAMED_PRODUCT.finditer(text)
        if m.group(0).split()[0].casefold() not in _NOT_NAMED
    ]
    return sorted(found, key=lambda m: m.start)


def find_personas(text: str) -> Iterator[Match]:
    """Yield healer personas ("Dr NAME", "Priest NAME", "Baba NAME") in ``text``.

    A title alone is not a persona: "my doctor told me" names nobody. The name must follow
    the title on the same line (initials in between are skipped: "Dr. O.B. Adewale"), must
    not be an ordinary word, and must be capitalised when the title is written in lower
    case ("my doctor Took" is unlikely, "doctor took" common) unless the same name is reused
    inside an address or handle ("dr ikenna ... ikennaherbs@..."), which scammers do and
    patients do not. Only a short title may be followed by a period ("Dr. Oso", not
    "doctor. Then"). Family words ("Mama", "Nana") are titles only when capitalised.
    """
    titles = [*_HONORIFICS.finditer(text)]
    titles += [t for t in _FAMILY_HONORIFICS.finditer(text) if t.text[:1].isupper()]
    tokens: list[str] | None = None
    for title in sorted(titles, key=lambda m: m.start):
        position = title.end
        for _ in range(_MAX_INITIALS):
            initial = _INITIAL.match(text, position)
            if initial is None:
                break
            position = initial.end()
        found = _NAME.match(text, position)
        if found is None or found.end(2) == position:
            continue
        period, name = found.group(1), found.group(2)
        if period and len(title.text.rstrip(".")) > _ABBREVIATED_TITLE_CHARS:
            continue
        folded = name.casefold()
        if folded in _NOT_NAMES:
            continue
        if title.text.islower() and not name[0].isupper():
            if tokens is None:
                tokens = [t.casefold() for t in _TOKEN.findall(text) if not t.isalpha()]
            glued = (t for t in tokens if len(t) >= len(folded) + _GLUED_NAME_CHARS)
            if len(folded) < _GLUED_NAME_CHARS or not any(folded in t for t in glued):
                continue
        yield Match(title.start, found.end(), text[title.start : found.end()], "healer")

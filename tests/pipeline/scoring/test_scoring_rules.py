"""Every scoring rule has a fixture that makes it fire (and the table says what it means)."""

from __future__ import annotations

import re

import pytest

from pipeline.claims import detect_claims
from pipeline.findings import Contact
from pipeline.scoring import RULES, score_comment

_URL = re.compile(r"https?://[^\s()]+")
_EMAIL = re.compile(r"[\w.]+@[\w.]+\.[a-z]{2,}")
_PHONE = re.compile(r"\+\d[\d ]{8,16}\d")


def contacts_of(text: str, *, whatsapp: bool = False, obfuscated: bool = False) -> list[Contact]:
    """Hand-build the contacts a fixture carries (the contact stage is tested elsewhere)."""
    found = [
        Contact("url", m.group(0).lower(), m.group(0), m.start(), m.end(), obfuscated=obfuscated)
        for m in _URL.finditer(text)
    ]
    found += [
        Contact("email", m.group(0).lower(), m.group(0), m.start(), m.end())
        for m in _EMAIL.finditer(text)
    ]
    found += [
        Contact(
            "phone",
            "+" + re.sub(r"\D", "", m.group(0)),
            m.group(0),
            m.start(),
            m.end(),
            channels=("whatsapp",) if whatsapp else (),
        )
        for m in _PHONE.finditer(text)
    ]
    if "@helper_handle" in text:
        start = text.index("@helper_handle")
        found.append(Contact("telegram", "helper_handle", "@helper_handle", start, start + 14))
    return found


FIXTURES: dict[str, tuple[str, dict[str, bool]]] = {
    "CURE_TESTIMONIAL": ("Dr Kola's herbal medicine cured my herpes.", {}),
    "CURE_OFFER": ("He can cure diabetes with his roots and herbs.", {}),
    "ANY_DISEASE": ("The herbalist treats all kinds of diseases.", {}),
    "SPELL_HEALING": ("The spell caster also casts pregnancy spells.", {}),
    "MIRACLE_PRODUCT": ("Our natural supplement helps relieve tinnitus.", {}),
    "MULTI_DISEASE": ("His herbal mixture can cure HIV, herpes and diabetes.", {}),
    "HEALER_PERSONA": ("Dr Kola's herbal medicine cured my herpes.", {}),
    "CURE_ADDRESS": ("The herbs cured my psoriasis, write to rootcure.clinic@example.com", {}),
    "TESTIMONIAL_NARRATIVE": (
        "I was diagnosed with HPV. I contacted him and he sent me the herbs, all thanks to him.",
        {},
    ),
    "FRAUD_SIGNAL": ("A secret herbal remedy cures cancer, guaranteed.", {}),
    "SCAM_WARNING": ("Beware: fake healers claim their herbs cure HIV.", {}),
    "PERSONA_ONLY": ("Dr Lee cured my eczema, email me at pat@example.com", {}),
    "PATIENT_CHAT": ("Herbs cured my eczema. Email me if you want to chat: pat@example.com", {}),
    "CONTACT_EMAIL": ("Write to kola@example.com", {}),
    "CONTACT_PHONE": ("Call +1 202 555 0143", {}),
    "WHATSAPP_NUMBER": ("WhatsApp +234 801 234 5678", {"whatsapp": True}),
    "CONTACT_URL": ("More on https://blog.example/post about the weather today", {}),
    "CONTACT_HANDLE": ("Telegram @helper_handle", {}),
    "OBFUSCATED_CONTACT": ("See https://cure.example/ now for more about it", {"obfuscated": True}),
    "SOLICITATION": ("If you are suffering, contact him today.", {}),
    "PROMOTED_HEALER": (
        (
            "I saw a testimony online and contacted him; all thanks to Dr Obi, my joy is back. "
            "Contact him: obi.temple@example.com"
        ),
        {},
    ),
    "LOVE_SPELL": ("He cast a love spell and my ex lover came back.", {}),
    "MONEY_SPELL": ("His lottery spell gave me the winning numbers.", {}),
    "LOAN_OFFER": ("We offer a personal loan at a low interest rate.", {}),
    "HACKER_FOR_HIRE": ("Hire a hacker to spy on your partner.", {}),
    "CRYPTO_RECOVERY": ("He helped me recover my lost bitcoin.", {}),
    "ATM_CARD": ("I got a blank ATM card that works anywhere.", {}),
    "ILLUMINATI": ("Join the Illuminati and become rich.", {}),
    "BETTING": ("The best online casino and sports betting.", {}),
    "ONLINE_PHARMACY": ("Buy viagra online without prescription.", {}),
    "CHANNEL_PROMO": ("Please subscribe to my channel!", {}),
    "MONEY_MAKING": ("Make money online from home, sign up today.", {}),
    "CALL_TO_ACTION": ("Click here to grab the deal on garden chairs.", {}),
    "LOCAL_SEO": (
        "Top dental clinic in Springfield: https://smiles.example/ book your appointment",
        {},
    ),
    "SHOP_LINK": (
        "Our plant-based formula relieves knee pain. https://kneeleaf.example/order-now",
        {},
    ),
    "ESSAY_MILL": ("Our PhD writers will do your dissertation for you.", {}),
    "ACCOUNT_SELLER": ("We sell bulk accounts and followers and likes.", {}),
    "SEO_LINK": ("Great article, thanks for sharing. https://seo.example/", {}),
    "KEYWORD_LINK": ("Nice one. Cheap tickets (https://flights.example/) always", {}),
    "LINK_LIST": (
        "https://a.example/ and https://b.example/ and https://c.example/ are my picks for you",
        {},
    ),
    "MARKETING_COPY": ("We offer affordable care plans, see https://plans.example/ today", {}),
    "LINK_DROP": ("https://drop.example/page", {}),
    "SELF_PROMO": ("Visit my website https://me.example/", {}),
}


def test_every_rule_has_a_fixture() -> None:
    assert set(FIXTURES) == {rule.name for rule in RULES}


@pytest.mark.parametrize("rule", sorted(FIXTURES))
def test_rule_fires_on_its_fixture(rule: str) -> None:
    text, options = FIXTURES[rule]
    scoring = score_comment(text, contacts_of(text, **options), detect_claims(text))
    fired = {r.rule: r.evidence for r in scoring.reasons}
    assert rule in fired, scoring.reasons
    assert fired[rule]

"""Product pitches: a sold formula introduced by what it is made for, and the conditions
supplement shops name (nail fungus, gum disease, nerve pain, creatinine, eyesight...).

Invented texts in the shape of supplement marketing, each next to a patient's sentence
that names the same condition and a product without pitching it. No text comes from a
labelled corpus.
"""

from __future__ import annotations

import pytest

from pipeline.claims import detect_claims
from pipeline.claims.signals import CONDITIONS


def diseases(text: str) -> set[str | None]:
    return {c.disease for c in detect_claims(text)}


@pytest.mark.parametrize(
    ("term", "canonical"),
    [
        ("onychomycosis", "nail fungus"),
        ("toenail fungus", "nail fungus"),
        ("gingivitis", "gum disease"),
        ("receding gums", "gum disease"),
        ("nerve pain", "neuropathy"),
        ("high creatinine", "kidney disease"),
        ("ringing in my ears", "tinnitus"),
        ("thinning hair", "hair loss"),
        ("uric acid", "gout"),
        ("urine leakage", "frequent urination"),
        ("псориаза", "psoriasis"),
        ("kencing nanah", "gonorrhea"),
        ("dor nas articulações", "joint pain"),
    ],
)
def test_condition_terms(term: str, canonical: str) -> None:
    hits = list(CONDITIONS.finditer(f"about {term} today"))
    assert [h.canonical for h in hits] == [canonical]


@pytest.mark.parametrize(
    ("text", "disease"),
    [
        (
            "GumShield is a mint chewable formulated to reverse gingivitis and bleeding gums.",
            "gum disease",
        ),
        (
            "Toevana is an all-natural antifungal oil made to wipe out toenail fungus at the root.",
            "nail fungus",
        ),
        (
            "EarCalm Max is a daily formula that quiets the ringing in your ears.",
            "tinnitus",
        ),
        ("NeuroLeaf capsules soothe burning nerve pain in the feet.", "neuropathy"),
        ("KidneyPure supplement lowers high creatinine in weeks.", "kidney disease"),
        (
            "LocksPlus gummies regrow thinning hair for men and women.",
            "hair loss",
        ),
        ("Натуральное средство от псориаза, без гормонов.", "psoriasis"),
        ("Obat herbal ampuh untuk asam urat dan nyeri sendi.", "gout"),
        ("Remedio natural para la artritis de rodilla.", "arthritis"),
    ],
)
def test_product_pitch_is_a_claim(text: str, disease: str) -> None:
    assert disease in diseases(text)


@pytest.mark.parametrize(
    "text",
    [
        "My dentist treated my gingivitis with a deep cleaning and I floss every night now.",
        "Toenail fungus took twelve weeks of terbinafine from my GP to clear.",
        "Is there any supplement that helps with the ringing in my ears? Asking my audiologist too.",
        "My creatinine went up, so my nephrologist changed my medication and diet.",
        "Hair loss after chemo is normal; mine grew back thinner but it grew back.",
        "У меня псориаз, мазь от дерматолога немного помогает.",
        "Ibu saya kena diabetes, minum obat dari dokter tiap hari.",
    ],
)
def test_patients_naming_the_same_conditions_make_no_claim(text: str) -> None:
    assert detect_claims(text) == []


@pytest.mark.parametrize(
    ("text", "disease"),
    [
        (
            "LumaSight blends saffron and marigold to protect against vision loss.",
            "macular degeneration",
        ),
        ("VelvaVein cream makes varicose veins disappear.", "varicose veins"),
        ("GlucoTide helps balance blood sugar before breakfast.", "high blood sugar"),
    ],
)
def test_a_coined_brand_credits_the_cure(text: str, disease: str) -> None:
    claims = detect_claims(text)
    assert disease in {c.disease for c in claims}
    assert {c.remedy for c in claims} == {"product"}


@pytest.mark.parametrize(
    "text",
    [
        "I log my blood sugar in MyChart and my endocrinologist adjusts the insulin.",
        "Message me on WhatsApp if you want to talk about living with varicose veins.",
        "My nurse found the varicose veins leaflet on PubMed useful.",
        "Ask about it at drLumaSight@example.com or https://example.com/LumaSight-order",
    ],
)
def test_platforms_and_addresses_are_no_brand(text: str) -> None:
    assert all(c.remedy != "product" for c in detect_claims(text))


@pytest.mark.parametrize(
    ("text", "disease"),
    [
        ("I swear by the Mirovan capsules, they quiet my tinnitus.", "tinnitus"),
        ("Every morning, Sunleaf drops ease my joint pain.", "joint pain"),
        ("Complément naturel contre les acouphènes.", "tinnitus"),
        ("Natürliches Mittel gegen Arthrose.", "arthritis"),
        ("Крем на натуральных травах от псориаза.", "psoriasis"),
    ],
)
def test_named_products_and_other_languages(text: str, disease: str) -> None:
    assert disease in diseases(text)


@pytest.mark.parametrize(
    "text",
    [
        "Green tea is lovely but it does nothing for my joint pain.",
        "I drink English tea and my joint pain is the same as ever.",
        "Mon médecin m'a prescrit un traitement contre l'hypertension.",
    ],
)
def test_ordinary_capitalised_words_and_prescriptions_make_no_claim(text: str) -> None:
    assert detect_claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # A remedy named inside a denial is credited with nothing else in the comment.
        ("There is no herbal cure for MS, sadly. Keep going to the clinic; the MS Society "
        "supports carers too."),
        ("No natural remedy for gout will replace allopurinol. My rheumatologist manages "
        "my gout and it is better now."),
    ],
)
def test_a_denied_remedy_is_credited_with_nothing_else(text: str) -> None:
    assert detect_claims(text) == []


def test_a_denial_does_not_hide_a_later_testimony() -> None:
    text = ("The hospital said there is no cure for herpes, but the herbal medicine from "
            "Dr Amaka cured me in two weeks.")
    assert "herpes" in diseases(text)

"""Cure-claim detection: what is a claim, of which kind, for which condition, and what is not."""

from __future__ import annotations

import pytest

from pipeline.claims import CLAIM_KINDS, detect_claims


def found(text: str) -> set[tuple[str, str | None]]:
    claims = detect_claims(text)
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(text)
        assert claim.kind in CLAIM_KINDS
        assert claim.evidence.rstrip("…") in text[claim.start : claim.end]
    return {(c.kind, c.disease) for c in claims}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dr Akinola's herbal medicine cured my herpes, email him today.",
            {("cure_testimonial", "herpes")},
        ),
        (
            (
                "I was diagnosed with HSV-2 two years ago. After taking the herbs he sent me "
                "I tested negative."
            ),
            {("cure_testimonial", "herpes")},
        ),
        (
            (
                "My husband is now completely free from HIV/AIDS thanks to the roots and herbs "
                "from the great herbalist."
            ),
            {("cure_testimonial", "hiv")},
        ),
        (
            "Baba Kunle can cure HIV, hepatitis B, diabetes and ALS with his herbal mixture.",
            {
                ("cure_offer", "hiv"),
                ("cure_offer", "hepatitis b"),
                ("cure_offer", "diabetes"),
                ("cure_offer", "als"),
            },
        ),
        (
            "If you are suffering from any kind of disease contact this herbalist now.",
            {("any_disease_offer", None)},
        ),
        (
            "The powerful spell caster also casts pregnancy spells for those who want a baby.",
            {("spell_or_ritual", "infertility")},
        ),
        (
            "Our natural supplement helps relieve tinnitus in weeks.",
            {("miracle_product", "tinnitus")},
        ),
        (
            "Chief Obi's native medicine made me cancer free after chemo failed.",
            {("cure_testimonial", "cancer")},
        ),
        (
            (
                "The doctors said my womb was damaged and I could not conceive. The herbalist "
                "prepared a mixture and now I am pregnant with twins."
            ),
            {("cure_testimonial", "infertility")},
        ),
        (
            "My mum got rid of her Parkinson’s with Dr Bello's herbal portion.",
            {("cure_testimonial", "parkinson's disease")},
        ),
        (
            "ALL THANKS TO DR ZUMA, HIS HERBAL CURE HEALED MY PROSTRATE CANCER.",
            {("cure_testimonial", "prostate cancer")},
        ),
        (
            "Mi esposo se curó del VIH con las hierbas del curandero, contáctelo.",
            {("cure_testimonial", "hiv")},
        ),
        (
            "My ALS is totally reversed thanks to Dr Oyagu's herbal formula.",
            {("cure_testimonial", "als")},
        ),
        (
            (
                "I had stage 4 lung cancer and chemo failed. A friend introduced me to a "
                "herbalist; I took his herbs for one month and my scan is clear."
            ),
            {("cure_testimonial", "lung cancer")},
        ),
        (
            "Thanks to Baba Alaye, my sister who was barren for 10 years now has twins.",
            {("cure_testimonial", "infertility")},
        ),
        (
            "Je remercie le marabout Kossi qui m'a guéri du diabète avec ses plantes.",
            {("cure_testimonial", "diabetes")},
        ),
        (
            "Знахарь Иван вылечил мой рак травами.",
            {("cure_testimonial", "cancer")},
        ),
        (
            "مركز للعلاج بالأعشاب ولعلاج جميع الأمراض",
            {("any_disease_offer", None)},
        ),
    ],
)
def test_claims_found(text: str, expected: set[tuple[str, str | None]]) -> None:
    assert expected <= found(text)


@pytest.mark.parametrize(
    "text",
    [
        # Cured by conventional care, thanked doctor: the precision anchor of the issue.
        (
            "My mother was cured of breast cancer after surgery and Herceptin, thank you Dr Smith "
            "at MD Anderson."
        ),
        "My cousin was cured after surgery.",
        "Thank you Dr Patel, my oncologist, the chemo cured my lymphoma and I am cancer free.",
        # Negated cures.
        "My doctor told me herbal supplements cannot cure diabetes.",
        "There is no cure for herpes, herbal or otherwise, whatever the ads say.",
        # Health talk without an unproven remedy or healer.
        "Ginger tea helps my nausea and my back pain is completely gone.",
        "Hearing aids helped my hearing loss a lot.",
        "Ms Jones went to the gym; 500 ms later the page loaded.",
        "The pharmacy sells herbal teas next to the cold remedies.",
        # Love spell with a pregnancy as a happy ending is spam, not a cure claim.
        "The spell caster brought my husband back and a year later we had a baby girl.",
        # Remedy words that are not remedies.
        "Dizzy spells and anxiety stopped after I cut caffeine; it worked like a charm.",
        "My nightly ritual of chamomile cured my insomnia, or so it feels.",
        "This is not a cure all, but the herbal tea helps with my migraine.",
        "My father John was cured of diabetes by losing weight.",
        "",
    ],
)
def test_no_claim(text: str) -> None:
    assert found(text) == set()


def test_claim_offsets_index_the_text() -> None:
    text = "Hello.\n\nI was CURED of HPV by the herbal doctor, reach him on his email."
    (claim,) = [c for c in detect_claims(text) if c.disease == "hpv"]
    assert text[claim.start : claim.end] == claim.evidence
    assert claim.remedy in {"herbal", "healer"}


def test_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        detect_claims(b"cured my hiv")  # type: ignore[arg-type]


def test_disguised_words_are_folded_and_offsets_kept() -> None:
    text = "I was ｃｕｒｅｄ of her\u200bpes by the ｈｅｒｂａｌ doctor, email him"
    (claim,) = detect_claims(text)
    assert (claim.kind, claim.disease, claim.remedy) == ("cure_testimonial", "herpes", "herbal")
    assert text[claim.start : claim.end] == claim.evidence
    assert claim.evidence.startswith("was ｃｕｒｅｄ")

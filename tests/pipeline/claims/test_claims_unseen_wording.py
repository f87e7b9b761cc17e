"""Claim shapes that do not put disease, cure and remedy in one phrase.

Unseen campaigns word their stories differently: the outcome comes sentences after the
disease ("... within a month she was healed"), the cure is a bare word after the condition
("HSV-1 gone!!"), the healer is "dr name" in lower case or "Dr. K.O. Name" with initials.
Each case here has a negative twin a patient could write.
"""

from __future__ import annotations

import pytest

from pipeline.analysis import analyze
from pipeline.claims import detect_claims
from pipeline.claims.signals import find_personas


def kinds(text: str) -> set[tuple[str, str | None]]:
    return {(c.kind, c.disease) for c in detect_claims(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Outcome sentences after the condition, healer in between.
        (
            (
                "Our son had epilepsy since he was four. Last year my aunt found a herbalist in "
                "Tamale. He sent a bottle of bitter leaves. After six weeks it is gone."
            ),
            ("cure_testimonial", "epilepsy"),
        ),
        (
            (
                "My aunt lived with lupus and nothing helped her. A native healer prepared his "
                "roots for her. Today she is cured."
            ),
            ("cure_testimonial", "lupus"),
        ),
        # A bare cure word right after the condition.
        ("HSV-1 gone!! all thanks to Sheikh Bakari's herbal oil", ("cure_testimonial", "herpes")),
        ("Shingles no more, thanks to the herbal mixture", ("cure_testimonial", "shingles")),
        # Product pitches.
        ("This plant extract reverses kidney failure.", ("miracle_product", "kidney disease")),
        ("Say goodbye to gout with our natural capsules", ("miracle_product", "gout")),
        # "No more insulin" does not credit insulin with the cure.
        (
            "No more insulin for my father. Diabetes healed by the herbs of Baba Garba.",
            ("cure_testimonial", "diabetes"),
        ),
        # Sellers' first person and products named after the condition.
        ("Our herbal bitters flush out typhoid from the body.", ("cure_offer", "typhoid")),
        (
            "Mama Joy's prostate tonic: my PSA is normal now.",
            ("cure_testimonial", "prostate problems"),
        ),
        # Off the conventional treatment, thanks to the healer.
        (
            "Kidney failure for years, then Dr. Bello's roots. I'm off dialysis today.",
            ("cure_testimonial", "kidney disease"),
        ),
        # Outcomes told as the conventional treatment avoided, or as absence of the disease.
        (
            (
                "My sugar has been fine for a year without metformin since the herbalist's roots. "
                "Diabetes is a thing of the past."
            ),
            ("cure_testimonial", "diabetes"),
        ),
        (
            "Viral load undetectable, and I never took ARVs: Dr. Ebi's herbs.",
            ("cure_testimonial", "hiv"),
        ),
        # Sellers speaking for their shop.
        ("We treat fibroids and ulcers with pure African herbs.", ("cure_offer", "fibroids")),
        # A folk product named after its condition.
        ("Mama Ada's asthma mixture opened my lungs.", ("cure_testimonial", "asthma")),
        # Other languages.
        (
            "Mi hermano tenía VIH y gracias a las plantas medicinales ya es negativo.",
            ("cure_testimonial", "hiv"),
        ),
        (
            "Grâce aux tisanes du guérisseur, mon diabète a disparu.",
            ("cure_testimonial", "diabetes"),
        ),
        (
            "Die Kräutermedizin hat mich vollständig geheilt von Brustkrebs.",
            ("cure_testimonial", "breast cancer"),
        ),
    ],
)
def test_unseen_claim_shapes(text: str, expected: tuple[str, str]) -> None:
    assert expected in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        # The outcome follows conventional care, not a healer.
        (
            "Our son had epilepsy since he was four. His neurologist changed the drug and a "
            "herbalist friend just listened. After six weeks it is gone."
        ),
        "My aunt had lupus. After hydroxychloroquine and steroids she is fine now.",
        "Breast cancer at 40. Surgery, chemo, radiation. Two years later she is cured.",
        # A condition with a bare outcome but nothing unproven credited.
        "My diabetes medicine works well, my sugar is normal now.",
        "HSV-1 gone for months now, valacyclovir is great.",
        "My kidney stones are gone after lithotripsy.",
        # Negated offers in other languages.
        "Les remèdes naturels ne guérissent pas le cancer.",
        # A condition named far away from an unrelated outcome.
        "I have asthma. "
        + "We went on holiday and the weather was lovely. " * 20
        + "The rash is gone.",
    ],
)
def test_patients_stories_are_not_claims(text: str) -> None:
    assert detect_claims(text) == []


@pytest.mark.parametrize(
    ("text", "persona"),
    [
        ("Thanks to Dr. K.O. Balogun for the roots", "Dr. K.O. Balogun"),
        ("thanks to Dr A.Musa for the herbs", "Dr A.Musa"),
        ("dr tobiloba cured me, write to tobilobaroots@example.com", "dr tobiloba"),
        ("Mama Akosua's herbs", "Mama Akosua's"),
        ("the herbalist Dr Ebi", "herbalist Dr"),
    ],
)
def test_healer_personas(text: str, persona: str) -> None:
    assert persona in [m.text for m in find_personas(text)]


@pytest.mark.parametrize(
    "text",
    [
        "my nana Rose made soup",
        "the doctor tobiloba said",  # lower-case name not reused in any address
        "doctor visits every month, email doctorvisits@example.com",  # "visits" is a word
        "mama said the herbs help",
    ],
)
def test_not_personas(text: str) -> None:
    assert all(
        m.text.split()[-1].casefold() not in {"rose", "tobiloba", "visits", "said"}
        for m in find_personas(text)
    )


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # The shapes, in our own words.
        (
            (
                "My brother had liver cancer for two years and the hospital gave up. A neighbour "
                "introduced us to Baba Yeboah, a traditional healer in Kumasi, who sent his herbal "
                "remedy. Within 30 days he was cured. WhatsApp Baba Yeboah on +233 24 123 4567."
            ),
            "scam",
        ),
        (
            "HPV gone!!! thanks to Dr. Chidi's roots and herbs, write him at chidiroots@example.com",
            "scam",
        ),
        (
            (
                "Diagnosed with MS in 2020. After the herbal formula from Riverbank Herbal Clinic "
                "my numbness stopped completely. Visit www.riverbankherbalclinic.co.za"
            ),
            "scam",
        ),
        # Patients.
        (
            (
                "My brother had liver cancer for two years. A transplant at the university "
                "hospital saved him and he was cured. The liver foundation helpline is "
                "+44 20 7946 0123."
            ),
            "ok",
        ),
        ("HPV gone after 18 months on its own. Email me at pat.lee@example.com to chat.", "ok"),
    ],
)
def test_verdicts_on_unseen_shapes(text: str, verdict: str) -> None:
    assert analyze(text).verdict == verdict, analyze(text).reasons


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # A named healer, a herbal remedy and a condition, sent to the reader: an offer
        # even when the outcome is worded in a way no lexicon holds.
        (
            (
                "Dr Akande's herbal tonic and my sister's lupus: a blessing beyond words. "
                "Contact him on akandetonic@example.com"
            ),
            "scam",
        ),
        # The same three named by patients who send nobody anywhere.
        (
            (
                "Dr. Chen, my naturopath, suggested a herbal blend for my IBS. It helps a bit. "
                "Email me if you want her details: pat.k@example.com"
            ),
            "ok",
        ),
        (
            (
                "I asked Dr. Patel whether herbal supplements would help my MS, he said no. "
                "Happy to chat: mike.ms.life@example.com"
            ),
            "ok",
        ),
        ("Dr Weil writes about herbal medicine and arthritis, see https://www.drweil.com", "ok"),
        ("Has Dr. Osei's herbal clinic helped anyone with fibroids? Call +233 24 111 2222", "ok"),
        # A bare route is enough once a healer, a remedy and a condition are named...
        (
            "Mama Zawadi's herbal powder and my sickle cell: no crisis for a year. +254 711 000 222",
            "scam",
        ),
        # ...but not in research, in a denial, or with the writer's own address.
        ("Dr. Okafor's research on herbal extracts for malaria: lab phone +44 20 7946 0999.", "ok"),
        (
            "My uncle Dr. Musa is a herbalist; herbs don't cure diabetes, he says. +234 803 000 1111",
            "ok",
        ),
        (
            "Dr. Lin, my naturopath, suggested herbs; my IBS is up and down. Email me: lee.k@example.com",
            "ok",
        ),
        # A patient offering to talk is no seller, even with a claim-like sentence.
        (
            (
                "Herbal cream cleared my psoriasis, my skin is clear now. Happy to chat: "
                "sam.skin@example.com"
            ),
            "suspicious",
        ),
    ],
)
def test_promoted_healer_without_cure_wording(text: str, verdict: str) -> None:
    assert analyze(text).verdict == verdict, analyze(text).reasons

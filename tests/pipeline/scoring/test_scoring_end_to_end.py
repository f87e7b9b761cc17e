"""Whole pipeline (contacts, claims, scoring) on our own unseen-actor comments.

Written for these tests, in the styles of health-cure scams at large (testimonial,
solicitation, product marketing, spell caster, other languages) and of the legitimate
comments they must not be confused with. No text comes from the labelled corpus.
"""

from __future__ import annotations

import pytest

from pipeline.analysis import analyze

SCAMS = [
    (
        "I want to use this opportunity to thank Dr. Ehimen for curing my son of autism with his "
        "herbal medicine. Contact him via email: drehimen.cure@example.com"
    ),
    (
        "Hello, I was suffering from COPD for 6 years. I saw a testimony about Dr Lucky herbal "
        "remedy online, I contacted him and he shipped the medicine to me. He also cures lupus "
        "and kidney disease. WhatsApp: +2348031234567"
    ),
    (
        "My ALS is totally reversed thanks to Dr Oyagu's herbal formula. reach him at "
        "oyaguherbal at gmail dot com"
    ),
    "Dr Moses cured my HIV. WhatsApp +27 61 234 5678",
    (
        "Is there anyone here with kidney failure? My husband was on dialysis for 2 years until we "
        "contacted a traditional doctor; his medicine restored both kidneys. Contact him on "
        "Telegram @healerkofi"
    ),
    (
        "Thanks to Baba Alaye, my sister who was barren for 10 years now has twins. His email is "
        "babaalaye.home@example.com"
    ),
    (
        "Je remercie le marabout Kossi qui m'a guéri du diabète avec ses plantes. Contactez-le sur "
        "WhatsApp +229 97 00 00 00"
    ),
    (
        "GlucoBalance is a natural dietary formula that helps regulate blood sugar. Order only "
        "from the official website: https://glucobalance-official.example.com"
    ),
    (
        "Sangoma Baba Zulu: traditional healer, bring back lost lover, cure for diseases. Call "
        "+27 71 234 5678"
    ),
    (
        "My homeopathic doctor cured my asthma completely, contact him at "
        "homeocure.clinic@example.com"
    ),
    (
        "We sell high grade cannabis oil for cancer treatment, worldwide delivery. WhatsApp "
        "+1 (702) 555-0187"
    ),
    "Best ayurvedic treatment for psoriasis, 100% cure guaranteed. Call +91 98470 12345",
    (
        "<p>ALL THANKS TO <b>DR AKPAN</b> FOR CURING MY HERPES WITH HIS HERBAL PORTION.<br>"
        "email him: drakpan.herbalhome@example.com</p>"
    ),
]

HAMS = [
    (
        "My psoriasis cleared up with methotrexate, my dermatologist Dr Ann Lee is amazing. Her "
        "office number is 555-123-4567."
    ),
    (
        "Is there really no cure for herpes? My doctor said the antiviral helps. Any advice, email "
        "me at jane.doe@example.com"
    ),
    (
        "Beware of comments from fake doctors claiming to cure HIV with herbs and asking you to "
        "email them. These are scams."
    ),
    (
        "My husband beat stage 3 colon cancer with surgery and chemo. If anyone needs to talk, "
        "I'm at colonsupport@example.org"
    ),
    (
        "Thank you for this article. My mom has Parkinson's and the support group helped. Call the "
        "foundation helpline 1-800-473-4636."
    ),
    (
        "After 3 rounds of IVF we finally got pregnant! Thank you Dr Chen at the fertility clinic. "
        "Email me if you want the clinic details: amy.p@example.com"
    ),
    (
        "I cured my acne with a change of diet and benzoyl peroxide. Check out my blog "
        "http://acne-diary.example.com"
    ),
    (
        "My mother was cured of breast cancer after surgery and Herceptin, thank you Dr Smith at "
        "MD Anderson."
    ),
    "Chamomile tea helps me sleep, and my herb garden blog is https://herbs.example.org",
    (
        "Dr Morales cured my thyroid disease with diet changes. Email me at jane.r@example.com if "
        "you want the details."
    ),
]


@pytest.mark.parametrize("text", SCAMS)
def test_unseen_scams_are_scam(text: str) -> None:
    result = analyze(text, html=text.startswith("<p>"))
    assert result.verdict == "scam", result.reasons
    assert result.claims


@pytest.mark.parametrize("text", HAMS)
def test_legitimate_health_comments_are_not_flagged(text: str) -> None:
    result = analyze(text)
    assert result.verdict in {"ok", "suspicious"}, result.reasons

"""Scoring: which rules fire, with what evidence, and the verdict they add up to."""

from __future__ import annotations

import pytest

from pipeline.claims import detect_claims
from pipeline.findings import VERDICTS, Contact
from pipeline.scoring import RULES, RULES_BY_NAME, RULESET_VERSION, Scoring, score_comment


def email(text: str, value: str) -> Contact:
    start = text.index(value)
    return Contact("email", value.lower(), value, start, start + len(value))


def phone(text: str, raw: str, e164: str, *channels: str) -> Contact:
    start = text.index(raw)
    return Contact("phone", e164, raw, start, start + len(raw), channels=channels)


def url(text: str, raw: str) -> Contact:
    start = text.index(raw)
    return Contact("url", raw.lower(), raw, start, start + len(raw))


def score(text: str, *contacts: Contact) -> Scoring:
    return score_comment(text, list(contacts), detect_claims(text))


def rules(scoring: Scoring) -> set[str]:
    return {r.rule for r in scoring.reasons}


T_SCAM_EMAIL = (
    "I was diagnosed with herpes in 2019. I contacted Dr Kolade and he sent me his herbal "
    "medicine, now I am cured. Email him: kolade.cure@example.com"
)
T_SCAM_WHATSAPP = (
    "Finally free from HPV with the pure herbs of a traditional healer. "
    "WhatsApp him on +234 801 234 5678"
)
T_SCAM_NO_DETAILS = (
    "Dr Imafidon's herbal portion cured my husband's diabetes. If you are suffering from "
    "any disease, contact him, he is the best."
)
T_CLAIM_ONLY = "Baba Sule's roots and herbs cured my fibroids within two weeks."
T_CONTACT_ONLY = "You can reach me at jo.writer@example.com if you want the recipe."
T_HELPLINE = (
    "When my dad was diagnosed with prostate cancer the helpline was a lifesaver: "
    "call 0808 800 4040, the nurses there are wonderful."
)
T_THANK_ONCOLOGIST = (
    "My mother was cured of breast cancer after surgery and Herceptin, thank you Dr Smith "
    "at MD Anderson. Write to me at family.smith@example.com if you want to talk."
)
T_LOAN = (
    "Are you in need of a personal loan at a low interest rate? Contact us today at "
    "fastcash.lenders@example.com"
)
T_LOVE_SPELL = (
    "The great spell caster brought back my ex lover in 48 hours. WhatsApp him on +234 802 345 6789"
)
T_HACKER = "Need a hacker to spy on a cheating partner? Contact cyberfix.team@example.com"
T_SEO = "Great article, thanks for sharing! Best AC repair (https://ac-repair.example/)"
T_CHANNEL = "Nice song! Check out my channel and subscribe please"
T_FOREIGN_CONTACT = "Merci beaucoup pour cet article. Mon numéro: +33 6 12 34 56 78"
T_HERBAL_HAM = "Chamomile tea helps me sleep, and my blog is at https://tea-notes.example/"


@pytest.mark.parametrize(
    ("text", "contacts", "verdict", "must_fire"),
    [
        (
            T_SCAM_EMAIL,
            [("email", "kolade.cure@example.com")],
            "scam",
            {"CURE_TESTIMONIAL", "CONTACT_EMAIL", "HEALER_PERSONA", "TESTIMONIAL_NARRATIVE"},
        ),
        (
            T_SCAM_WHATSAPP,
            [("wa", "+234 801 234 5678", "+2348012345678")],
            "scam",
            {"CURE_TESTIMONIAL", "WHATSAPP_NUMBER", "SOLICITATION"},
        ),
        (T_SCAM_NO_DETAILS, [], "scam", {"CURE_TESTIMONIAL", "ANY_DISEASE", "SOLICITATION"}),
        (T_CLAIM_ONLY, [], "suspicious", {"CURE_TESTIMONIAL", "FRAUD_SIGNAL"}),
        (T_CONTACT_ONLY, [("email", "jo.writer@example.com")], "ok", {"CONTACT_EMAIL"}),
        (T_HELPLINE, [("phone", "0808 800 4040", "+448088004040")], "ok", {"CONTACT_PHONE"}),
        (T_THANK_ONCOLOGIST, [("email", "family.smith@example.com")], "ok", {"CONTACT_EMAIL"}),
        (T_LOAN, [("email", "fastcash.lenders@example.com")], "spam", {"LOAN_OFFER"}),
        (
            T_LOVE_SPELL,
            [("wa", "+234 802 345 6789", "+2348023456789")],
            "spam",
            {"LOVE_SPELL", "WHATSAPP_NUMBER"},
        ),
        (T_HACKER, [("email", "cyberfix.team@example.com")], "spam", {"HACKER_FOR_HIRE"}),
        (T_SEO, [("url", "https://ac-repair.example/")], "spam", {"SEO_LINK", "CONTACT_URL"}),
        (T_CHANNEL, [], "spam", {"CHANNEL_PROMO"}),
        (
            T_FOREIGN_CONTACT,
            [("phone", "+33 6 12 34 56 78", "+33612345678")],
            "ok",
            {"CONTACT_PHONE"},
        ),
        (T_HERBAL_HAM, [("url", "https://tea-notes.example/")], "ok", {"CONTACT_URL"}),
    ],
)
def test_verdicts(
    text: str, contacts: list[tuple[str, ...]], verdict: str, must_fire: set[str]
) -> None:
    built = []
    for kind, *values in contacts:
        if kind == "email":
            built.append(email(text, values[0]))
        elif kind == "url":
            built.append(url(text, values[0]))
        else:
            channels = ("whatsapp",) if kind == "wa" else ()
            built.append(phone(text, values[0], values[1], *channels))
    scoring = score(text, *built)
    assert scoring.verdict == verdict, scoring.reasons
    assert must_fire <= rules(scoring)
    assert scoring.score == sum(r.weight for r in scoring.reasons)


def test_scam_needs_a_contact_route() -> None:
    text = "Dr Ojo's herbal medicine cured my HIV completely, I am now negative."
    alone = score(text)
    assert alone.verdict == "suspicious"
    assert not rules(alone) & {"CONTACT_EMAIL", "SOLICITATION"}
    contact = email(text + " drojo@example.com", "drojo@example.com")
    assert score_comment(text, [contact], detect_claims(text)).verdict == "scam"


def test_contacts_alone_are_never_scam() -> None:
    text = "Call +234 801 234 5678 or write to healer@example.com, WhatsApp me"
    contacts = [
        phone(text, "+234 801 234 5678", "+2348012345678", "whatsapp"),
        email(text, "healer@example.com"),
    ]
    assert score_comment(text, contacts, []).verdict != "scam"


def test_evidence_is_taken_from_the_text() -> None:
    scoring = score(T_SCAM_EMAIL, email(T_SCAM_EMAIL, "kolade.cure@example.com"))
    by_rule = {r.rule: r.evidence for r in scoring.reasons}
    assert by_rule["CONTACT_EMAIL"] == "kolade.cure@example.com"
    assert by_rule["HEALER_PERSONA"] == "Dr Kolade"
    assert by_rule["CURE_TESTIMONIAL"]
    assert by_rule["CURE_TESTIMONIAL"] in " ".join(T_SCAM_EMAIL.split())


def test_reasons_follow_the_rule_table() -> None:
    scoring = score(T_SCAM_EMAIL, email(T_SCAM_EMAIL, "kolade.cure@example.com"))
    order = [r.name for r in RULES]
    assert [r.rule for r in scoring.reasons] == sorted(
        (r.rule for r in scoring.reasons), key=order.index
    )
    assert all(r.weight == RULES_BY_NAME[r.rule].weight for r in scoring.reasons)


def test_empty_comment_is_ok() -> None:
    assert score("") == Scoring(score=0, verdict="ok", reasons=[])


def test_rule_table() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(name.isupper() and r.weight != 0 for name, r in zip(names, RULES, strict=True))
    assert all(r.weight > 0 for r in RULES if r.family != "signal")
    assert {r.family for r in RULES} == {"health", "contact", "promotion", "signal"}
    assert all(r.description.endswith(".") for r in RULES)


def test_ruleset_version_fits_the_verdicts_table() -> None:
    assert RULESET_VERSION.startswith("r")
    assert 0 < len(RULESET_VERSION) <= 40
    assert set(VERDICTS) == {"scam", "spam", "suspicious", "ok"}


def test_a_warning_that_quotes_a_scam_is_not_one() -> None:
    text = (
        "Beware of comments from fake doctors claiming to cure HIV with herbs and asking "
        "you to email them. These are scams."
    )
    scoring = score(text)
    assert "SCAM_WARNING" in rules(scoring)
    assert scoring.verdict != "scam"


def test_a_scam_that_mentions_fakes_is_still_a_scam() -> None:
    text = (
        "After wasting money on fake healers, Dr Edet's herbal medicine cured my herpes. "
        "Email him: edet.herbs@example.com"
    )
    scoring = score(text, email(text, "edet.herbs@example.com"))
    assert scoring.verdict == "scam"


def test_a_thanked_doctor_with_the_writers_own_address_is_not_a_scam() -> None:
    text = (
        "Dr Morales cured my thyroid disease with diet changes. Email me at "
        "jane.r@example.com if you want the details."
    )
    scoring = score(text, email(text, "jane.r@example.com"))
    assert "PERSONA_ONLY" in rules(scoring)
    assert scoring.verdict != "scam"


def test_a_promoted_doctor_with_a_messenger_number_is_a_scam() -> None:
    text = "Dr Moses cured my HIV. WhatsApp +27 61 234 5678"
    scoring = score(text, phone(text, "+27 61 234 5678", "+27612345678", "whatsapp"))
    assert "PERSONA_ONLY" not in rules(scoring)
    assert scoring.verdict == "scam"


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # A link is a route only with promotion around it.
        (
            "Natural remedies can help control diabetes, more on my blog https://b.example/",
            "suspicious",
        ),
        (
            "For more information on natural remedies for arthritis see https://arthritis.example/",
            "suspicious",
        ),
        ("Dr Ade cured my HIV with herbs: https://drade.example/", "scam"),
        ("A natural supplement that relieves tinnitus. Visit us: https://t.example/", "scam"),
    ],
)
def test_links_as_the_only_route(text: str, verdict: str) -> None:
    start = text.index("https://")
    link = Contact("url", text[start:], text[start:], start, len(text))
    assert score_comment(text, [link], detect_claims(text)).verdict == verdict


@pytest.mark.parametrize(
    "text",
    [
        "Chemo left us with student loans and medical debt; write to me at pat@example.com",
        "Hackers stole our clinic's data last year. Contact me at it-lead@example.com",
        "I'm betting the new trial shows the same thing. My notes: pat@example.com",
        "I subscribe to your RSS feed, great work. Reach me at pat@example.com",
        "If you need financial assistance, the cancer society has programs: help@example.org",
        "My husband back home in Ohio has the same symptoms. Email pat@example.com",
        (
            "In some countries you can buy antibiotics without a prescription, which worries me. "
            "pat@example.com"
        ),
    ],
)
def test_ordinary_words_of_spam_families_are_not_spam(text: str) -> None:
    contact = email(text, text[text.rindex(" ") + 1 :].rstrip("."))
    assert score(text, contact).verdict in {"ok", "suspicious"}


def test_a_real_reply_that_links_the_writers_post_is_not_seo_spam() -> None:
    text = (
        "Great post, thanks for sharing. We hit the same problem with lookbehind assertions "
        "last year: the engine backtracked on every comma in a forty kilobyte input, and the "
        "fix was to bound the repetition and anchor the pattern at word starts. Profiling "
        "showed the time went from seconds to milliseconds, and the tests we added since "
        "then have caught two regressions. I wrote up the details here: https://notes.example/"
    )
    scoring = score(text, url(text, "https://notes.example/"))
    assert "SEO_LINK" not in rules(scoring)
    assert scoring.verdict == "ok"

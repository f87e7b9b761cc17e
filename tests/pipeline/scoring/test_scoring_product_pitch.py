"""Verdicts on supplement shops and their look-alikes, through the whole pipeline.

A product pitch with a lone shop link is a scam when the copy around the link is a shop's
(an order page, "click here", "official website", marketing copy, a keyword anchor);
"click here" is a call to action, not money-making. Each scam has a twin a patient, a
researcher or a moderator could write. Our own texts, no corpus text.
"""

from __future__ import annotations

import pytest

from pipeline.analysis import analyze
from pipeline.scoring.scorer import score_comment

SHOPS = [
    (
        "VeriNail is a dietary supplement that clears nail fungus from the inside. "
        "https://verinail-store.example.com/order"
    ),
    (
        "Fed up with joint pain? FlexoMint is a plant-based formula that relieves arthritis "
        "stiffness. Click Here https://flexomint.example.com/"
    ),
    (
        "Sonora drops are a natural formula that quiets tinnitus for good. "
        "Special offer today: https://sonora-drops.example.com/"
    ),
    "Best gout remedy (https://urolite.example.com/) - flushes uric acid and ends flare-ups.",
    (
        "DentaPure is a probiotic chewable that rebuilds receding gums. We offer free "
        "shipping: https://dentapure.example.com/"
    ),
    (
        "Натуральное средство от простатита, результат за 2 недели. Заказать: "
        "https://prostaflor.example.com/"
    ),
]

LOOKALIKES = [
    (
        "I tried a supplement for my nail fungus and it did nothing, my GP prescribed "
        "terbinafine instead. My notes: https://nailnotes.example.com/blog"
    ),
    "Click here for the trial on tinnitus therapy: https://pubmed.ncbi.nlm.nih.gov/11111111/",
    (
        "Warning: the FlexoMint ads claim it relieves arthritis. It is a scam, see "
        "https://consumerwatch.example.com/flexomint"
    ),
    "The official website of our gout support group: https://goutfriends.example.com/",
]


@pytest.mark.parametrize("text", SHOPS)
def test_supplement_shop_is_a_scam(text: str) -> None:
    assert analyze(text).verdict == "scam"


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalike_is_not_flagged(text: str) -> None:
    assert analyze(text).verdict not in {"scam", "spam"}


def test_click_here_is_a_call_to_action_not_money_making() -> None:
    text = "Click here for the new garden chairs https://chairs.example.com/"
    rules = {r.rule for r in analyze(text).reasons}
    assert "CALL_TO_ACTION" in rules
    assert "MONEY_MAKING" not in rules


def test_shop_link_needs_a_shop_word_in_the_address() -> None:
    text = "Our natural formula relieves knee pain."
    plain = analyze(text + " https://kneeblog.example.com/my-story").reasons
    shop = analyze(text + " https://kneeblog.example.com/buy-now").reasons
    assert "SHOP_LINK" not in {r.rule for r in plain}
    assert "SHOP_LINK" in {r.rule for r in shop}


def test_clinic_directory_copy_is_spam() -> None:
    text = (
        "Looking for the best kidney stone clinic in Springfield? Book your consultation "
        "today at https://stoneclinic.example.com/"
    )
    assert analyze(text).verdict == "spam"


@pytest.mark.parametrize(
    "text",
    [
        "Looking for a get pregnant spell? Mother Ife helped my cousin, write to ifetemple@example.com",
        "Madam Rose cast a conceive spell for us and I am pregnant now. Email roseshrine@example.com",
    ],
)
def test_pregnancy_spells_in_any_word_order(text: str) -> None:
    assert analyze(text).verdict == "scam"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("We give out loans to individuals at 3%, email fastfunds@example.com", "LOAN_OFFER"),
        (
            "A team of hackers got my stolen bitcoin back: recoverteam@example.com",
            "HACKER_FOR_HIRE",
        ),
        ("They retrieve stolen crypto for victims, email assetback@example.com", "CRYPTO_RECOVERY"),
        ("I won the lottery after his winning spell, email luckman@example.com", "MONEY_SPELL"),
    ],
)
def test_other_spam_vocabulary(text: str, rule: str) -> None:
    result = analyze(text)
    assert rule in {r.rule for r in result.reasons}
    assert result.verdict == "spam"


def test_shop_link_is_bounded_on_a_huge_address() -> None:
    from pipeline.findings import Contact

    url = "https://" + "a" * 50_000 + ".example.com/" + "order-" * 10_000
    contact = Contact("url", url, url, 0, len(url))
    text = "VeriNail supplement clears nail fungus. " + url
    scoring = score_comment(text, [contact], [])
    assert scoring.verdict in {"ok", "suspicious", "spam"}


@pytest.mark.parametrize(
    "text",
    [
        "Visit the [best knee pain doctor in Pune](https://kneeclinic-pune.example.com/) today",
        (
            "If you are searching for the top fissure treatment in Agra, our surgeons can help: "
            "https://agrafissure.example.com/"
        ),
    ],
)
def test_clinic_seo_anchor_is_spam(text: str) -> None:
    assert analyze(text).verdict == "spam"


@pytest.mark.parametrize(
    "text",
    [
        (
            "The best cancer hospital in Texas saved my life, the team there is wonderful: "
            "https://www.texascancerexample.com/patients"
        ),
        (
            "We found the top rated eczema clinic in Denver through our GP; their leaflet: "
            "https://denverskin.example.com/about"
        ),
    ],
)
def test_patient_praising_a_clinic_is_not_spam(text: str) -> None:
    assert analyze(text).verdict not in {"scam", "spam"}


@pytest.mark.parametrize(
    "text",
    [
        (
            "Related issues: https://github.com/example/repo/issues/11 "
            "https://github.com/example/repo/issues/12 https://github.com/example/repo/pull/13"
        ),
        (
            "https://news.example.com/interview-one\nhttps://radio.example.com/interview-two\n"
            "https://tv.example.com/interview-three"
        ),
    ],
)
def test_a_bare_list_of_links_is_no_link_drop(text: str) -> None:
    result = analyze(text)
    assert "LINK_DROP" not in {r.rule for r in result.reasons}
    assert result.verdict != "spam"


def test_one_bare_link_is_still_a_drop() -> None:
    assert analyze("https://cheap-watches.example.com/").verdict == "spam"


@pytest.mark.parametrize(
    "text",
    [
        (
            "If you are looking for the best fistula doctor, our team is here: "
            "https://fistulacare.example.com/"
        ),
        (
            "Seeking <a>gallstone treatment in Kanpur</a> is easy now "
            "(https://kanpurstones.example.com/) with our surgeons."
        ),
    ],
)
def test_clinic_search_copy_is_spam(text: str) -> None:
    assert analyze(text).verdict == "spam"


def test_lost_love_lists_are_spam() -> None:
    text = "Healer Zola: bringing back lost lovers, court cases, luck. Call +27 71 000 1234"
    assert "LOVE_SPELL" in {r.rule for r in analyze(text).reasons}


def test_a_hedge_is_a_warning_only_where_nothing_sells() -> None:
    hedge = "The Ostara tonic claims to calm tinnitus."
    reader = analyze(hedge + " I doubt it, my audiologist laughed.")
    shop = analyze(hedge + " Order from the official website https://ostara-tonic.example.com")
    assert "SCAM_WARNING" in {r.rule for r in reader.reasons}
    assert "SCAM_WARNING" not in {r.rule for r in shop.reasons}
    assert shop.verdict == "scam"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Want to upgrade your grades? Write to gradefix@example.com", "HACKER_FOR_HIRE"),
        (
            "Trading bitcoin with my account manager pays, WhatsApp +1 555 201 0000",
            "CRYPTO_RECOVERY",
        ),
    ],
)
def test_grade_and_trading_spam(text: str, rule: str) -> None:
    assert rule in {r.rule for r in analyze(text).reasons}


@pytest.mark.parametrize(
    "text",
    [
        (
            "Click here to set up the glucose dashboard, it helps manage blood sugar at night: "
            "https://github.com/example/glucose-dashboard"
        ),
        "Click here for the upgrade guide: https://gitlab.com/example/project/-/wikis/upgrade",
    ],
)
def test_a_code_host_link_is_no_route(text: str) -> None:
    assert analyze(text).verdict not in {"scam", "spam"}


def test_a_keyword_markdown_anchor_routes_a_pitch() -> None:
    text = "[best gum repair drops](https://gumvita.example.com) - GumVita regrows receding gums."
    result = analyze(text)
    assert "KEYWORD_LINK" in {r.rule for r in result.reasons}
    assert result.verdict == "scam"


def test_a_citing_markdown_anchor_is_no_keyword_link() -> None:
    text = "See [the docs](https://docs.example.org/setup) for the build steps."
    assert "KEYWORD_LINK" not in {r.rule for r in analyze(text).reasons}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "Our expert writers will write your thesis overnight. WhatsApp +44 7911 123456",
            "ESSAY_MILL",
        ),
        ("His job spell got me hired in a week. Email jobspell@example.com", "MONEY_SPELL"),
    ],
)
def test_more_spam_families(text: str, rule: str) -> None:
    result = analyze(text)
    assert rule in {r.rule for r in result.reasons}
    assert result.verdict == "spam"


def test_a_shop_page_on_a_code_host_is_still_a_route() -> None:
    text = "Renalia is a dietary supplement that lowers creatinine. https://github.com/renalia/renalia-official-order"
    assert analyze(text).verdict == "scam"

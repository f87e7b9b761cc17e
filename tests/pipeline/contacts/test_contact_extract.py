"""extract_contacts as a whole: the seed comment, offsets, overlaps, allow-list, registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.contacts import DEFAULT_EXTRACTORS, extract_contacts
from pipeline.contacts.emails import EmailExtractor
from pipeline.contacts.normalise import MAX_TEXT_CHARS

# The project seed (shared/seed/her2-article-with-comment.txt): the comment under the article.
SEED_COMMENT = (
    "ALL THANKS TO DR OSO WITH HIS HERBAL PORTION I WAS COMPLETELY CURED FROM BREAST CANCER. "
    "I'm here again to appreciate. DR OSO God will always continue to bless you more "
    "abundantly, for the good works you don in my life, I will always keep on writing good and "
    "posting my testimonies about you on the Internet, I’m MARY JOHNSON from TEXAS . I was "
    "tested breast cancer positive, I saw a blog on how DR OSO cured people with his herbal "
    "portion, i did not believe in natural medicine but i just decided to give him a try, I "
    "contacted him,and explain my situation to him,few day later he sent me the herb, after "
    "taking DR OSO herbal medicine for few weeks i went to hospital for check up so luckily i "
    "was healed with his herbal portion, i am so happy. If you have any type of cancer problem "
    "or you are also infected with any kind of disease, contact him drosohaberhome@gmail.com or "
    "call/whatapp +2348162084839 for advice and for his product,i hope this testimony also help "
    "some one out there ..\n\n         here is the  dr website.\n\nHis blog page "
    "https://drosohaberhome.blogspot.com\n\nyou can also email me for more info about DR oso "
    "via maryjohnson9700@gmail.com ALL THANK TO DR OSO . //.../..5160"
)
SEED_FILE = (
    Path(__file__).resolve().parents[4] / "shared" / "seed" / "her2-article-with-comment.txt"
)


def test_seed_comment_yields_exactly_its_four_contacts() -> None:
    found = extract_contacts(SEED_COMMENT)
    assert [(c.kind, c.value, c.channels) for c in found] == [
        ("email", "drosohaberhome@gmail.com", ()),
        ("phone", "+2348162084839", ("whatsapp",)),
        ("url", "https://drosohaberhome.blogspot.com/", ()),
        ("email", "maryjohnson9700@gmail.com", ()),
    ]
    for contact in found:
        assert SEED_COMMENT[contact.start : contact.end] == contact.raw
    assert found[2].domain == "blogspot.com"


@pytest.mark.parametrize(
    "snippet",
    [
        "HER-2/neu as a predictor. Cancer Epidemiology, Biomarkers & Prevention. 2009 18: 1386-1389.",
        "Overexpression of HER-2/neu and its relationship. Hum Pathol 1992; 23:974.",
        "NCCN Guidelines Version 3.2013 Ductal Carcinoma in Situ. (Accessed on August 07, 2013).",
        "tumors 1 cm or smaller. Journal of Clinical Oncology. November 2, 2009.",
        "20-25% of breast cancers; 965 women; 6% of women compared with 23% of women",
        "Comments (1)\nNo. 1-1\nCopyright © 2018 CancerConnect. All Rights Reserved.",
    ],
)
def test_article_citations_are_not_phones(snippet: str) -> None:
    assert [c for c in extract_contacts(snippet, region="US") if c.kind == "phone"] == []


def test_seed_article_has_links_but_no_phones() -> None:
    if not SEED_FILE.exists():
        pytest.skip(f"{SEED_FILE} is absent")
    text = SEED_FILE.read_text(encoding="utf-8")
    article = text[: text.index("mary john\nmary john\n\n")]
    found = extract_contacts(article, region="US")
    assert [c for c in found if c.kind == "phone"] == []
    assert {c.domain for c in found if c.kind == "url"} == {"nccn.org"}


def test_offsets_index_the_original_text_through_normalisation() -> None:
    text = "Ｃａｌｌ ｍｅ: ｈｅｒｂ\u200b＠ｇｍａｉｌ．ｃｏｍ or ＋２３４ ８０３ １２３ ４５６７ ✓"
    found = extract_contacts(text)
    assert [(c.kind, c.value) for c in found] == [
        ("email", "herb@gmail.com"),
        ("phone", "+2348031234567"),
    ]
    for contact in found:
        assert text[contact.start : contact.end] == contact.raw
        assert contact.obfuscated


def test_sorted_by_position_and_overlaps_resolved() -> None:
    text = "site http://example.org/call/2127365000 mail doc@example.org and 212-736-5000"
    found = extract_contacts(text)
    assert [c.kind for c in found] == ["url", "email", "phone"]
    assert found == sorted(found, key=lambda c: c.start)


def test_allow_list_holds_normalised_values() -> None:
    text = "our helpline +1 212 736 5000, scam line +2348031234567"
    found = extract_contacts(text, allow_list={"+12127365000"})
    assert [c.value for c in found] == ["+2348031234567"]


def test_extractors_can_be_chosen() -> None:
    text = "doc@example.org +2348031234567"
    assert [c.kind for c in extract_contacts(text, extractors=(EmailExtractor(),))] == ["email"]
    assert len(DEFAULT_EXTRACTORS) == 4


def test_text_beyond_the_cap_is_not_searched() -> None:
    text = "x" * MAX_TEXT_CHARS + " doc@example.org"
    assert extract_contacts(text) == []
    assert extract_contacts("") == []


def test_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        extract_contacts(b"doc@example.org")  # type: ignore[arg-type]


def test_contact_json_is_the_contract_shape() -> None:
    (contact,) = extract_contacts("WhatsApp +2348031234567")
    assert contact.to_json() == {
        "kind": "phone",
        "value": "+2348031234567",
        "raw": "+2348031234567",
        "start": 9,
        "end": 23,
        "obfuscated": False,
        "channels": ["whatsapp"],
    }
    assert contact.explanation is not None
    assert contact.explanation.extractor == "phone"

"""The lexicon data files and the term compiler behind them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.claims.lexicon import TermSet, expand_term, load_toml
from pipeline.claims.signals import CONDITIONS, REMEDIES, find_personas

REQUIRED_CONDITIONS = [
    "hiv",
    "herpes",
    "hpv",
    "hepatitis b",
    "breast cancer",
    "prostate cancer",
    "lung cancer",
    "colon cancer",
    "cervical cancer",
    "ovarian cancer",
    "skin cancer",
    "diabetes",
    "als",
    "parkinson's disease",
    "alzheimer's disease",
    "copd",
    "fibroids",
    "infertility",
    "kidney disease",
    "lupus",
    "multiple sclerosis",
    "shingles",
    "epilepsy",
    "low sperm count",
]


def canonical(text: str, terms: TermSet = CONDITIONS) -> list[str]:
    return [m.canonical for m in terms.finditer(text)]


def test_at_least_80_conditions_in_canonical_form() -> None:
    table = load_toml("conditions.toml")["conditions"]
    assert len(table) >= 80
    assert all(name == name.lower().strip() for name in table)
    assert set(REQUIRED_CONDITIONS) <= set(table)


@pytest.mark.parametrize("name", ["conditions.toml", "remedies.toml", "phrases.toml"])
def test_data_files_are_versioned(name: str) -> None:
    assert str(load_toml(name)["version"]).strip()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She has HSV-2", ["herpes"]),
        ("herpes simplex virus type 2", ["herpes"]),
        ("hsv 1 & 2", ["herpes"]),
        ("HIV/AIDS", ["hiv"]),
        ("PROSTRATE CANCER", ["prostate cancer"]),
        ("Parkinson’s and Parkinsons disease", ["parkinson's disease", "parkinson's disease"]),
        ("hepatitis B and hep c", ["hepatitis b", "hepatitis c"]),
        ("diagnosed with MS", ["multiple sclerosis"]),
        ("it took 300 ms", []),
        ("motor neurone disease (ALS)", ["als", "als"]),
        ("also known as also", []),
        ("hearing aids", []),
        ("uterine fibroids", ["fibroids"]),
        ("sickle-cell anemia", ["sickle cell disease"]),
        ("drherpescure@gmail.com", []),
        ("والسرطان", ["cancer"]),
    ],
)
def test_condition_variants(text: str, expected: list[str]) -> None:
    assert canonical(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("his herbal portion", ["herbal"]),
        ("a powerful spell caster", ["spell"]),
        ("the native doctor", ["traditional"]),
        ("a miracle cure", ["miracle product"]),
    ],
)
def test_remedy_variants(text: str, expected: list[str]) -> None:
    assert canonical(text, REMEDIES) == expected


def test_expand_term() -> None:
    assert expand_term("herpes {1|2}") == ["herpes 1", "herpes 2"]
    assert expand_term("{a|b} of {c|}") == ["a of c", "a of", "b of c", "b of"]
    assert expand_term("see {the|} doctor") == ["see the doctor", "see doctor"]
    assert expand_term("plain") == ["plain"]


def test_longest_term_wins() -> None:
    terms = TermSet("t", {"cancer": ["cancer"], "breast cancer": ["breast cancer"]})
    assert canonical("breast cancer", terms) == ["breast cancer"]


def test_empty_term_fails_at_compile_time() -> None:
    with pytest.raises(ValueError, match="empty term"):
        TermSet("broken", {"x": ["ok", "{|}"]})


def test_special_characters_are_escaped() -> None:
    terms = TermSet("t", {"x": ["a.b", "c+d", "(e)"]})
    assert canonical("axb c+d (e)", terms) == ["x", "x"]


@pytest.mark.parametrize(
    ("text", "personas"),
    [
        ("thanks to DR OSO and Dr. Akin", ["DR OSO", "Dr. Akin"]),
        ("Priest Ade helped me", ["Priest Ade"]),
        ("my doctor told me to rest", []),
        ("the Dr. said no", []),
    ],
)
def test_personas(text: str, personas: list[str]) -> None:
    assert [m.text for m in find_personas(text)] == personas


_WORD = st.text(alphabet="abcxyz", min_size=1, max_size=5)
_TERM = st.lists(_WORD, min_size=1, max_size=3).map(" ".join)


@given(st.lists(_TERM, min_size=1, max_size=12, unique=True))
def test_trie_matches_every_term_whole(terms: list[str]) -> None:
    compiled = TermSet("t", {term: [term] for term in terms})
    for term in terms:
        hits = list(compiled.finditer(term))
        assert [(h.start, h.end) for h in hits][:1] == [(0, len(term))]
        assert hits[0].canonical == term


@given(st.text(max_size=300))
def test_any_text_maps_every_hit_to_an_entry(text: str) -> None:
    for terms in (CONDITIONS, REMEDIES):
        for hit in terms.finditer(text):
            assert text[hit.start : hit.end] == hit.text
            assert hit.canonical

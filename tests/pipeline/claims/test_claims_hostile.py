"""Hostile input: every pattern family must stay linear on pathological text.

There is no timing assertion (the suite forbids them): a catastrophic-backtracking pattern
would hang this test, which is the failure it guards against. Inputs are built to hit the
alternations' shared prefixes, the blank-run gaps inside terms, the Arabic prefix class,
the persona name pattern and the link pattern of the scorer.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.claims import MAX_CLAIM_CHARS, detect_claims, signals
from pipeline.claims.lexicon import TermSet
from pipeline.claims.signals import find_personas
from pipeline.findings import Contact
from pipeline.scoring import score_comment
from pipeline.scoring.promotion import PROMOTION_TERMS, SEO_PRAISE

#: Every compiled term list: the claim lexicons (found by type, so a new family is covered
#: without editing this test) and the promotion lexicon of the scorer.
FAMILIES = {
    **{name: value for name, value in vars(signals).items() if isinstance(value, TermSet)},
    "seo_praise": SEO_PRAISE,
    **{f"promotion.{name}": terms for name, terms in PROMOTION_TERMS.items()},
}

PATHOLOGICAL = {
    "blank runs": "herpes" + " - " * 30_000 + "x",
    "near misses": "hepatitis " * 8_000,
    "shared prefixes": "any kind of " * 6_000,
    "no word breaks": "a" * 200_000,
    "arabic prefixes": "وبلفك" * 20_000,
    "persona titles": "Dr " * 30_000,
    "link-like": "x (" * 30_000 + "http://" + "a" * 50_000,
    "apostrophes": "parkinson'" * 10_000,
    "initials": "Dr " + "A." * 30_000,
    "lower-case titles and glued names": "dr abcde " * 3_000 + "abcdexyz@mail.example " * 1_000,
    "outcomes far from conditions": "herpes herbs " * 800 + "x" * 800 + " he was cured" * 1_000,
    "bare cures after conditions": "hiv gone " * 3_000,
    "dismissed treatments": "no more insulin " * 2_000,
    "remedies beside treatments": "herbs insulin " * 1_500,
    "condition products": "asthma tea " * 2_000,
    "promoted healers": "Dr Abc herbs diabetes contact him " * 600,
    "questions": "diabetes? " * 2_000 + "Dr Abc herbs contact him",
    "coined brands": "AbcDef" * 20_000 + " AbcdefghijklmnopQr " * 1_000,
    "product pitches": "VeriNail supplement made to relieve nail fungus " * 400,
    "named products": "a Abcdefgh tea, Abcdefghijklmnopqrstuvwxyz " * 2_000,
    "clinic directory copy": "looking for the best " * 2_000 + "[best x treatment in " * 2_000,
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pattern_family_survives(family: str, name: str) -> None:
    hits = list(FAMILIES[family].finditer(PATHOLOGICAL[name][:MAX_CLAIM_CHARS]))
    assert all(0 <= m.start < m.end <= MAX_CLAIM_CHARS for m in hits)


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_detector_and_scorer_survive(name: str) -> None:
    text = PATHOLOGICAL[name]
    claims = detect_claims(text)
    assert all(c.end <= MAX_CLAIM_CHARS for c in claims)
    list(find_personas(text[:MAX_CLAIM_CHARS]))
    url = Contact("url", "http://a.example/", "http://a.example/", 0, 1)
    scoring = score_comment(text, [url], claims)
    assert scoring.verdict in {"scam", "spam", "suspicious", "ok"}
    assert all(len(r.evidence) <= 201 for r in scoring.reasons)


def test_text_beyond_the_cap_is_ignored() -> None:
    claim = "Dr Kofi's herbal medicine cured my herpes."
    assert detect_claims(claim)
    assert detect_claims("." * MAX_CLAIM_CHARS + claim) == []


def test_every_family_is_covered() -> None:
    assert {"CONDITIONS", "REMEDIES", "SOLICITATION", "SELF_CONTACT", "WARNING"} <= set(FAMILIES)
    assert len(FAMILIES) >= 30


_NASTY = st.text(
    alphabet=st.sampled_from(
        list("cured herpes HIV dr Dr. herbal spell  -'’\u200b\uff43\u0627\u0644\n(http://x.y)")
    ),
    max_size=400,
)


@given(st.one_of(st.text(max_size=400), _NASTY))
def test_arbitrary_text_never_raises(text: str) -> None:
    claims = detect_claims(text)
    for claim in claims:
        assert 0 <= claim.start <= claim.end <= len(text)
    assert score_comment(text, [], claims).verdict in {"scam", "spam", "suspicious", "ok"}

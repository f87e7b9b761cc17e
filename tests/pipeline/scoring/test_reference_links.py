"""Links to health organisations and reference sites are not promotion nor a route."""

from __future__ import annotations

import pytest

from pipeline.analysis import analyze
from pipeline.reference_sites import is_reference_domain


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for sharing! The NHS page explains it well: https://www.nhs.uk/conditions/shingles/",
        "Great post, thank you. More here: https://www.mayoclinic.org/diseases-conditions/lupus",
        "Thank you for this. See https://pubmed.ncbi.nlm.nih.gov/12345678/ for the trial.",
    ],
)
def test_reference_links_stay_ok(text: str) -> None:
    analysis = analyze(text)
    assert analysis.verdict == "ok"
    assert any(c.kind == "url" for c in analysis.contacts)  # still extracted, just not held against


def test_own_link_with_praise_is_still_spam() -> None:
    text = "Thanks for sharing, great article! https://www.best-liver-detox-reviews.com/top-10"
    assert analyze(text).verdict in {"spam", "suspicious"}


@pytest.mark.parametrize(
    ("domain", "expected"),
    [("who.int", True), ("cdc.gov", True), ("mayoclinic.org", True), ("x.edu", True),
     ("drherbal.blogspot.com", False), (None, False), ("", False)],
)
def test_is_reference_domain(domain: str | None, expected: bool) -> None:
    assert is_reference_domain(domain) is expected

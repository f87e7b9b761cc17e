from __future__ import annotations

from reports.highlight import Segment, segments
from reports.model import Span


def test_spans_become_marked_segments_and_text_is_defanged() -> None:
    text = "Dr X cured my HIV, email dr.x@mail.example now"
    start = text.index("dr.x@")
    spans = (Span(start, start + len("dr.x@mail.example"), "contact", "email"),
             Span(5, 17, "claim", "HIV"))
    assert segments(text, spans) == (
        Segment("Dr X "),
        Segment("cured my HIV", "claim", "HIV"),
        Segment(", email "),
        Segment("dr[.]x[@]mail[.]example", "contact", "email"),
        Segment(" now"),
    )


def test_bad_offsets_are_clamped_and_overlaps_merged() -> None:
    text = "abcdefghij"
    spans = (Span(2, 6, "claim", "a"), Span(4, 8, "contact", "b"), Span(50, 60, "claim", "c"),
             Span(7, 3, "claim", "d"))
    out = segments(text, spans)
    assert "".join(s.text for s in out) == text
    assert [s.kind for s in out] == ["", "claim", "contact", ""]


def test_long_text_is_cut() -> None:
    out = segments("x" * 5000, (Span(4990, 4995, "claim", "a"),), limit=100)
    assert out[0].text == "x" * 100
    assert "4900 more characters" in out[-1].text
    assert all(s.kind == "" for s in out)

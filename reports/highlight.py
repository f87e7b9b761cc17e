"""Split a comment's text into plain and highlighted segments from its stored spans.

Offsets come from the database and may be stale or wrong (text edited, a buggy
extractor): spans are clamped to the text, overlapping ones are merged into the first, and
the text is cut at :data:`reports.defang.MAX_DISPLAY_CHARS`. Segments are returned as
plain strings; escaping is the template's job, defanging is done here per segment so a
URL split across no boundary stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports.defang import MAX_DISPLAY_CHARS, defang
from reports.model import Span

__all__ = ["Segment", "segments"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of comment text; ``kind`` is empty for plain text, else ``contact``/``claim``."""

    text: str
    kind: str = ""
    label: str = ""


def segments(text: str, spans: tuple[Span, ...] | list[Span],
             limit: int = MAX_DISPLAY_CHARS) -> tuple[Segment, ...]:
    """Return the defanged text of a comment as segments, evidence spans marked.

    Args:
        text: the stored plain text the offsets index.
        spans: evidence spans, any order.
        limit: characters shown at most; a cut is marked with ``[…]``.
    """
    shown = text[:limit]
    out: list[Segment] = []
    pos = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = max(span.start, pos), min(span.end, len(shown))
        if end <= start:
            continue
        if start > pos:
            out.append(Segment(defang(shown[pos:start])))
        out.append(Segment(defang(shown[start:end]), span.kind, span.label))
        pos = end
    if pos < len(shown):
        out.append(Segment(defang(shown[pos:])))
    if len(text) > limit:
        out.append(Segment(f" […] ({len(text) - limit} more characters)"))
    return tuple(out)

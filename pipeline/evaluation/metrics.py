"""The rates every evaluation reports, in one place.

What a rate is worth when nothing was counted differs by question (no contact to find is
perfect recall; no scam predicted is zero precision for a classifier), so callers say it.
"""

from __future__ import annotations

__all__ = ["f1", "ratio"]


def ratio(part: int, whole: int, *, empty: float) -> float:
    """Return ``part / whole``, or ``empty`` when ``whole`` is zero."""
    return part / whole if whole else empty


def f1(precision: float, recall: float) -> float:
    """Return the harmonic mean of precision and recall (0.0 when both are zero)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

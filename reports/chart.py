"""Trend chart geometry: flagged comments per day as stacked bars, for inline SVG.

Only numbers and our own date labels reach the SVG (no comment-derived text), and the
template writes it inline, so the chart needs neither JavaScript nor a remote load.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports.model import FLAGGED_VERDICTS, DayCount

__all__ = ["Bar", "Chart", "trend_chart"]

WIDTH = 900
HEIGHT = 220
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 8, 12, 34


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    verdict: str
    title: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]
    """``(y, label)`` of horizontal grid lines."""
    labels: tuple[tuple[float, str], ...]
    """``(x, label)`` of day labels under the bars."""
    baseline: float
    left: float
    right: float
    maximum: int


def _nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 4:
            return step * 4
    return ((value // 10000) + 1) * 10000


def trend_chart(days: tuple[DayCount, ...]) -> Chart:
    """Lay out one stacked bar per day (scam at the bottom), with four grid lines."""
    top = _nice_max(max((d.total for d in days), default=0) or 1)
    plot_w = WIDTH - _LEFT - _RIGHT
    plot_h = HEIGHT - _TOP - _BOTTOM
    slot = plot_w / max(len(days), 1)
    gap = min(slot * 0.2, 4)
    bars = []
    labels = []
    every = max(1, round(len(days) / 12))
    for i, day in enumerate(days):
        x = _LEFT + i * slot + gap / 2
        y = HEIGHT - _BOTTOM
        for verdict in FLAGGED_VERDICTS:
            count = day.counts.get(verdict, 0)
            if not count:
                continue
            h = plot_h * count / top
            y -= h
            bars.append(Bar(round(x, 1), round(y, 1), round(slot - gap, 1), round(h, 1),
                            verdict, f"{day.day.isoformat()}: {count} {verdict}"))
        if i % every == 0:
            labels.append((round(x + (slot - gap) / 2, 1), day.day.strftime("%d %b")))
    ticks = tuple((round(HEIGHT - _BOTTOM - plot_h * k / 4, 1), str(top * k // 4))
                  for k in range(5))
    return Chart(width=WIDTH, height=HEIGHT, bars=tuple(bars), ticks=ticks,
                 labels=tuple(labels), baseline=HEIGHT - _BOTTOM, left=_LEFT,
                 right=WIDTH - _RIGHT, maximum=top)

"""Reports for trust-and-safety teams: what scam comments are live, where, since when.

``generate_report`` queries the database (read only, through ``pipeline.store``), renders
HTML/Markdown, exports CSV/JSON and per-site takedown lists, and records the report.
"""

from __future__ import annotations

from reports.generate import FORMATS, generate_report
from reports.model import ReportData, ReportResult, ReportSummary
from reports.periods import PERIODS, period_bounds

__all__ = [
    "FORMATS",
    "PERIODS",
    "ReportData",
    "ReportResult",
    "ReportSummary",
    "generate_report",
    "period_bounds",
]

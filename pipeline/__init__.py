"""Pure analysis stages of commentwatch: text in, findings out.

No Scrapy here, and no database outside ``pipeline.store`` (the only subpackage that imports
SQLAlchemy). ``pipeline.analyze`` is imported lazily so that ``pipeline.store`` users (the
reports) do not load the extractors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.findings import Analysis, Claim, Contact, Explanation, Reason

if TYPE_CHECKING:
    from pipeline.analysis import analyze

__all__ = ["Analysis", "Claim", "Contact", "Explanation", "Reason", "analyze"]


def __getattr__(name: str) -> Any:
    if name == "analyze":
        from pipeline.analysis import analyze

        return analyze
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")

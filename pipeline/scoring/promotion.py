"""Compile the promotion lexicon (non-health spam families) once, at import."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Final

from pipeline.claims.lexicon import TermSet

__all__ = ["PROMOTION_FILE", "PROMOTION_TERMS", "PROMOTION_VERSION", "SEO_PRAISE"]

PROMOTION_FILE: Final = Path(__file__).with_name("data") / "promotion.toml"

with PROMOTION_FILE.open("rb") as _handle:
    _DATA: Final = tomllib.load(_handle)

PROMOTION_VERSION: Final = str(_DATA["version"])

#: Rule name -> compiled terms, for every table entry that is a rule of its own.
PROMOTION_TERMS: Final[dict[str, TermSet]] = {
    name: TermSet(f"promotion.{name}", {name: terms})
    for name, terms in _DATA["promotion"].items()
    if name != "SEO_PRAISE"
}
#: Generic praise that only counts when the comment carries a link (SEO_LINK).
SEO_PRAISE: Final = TermSet(
    "promotion.SEO_PRAISE", {"SEO_PRAISE": _DATA["promotion"]["SEO_PRAISE"]}
)

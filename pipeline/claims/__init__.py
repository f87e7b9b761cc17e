"""Cure-claim detection: lexicons as data files, one detector over them.

Usage::

    from pipeline.claims import detect_claims
    claims = detect_claims("Dr X's herbal medicine cured my herpes, email him")
"""

from __future__ import annotations

from pipeline.claims.detector import CLAIM_KINDS, detect_claims
from pipeline.claims.signals import LEXICON_VERSION, MAX_CLAIM_CHARS

__all__ = ["CLAIM_KINDS", "LEXICON_VERSION", "MAX_CLAIM_CHARS", "detect_claims"]

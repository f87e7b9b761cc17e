"""Named weighted rules: contacts and claims in, score, verdict and reasons out.

Usage::

    from pipeline.scoring import RULESET_VERSION, score_comment
    scoring = score_comment(text, contacts, claims)
    scoring.verdict, [r.rule for r in scoring.reasons]

``RULESET_VERSION`` is stored with every verdict. It changes whenever a rule, a weight, a
threshold or a lexicon file changes, so a stored verdict always names the rules behind it.
"""

from __future__ import annotations

import hashlib

from pipeline.claims.lexicon import DATA_DIR
from pipeline.scoring.promotion import PROMOTION_FILE
from pipeline.scoring.rules import RULES, RULES_BY_NAME, Rule
from pipeline.scoring.scorer import (
    SCAM_THRESHOLD,
    SPAM_THRESHOLD,
    SUSPICIOUS_THRESHOLD,
    Scoring,
    score_comment,
)

__all__ = ["RULES", "RULESET_VERSION", "RULES_BY_NAME", "Rule", "Scoring", "score_comment"]

#: Bumped by hand for changes to the scoring code itself.
_RULES_REVISION = "12"


def _ruleset_version() -> str:
    digest = hashlib.sha256()
    for path in [*sorted(DATA_DIR.glob("*.toml")), PROMOTION_FILE]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for rule in RULES:
        digest.update(f"{rule.name}={rule.weight};".encode())
    digest.update(f"{SCAM_THRESHOLD},{SPAM_THRESHOLD},{SUSPICIOUS_THRESHOLD}".encode())
    return f"r{_RULES_REVISION}-{digest.hexdigest()[:12]}"


RULESET_VERSION = _ruleset_version()

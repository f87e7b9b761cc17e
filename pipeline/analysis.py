"""The one entry point of the pure stages: comment text in, :class:`Analysis` out.

Spiders, ``commentwatch analyze`` and ``commentwatch rescan`` all call :func:`analyze`, so a
comment gets the same verdict whichever way it arrives.
"""

from __future__ import annotations

from collections.abc import Collection

from pipeline.claims import detect_claims
from pipeline.contacts import extract_contacts
from pipeline.findings import Analysis
from pipeline.scoring import RULESET_VERSION, score_comment
from pipeline.text import html_to_text

__all__ = ["analyze"]


def analyze(
    text: str,
    *,
    html: bool = False,
    region: str | None = None,
    allow_list: Collection[str] = (),
) -> Analysis:
    """Analyse one comment.

    Args:
        text: the comment as plain text, or as HTML when ``html`` is true.
        html: turn ``text`` into plain text first; offsets then index that plain text.
        region: default phone region (ISO 3166 alpha-2) for numbers written without ``+CC``.
        allow_list: normalised contact values never reported (the site's own helpline).

    Returns:
        The contacts, claims, score, verdict and reasons, with offsets into the plain text.
    """
    if not isinstance(text, str):
        raise TypeError(f"analyze expects str, not {type(text).__name__}")
    plain = html_to_text(text) if html else text
    contacts = tuple(extract_contacts(plain, region=region, allow_list=allow_list))
    claims = tuple(detect_claims(plain))
    scored = score_comment(plain, contacts, claims)
    return Analysis(
        text=plain,
        contacts=contacts,
        claims=claims,
        score=scored.score,
        verdict=scored.verdict,
        reasons=tuple(scored.reasons),
        ruleset_version=RULESET_VERSION,
    )

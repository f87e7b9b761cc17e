"""Decode a fetched page to text, surviving the encoding traps of real sites.

Seen in the wild: a UTF-8 page whose ``<meta charset>`` comes after 4 KB of head (libxml2
and w3lib only look at the start, guess Latin-1 and produce mojibake); a UTF-8 page with a
few stray Latin-1 bytes (strict decoding fails on the whole page); pages that declare
ISO-8859-1 but are UTF-8; real cp1252 pages without any declaration; byte-order marks.
The rule: BOM first; then bytes that are valid UTF-8 are UTF-8 unless a multi-byte
non-Unicode charset is declared; then the declared charset (HTTP header, then meta); then
mostly-UTF-8 bytes as UTF-8 with replacement characters; else cp1252.
"""

from __future__ import annotations

import codecs
import logging
import re

__all__ = ["decode_html"]

logger = logging.getLogger(__name__)

_META_SCAN_BYTES = 64 * 1024
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,300}?charset\s{0,5}=\s{0,5}["']?\s{0,5}([a-zA-Z0-9_:.+-]{1,40})""", re.IGNORECASE
)
_ASCII = bytes(range(128))
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Charsets a valid-UTF-8 body may be mislabelled with (single-byte Western ones).
_LATIN = frozenset({"latin-1", "iso8859-1", "iso8859-15", "cp1252", "ascii", "iso8859-2",
                    "cp1250"})


def _lookup(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'"))
    except LookupError:
        return None
    found = codec.name
    # What browsers do: "ISO-8859-1" and "ASCII" pages are decoded as windows-1252.
    return "cp1252" if found in ("latin-1", "iso8859-1", "ascii") else found


def _invalid_share(body: bytes) -> float:
    """Return invalid UTF-8 sequences per non-ASCII byte (0.0 for pure UTF-8)."""
    non_ascii = len(body) - len(body.translate(None, _ASCII))
    if not non_ascii:
        return 0.0
    replaced = body.decode("utf-8", errors="replace").count("\ufffd")
    replaced -= body.count(b"\xef\xbf\xbd")  # real U+FFFD in the page
    return max(replaced, 0) / non_ascii


def decode_html(body: bytes, declared_encoding: str | None = None) -> str:
    """Return the page's text.

    Args:
        body: the raw response body.
        declared_encoding: the charset of the HTTP ``Content-Type`` header, if any.

    Returns:
        The decoded text; undecodable bytes become U+FFFD, never an exception.
    """
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(name, errors="replace")
    declared = _lookup(declared_encoding)
    if declared is None:
        match = _META_CHARSET.search(body[:_META_SCAN_BYTES])
        declared = _lookup(match.group(1).decode("ascii")) if match else None
    if declared is None or declared in _LATIN or declared == "utf-8":
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if declared is not None and declared != "utf-8":
        return body.decode(declared, errors="replace")
    share = _invalid_share(body)
    if declared == "utf-8" or share < 0.1:
        logger.debug("page decoded as UTF-8 with replacements (%.3f invalid)", share)
        return body.decode("utf-8", errors="replace")
    return body.decode("cp1252", errors="replace")

"""Parse the dates comment sections show: ISO attributes, Unix stamps, and written dates.

Comment meta lines say "8. Dezember 2010 um 10:56", "August 2, 2019 at 1:40 pm",
"12 mars 2020 à 14h05" or "02.08.2019". A date we cannot read is None, never a guess;
relative dates ("3 days ago") are None too because they depend on when the page was saved.
Dates without a zone are taken as UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

__all__ = ["parse_date"]

_MAX_CHARS = 200

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar jänner janvier janv enero ene gennaio gen januari",
        "february feb februar feber février fevrier févr fevr febrero febbraio februari",
        "march mar märz maerz mär mars marzo maart",
        "april apr avril avr abril abr aprile",
        "may mai mayo maggio mei",
        "june jun juni juin junio giugno",
        "july jul juli juillet juil julio luglio",
        "august aug août aout agosto ago augustus",
        "september sep sept septembre septiembre set settembre",
        "october oct oktober okt octobre octubre ottobre ott",
        "november nov novembre noviembre",
        "december dec dezember dez décembre decembre déc diciembre dic dicembre",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?"
                  r"(?:Z|[+-]\d{2}:?\d{2})?")
_STAMP = re.compile(r"\d{9,13}")
_YMD = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")
_DMY = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b")
_D_MONTH_Y = re.compile(r"\b(\d{1,2})(?:\.|er|st|nd|rd|th)?\s{0,3}(?:de\s)?([^\W\d_]{3,10})\.?"
                        r"\s{0,3}(?:de\s)?,?\s{0,3}(\d{4})\b")
_MONTH_D_Y = re.compile(r"\b([^\W\d_]{3,10})\.?\s{1,3}(\d{1,2})(?:st|nd|rd|th)?,?\s{1,3}(\d{4})\b")
_TIME = re.compile(r"\b(\d{1,2})\s?[:h]\s?(\d{2})(?::(\d{2}))?\s{0,2}([ap])?\.?\s?(m\b)?", re.IGNORECASE)


def parse_date(value: str | None) -> datetime | None:
    """Return the timezone-aware datetime written in ``value``, or None.

    Args:
        value: an attribute value (ISO 8601, Unix seconds or milliseconds, RFC 2822) or a
            written date in English, German, French, Spanish, Italian or Dutch.

    Returns:
        An aware datetime (UTC when the text gives no zone), or None when unreadable.
    """
    if not value:
        return None
    text = " ".join(value.split())[:_MAX_CHARS]
    if not text:
        return None
    return _parse_machine(text) or _parse_written(text)


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def _parse_machine(text: str) -> datetime | None:
    if _STAMP.fullmatch(text):
        seconds = int(text) / (1000 if len(text) > 11 else 1)
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    match = _ISO.match(text)
    if match and (match.end() == len(text) or "T" in match.group()):
        try:
            return _aware(datetime.fromisoformat(match.group()))
        except ValueError:
            pass
    if "," in text[:5] or text[:3].isalpha():
        try:
            return _aware(parsedate_to_datetime(text))
        except (TypeError, ValueError, IndexError):
            pass
    return None


def _parse_written(text: str) -> datetime | None:
    lowered = text.lower()
    found = _find_date(lowered)
    if found is None:
        return None
    (year, month, day), end = found
    if year < 100:
        year += 2000
    hour = minute = second = 0
    time = _TIME.search(lowered, end) or _TIME.search(lowered)
    if time:
        hour, minute = int(time.group(1)), int(time.group(2))
        second = int(time.group(3) or 0)
        meridiem = time.group(4)
        if meridiem and time.group(5) and 1 <= hour <= 12:
            hour = hour % 12 + (12 if meridiem.lower() == "p" else 0)
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        try:
            return datetime(year, month, day, tzinfo=UTC)
        except ValueError:
            return None


def _find_date(text: str) -> tuple[tuple[int, int, int], int] | None:
    match = _YMD.search(text)
    if match:
        return (int(match.group(1)), int(match.group(2)), int(match.group(3))), match.end()
    for match in _D_MONTH_Y.finditer(text):
        month = _MONTHS.get(match.group(2))
        if month:
            return (int(match.group(3)), month, int(match.group(1))), match.end()
    for match in _MONTH_D_Y.finditer(text):
        month = _MONTHS.get(match.group(1))
        if month:
            return (int(match.group(3)), month, int(match.group(2))), match.end()
    match = _DMY.search(text)
    if match:
        first, second = int(match.group(1)), int(match.group(2))
        day, month = (second, first) if second > 12 >= first else (first, second)
        return (int(match.group(3)), month, day), match.end()
    return None

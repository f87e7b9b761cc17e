"""Phone numbers, validated by phonenumbers, with the messenger they are offered on.

Cost grows with the digit-bearing part of the text: one flat pattern finds candidate digit
runs (digits, common separators, and ``O``/``l`` standing for ``0``/``1`` between digits),
and only those short runs are handed to phonenumbers, parsed for the regions the comment
implies (:mod:`pipeline.contacts.regions`) before the site default. phonenumbers decides
validity; this module only decides how much evidence a national number needs:

- written with ``+CC`` or ``00CC``: valid is enough (possible, for NANP-grouped numbers);
- valid in a region the text implies, or next to a phone word (call, WhatsApp...): enough;
- otherwise its digit groups must match the region's own format (``773 387 9654``), so
  citations (``2009 18: 1386-1389``), dates, prices and order numbers are not phones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat

from pipeline.contacts.base import ExtractionContext, Extractor, Pattern
from pipeline.contacts.context import CHANNEL_NAMES, read_channels, read_context
from pipeline.contacts.normalise import TextView
from pipeline.contacts.regions import country_code_region
from pipeline.findings import Contact

__all__ = ["PhoneExtractor", "parse_international"]

# phonenumbers compiles its metadata patterns through ``re``'s bounded cache (512 entries).
# In a process that also runs Scrapy, lxml or other heavy regex users that cache churns and
# every parse recompiles; keep phonenumbers' few hundred patterns for the process lifetime
# (the function exists in recent phonenumbers releases only).
_enable_pattern_cache = getattr(phonenumbers, "enable_pattern_cache", None)
if _enable_pattern_cache is not None:
    _enable_pattern_cache()

# Starts with a digit so the engine can skip ahead fast; a "+", "(" or "(+" lead is read
# backwards from the first digit (see ``_lead``).
_CANDIDATE = Pattern(
    "digit_run",
    r"\d(?:[\d \t().\-/]|[OoIl](?=\d)){5,32}",
    1.0,
    flags=0,
)
_CANDIDATE_RE = _CANDIDATE.compiled
# The same pattern for ASCII text whose digits are all written as "0" (``_ZEROS``): the
# regex engine finds a literal first character with a tight loop, but tests a class such
# as ``\d`` by a slow call at every character, which dominated long comments.
_CANDIDATE_ZEROS_RE = re.compile(r"0(?:[0 \t().\-/]|[OoIl](?=0)){5,32}")
_ZEROS = str.maketrans("123456789", "000000000")
_NON_DIGIT = re.compile(r"\D")
_GROUPS = re.compile(r"\d+")
_LETTER_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})
_DATE = re.compile(r"\d{1,4}([./-])\d{1,2}\1\d{1,4}")
_RANGE = re.compile(r"(\d{2,5})[ \t]?[-/][ \t]?(\d{2,5})")
#: A NANP number grouped 3-3-4. No area code starts with 0 or 1, so "010 492 7370" (a
#: Johannesburg number) is no unassigned US one; "555-123-4567" still reads as a phone.
_NANP_GROUPED = re.compile(
    r"(?:\+?1[ \t.-]?)?(?:\([2-9]\d{2}\)[ \t]?|[2-9]\d{2}[ \t.-])\d{3}[ \t.-]\d{4}"
)
_BAD_BEFORE = frozenset("@/._#=&?$€£%")
_SPLIT = re.compile(r"[ \t]*/[ \t]*|[ \t]{2,}")


@dataclass(frozen=True, slots=True)
class _Parsed:
    number: PhoneNumber
    start: int
    end: int
    pattern: str
    score: float
    why: str


def parse_international(digits: str) -> PhoneNumber | None:
    """Parse digits that start with a country code (``wa.me/2348...``); None unless valid."""
    digits = _NON_DIGIT.sub("", digits)
    if not 8 <= len(digits) <= 15:
        return None
    try:
        number = phonenumbers.parse("+" + digits, None)
    except NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


class PhoneExtractor(Extractor):
    """Phone numbers in E.164, with ``channels`` naming the messenger when the text does."""

    NAME = "phone"
    KINDS = ("phone",)
    PATTERNS = (_CANDIDATE,)
    CONTEXT = tuple(CHANNEL_NAMES)

    #: Characters before a number searched for phone words and messenger names.
    BEFORE = 60
    AFTER = 30

    def extract(self, view: TextView, context: ExtractionContext) -> Iterator[Contact]:
        text = view.text
        spans: list[_Parsed] = []
        for run in _candidate_runs(text):
            spans.extend(self._candidate(text, run, context))
        previous_end = 0
        for index, found in enumerate(spans):
            next_start = spans[index + 1].start if index + 1 < len(spans) else len(text)
            lo = max(previous_end, found.start - self.BEFORE)
            hi = min(next_start, found.end + self.AFTER)
            newline = text.find("\n", found.end, hi)
            hi = newline if newline != -1 else hi
            previous_end = found.end
            channels = read_channels(text[lo : found.start], text[found.end : hi])
            raw = text[found.start : found.end]
            letters = any(c in "OoIl" for c in raw)
            single_digits = len(_GROUPS.findall(raw)) >= 8
            yield self.contact(
                view, "phone",
                phonenumbers.format_number(found.number, PhoneNumberFormat.E164),
                found.start, found.end,
                pattern=found.pattern, score=found.score,
                obfuscated=letters or single_digits,
                channels=channels,
                context_word=channels[0] if channels else None,
                why=found.why,
            )

    def _candidate(
        self, text: str, run: tuple[int, int], context: ExtractionContext
    ) -> list[_Parsed]:
        start, end = run
        if end - start < 7:
            return []  # fewer than seven characters cannot hold seven digits
        lead = _lead(text, start)
        start -= len(lead)
        if start > 0:
            before = text[start - 1]
            if lead.startswith("+"):
                if before.isdigit() or before == "+":
                    return []
            elif before.isalnum() or before in _BAD_BEFORE:
                return []
            elif before == "-" and start > 1 and text[start - 2].isalnum() and \
                    not text[start - 2].isalpha():
                return []  # "12-3456789": part of a longer code
        raw = text[start:end]
        trimmed = raw.rstrip(" \t.-/(")
        if trimmed.count(")") > trimmed.count("("):
            trimmed = trimmed.rstrip(")").rstrip(" \t.-/")
        if lead.startswith("(") and trimmed.count("(") > trimmed.count(")"):
            start += 1
            trimmed = trimmed[1:]
        end = start + len(trimmed)
        if end < len(text) and (text[end].islower() or text[end] in "@_"):
            # Glued to lower-case letters: a serial, a model number, a hash.
            return []
        digits_text = trimmed.translate(_LETTER_DIGITS)
        digits = _NON_DIGIT.sub("", digits_text)
        if len(digits) < 7:
            return []
        parsed = self._parse(text, start, end, digits_text, digits, context)
        if parsed is not None:
            return [parsed]
        # Several numbers in one run ("0803 ... / 0805 ..."): try the parts, when at least
        # two of them are long enough to be numbers ("12/4/2019 500" is not such a run).
        parts = [p for p in _SPLIT.split(trimmed) if len(_NON_DIGIT.sub("", p)) >= 7]
        if len(parts) < 2:
            return []
        found: list[_Parsed] = []
        offset = start
        for part in parts:
            part_start = text.find(part, offset, end + 1)
            if part_start < 0:
                continue
            offset = part_start + len(part)
            part_text = part.translate(_LETTER_DIGITS)
            sub = self._parse(text, part_start, offset, part_text,
                              _NON_DIGIT.sub("", part_text), context)
            if sub is not None:
                found.append(sub)
        return found

    def _parse(
        self, text: str, start: int, end: int, candidate: str, digits: str,
        context: ExtractionContext,
    ) -> _Parsed | None:
        if len(digits) > 17:
            return None
        stripped = candidate.lstrip("( \t")
        if stripped.startswith("00") and not stripped.startswith("000"):
            candidate = "+" + stripped[2:]
            stripped = candidate
        if stripped.startswith("+"):
            return self._international(start, end, candidate)
        if _DATE.fullmatch(candidate.strip()):
            return None
        near = read_context(text[max(0, start - self.BEFORE) : start],
                            text[end : min(len(text), end + self.AFTER)])
        word = near.word
        if near.negative and near.strength in (None, "weak"):
            return None
        if word is None and ("/" in candidate or _is_range(candidate)):
            # A slash joins dates, fractions and ranges; two numbers joined by one are
            # tried one by one by the caller.
            return None
        regions, implied_here = context.regions_near(start)
        for region in regions:
            try:
                number = phonenumbers.parse(candidate, region)
            except NumberParseException:
                continue
            if not phonenumbers.is_valid_number(number):
                if region in ("US", "CA") and _NANP_GROUPED.fullmatch(candidate.strip()) and \
                        phonenumbers.is_possible_number(number):
                    return _Parsed(number, start, end, "nanp_grouped", 0.6,
                                   "NANP-formatted number (possible, not assigned)")
                continue
            implied = region in implied_here
            if word is not None:
                return _Parsed(number, start, end, "national", 0.9,
                               f"valid {region} number next to {word!r}")
            if implied or _grouped_like(number, candidate):
                return _Parsed(number, start, end, "national", 0.8,
                               f"valid {region} number written in its national format")
        if word is not None and len(digits) >= 10 and not digits.startswith("0"):
            number = parse_international(digits)
            if number is not None:
                return _Parsed(number, start, end, "international_no_plus", 0.8,
                               "valid international number written without '+'")
        return None

    def _international(self, start: int, end: int, candidate: str) -> _Parsed | None:
        try:
            number = phonenumbers.parse(candidate, None)
        except NumberParseException:
            return None
        if phonenumbers.is_valid_number(number):
            return _Parsed(number, start, end, "international", 1.0,
                           f"valid number with country code +{number.country_code}")
        body = candidate.lstrip("+ \t(")
        if country_code_region(body) in ("US", "CA") and phonenumbers.is_possible_number(number) \
                and _NANP_GROUPED.fullmatch(candidate.replace("(+", "+").strip()):
            return _Parsed(number, start, end, "nanp_grouped", 0.6,
                           "NANP-formatted number with +1 (possible, not assigned)")
        return None


def _candidate_runs(text: str) -> list[tuple[int, int]]:
    """Return the spans the candidate pattern matches in ``text``, in text order.

    ASCII text (the common case) is searched with its digits written as "0": one
    ``memchr`` per digit finds most comments without any, and the literal first character
    lets the engine skip ahead fast. Other text is searched as it is.
    """
    if not text.isascii():
        return [match.span() for match in _CANDIDATE_RE.finditer(text)]
    if not ("0" in text or "1" in text or "2" in text or "3" in text or "4" in text
            or "5" in text or "6" in text or "7" in text or "8" in text or "9" in text):
        return []  # written out: a generator over the ten digits costs more than the tests
    return [match.span() for match in _CANDIDATE_ZEROS_RE.finditer(text.translate(_ZEROS))]


def _lead(text: str, digit: int) -> str:
    """Return the ``+``/``(``/``(+``/``+ (`` written just before the first digit."""
    pos = digit
    if pos > 0 and text[pos - 1] == "(":
        pos -= 1
    blanks = 0
    while pos > 0 and text[pos - 1] in " \t" and blanks < 2:
        pos -= 1
        blanks += 1
    if pos > 0 and text[pos - 1] == "+":
        pos -= 1
        if pos > 0 and text[pos - 1] == "(":
            pos -= 1
        return text[pos:digit]
    return "(" if digit > 0 and text[digit - 1] == "(" else ""


def _is_range(candidate: str) -> bool:
    """Return True for page ranges and year spans (``1386-1389``, ``2009-2011``)."""
    match = _RANGE.fullmatch(candidate.strip())
    if match is None:
        return False
    first, second = match.groups()
    return len(first) == len(second) and int(second) >= int(first)


def _grouped_like(number: PhoneNumber, candidate: str) -> bool:
    """Return True when the digit groups as written match the number's own formatting."""
    groups = _GROUPS.findall(candidate)
    if len(groups) < 2:
        return False
    national = _GROUPS.findall(phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL))
    international = _GROUPS.findall(
        phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    )
    if groups in (national, international):
        return True
    # A trunk prefix written as its own group ("1-619-284-1153", "0 803 ...").
    return groups[0] in ("0", "1") and groups[1:] in (national, international[1:])

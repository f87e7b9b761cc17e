"""Score contact extraction against a labelled file: precision, recall, F1 per kind.

Ground truth lists contacts *as written* (``drbenharbalhome @ gmail . com``,
``+1 (740) 573-9483``, ``hackburgblog . noblogs . org``), so both sides are reduced to one
comparable key before counting:

- ``email``: NFKC, lower case, spaces and invisible characters dropped, ``(at)``/`` at ``
  → ``@``, ``[.]``/`` dot `` → ``.``, a provider glued to its suffix repaired
  (``gmailcom`` → ``gmail.com``). A ``mailto:`` target listed among the URLs counts as an
  e-mail: it is one, and the extractor reports it as one.
- ``phone``: E.164. A ground-truth number written without ``+CC`` is parsed with the same
  region order the extractor uses (regions the record's text implies, then the default);
  one that still does not parse is matched by its digits against the end of a found
  number's digits.
- ``url``: host (lower case, ``www.`` dropped, disguised dots read as dots) plus path
  (trailing ``/`` dropped); scheme, query and fragment ignored.
- ``handle``: ``platform:value``; messenger numbers are the phone's E.164 with each channel
  found (``whatsapp:+2348...``); profile links are reduced to the name.

Records that look like HTML are analysed as the plain text :func:`pipeline.text.html_to_text`
makes of them, as the crawler does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from pipeline.contacts import extract_contacts
from pipeline.contacts.emails import repair_provider
from pipeline.contacts.regions import implied_regions, region_order
from pipeline.evaluation.labelled import LabelledComment
from pipeline.evaluation.metrics import f1, ratio
from pipeline.findings import Contact
from pipeline.text import html_to_text, looks_like_html

__all__ = [
    "EVALUATED_KINDS",
    "ContactEvaluation",
    "Finding",
    "KindScore",
    "evaluate_contacts",
    "record_text",
]

EVALUATED_KINDS = ("email", "phone", "url", "handle")
_MESSENGERS = frozenset({"whatsapp", "viber", "telegram", "signal", "imo", "wechat"})
_PROFILE_PREFIX = re.compile(
    r"^(?:https?://)?(?:www\.|m\.|web\.)?(?:facebook\.com|fb\.com|instagram\.com|t\.me|"
    r"telegram\.me|snapchat\.com/add|twitter\.com|x\.com)/",
    re.IGNORECASE,
)
_AT_WORDS = re.compile(r"\s*(?:\(at\)|\[at\]|\{at\}|<at>|\sat\s)\s*", re.IGNORECASE)
_DOT_WORDS = re.compile(r"\s*(?:\(dot\)|\[dot\]|\[\.\]|\(\.\)|\sdot\s)\s*", re.IGNORECASE)
_SPACES = re.compile(r"\s+")

#: An extraction function: text in, contacts out (ours, or a baseline such as Presidio).
Extract = Callable[[str], Sequence[Contact]]


@dataclass(frozen=True, slots=True)
class Finding:
    """One miss or false find, for a reviewer to look at."""

    record_id: str
    value: str
    """The comparison key (normalised as described in the module docstring)."""


@dataclass(frozen=True, slots=True)
class KindScore:
    """Counts and rates for one contact kind."""

    kind: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: tuple[Finding, ...] = ()
    false_finds: tuple[Finding, ...] = ()

    @property
    def precision(self) -> float:
        """Share of found contacts that are in the ground truth (1.0 when none found)."""
        return ratio(self.tp, self.tp + self.fp, empty=1.0)

    @property
    def recall(self) -> float:
        """Share of ground-truth contacts found (1.0 when there are none)."""
        return ratio(self.tp, self.tp + self.fn, empty=1.0)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return f1(self.precision, self.recall)

    def to_json(self) -> dict[str, Any]:
        """Return counts, rates and the listed misses and false finds."""
        return {
            "kind": self.kind, "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "misses": [{"id": f.record_id, "value": f.value} for f in self.misses],
            "false_finds": [{"id": f.record_id, "value": f.value} for f in self.false_finds],
        }


@dataclass(frozen=True, slots=True)
class ContactEvaluation:
    """Scores per kind over a labelled file."""

    records: int
    kinds: tuple[KindScore, ...] = field(default=())

    def kind(self, name: str) -> KindScore:
        """Return the score of one kind (``email``, ``phone``, ``url``, ``handle``)."""
        for score in self.kinds:
            if score.kind == name:
                return score
        raise KeyError(name)

    def to_json(self) -> dict[str, Any]:
        """Return the evaluation as plain JSON-ready data."""
        return {"records": self.records, "kinds": {k.kind: k.to_json() for k in self.kinds}}

    def render_text(self, *, examples: int = 20) -> str:
        """Return a plain-text table plus up to ``examples`` misses/false finds per kind."""
        lines = [f"contacts over {self.records} records",
                 f"{'kind':<8} {'tp':>5} {'fp':>5} {'fn':>5} {'prec':>7} {'recall':>7} {'f1':>7}"]
        for k in self.kinds:
            lines.append(f"{k.kind:<8} {k.tp:>5} {k.fp:>5} {k.fn:>5} {k.precision:>7.3f} "
                         f"{k.recall:>7.3f} {k.f1:>7.3f}")
        for k in self.kinds:
            for title, items in (("misses", k.misses), ("false finds", k.false_finds)):
                if items:
                    lines.append(f"{k.kind} {title}:")
                    lines.extend(f"  {f.record_id}: {f.value!r}" for f in items[:examples])
                    if len(items) > examples:
                        lines.append(f"  ... {len(items) - examples} more")
        return "\n".join(lines)


def record_text(record: LabelledComment) -> str:
    """Return the text the pipeline analyses for a record (HTML turned into text)."""
    return html_to_text(record.text) if looks_like_html(record.text) else record.text


def evaluate_contacts(
    records: Iterable[LabelledComment],
    *,
    extract: Extract | None = None,
    region: str | None = None,
) -> ContactEvaluation:
    """Score contact extraction on labelled records.

    Args:
        records: labelled comments (:func:`pipeline.evaluation.labelled.read_labelled`).
        extract: the extraction to score; defaults to :func:`extract_contacts` with ``region``.
        region: default phone region for the default extraction and for reading
            ground-truth numbers written without ``+CC``.

    Returns:
        Per-kind counts, rates, misses and false finds.
    """
    if extract is None:
        def extract(text: str) -> Sequence[Contact]:
            return extract_contacts(text, region=region)

    counts = {k: [0, 0, 0, [], []] for k in EVALUATED_KINDS}
    total = 0
    for record in records:
        total += 1
        text = record_text(record)
        found = extract(text)
        regions = region_order(implied_regions(unicodedata.normalize("NFKC", text)), region)
        truth = _truth_keys(record, regions)
        predicted = _predicted_keys(found)
        for kind in EVALUATED_KINDS:
            _score(counts[kind], record.id, truth[kind], predicted[kind], kind == "phone")
    kinds = tuple(
        KindScore(kind=k, tp=c[0], fp=c[1], fn=c[2], misses=tuple(c[3]),
                  false_finds=tuple(c[4]))
        for k, c in counts.items()
    )
    return ContactEvaluation(records=total, kinds=kinds)


def _score(
    slot: list[Any], record_id: str, truth: set[str], predicted: set[str], phones: bool
) -> None:
    matched_truth: set[str] = set()
    matched_pred: set[str] = set()
    for key in truth & predicted:
        matched_truth.add(key)
        matched_pred.add(key)
    if phones:
        # Unparsed ground truth ("digits:5551234") matches a found number ending in it.
        for key in truth - matched_truth:
            if key.startswith("digits:"):
                digits = key.removeprefix("digits:")
                for pred in predicted - matched_pred:
                    if re.sub(r"\D", "", pred).endswith(digits):
                        matched_truth.add(key)
                        matched_pred.add(pred)
                        break
    slot[0] += len(matched_truth)
    slot[1] += len(predicted - matched_pred)
    slot[2] += len(truth - matched_truth)
    slot[3].extend(Finding(record_id, k) for k in sorted(truth - matched_truth))
    slot[4].extend(Finding(record_id, k) for k in sorted(predicted - matched_pred))


def _truth_keys(record: LabelledComment, regions: tuple[str, ...]) -> dict[str, set[str]]:
    emails = {email_key(e) for e in record.emails}
    urls: set[str] = set()
    for url in record.urls:
        if url.lower().startswith("mailto:"):
            emails.add(email_key(url[7:]))
        else:
            urls.add(url_key(url))
    handles: set[str] = set()
    for handle in record.handles:
        platform, _, value = handle.partition(":")
        platform = platform.strip().lower()
        if platform in _MESSENGERS and re.search(r"\d{6}", re.sub(r"\D", "", value)):
            handles.add(f"{platform}:{phone_key(value, regions)}")
        else:
            handles.add(f"{platform}:{handle_key(value)}")
    return {
        "email": emails,
        "phone": {phone_key(p, regions) for p in record.phones},
        "url": urls,
        "handle": handles,
    }


def _predicted_keys(found: Sequence[Contact]) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {k: set() for k in EVALUATED_KINDS}
    for contact in found:
        if contact.kind == "email":
            keys["email"].add(email_key(contact.value))
        elif contact.kind == "phone":
            keys["phone"].add(contact.value)
            keys["handle"].update(f"{c}:{contact.value}" for c in contact.channels
                                  if c in _MESSENGERS)
        elif contact.kind == "url":
            keys["url"].add(url_key(contact.value))
        else:
            keys["handle"].add(f"{contact.kind}:{handle_key(contact.value)}")
    return keys


def email_key(value: str) -> str:
    """Return the comparison key of an e-mail address as written."""
    value = unicodedata.normalize("NFKC", value).strip()
    value = _AT_WORDS.sub("@", value)
    value = _DOT_WORDS.sub(".", value)
    value = _SPACES.sub("", value).lower().strip(".")
    local, _, domain = value.rpartition("@")
    return f"{local}@{repair_provider(domain)}" if local else value


def phone_key(value: str, regions: Sequence[str]) -> str:
    """Return the E.164 of a phone number as written, or ``digits:<digits>``."""
    value = unicodedata.normalize("NFKC", value).strip()
    digits = re.sub(r"\D", "", value)
    international = value.startswith(("+", "(+", "00"))
    candidates = [None] if international else list(regions)
    best = None
    for region in candidates:
        try:
            number = phonenumbers.parse(value if not value.startswith("00") else "+" + value[2:],
                                        region)
        except NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, PhoneNumberFormat.E164)
        if best is None and phonenumbers.is_possible_number(number):
            best = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return best or f"digits:{digits}"


def url_key(value: str) -> str:
    """Return host+path of a URL as written (scheme, ``www.``, query, fragment dropped)."""
    value = unicodedata.normalize("NFKC", value).strip()
    value = _DOT_WORDS.sub(".", value)
    value = re.sub(r"\s*\.\s*", ".", value)
    value = re.sub(r"^h(?:tt|xx)ps?\[?:\]?//", "", value, flags=re.IGNORECASE)
    value = re.sub(r"^[a-z]+://", "", value, flags=re.IGNORECASE)
    host, _, path = value.partition("/")
    host = host.lower().removeprefix("www.").split(":")[0].rstrip(".")
    path = re.split(r"[?#]", path, maxsplit=1)[0].rstrip("/")
    return f"{host}/{path}" if path else host


def handle_key(value: str) -> str:
    """Return a handle without ``@``, profile-link prefix or trailing ``/``, lower case."""
    value = unicodedata.normalize("NFKC", value).strip()
    value = _PROFILE_PREFIX.sub("", value)
    return value.strip("/").removeprefix("@").lower()

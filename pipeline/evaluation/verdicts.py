"""Score verdicts against a labelled file: confusion matrix, precision/recall, FP rates.

This is what ``commentwatch eval`` prints. Labels are ``scam``/``spam``/``ham``; verdicts are
``scam``/``spam``/``suspicious``/``ok``. Two views are scored as binary problems:

- **scam**: label ``scam`` against verdict ``scam`` (what trust-and-safety acts on);
- **flagged**: label ``scam`` or ``spam`` against verdict ``scam`` or ``spam`` (what a
  moderation queue would hide), i.e. flagged versus ham.

``suspicious`` is a request for a human look, not a flag: it counts as "not flagged" in both
views, and a ham comment judged ``suspicious`` is not a false positive. The false-positive
rates on ham are reported both for ``scam`` alone and for ``scam`` + ``spam``.

Records that look like HTML are analysed with ``html=True``, as the crawler does.
"""

from __future__ import annotations

import csv
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pipeline.analysis import analyze
from pipeline.claims.signals import CONDITIONS
from pipeline.errors import InputError
from pipeline.evaluation.labelled import LABELS, LabelledComment
from pipeline.evaluation.metrics import f1, ratio
from pipeline.findings import VERDICTS, Analysis, Reason
from pipeline.text import looks_like_html

__all__ = [
    "BinaryScore",
    "Misclassified",
    "VerdictEvaluation",
    "evaluate_verdicts",
    "read_tubespam",
]

logger = logging.getLogger(__name__)

#: An analysis function: text and the html flag in, :class:`Analysis` out.
Analyse = Callable[..., Analysis]

_FLAGS = frozenset({"scam", "spam"})
_EXPECTED = {
    "scam": frozenset({"scam"}),
    "spam": frozenset({"spam"}),
    "ham": frozenset({"ok", "suspicious"}),
}
_PREVIEW_CHARS = 160


def _ratio(numerator: int, denominator: int) -> float:
    return ratio(numerator, denominator, empty=0.0)


@dataclass(frozen=True, slots=True)
class BinaryScore:
    """Counts and rates of one binary view (``scam``, or ``flagged`` vs ham)."""

    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        """Share of predicted positives that are positives (0.0 when none predicted)."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """Share of positives predicted positive (0.0 when there are none)."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return f1(self.precision, self.recall)

    def to_json(self) -> dict[str, Any]:
        """Return counts and rates as a JSON-ready dict."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class Misclassified:
    """One comment whose verdict disagrees with its label, with the reasons behind it."""

    record_id: str
    label: str
    verdict: str
    score: int
    reasons: tuple[Reason, ...]
    preview: str
    """The start of the comment, control characters removed (never rendered as markup)."""

    def to_json(self) -> dict[str, Any]:
        """Return the JSON shape used by ``commentwatch eval --json``."""
        return {
            "id": self.record_id,
            "label": self.label,
            "verdict": self.verdict,
            "score": self.score,
            "reasons": [r.to_json() for r in self.reasons],
            "preview": self.preview,
        }


@dataclass(frozen=True, slots=True)
class VerdictEvaluation:
    """Everything ``commentwatch eval`` reports about verdicts on one labelled file."""

    total: int
    """Records analysed (errors excluded)."""
    confusion: dict[str, dict[str, int]]
    """label -> verdict -> count, every label and verdict present (zeros included)."""
    scam: BinaryScore
    flagged: BinaryScore
    ham_scam_rate: float
    """Share of ham records judged ``scam``."""
    ham_flagged_rate: float
    """Share of ham records judged ``scam`` or ``spam``."""
    misclassified: tuple[Misclassified, ...]
    rule_hits: dict[str, dict[str, int]]
    """rule -> label -> number of records of that label the rule fired on."""
    ruleset_version: str = ""
    errors: tuple[str, ...] = field(default=())
    """Ids of records the pipeline failed on (logged; excluded from every figure)."""
    diseases: BinaryScore = field(default_factory=lambda: BinaryScore("diseases"))
    """Conditions named by the claims of ``scam`` records against their labelled
    ``diseases`` (both canonicalised through the conditions lexicon; "any disease" and
    claims without a condition are left out, and so are records with no labelled
    diseases: an unlabelled record says nothing about which conditions are right)."""

    def to_json(self) -> dict[str, Any]:
        """Return the JSON shape of ``commentwatch eval --json``."""
        return {
            "total": self.total,
            "ruleset_version": self.ruleset_version,
            "confusion": self.confusion,
            "scam": self.scam.to_json(),
            "flagged": self.flagged.to_json(),
            "ham_scam_rate": round(self.ham_scam_rate, 4),
            "ham_flagged_rate": round(self.ham_flagged_rate, 4),
            "diseases": self.diseases.to_json(),
            "rule_hits": self.rule_hits,
            "misclassified": [m.to_json() for m in self.misclassified],
            "errors": list(self.errors),
        }

    def render_text(self, *, examples: int = 50) -> str:
        """Return a plain-text report for a terminal (comment text shown escaped, cut)."""
        lines = [f"{self.total} records, ruleset {self.ruleset_version or '?'}", ""]
        lines.append("label \\ verdict " + "".join(f"{v:>11}" for v in VERDICTS))
        for label in LABELS:
            row = self.confusion.get(label, {})
            lines.append(f"{label:<15} " + "".join(f"{row.get(v, 0):>11}" for v in VERDICTS))
        lines.append("")
        views = [self.scam, self.flagged]
        if self.diseases.tp + self.diseases.fp + self.diseases.fn:
            views.append(self.diseases)
        for view in views:
            lines.append(
                f"{view.name:<8} precision {view.precision:.3f}  recall {view.recall:.3f}  "
                f"F1 {view.f1:.3f}  (tp {view.tp}, fp {view.fp}, fn {view.fn}, tn {view.tn})"
            )
        lines.append(
            f"ham judged scam: {self.ham_scam_rate:.2%}   "
            f"ham judged scam or spam: {self.ham_flagged_rate:.2%}"
        )
        if self.rule_hits:
            lines += ["", "rule hits by label:        " + "".join(f"{lb:>7}" for lb in LABELS)]
            for rule, by_label in sorted(
                self.rule_hits.items(), key=lambda kv: -sum(kv[1].values())
            ):
                lines.append(
                    f"  {rule:<24}" + "".join(f"{by_label.get(lb, 0):>7}" for lb in LABELS)
                )
        if self.misclassified:
            shown = self.misclassified[:examples]
            lines += ["", f"misclassified ({len(self.misclassified)}, first {len(shown)}):"]
            for item in shown:
                rules = ", ".join(f"{r.rule}({r.weight})" for r in item.reasons) or "no rule"
                lines.append(
                    f"  {item.record_id}: {item.label} -> {item.verdict} [{item.score}] {rules}"
                )
                lines.append(f"      {item.preview!r}")
        if self.errors:
            lines += [
                "",
                f"pipeline errors on {len(self.errors)} records: " + ", ".join(self.errors[:20]),
            ]
        return "\n".join(lines)


def evaluate_verdicts(
    records: Iterable[LabelledComment], *, analyse: Analyse | None = None
) -> VerdictEvaluation:
    """Analyse every record and compare its verdict with its label.

    Args:
        records: labelled comments (``read_labelled`` or :func:`read_tubespam`).
        analyse: the analysis function; :func:`pipeline.analysis.analyze` by default.

    Returns:
        The confusion matrix, the ``scam`` and ``flagged`` scores, the ham false-positive
        rates, the misclassified comments with their reasons and the per-rule hit counts.
    """
    analyse = analyse or analyze
    confusion: dict[str, Counter[str]] = {label: Counter() for label in LABELS}
    rule_hits: dict[str, Counter[str]] = {}
    misclassified: list[Misclassified] = []
    errors: list[str] = []
    version = ""
    diseases = Counter[str]()
    for record in records:
        try:
            result = analyse(record.text, html=looks_like_html(record.text))
        except Exception:  # one broken stage must not hide the figures of the others
            logger.exception("analysis failed on record %s", record.id)
            errors.append(record.id)
            continue
        version = version or result.ruleset_version
        confusion.setdefault(record.label, Counter())[result.verdict] += 1
        for reason in result.reasons:
            rule_hits.setdefault(reason.rule, Counter())[record.label] += 1
        if record.label == "scam":
            diseases.update(_disease_counts(record, result))
        if result.verdict not in _EXPECTED.get(record.label, frozenset()):
            misclassified.append(
                Misclassified(
                    record.id,
                    record.label,
                    result.verdict,
                    result.score,
                    tuple(result.reasons),
                    _preview(result.text),
                )
            )
    evaluation = _summarise(confusion, rule_hits, misclassified, errors, version)
    return replace(
        evaluation,
        diseases=BinaryScore("diseases", tp=diseases["tp"], fp=diseases["fp"], fn=diseases["fn"]),
    )


def _canonical_disease(name: str) -> str:
    """Map a labelled disease name onto the lexicon's canonical name ("aids" -> "hiv")."""
    for candidate in (name, name.upper()):
        hit = CONDITIONS.search(candidate)
        if hit is not None and hit.end - hit.start == len(candidate):
            return hit.canonical
    return name.strip().lower()


def _disease_counts(record: LabelledComment, result: Analysis) -> Counter[str]:
    if not record.diseases:
        return Counter()
    truth = {_canonical_disease(d) for d in record.diseases if d.strip().lower() != "any disease"}
    found = {c.disease for c in result.claims if c.disease}
    return Counter(tp=len(truth & found), fp=len(found - truth), fn=len(truth - found))


def _summarise(
    confusion: dict[str, Counter[str]],
    rule_hits: dict[str, Counter[str]],
    misclassified: Sequence[Misclassified],
    errors: Sequence[str],
    version: str,
) -> VerdictEvaluation:
    def count(labels: Iterable[str], verdicts: Iterable[str]) -> int:
        wanted = set(verdicts)
        return sum(
            n for lb in labels for v, n in confusion.get(lb, Counter()).items() if v in wanted
        )

    others = [lb for lb in confusion if lb != "scam"]
    not_scam = [v for v in VERDICTS if v != "scam"]
    not_flagged = [v for v in VERDICTS if v not in _FLAGS]
    ham_total = count(["ham"], VERDICTS)
    return VerdictEvaluation(
        total=count(confusion, VERDICTS),
        confusion={lb: {v: confusion.get(lb, Counter())[v] for v in VERDICTS} for lb in LABELS},
        scam=BinaryScore(
            "scam",
            tp=count(["scam"], ["scam"]),
            fp=count(others, ["scam"]),
            fn=count(["scam"], not_scam),
            tn=count(others, not_scam),
        ),
        flagged=BinaryScore(
            "flagged",
            tp=count(_FLAGS, _FLAGS),
            fp=count(["ham"], _FLAGS),
            fn=count(_FLAGS, not_flagged),
            tn=count(["ham"], not_flagged),
        ),
        ham_scam_rate=_ratio(count(["ham"], ["scam"]), ham_total),
        ham_flagged_rate=_ratio(count(["ham"], _FLAGS), ham_total),
        misclassified=tuple(misclassified),
        rule_hits={rule: dict(by_label) for rule, by_label in sorted(rule_hits.items())},
        ruleset_version=version,
        errors=tuple(errors),
    )


def _preview(text: str) -> str:
    cleaned = "".join(ch if ch.isprintable() else " " for ch in text)
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= _PREVIEW_CHARS else cleaned[:_PREVIEW_CHARS] + "…"


def read_tubespam(path: str | Path) -> list[LabelledComment]:
    """Read a TubeSpam CSV (``ID,author,date,text,label``; ``1`` spam, ``0`` ham).

    The U+FEFF most texts end with (an artefact of the collection) is dropped; HTML
    entities are kept, since :func:`evaluate_verdicts` turns HTML-looking text into plain
    text as the crawler would.

    Raises:
        InputError: naming the line of a row without text or with a label other than 0/1.
    """
    records: list[LabelledComment] = []
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"ID", "text", "label"} - set(reader.fieldnames or ())
        if missing:
            raise InputError(f"not a TubeSpam CSV: no {', '.join(sorted(missing))} column")
        for row in reader:
            line = reader.line_num
            text, label = row.get("text"), (row.get("label") or "").strip()
            if text is None or label not in ("0", "1"):
                raise InputError("TubeSpam row needs text and a 0/1 label", line=line)
            records.append(
                LabelledComment(
                    id=row.get("ID") or f"line-{line}",
                    text=text.replace("\ufeff", ""),
                    label="spam" if label == "1" else "ham",
                    source=str(path),
                )
            )
    return records

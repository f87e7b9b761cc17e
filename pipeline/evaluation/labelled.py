"""Read labelled comment files (the format of ``shared/corpus/dev/comments.jsonl``).

One JSON object per line: ``text`` and ``label`` (``scam``/``spam``/``ham``) required;
``id``, ``emails``, ``phones``, ``urls``, ``handles``, ``diseases``, ``campaign``, ``source``
optional, and ``author`` / ``author_url`` (the commenter's name and profile link as the page
shows them, which a crawl stores) where the labeller had them. A bad line raises
:class:`InputError` naming it, so a broken file never scores silently as an empty one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import InputError

__all__ = ["LABELS", "LabelledComment", "read_labelled"]

LABELS = ("scam", "spam", "ham")


@dataclass(frozen=True, slots=True)
class LabelledComment:
    """One hand-labelled comment with its ground truth."""

    id: str
    text: str
    label: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    """``platform:value`` strings as written (``whatsapp:+2348070980389``)."""
    diseases: tuple[str, ...] = ()
    campaign: str | None = None
    source: str | None = None
    author: str | None = None
    author_url: str | None = None
    """The posting account's profile link (``https://github.com/<name>``): linking uses it
    like a crawl's ``comments.author_url``."""


def _strings(record: dict[str, object], key: str, line: int) -> tuple[str, ...]:
    value = record.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{key!r} must be a list of strings", line=line)
    return tuple(value)


def _optional_string(record: dict[str, object], key: str, line: int) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise InputError(f"{key!r} must be a string", line=line)


def parse_labelled(raw: str, line: int) -> LabelledComment:
    """Parse one line of a labelled file."""
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON ({exc.msg})", line=line) from None
    if not isinstance(record, dict):
        raise InputError("not a JSON object", line=line)
    text = record.get("text")
    label = record.get("label")
    if not isinstance(text, str):
        raise InputError("'text' is missing or not a string", line=line)
    if label not in LABELS:
        raise InputError(f"'label' must be one of {', '.join(LABELS)}", line=line)
    return LabelledComment(
        id=str(record.get("id") or f"line-{line}"),
        text=text,
        label=str(label),
        emails=_strings(record, "emails", line),
        phones=_strings(record, "phones", line),
        urls=_strings(record, "urls", line),
        handles=_strings(record, "handles", line),
        diseases=_strings(record, "diseases", line),
        campaign=_optional_string(record, "campaign", line),
        source=_optional_string(record, "source", line),
        author=_optional_string(record, "author", line),
        author_url=_optional_string(record, "author_url", line),
    )


def iter_labelled(path: str | Path) -> Iterator[LabelledComment]:
    """Yield the records of a labelled file, skipping blank lines."""
    with Path(path).open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                yield parse_labelled(raw, number)


def read_labelled(path: str | Path) -> list[LabelledComment]:
    """Return every record of a labelled file."""
    return list(iter_labelled(path))

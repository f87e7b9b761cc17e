"""JSON-lines input and output of ``commentwatch analyze`` (the moderation-tool contract).

Every input line gets exactly one output line, in order: a verdict, or an ``error`` object
for a malformed line (whose number is also reported on stderr), so a caller can zip inputs
and outputs. With a database, records are saved in batches as they stream through.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any
from urllib.parse import urlsplit

from pipeline.analysis import analyze
from pipeline.errors import InputError
from pipeline.findings import Analysis
from pipeline.store.records import CommentRecord, SaveStats, content_key

__all__ = ["AnalyzeRun", "InputRecord", "parse_record"]

logger = logging.getLogger(__name__)

#: Records saved per transaction with --store.
STORE_BATCH = 500
_OPTIONAL_STRINGS = ("author", "author_url", "url", "page_title", "region")


@dataclass(frozen=True, slots=True)
class InputRecord:
    """One validated input line."""

    line: int
    text: str
    id: str | None = None
    author: str | None = None
    author_url: str | None = None
    """The commenter's profile link (a posting account links that actor's comments)."""
    url: str | None = None
    page_title: str | None = None
    region: str | None = None
    html: bool = False


def parse_record(raw: str, line: int) -> InputRecord:
    """Validate one JSON line.

    Raises:
        InputError: naming the line and what is wrong with it.
    """
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON ({exc.msg} at column {exc.colno})", line=line) from None
    if not isinstance(data, dict):
        raise InputError("not a JSON object", line=line)
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError("'text' is missing or not a string", line=line)
    values: dict[str, Any] = {}
    for key in _OPTIONAL_STRINGS:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{key!r} must be a string", line=line)
        values[key] = value
    region = values["region"]
    if region is not None and (len(region) != 2 or not region.isalpha()):
        raise InputError("'region' must be a two-letter ISO 3166 code", line=line)
    record_id = data.get("id")
    if record_id is not None and not isinstance(record_id, str | int):
        raise InputError("'id' must be a string or a number", line=line)
    html = data.get("html", False)
    if not isinstance(html, bool):
        raise InputError("'html' must be true or false", line=line)
    return InputRecord(
        line=line, text=text, id=None if record_id is None else str(record_id),
        author=values["author"], author_url=values["author_url"], url=values["url"],
        page_title=values["page_title"],
        region=region.upper() if region else None, html=html,
    )


class AnalyzeRun:
    """Stream records through the pipeline, optionally saving them."""

    def __init__(self, *, default_region: str | None = None, site_name: str | None = None) -> None:
        self.default_region = default_region.upper() if default_region else None
        self.site_name = site_name
        self.stats = SaveStats()

    def analyse(self, record: InputRecord) -> tuple[dict[str, Any], Analysis]:
        analysis = analyze(record.text, html=record.html,
                           region=record.region or self.default_region)
        out: dict[str, Any] = {"id": record.id, **analysis.to_json()}
        if record.html:
            out["text"] = analysis.text
        return out, analysis

    def process(self, lines: Iterable[str], out: IO[str], *, database: Any = None) -> int:
        """Analyse every line, write the results; return the number of malformed lines."""
        bad = 0
        pending: list[CommentRecord] = []
        run_id = self._start_run(database)
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                record = parse_record(raw, number)
            except InputError as exc:
                bad += 1
                sys.stderr.write(f"analyze: {exc}\n")
                out.write(json.dumps({"line": number, "error": str(exc)}) + "\n")
                continue
            result, analysis = self.analyse(record)
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            if database is not None:
                pending.append(self._to_record(record, analysis))
                if len(pending) >= STORE_BATCH:
                    self._save(database, pending)
                    pending = []
        out.flush()
        if database is not None:
            self._save(database, pending)
            self._finish_run(database, run_id, bad)
        return bad

    def _site_of(self, record: InputRecord) -> tuple[str, str | None]:
        host = urlsplit(record.url).hostname if record.url else None
        return self.site_name or host or "analyze", host

    def _to_record(self, record: InputRecord, analysis: Analysis) -> CommentRecord:
        site, host = self._site_of(record)
        page_url = record.url or f"analyze:{site}"
        return CommentRecord(
            site=site, site_domain=host, page_url=page_url, page_title=record.page_title,
            platform="analyze",
            external_id=record.id or content_key(record.author, analysis.text),
            text=analysis.text, analysis=analysis, seen_at=datetime.now(UTC),
            author=record.author, author_url=record.author_url,
        )

    def _save(self, database: Any, records: list[CommentRecord]) -> None:
        if not records:
            return
        from pipeline.store.writer import save_comments

        with database.sessions.begin() as session:
            batch = save_comments(session, records)
            self.stats.add(batch)
            _relink_incremental(session, batch)

    def _start_run(self, database: Any) -> int | None:
        if database is None:
            return None
        from pipeline.store.runs import start_run

        with database.sessions.begin() as session:
            return start_run(session, kind="analyze", sites=self.site_name)

    def _finish_run(self, database: Any, run_id: int | None, bad: int) -> None:
        from pipeline.store.runs import finish_run

        if run_id is None:
            return
        counters = {"comments_seen": self.stats.new + self.stats.updated + self.stats.unchanged,
                    "comments_new": self.stats.new, "comments_updated": self.stats.updated,
                    "errors": bad}
        with database.sessions.begin() as session:
            finish_run(session, run_id, status="errors" if bad else "ok", counters=counters)


def _relink_incremental(session: Any, stats: SaveStats) -> None:
    """Link new comments into campaigns, when that stage is installed."""
    try:
        from pipeline.store.campaigns import relink_incremental
    except ImportError:
        return
    ids = stats.new_comment_ids + stats.changed_comment_ids
    if ids:
        relink_incremental(session, ids)

"""Generate a report: query, render, export, write the files and record them.

The content hash covers every file's name and bytes. Nothing in the files depends on the
wall clock (no "generated at" line), so regenerating a period over unchanged data rewrites
identical files and the ``reports`` row keeps its hash.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from pipeline.store.models import Report
from pipeline.store.session import Database
from reports.data import build_report_data
from reports.export import comments_csv, contacts_csv, report_json, sites_csv, takedown_csv
from reports.model import ReportData, ReportResult
from reports.periods import as_utc
from reports.render import render_html, render_markdown, render_notice

__all__ = ["FORMATS", "generate_report", "period_tag", "write_report"]

logger = logging.getLogger(__name__)

FORMATS = ("html", "md", "csv", "json")
_SLUG = re.compile(r"[^a-z0-9_.-]+")


def period_tag(since: datetime, until: datetime) -> str:
    """Return ``2026-11-23_2026-11-30`` (with ``THHMM`` when a bound is not midnight)."""
    def one(moment: datetime) -> str:
        if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
            return moment.strftime("%Y-%m-%d")
        return moment.strftime("%Y-%m-%dT%H%M%S")
    return f"{one(since)}_{one(until)}"


def _slug(name: str) -> str:
    return _SLUG.sub("-", name.lower()).strip("-.") or "site"


def _outputs(data: ReportData, formats: Sequence[str]) -> dict[str, bytes]:
    s = data.summary
    tag = period_tag(s.since, s.until)
    stem = f"report-{s.kind}-{tag}"
    files: dict[str, bytes] = {}
    takedown_files: dict[str, str] = {}
    used: set[str] = set()
    for takedown in data.takedowns:
        slug = _slug(takedown.site)
        while slug in used:  # two site names that slug alike
            slug += "-"
        used.add(slug)
        base = f"takedown/{slug}-{tag}"
        files[f"{base}.csv"] = takedown_csv(takedown, s.until)
        files[f"{base}.txt"] = render_notice(takedown, since=s.since,
                                             until=s.until).encode("utf-8")
        takedown_files[takedown.site] = f"{base}.csv"
    if "html" in formats:
        files[f"{stem}.html"] = render_html(data, takedown_files=takedown_files).encode()
    if "md" in formats:
        files[f"{stem}.md"] = render_markdown(data, takedown_files=takedown_files).encode()
    if "json" in formats:
        files[f"{stem}.json"] = report_json(data)
    if "csv" in formats:
        files[f"{stem}-comments.csv"] = comments_csv(data.comments)
        files[f"{stem}-contacts.csv"] = contacts_csv(data.new_contacts)
        files[f"{stem}-sites.csv"] = sites_csv(data.sites)
    return files


def content_hash(files: dict[str, bytes]) -> str:
    """Return the SHA-256 over every file name and content, in name order."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


def write_report(data: ReportData, out_dir: Path,
                 formats: Sequence[str] = ("html", "md")) -> tuple[list[Path], str]:
    """Render ``data`` and write the files under ``out_dir``; return them and the hash."""
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown report format(s) {', '.join(unknown)}: "
                         f"use {', '.join(FORMATS)}")
    files = _outputs(data, formats)
    written = []
    for name, payload in files.items():
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(payload)
        os.replace(tmp, path)
        written.append(path)
    return written, content_hash(files)


def generate_report(database: Database, *, since: datetime, until: datetime, out_dir: Path,
                    formats: Sequence[str] = ("html", "md"), kind: str = "range",
                    now: datetime | None = None) -> ReportResult:
    """Write the report of ``[since, until)`` under ``out_dir`` and record it.

    Args:
        database: an open database (see ``pipeline.store.session.open_database``).
        since: start of the period (inclusive; naive means UTC).
        until: end of the period (exclusive); "live" figures are as of this moment.
        out_dir: directory for the files; takedown lists go to ``out_dir/takedown/``.
        formats: any of ``html``, ``md``, ``csv``, ``json``; takedown lists are always
            written.
        kind: ``daily``, ``weekly``, ``monthly`` or ``range``: recorded with the report.
        now: accepted for callers that compute the period from it; the report content never
            depends on it (a regenerated report must hash the same).

    Returns:
        The files written, the headline figures and the content hash.
    """
    del now  # the content must not depend on when it is generated
    since, until = as_utc(since), as_utc(until)
    out_dir = Path(out_dir)
    with database.sessions() as session:
        if database.dialect == "postgresql":
            # One snapshot for every query, so a crawl writing meanwhile cannot make the
            # headline figures disagree with the tables below them.
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        data = build_report_data(session, since=since, until=until, kind=kind)
    paths, digest = write_report(data, out_dir, formats)
    _record(database, kind, since, until, digest, paths)
    logger.info("report %s written: %d files, hash %s", kind, len(paths), digest[:12])
    return ReportResult(files=paths, summary=data.summary, content_hash=digest, data=data)


def _record(database: Database, kind: str, since: datetime, until: datetime, digest: str,
            paths: list[Path]) -> None:
    names = [str(p) for p in paths]
    with database.sessions.begin() as session:
        row = session.execute(
            select(Report).where(Report.kind == kind, Report.period_start == since,
                                 Report.period_end == until)
        ).scalar_one_or_none()
        if row is None:
            session.add(Report(kind=kind, period_start=since, period_end=until,
                               content_hash=digest, files=names))
        else:
            if row.content_hash != digest:
                logger.info("report %s %s..%s changed since last generated", kind, since, until)
            row.content_hash = digest
            row.files = names

"""Generated files: determinism, the reports table, and the same content on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.store.models import Comment, Report
from pipeline.store.session import open_database
from reports import generate_report
from tests.reports.sample import SINCE, UNTIL, populate

ALL = ("html", "md", "csv", "json")


def _files(paths: list[Path], root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in paths}


def test_regenerating_gives_the_same_files_and_hash(sample_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = generate_report(sample_db, since=SINCE, until=UNTIL, out_dir=tmp_path / "a",
                            formats=ALL, kind="weekly")
    again = generate_report(sample_db, since=SINCE, until=UNTIL, out_dir=tmp_path / "b",
                            formats=ALL, kind="weekly")
    assert first.content_hash == again.content_hash
    assert _files(first.files, tmp_path / "a") == _files(again.files, tmp_path / "b")
    names = set(_files(first.files, tmp_path / "a"))
    assert {"report-weekly-2026-11-23_2026-11-30.html",
            "report-weekly-2026-11-23_2026-11-30.json",
            "takedown/wellness-2026-11-23_2026-11-30.txt",
            "takedown/goodhealth-2026-11-23_2026-11-30.csv"} <= names
    with sample_db.sessions() as session:
        rows = session.execute(select(Report)).scalars().all()
    assert len(rows) == 1
    assert rows[0].content_hash == first.content_hash
    assert rows[0].kind == "weekly"


def test_a_data_change_changes_the_hash(sample_db, sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = generate_report(sample_db, since=SINCE, until=UNTIL, out_dir=tmp_path)
    with sample_db.sessions.begin() as session:
        session.get(Comment, sample.ids["c1"]).removed_at = UNTIL.replace(day=28)
    after = generate_report(sample_db, since=SINCE, until=UNTIL, out_dir=tmp_path)
    assert after.content_hash != before.content_hash
    assert after.summary.live_scams == before.summary.live_scams - 1
    with sample_db.sessions() as session:
        (row,) = session.execute(select(Report)).scalars().all()
    assert row.content_hash == after.content_hash


@pytest.mark.postgres
def test_sqlite_and_postgresql_write_identical_reports(sqlite_url: str, pg_url: str,
                                                       tmp_path: Path) -> None:
    outputs = []
    for name, url in (("sqlite", sqlite_url), ("pg", pg_url)):
        db = open_database(url)
        try:
            populate(db)
            result = generate_report(db, since=SINCE, until=UNTIL, out_dir=tmp_path / name,
                                     formats=ALL, kind="weekly")
        finally:
            db.close()
        outputs.append((result.content_hash, _files(result.files, tmp_path / name)))
    assert outputs[0][1] == outputs[1][1]
    assert outputs[0][0] == outputs[1][0]


def test_unknown_format_is_refused(loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="unknown report format"):
        generate_report(loaded.db, since=SINCE, until=UNTIL, out_dir=tmp_path, formats=("pdf",))

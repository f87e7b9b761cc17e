"""``commentwatch report``: periods, formats, the reports table, errors."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from commentwatch.cli import cli
from pipeline.store.models import Report
from pipeline.store.session import open_database
from tests.reports.sample import populate


def _report(url: str, out: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["report", "--db", url, "--out", str(out), *args])


def test_weekly_default_is_the_last_complete_week(sqlite_url: str, tmp_path: Path) -> None:
    db = open_database(sqlite_url)
    populate(db)
    db.close()
    result = _report(sqlite_url, tmp_path, "--period", "weekly", "--now", "2026-12-02T08:00",
                     "--format", "html,csv,json")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "report-weekly-2026-11-23_2026-11-30.html" in names
    assert "report-weekly-2026-11-23_2026-11-30-comments.csv" in names
    assert "report-weekly-2026-11-23_2026-11-30.md" not in names
    assert (tmp_path / "takedown" / "goodhealth-2026-11-23_2026-11-30.txt").is_file()
    assert "2 live scams" in result.stderr
    daily = _report(sqlite_url, tmp_path, "--now", "2026-11-25T08:00")
    assert daily.exit_code == 0, daily.output
    assert (tmp_path / "report-daily-2026-11-24_2026-11-25.md").is_file()
    db = open_database(sqlite_url)
    with db.sessions() as session:
        kinds = sorted(r.kind for r in session.execute(select(Report)).scalars())
    db.close()
    assert kinds == ["daily", "weekly"]


def test_explicit_range(sqlite_url: str, tmp_path: Path) -> None:
    result = _report(sqlite_url, tmp_path, "--since", "2026-11-01", "--until", "2026-11-15")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report-range-2026-11-01_2026-11-15.html").is_file()


def test_bad_arguments_exit_2(sqlite_url: str, tmp_path: Path) -> None:
    for args in (["--format", "pdf"], ["--until", "2026-11-15"],
                 ["--since", "2026-11-15", "--until", "2026-11-01"],
                 ["--since", "yesterday"], ["--period", "weekly", "--since", "2026-11-01"]):
        result = _report(sqlite_url, tmp_path, *args)
        assert result.exit_code == 2, (args, result.output)

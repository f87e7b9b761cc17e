"""``commentwatch query``: reads work, every kind of write is refused, on both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from commentwatch.cli import cli
from commentwatch.cli.query import leading_keyword


def _query(url: str, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["query", *args, "--db", url])


def _count(url: str, table: str) -> int:
    result = _query(url, f"SELECT COUNT(*) AS n FROM {table}", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)[0]["n"]


def test_select_in_every_format(loaded) -> None:  # type: ignore[no-untyped-def]
    url = loaded.db.url
    sql = ("SELECT site, verdict, live FROM flagged_comments "
           "ORDER BY comment_id")
    as_json = json.loads(_query(url, sql, "--format", "json").stdout)
    assert as_json[0] == {"site": "goodhealth", "verdict": "scam", "live": 1}
    assert len(as_json) == 5
    as_csv = _query(url, sql, "--format", "csv").stdout.splitlines()
    assert as_csv[0] == "site,verdict,live"
    assert as_csv[1] == "goodhealth,scam,1"
    table = _query(url, sql)
    assert table.exit_code == 0
    assert "goodhealth" in table.stdout
    assert "(5 rows)" in table.stderr


def test_csv_output_is_neutralised_and_table_output_has_no_escapes(loaded) -> None:  # type: ignore[no-untyped-def]
    url = loaded.db.url
    out = _query(url, "SELECT author FROM comments WHERE author LIKE '=%'", "--format", "csv")
    assert out.stdout.splitlines()[1].startswith('"\'=HYPERLINK')
    table = _query(url, "SELECT 'a' || char(27) || '[31mred' AS x" if "sqlite" in url
                   else "SELECT 'a' || chr(27) || '[31mred' AS x")
    assert table.exit_code == 0, table.output
    assert "\x1b" not in table.stdout


WRITES = [
    "INSERT INTO sites (name, created_at) VALUES ('evil', CURRENT_TIMESTAMP)",
    "DELETE FROM comments",
    "UPDATE verdicts SET verdict = 'ok'",
    "DROP VIEW flagged_comments",
    "CREATE TABLE evil (x INTEGER)",
    "WITH gone AS (DELETE FROM comments RETURNING id) SELECT * FROM gone",
    "/* looks harmless */ DELETE FROM verdicts",
]


@pytest.mark.parametrize("sql", WRITES)
def test_writes_are_refused(loaded, sql: str) -> None:  # type: ignore[no-untyped-def]
    url = loaded.db.url
    if sql.startswith("WITH") and url.startswith("sqlite"):
        pytest.skip("SQLite has no DELETE inside WITH")
    before = (_count(url, "comments"), _count(url, "verdicts"), _count(url, "sites"))
    result = _query(url, sql)
    assert result.exit_code != 0
    assert "read-only" in result.output
    assert (_count(url, "comments"), _count(url, "verdicts"), _count(url, "sites")) == before
    assert _count(url, "flagged_comments") == 5


def test_sqlite_cannot_attach_or_unset_query_only(loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = loaded.db.url
    if not url.startswith("sqlite"):
        pytest.skip("SQLite-specific statements")
    target = tmp_path / "created.db"
    for sql in (f"ATTACH DATABASE '{target}' AS x", "PRAGMA query_only = OFF",
                f"VACUUM INTO '{target}'", "PRAGMA user_version = 7", "PRAGMA table_info(sites)"):
        result = _query(url, sql)
        if sql.endswith("(sites)"):
            assert result.exit_code == 0, result.output
        else:
            assert result.exit_code != 0, sql
            assert "read-only" in result.output
    assert not target.exists()


def test_postgresql_refuses_smuggled_statements(loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = loaded.db.url
    if not url.startswith("postgresql"):
        pytest.skip("PostgreSQL-specific statements")
    target = tmp_path / "copied.txt"
    for sql in ("COMMIT; DELETE FROM comments", f"COPY (SELECT 1) TO '{target}'",
                "SET TRANSACTION READ WRITE",
                "DO $$ BEGIN DELETE FROM comments; END $$"):
        result = _query(url, sql)
        assert result.exit_code != 0, sql
    assert not target.exists()
    assert _count(url, "comments") == 6


def test_syntax_errors_and_missing_files_are_clear(loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = _query(loaded.db.url, "SELECT FROM WHERE")
    assert result.exit_code == 1
    assert "query failed" in result.output
    missing = _query(f"sqlite:///{tmp_path / 'nope.db'}", "SELECT 1")
    assert missing.exit_code == 1
    assert "no SQLite database" in missing.output
    assert not (tmp_path / "nope.db").exists()


@pytest.mark.parametrize(("sql", "word"), [
    ("  select 1", "select"),
    ("-- note\nWITH x AS (SELECT 1) SELECT * FROM x", "with"),
    ("/* a */ /* b */ (SELECT 1)", "select"),
    ("/* unterminated SELECT 1", ""),
    ("DELETE FROM x", "delete"),
])
def test_leading_keyword(sql: str, word: str) -> None:
    assert leading_keyword(sql) == word

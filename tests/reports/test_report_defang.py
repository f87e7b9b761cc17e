from __future__ import annotations

import pytest

from reports.defang import clean_text, defang, neutralise_cell, shorten


@pytest.mark.parametrize(("value", "expected"), [
    ("https://cure.example/x?a=1", "hxxps://cure[.]example/x?a=1"),
    ("HTTP://A.EXAMPLE", "HxxP://A[.]EXAMPLE"),
    ("ftp://files.example/", "fxp://files[.]example/"),
    ("mail dr.x@gmail.com", "mail dr[.]x[@]gmail[.]com"),
    ("www.example.org/page", "www[.]example[.]org/page"),
    ("wa.me/2348000000001", "wa[.]me/2348000000001"),
    ("take 3.5 mg. Then rest", "take 3.5 mg. Then rest"),
    ("+234 800 000 0001", "+234 800 000 0001"),
    ("", ""),
    (None, ""),
])
def test_defang(value: str | None, expected: str) -> None:
    assert defang(value) == expected


def test_clean_text_drops_controls_and_bidi_overrides() -> None:
    assert clean_text("a\x1b[31mred\u202egnp.exe\u200b\x00b") == "a[31mredgnp.exeb"
    assert clean_text("line\nnext\ttab") == "line\nnext\ttab"


@pytest.mark.parametrize(("value", "expected"), [
    ('=HYPERLINK("http://x.example","y")', '\'=HYPERLINK("http://x.example","y")'),
    ("+1 555", "'+1 555"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'=1"),  # the CR itself is dropped as a control character
    ("  =1", "'  =1"),
    ("plain text", "plain text"),
    ("a=b", "a=b"),
    (42, 42),
    (None, None),
])
def test_neutralise_cell(value: object, expected: object) -> None:
    assert neutralise_cell(value) == expected


def test_defang_handles_huge_pathological_input() -> None:
    hostile = "a." * 200_000 + "@" * 100_000 + "http:" * 50_000
    out = defang(hostile)
    assert out.count("[.]") == 199_999
    assert "@" not in out.replace("[@]", "")
    assert "http:" not in out


def test_shorten_marks_the_cut() -> None:
    assert shorten("x" * 10, 4) == "xxxx […]"
    assert shorten("short", 10) == "short"

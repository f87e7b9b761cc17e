"""decode_html survives the encoding traps of real pages."""

from __future__ import annotations

import codecs

import pytest

from crawler.platforms import decode_html, extract_page

TEXT = "Grüße aus Köln – Kräutertee für die Großmutter"


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body><p>{body}</p></body></html>"


def test_utf8_with_late_meta_charset() -> None:
    padding = "<!-- " + "x" * 9000 + " -->"
    raw = _page(padding + '<meta charset="UTF-8">', TEXT).encode("utf-8")
    assert TEXT in decode_html(raw)


def test_utf8_with_stray_latin1_bytes() -> None:
    raw = _page('<meta charset="utf-8">', TEXT).encode("utf-8").replace(
        b"</p>", b" caf\xe9</p>")
    text = decode_html(raw)
    assert TEXT in text
    assert "caf\ufffd" in text


def test_utf8_mislabelled_latin1_by_the_server() -> None:
    raw = _page("", TEXT).encode("utf-8")
    assert TEXT in decode_html(raw, "ISO-8859-1")


@pytest.mark.parametrize(("bom", "codec"), [(codecs.BOM_UTF8, "utf-8"),
                                       (codecs.BOM_UTF16_LE, "utf-16-le"),
                                       (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_byte_order_marks(bom: bytes, codec: str) -> None:
    raw = bom + _page("", TEXT).encode(codec)
    decoded = decode_html(raw)
    assert TEXT in decoded
    assert not decoded.startswith("\ufeff")


def test_cp1252_without_declaration() -> None:
    raw = _page("", TEXT + " „Zitat“ 5 €").encode("cp1252")
    assert TEXT + " „Zitat“ 5 €" in decode_html(raw)


def test_declared_cp1252_meta() -> None:
    raw = _page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
                "Pr\u00e9vention").encode("cp1252")
    assert "Prévention" in decode_html(raw)


def test_unknown_declared_charset_falls_back() -> None:
    raw = _page('<meta charset="x-no-such-charset">', TEXT).encode("utf-8")
    assert TEXT in decode_html(raw, "also-unknown")


def test_decoded_page_extracts_clean_text() -> None:
    raw = ("<html><head>" + "<!-- pad -->" * 800 + '<meta charset="utf-8"></head><body>'
           '<ol class="commentlist"><li id="comment-1"><p>Schöne Grüße</p></li></ol>'
           '<link rel="https://api.w.org/" href="/wp-json/"></body></html>').encode("utf-8")
    result = extract_page(decode_html(raw), "https://a.example/")
    assert "Schöne Grüße" in result.comments[0].html

"""Hostile comments stay inert in every output: HTML, Markdown, CSV, JSON, notices."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest

from reports import generate_report
from reports.render import CSP
from tests.reports.sample import FORMULA, IMG, SINCE, UNTIL

#: Tags our templates use; anything else in the page came from data.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "main",
    "section", "div", "table", "thead", "tbody", "tr", "th", "td", "span", "code", "strong",
    "small", "mark", "article", "br", "ul", "li", "svg", "line", "text", "rect", "i", "footer",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster",
                  "data", "background"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


@pytest.fixture(scope="module")
def outputs(loaded, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:  # type: ignore[no-untyped-def]
    tmp_path = tmp_path_factory.mktemp("safety")
    result = generate_report(loaded.db, since=SINCE, until=UNTIL, out_dir=tmp_path,
                             formats=("html", "md", "csv", "json"), kind="weekly")
    return {str(p.relative_to(tmp_path)): p.read_text("utf-8") for p in result.files}


def _one(outputs: dict[str, str], suffix: str) -> str:
    (name,) = [n for n in outputs if n.endswith(suffix) and "/" not in n]
    return outputs[name]


def test_html_has_only_our_tags_and_no_urls(outputs: dict[str, str]) -> None:
    html = _one(outputs, ".html")
    parser = _Tags()
    parser.feed(html)
    tags = {tag for tag, _attrs in parser.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    assert [t for t, _ in parser.tags].count("style") == 1
    for tag, attrs in parser.tags:
        for name, _value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name not in URL_ATTRIBUTES, (tag, name)
    assert "http://" not in html
    assert "https://" not in html
    assert "dr.ade@herbal-cure.example" not in html
    assert "dr[.]ade[@]herbal-cure[.]example" in html


def test_html_escapes_every_payload(outputs: dict[str, str]) -> None:
    html = _one(outputs, ".html")
    assert html.count("<script") == 0
    assert "&lt;script&gt;document[.]title=&#39;pwned&#39;" in html
    assert "&lt;/style&gt;&lt;script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    assert "&lt;a href=&#34;javascript:" in html


def test_html_csp_comes_first(outputs: dict[str, str]) -> None:
    html = _one(outputs, ".html")
    head = html[: html.index("<style>")]
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', head)
    assert csp is not None
    policy = csp.group(1)
    assert policy == CSP
    assert "default-src 'none'" in policy
    assert "script-src" not in policy
    assert "http" not in policy


def test_markdown_keeps_markup_literal(outputs: dict[str, str]) -> None:
    md = _one(outputs, ".md")
    assert re.search(r"(?<!\\)<", md) is None, "unescaped < in Markdown"
    assert "](" not in md
    assert "http://" not in md
    assert "https://" not in md
    assert "\\<script\\>" in md


def test_csv_cells_never_start_like_a_formula(outputs: dict[str, str]) -> None:
    csv_files = {n: t for n, t in outputs.items() if n.endswith(".csv")}
    assert len(csv_files) == 5  # comments, contacts, sites, two takedown lists
    for name, text in csv_files.items():
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)


def test_csv_and_json_keep_raw_and_defanged_apart(outputs: dict[str, str]) -> None:
    (takedown,) = [t for n, t in outputs.items() if n.startswith("takedown/wellness")
                   and n.endswith(".csv")]
    (row,) = list(csv.DictReader(io.StringIO(takedown)))
    assert row["permalink_raw"] == "https://wellness.example/cancer-diet#c2"
    assert row["permalink_defanged"] == "hxxps://wellness[.]example/cancer-diet#c2"
    assert row["author_raw"] == "'" + FORMULA
    assert row["contacts_raw"] == "https://cure-herbs.example/order"
    assert row["contacts_defanged"] == "hxxps://cure-herbs[.]example/order"
    doc = json.loads(_one(outputs, ".json"))
    first = doc["comments"][0]
    assert first["author"] == {"raw": IMG, "defanged": IMG.replace(".", "[.]")}
    assert first["contacts"][0]["value"]["raw"] == "dr.ade@herbal-cure.example"
    assert first["contacts"][0]["value"]["defanged"] == "dr[.]ade[@]herbal-cure[.]example"


def test_notice_is_plain_and_defanged(outputs: dict[str, str]) -> None:
    notice = outputs["takedown/wellness-2026-11-23_2026-11-30.txt"]
    assert "Permalink:  https://wellness.example/cancer-diet#c2" in notice  # the site's own
    assert "hxxp://formula[.]example/x" in notice  # the author name is not the site's
    assert "Advertises: hxxps://cure-herbs[.]example/order" in notice
    assert "Posted:     2026-11-10 10:00 UTC (up for 19 days or more)" in notice
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", notice)
    good = outputs["takedown/goodhealth-2026-11-23_2026-11-30.txt"]
    assert "javascript:alert(document[.]domain)" in good  # not the site's: defanged


def test_a_broken_extractor_is_visible(outputs: dict[str, str]) -> None:
    from reports.health import NO_COMMENTS

    html = _one(outputs, ".html")
    assert "Sites that yielded nothing" in html
    assert f"<strong>brokensite</strong>: {NO_COMMENTS}" in html
    md = _one(outputs, ".md")
    assert f"**brokensite**: {NO_COMMENTS}" in md

"""``commentwatch scan`` on saved files and on URLs served from 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from commentwatch.cli.scan import command
from crawler.platforms.disqus import ENV_EMBED_BASE

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"
THREADED = str(PAGES / "wordpress_threaded.html")


def _json_lines(output: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_saved_page_as_json() -> None:
    result = CliRunner().invoke(command, [THREADED, "--json", "--region", "US"])
    assert result.exit_code == 0, result.output
    [page] = _json_lines(result.output)
    assert page["platform"] == "wordpress"
    assert page["url"].startswith("file://")
    assert len(page["comments"]) == 4
    first = page["comments"][0]
    assert first["author"] == "Anna Walker"
    assert first["posted_at"] == "2024-03-05T09:15:00+00:00"
    assert (first["external_id"], first["parent_id"]) == ("101", None)
    assert first["text"] == "Thank you, this helped me understand my new prescription."
    assert first["verdict"] == "ok"
    for key in ("score", "contacts", "claims", "reasons"):
        assert key in first
    scam = page["comments"][2]
    assert scam["parent_id"] == "102"
    assert scam["verdict"] in ("scam", "spam", "suspicious")
    assert [c["value"] for c in scam["contacts"]] == ["greenleaf.healer@example.com"]
    email = scam["contacts"][0]
    assert scam["text"][email["start"]:email["end"]] == email["raw"]


def test_table_output_escapes_markup(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><link rel="https://api.w.org/" href="/wp-json/"></head><body>'
        '<ol class="comment-list"><li id="comment-1" class="comment"><div class="comment-content">'
        "<p>[bold red]fake[/bold red] \x1b[2J cleared?</p></div></li></ol></body></html>",
        encoding="utf-8")
    result = CliRunner().invoke(command, [str(page)])
    assert result.exit_code == 0, result.output
    assert "[bold red]fake[/bold red]" in result.output
    assert "\x1b[2J" not in result.output


def test_unreadable_sources_are_reported_and_others_still_scanned(tmp_path: Path) -> None:
    result = CliRunner().invoke(command, [str(tmp_path / "missing.html"), "ftp://x.example/",
                                          THREADED, "--json"])
    assert result.exit_code == 1
    lines = _json_lines(result.output)
    assert [("error" in line) for line in lines] == [True, True, False]
    assert "only http and https" in lines[1]["error"]


def test_unknown_platform_option() -> None:
    result = CliRunner().invoke(command, [THREADED, "--platform", "myspace"])
    assert result.exit_code == 2
    assert "unknown platform" in result.output


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        status, headers, body = self.routes.get(path, (404, {}, b"not found"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        del format, args


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    monkeypatch.setenv(ENV_EMBED_BASE, base)
    html = {"Content-Type": "text/html; charset=utf-8"}
    _Handler.routes = {
        "/threaded": (200, html, (PAGES / "wordpress_threaded.html").read_bytes()),
        "/disqus": (200, html, (PAGES / "disqus_embedded_article.html").read_bytes()),
        "/embed/comments/": (200, html, (PAGES / "disqus_thread_page.html").read_bytes()),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/big": (200, html, b"<p>" + b"x" * (11 * 1024 * 1024)),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_url_scan(server: str) -> None:
    result = CliRunner().invoke(command, [server + "/threaded", "--json"])
    assert result.exit_code == 0, result.output
    [page] = _json_lines(result.output)
    assert page["url"] == server + "/threaded"
    assert [c["external_id"] for c in page["comments"]] == ["101", "102", "104", "105"]


def test_url_scan_follows_disqus_embed(server: str) -> None:
    result = CliRunner().invoke(command, [server + "/disqus", "--json"])
    assert result.exit_code == 0, result.output
    [page] = _json_lines(result.output)
    assert page["platform"] == "disqus"
    # the stand-in answers every cursor with the same posts: kept once each
    assert [c["external_id"] for c in page["comments"]] == ["7001", "7002"]
    assert page["comments"][1]["parent_id"] == "7001"
    no_follow = CliRunner().invoke(command, [server + "/disqus", "--json", "--no-follow"])
    assert _json_lines(no_follow.output)[0]["comments"] == []


def test_url_scan_refuses_bad_redirects_and_huge_pages(server: str) -> None:
    result = CliRunner().invoke(command, [server + "/to-file", server + "/big",
                                          server + "/nothing", "--json"])
    assert result.exit_code == 1
    errors = [line["error"] for line in _json_lines(result.output)]
    assert "non-http" in errors[0] or "file" in errors[0]
    assert "larger than" in errors[1]
    assert "HTTP 404" in errors[2]

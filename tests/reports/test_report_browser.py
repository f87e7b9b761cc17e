"""The HTML report in a real headless Chromium: no script runs, nothing loads, it renders.

The report is served from a local HTTP server that records every request. Hostile comments
carry payloads that would change ``document.title`` or fetch a beacon from that server;
a control page with the same payloads left unescaped proves both detectors work. A
screenshot is saved under the test's tmp dir and its path printed for the test log.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reports import generate_report
from tests.conftest import missing_service
from tests.reports.sample import SINCE, UNTIL, populate

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-default-apps", "--virtual-time-budget=3000"]
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def _payloads(port: int) -> tuple[str, ...]:
    base = f"http://127.0.0.1:{port}"
    return (
        f'<img src="{base}/beacon-img" onerror="document.title=\'pwned-img\'">',
        f'<script src="{base}/beacon-script"></script><script>document.title="pwned"</script>',
        f'<link rel="stylesheet" href="{base}/beacon-css">',
        f'<iframe src="{base}/beacon-frame"></iframe>',
        f"</style><style>body{{background:url({base}/beacon-style)}}</style>",
        f'<meta http-equiv="refresh" content="0;url={base}/beacon-refresh">',
        "<svg onload=\"document.title='pwned-svg'\"></svg>",
        "<a href=\"javascript:document.title='pwned-js'\">read more</a>",
    )


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium; the set-up tries ``apt-get install -y chromium`` once if absent."""
    found = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if found:
        return found
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            for command in (["apt-get", "install", "-y", "chromium"], ["apt-get", "update"],
                            ["apt-get", "install", "-y", "chromium"]):
                subprocess.run(command, capture_output=True, timeout=900, check=False, env=env)
                if shutil.which("chromium"):
                    break
        found = shutil.which("chromium")
    if not found:
        missing_service("Chromium is not installed and `apt-get install -y chromium` did not "
                        "install it (no root, no network or no package lists)")
    return str(found)


class _Recorder(SimpleHTTPRequestHandler):
    requests: list[str]

    def log_message(self, format: str, *args: object) -> None:
        type(self).requests.append(self.path)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[ThreadingHTTPServer, list[str], Path]]:
    root = tmp_path / "site"
    root.mkdir()
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd, requests, root
    finally:
        httpd.shutdown()
        httpd.server_close()


def _chromium(binary: str, tmp_path: Path, url: str, *extra: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    done = subprocess.run([binary, *FLAGS, f"--user-data-dir={profile}", *extra, url],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _page_requests(requests: list[str]) -> list[str]:
    return [r for r in requests if r != "/favicon.ico"]  # the browser's own, not the page's


def test_hostile_report_runs_no_script_and_loads_nothing(chromium: str, server, sqlite_url: str,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    from pipeline.store.session import open_database

    httpd, requests, root = server
    port = httpd.server_address[1]
    payloads = _payloads(port)

    # Control: the same payloads, unescaped and without a CSP, must trip both detectors
    # (all but the meta refresh, which would navigate the control page away).
    (root / "control.html").write_text(
        "<!DOCTYPE html><html><head><title>control</title></head><body>"
        + "".join(p for p in payloads if "refresh" not in p) + "</body></html>", "utf-8")
    dom = _chromium(chromium, tmp_path, f"http://127.0.0.1:{port}/control.html", "--dump-dom")
    assert "pwned" in _TITLE.search(dom).group(1)
    assert any(r.startswith("/beacon") for r in requests), requests
    requests.clear()

    db = open_database(sqlite_url)
    try:
        populate(db, extra_texts=payloads)
        result = generate_report(db, since=SINCE, until=UNTIL, out_dir=root, kind="weekly")
    finally:
        db.close()
    (html,) = [p for p in result.files if p.suffix == ".html"]
    url = f"http://127.0.0.1:{port}/{html.name}"

    dom = _chromium(chromium, tmp_path, url, "--dump-dom")
    title = _TITLE.search(dom).group(1)
    assert title.startswith("commentwatch report"), title
    assert "pwned" not in title
    assert "<script" not in dom
    assert "<iframe" not in dom
    assert _page_requests(requests) == [f"/{html.name}"]
    assert "beacon-img" in dom  # the payload text is there, as text
    requests.clear()

    shot = tmp_path / "report.png"
    _chromium(chromium, tmp_path, url, f"--screenshot={shot}", "--window-size=1280,2000",
              "--hide-scrollbars")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one
    assert _page_requests(requests) == [f"/{html.name}"]
    print(f"report screenshot: {shot}")

"""Serve a directory of static pages on 127.0.0.1: the bundled demo site and test fixtures.

A tiny threaded HTTP server on a free port, counting the requests per path so tests can
check that a crawl fetched each page exactly once. ``/dir/`` serves ``/dir/index.html``;
``*.json`` files are sent as JSON; If-Modified-Since gets a 304 when the file is older.
An optional ``.routes.json`` in the site root maps exact request paths (query included) to
``{"file": "...", "status": 200, "headers": {...}}`` or ``{"redirect": "URL"}``, for API
endpoints and redirects. Run ``python -m commentwatch.siteserver DIR`` to serve
from a subprocess: it prints ``PORT <n>`` on its first line.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
from collections import Counter
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any, Self

__all__ = ["DEMO_SITE", "StaticSiteServer", "demo_site_dir"]

logger = logging.getLogger(__name__)

DEMO_SITE = "demo_site"


def demo_site_dir() -> Path:
    """Return the directory of the bundled sample health site."""
    return Path(str(resources.files("commentwatch").joinpath(DEMO_SITE)))


class _Handler(SimpleHTTPRequestHandler):
    server: _CountingServer

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".json": "application/json",
        ".html": "text/html; charset=utf-8",
        ".xml": "application/xml",
        ".txt": "text/plain; charset=utf-8",
    }

    def do_GET(self) -> None:
        self.server.count(self.path)
        path = self.path.split("?", 1)[0]
        if "__pycache__" in path or path.endswith((".py", ".pyc")) or "/." in path:
            self.send_error(404, "not part of the site")
            return
        route = self.server.routes().get(self.path)
        if route is not None:
            self._serve_route(route)
            return
        super().do_GET()

    def _serve_route(self, route: dict[str, Any]) -> None:
        if "redirect" in route:
            self.send_response(int(route.get("status", 302)))
            self.send_header("Location", str(route["redirect"]))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        target = (Path(self.directory) / str(route["file"])).resolve()
        if not target.is_relative_to(Path(self.directory).resolve()) or not target.is_file():
            self.send_error(404, "route file missing")
            return
        body = target.read_bytes()
        self.send_response(int(route.get("status", 200)))
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Content-Length", str(len(body)))
        for name, value in route.get("headers", {}).items():
            self.send_header(str(name), str(value))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("site server: %s", format % args)


class _CountingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        handler = lambda *a, **kw: _Handler(*a, directory=str(directory), **kw)
        super().__init__(("127.0.0.1", 0), handler)

    def count(self, path: str) -> None:
        with self._lock:
            self.hits[path] += 1

    def routes(self) -> dict[str, dict[str, Any]]:
        """Read ``.routes.json`` afresh (tests edit it between crawls)."""
        path = self.directory / ".routes.json"
        if not path.is_file():
            return {}
        loaded = json.loads(path.read_text(encoding="utf-8"))
        return loaded if isinstance(loaded, dict) else {}


class StaticSiteServer:
    """Serve ``directory`` on 127.0.0.1 in a background thread (a context manager)."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        if not self.directory.is_dir():
            raise FileNotFoundError(f"no site directory at {self.directory}")
        self._server: _CountingServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> StaticSiteServer:
        self._server = _CountingServer(self.directory)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="cw-site-server")
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def port(self) -> int:
        assert self._server is not None, "server not started"
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    @property
    def hits(self) -> Counter[str]:
        assert self._server is not None, "server not started"
        return self._server.hits

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def main(argv: list[str]) -> None:
    directory = Path(argv[0]) if argv else demo_site_dir()
    server = StaticSiteServer(directory).start()
    sys.stdout.write(f"PORT {server.port}\n")
    sys.stdout.flush()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main(sys.argv[1:])

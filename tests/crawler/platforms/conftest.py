"""Helpers for the platform tests: read a fixture page and extract it.

This directory mirrors ``crawler/platforms``; pytest puts ``tests/`` on ``sys.path``, where
``tests/crawler/platforms`` would be found as a namespace package before the real one.
Putting the repository root first makes the real package win (the lasting fix is
``pythonpath = ["."]`` in ``[tool.pytest.ini_options]``).
"""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[3])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)
_loaded = sys.modules.get("crawler")
if _loaded is not None and getattr(_loaded, "__file__", None) is None:
    for _name in [n for n in sys.modules if n == "crawler" or n.startswith("crawler.")]:
        del sys.modules[_name]

import pytest

from crawler.platforms import PageComments, decode_html, extract_page

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"


def fixture_text(name: str) -> str:
    """Return a fixture page decoded as the spider would."""
    return decode_html((PAGES / name).read_bytes())


@pytest.fixture
def extract():  # type: ignore[no-untyped-def]
    """Extract a fixture page: ``extract(name, url, platform=..., selectors=...)``."""

    def run(name: str, url: str = "https://site.example/article/", **kwargs: object
            ) -> PageComments:
        return extract_page(fixture_text(name), url, **kwargs)  # type: ignore[arg-type]

    return run

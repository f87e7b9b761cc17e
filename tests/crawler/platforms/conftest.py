"""Helpers for the platform tests: read a fixture page and extract it."""

from __future__ import annotations

from pathlib import Path

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

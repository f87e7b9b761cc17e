"""Score the platform extractors against hand-checked real pages.

The cases file (``shared/corpus/html/cases.jsonl``) names, per saved page, how many
comments it holds, snippets of real comment bodies that must come back, and article or
sidebar text that must never come back as a comment. This module runs
:func:`crawler.platforms.extract_page` on each page exactly as the spider would (raw bytes
through :func:`crawler.platforms.decode_html`) and reports exact-count hits, snippet recall
and leaks. It lives in ``crawler/`` because it needs the extractors (``pipeline/`` must not
import Scrapy's parsel stack).

Run it::

    python -m crawler.evaluation ../shared/corpus/html/cases.jsonl [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.platforms import decode_html, extract_page
from pipeline.text import html_to_text

__all__ = ["PageCase", "PageEvaluation", "PageResult", "evaluate_pages", "read_cases"]

logger = logging.getLogger(__name__)

_ORIGINAL_URL = re.compile(r"Original URL: (https?://\S+?)\.?(?:\s|$)")
_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class PageCase:
    """One hand-checked page of the cases file."""

    file: str
    platform: str
    expected_count: int
    snippets: tuple[str, ...]
    forbidden: tuple[str, ...]
    url: str
    """The page's original URL when the notes give one (links resolve against it)."""


@dataclass(frozen=True, slots=True)
class PageResult:
    """What the extractors made of one page."""

    file: str
    expected_platform: str
    platform: str
    expected_count: int
    found_count: int
    snippets_total: int
    snippets_found: int
    missing_snippets: tuple[str, ...]
    leaks: tuple[str, ...]
    """Forbidden texts that came back inside a comment."""

    @property
    def exact(self) -> bool:
        """True when exactly the expected number of comments came back."""
        return self.found_count == self.expected_count

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "file": self.file,
            "expected_platform": self.expected_platform,
            "platform": self.platform,
            "expected_count": self.expected_count,
            "found_count": self.found_count,
            "exact": self.exact,
            "snippets_total": self.snippets_total,
            "snippets_found": self.snippets_found,
            "missing_snippets": list(self.missing_snippets),
            "leaks": list(self.leaks),
        }


@dataclass(frozen=True, slots=True)
class PageEvaluation:
    """Per-page results and totals over the whole cases file."""

    pages: tuple[PageResult, ...]

    @property
    def exact_pages(self) -> int:
        return sum(1 for p in self.pages if p.exact)

    @property
    def exact_accuracy(self) -> float:
        """Share of pages whose comment count is exactly right."""
        return self.exact_pages / len(self.pages) if self.pages else 0.0

    @property
    def expected_total(self) -> int:
        return sum(p.expected_count for p in self.pages)

    @property
    def found_total(self) -> int:
        return sum(p.found_count for p in self.pages)

    @property
    def snippet_recall(self) -> float:
        total = sum(p.snippets_total for p in self.pages)
        return sum(p.snippets_found for p in self.pages) / total if total else 1.0

    @property
    def leak_count(self) -> int:
        return sum(len(p.leaks) for p in self.pages)

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict with totals and every page."""
        return {
            "pages": len(self.pages),
            "exact_pages": self.exact_pages,
            "exact_accuracy": round(self.exact_accuracy, 4),
            "expected_comments": self.expected_total,
            "found_comments": self.found_total,
            "snippet_recall": round(self.snippet_recall, 4),
            "leaks": self.leak_count,
            "results": [p.to_json() for p in self.pages],
        }

    def render_text(self) -> str:
        """Return a plain-text table for a terminal."""
        lines = [f"{'page':44} {'platform':22} {'found/exp':>9} {'snippets':>8} leaks"]
        for p in self.pages:
            mark = " " if p.exact and not p.leaks and not p.missing_snippets else "*"
            lines.append(
                f"{mark}{p.file[:43]:43} {p.platform + ' (' + p.expected_platform + ')':22} "
                f"{p.found_count:>4}/{p.expected_count:<4} "
                f"{p.snippets_found:>3}/{p.snippets_total:<4} {len(p.leaks)}"
            )
        lines.append(
            f"exact counts {self.exact_pages}/{len(self.pages)} ({self.exact_accuracy:.1%}), "
            f"comments {self.found_total}/{self.expected_total}, "
            f"snippet recall {self.snippet_recall:.1%}, leaks {self.leak_count}"
        )
        return "\n".join(lines)


def read_cases(cases_path: Path) -> list[PageCase]:
    """Read the cases file (one JSON object per line; blank lines skipped)."""
    cases = []
    with cases_path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                match = _ORIGINAL_URL.search(raw.get("notes", ""))
                cases.append(PageCase(
                    file=raw["file"],
                    platform=raw.get("platform", ""),
                    expected_count=int(raw["expected_comment_count"]),
                    snippets=tuple(raw.get("expected_snippets", ())),
                    forbidden=tuple(raw.get("must_not_contain", ())),
                    url=match.group(1) if match else f"https://example.invalid/{raw['file']}",
                ))
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{cases_path}:{number}: bad case: {exc}") from exc
    return cases


def _normal(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _contains(haystack: str, needle: str) -> bool:
    """Match ignoring whitespace differences (line breaks from ``<br>`` included)."""
    if _normal(needle) in _normal(haystack):
        return True
    return _WS.sub("", needle) in _WS.sub("", haystack)


def evaluate_page(case: PageCase, html_dir: Path) -> PageResult:
    """Run the extractors on one case's page."""
    html = decode_html((html_dir / case.file).read_bytes())
    result = extract_page(html, case.url)
    texts = [html_to_text(c.html) for c in result.comments]
    joined = "\n".join(texts)
    missing = tuple(s for s in case.snippets if not _contains(joined, s))
    leaks = tuple(s for s in case.forbidden if any(_contains(t, s) for t in texts))
    return PageResult(
        file=case.file,
        expected_platform=case.platform,
        platform=result.platform,
        expected_count=case.expected_count,
        found_count=len(result.comments),
        snippets_total=len(case.snippets),
        snippets_found=len(case.snippets) - len(missing),
        missing_snippets=missing,
        leaks=leaks,
    )


def evaluate_pages(cases_path: Path) -> PageEvaluation:
    """Evaluate every page of a cases file; pages are read from the file's directory.

    Args:
        cases_path: the ``cases.jsonl`` file.

    Returns:
        Per-page results and totals.
    """
    cases_path = Path(cases_path)
    return PageEvaluation(tuple(evaluate_page(case, cases_path.parent)
                                for case in read_cases(cases_path)))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: print the evaluation as text or JSON."""
    parser = argparse.ArgumentParser(prog="python -m crawler.evaluation",
                                     description="Score the comment extractors on real pages.")
    parser.add_argument("cases", type=Path, help="cases.jsonl of the html corpus")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    evaluation = evaluate_pages(args.cases)
    if args.json:
        sys.stdout.write(json.dumps(evaluation.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(evaluation.render_text() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Load the claim lexicons (TOML data files) and compile each term list once.

Lexicons are data, reviewed like code, so they live in ``pipeline/claims/data/`` rather than
in regexes scattered through the detector. Each term list becomes one escaped alternation,
factored as a prefix trie (longest term first) and wrapped in word-boundary look-arounds:
matching cost is linear in the text, there is no nested quantifier, and a malformed data
file fails at import, not on the first hostile comment.

Term syntax (shared by every data file):

- ``{a|b}`` expands to each alternative (``herpes {1|2}`` -> ``herpes 1``, ``herpes 2``);
- a space matches a short run of blanks or hyphens, a hyphen may also be a blank or absent,
  an apostrophe may be straight, curly or absent;
- a leading ``=`` makes the term case-sensitive (``=MS`` is multiple sclerosis, ``ms`` is not).
"""

from __future__ import annotations

import itertools
import logging
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["DATA_DIR", "Match", "TermSet", "expand_term", "load_toml", "term_set"]

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).with_name("data")

_BRACES = re.compile(r"\{([^{}]*)\}")
_LEFT = r"(?<![\w@])"
_RIGHT = r"(?![\w@])"
_ARABIC = re.compile("[\u0600-\u06ff]")
_ARABIC_PREFIXES = "وبلفك"


@dataclass(frozen=True, slots=True)
class Match:
    """One lexicon hit: where, the surface text, and the canonical entry it belongs to."""

    start: int
    """Offset of the first character of the hit in the searched text."""
    end: int
    """Offset just past the hit."""
    text: str
    """The hit as written (``HSV-2``)."""
    canonical: str
    """The entry the hit belongs to (``herpes``)."""


def expand_term(term: str) -> list[str]:
    """Return every spelling a term with ``{a|b}`` groups stands for."""
    parts = _BRACES.split(term)
    # split() alternates literal, group, literal, group...
    choices = [[p] if i % 2 == 0 else p.split("|") for i, p in enumerate(parts)]
    return [" ".join("".join(combo).split()) for combo in itertools.product(*choices)]


def _term_atoms(term: str) -> list[str]:
    """Return the regex atoms of one term, one per character (see the module docstring)."""
    out: list[str] = []
    if _ARABIC.match(term):
        # Arabic glues conjunctions and prepositions to the next word (wa-, li-, bi-...).
        out.append(f"[{_ARABIC_PREFIXES}]{{0,2}}")
    for char in term:
        if char == " ":
            out.append(r"[\s\-]{1,3}")
        elif char == "-":
            out.append(r"[\s\-]?")
        elif char in "'’":
            out.append(r"['’]?")
        else:
            out.append(re.escape(char))
    return out


def _alternation(terms: Iterable[str]) -> str:
    """Return one alternation of ``terms`` with shared prefixes factored out (a trie).

    ``herb``, ``herbs`` and ``herbal`` become ``herb(?:al|s|)``: the engine reads each
    character once per position instead of once per term (about ten times faster on real
    comments), and the deeper continuation is tried first, so the longest term wins.
    Groups are never quantified.
    """
    root: dict[str, dict] = {}
    for term in terms:
        node = root
        for atom in _term_atoms(term):
            node = node.setdefault(atom, {})
        node[""] = {}  # end of a term

    depths: dict[int, int] = {}

    def depth(node: dict[str, dict]) -> int:
        if id(node) not in depths:
            depths[id(node)] = max((1 + depth(c) for a, c in node.items() if a), default=0)
        return depths[id(node)]

    def emit(node: dict[str, dict]) -> str:
        # Deepest branch first: where two atoms match the same text ("-" and " "), the one
        # leading to the longer term is tried first, as a longest-first list would.
        children = sorted((a for a in node if a), key=lambda a: (-depth(node[a]), a))
        branches = [atom + emit(node[atom]) for atom in children]
        if "" in node:
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(root)


class TermSet:
    """A compiled term list mapping every surface term to its canonical entry."""

    __slots__ = ("_canonical", "_patterns", "_squeezed", "name")

    def __init__(self, name: str, entries: Mapping[str, Iterable[str]]) -> None:
        """Compile ``entries`` (canonical -> terms) into at most two alternations.

        Raises:
            ValueError: on an empty term or a term that cannot compile.
        """
        self.name = name
        self._canonical: dict[str, str] = {}
        folded: list[str] = []
        exact: list[str] = []
        for canonical, terms in entries.items():
            for raw in terms:
                case_sensitive = raw.startswith("=")
                for term in expand_term(raw.removeprefix("=")):
                    if not term:
                        raise ValueError(f"{name}: empty term under {canonical!r}")
                    key = term if case_sensitive else term.casefold()
                    self._canonical.setdefault(_normal(key, case_sensitive), canonical)
                    (exact if case_sensitive else folded).append(term)
        if not self._canonical:
            raise ValueError(f"{name}: no terms")
        self._squeezed = {k.replace(" ", ""): c for k, c in reversed(self._canonical.items())}
        self._patterns: list[tuple[re.Pattern[str], bool]] = []
        for terms, case_sensitive in ((folded, False), (exact, True)):
            if not terms:
                continue
            body = _alternation(set(terms) if case_sensitive else {t.lower() for t in terms})
            flags = 0 if case_sensitive else re.IGNORECASE
            try:
                pattern = re.compile(f"{_LEFT}(?:{body}){_RIGHT}", flags)
            except re.error as exc:
                raise ValueError(f"{name}: terms do not compile ({exc})") from exc
            self._patterns.append((pattern, case_sensitive))

    def finditer(self, text: str) -> Iterator[Match]:
        """Yield the non-overlapping hits in ``text`` in order of position."""
        hits: list[Match] = []
        for pattern, case_sensitive in self._patterns:
            for found in pattern.finditer(text):
                surface = found.group(0)
                canonical = self._canonical.get(_normal(surface, case_sensitive))
                if canonical is None:  # a spelling variant the map does not hold
                    canonical = self._closest(surface, case_sensitive)
                hits.append(Match(found.start(), found.end(), surface, canonical))
        hits.sort(key=lambda m: (m.start, -m.end))
        kept: list[Match] = []
        for hit in hits:
            if kept and hit.start < kept[-1].end:
                continue
            kept.append(hit)
        return iter(kept)

    def search(self, text: str) -> Match | None:
        """Return the first hit in ``text``, or None."""
        return next(self.finditer(text), None)

    def _closest(self, surface: str, case_sensitive: bool) -> str:
        key = _normal(surface, case_sensitive)
        for cut in (1, 2):
            if key[:cut] and all(c in _ARABIC_PREFIXES for c in key[:cut]):
                found = self._canonical.get(key[cut:])
                if found is not None:
                    return found
        found = self._squeezed.get(key.replace(" ", ""))
        if found is None:
            # Only a case-folding quirk of some exotic character can get here. Comment text
            # must never raise out of a stage: report it and keep the first entry.
            logger.warning("%s: a hit of %d chars maps to no entry", self.name, len(surface))
            found = next(iter(self._canonical.values()))
        return found


def _normal(term: str, case_sensitive: bool) -> str:
    """Fold the variations ``_term_atoms`` allows, so a hit maps back to its term."""
    value = term if case_sensitive else term.casefold()
    value = re.sub(r"['’]", "", value)
    value = re.sub(r"[\s\-]+", " ", value)
    return value.strip()


@cache
def load_toml(name: str) -> dict[str, object]:
    """Return a data file of ``pipeline/claims/data`` as parsed TOML."""
    with (DATA_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


def term_set(file: str, table: str, key: str | None = None) -> TermSet:
    """Compile one table of a data file (or one list of it, when ``key`` is given).

    Args:
        file: data file name (``conditions.toml``).
        table: top-level table (``conditions``).
        key: a list inside the table to compile alone, its canonical name being ``key``.
    """
    data = load_toml(file)[table]
    if not isinstance(data, dict):
        raise TypeError(f"{file}: [{table}] is not a table")
    entries = {key: data[key]} if key is not None else data
    return TermSet(f"{file}:{table}" + (f".{key}" if key else ""), entries)

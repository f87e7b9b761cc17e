"""Near-duplicate texts: word shingles, MinHash signatures and LSH band keys.

A campaign posts one testimonial template many times, changing the victim's name and
rotating the phone number. Word shingles of a normalised text (digits folded, so a fresh
number changes nothing) survive such edits. MinHash (datasketch) summarises the shingles and
its LSH bands turn "probably similar" into exact-match keys that a database index can look
up, so a new comment finds its candidates without scanning old ones. Candidates are then
confirmed with the exact Jaccard similarity of the shingle sets, so the decision itself is
deterministic.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = [
    "MAX_SHINGLE_TEXT",
    "band_keys",
    "band_shape",
    "jaccard",
    "shingle_hashes",
    "signature",
]

#: Characters of a comment that are shingled (hostile input may be megabytes long).
MAX_SHINGLE_TEXT = 20_000

_WORD = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")


def _words(text: str) -> list[str]:
    words = []
    for word in _WORD.findall(text[:MAX_SHINGLE_TEXT].lower()):
        # Numbers (phones, prices, ages) change from copy to copy of one template.
        words.append("#" if _DIGIT.search(word) else word)
    return words


def shingle_hashes(text: str, size: int = 3) -> np.ndarray:
    """Return the sorted, distinct 32-bit hashes of the word ``size``-shingles of ``text``.

    A text shorter than ``size`` words is one shingle; an empty text has none. Hashes (not
    strings) keep a million comments' shingles in memory and make Jaccard a sorted merge.
    """
    words = _words(text)
    if not words:
        return np.empty(0, dtype=np.uint32)
    count = max(1, len(words) - size + 1)
    grams = {" ".join(words[i : i + size]) for i in range(count)}
    # CRC-32 is plenty for shingle identity (collisions only merge two shingles) and fast.
    values = [zlib.crc32(g.encode("utf-8", "surrogatepass")) for g in grams]
    return np.unique(np.asarray(values, dtype=np.uint32))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Return the exact Jaccard similarity of two shingle-hash arrays (0.0 when empty)."""
    if a.size == 0 or b.size == 0:
        return 0.0
    common = np.intersect1d(a, b, assume_unique=True).size
    return common / (a.size + b.size - common)


@lru_cache(maxsize=8)
def _minhash(num_perm: int, seed: int) -> MinHash:
    # One reusable sketch per shape: building one costs more than filling it.
    return MinHash(num_perm=num_perm, seed=seed, hashfunc=int, scheme="affine32")


def signature(shingles: np.ndarray, num_perm: int = 64, seed: int = 1) -> np.ndarray:
    """Return the MinHash signature (datasketch) of a shingle-hash array."""
    minhash = _minhash(num_perm, seed)
    minhash.clear()
    if shingles.size:
        minhash.update_batch(shingles.tolist())
    return minhash.hashvalues.copy()


@lru_cache(maxsize=32)
def band_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """Return (bands, rows) that datasketch's LSH picks for this threshold and size."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


@lru_cache(maxsize=32)
def _band_multipliers(bands: int, rows: int) -> np.ndarray:
    # Fixed odd 64-bit multipliers, one per (band, row): the same on every run and machine.
    digest = hashlib.shake_256(f"commentwatch-lsh-{bands}x{rows}".encode()).digest(
        8 * bands * rows)
    return (np.frombuffer(digest, dtype="<u8").reshape(bands, rows) | np.uint64(1))


def band_keys(hashvalues: np.ndarray, bands: int, rows: int) -> tuple[int, ...]:
    """Return one signed 64-bit key per LSH band (indexable as a BIGINT column).

    Each band's values are mixed with fixed odd multipliers (arithmetic modulo 2**64) and
    the band number, so equal bands give equal keys; a rare collision only adds a
    candidate, which the exact Jaccard check then rejects.
    """
    matrix = hashvalues[: bands * rows].astype(np.uint64).reshape(bands, rows)
    mixed = (matrix * _band_multipliers(bands, rows)).sum(axis=1, dtype=np.uint64)
    mixed ^= np.arange(bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    return tuple(int(v) for v in mixed.view(np.int64))

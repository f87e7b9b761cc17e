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
    values = [
        int.from_bytes(hashlib.blake2b(g.encode("utf-8", "surrogatepass"),
                                       digest_size=4).digest(), "little")
        for g in grams
    ]
    return np.unique(np.asarray(values, dtype=np.uint32))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Return the exact Jaccard similarity of two shingle-hash arrays (0.0 when empty)."""
    if a.size == 0 or b.size == 0:
        return 0.0
    common = np.intersect1d(a, b, assume_unique=True).size
    return common / (a.size + b.size - common)


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    perms = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    return perms[0], perms[1]


def signature(shingles: np.ndarray, num_perm: int = 64, seed: int = 1) -> np.ndarray:
    """Return the MinHash signature (datasketch) of a shingle-hash array."""
    minhash = MinHash(num_perm=num_perm, seed=seed, hashfunc=int, scheme="affine32",
                      permutations=_permutations(num_perm, seed))
    if shingles.size:
        minhash.update_batch(shingles.tolist())
    return minhash.hashvalues


@lru_cache(maxsize=32)
def band_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """Return (bands, rows) that datasketch's LSH picks for this threshold and size."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_keys(hashvalues: np.ndarray, bands: int, rows: int) -> tuple[int, ...]:
    """Return one signed 64-bit key per LSH band (indexable as a BIGINT column)."""
    keys = []
    for band in range(bands):
        chunk = hashvalues[band * rows : (band + 1) * rows].astype("<u8").tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, salt=band.to_bytes(2, "little"))
        keys.append(int.from_bytes(digest.digest(), "little", signed=True))
    return tuple(keys)

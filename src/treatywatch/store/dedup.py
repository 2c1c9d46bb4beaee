"""Near-duplicate detection with MinHash (datasketch) and banded LSH keys.

The same wire story runs in many outlets with small edits (headline, a trimmed paragraph).
Each relevant article gets a MinHash signature of its word 3-shingles; the signature is cut into
`BANDS` bands of `ROWS` values, and each band hashed to a bucket. Two articles sharing a bucket
are candidates; a candidate whose estimated Jaccard similarity reaches `THRESHOLD` is the same
story. The buckets are kept in the store (`article_bands`), so the index persists across runs
and never has to fit in memory.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.5
SHINGLE = 3
_SEED = 20241128
_SCHEME = "affine32"  # datasketch 2 hashing scheme; stored signatures depend on it

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """The seeded permutations, drawn once per process: datasketch draws them again for every
    MinHash it makes (a seeded RandomState, most of the cost of a signature) unless given."""
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def signature(text: str) -> MinHash:
    mh = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME, permutations=_permutations())
    grams = shingles(text)
    if grams:
        mh.update_batch(list(grams))
    return mh


def to_bytes(mh: MinHash) -> bytes:
    return np.asarray(mh.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=_SEED, hashvalues=values_of(data), scheme=_SCHEME,
                   permutations=_permutations())


def values_of(data: bytes) -> np.ndarray:
    """A stored signature's hash values (no MinHash object: comparing needs only these)."""
    return np.frombuffer(data, dtype=np.uint64)


def similarity(a: MinHash | np.ndarray, b: MinHash | np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of equal hash values (`MinHash.jaccard`)."""
    va = np.asarray(getattr(a, "hashvalues", a), dtype=np.uint64)
    vb = np.asarray(getattr(b, "hashvalues", b), dtype=np.uint64)
    if len(va) != len(vb):
        raise ValueError(f"signatures of {len(va)} and {len(vb)} values cannot be compared")
    return float(np.count_nonzero(va == vb)) / float(len(va))


def band_keys(mh: MinHash) -> list[tuple[int, int]]:
    """(band, bucket) pairs; the bucket is a signed 32-bit hash of the band's values."""
    values = np.asarray(mh.hashvalues, dtype=np.uint64)
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=4).digest()
        keys.append((band, int.from_bytes(digest, "big", signed=True)))
    return keys

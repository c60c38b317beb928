"""Text comparisons for policy identity: normalized names, title cores, similarity, MinHash.

Pure functions. The store (models.identity) decides links from these numbers; here is only
what two texts have in common.
"""

from __future__ import annotations

import hashlib
import re
import struct
from functools import lru_cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 64  # MinHash permutations: 64 keeps a signature small and a Jaccard estimate to ±0.06
BANDS, ROWS = 16, 4  # LSH: documents sharing any band are candidates (50 % Jaccard ≈ 50 % recall)
SHINGLE = 5  # characters per shingle: long enough that two unrelated Chinese texts share few
MIN_BODY = 200  # characters; shorter bodies are chrome or captions, not worth comparing

_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
_PARENS = re.compile(r"[（(][^（）()]{0,20}[）)]")
_QUOTED = re.compile(r"《([^《》]{4,80})》")
# The wrapper words around an instrument's name in a title, and the report/解读 words around a
# title that names one. Removing them leaves what two titles of one policy share.
_WRAPPERS = re.compile(
    r"^.{0,30}?关于(?:印发|转发|发布)?|^.{0,20}?(?:印发|转发)|的通知$|通知$|"
    r"^(?:一图读懂|图文解读|政策解读|图解|解读)[:：]?|(?:政策)?解读$|答记者问$|"
    r"(?:正式)?(?:发布|出台|印发|推出)"
)


def normalize_name(text: str) -> str:
    """A name as a key: no brackets, quotes, parentheticals, punctuation or 的; ASCII lower-cased."""
    text = _PARENS.sub("", text or "")
    text = _PUNCT.sub("", text).replace("的", "")
    return text.lower()


def quoted_names(text: str) -> list[str]:
    """Names in 《》 in ``text`` as keys (:func:`title_core`), in order, without repeats."""
    return list(dict.fromkeys(title_core(m) for m in _QUOTED.findall(text or "")))


def title_core(title: str) -> str:
    """The title without its 关于印发…的通知 / 解读 / 发布 wrapper, normalized."""
    core = title or ""
    for _ in range(3):  # wrappers nest: 关于印发…的通知 around 《…》
        stripped = _WRAPPERS.sub("", core)
        if stripped == core:
            break
        core = stripped
    return normalize_name(core)


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def dice(a: str, b: str) -> float:
    """Character-bigram Dice coefficient of two normalized strings (0 … 1)."""
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def containment(a: str, b: str) -> float:
    """Share of the shorter string's bigrams found in the longer one (0 … 1)."""
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    return len(x & y) / min(len(x), len(y))


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's permutations for our seed. Only these are taken from it: building a MinHash
    per body (and two per comparison, each drawing its permutations anew) cost milliseconds."""
    a, b = MinHash(num_perm=NUM_PERM, seed=20260119).permutations
    return np.asarray(a, dtype=np.uint64), np.asarray(b, dtype=np.uint64)


_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_SHA1_32 = struct.Struct("<I")


def body_minhash(body: str) -> list[int] | None:
    """The MinHash signature of a body's character shingles; None for a body too short to judge.

    The same values as datasketch's ``MinHash(num_perm=64, seed=20260119).update_batch`` over
    the UTF-8 shingles (stored signatures stay comparable), computed directly: 32-bit SHA-1
    hashes of the distinct shingles, then the permutations as one matrix operation."""
    text = _PUNCT.sub("", body or "")[:20000]
    if len(text) < MIN_BODY:
        return None
    shingles = {text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}
    sha1, unpack = hashlib.sha1, _SHA1_32.unpack_from
    hashes = np.fromiter((unpack(sha1(s.encode()).digest())[0] for s in shingles), dtype=np.uint64,
                         count=len(shingles))
    a, b = _permutations()
    permuted = np.bitwise_and((hashes[:, None] * a + b) % _MERSENNE, _MAX_HASH)
    return [int(v) for v in permuted.min(axis=0)]


def jaccard(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two bodies from their signatures: the share of equal slots."""
    if len(a) != len(b) or not a:
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def bands(signature: list[int]) -> list[str]:
    """LSH band keys of a signature: near-duplicates share at least one with high probability."""
    keys = []
    for band in range(BANDS):
        chunk = signature[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(repr(chunk).encode(), digest_size=10).hexdigest()
        keys.append(f"{band}:{digest}")
    return keys

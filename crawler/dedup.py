"""Near-duplicate detection for syndicated copies: MinHash signatures in a datasketch LSH index.

The signatures live in the crawl state (sqlite), so the index is rebuilt from it when a crawl
starts and a copy is recognised across crawls. Only originals are indexed, so `copy_of` always
names the first-seen article.
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHash, MinHashLSH

from claimgraph.records import normalise_text

NUM_PERM = 128
SHINGLE_WORDS = 4
SCHEME = "affine32"
COPY_THRESHOLD = 0.6
"""Estimated Jaccard similarity (of 4-word shingles) from which an article is a copy of another."""


def body_without_title(text: str, title: str) -> str:
    """The text without a first line that repeats the headline (syndicated copies often change it)."""
    first, _, rest = text.partition("\n")
    return rest if title and normalise_text(first) == normalise_text(title) else text


def signature(text: str, title: str = "") -> MinHash:
    """The MinHash of an article's body, on word shingles of its normalised text."""
    words = normalise_text(body_without_title(text, title)).split()
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles])
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype(np.uint64).tobytes()


def from_bytes(blob: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(blob, dtype=np.uint64).copy(), scheme=SCHEME)


class NearDuplicateIndex:
    """An LSH index of the originals' signatures."""

    def __init__(self, threshold: float = COPY_THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, article_id: str, minhash: MinHash) -> None:
        if article_id not in self._signatures:
            self._lsh.insert(article_id, minhash)
            self._signatures[article_id] = minhash

    def original_of(self, minhash: MinHash, exclude: str | None = None) -> str | None:
        """The indexed article most similar to `minhash`, if similar enough to be its original."""
        order = {article_id: index for index, article_id in enumerate(self._signatures)}
        scored = [
            (minhash.jaccard(self._signatures[candidate]), -order[candidate], candidate)
            for candidate in self._lsh.query(minhash)
            if candidate != exclude
        ]
        matches = [entry for entry in scored if entry[0] >= self.threshold]
        return max(matches)[2] if matches else None

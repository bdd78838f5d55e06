"""Matching the extractor's parties to an annotated article's gold names.

The rule is the shared scorer's (`../shared/eval/score_claims.py`): names are compared after lower-casing,
dropping punctuation, a leading "the" and trailing corporate suffixes, and one matches the other when its
tokens begin the other's ("Alibaba" ~ "Alibaba Group"). Training labels and the component's own scorer
use it, so what the model learns to emit is what the scorer counts as right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SUFFIXES = frozenset(
    {"inc", "corp", "corporation", "group", "platforms", "ltd", "llc", "co", "plc", "ai", "company", "holdings"}
    | {"limited"}
)


def normalised(name: str) -> tuple[str, ...]:
    """A name as the scorer compares it."""
    tokens = re.sub(r"[^\w\s-]", " ", name.lower()).replace("-", " ").split()
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in SUFFIXES:
        tokens = tokens[:-1]
    return tuple(tokens)


def same_name(first: str, second: str) -> bool:
    """Whether the scorer takes the two names for one party."""
    a, b = normalised(first), normalised(second)
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_[: len(short)] == short


def matches_any(names: Iterable[str], gold_name: str) -> bool:
    """Whether any of an entity's names (canonical name, aliases, forms in the text) is the gold name."""
    return any(same_name(name, gold_name) for name in names)

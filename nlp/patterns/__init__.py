"""Rules kept as data: the claim rules' trigger words and sentence shapes (the YAML files here).

Word lists in these files name a set of `nlp.lexicon` ("ACCUSE_VERBS"), so every word lives in the one
lexicon; sentence shapes are spaCy `Matcher` / `DependencyMatcher` patterns whose `IN` lists may name lexicon
sets the same way. Each file is read once per process.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from nlp import lexicon

PATTERNS_DIR = Path(__file__).resolve().parent


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed `name`.yaml of this folder."""
    path = PATTERNS_DIR / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path} must hold a mapping; see the comment at its top")
    return data


def words(value: str | list[str]) -> list[str]:
    """A word list: the words given, or the words of the `nlp.lexicon` set a name gives (sorted)."""
    if isinstance(value, str):
        found = getattr(lexicon, value, None)
        if not isinstance(found, frozenset):
            raise ValueError(f"{value!r} names no word set in nlp/lexicon.py")
        return sorted(found)
    return list(value)


def resolved(pattern: Any) -> Any:
    """A spaCy pattern with each `IN` / `NOT_IN` that names a lexicon set replaced by its words."""
    if isinstance(pattern, list):
        return [resolved(item) for item in pattern]
    if isinstance(pattern, dict):
        return {
            key: words(value) if key in {"IN", "NOT_IN"} and isinstance(value, str) else resolved(value)
            for key, value in pattern.items()
        }
    return pattern

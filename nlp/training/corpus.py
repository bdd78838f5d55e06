"""The annotated sets and how they split into training, development and held-out parts.

Two kinds of set:
- the claim corpus, `eval/corpus/*.jsonl`: each line carries a `story` id, and a story's articles stay
  together in one part, chosen by a hash of the id (60% train, 20% dev, 20% held out), so no model or
  rule ever sees one article of a held-out story;
- the earlier sets (`eval/{extra,news,outlet,wire}_claims.jsonl`), by 1-based line number: a multiple
  of 3 is held out, one more than a multiple of 3 is trained on, and the rest is their development part,
  which no model is fitted on: with the corpus's development stories it chooses the model's thresholds
  and calibrates its confidence, so they are chosen on news like the earlier sets, not only on the
  corpus's writers' habits.

The shared development set (`../shared/eval/dev_claims.jsonl`) is never trained on: it stays an honest
check. Held-out lines are only ever scored in aggregate (`benchmarks/score_nlp_sets.py`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

Part = Literal["train", "dev", "held_out"]

REPO_ROOT = Path(__file__).resolve().parents[2]
EVAL_DIR = REPO_ROOT / "eval"
CORPUS_DIR = EVAL_DIR / "corpus"
DEMO_GOLD = REPO_ROOT / "demo" / "gold" / "demo_claims.jsonl"
SHARED_DEV = REPO_ROOT.parent / "shared" / "eval" / "dev_claims.jsonl"
EARLIER_SETS = ("extra", "news", "outlet", "wire")
# Buckets of a story's hash (0-99): below TRAIN_BELOW train, below DEV_BELOW dev, the rest held out.
TRAIN_BELOW = 60
DEV_BELOW = 80


def part_of_story(story: str) -> Part:
    """The part a corpus story belongs to, fixed by its id alone."""
    bucket = int(hashlib.sha256(story.encode("utf-8")).hexdigest()[:8], 16) % 100
    if bucket < TRAIN_BELOW:
        return "train"
    if bucket < DEV_BELOW:
        return "dev"
    return "held_out"


def read_lines(path: Path) -> list[str]:
    """The non-blank lines of a JSONL file."""
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def part_of_line(number: int) -> Part:
    """The part of an earlier set's line, by its 1-based number."""
    if number % 3 == 0:
        return "held_out"
    return "train" if number % 3 == 1 else "dev"


def corpus_files(folder: Path = CORPUS_DIR) -> list[Path]:
    """The corpus files, in name order."""
    return sorted(folder.glob("*.jsonl")) if folder.is_dir() else []


def corpus_lines(part: Part, folder: Path = CORPUS_DIR) -> list[str]:
    """The corpus lines of one part."""
    return [
        line
        for path in corpus_files(folder)
        for line in read_lines(path)
        if part_of_story(json.loads(line)["story"]) == part
    ]


def earlier_set_lines(name: str, part: Part) -> list[str]:
    """One part of an earlier set (`extra`, `news`, `outlet` or `wire`)."""
    lines = read_lines(EVAL_DIR / f"{name}_claims.jsonl")
    return [line for number, line in enumerate(lines, 1) if part_of_line(number) == part]


def training_lines(folder: Path = CORPUS_DIR) -> list[str]:
    """What a model may be fitted on: the corpus's training stories, the earlier sets' training parts and
    the demo's gold."""
    lines = corpus_lines("train", folder)
    for name in EARLIER_SETS:
        lines += earlier_set_lines(name, "train")
    if DEMO_GOLD.exists():
        lines += read_lines(DEMO_GOLD)
    return lines


def development_lines(folder: Path = CORPUS_DIR) -> list[str]:
    """What a model's thresholds and calibration are chosen on: the corpus's development stories and the
    earlier sets' development parts."""
    lines = corpus_lines("dev", folder)
    for name in EARLIER_SETS:
        lines += earlier_set_lines(name, "dev")
    return lines


def articles(lines: Iterable[str]) -> list[dict[str, Any]]:
    """The annotated articles of `lines`."""
    return [json.loads(line) for line in lines]

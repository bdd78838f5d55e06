"""The annotated sets' parts: what a model is trained on, what its thresholds are chosen on, and what stays
held out never overlap, and a corpus story is never split between them."""

from __future__ import annotations

import json

from nlp.training.corpus import (
    EARLIER_SETS,
    EVAL_DIR,
    corpus_lines,
    development_lines,
    earlier_set_lines,
    part_of_line,
    part_of_story,
    read_lines,
    training_lines,
)


def test_an_earlier_sets_lines_go_to_one_part_each_by_number() -> None:
    assert [part_of_line(number) for number in range(1, 7)] == ["train", "dev", "held_out"] * 2
    for name in EARLIER_SETS:
        lines = read_lines(EVAL_DIR / f"{name}_claims.jsonl")
        parts = [earlier_set_lines(name, part) for part in ("train", "dev", "held_out")]  # type: ignore[arg-type]
        assert sorted(line for part in parts for line in part) == sorted(lines)
        assert parts[2] == lines[2::3]


def test_training_and_development_never_read_a_held_out_line_and_never_share_one() -> None:
    training, development = set(training_lines()), set(development_lines())
    held_out = set(corpus_lines("held_out"))
    for name in EARLIER_SETS:
        held_out |= set(earlier_set_lines(name, "held_out"))
        assert set(earlier_set_lines(name, "dev")) <= development
        assert set(earlier_set_lines(name, "train")) <= training
    assert held_out and not held_out & training and not held_out & development
    assert not training & development


def test_a_corpus_story_stays_in_one_part() -> None:
    stories: dict[str, set[str]] = {}
    for part in ("train", "dev", "held_out"):
        for line in corpus_lines(part):  # type: ignore[arg-type]
            stories.setdefault(json.loads(line)["story"], set()).add(part)
    assert stories and all(len(parts) == 1 for parts in stories.values())
    assert all(part_of_story(story) in parts for story, parts in stories.items())

"""Counts of the claim corpus (`eval/corpus/`), per part, as `eval/corpus/README.md` shows them.

usage: .venv/bin/python eval/corpus_stats.py

Only counts are printed, never an article of the held-out stories.
"""

from __future__ import annotations

import json
from collections import Counter

from nlp.training.corpus import corpus_files, part_of_story, read_lines

PARTS = ("train", "dev", "held_out")
LENGTHS = ((120, 250), (250, 500), (500, 800), (800, 1201))


def main() -> None:
    articles = [json.loads(line) for path in corpus_files() for line in read_lines(path)]
    by_part: dict[str, list[dict]] = {part: [] for part in PARTS}
    for article in articles:
        by_part[part_of_story(article["story"])].append(article)
    rows = {
        "articles": lambda group: len(group),
        "stories": lambda group: len({article["story"] for article in group}),
        "articles with no claim": lambda group: sum(1 for article in group if not article["gold"]["claims"]),
        "gold claims": lambda group: sum(len(article["gold"]["claims"]) for article in group),
        "responses": lambda group: sum(len(article["gold"]["responses"]) for article in group),
        "outlets": lambda group: len({article["source"] for article in group}),
        "words (mean)": lambda group: round(sum(len(a["text"].split()) for a in group) / max(1, len(group))),
    }
    print("| | all | " + " | ".join(PARTS) + " |")
    print("|---|---|" + "---|" * len(PARTS))
    for name, count in rows.items():
        print(f"| {name} | {count(articles)} | " + " | ".join(str(count(by_part[part])) for part in PARTS) + " |")
    for low, high in LENGTHS:
        counted = [sum(1 for a in group if low <= len(a["text"].split()) < high) for group in by_part.values()]
        total = sum(counted)
        print(f"| {low}-{high - 1} words | {total} | " + " | ".join(str(value) for value in counted) + " |")
    for field, label in (("category", "claims by category"), ("status", "claims by status")):
        counts = Counter(claim[field] for article in articles for claim in article["gold"]["claims"])
        print(f"\n{label}: " + ", ".join(f"{key} {value}" for key, value in counts.most_common()))
    styles = Counter(article["style"] for article in articles)
    print("\narticles by style: " + ", ".join(f"{key} {value}" for key, value in styles.most_common()))


if __name__ == "__main__":
    main()

"""Concise hand-made Extraction records for the graph tests (`story_builders`), and a canonical dump of the graph."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from neo4j import Driver
from story_builders import KINDS, Story, outlet, ref

__all__ = ["COMPANIES", "KINDS", "OUTLETS", "Story", "canonical_dump", "counts", "outlet", "ref", "synthetic_stories"]


def _plain(value: Any) -> Any:
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


VOLATILE = {"recorded_at", "updated_at", "version"}
HISTORY = "ClaimAlias"
"""The ids a claim had before an older report re-dated it: history of what users saw, not content."""


def canonical_dump(driver: Driver) -> tuple[list[tuple], list[tuple]]:
    """Every node and relationship with their properties (ingest-time stamps and id history left out), sorted."""
    nodes, _, _ = driver.execute_query(
        f"MATCH (n) WHERE NOT n:{HISTORY} RETURN labels(n) AS labels, properties(n) AS props"
    )
    edges, _, _ = driver.execute_query(
        f"MATCH (a)-[r]->(b) WHERE NOT a:{HISTORY} "
        "RETURN a.id AS source, type(r) AS type, properties(r) AS props, b.id AS target"
    )

    def clean(props: dict[str, Any]) -> tuple:
        return tuple(sorted((k, repr(_plain(v))) for k, v in props.items() if k not in VOLATILE))

    node_rows = sorted((tuple(sorted(row["labels"])), clean(row["props"])) for row in nodes)
    edge_rows = sorted((row["source"], row["type"], row["target"], clean(row["props"])) for row in edges)
    return node_rows, edge_rows


def counts(driver: Driver) -> tuple[int, int]:
    """(nodes, relationships) in the graph."""
    records, _, _ = driver.execute_query(
        "MATCH (n) WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS relationships"
    )
    return records[0]["nodes"], records[0]["relationships"]


COMPANIES = ["Anthropic", "OpenAI", "Alibaba", "DeepSeek", "Google", "Meta", "Mistral", "xAI", "Baidu", "Moonshot"]
OUTLETS = ["reuters", "bloomberg", "verge", "ft", "techcrunch", "wired"]


def synthetic_stories(count: int, *, seed: int = 7) -> list[Story]:
    """`count` articles reporting accusations among ten companies over a year (deterministic)."""
    chooser = random.Random(seed)
    stories = []
    for index in range(count):
        day = chooser.randrange(0, 360)
        published = datetime(2026, 1, 1, 8) + timedelta(days=day)
        story = Story(f"story-{index}", source=chooser.choice(OUTLETS), published=published.isoformat() + "+00:00")
        accuser, accused = chooser.sample(COMPANIES, 2)
        category = chooser.choice(["distillation", "copyright", "trade_secret", "antitrust"])
        claim = story.accuses(
            accuser,
            accused,
            category,
            on=(published - timedelta(days=1)).date().isoformat(),
            confidence=round(chooser.uniform(0.5, 0.95), 2),
            status=chooser.choice(["alleged", "alleged", "alleged", "lawsuit_filed"]),
        )
        if chooser.random() < 0.3:
            story.responds(claim, accused, chooser.choice(["denial", "no_comment", "rebuttal"]))
        stories.append(story)
    return stories

"""Analytics on a hand-made accusation graph, checked against rankings and paths worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest
from graph_builders import Story
from neo4j import Driver

from graph import analytics
from graph.writer import ingest


@pytest.fixture
def accusations(clean_graph: Driver) -> Driver:
    """Anthropic accuses Alibaba twice, OpenAI accuses Alibaba, Alibaba accuses Anthropic, Google accuses Meta."""
    one = Story("one", published="2026-03-02T08:00:00+00:00")
    one.accuses("Anthropic", "Alibaba", "distillation", about="Claude", on="2026-03-01")
    one.accuses("Anthropic", "Alibaba", "copyright", on="2026-03-01")
    one.relates("Anthropic", "DEVELOPS", "Claude")
    one.relates("Alibaba", "DEVELOPS", "Qwen")
    two = Story("two", source="verge", published="2026-05-02T08:00:00+00:00")
    two.accuses("OpenAI", "Alibaba", "distillation", on="2026-05-01")
    two.accuses("Alibaba", "Anthropic", "defamation", on="2026-05-01")
    three = Story("three", source="ft", published="2026-07-02T08:00:00+00:00")
    three.accuses("Google", "Meta", "antitrust", on="2026-07-01")
    ingest(clean_graph, [one.build(), two.build(), three.build()])
    return clean_graph


def ranked(rows: list[dict]) -> list[tuple[str, int]]:
    return [(row["entity"]["id"], row["claims"]) for row in rows]


def test_most_accused_and_most_accusing(accusations: Driver) -> None:
    assert ranked(analytics.most_accused(accusations)) == [("alibaba", 3), ("anthropic", 1), ("meta", 1)]
    assert analytics.most_accused(accusations)[0]["parties"] == 2
    assert ranked(analytics.most_accusing(accusations)) == [
        ("anthropic", 2),
        ("alibaba", 1),
        ("google", 1),
        ("openai", 1),
    ]
    assert ranked(analytics.most_accused(accusations, category="copyright")) == [("alibaba", 1)]
    by_period = analytics.most_accused(accusations, since=date(2026, 4, 1), until=date(2026, 6, 30))
    assert ranked(by_period) == [("alibaba", 1), ("anthropic", 1)]
    assert ranked(analytics.most_accused(accusations, limit=1)) == [("alibaba", 3)]


def test_pagerank_ranks_the_most_accused_first(accusations: Driver) -> None:
    scores = analytics.pagerank(accusations)
    assert scores[0]["entity"]["id"] == "alibaba"
    assert sum(row["score"] for row in scores) == pytest.approx(1.0, abs=1e-5)
    by_id = {row["entity"]["id"]: row["score"] for row in scores}
    assert by_id["openai"] == pytest.approx(by_id["google"])  # neither is accused: teleport mass only
    assert by_id["openai"] == min(by_id.values())
    assert by_id["meta"] > by_id["google"]


def test_shortest_paths_through_claims_and_models(accusations: Driver) -> None:
    paths = analytics.shortest_paths(accusations, "openai", "anthropic")
    assert {path["length"] for path in paths} == {4}
    assert len(paths) == 3  # via each of the three claims between Anthropic and Alibaba
    for path in paths:
        kinds = [node["kind"] for node in path["nodes"]]
        assert kinds == ["Company", "Claim", "Company", "Claim", "Company"]
        assert path["nodes"][2]["id"] == "alibaba"
    claude = analytics.shortest_paths(accusations, "claude", "alibaba")
    assert [[edge["type"] for edge in path["edges"]] for path in claude] == [["CONCERNS", "AGAINST"]]
    qwen = analytics.shortest_paths(accusations, "qwen", "claude")
    assert [[edge["type"] for edge in path["edges"]] for path in qwen] == [["DEVELOPS", "AGAINST", "CONCERNS"]]
    assert qwen[0]["edges"][0] == {"source": "alibaba", "target": "qwen", "type": "DEVELOPS"}
    assert analytics.shortest_paths(accusations, "openai", "meta") == []
    assert analytics.shortest_paths(accusations, "openai", "nobody") == []


def test_communities_of_disputing_entities(accusations: Driver) -> None:
    found = analytics.communities(accusations)
    assert [[member["id"] for member in group["members"]] for group in found] == [
        ["alibaba", "anthropic", "openai"],
        ["google", "meta"],
    ]
    assert [group["claims"] for group in found] == [4, 1]


def test_results_follow_the_graph_there_is_no_second_cache_here(accusations: Driver) -> None:
    first = analytics.most_accused(accusations)
    assert ranked(first)[0] == ("alibaba", 3)
    accusations.execute_query("MATCH (c:Claim {accused_id: 'alibaba'}) DETACH DELETE c")
    assert [row for row in ranked(analytics.most_accused(accusations)) if row[0] == "alibaba"] == []

"""The API's one cache of answers (api/cache.py) keys them by the configured database's graph version."""

from __future__ import annotations

import httpx
import pytest
from neo4j import Driver
from story_builders import Story

from api.cache import GraphCache
from claimgraph.connection import Neo4jConnection
from claimgraph.exceptions import GraphUnavailableError
from graph.writer import ingest


def test_the_cache_reads_the_version_of_the_configured_database(
    clean_graph: Driver, neo4j_connection: Neo4jConnection
) -> None:
    elsewhere = GraphCache(database="claimgraph-elsewhere", check_interval=0)
    with pytest.raises(GraphUnavailableError, match="claimgraph-elsewhere"):
        elsewhere.version(clean_graph)

    cache = GraphCache(database=neo4j_connection.database, check_interval=0)
    calls: list[int] = []
    assert cache.get_or_compute(clean_graph, "answer", lambda: calls.append(1) or len(calls)) == 1
    assert cache.get_or_compute(clean_graph, "answer", lambda: calls.append(1) or len(calls)) == 1
    story = Story("anthropic-accuses-alibaba")
    story.accuses("Anthropic", "Alibaba", on="2026-03-01")
    ingest(clean_graph, [story.build()], database=neo4j_connection.database)
    assert cache.get_or_compute(clean_graph, "answer", lambda: calls.append(1) or len(calls)) == 2, (
        "an ingest into the configured database empties the cache"
    )


def test_analytics_answers_are_cached_once_per_graph_version(clean_graph: Driver, client: httpx.Client) -> None:
    story = Story("anthropic-accuses-alibaba")
    story.accuses("Anthropic", "Alibaba", on="2026-03-01")
    ingest(clean_graph, [story.build()])
    first = client.get("/analytics/rankings/most-accused").json()
    assert [row["entity"]["id"] for row in first["items"]] == ["alibaba"]
    clean_graph.execute_query("MATCH (c:Claim) DETACH DELETE c")  # behind the writer's back: no version change
    assert client.get("/analytics/rankings/most-accused").json() == first
    late = Story("late", source="wired", published="2026-08-02T08:00:00+00:00")
    late.accuses("Meta", "Google", "antitrust", on="2026-08-01")
    ingest(clean_graph, [late.build()])
    answer = client.get("/analytics/rankings/most-accused").json()
    assert [row["entity"]["id"] for row in answer["items"]] == ["google"], answer

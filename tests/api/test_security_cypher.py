"""The Cypher console under attack: hostile queries (tests/api/data/hostile_cypher.jsonl) replayed against
the real API and the real Neo4j, each checked to leave the graph, the server's settings, another client's
open transaction and the subscribers' secrets untouched.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from apitest_support import API_KEY
from neo4j import Driver, Transaction

HOSTILE = [json.loads(line) for line in (Path(__file__).parent / "data" / "hostile_cypher.jsonl").open()]
WEBHOOK_URL = "http://127.0.0.1:9/secret-hook-path"


def fingerprint(driver: Driver) -> dict[str, Any]:
    """Everything a hostile query must not change: nodes, relationships, properties, schema, settings."""
    records = driver.execute_query(
        "MATCH (n) OPTIONAL MATCH (n)-[r]->() "
        "RETURN count(DISTINCT n) AS nodes, count(r) AS relationships, "
        "collect(DISTINCT [labels(n), properties(n)]) AS contents"
    ).records[0]
    indexes = sorted(record["name"] for record in driver.execute_query("SHOW INDEXES YIELD name").records)
    settings = {r["name"]: r["value"] for r in driver.execute_query("SHOW SETTINGS YIELD name, value").records}
    users = sorted(str(r.values()) for r in driver.execute_query("SHOW USERS", database_="system").records)
    return {
        "nodes": records["nodes"],
        "relationships": records["relationships"],
        "contents": sorted(json.dumps(item, sort_keys=True, default=str) for item in records["contents"]),
        "indexes": indexes,
        "settings": settings,
        "users": users,
    }


@pytest.fixture(scope="module")
def seeded(neo4j_driver: Driver, api_url: str) -> Iterator[dict[str, Any]]:
    """A small graph and one subscription with a webhook (its secret is what an attacker wants)."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    neo4j_driver.execute_query("CREATE (:Probe {name: 'a'})-[:LINKS]->(:Probe {name: 'b'})")
    created = httpx.post(
        f"{api_url}/subscriptions",
        headers={"X-API-Key": API_KEY},
        json={"kind": "category", "category": "distillation", "webhook_url": WEBHOOK_URL, "label": "watch list"},
        timeout=30,
    )
    assert created.status_code == 201, created.text
    yield {"secret": created.json()["webhook_secret"], "before": fingerprint(neo4j_driver)}
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")


@pytest.fixture(scope="module")
def victim(neo4j_driver: Driver, seeded: dict[str, Any]) -> Iterator[Transaction]:
    """Another client's transaction, open for the whole replay: no console query may end it."""
    with neo4j_driver.session() as session:
        transaction = session.begin_transaction(metadata={"app": "victim"})
        assert transaction.run("MATCH (p:Probe) RETURN count(p) AS n").single()["n"] == 2
        yield transaction
        assert transaction.run("RETURN 1 AS alive").single()["alive"] == 1
        transaction.rollback()


def test_the_replay_holds_at_least_a_hundred_hostile_queries() -> None:
    assert len(HOSTILE) >= 100
    assert len({item["query"] for item in HOSTILE}) == len(HOSTILE)


@pytest.mark.parametrize("item", HOSTILE, ids=[f"{i:03d}" for i in range(len(HOSTILE))])
def test_hostile_query_is_contained(
    item: dict[str, Any], seeded: dict[str, Any], victim: Transaction, neo4j_driver: Driver, client: httpx.Client
) -> None:
    response = client.post("/cypher", json={"query": item["query"]})
    assert response.status_code == item["status"], f"{item['why']}: {response.text[:300]}"
    text = response.text
    assert seeded["secret"] not in text
    assert "secret-hook-path" not in text
    if item["status"] == 200:  # a huge answer: cut, never sent whole
        body = response.json()
        assert body["truncated"] is True
        assert len(text) <= 5_000_000 + 10_000
    else:
        assert response.headers["content-type"].startswith("application/problem+json")
    assert victim.run("RETURN 1 AS alive").single()["alive"] == 1
    assert fingerprint(neo4j_driver) == seeded["before"]


def test_the_analyst_page_is_held_to_the_same_rules(seeded: dict[str, Any], client: httpx.Client) -> None:
    for query in ("MATCH (s:Subscription) RETURN s.webhook_secret", "SH\\u004fW SETTINGS YIELD name, value"):
        response = client.get("/web/analyst", params={"query": query})
        assert response.status_code == 403
        assert seeded["secret"] not in response.text
        assert "server.bolt" not in response.text

"""`GET /graph/neighbourhood/{id}` filtered on the server by claim category and date, on a hand-made graph.

Around Alibaba: Anthropic accuses it of distillation (about Claude) on 2026-02-10, OpenAI of
copyright infringement on 2026-03-05; Alibaba develops Qwen, Anthropic develops Claude. Each filter
removes known edges, and the entities reachable only through the claims it leaves out.
"""

from __future__ import annotations

import httpx
import pytest
from neo4j import Driver
from stories import Story

from graph.writer import ingest

DISTILLATION = {
    ("distillation", "MADE_BY", "anthropic"),
    ("distillation", "AGAINST", "alibaba"),
    ("distillation", "CONCERNS", "claude"),
    ("anthropic", "DEVELOPS", "claude"),
}
COPYRIGHT = {("copyright", "MADE_BY", "openai"), ("copyright", "AGAINST", "alibaba")}
ENTITY_EDGES = {("alibaba", "DEVELOPS", "qwen")}


def two_accusations() -> list[Story]:
    first = Story("anthropic-accuses-alibaba", source="reuters", published="2026-02-10T09:00:00+00:00")
    first.accuses(
        "Anthropic",
        "Alibaba",
        "distillation",
        about="Claude",
        sentence="Anthropic accused Alibaba of distilling Claude.",
        on="2026-02-10",
    )
    first.relates("Anthropic", "DEVELOPS", "Claude")
    first.relates("Alibaba", "DEVELOPS", "Qwen")
    second = Story("openai-accuses-alibaba", source="verge", published="2026-03-05T09:00:00+00:00")
    second.accuses(
        "OpenAI", "Alibaba", "copyright", sentence="OpenAI accused Alibaba of copying its books.", on="2026-03-05"
    )
    return [first, second]


@pytest.fixture(scope="module")
def accusations(neo4j_driver: Driver) -> Driver:
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    ingest(neo4j_driver, [story.build() for story in two_accusations()])
    return neo4j_driver


def edges_around_alibaba(client: httpx.Client, **params: object) -> set[tuple[str, str, str]]:
    """The depth-2 neighbourhood's edges, each claim named by its category (claim ids are hashes)."""
    answer = client.get("/graph/neighbourhood/alibaba", params={"depth": 2, **params})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    names = {node["id"]: node["category"] if node["kind"] == "claim" else node["id"] for node in body["nodes"]}
    assert {edge["source"] for edge in body["edges"]} | {edge["target"] for edge in body["edges"]} <= set(names)
    return {(names[edge["source"]], edge["type"], names[edge["target"]]) for edge in body["edges"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, DISTILLATION | COPYRIGHT | ENTITY_EDGES),
        ({"category": "distillation"}, DISTILLATION | ENTITY_EDGES),
        ({"category": "copyright"}, COPYRIGHT | ENTITY_EDGES),
        ({"category": ["copyright", "distillation"]}, DISTILLATION | COPYRIGHT | ENTITY_EDGES),
        ({"category": "privacy"}, ENTITY_EDGES),
        ({"since": "2026-03-01"}, COPYRIGHT | ENTITY_EDGES),
        ({"until": "2026-02-28"}, DISTILLATION | ENTITY_EDGES),
        ({"category": "copyright", "until": "2026-02-28"}, ENTITY_EDGES),
        ({"category": "distillation", "since": "2026-02-10", "until": "2026-02-10"}, DISTILLATION | ENTITY_EDGES),
    ],
)
def test_filters_remove_the_claims_left_out_and_what_only_they_reach(
    accusations: Driver, client: httpx.Client, params: dict, expected: set
) -> None:
    assert edges_around_alibaba(client, **params) == expected


def test_a_filtered_out_accuser_is_not_in_the_nodes(accusations: Driver, client: httpx.Client) -> None:
    body = client.get("/graph/neighbourhood/alibaba", params={"depth": 2, "category": "copyright"}).json()
    assert sorted(node["id"] for node in body["nodes"] if node["kind"] == "entity") == ["alibaba", "openai", "qwen"]


def test_unknown_category_is_refused(accusations: Driver, client: httpx.Client) -> None:
    answer = client.get("/graph/neighbourhood/alibaba", params={"category": "gossip"})
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["errors"][0]["location"] == "query.category.0"

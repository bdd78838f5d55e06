"""`/exports`: GraphML and GEXF load back with networkx with the nodes and edges the JSON answers give,
and claims come out as CSV, one row a claim."""

from __future__ import annotations

import csv
import io

import httpx
import networkx as nx
import pytest
from neo4j import Driver
from story_builders import Story

from graph import reads
from graph.disputes import dispute_id
from graph.writer import ingest


@pytest.fixture
def graph(clean_graph: Driver) -> Driver:
    one = Story("anthropic-alibaba", published="2026-06-26T09:00:00+00:00")
    one.accuses("Anthropic", "Alibaba", "distillation", about="Claude", on="2026-06-26")
    one.accuses("Anthropic", "Alibaba", "terms_of_service", on="2026-06-26")
    one.relates("Anthropic", "DEVELOPS", "Claude")
    two = Story("openai-deepseek", source="wire", published="2026-07-02T09:00:00+00:00")
    two.accuses("OpenAI", "DeepSeek", "distillation", on="2026-07-02")
    two.accuses("Alibaba", "Anthropic", "defamation", on="2026-07-02", sentence="Alibaba said Anthropic defamed it.")
    ingest(clean_graph, [one.build(), two.build()])
    return clean_graph


def load(body: bytes, file_format: str) -> nx.Graph:
    reader = nx.read_graphml if file_format == "graphml" else nx.read_gexf
    return reader(io.BytesIO(body))


@pytest.mark.parametrize("file_format", ["graphml", "gexf"])
def test_the_accusation_graph_loads_back_with_the_same_nodes_and_edges(
    graph: Driver, client: httpx.Client, file_format: str
) -> None:
    response = client.get(f"/exports/graph.{file_format}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(f"application/{file_format}+xml")
    assert f"claimgraph-accusations.{file_format}" in response.headers["content-disposition"]
    loaded = load(response.content, file_format)
    rows = reads.accusations(graph)
    parties = {row[f"{role}_id"] for row in rows for role in ("accuser", "accused")}
    assert (loaded.number_of_nodes(), loaded.number_of_edges()) == (len(parties), len(rows)) == (4, 4)
    assert set(loaded.nodes) == parties
    assert loaded.nodes["alibaba"]["label"] == "Alibaba"
    categories = sorted(data["category"] for _, _, data in loaded.edges(data=True))
    assert categories == ["defamation", "distillation", "distillation", "terms_of_service"]
    distilled = client.get("/exports/graph." + file_format, params={"category": "distillation"}).content
    assert load(distilled, file_format).number_of_edges() == 2


@pytest.mark.parametrize("file_format", ["graphml", "gexf"])
def test_a_dispute_and_a_neighbourhood_load_back_with_the_same_counts(
    graph: Driver, client: httpx.Client, file_format: str
) -> None:
    dispute = dispute_id("anthropic", "alibaba")
    loaded = load(client.get(f"/exports/disputes/{dispute}.{file_format}").content, file_format)
    claim_ids = reads.get_dispute(graph, dispute)["claim_ids"]
    assert (loaded.number_of_nodes(), loaded.number_of_edges()) == (2, len(claim_ids)) == (2, 3)

    found = client.get("/graph/neighbourhood/anthropic", params={"depth": 2}).json()
    exported = client.get(f"/exports/entities/anthropic/neighbourhood.{file_format}", params={"depth": 2})
    loaded = load(exported.content, file_format)
    assert loaded.number_of_nodes() == len(found["nodes"]) > 0
    assert loaded.number_of_edges() == len(found["edges"]) > 0
    assert {data["kind"] for _, data in loaded.nodes(data=True)} == {node["kind"] for node in found["nodes"]}


def test_exports_of_what_is_not_there_are_404(graph: Driver, client: httpx.Client) -> None:
    assert client.get("/exports/disputes/no-such-dispute.graphml").status_code == 404
    assert client.get("/exports/entities/no-such-entity/neighbourhood.gexf").status_code == 404
    assert client.get("/exports/graph.pdf").status_code == 422


def test_claims_as_csv_one_row_a_claim(graph: Driver, client: httpx.Client) -> None:
    response = client.get("/exports/claims.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    claims = reads.list_claims(graph, limit=100)
    assert sorted(row["id"] for row in rows) == sorted(claim["id"] for claim in claims)
    defamation = next(row for row in rows if row["category"] == "defamation")
    assert (defamation["accuser"], defamation["accused_id"], defamation["claim_date"]) == (
        "Alibaba",
        "anthropic",
        "2026-07-02",
    )
    only = list(csv.DictReader(io.StringIO(client.get("/exports/claims.csv", params={"entity_id": "openai"}).text)))
    assert [row["accused"] for row in only] == ["DeepSeek"]

"""Journalist and analyst endpoints on a small hand-made graph, against hand-computed answers."""

from __future__ import annotations

import csv
import io

import httpx
import pytest
from neo4j import Driver
from stories import Story

from graph.writer import ingest

REUTERS_URL = "https://reuters.example/anthropic-accuses-alibaba"
BBC_URL = "https://bbc.example/alibaba-denies"


def hand_made_stories() -> list[Story]:
    """Anthropic accuses Alibaba (Reuters), the BBC reports it again with Alibaba's denial; NYT sues OpenAI."""
    first = Story("anthropic-accuses-alibaba", source="reuters", published="2026-02-10T09:00:00+00:00")
    first.accuses(
        "Anthropic",
        "Alibaba",
        "distillation",
        about="Claude",
        sentence="Anthropic accused Alibaba of distilling Claude to train Qwen.",
        on="2026-02-10",
        confidence=0.9,
    )
    first.relates("Anthropic", "DEVELOPS", "Claude")
    first.relates("Alibaba", "DEVELOPS", "Qwen")
    second = Story("alibaba-denies", source="bbc", published="2026-02-12T09:00:00+00:00")
    again = second.accuses(
        "Anthropic",
        "Alibaba",
        "distillation",
        about="Claude",
        sentence="Anthropic says Alibaba distilled Claude.",
        on="2026-02-10",
        confidence=0.7,
    )
    second.responds(again, "Alibaba", "denial", sentence="Alibaba denied the accusation.", on="2026-02-12")
    lawsuit = Story("nyt-sues-openai", source="verge", published="2026-01-20T09:00:00+00:00")
    lawsuit.accuses(
        "New York Times",
        "OpenAI",
        "copyright",
        sentence="The New York Times sued OpenAI for copyright infringement.",
        on="2026-01-19",
        status="lawsuit_filed",
        confidence=0.95,
    )
    return [first, second, lawsuit]


@pytest.fixture
def graph(clean_graph: Driver) -> Driver:
    ingest(clean_graph, [story.build() for story in hand_made_stories()])
    return clean_graph


def the_dispute(client: httpx.Client) -> dict:
    hits = client.get("/search", params={"q": "Anthropic v. Alibaba", "kinds": "dispute"}).json()["items"]
    assert [hit["name"] for hit in hits] == ["Anthropic v. Alibaba: distillation"]
    return hits[0]


def test_search_by_name_and_alias(graph: Driver, client: httpx.Client) -> None:
    by_alias = client.get("/search", params={"q": "alibaba cloud", "kinds": "entity"}).json()["items"]
    assert [(hit["kind"], hit["id"]) for hit in by_alias] == [("entity", "alibaba")]
    anthropic = client.get("/search", params={"q": "anthropic"}).json()["items"]
    assert {(hit["kind"], hit["name"]) for hit in anthropic} == {
        ("entity", "Anthropic"),
        ("dispute", "Anthropic v. Alibaba: distillation"),
    }
    assert anthropic[0]["name"] == "Anthropic"  # the exact name first
    assert client.get("/search", params={"q": "zzz-nothing"}).json()["items"] == []
    assert client.get("/search", params={"q": "x", "kinds": "article"}).status_code == 422


def test_entity_profile(graph: Driver, client: httpx.Client) -> None:
    profile = client.get("/entities/alibaba").json()
    assert profile["name"] == "Alibaba" and profile["type"] == "Company"
    assert profile["aliases"] == ["Alibaba Cloud"]
    assert [model["id"] for model in profile["develops"]] == ["qwen"]
    assert profile["claims_made"] == []
    [received] = profile["claims_received"]
    assert (received["accuser"]["id"], received["category"], received["corroboration"]) == (
        "anthropic",
        "distillation",
        2,
    )
    assert received["other_party"]["id"] == "anthropic"
    assert [(d["name"], d["status"]) for d in profile["disputes"]] == [("Anthropic v. Alibaba: distillation", "denied")]
    claude = client.get("/entities/claude").json()
    assert [e["id"] for e in claude["developed_by"]] == ["anthropic"]
    missing = client.get("/entities/nobody")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")


def test_dispute_with_parties_and_status_history(graph: Driver, client: httpx.Client) -> None:
    dispute = client.get(f"/disputes/{the_dispute(client)['id']}").json()
    assert [party["id"] for party in dispute["parties"]] == ["alibaba", "anthropic"]
    assert dispute["status"] == "denied"
    assert dispute["categories"] == ["distillation"]
    history = [(c["previous_status"], c["status"], c["date"]) for c in dispute["status_history"]]
    assert history == [(None, "alleged", "2026-02-10"), ("alleged", "denied", "2026-02-12")]
    denial = dispute["status_history"][1]
    assert (denial["sentence"], denial["article_url"]) == ("Alibaba denied the accusation.", BBC_URL)
    assert len(dispute["claim_ids"]) == 1
    assert client.get("/disputes/nope").status_code == 404


def test_dispute_list_orders_and_pages(graph: Driver, client: httpx.Client) -> None:
    recent = [d["name"] for d in client.get("/disputes").json()["items"]]
    assert recent == ["Anthropic v. Alibaba: distillation", "New York Times v. OpenAI: copyright"]
    oldest = [d["name"] for d in client.get("/disputes", params={"order": "oldest"}).json()["items"]]
    assert oldest == list(reversed(recent))
    page = client.get("/disputes", params={"limit": 1, "offset": 1}).json()
    assert [d["name"] for d in page["items"]] == recent[1:]
    assert client.get("/disputes", params={"limit": 201}).status_code == 422


EXPECTED_TIMELINE = [
    ("2026-02-10", "claim_first_reported", "Reuters", True, REUTERS_URL),
    ("2026-02-12", "new_report", "Bbc", False, BBC_URL),
    ("2026-02-12", "response", "Bbc", False, BBC_URL),
    ("2026-02-12", "status_change", "Bbc", False, BBC_URL),
]


def test_dispute_timeline_json_csv_and_timelinejs(graph: Driver, client: httpx.Client) -> None:
    dispute_id = the_dispute(client)["id"]
    timeline = client.get(f"/disputes/{dispute_id}/timeline").json()
    assert timeline["title"] == "Anthropic v. Alibaba: distillation"
    rows = [
        (e["date"], e["kind"], e["source_name"], e["first_reporter"], e["evidence"][0]["article_url"])
        for e in timeline["events"]
    ]
    assert rows == EXPECTED_TIMELINE
    assert timeline["events"][0]["evidence"][0]["sentence"] == (
        "Anthropic accused Alibaba of distilling Claude to train Qwen."
    )

    response = client.get(f"/disputes/{dispute_id}/timeline.csv")
    assert response.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["date"], r["kind"], r["first_reporter"], r["article_url"]) for r in table] == [
        (date, kind, "yes" if first else "no", url) for date, kind, _, first, url in EXPECTED_TIMELINE
    ]
    assert table[2]["sentence"] == "Alibaba denied the accusation."

    slides = client.get(f"/disputes/{dispute_id}/timeline/timelinejs").json()
    assert slides["title"]["text"]["headline"] == "Anthropic v. Alibaba: distillation"
    assert [e["start_date"] for e in slides["events"]] == [
        {"year": 2026, "month": 2, "day": 10},
        {"year": 2026, "month": 2, "day": 12},
        {"year": 2026, "month": 2, "day": 12},
        {"year": 2026, "month": 2, "day": 12},
    ]
    assert slides["events"][0]["text"]["headline"] == "Anthropic accuses Alibaba of distilling Claude"
    assert REUTERS_URL in slides["events"][0]["text"]["text"]
    assert [e["group"] for e in slides["events"]] == ["claim first reported", "new report", "response", "status change"]
    assert client.get("/disputes/nope/timeline.csv").status_code == 404


def test_entity_timeline(graph: Driver, client: httpx.Client) -> None:
    openai = client.get("/entities/openai/timeline").json()
    assert [(e["date"], e["kind"]) for e in openai["events"]] == [("2026-01-19", "claim_first_reported")]
    table = list(csv.DictReader(io.StringIO(client.get("/entities/openai/timeline.csv").text)))
    assert [row["sentence"] for row in table] == ["The New York Times sued OpenAI for copyright infringement."]
    alibaba = client.get("/entities/alibaba/timeline/timelinejs").json()
    assert len(alibaba["events"]) == 4


def test_claim_with_every_report(graph: Driver, client: httpx.Client) -> None:
    [summary] = client.get("/claims", params={"entity_id": "alibaba"}).json()["items"]
    claim = client.get(f"/claims/{summary['id']}").json()
    assert (claim["corroboration"], claim["report_count"], claim["confidence"]) == (2, 2, pytest.approx(0.97))
    assert claim["first_reporter"]["source_name"] == "Reuters"
    assert claim["first_reporter"]["article_url"] == REUTERS_URL
    reports = [(r["source_name"], r["first_report"], r["sentence"], r["published_at"][:10]) for r in claim["reports"]]
    assert reports == [
        ("Reuters", True, "Anthropic accused Alibaba of distilling Claude to train Qwen.", "2026-02-10"),
        ("Bbc", False, "Anthropic says Alibaba distilled Claude.", "2026-02-12"),
    ]
    [response] = claim["responses"]
    assert (response["kind"], response["responder"]["id"], response["date"]) == ("denial", "alibaba", "2026-02-12")
    assert client.get("/claims/0000").status_code == 404


@pytest.mark.parametrize(
    ("params", "accusers"),
    [
        ({}, ["anthropic", "new-york-times"]),
        ({"category": "copyright"}, ["new-york-times"]),
        ({"status": "lawsuit_filed"}, ["new-york-times"]),
        ({"status": "denied"}, ["anthropic"]),
        ({"since": "2026-02-01"}, ["anthropic"]),
        ({"until": "2026-02-01"}, ["new-york-times"]),
        ({"entity_id": "claude"}, ["anthropic"]),
        ({"limit": 1, "offset": 1}, ["new-york-times"]),
    ],
)
def test_claim_filters(graph: Driver, client: httpx.Client, params: dict, accusers: list[str]) -> None:
    items = client.get("/claims", params=params).json()["items"]
    assert [item["accuser"]["id"] for item in items] == accusers


def test_neighbourhood(graph: Driver, client: httpx.Client) -> None:
    near = client.get("/graph/neighbourhood/alibaba").json()
    entities = sorted(n["id"] for n in near["nodes"] if n["kind"] == "entity")
    claims = [n for n in near["nodes"] if n["kind"] == "claim"]
    assert entities == ["alibaba", "qwen"] and len(claims) == 1
    assert sorted((e["source"], e["type"], e["target"]) for e in near["edges"]) == sorted(
        [("alibaba", "DEVELOPS", "qwen"), (claims[0]["id"], "AGAINST", "alibaba")]
    )
    wider = client.get("/graph/neighbourhood/alibaba", params={"depth": 2}).json()
    assert sorted(n["id"] for n in wider["nodes"] if n["kind"] == "entity") == [
        "alibaba",
        "anthropic",
        "claude",
        "qwen",
    ]
    only_develops = client.get("/graph/neighbourhood/alibaba", params={"relationship_types": "DEVELOPS"}).json()
    assert sorted(n["id"] for n in only_develops["nodes"]) == ["alibaba", "qwen"]
    before = client.get("/graph/neighbourhood/alibaba", params={"until": "2026-01-31"}).json()
    assert [n["kind"] for n in before["nodes"]].count("claim") == 0
    assert client.get("/graph/neighbourhood/nobody").status_code == 404
    assert client.get("/graph/neighbourhood/alibaba", params={"depth": 4}).status_code == 422


def test_answers_follow_the_graph_after_an_ingest(graph: Driver, client: httpx.Client) -> None:
    before = [d["name"] for d in client.get("/disputes").json()["items"]]
    story = Story("deepseek-accused", source="verge", published="2026-03-01T09:00:00+00:00")
    story.accuses(
        "OpenAI", "DeepSeek", "distillation", sentence="OpenAI accused DeepSeek of distillation.", on="2026-03-01"
    )
    ingest(graph, [story.build()])
    after = [d["name"] for d in client.get("/disputes").json()["items"]]
    assert after == ["OpenAI v. DeepSeek: distillation", *before]


@pytest.mark.parametrize(
    ("ranking", "params", "names"),
    [
        ("most-accused", {}, ["Alibaba", "OpenAI"]),
        ("most-accusing", {}, ["Anthropic", "New York Times"]),
        ("most-accused", {"category": "copyright"}, ["OpenAI"]),
        ("most-accused", {"since": "2026-02-01"}, ["Alibaba"]),
        ("most-accusing", {"until": "2026-02-01"}, ["New York Times"]),
        ("most-accused", {"limit": 1}, ["Alibaba"]),
    ],
)
def test_rankings(graph: Driver, client: httpx.Client, ranking: str, params: dict, names: list[str]) -> None:
    items = client.get(f"/analytics/rankings/{ranking}", params=params).json()["items"]
    assert [item["entity"]["name"] for item in items] == names
    assert [item["rank"] for item in items] == list(range(1, len(names) + 1))
    assert all(item["claims"] == 1 and item["parties"] == 1 for item in items)


def test_pagerank_puts_the_accused_first(graph: Driver, client: httpx.Client) -> None:
    items = client.get("/analytics/pagerank").json()["items"]
    assert [item["entity"]["id"] for item in items] == ["alibaba", "openai", "anthropic", "new-york-times"]
    scores = [item["score"] for item in items]
    assert scores[0] == scores[1] > scores[2] == scores[3]
    assert sum(scores) == pytest.approx(1.0, abs=1e-4)


def test_communities(graph: Driver, client: httpx.Client) -> None:
    items = client.get("/analytics/communities").json()["items"]
    assert [sorted(member["id"] for member in item["members"]) for item in items] == [
        ["alibaba", "anthropic"],
        ["new-york-times", "openai"],
    ]
    assert [(item["size"], item["claims"]) for item in items] == [(2, 1), (2, 1)]


def test_shortest_paths(graph: Driver, client: httpx.Client) -> None:
    found = client.get("/graph/paths", params={"source": "anthropic", "target": "qwen"}).json()
    [path] = found["paths"]
    assert path["length"] == 3
    assert [node["id"] for node in path["nodes"]][::3] == ["anthropic", "qwen"]
    assert [node["kind"] for node in path["nodes"]] == ["Company", "Claim", "Company", "Model"]
    claim_id = path["nodes"][1]["id"]
    assert [(e["source"], e["type"], e["target"]) for e in path["edges"]] == [
        (claim_id, "MADE_BY", "anthropic"),
        (claim_id, "AGAINST", "alibaba"),
        ("alibaba", "DEVELOPS", "qwen"),
    ]
    unlinked = client.get("/graph/paths", params={"source": "anthropic", "target": "openai"}).json()
    assert unlinked["paths"] == []
    assert client.get("/graph/paths", params={"source": "anthropic", "target": "nobody"}).status_code == 404

"""Claim ids stay valid for users, statuses are typed, reads name the configured database.

Against the real Neo4j and a real uvicorn: an older report that re-dates a claim gives it a new
id, but the old URL still answers and subscribers hear of the claim once.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import httpx
from apitest_support import API_KEY
from neo4j import Driver
from stories import Story

from api.dispatcher import dispatch_once
from claimgraph.records import DisputeStatus
from claimgraph.settings import Settings
from graph.writer import ingest

KEY = {"X-API-Key": API_KEY}


def report(slug: str, source: str, day: str) -> Story:
    """One outlet's report of the same accusation, made on `day`."""
    story = Story(slug, source=source, published=f"{day}T09:00:00+00:00")
    story.accuses(
        "Anthropic",
        "Alibaba",
        "distillation",
        about="Claude",
        sentence="Anthropic accused Alibaba of distilling Claude.",
        on=day,
    )
    return story


def claim_deliveries(client: httpx.Client, subscription_id: str) -> list[dict]:
    items = client.get(f"/subscriptions/{subscription_id}/deliveries", headers=KEY).json()["items"]
    return sorted(items, key=lambda item: item["event_type"])


def test_an_older_report_keeps_the_claim_url_and_alerts_once(
    clean_graph: Driver, client: httpx.Client, api_settings: Settings
) -> None:
    subscription = client.post("/subscriptions", json={"kind": "category", "category": "distillation"}, headers=KEY)
    assert subscription.status_code == 201, subscription.text
    subscription_id = subscription.json()["id"]

    ingest(clean_graph, [report("newer", "verge", "2026-03-10").build()])
    assert dispatch_once(clean_graph, api_settings).deliveries_recorded == 1
    [first_seen] = client.get("/claims", params={"entity_id": "alibaba"}).json()["items"]

    ingest(clean_graph, [report("older", "reuters", "2026-02-25").build()])  # same accusation, 13 days earlier
    [current] = client.get("/claims", params={"entity_id": "alibaba"}).json()["items"]
    assert current["id"] != first_seen["id"]
    assert current["claim_date"] == "2026-02-25" and current["report_count"] == 2
    assert dispatch_once(clean_graph, api_settings).deliveries_recorded == 0

    old_url = client.get(f"/claims/{first_seen['id']}")
    assert old_url.status_code == 200
    assert old_url.json()["id"] == current["id"]
    assert len(old_url.json()["reports"]) == 2

    denial = Story("alibaba-denies", source="bbc", published="2026-03-12T09:00:00+00:00")
    repeated = denial.accuses(
        "Anthropic", "Alibaba", "distillation", about="Claude", sentence="Anthropic made the claim.", on="2026-03-10"
    )
    denial.responds(repeated, "Alibaba", "denial", sentence="Alibaba denied it.", on="2026-03-11")
    ingest(clean_graph, [denial.build()])
    assert dispatch_once(clean_graph, api_settings).deliveries_recorded == 1

    deliveries = claim_deliveries(client, subscription_id)
    assert [item["event_type"] for item in deliveries] == ["claim.new", "dispute.status_changed"]
    assert deliveries[0]["link"] == f"http://claimgraph.test/claims/{first_seen['id']}"
    assert client.get("/claims/no-such-claim").status_code == 404


def test_an_admission_is_a_responded_status_that_the_api_documents(clean_graph: Driver, client: httpx.Client) -> None:
    story = report("accusation", "reuters", "2026-03-01")
    story.responds(story.claims[0], "Alibaba", "admission", sentence="Alibaba admitted it.", on="2026-03-02")
    ingest(clean_graph, [story.build()])
    [claim] = client.get("/claims", params={"status": "responded"}).json()["items"]
    assert claim["status"] == "responded"
    [dispute] = client.get("/disputes").json()["items"]
    history = client.get(f"/disputes/{dispute['id']}").json()["status_history"]
    assert [change["status"] for change in history] == ["alleged", "responded"]

    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert schemas["DisputeStatus"]["enum"] == [status.value for status in DisputeStatus]
    assert schemas["ClaimSummary"]["properties"]["status"]["$ref"].endswith("/DisputeStatus")


def test_reads_name_the_configured_database(
    clean_graph: Driver, api_factory: Callable[..., AbstractContextManager[str]]
) -> None:
    ingest(clean_graph, [report("accusation", "reuters", "2026-03-01").build()])
    with api_factory(neo4j_database="nosuchdb") as url:
        answer = httpx.get(f"{url}/claims", timeout=30)
    assert answer.status_code == 503
    assert "no database 'nosuchdb'" in answer.json()["detail"]

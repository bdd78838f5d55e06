"""Subscriptions, Atom feeds and signed webhooks, end to end: real Neo4j, real uvicorn, a real receiver."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import feedparser
import httpx
import pytest
from apitest_support import API_KEY
from neo4j import Driver
from stories import Story

from api.dispatcher import DispatchReport, dispatch_once, record_alerts
from api.webhooks import verify
from claimgraph.settings import Settings
from graph.writer import ingest

KEY = {"X-API-Key": API_KEY}


@dataclass
class Receiver:
    """A webhook receiver on loopback that answers 500 to its first `fail_first` requests."""

    url: str
    fail_first: int = 0
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    answered: list[int] = field(default_factory=list)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
            status = 500 if len(state.requests) <= state.fail_first else 204
            state.answered.append(status)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def opening_story() -> Story:
    story = Story("anthropic-accuses-alibaba", source="reuters", published="2026-02-10T09:00:00+00:00")
    story.accuses(
        "Anthropic",
        "Alibaba",
        "distillation",
        about="Claude",
        sentence="Anthropic accused Alibaba of distilling Claude to train Qwen.",
        on="2026-02-10",
        confidence=0.9,
    )
    story.relates("Anthropic", "DEVELOPS", "Claude")
    story.accuses(
        "New York Times",
        "OpenAI",
        "copyright",
        sentence="The New York Times sued OpenAI for copyright infringement.",
        on="2026-02-09",
        status="lawsuit_filed",
        confidence=0.95,
    )
    return story


def later_stories() -> list[Story]:
    """After subscribing: Alibaba denies (a status change), OpenAI accuses Alibaba (a new claim)."""
    denial = Story("alibaba-denies", source="bbc", published="2026-02-12T09:00:00+00:00")
    claim = denial.accuses(
        "Anthropic",
        "Alibaba",
        "distillation",
        about="Claude",
        sentence="Anthropic says Alibaba distilled Claude.",
        on="2026-02-10",
        confidence=0.7,
    )
    denial.responds(claim, "Alibaba", "denial", sentence="Alibaba denied the accusation.", on="2026-02-12")
    second = Story("openai-accuses-alibaba", source="verge", published="2026-02-20T09:00:00+00:00")
    second.accuses(
        "OpenAI",
        "Alibaba",
        "terms_of_service",
        sentence="OpenAI accused Alibaba of breaking its terms of service.",
        on="2026-02-19",
        confidence=0.6,
    )
    return [denial, second]


def subscribe(client: httpx.Client, **body: object) -> dict:
    response = client.post("/subscriptions", json=body, headers=KEY)
    assert response.status_code == 201, response.text
    return response.json()


# --- Subscriptions -------------------------------------------------------------------------------


def test_managing_subscriptions_needs_a_valid_key(clean_graph: Driver, client: httpx.Client) -> None:
    ingest(clean_graph, [opening_story().build()])
    body = {"kind": "entity", "entity_id": "alibaba"}
    missing = client.post("/subscriptions", json=body)
    assert missing.status_code == 401
    assert "X-API-Key" in missing.json()["detail"]
    wrong = client.post("/subscriptions", json=body, headers={"X-API-Key": "not-the-key"})
    assert wrong.status_code == 403
    assert client.get("/subscriptions").status_code == 401


def test_without_configured_keys_creation_is_refused_with_how_to(
    clean_graph: Driver, api_factory: Callable[..., AbstractContextManager[str]]
) -> None:
    with api_factory(api_keys=[]) as url:
        response = httpx.post(f"{url}/subscriptions", json={"kind": "category", "category": "copyright"}, headers=KEY)
    assert response.status_code == 403
    assert "CLAIMGRAPH_API_KEYS" in response.json()["detail"]


def test_subscription_lifecycle(clean_graph: Driver, client: httpx.Client) -> None:
    ingest(clean_graph, [opening_story().build()])
    created = subscribe(client, kind="pair", entity_ids=["alibaba", "anthropic"], label="A v A", min_confidence=0.5)
    assert created["feed_url"].startswith("http://claimgraph.test/feeds/")
    assert created["webhook_secret"] is None
    listed = client.get("/subscriptions", headers=KEY).json()["items"]
    assert [item["id"] for item in listed] == [created["id"]]
    assert "feed_url" not in listed[0] and "feed_token_hash" not in listed[0]
    fetched = client.get(f"/subscriptions/{created['id']}", headers=KEY).json()
    assert fetched["entity_ids"] == ["alibaba", "anthropic"]
    assert fetched["label"] == "A v A"
    assert client.get(f"/subscriptions/{created['id']}/deliveries", headers=KEY).json()["items"] == []
    assert client.delete(f"/subscriptions/{created['id']}", headers=KEY).status_code == 204
    assert client.get(f"/subscriptions/{created['id']}", headers=KEY).status_code == 404
    assert httpx.get(created["feed_url"].replace("http://claimgraph.test", str(client.base_url))).status_code == 404


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"kind": "entity", "entity_id": "nobody"}, 404, "no entity"),
        ({"kind": "dispute", "dispute_id": "d0"}, 404, "no dispute"),
        ({"kind": "entity"}, 422, "body.entity.entity_id: Field required"),
        ({"kind": "category", "category": "copyright", "entity_id": "alibaba"}, 422, "body.category.entity_id"),
        ({"kind": "everything"}, 422, "kind"),
        ({"kind": "pair", "entity_ids": ["alibaba", "alibaba"]}, 422, "two different"),
        ({"kind": "category", "category": "gossip"}, 422, "category"),
        ({"kind": "category", "category": "copyright", "webhook_url": "ftp://example.org/x"}, 400, "http"),
    ],
)
def test_bad_subscriptions_are_refused(
    clean_graph: Driver, client: httpx.Client, body: dict, status: int, words: str
) -> None:
    ingest(clean_graph, [opening_story().build()])
    response = client.post("/subscriptions", json=body, headers=KEY)
    assert response.status_code == status, response.text
    assert words in response.json()["detail"]
    assert client.get("/subscriptions", headers=KEY).json()["items"] == []


@pytest.mark.parametrize("target", ["http://127.0.0.1:9/hook", "http://localhost/hook", "http://169.254.169.254/"])
def test_webhooks_to_private_addresses_are_refused(
    clean_graph: Driver, api_factory: Callable[..., AbstractContextManager[str]], target: str
) -> None:
    with api_factory(webhook_allow_private=False) as url:
        response = httpx.post(
            f"{url}/subscriptions",
            json={"kind": "category", "category": "copyright", "webhook_url": target},
            headers=KEY,
        )
    assert response.status_code == 400
    assert "public addresses only" in response.json()["detail"]


# --- Dispatch: feeds and webhooks ------------------------------------------------------------------


def test_alerts_reach_feed_and_webhook_once(
    clean_graph: Driver, client: httpx.Client, api_settings: Settings, receiver: Receiver
) -> None:
    ingest(clean_graph, [opening_story().build()])
    alibaba = subscribe(client, kind="entity", entity_id="alibaba", webhook_url=receiver.url)
    copyright_ = subscribe(client, kind="category", category="copyright")
    confident = subscribe(client, kind="entity", entity_id="alibaba", min_confidence=0.65)
    before = dispatch_once(clean_graph, api_settings)
    assert before.deliveries_recorded == 0  # everything so far happened before the subscriptions

    for story in later_stories():
        ingest(clean_graph, [story.build()])
    report = dispatch_once(clean_graph, api_settings)
    again = dispatch_once(clean_graph, api_settings)

    bodies = [json.loads(body) for _, body in receiver.requests]
    kinds = sorted(body["event"]["type"] for body in bodies)
    assert kinds == ["claim.new", "dispute.status_changed"]
    assert report.webhooks_delivered == 2 and again.webhooks_delivered == 0 and again.deliveries_recorded == 0
    change = next(b for b in bodies if b["event"]["type"] == "dispute.status_changed")
    assert change["event"]["data"]["previous_status"] == "alleged"
    assert change["event"]["data"]["status"] == "denied"
    new_claim = next(b for b in bodies if b["event"]["type"] == "claim.new")
    assert new_claim["event"]["data"]["accuser"]["id"] == "openai"
    assert new_claim["event"]["link"].startswith("http://claimgraph.test/claims/")
    assert new_claim["event"]["source_urls"] == ["https://verge.example/openai-accuses-alibaba"]
    for headers, body in receiver.requests:
        assert verify(
            alibaba["webhook_secret"], headers["x-claimgraph-timestamp"], body, headers["x-claimgraph-signature"]
        )
        assert not verify("another-secret", headers["x-claimgraph-timestamp"], body, headers["x-claimgraph-signature"])
        assert headers["x-claimgraph-delivery"] == json.loads(body)["delivery_id"]

    feed_path = alibaba["feed_url"].removeprefix("http://claimgraph.test")
    feed = feedparser.parse(client.get(feed_path).text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert sorted(entry.id for entry in feed.entries) == sorted(f"urn:uuid:{b['delivery_id']}" for b in bodies)
    claim_entry = next(e for e in feed.entries if "OpenAI accuses Alibaba" in e.title)
    assert {link.href for link in claim_entry.links} >= {
        new_claim["event"]["link"],
        "https://verge.example/openai-accuses-alibaba",
    }
    assert feedparser.parse(client.get(feed_path).text).entries[0].id == feed.entries[0].id

    # the 0.65 threshold drops OpenAI's 0.6 claim but keeps the status change
    confident_feed = feedparser.parse(client.get(confident["feed_url"].removeprefix("http://claimgraph.test")).text)
    assert [entry.category for entry in confident_feed.entries] == ["dispute.status_changed"]
    # nothing new about copyright happened after subscribing
    copyright_feed = client.get(copyright_["feed_url"].removeprefix("http://claimgraph.test"))
    assert feedparser.parse(copyright_feed.text).entries == []

    log = client.get(f"/subscriptions/{alibaba['id']}/deliveries", headers=KEY).json()["items"]
    assert sorted(item["webhook_status"] for item in log) == ["delivered", "delivered"]
    assert all(item["attempts"] == 1 for item in log)


def test_a_receiver_failing_twice_gets_the_third_attempt(
    clean_graph: Driver, client: httpx.Client, api_settings: Settings, receiver: Receiver
) -> None:
    ingest(clean_graph, [opening_story().build()])
    receiver.fail_first = 2
    subscription = subscribe(client, kind="pair", entity_ids=["openai", "alibaba"], webhook_url=receiver.url)
    ingest(clean_graph, [later_stories()[1].build()])
    report = dispatch_once(clean_graph, api_settings)
    assert receiver.answered == [500, 500, 204]
    assert len({headers["x-claimgraph-delivery"] for headers, _ in receiver.requests}) == 1
    assert report.webhooks_delivered == 1 and report.attempts == 3
    log = client.get(f"/subscriptions/{subscription['id']}/deliveries", headers=KEY).json()["items"]
    assert [(item["webhook_status"], item["attempts"], item["last_status_code"]) for item in log] == [
        ("delivered", 3, 204)
    ]
    dispatch_once(clean_graph, api_settings)
    assert len(receiver.requests) == 3


def test_a_receiver_that_always_fails_is_given_up_after_the_last_attempt(
    clean_graph: Driver, client: httpx.Client, api_settings: Settings, receiver: Receiver
) -> None:
    ingest(clean_graph, [opening_story().build()])
    receiver.fail_first = 100
    subscription = subscribe(client, kind="entity", entity_id="alibaba", webhook_url=receiver.url)
    ingest(clean_graph, [later_stories()[1].build()])
    report = dispatch_once(clean_graph, api_settings)
    assert report.webhooks_failed == 1
    assert len(receiver.requests) == api_settings.webhook_max_attempts
    log = client.get(f"/subscriptions/{subscription['id']}/deliveries", headers=KEY).json()["items"]
    assert log[0]["webhook_status"] == "failed"
    assert log[0]["last_error"] == "receiver answered HTTP 500"
    dispatch_once(clean_graph, api_settings)
    assert len(receiver.requests) == api_settings.webhook_max_attempts


def test_a_delivery_recorded_before_a_crash_is_sent_once_after_restart(
    clean_graph: Driver, client: httpx.Client, api_settings: Settings, receiver: Receiver
) -> None:
    ingest(clean_graph, [opening_story().build()])
    subscription = subscribe(client, kind="entity", entity_id="openai", webhook_url=receiver.url)
    ingest(clean_graph, [later_stories()[1].build()])
    record_alerts(clean_graph, api_settings, DispatchReport())  # the process dies before sending
    log = client.get(f"/subscriptions/{subscription['id']}/deliveries", headers=KEY).json()["items"]
    assert [item["webhook_status"] for item in log] == ["pending"]
    assert receiver.requests == []
    dispatch_once(clean_graph, api_settings)
    dispatch_once(clean_graph, api_settings)
    assert len(receiver.requests) == 1
    assert json.loads(receiver.requests[0][1])["delivery_id"] == log[0]["id"]


def test_the_target_is_checked_again_at_delivery_time(
    clean_graph: Driver, client: httpx.Client, api_settings: Settings, receiver: Receiver
) -> None:
    """A target accepted at creation but private at delivery time (think DNS rebinding) is never contacted."""
    ingest(clean_graph, [opening_story().build()])
    subscription = subscribe(client, kind="entity", entity_id="alibaba", webhook_url=receiver.url)
    ingest(clean_graph, [later_stories()[1].build()])
    strict = api_settings.model_copy(update={"webhook_allow_private": False})
    report = dispatch_once(clean_graph, strict)
    assert receiver.requests == []
    assert report.webhooks_failed == 1
    log = client.get(f"/subscriptions/{subscription['id']}/deliveries", headers=KEY).json()["items"]
    assert log[0]["webhook_status"] == "failed"
    assert "public addresses only" in log[0]["last_error"]


def test_cors_follows_the_setting(clean_graph: Driver, api_factory: Callable[..., AbstractContextManager[str]]) -> None:
    preflight = {"Origin": "https://newsroom.example", "Access-Control-Request-Method": "POST"}
    with api_factory(cors_origins=["https://newsroom.example"]) as url:
        allowed = httpx.options(f"{url}/cypher", headers=preflight)
        other = httpx.get(f"{url}/health", headers={"Origin": "https://elsewhere.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://newsroom.example"
    assert "access-control-allow-origin" not in other.headers
    with api_factory() as url:
        closed = httpx.get(f"{url}/health", headers={"Origin": "https://newsroom.example"})
    assert "access-control-allow-origin" not in closed.headers


def test_a_turn_re_dated_by_earlier_evidence_is_not_alerted_twice(
    clean_graph: Driver, client: httpx.Client, api_settings: Settings, receiver: Receiver
) -> None:
    ingest(clean_graph, [opening_story().build()])
    subscribe(client, kind="pair", entity_ids=["anthropic", "alibaba"], webhook_url=receiver.url)
    ingest(clean_graph, [later_stories()[0].build()])
    dispatch_once(clean_graph, api_settings)
    earlier = Story("alibaba-denial-earlier", source="ft", published="2026-02-11T09:00:00+00:00")
    claim = earlier.accuses(
        "Anthropic",
        "Alibaba",
        "distillation",
        about="Claude",
        sentence="Anthropic alleged distillation by Alibaba.",
        on="2026-02-10",
    )
    earlier.responds(claim, "Alibaba", "denial", sentence="Alibaba rejected the claims.", on="2026-02-11")
    ingest(clean_graph, [earlier.build()])  # the graph re-dates the denial to 11 February
    report = dispatch_once(clean_graph, api_settings)
    assert report.events >= 1
    turns = [json.loads(body)["event"]["data"] for _, body in receiver.requests]
    assert [(t["previous_status"], t["status"]) for t in turns] == [("alleged", "denied")]

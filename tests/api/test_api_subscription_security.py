"""Subscribers' secrets and ownership: secrets sealed in the graph, subscriptions per API key."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from apitest_support import API_KEY, make_settings
from cryptography.fernet import Fernet
from neo4j import Driver
from test_api_alerts import later_stories, opening_story

from api.dispatcher import dispatch_once
from api.secret_box import SecretBox, key_file
from api.webhooks import verify
from claimgraph.connection import Neo4jConnection
from claimgraph.exceptions import AlertError, ConfigError
from graph.writer import ingest

OTHER_KEY = "another-api-key-9876543210"


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[tuple[dict[str, str], bytes]]]]:
    received: list[tuple[dict[str, str], bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append(
                ({k.lower(): v for k, v in self.headers.items()}, self.rfile.read(int(self.headers["Content-Length"])))
            )
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    server.shutdown()
    server.server_close()


def test_the_graph_holds_no_webhook_secret_in_clear(clean_graph: Driver, client: httpx.Client) -> None:
    created = client.post(
        "/subscriptions",
        json={"kind": "category", "category": "copyright", "webhook_url": "http://127.0.0.1:9/hook"},
        headers={"X-API-Key": API_KEY},
    ).json()
    stored = clean_graph.execute_query(
        "MATCH (s:Subscription {id: $id}) RETURN properties(s) AS p", id=created["id"]
    ).records[0]["p"]
    assert "webhook_secret" not in stored
    assert created["webhook_secret"] not in json.dumps(stored, default=str)
    assert API_KEY not in json.dumps(stored, default=str)
    assert stored["webhook_secret_sealed"] and stored["owner_key_hash"]


def test_subscriptions_belong_to_the_key_that_made_them(
    clean_graph: Driver, api_factory: Callable[..., AbstractContextManager[str]]
) -> None:
    ingest(clean_graph, [opening_story().build()])
    mine, theirs = {"X-API-Key": API_KEY}, {"X-API-Key": OTHER_KEY}
    with api_factory(api_keys=[API_KEY, OTHER_KEY]) as url, httpx.Client(base_url=url, timeout=30) as http:
        own = http.post("/subscriptions", json={"kind": "entity", "entity_id": "alibaba"}, headers=mine).json()
        other = http.post("/subscriptions", json={"kind": "category", "category": "privacy"}, headers=theirs).json()
        assert [item["id"] for item in http.get("/subscriptions", headers=mine).json()["items"]] == [own["id"]]
        assert [item["id"] for item in http.get("/subscriptions", headers=theirs).json()["items"]] == [other["id"]]
        assert http.get(f"/subscriptions/{own['id']}", headers=theirs).status_code == 404
        assert http.get(f"/subscriptions/{own['id']}/deliveries", headers=theirs).status_code == 404
        assert http.delete(f"/subscriptions/{own['id']}", headers=theirs).status_code == 404
        assert http.get(f"/subscriptions/{own['id']}", headers=mine).status_code == 200
        assert http.delete(f"/subscriptions/{own['id']}", headers=mine).status_code == 204
        assert http.get(f"/subscriptions/{other['id']}", headers=theirs).status_code == 200


def test_a_secret_stored_in_clear_by_an_older_version_is_sealed_and_still_signs(
    clean_graph: Driver, client: httpx.Client, api_settings, receiver
) -> None:
    url, received = receiver
    ingest(clean_graph, [opening_story().build()])
    created = client.post(
        "/subscriptions",
        json={"kind": "entity", "entity_id": "alibaba", "webhook_url": url},
        headers={"X-API-Key": API_KEY},
    ).json()
    clean_graph.execute_query(  # what an older version stored
        "MATCH (s:Subscription {id: $id}) SET s.webhook_secret = 'old-clear-secret' REMOVE s.webhook_secret_sealed",
        id=created["id"],
    )
    dispatch_once(clean_graph, api_settings)
    for story in later_stories():
        ingest(clean_graph, [story.build()])
    report = dispatch_once(clean_graph, api_settings)
    assert report.webhooks_delivered == 2
    stored = clean_graph.execute_query("MATCH (s:Subscription {id: $id}) RETURN properties(s) AS p", id=created["id"])
    properties = stored.records[0]["p"]
    assert "webhook_secret" not in properties
    assert SecretBox.from_settings(api_settings).open(properties["webhook_secret_sealed"]) == "old-clear-secret"
    for headers, body in received:
        assert verify("old-clear-secret", headers["x-claimgraph-timestamp"], body, headers["x-claimgraph-signature"])


def test_a_delivery_with_another_servers_key_fails_with_a_clear_error(
    clean_graph: Driver, client: httpx.Client, neo4j_connection: Neo4jConnection, tmp_path: Path, receiver
) -> None:
    url, received = receiver
    ingest(clean_graph, [opening_story().build()])
    client.post(
        "/subscriptions",
        json={"kind": "entity", "entity_id": "alibaba", "webhook_url": url},
        headers={"X-API-Key": API_KEY},
    )
    elsewhere = make_settings(neo4j_connection, tmp_path / "elsewhere", webhook_max_attempts=1)
    dispatch_once(clean_graph, elsewhere)
    for story in later_stories():
        ingest(clean_graph, [story.build()])
    report = dispatch_once(clean_graph, elsewhere)
    assert report.webhooks_delivered == 0 and report.webhooks_failed == 2
    assert received == []
    errors = [r["e"] for r in clean_graph.execute_query("MATCH (d:Delivery) RETURN d.last_error AS e").records]
    assert errors and all("alerts_secret_key" in error for error in errors)


def test_the_generated_key_is_private_and_reused(tmp_path: Path, neo4j_connection: Neo4jConnection) -> None:
    settings = make_settings(neo4j_connection, tmp_path / "data")
    sealed = SecretBox.from_settings(settings).seal("s3cret")
    assert key_file(settings).stat().st_mode & 0o777 == 0o600
    assert SecretBox.from_settings(settings).open(sealed) == "s3cret"
    configured = make_settings(neo4j_connection, tmp_path / "data", alerts_secret_key=Fernet.generate_key().decode())
    with pytest.raises(AlertError, match="alerts_secret_key"):
        SecretBox.from_settings(configured).open(sealed)
    with pytest.raises(ConfigError, match="Fernet key"):
        SecretBox.from_settings(make_settings(neo4j_connection, tmp_path / "data", alerts_secret_key="too-short"))


def test_processes_starting_together_share_one_generated_key(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from claimgraph.settings import Settings; "
        "from api.secret_box import SecretBox, key_file; "
        "s = Settings(data_dir=Path(sys.argv[1])); SecretBox.from_settings(s); print(key_file(s).read_text().strip())"
    )
    children = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "shared")], stdout=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    keys = {child.communicate(timeout=120)[0].strip() for child in children}
    assert len(keys) == 1 and all(keys)
    assert sorted(path.name for path in (tmp_path / "shared" / "alerts").iterdir()) == ["secret.key"]

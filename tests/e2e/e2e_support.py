"""End-to-end fixtures: the demo site, the API under uvicorn, a webhook receiver, all on loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet

from claimgraph.connection import Neo4jConnection
from claimgraph.neo4j_local import free_port
from claimgraph.settings import Settings
from crawler.demo_server import serving

REPO_ROOT = Path(__file__).resolve().parents[2]
DEMO_SOURCES = REPO_ROOT / "demo" / "sources.yaml"
API_KEY = "e2e-test-key"


@dataclass
class Receiver:
    """A webhook receiver on loopback that records every POST; `delay` slows each answer."""

    url: str
    deliveries: list[dict] = field(default_factory=list)
    delay: float = 0.0

    def delivery_ids(self) -> set[str]:
        return {d["headers"].get("x-claimgraph-delivery", "") for d in self.deliveries}

    def event_ids(self) -> list[str]:
        """Event ids, once per distinct delivery id (a receiver dedupes on the idempotency id)."""
        seen: dict[str, str] = {}
        for delivery in self.deliveries:
            seen.setdefault(delivery["headers"].get("x-claimgraph-delivery", ""), delivery["body"]["event"]["id"])
        return sorted(seen.values())


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            time.sleep(state.delay)
            state.deliveries.append(
                {"headers": {k.lower(): v for k, v in self.headers.items()}, "body": json.loads(body or b"{}")}
            )
            self.send_response(200)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    yield state
    server.shutdown()


@pytest.fixture(scope="module")
def demo_site() -> Iterator[str]:
    with serving(REPO_ROOT / "demo" / "site") as (_, base_url):
        yield base_url


ALERTS_SECRET_KEY = Fernet.generate_key().decode()
"""The key sealing webhook secrets, shared by the API and the pipeline as a deployment must share it
(they keep separate data directories here, so the key each would generate there would differ)."""


def pipeline_env(connection: Neo4jConnection, data_dir: Path) -> dict[str, str]:
    """Environment of a `claimgraph` subprocess on the test graph with its own data directory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLAIMGRAPH_", "NEO4J_"))}
    env.update(
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password or "",
        CLAIMGRAPH_NEO4J_DATABASE=connection.database,
        CLAIMGRAPH_DATA_DIR=str(data_dir),
        CLAIMGRAPH_CONFIG=str(data_dir / "absent.toml"),
        CLAIMGRAPH_CRAWL_DELAY="0.01",
        CLAIMGRAPH_INGEST_BATCH_SIZE="3",
        CLAIMGRAPH_WEBHOOK_ALLOW_PRIVATE="true",
        CLAIMGRAPH_WEBHOOK_BACKOFF="0.05",
        CLAIMGRAPH_API_KEYS=API_KEY,
        CLAIMGRAPH_ALERTS_SECRET_KEY=ALERTS_SECRET_KEY,
        PYTHONUNBUFFERED="1",
    )
    return env


def run_command(base_url: str) -> list[str]:
    return [sys.executable, "-m", "claimgraph_app", "run", "--sources", str(DEMO_SOURCES), "--base-url", base_url]


def run_pipeline(env: dict[str, str], base_url: str) -> subprocess.CompletedProcess:
    return subprocess.run(run_command(base_url), env=env, capture_output=True, text=True, timeout=900)


@dataclass
class ApiServer:
    url: str
    client: httpx.Client


@pytest.fixture
def api_server(neo4j_connection: Neo4jConnection, tmp_path: Path) -> Iterator[ApiServer]:
    """The real API under uvicorn on a free loopback port, on the test graph."""
    import uvicorn

    from api.main import create_app

    settings = Settings(
        neo4j_uri=neo4j_connection.uri,
        neo4j_user=neo4j_connection.user,
        neo4j_password=neo4j_connection.password,
        neo4j_database=neo4j_connection.database,
        data_dir=tmp_path / "api-data",
        api_keys=[API_KEY],
        webhook_allow_private=True,
        alerts_secret_key=ALERTS_SECRET_KEY,
    )
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the API did not start"
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=url, timeout=30) as client:
        yield ApiServer(url, client)
    server.should_exit = True
    thread.join(timeout=10)


def subscribe(api: ApiServer, webhook_url: str) -> dict:
    """A subscription to every distillation claim, with a webhook to the receiver."""
    answer = api.client.post(
        "/subscriptions",
        headers={"X-API-Key": API_KEY},
        json={"kind": "category", "category": "distillation", "webhook_url": webhook_url, "min_confidence": 0.0},
    )
    assert answer.status_code == 201, answer.text
    return answer.json()

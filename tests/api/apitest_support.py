"""Helpers for the API tests: a real uvicorn on 127.0.0.1, settings for the test Neo4j."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from api.main import create_app
from claimgraph.connection import Neo4jConnection
from claimgraph.neo4j_local import free_port
from claimgraph.settings import Settings

API_KEY = "test-api-key-0123456789"


@contextmanager
def running_api(settings: Settings) -> Iterator[str]:
    """Serve `create_app(settings)` with uvicorn in a thread; yield its base URL."""
    port = free_port()
    app = create_app(settings, cache_check_interval=0)  # tests rebuild the graph between requests
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def make_settings(connection: Neo4jConnection, data_dir: Path, **overrides: object) -> Settings:
    """Settings pointing at the test Neo4j, with small limits the tests rely on."""
    values: dict[str, object] = {
        "neo4j_uri": connection.uri,
        "neo4j_user": connection.user,
        "neo4j_password": connection.password,
        "neo4j_database": connection.database,
        "data_dir": data_dir,
        "api_keys": [API_KEY],
        "cypher_timeout": 2.0,
        "cypher_row_cap": 50,
        "webhook_allow_private": True,
        "webhook_backoff": 0.05,
        "webhook_max_attempts": 3,
        "webhook_timeout": 5.0,
        "public_base_url": "http://claimgraph.test",
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]

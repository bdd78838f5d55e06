"""/health and the behaviour of every endpoint when Neo4j is down."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager

import httpx
from apitest_support import API_KEY

from claimgraph.neo4j_local import free_port


def test_health_reports_neo4j_reachable(client: httpx.Client) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["neo4j"] == "reachable"
    assert response.json()["graph_version"].isdigit()


def test_every_endpoint_answers_503_when_neo4j_is_down(
    api_factory: Callable[..., AbstractContextManager[str]],
) -> None:
    closed = f"bolt://127.0.0.1:{free_port()}"
    with api_factory(neo4j_uri=closed) as url, httpx.Client(base_url=url, timeout=30) as http:
        health = http.get("/health")
        assert health.status_code == 503
        assert health.headers["content-type"].startswith("application/problem+json")
        assert "not reachable" in health.json()["detail"]
        paths = http.get("/openapi.json").json()["paths"]
        checked = 0
        for path, operations in paths.items():
            concrete = re.sub(r"\{[^}]+\}", "x", path)
            for method in operations:
                body = {"query": "RETURN 1"} if path == "/cypher" else None
                response = http.request(method.upper(), concrete, json=body, headers={"X-API-Key": API_KEY})
                if response.status_code == 422:
                    continue  # the request itself is invalid: refused before the graph is needed
                assert response.status_code == 503, f"{method} {path}: {response.status_code} {response.text}"
                assert response.json()["detail"], path
                assert "Traceback" not in response.text
                checked += 1
        assert checked >= 2

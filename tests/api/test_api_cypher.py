"""POST /cypher against the real Neo4j through a real uvicorn: reads answer, writes never land."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager

import httpx
import pytest
from neo4j import Driver
from test_cypher_guard import REFUSED

from api.cypher_runner import check_plan
from claimgraph.exceptions import QueryRefusedError


def graph_counts(driver: Driver) -> tuple[int, int, int, int]:
    nodes = driver.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"]
    relationships = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c").records[0]["c"]
    indexes = len(driver.execute_query("SHOW INDEXES").records)
    properties = driver.execute_query("MATCH (n) UNWIND keys(n) AS k RETURN count(k) AS c").records[0]["c"]
    return nodes, relationships, indexes, properties


@pytest.fixture
def small_graph(clean_graph: Driver) -> Driver:
    clean_graph.execute_query(
        "CREATE (a:Probe {name: 'a', born: date('2026-01-02'), at: datetime('2026-01-02T03:04:05Z')})"
        "-[:LINKS {weight: 2}]->(b:Probe {name: 'b', span: duration('P1D')})"
    )
    return clean_graph


def test_a_read_answers_with_rows(small_graph: Driver, client: httpx.Client) -> None:
    response = client.post(
        "/cypher", json={"query": "MATCH (p:Probe) RETURN p.name AS name ORDER BY name", "parameters": {}}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["columns"] == ["name"]
    assert body["rows"] == [{"name": "a"}, {"name": "b"}]
    assert body["truncated"] is False


def test_parameters_are_passed(small_graph: Driver, client: httpx.Client) -> None:
    response = client.post(
        "/cypher", json={"query": "MATCH (p:Probe {name: $name}) RETURN p.name AS name", "parameters": {"name": "b"}}
    )
    assert response.json()["rows"] == [{"name": "b"}]


def test_graph_values_are_serialised(small_graph: Driver, client: httpx.Client) -> None:
    response = client.post(
        "/cypher", json={"query": "MATCH path = (a:Probe {name: 'a'})-[r:LINKS]->(b) RETURN a, r, b, path"}
    )
    assert response.status_code == 200, response.text
    row = response.json()["rows"][0]
    assert row["a"]["labels"] == ["Probe"]
    assert row["a"]["properties"] == {"name": "a", "born": "2026-01-02", "at": "2026-01-02T03:04:05+00:00"}
    assert row["r"]["type"] == "LINKS"
    assert row["r"]["start"] == row["a"]["element_id"]
    assert row["r"]["end"] == row["b"]["element_id"]
    assert row["b"]["properties"]["span"] == "P1D"
    assert [node["properties"]["name"] for node in row["path"]["nodes"]] == ["a", "b"]


def test_comment_and_string_do_not_trip_the_guard(small_graph: Driver, client: httpx.Client) -> None:
    response = client.post(
        "/cypher", json={"query": "MATCH (p:Probe) // then DELETE p\nRETURN 'SET x' AS s, count(p) AS n"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [{"s": "SET x", "n": 2}]


def test_row_cap_truncates_and_says_so(clean_graph: Driver, client: httpx.Client) -> None:
    response = client.post("/cypher", json={"query": "UNWIND range(1, 120) AS x RETURN x"})
    body = response.json()
    assert body["row_count"] == body["row_cap"] == 50
    assert body["truncated"] is True
    assert [row["x"] for row in body["rows"]] == list(range(1, 51))


@pytest.mark.parametrize("query", REFUSED)
def test_each_write_form_is_refused_and_changes_nothing(small_graph: Driver, client: httpx.Client, query: str) -> None:
    before = graph_counts(small_graph)
    response = client.post("/cypher", json={"query": query})
    assert response.status_code in (400, 403), response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["detail"]
    assert graph_counts(small_graph) == before


def test_the_server_plan_refuses_a_write(small_graph: Driver) -> None:
    summary = small_graph.execute_query("EXPLAIN MATCH (p:Probe) SET p.x = 1").summary
    with pytest.raises(QueryRefusedError, match="not read-only"):
        check_plan(summary.query_type, summary.plan)
    summary = small_graph.execute_query("EXPLAIN LOAD CSV FROM 'file:///x.csv' AS line RETURN line").summary
    with pytest.raises(QueryRefusedError, match="LoadCSV"):
        check_plan(summary.query_type, summary.plan)


def test_syntax_error_is_a_400(clean_graph: Driver, client: httpx.Client) -> None:
    response = client.post("/cypher", json={"query": "MATCH (n RETURN n"})
    assert response.status_code == 400
    assert "Invalid input" in response.json()["detail"] or "SyntaxError" in response.json()["detail"]


@pytest.mark.parametrize(
    "query",
    [
        "UNWIND range(1, 10000000000) AS x WITH x WHERE x % 7 = 0 RETURN count(*)",
        "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*)",
    ],
)
def test_runaway_query_is_stopped(clean_graph: Driver, client: httpx.Client, query: str) -> None:
    response = client.post("/cypher", json={"query": query})
    assert response.status_code == 504, response.text
    assert "time limit" in response.json()["detail"]


def test_api_answers_after_a_timeout(
    clean_graph: Driver, api_factory: Callable[..., AbstractContextManager[str]]
) -> None:
    with api_factory(cypher_timeout=0.5) as url, httpx.Client(base_url=url, timeout=30) as http:
        stopped = http.post("/cypher", json={"query": "UNWIND range(1, 10000000000) AS x RETURN count(x)"})
        assert stopped.status_code == 504
        assert http.post("/cypher", json={"query": "RETURN 1 AS one"}).json()["rows"] == [{"one": 1}]


def test_parameter_out_of_neo4j_range_is_a_400(clean_graph: Driver, client: httpx.Client) -> None:
    response = client.post("/cypher", json={"query": "RETURN $n AS n", "parameters": {"n": [{"x": -(2**70)}]}})
    assert response.status_code == 400
    assert "parameters.n[0].x" in response.json()["detail"]


def test_console_queries_beyond_the_concurrency_cap_get_429_and_other_endpoints_answer(
    clean_graph: Driver, api_factory: Callable[..., AbstractContextManager[str]]
) -> None:
    """45 slow console queries at once (they once stalled /health for 10 s): 4 run, 41 are turned away."""
    slow = "UNWIND range(1, 30000) AS a UNWIND range(1, 30000) AS b RETURN count(*)"
    with api_factory(cypher_max_concurrent=4) as url, httpx.Client(base_url=url, timeout=60) as http:
        answers: list[httpx.Response] = []
        runners = [
            threading.Thread(target=lambda: answers.append(http.post("/cypher", json={"query": slow})))
            for _ in range(45)
        ]
        for runner in runners:
            runner.start()
        health = http.get("/health")
        for runner in runners:
            runner.join()
        assert health.status_code == 200
        statuses = sorted(answer.status_code for answer in answers)
        assert statuses == [429] * 41 + [504] * 4
        busy = next(answer for answer in answers if answer.status_code == 429)
        assert "already running" in busy.json()["detail"]
        for _ in range(120):  # the slots are freed once the server has let the slow queries go
            answer = http.post("/cypher", json={"query": "RETURN 1 AS one"})
            if answer.status_code != 429:
                break
            time.sleep(0.25)
        assert answer.json()["rows"] == [{"one": 1}]


def test_a_huge_answer_is_cut_at_the_byte_cap(clean_graph: Driver, client: httpx.Client) -> None:
    query = "UNWIND range(1, 1000) AS i RETURN i, [x IN range(1, 20000) | 'aaaaaaaaaa'] AS filler"
    response = client.post("/cypher", json={"query": query})
    body = response.json()
    assert response.status_code == 200
    assert body["truncated"] is True and body["truncated_by"] == "bytes"
    assert 0 < body["row_count"] < 50
    assert len(response.content) <= 5_000_000 + 10_000


def test_unlabelled_scans_are_refused_with_a_way_forward(clean_graph: Driver, client: httpx.Client) -> None:
    response = client.post("/cypher", json={"query": "MATCH (n) RETURN n LIMIT 5"})
    assert response.status_code == 403
    assert "start from a label" in response.json()["detail"]
    counted = client.post("/cypher", json={"query": "MATCH (n) RETURN count(n) AS n"})
    assert counted.status_code == 200

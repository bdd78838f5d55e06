"""Property-based run of schemathesis over the OpenAPI description, against the live uvicorn: no 5xx.

Each operation is one test: schemathesis generates requests from the description (valid and
edge-case values), sends them to the real server on the hand-made graph, and checks that no answer
is a server error and that every answer matches the documented status codes, media types and schemas.
"""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from apitest_support import API_KEY
from hypothesis import HealthCheck, given, settings
from neo4j import Driver
from schemathesis.specs.openapi.checks import positive_data_acceptance
from test_api_journalists import hand_made_stories

from api.main import create_app
from claimgraph.settings import Settings
from graph.writer import ingest

OPERATIONS = [
    (path, method.upper())
    for path, operations in create_app(Settings(neo4j_uri="bolt://127.0.0.1:1")).openapi()["paths"].items()
    for method in operations
]
EXAMPLES_PER_OPERATION = 30
SEMANTIC_INPUT = {("/cypher", "POST"), ("/subscriptions", "POST")}
"""Operations whose valid inputs a schema cannot describe (valid Cypher; entities that exist and hosts that
resolve), so a schema-valid request may rightly be refused with 400/422: that one check is left out."""


@pytest.fixture(scope="module")
def api_schema(neo4j_driver: Driver, api_url: str) -> schemathesis.BaseSchema:
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    ingest(neo4j_driver, [story.build() for story in hand_made_stories()])
    return schemathesis.openapi.from_url(f"{api_url}/openapi.json")


@pytest.mark.slow
@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
def test_no_server_errors_and_answers_match_the_description(
    api_schema: schemathesis.BaseSchema, path: str, method: str
) -> None:
    operation = api_schema[path][method]
    excluded = [positive_data_acceptance] if (path, method) in SEMANTIC_INPUT else []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(headers={"X-API-Key": API_KEY}, excluded_checks=excluded)

    check()


def test_every_operation_has_an_id_and_a_success_response(api_url: str) -> None:
    document = httpx.get(f"{api_url}/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert operation.get("operationId"), f"{method} {path} has no operationId"
            assert {"200", "201", "204"} & set(operation["responses"]), f"{method} {path} has no success response"

"""`POST /cypher`: ad-hoc read-only Cypher for analysts (see api.cypher_runner for the guard)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ConsoleDep, DriverDep, SettingsDep
from api.models import CypherRequest, CypherResponse
from api.openapi import problem_responses

router = APIRouter(prefix="/cypher", tags=["analysts"])


@router.post(
    "",
    operation_id="run_cypher",
    response_model=CypherResponse,
    responses=problem_responses(400, 403, 429, 504),
)
def run_cypher(body: CypherRequest, driver: DriverDep, settings: SettingsDep, console: ConsoleDep) -> CypherResponse:
    """Run a read-only query: anything that writes, administers or leaves the graph is refused (403).

    The query runs in a READ transaction with a time limit (`cypher_timeout`, 504 when exceeded)
    and returns at most `cypher_row_cap` rows and `cypher_max_result_bytes` of JSON (`truncated`
    and `truncated_by` say when and why it was cut). Too many console queries at once: 429.
    """
    result = console.run(driver, body.query, body.parameters, database=settings.neo4j_database)
    return CypherResponse(
        columns=result.columns,
        rows=result.rows,
        row_count=len(result.rows),
        truncated=result.truncated,
        truncated_by=result.truncated_by,
        row_cap=settings.cypher_row_cap,
        elapsed_ms=round(result.elapsed_ms, 3),
    )

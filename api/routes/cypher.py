"""`POST /cypher`: ad-hoc read-only Cypher for analysts (see api.cypher_runner for the guard)."""

from __future__ import annotations

from fastapi import APIRouter

from api.cypher_runner import run_read_only
from api.deps import DriverDep, SettingsDep
from api.models import CypherRequest, CypherResponse
from api.openapi import problem_responses

router = APIRouter(prefix="/cypher", tags=["analysts"])


@router.post(
    "",
    operation_id="run_cypher",
    response_model=CypherResponse,
    responses=problem_responses(400, 403, 504),
)
def run_cypher(body: CypherRequest, driver: DriverDep, settings: SettingsDep) -> CypherResponse:
    """Run a read-only query: anything that writes, administers or leaves the graph is refused (403).

    The query runs in a READ transaction with a time limit (`cypher_timeout`, 504 when exceeded)
    and returns at most `cypher_row_cap` rows (`truncated` says when it was cut).
    """
    result = run_read_only(
        driver,
        body.query,
        body.parameters,
        database=settings.neo4j_database,
        timeout=settings.cypher_timeout,
        row_cap=settings.cypher_row_cap,
    )
    return CypherResponse(
        columns=result.columns,
        rows=result.rows,
        row_count=len(result.rows),
        truncated=result.truncated,
        row_cap=settings.cypher_row_cap,
        elapsed_ms=round(result.elapsed_ms, 3),
    )

"""`/health`: is the API up, and does Neo4j answer?"""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.graph_gate import GraphGate
from api.models import Health
from api.openapi import problem_responses
from graph import reads

router = APIRouter(prefix="/health", tags=["health"])


@router.get("", operation_id="health", response_model=Health, responses=problem_responses(503))
def health(request: Request) -> Health:
    """200 when Neo4j answers, 503 (problem details saying why) when it does not."""
    gate: GraphGate = request.app.state.graph_gate
    gate.check()
    version = reads.graph_version(gate.driver(), database=gate.connection.database)
    return Health(status="ok", neo4j="reachable", graph_version=version)

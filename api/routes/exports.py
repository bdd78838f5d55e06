"""`/exports`: the accusation graph, a dispute's or an entity's neighbourhood as GraphML or GEXF (Gephi,
Cytoscape), and claims as CSV, for analysts' own tools."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response

from api.deps import CacheDep, DatabaseDep, DriverDep
from api.openapi import problem_responses
from api.routes.params import GraphId
from claimgraph.records import Category, ClaimStatus
from graph import exports, reads
from graph.exports import GraphFormat

router = APIRouter(prefix="/exports", tags=["analysts"])

CLAIMS_PAGE = 1000
FILE_RESPONSES = {
    200: {
        "content": {
            "application/graphml+xml": {},
            "application/gexf+xml": {},
            "text/csv": {},
        },
        "description": "The file, as an attachment",
    }
}
CategoryFilter = Annotated[Category | None, Query(description="Only claims of this category")]
Since = Annotated[date | None, Query(description="Only claims made on or after this day")]
Until = Annotated[date | None, Query(description="Only claims made on or before this day")]


def _file(body: bytes, media_type: str, filename: str) -> Response:
    return Response(
        content=body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@router.get(
    "/graph.{file_format}",
    operation_id="export_accusation_graph",
    response_class=Response,
    responses=FILE_RESPONSES,
)
async def accusation_graph(
    file_format: GraphFormat,
    driver: DriverDep,
    cache: CacheDep,
    database: DatabaseDep,
    category: CategoryFilter = None,
    since: Since = None,
    until: Until = None,
) -> Response:
    """Who accuses whom: entities as nodes, one edge per claim from accuser to accused (category, status,
    claim date, confidence, outlets), as GraphML or GEXF."""
    value = category.value if category else None

    def compute() -> bytes:
        rows = reads.accusations(driver, category=value, since=since, until=until, database=database)
        return exports.graph_file(exports.accusation_graph(rows), file_format)

    body = await cache.fetch(driver, ("export", "graph", file_format.value, value, since, until), compute)
    return _file(body, exports.MEDIA_TYPES[file_format], f"claimgraph-accusations.{file_format.value}")


@router.get(
    "/disputes/{dispute_id}.{file_format}",
    operation_id="export_dispute_graph",
    response_class=Response,
    responses={**FILE_RESPONSES, **problem_responses(404)},
)
async def dispute_graph(
    dispute_id: GraphId, file_format: GraphFormat, driver: DriverDep, cache: CacheDep, database: DatabaseDep
) -> Response:
    """One dispute's claims between its two parties (both directions), as GraphML or GEXF."""

    def compute() -> bytes | None:
        if reads.get_dispute(driver, dispute_id, database=database) is None:
            return None
        rows = reads.accusations(driver, dispute_id=dispute_id, database=database)
        return exports.graph_file(exports.accusation_graph(rows), file_format)

    body = await cache.fetch(driver, ("export", "dispute", dispute_id, file_format.value), compute)
    if body is None:
        raise HTTPException(status_code=404, detail=f"no dispute with id {dispute_id!r}: see /disputes or /search")
    return _file(body, exports.MEDIA_TYPES[file_format], f"dispute-{dispute_id}.{file_format.value}")


@router.get(
    "/entities/{entity_id}/neighbourhood.{file_format}",
    operation_id="export_neighbourhood",
    response_class=Response,
    responses={**FILE_RESPONSES, **problem_responses(404)},
)
async def neighbourhood(
    entity_id: GraphId,
    file_format: GraphFormat,
    driver: DriverDep,
    cache: CacheDep,
    database: DatabaseDep,
    depth: Annotated[int, Query(ge=1, le=3, description="Hops from the entity (claims count as a hop)")] = 2,
    limit: Annotated[int, Query(ge=1, le=500, description="Most nodes")] = 200,
) -> Response:
    """An entity's neighbourhood (entities and claims, and the relationships between them), as GraphML or GEXF."""

    def compute() -> bytes | None:
        found = reads.neighbourhood(driver, entity_id, depth=depth, limit=limit, database=database)
        return exports.graph_file(exports.neighbourhood_graph(found), file_format) if found["nodes"] else None

    body = await cache.fetch(driver, ("export", "neighbourhood", entity_id, depth, limit, file_format.value), compute)
    if body is None:
        raise HTTPException(status_code=404, detail=f"no entity with id {entity_id!r}: see /search")
    return _file(body, exports.MEDIA_TYPES[file_format], f"neighbourhood-{entity_id}.{file_format.value}")


@router.get("/claims.csv", operation_id="export_claims", response_class=Response, responses=FILE_RESPONSES)
async def claims(
    driver: DriverDep,
    cache: CacheDep,
    database: DatabaseDep,
    entity_id: Annotated[str | None, Query(max_length=200, description="Only claims this entity is party to")] = None,
    category: CategoryFilter = None,
    status: Annotated[ClaimStatus | None, Query(description="Only claims with this status")] = None,
    since: Since = None,
    until: Until = None,
) -> Response:
    """Every claim matching the filters (newest first) as CSV: parties by id and name, category, status,
    dates, outlets, confidence, dispute."""
    filters = {
        "entity_id": entity_id,
        "category": category.value if category else None,
        "status": status.value if status else None,
        "since": since,
        "until": until,
    }

    def compute() -> bytes:
        rows, offset = [], 0
        while True:
            page = reads.list_claims(driver, limit=CLAIMS_PAGE, offset=offset, database=database, **filters)
            rows.extend(page)
            offset += CLAIMS_PAGE
            if len(page) < CLAIMS_PAGE:
                return exports.claims_csv(rows).encode("utf-8")

    body = await cache.fetch(driver, ("export", "claims", *filters.values()), compute)
    return _file(body, "text/csv; charset=utf-8", "claimgraph-claims.csv")

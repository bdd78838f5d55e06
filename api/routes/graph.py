"""`/graph`: the neighbourhood of an entity, and the shortest paths between two (analysts)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response

from api.deps import CacheDep, DatabaseDep, DriverDep
from api.models import GraphEdge, GraphNode, GraphPath, Neighbourhood, Paths
from api.openapi import problem_responses
from api.routes.params import GraphId
from claimgraph.records import Category
from graph import analytics, reads
from graph import subscriptions as store

router = APIRouter(prefix="/graph", tags=["analysts"])


class RelationshipType(StrEnum):
    MADE_BY = "MADE_BY"
    AGAINST = "AGAINST"
    CONCERNS = "CONCERNS"
    DEVELOPS = "DEVELOPS"
    VERSION_OF = "VERSION_OF"
    SUBSIDIARY_OF = "SUBSIDIARY_OF"


@router.get(
    "/neighbourhood/{entity_id}",
    operation_id="neighbourhood",
    response_model=Neighbourhood,
    responses=problem_responses(400, 404),
)
async def neighbourhood(
    entity_id: GraphId,
    driver: DriverDep,
    cache: CacheDep,
    database: DatabaseDep,
    depth: Annotated[int, Query(ge=1, le=3, description="Hops from the entity (claims count as a hop)")] = 1,
    relationship_types: Annotated[
        list[RelationshipType] | None, Query(description="Relationship types followed (default: all)")
    ] = None,
    since: Annotated[date | None, Query(description="Only claims made on or after this day")] = None,
    until: Annotated[date | None, Query(description="Only claims made on or before this day")] = None,
    category: Annotated[
        list[Category] | None, Query(description="Only claims of these categories (default: all)")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Most nodes returned")] = 200,
) -> Response:
    """Entities and claims within `depth` hops of an entity, and the relationships between them.

    `since`, `until` and `category` filter the claims; what is reachable only through a claim they
    leave out is left out too.
    """
    types = tuple(sorted({t.value for t in relationship_types})) if relationship_types else None
    categories = tuple(sorted({c.value for c in category})) if category else None

    def compute() -> Neighbourhood:
        found = reads.neighbourhood(
            driver,
            entity_id,
            depth=depth,
            relationship_types=list(types) if types else None,
            since=since,
            until=until,
            categories=categories,
            limit=limit,
            database=database,
        )
        if not found["nodes"]:
            raise HTTPException(status_code=404, detail=f"no entity with id {entity_id!r}")
        return Neighbourhood(
            entity_id=entity_id,
            nodes=[GraphNode.model_validate(node) for node in found["nodes"]],
            edges=[GraphEdge.model_validate(edge) for edge in found["edges"]],
        )

    key = ("neighbourhood", entity_id, depth, types, since, until, categories, limit)
    return await cache.fetch_json(driver, key, compute)


EntityQuery = Annotated[str, Query(min_length=1, max_length=200, description="An entity id")]


@router.get("/paths", operation_id="shortest_paths", response_model=Paths, responses=problem_responses(404))
async def shortest_paths(
    driver: DriverDep,
    cache: CacheDep,
    database: DatabaseDep,
    source: EntityQuery,
    target: EntityQuery,
    max_paths: Annotated[int, Query(ge=1, le=20, description="Most paths returned")] = 5,
) -> Response:
    """The shortest paths between two entities through claims, models and companies (all of one length)."""

    def compute() -> Paths:
        for entity_id in (source, target):
            if not store.entity_exists(driver, entity_id, database=database):
                raise HTTPException(status_code=404, detail=f"no entity with id {entity_id!r}")
        found = analytics.shortest_paths(driver, source, target, max_paths=max_paths, database=database)
        return Paths(source=source, target=target, paths=[GraphPath.model_validate(path) for path in found])

    return await cache.fetch_json(driver, ("paths", source, target, max_paths), compute)

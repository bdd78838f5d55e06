"""`/entities`: an entity's profile and its timeline (JSON, CSV, TimelineJS)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Response
from neo4j import Driver

from api.deps import CacheDep, DatabaseDep, DriverDep
from api.models import EntityProfile
from api.openapi import problem_responses
from api.routes.params import GraphId
from api.routes.timelines import TimelineSubject, add_timeline_routes
from graph import reads

router = APIRouter(prefix="/entities", tags=["journalists"])


def _profile(driver: Driver, entity_id: str, database: str) -> dict[str, Any]:
    profile = reads.entity_profile(driver, entity_id, database=database)
    if profile is None:
        raise HTTPException(status_code=404, detail=f"no entity with id {entity_id!r}: try /search?q=<name>")
    return profile


@router.get("/{entity_id}", operation_id="get_entity", response_model=EntityProfile, responses=problem_responses(404))
async def get_entity(entity_id: GraphId, driver: DriverDep, cache: CacheDep, database: DatabaseDep) -> Response:
    """Aliases, kind, what it develops and who develops it, claims made and received, disputes."""
    return await cache.fetch_json(
        driver, ("entity", entity_id), lambda: EntityProfile.model_validate(_profile(driver, entity_id, database))
    )


def _entity_id(entity_id: GraphId) -> str:
    return entity_id


add_timeline_routes(
    router,
    TimelineSubject(
        "entity",
        _entity_id,
        _profile,
        reads.entity_timeline,
        "Every dated event of the claims the entity made, received, is the object of, or answered.",
    ),
)

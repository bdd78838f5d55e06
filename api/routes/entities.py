"""`/entities`: an entity's profile and its timeline (JSON, CSV, TimelineJS)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Response

from api.deps import CacheDep, DatabaseDep, DriverDep
from api.models import EntityProfile, Timeline, TimelineJS
from api.openapi import problem_responses
from api.routes.params import GraphId
from api.routes.timelines import CSV_RESPONSES, build_timeline, csv_response
from api.timeline_formats import timeline_js
from graph import reads

router = APIRouter(prefix="/entities", tags=["journalists"])


def _profile(driver: DriverDep, entity_id: str, database: str) -> dict[str, Any]:
    profile = reads.entity_profile(driver, entity_id, database=database)
    if profile is None:
        raise HTTPException(status_code=404, detail=f"no entity with id {entity_id!r}: try /search?q=<name>")
    return profile


def _build_timeline(driver: DriverDep, entity_id: str, database: str) -> Timeline:
    profile = _profile(driver, entity_id, database)
    events = reads.entity_timeline(driver, entity_id, database=database)
    return build_timeline("entity", entity_id, profile["name"], events)


async def _timeline(driver: DriverDep, cache: CacheDep, entity_id: str, database: str) -> Timeline:
    return await cache.fetch(
        driver, ("entity_timeline", entity_id), lambda: _build_timeline(driver, entity_id, database)
    )


@router.get("/{entity_id}", operation_id="get_entity", response_model=EntityProfile, responses=problem_responses(404))
async def get_entity(entity_id: GraphId, driver: DriverDep, cache: CacheDep, database: DatabaseDep) -> Response:
    """Aliases, kind, what it develops and who develops it, claims made and received, disputes."""
    return await cache.fetch_json(
        driver, ("entity", entity_id), lambda: EntityProfile.model_validate(_profile(driver, entity_id, database))
    )


@router.get(
    "/{entity_id}/timeline",
    operation_id="entity_timeline",
    response_model=Timeline,
    responses=problem_responses(404),
)
async def entity_timeline(entity_id: GraphId, driver: DriverDep, cache: CacheDep, database: DatabaseDep) -> Response:
    """Every dated event of the claims the entity made, received, is the object of, or answered."""
    return await cache.fetch_json(
        driver, ("entity_timeline", entity_id), lambda: _build_timeline(driver, entity_id, database)
    )


@router.get(
    "/{entity_id}/timeline.csv",
    operation_id="entity_timeline_csv",
    response_class=Response,
    responses=CSV_RESPONSES,
)
async def entity_timeline_csv(
    entity_id: GraphId, driver: DriverDep, cache: CacheDep, database: DatabaseDep
) -> Response:
    """The entity's timeline as CSV (one row per event, with its evidence sentence and article)."""
    return csv_response(await _timeline(driver, cache, entity_id, database))


@router.get(
    "/{entity_id}/timeline/timelinejs",
    operation_id="entity_timeline_timelinejs",
    response_model=TimelineJS,
    responses=problem_responses(404),
)
async def entity_timeline_timelinejs(
    entity_id: GraphId, driver: DriverDep, cache: CacheDep, database: DatabaseDep
) -> TimelineJS:
    """The entity's timeline in the TimelineJS3 JSON format."""
    return timeline_js(await _timeline(driver, cache, entity_id, database))

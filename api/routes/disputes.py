"""`/disputes`: disputes, one with its parties and status history, and its timeline (JSON, CSV, TimelineJS)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from fastapi import APIRouter, HTTPException, Response
from neo4j import Driver

from api.deps import CacheDep, DatabaseDep, DriverDep
from api.models import DisputeDetail, DisputeList, DisputeSummary
from api.openapi import problem_responses
from api.routes.params import GraphId, Limit, Offset
from api.routes.timelines import TimelineSubject, add_timeline_routes
from graph import reads

router = APIRouter(prefix="/disputes", tags=["journalists"])


class DisputeOrder(StrEnum):
    RECENT = "recent"
    OLDEST = "oldest"
    NAME = "name"
    CLAIMS = "claims"


def _dispute(driver: Driver, dispute_id: str, database: str) -> dict[str, Any]:
    dispute = reads.get_dispute(driver, dispute_id, database=database)
    if dispute is None:
        raise HTTPException(status_code=404, detail=f"no dispute with id {dispute_id!r}: see /disputes or /search")
    return dispute


@router.get("", operation_id="list_disputes", response_model=DisputeList)
async def list_disputes(
    driver: DriverDep,
    cache: CacheDep,
    database: DatabaseDep,
    limit: Limit = 50,
    offset: Offset = 0,
    order: DisputeOrder = DisputeOrder.RECENT,
) -> Response:
    """Disputes, most recent activity first (or oldest, by name, by number of claims)."""

    def compute() -> DisputeList:
        items = reads.list_disputes(driver, limit=limit, offset=offset, order=order.value, database=database)
        return DisputeList(items=[DisputeSummary.model_validate(item) for item in items], limit=limit, offset=offset)

    return await cache.fetch_json(driver, ("disputes", limit, offset, order.value), compute)


@router.get("/{dispute_id}", operation_id="get_dispute", response_model=DisputeDetail, responses=problem_responses(404))
async def get_dispute(dispute_id: GraphId, driver: DriverDep, cache: CacheDep, database: DatabaseDep) -> Response:
    """Parties, categories, current status, the status history with its evidence, and the claim ids."""
    return await cache.fetch_json(
        driver, ("dispute", dispute_id), lambda: DisputeDetail.model_validate(_dispute(driver, dispute_id, database))
    )


def _dispute_id(dispute_id: GraphId) -> str:
    return dispute_id


add_timeline_routes(
    router,
    TimelineSubject(
        "dispute",
        _dispute_id,
        _dispute,
        reads.dispute_timeline,
        "The dispute's dated events, oldest first, each backed by its sentences, articles and outlets.",
    ),
)

"""`/claims`: claims filtered by party, category, status and date; one claim with every report."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response

from api.deps import CacheDep, DatabaseDep, DriverDep
from api.models import ClaimDetail, ClaimList, ClaimSummary, FirstReporter
from api.openapi import problem_responses
from api.routes.params import GraphId, Limit, Offset
from claimgraph.records import Category, DisputeStatus
from graph import reads

router = APIRouter(prefix="/claims", tags=["journalists"])


@router.get("", operation_id="list_claims", response_model=ClaimList)
async def list_claims(
    driver: DriverDep,
    cache: CacheDep,
    database: DatabaseDep,
    entity_id: Annotated[
        str | None, Query(max_length=200, description="Claims this entity made, received or is the object of")
    ] = None,
    category: Annotated[Category | None, Query(description="Accusation category")] = None,
    status: Annotated[DisputeStatus | None, Query(description="Current status")] = None,
    since: Annotated[date | None, Query(description="Claims made on or after this day")] = None,
    until: Annotated[date | None, Query(description="Claims made on or before this day")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Claims, newest accusation first."""
    filters = {
        "entity_id": entity_id,
        "category": category.value if category else None,
        "status": status.value if status else None,
        "since": since,
        "until": until,
    }

    def compute() -> ClaimList:
        items = reads.list_claims(driver, **filters, limit=limit, offset=offset, database=database)
        return ClaimList(items=[ClaimSummary.model_validate(item) for item in items], limit=limit, offset=offset)

    return await cache.fetch_json(driver, ("claims", *filters.values(), limit, offset), compute)


@router.get("/{claim_id}", operation_id="get_claim", response_model=ClaimDetail, responses=problem_responses(404))
async def get_claim(claim_id: GraphId, driver: DriverDep, cache: CacheDep, database: DatabaseDep) -> Response:
    """A claim with every report (evidence sentence, article, outlet, date; the first reporter flagged),
    its corroboration count (distinct outlets) and the responses to it."""
    return await cache.fetch_json(driver, ("claim", claim_id), lambda: _claim_detail(driver, claim_id, database))


def _claim_detail(driver: DriverDep, claim_id: str, database: str) -> ClaimDetail:
    claim = reads.get_claim(driver, claim_id, database=database)
    if claim is None:
        raise HTTPException(status_code=404, detail=f"no claim with id {claim_id!r}")
    first = next((report for report in claim["reports"] if report["first_report"]), None)
    detail = ClaimDetail.model_validate(claim)
    if first is not None:
        detail.first_reporter = FirstReporter(
            source_id=first.get("source_id"),
            source_name=first.get("source_name"),
            article_url=first.get("article_url"),
            published_at=first.get("published_at"),
        )
    return detail

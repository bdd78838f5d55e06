"""`/search`: entities (by name or alias) and disputes (by name)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.deps import CacheDep, DatabaseDep, DriverDep
from api.models import SearchHit, SearchResults
from graph import reads

router = APIRouter(prefix="/search", tags=["journalists"])


@router.get("", operation_id="search", response_model=SearchResults)
async def search(
    driver: DriverDep,
    cache: CacheDep,
    database: DatabaseDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Name or alias, or part of one")],
    kinds: Annotated[
        list[Literal["entity", "dispute"]] | None, Query(description="What to search (default: both)")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Most hits returned")] = 20,
) -> Response:
    """Entities and disputes whose name or alias matches `q`, case-insensitive, best match first."""
    wanted = tuple(sorted(set(kinds))) if kinds else reads.SEARCH_KINDS

    def compute() -> SearchResults:
        hits = reads.search(driver, q, kinds=list(wanted), limit=limit, database=database)
        return SearchResults(query=q, items=[SearchHit.model_validate(hit) for hit in hits])

    return await cache.fetch_json(driver, ("search", q, wanted, limit), compute)

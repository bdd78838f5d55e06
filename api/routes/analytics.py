"""`/analytics`: rankings, PageRank and communities of the accusation graph (computed with networkx)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from api.deps import CacheDep, DatabaseDep, DriverDep
from api.models import Communities, Community, PageRank, PageRankEntry, RankedEntity, Ranking
from claimgraph.records import Category
from graph import analytics

router = APIRouter(prefix="/analytics", tags=["analysts"])

CategoryFilter = Annotated[Category | None, Query(description="Only claims of this category")]
Since = Annotated[date | None, Query(description="Only claims made on or after this day")]
Until = Annotated[date | None, Query(description="Only claims made on or before this day")]
TopN = Annotated[int, Query(ge=1, le=200, description="How many entities")]


@router.get("/rankings/most-accused", operation_id="most_accused", response_model=Ranking)
async def most_accused(
    driver: DriverDep,
    cache: CacheDep,
    database: DatabaseDep,
    category: CategoryFilter = None,
    since: Since = None,
    until: Until = None,
    limit: TopN = 10,
) -> Response:
    """Entities by the number of claims against them (then distinct accusers), by category and period."""
    return await _ranking(
        "most-accused", analytics.most_accused, driver, cache, database, category, since, until, limit
    )


@router.get("/rankings/most-accusing", operation_id="most_accusing", response_model=Ranking)
async def most_accusing(
    driver: DriverDep,
    cache: CacheDep,
    database: DatabaseDep,
    category: CategoryFilter = None,
    since: Since = None,
    until: Until = None,
    limit: TopN = 10,
) -> Response:
    """Entities by the number of claims they made (then distinct accused), by category and period."""
    return await _ranking(
        "most-accusing", analytics.most_accusing, driver, cache, database, category, since, until, limit
    )


async def _ranking(
    name: str,
    rank: Callable[..., list[dict[str, Any]]],
    driver: DriverDep,
    cache: CacheDep,
    database: str,
    category: Category | None,
    since: date | None,
    until: date | None,
    limit: int,
) -> Response:
    """One ranking from `graph.analytics`, cached per graph version like every analytics answer."""
    value = category.value if category else None

    def compute() -> Ranking:
        rows = rank(driver, category=value, since=since, until=until, limit=limit, database=database)
        return Ranking(ranking=name, items=[RankedEntity.model_validate(row) for row in rows])

    return await cache.fetch_json(driver, (name, value, since, until, limit), compute)


@router.get("/pagerank", operation_id="pagerank", response_model=PageRank)
async def pagerank(
    driver: DriverDep,
    cache: CacheDep,
    database: DatabaseDep,
    category: CategoryFilter = None,
    since: Since = None,
    until: Until = None,
    limit: TopN = 20,
) -> Response:
    """PageRank on the accusation graph (accuser -> accused, weighted by claims): where accusations flow."""
    value = category.value if category else None

    def compute() -> PageRank:
        rows = analytics.pagerank(driver, category=value, since=since, until=until, limit=limit, database=database)
        return PageRank(items=[PageRankEntry.model_validate(row) for row in rows])

    return await cache.fetch_json(driver, ("pagerank", value, since, until, limit), compute)


@router.get("/communities", operation_id="communities", response_model=Communities)
async def communities(driver: DriverDep, cache: CacheDep, database: DatabaseDep) -> Response:
    """Louvain communities of entities that dispute each other, largest first."""

    def compute() -> Communities:
        return Communities(
            items=[Community.model_validate(row) for row in analytics.communities(driver, database=database)]
        )

    return await cache.fetch_json(driver, ("communities",), compute)

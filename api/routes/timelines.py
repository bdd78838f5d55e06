"""The timeline routes of disputes and entities: one shape, three renderings (JSON, CSV, TimelineJS).

`add_timeline_routes` gives a router `/{<kind>_id}/timeline`, `.../timeline.csv` and
`.../timeline/timelinejs`, all from one cached `Timeline` per subject and graph version.
"""

# No `from __future__ import annotations`: FastAPI must see the endpoints' `SubjectId`, a name
# local to add_timeline_routes, as a type, not as a string it would look up in the module.
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from neo4j import Driver

from api.cache import GraphCache
from api.deps import CacheDep, DatabaseDep, DriverDep
from api.models import Timeline, TimelineEvent, TimelineJS
from api.openapi import problem_responses
from api.timeline_formats import timeline_csv, timeline_js

CSV_RESPONSES = {200: {"content": {"text/csv": {}}, "description": "One row per event"}, **problem_responses(404)}


def build_timeline(kind: str, subject_id: str, title: str, events: list[dict[str, Any]]) -> Timeline:
    return Timeline(
        subject_kind=kind,
        subject_id=subject_id,
        title=title,
        events=[TimelineEvent.model_validate(event) for event in events],
    )


def csv_response(timeline: Timeline) -> Response:
    safe_id = re.sub(r"[^A-Za-z0-9_.-]", "_", timeline.subject_id)
    filename = f"{timeline.subject_kind}-{safe_id}-timeline.csv"
    return Response(
        content=timeline_csv(timeline.events),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@dataclass(frozen=True)
class TimelineSubject:
    """What has a timeline (a dispute, an entity) and how to read it.

    `path_id` is a dependency declaring the path parameter (`def _id(dispute_id: GraphId) -> str`),
    so that each route documents it under its own name; `load` reads the subject (a dict with its
    `name`) or raises a 404 `HTTPException`; `events` is the graph read of its events;
    `description` documents the JSON route.
    """

    kind: str
    path_id: Callable[..., str]
    load: Callable[[Driver, str, str], dict[str, Any]]
    events: Callable[..., list[dict[str, Any]]]
    description: str

    def build(self, driver: Driver, subject_id: str, database: str) -> Timeline:
        name = self.load(driver, subject_id, database)["name"]
        return build_timeline(self.kind, subject_id, name, self.events(driver, subject_id, database=database))


def add_timeline_routes(router: APIRouter, subject: TimelineSubject) -> None:
    """Add the JSON, CSV and TimelineJS timeline routes of `subject` to `router`.

    Operation ids, summaries and descriptions are those the routes had when each router wrote its
    own three copies, so the OpenAPI description is unchanged.
    """
    SubjectId = Annotated[str, Depends(subject.path_id)]
    path = f"/{{{subject.kind}_id}}/timeline"
    operation = f"{subject.kind}_timeline"

    def build(driver: Driver, subject_id: str, database: str) -> Callable[[], Timeline]:
        return lambda: subject.build(driver, subject_id, database)

    async def cached(driver: Driver, cache: GraphCache, subject_id: str, database: str) -> Timeline:
        return await cache.fetch(driver, (operation, subject_id), build(driver, subject_id, database))

    async def as_json(subject_id: SubjectId, driver: DriverDep, cache: CacheDep, database: DatabaseDep) -> Response:
        # The same cache key as `cached`: the three renderings share one `Timeline`.
        return await cache.fetch_json(driver, (operation, subject_id), build(driver, subject_id, database))

    async def as_csv(subject_id: SubjectId, driver: DriverDep, cache: CacheDep, database: DatabaseDep) -> Response:
        return csv_response(await cached(driver, cache, subject_id, database))

    async def as_timelinejs(
        subject_id: SubjectId, driver: DriverDep, cache: CacheDep, database: DatabaseDep
    ) -> TimelineJS:
        return timeline_js(await cached(driver, cache, subject_id, database))

    kind = subject.kind
    renderings: tuple[tuple[str, Callable[..., Any], str, dict[str, Any]], ...] = (
        ("", as_json, subject.description, {"response_model": Timeline, "responses": problem_responses(404)}),
        (
            ".csv",
            as_csv,
            f"The {kind}'s timeline as CSV (one row per event, with its evidence sentence and article).",
            {"response_class": Response, "responses": CSV_RESPONSES},
        ),
        (
            "/timelinejs",
            as_timelinejs,
            f"The {kind}'s timeline in the TimelineJS3 JSON format.",
            {"response_model": TimelineJS, "responses": problem_responses(404)},
        ),
    )
    for suffix, endpoint, description, documented in renderings:
        operation_id = operation + suffix.replace(".", "_").replace("/", "_")  # dispute_timeline_csv, ...
        router.add_api_route(
            path + suffix,
            endpoint,
            methods=["GET"],
            operation_id=operation_id,
            summary=operation_id.replace("_", " ").title(),  # what FastAPI makes of a function of that name
            description=description,
            **documented,
        )

"""The three renderings of a timeline (JSON, CSV, TimelineJS), shared by disputes and entities."""

from __future__ import annotations

import re
from typing import Any

from fastapi import Response

from api.models import Timeline, TimelineEvent
from api.openapi import problem_responses
from api.timeline_formats import timeline_csv

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

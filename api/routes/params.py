"""Query and path parameters shared by the routes (bounded pagination, ids)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

Limit = Annotated[int, Query(ge=1, le=200, description="Most items returned (1-200)")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="Items skipped")]
GraphId = Annotated[str, Path(min_length=1, max_length=200, description="A stable id from a search or a listing")]

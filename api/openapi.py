"""The OpenAPI description, adjusted so that it tells the truth about errors.

FastAPI documents error responses as `application/json` and validation errors with its own
schema; this API answers every error as `application/problem+json` with the `Problem` schema.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.errors import PROBLEM_JSON

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
ERROR_DESCRIPTIONS = {
    "400": "Bad request",
    "401": "API key missing",
    "403": "Refused",
    "404": "Not found",
    "422": "Invalid request",
    "429": "Too many console queries at once",
    "503": "Neo4j is not reachable",
    "504": "Timed out",
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` entries documenting `statuses` as problem details."""
    return {status: {"description": ERROR_DESCRIPTIONS.get(str(status), "Error")} for status in statuses}


def install_openapi(app: FastAPI) -> None:
    """Replace `app.openapi` with one where every 4xx/5xx response is a `Problem` document."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
            tags=app.openapi_tags,
        )
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                for status, response in operation.get("responses", {}).items():
                    if status[0] in "45":
                        response["content"] = {PROBLEM_JSON: {"schema": PROBLEM_REF}}
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]

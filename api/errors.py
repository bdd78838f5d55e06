"""Every error the API answers is a JSON problem detail (RFC 9457, `application/problem+json`).

No stack trace ever reaches a client: intended errors carry their message; anything else is
logged here and answered with a generic 500.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired
from starlette.exceptions import HTTPException as StarletteHTTPException

from claimgraph.exceptions import (
    AlertError,
    ClaimGraphError,
    ConsoleBusyError,
    GraphUnavailableError,
    InputError,
    InvalidQueryError,
    QueryRefusedError,
    QueryTimeoutError,
)

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPE_BASE = "https://claimgraph.dev/problems/"

ERROR_STATUS: dict[type[ClaimGraphError], int] = {
    GraphUnavailableError: 503,
    QueryRefusedError: 403,
    InvalidQueryError: 400,
    QueryTimeoutError: 504,
    ConsoleBusyError: 429,
    AlertError: 400,
    InputError: 400,
}


def problem_response(
    status: int, detail: str, *, kind: str | None = None, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    """A problem-details response; `kind` names the problem type (default: the HTTP status phrase)."""
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    slug = kind or title.lower().replace(" ", "-")
    body = {"type": PROBLEM_TYPE_BASE + slug, "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _status_of(error: ClaimGraphError) -> int:
    for error_type, status in ERROR_STATUS.items():
        if isinstance(error, error_type):
            return status
    return 500


async def _claimgraph_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ClaimGraphError)
    status = _status_of(error)
    if status >= 500:
        logger.warning("%s %s failed: %s", request.method, request.url.path, error)
    return problem_response(status, str(error), kind=type(error).__name__.removesuffix("Error").lower() or None)


async def _neo4j_unavailable(request: Request, error: Exception) -> JSONResponse:
    logger.warning("%s %s: Neo4j unavailable: %s", request.method, request.url.path, error)
    return problem_response(
        503,
        "the graph database (Neo4j) is not reachable right now; try again shortly, or check the server",
        kind="graph-unavailable",
    )


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    return problem_response(error.status_code, str(error.detail), headers=getattr(error, "headers", None))


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = [
        {"location": ".".join(str(part) for part in item.get("loc", ())), "message": str(item.get("msg", ""))}
        for item in error.errors()
    ]
    detail = "; ".join(f"{item['location']}: {item['message']}" for item in errors[:5]) or "invalid request"
    return problem_response(422, detail, kind="validation-error", errors=errors)


async def _unexpected_error(request: Request, error: Exception) -> JSONResponse:
    logger.exception("%s %s failed unexpectedly", request.method, request.url.path)
    return problem_response(500, "an unexpected error occurred; it has been logged on the server")


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error as problem details."""
    app.add_exception_handler(ClaimGraphError, _claimgraph_error)
    app.add_exception_handler(ServiceUnavailable, _neo4j_unavailable)
    app.add_exception_handler(SessionExpired, _neo4j_unavailable)
    app.add_exception_handler(AuthError, _neo4j_unavailable)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)

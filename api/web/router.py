"""The HTML pages: home, search, dispute, entity and analyst, plus their static files.

Pages are rendered on the server from the graph's public read functions, so they show their
content without JavaScript; scripts only add the visual timeline band, the graph views and the
follow box. Everything a page loads comes from this server (`/web/static/`): no CDN.
"""

from __future__ import annotations

import functools
import logging
import mimetypes
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from neo4j import Driver
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from api.graph_gate import GraphGate
from api.web import views
from api.web.cypher_graph import result_graph
from api.web.rendering import PAGE_PREFIX, STATIC_DIR, error_page, page_url, render
from claimgraph.exceptions import (
    ConsoleBusyError,
    GraphUnavailableError,
    InvalidQueryError,
    QueryRefusedError,
    QueryTimeoutError,
)
from graph import reads

logger = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)

CYPHER_ERROR_STATUS: dict[type[Exception], int] = {
    QueryRefusedError: 403,
    InvalidQueryError: 400,
    QueryTimeoutError: 504,
    ConsoleBusyError: 429,
}
EXAMPLE_QUERIES = (
    (
        "Who accuses whom",
        "MATCH (c:Claim)-[:MADE_BY]->(a:Entity), (c)-[:AGAINST]->(b:Entity)\n"
        "RETURN a.name AS accuser, b.name AS accused, c.category AS category ORDER BY accuser",
    ),
    (
        "Claims as a graph",
        "MATCH p = (a:Entity)<-[:MADE_BY]-(c:Claim)-[:AGAINST]->(b:Entity)\nRETURN p LIMIT 50",
    ),
    (
        "Outlets by reports",
        "MATCH (:Claim)-[:REPORTED_IN]->(:Article)-[:PUBLISHED_BY]->(s:Source)\n"
        "RETURN s.name AS outlet, count(*) AS reports ORDER BY reports DESC",
    ),
)


def html_page(handler: Callable[..., Response]) -> Callable[..., Response]:
    """Answer a page whose graph is unreachable with an HTML 503 page instead of a JSON problem."""

    @functools.wraps(handler)
    def wrapper(request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            return handler(request, *args, **kwargs)
        except (GraphUnavailableError, ServiceUnavailable, SessionExpired) as error:
            logger.warning("page %s: the graph is unavailable: %s", request.url.path, error)
            return error_page(
                request,
                503,
                "The graph is not reachable",
                "ClaimGraph cannot reach its Neo4j database right now. Try again in a moment; "
                "if it lasts, start the server with `claimgraph neo4j start` or check NEO4J_URI.",
            )

    return wrapper


def _driver(request: Request) -> Driver:
    """The API's driver, once its gate has seen the server answer (GraphUnavailableError otherwise)."""
    gate: GraphGate = request.app.state.graph_gate
    return gate.driver()


def _database(request: Request) -> str:
    """The configured database, the one the API's reads name too."""
    gate: GraphGate = request.app.state.graph_gate
    return gate.connection.database


def _version(driver: Driver, database: str) -> str | None:
    return str(reads.graph_version(driver, database=database))


@router.get("/")
def root() -> RedirectResponse:
    return RedirectResponse(page_url("home"))


@router.get(PAGE_PREFIX)
def home_without_slash() -> RedirectResponse:
    return RedirectResponse(page_url("home"))


@router.get(PAGE_PREFIX + "/", response_class=HTMLResponse)
@html_page
def home(request: Request) -> Response:
    driver, database = _driver(request), _database(request)
    return render(
        request,
        "home.html",
        nav="home",
        disputes=views.recent_disputes(driver, database),
        in_the_news=views.entities_in_the_news(driver, database, request.app.state.graph_cache),
        graph_version=_version(driver, database),
    )


@router.get(PAGE_PREFIX + "/search", response_class=HTMLResponse)
@html_page
def search(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> Response:
    driver, database = _driver(request), _database(request)
    text = q.strip()
    results = views.search(driver, text, database) if text else {"entities": [], "disputes": []}
    version = _version(driver, database)
    return render(request, "search.html", query=text, results=results, graph_version=version, nav="search")


@router.get(PAGE_PREFIX + "/disputes/{dispute_id}", response_class=HTMLResponse)
@html_page
def dispute(request: Request, dispute_id: str) -> Response:
    driver, database = _driver(request), _database(request)
    page = views.dispute_page(driver, dispute_id, database)
    if page is None:
        return error_page(request, 404, "No such dispute", f"There is no dispute with id {dispute_id!r}.")
    return render(request, "dispute.html", graph_version=_version(driver, database), **page)


@router.get(PAGE_PREFIX + "/entities/{entity_id}", response_class=HTMLResponse)
@html_page
def entity(request: Request, entity_id: str) -> Response:
    driver, database = _driver(request), _database(request)
    page = views.entity_page(driver, entity_id, database)
    if page is None:
        return error_page(
            request, 404, "No such entity", f"There is no company, model or person with id {entity_id!r}."
        )
    return render(request, "entity.html", graph_version=_version(driver, database), **page)


@router.get(PAGE_PREFIX + "/analyst", response_class=HTMLResponse)
@html_page
def analyst(request: Request, query: Annotated[str, Query(max_length=20_000)] = "") -> Response:
    driver, database = _driver(request), _database(request)
    context: dict[str, Any] = {"nav": "analyst", "cypher": query, "examples": EXAMPLE_QUERIES, "result": None}
    status_code = 200
    if query.strip():
        try:
            result = request.app.state.cypher_console.run(driver, query, database=database)
        except (QueryRefusedError, InvalidQueryError, QueryTimeoutError, ConsoleBusyError) as error:
            status_code = CYPHER_ERROR_STATUS[type(error)]
            context["cypher_error"] = str(error)
            context["cypher_refused"] = isinstance(error, QueryRefusedError)
        else:
            context["result"] = result
            context["result_graph"] = result_graph(result.rows)
    context["rankings"] = views.rankings(driver, database, request.app.state.graph_cache)
    context["communities"] = views.communities(driver, database, request.app.state.graph_cache)
    version = _version(driver, database)
    return render(request, "analyst.html", status_code=status_code, graph_version=version, **context)


@router.get(PAGE_PREFIX + "/static/{path:path}")
def static(path: str) -> Response:
    """A file under api/web/static/ (our CSS and JS, and the vendor/ libraries built by `make web`)."""
    root = STATIC_DIR.resolve()
    if "\x00" in path:  # no file name holds NUL; Path.resolve would raise on it
        return Response(f"no static file {path!r}", status_code=404, media_type="text/plain")
    file = (root / path).resolve()
    if not file.is_relative_to(root) or not file.is_file():
        return Response(f"no static file {path!r}", status_code=404, media_type="text/plain")
    media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return FileResponse(file, media_type=media_type, headers={"Cache-Control": "public, max-age=3600"})

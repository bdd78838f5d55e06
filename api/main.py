"""The FastAPI application: routers, CORS, problem-details errors, one Neo4j driver per process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.cache import VERSION_CHECK_INTERVAL, GraphCache
from api.cypher_runner import CypherConsole
from api.errors import install_error_handlers
from api.graph_gate import GraphGate
from api.models import Problem
from api.openapi import install_openapi
from api.routes import (
    analytics,
    claims,
    cypher,
    disputes,
    entities,
    exports,
    feeds,
    graph,
    health,
    search,
    subscriptions,
)
from api.secret_box import SecretBox
from api.web.docs_ui import router as docs_router
from api.web.router import router as web_router
from claimgraph.connection import resolve_connection
from claimgraph.settings import Settings, get_settings

ROUTERS = (
    health.router,
    search.router,
    entities.router,
    disputes.router,
    claims.router,
    graph.router,
    analytics.router,
    exports.router,
    cypher.router,
    subscriptions.router,
    feeds.router,
)

DESCRIPTION = """
Follow disputes in the AI industry through the news.

* **Journalists**: search, entity profiles, disputes and their timelines (JSON, CSV, TimelineJS),
  claims with every report that backs them.
* **Analysts**: neighbourhoods, paths, rankings, communities and read-only Cypher (`POST /cypher`).
* **Subscribers**: subscriptions (with an `X-API-Key`), per-subscription Atom feeds and signed webhooks.

Errors are `application/problem+json` documents. See docs/API.md.
"""


def create_app(settings: Settings | None = None, *, cache_check_interval: float = VERSION_CHECK_INTERVAL) -> FastAPI:
    """The API for `settings` (default: the process settings); Neo4j is connected in the lifespan.

    Answers are cached per graph version, checked at most every `cache_check_interval` seconds.
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        gate = GraphGate(
            resolve_connection(settings),
            connect_timeout=settings.neo4j_connect_timeout,
            answer_timeout=settings.api_graph_timeout,
        )
        app.state.graph_gate = gate
        try:
            yield
        finally:
            gate.close()
            app.state.cypher_console.close()

    app = FastAPI(
        title="ClaimGraph API",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served by api.web.docs_ui from local files, not from a CDN
        redoc_url=None,
        responses={
            422: {"model": Problem, "description": "Invalid request"},
            503: {"model": Problem, "description": "Neo4j is not reachable"},
        },
    )
    app.state.settings = settings
    app.state.graph_cache = GraphCache(database=settings.neo4j_database, check_interval=cache_check_interval)
    app.state.cypher_console = CypherConsole.from_settings(settings)
    app.state.secret_box = SecretBox.from_settings(settings)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
            allow_headers=["Content-Type", "X-API-Key"],
        )
    install_error_handlers(app)
    install_openapi(app)
    for router in ROUTERS:
        app.include_router(router)
    app.include_router(docs_router)
    app.include_router(web_router)
    return app

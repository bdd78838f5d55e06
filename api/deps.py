"""The API's dependencies, as `Annotated` aliases routes declare in their signatures."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader
from neo4j import Driver
from starlette.concurrency import run_in_threadpool

from api.cache import GraphCache
from api.cypher_runner import CypherConsole
from api.graph_gate import GraphGate
from api.secret_box import SecretBox, owner_of
from claimgraph.settings import Settings


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_driver(request: Request) -> Driver:
    """The app's one Neo4j driver, after a (cached) check that the server answers.

    Dependencies are async so that a request needs no thread hop for them; the rare probe of the
    server runs in the thread pool.
    """
    gate: GraphGate = request.app.state.graph_gate
    return gate.fresh_driver() or await run_in_threadpool(gate.driver)


DriverDep = Annotated[Driver, Depends(get_driver)]


async def get_database(request: Request) -> str:
    """The database every read names: the configured one (`neo4j_database`), never the server's default."""
    gate: GraphGate = request.app.state.graph_gate
    return gate.connection.database


DatabaseDep = Annotated[str, Depends(get_database)]


async def get_cache(request: Request) -> GraphCache:
    return request.app.state.graph_cache


CacheDep = Annotated[GraphCache, Depends(get_cache)]


async def get_console(request: Request) -> CypherConsole:
    return request.app.state.cypher_console


ConsoleDep = Annotated[CypherConsole, Depends(get_console)]

api_key_header = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    description="One of the keys in the `api_keys` setting (CLAIMGRAPH_API_KEYS); needed to manage subscriptions.",
)


async def require_api_key(
    settings: SettingsDep, api_key: Annotated[str | None, Security(api_key_header)] = None
) -> str:
    """The caller's API key, when it is one of the configured keys; 401/403 otherwise."""
    if not settings.api_keys:
        raise HTTPException(
            status_code=403,
            detail="no API keys are configured on this server, so subscriptions cannot be managed: "
            "set CLAIMGRAPH_API_KEYS (comma-separated) or api_keys in claimgraph.toml and restart",
        )
    if not api_key:
        raise HTTPException(
            status_code=401,
            detail="this endpoint needs an API key in the X-API-Key header",
            headers={"WWW-Authenticate": "APIKey"},
        )
    supplied = api_key.encode("utf-8")
    if not any(hmac.compare_digest(supplied, key.encode("utf-8")) for key in settings.api_keys):
        raise HTTPException(status_code=403, detail="the X-API-Key header does not hold a valid API key")
    return api_key


ApiKeyDep = Annotated[str, Depends(require_api_key)]


async def get_owner(api_key: ApiKeyDep) -> str:
    """Who owns what the caller creates and may see: its API key's hash (subscriptions are per key)."""
    return owner_of(api_key)


OwnerDep = Annotated[str, Depends(get_owner)]


async def get_secret_box(request: Request) -> SecretBox:
    return request.app.state.secret_box


SecretBoxDep = Annotated[SecretBox, Depends(get_secret_box)]


async def get_base_url(request: Request, settings: SettingsDep) -> str:
    """The public base URL of the API (links in feeds and responses), without a trailing slash."""
    return (settings.public_base_url or str(request.base_url)).rstrip("/")


BaseUrlDep = Annotated[str, Depends(get_base_url)]

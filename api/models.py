"""Request and response models of every endpoint (what the OpenAPI description is built from)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ApiModel(BaseModel):
    """Base of the API's models."""

    model_config = ConfigDict(extra="forbid")


class Problem(BaseModel):
    """An error, as RFC 9457 problem details (`application/problem+json`)."""

    type: str = Field(examples=["https://claimgraph.dev/problems/not-found"])
    title: str = Field(examples=["Not Found"])
    status: int = Field(examples=[404])
    detail: str = Field(examples=["no dispute with id 'd-123'"])
    errors: list[dict[str, str]] | None = Field(default=None, description="Each invalid field (validation errors)")


# --- Health ------------------------------------------------------------------------------------


class Health(ApiModel):
    status: str = Field(examples=["ok"])
    neo4j: str = Field(examples=["reachable"])
    graph_version: str | None = Field(default=None, description="Changes whenever the graph is written")


# --- Cypher ------------------------------------------------------------------------------------


class CypherRequest(ApiModel):
    """A read-only Cypher query and its parameters."""

    query: str = Field(
        min_length=1,
        max_length=20_000,
        examples=["MATCH (c:Claim)-[:AGAINST]->(e:Entity {id: $id}) RETURN c.id AS claim, c.category AS category"],
    )
    parameters: dict[str, Any] = Field(default_factory=dict, examples=[{"id": "alibaba"}])


class CypherResponse(ApiModel):
    """Rows as objects keyed by column; `truncated` is true when the row cap cut the result."""

    columns: list[str]
    rows: list[dict[str, Any]]
    row_count: int
    truncated: bool
    row_cap: int
    elapsed_ms: float

"""Request and response models of every endpoint (what the OpenAPI description is built from)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from claimgraph.records import Category


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


# --- Subscriptions, deliveries ---------------------------------------------------------------


class SubscriptionKind(StrEnum):
    """What a subscription follows."""

    ENTITY = "entity"
    DISPUTE = "dispute"
    CATEGORY = "category"
    PAIR = "pair"


KIND_FIELDS: dict[SubscriptionKind, str] = {
    SubscriptionKind.ENTITY: "entity_id",
    SubscriptionKind.DISPUTE: "dispute_id",
    SubscriptionKind.CATEGORY: "category",
    SubscriptionKind.PAIR: "entity_ids",
}

EntityId = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\s]+$")]


class SubscriptionBase(ApiModel):
    """What to follow: exactly the field that goes with `kind` is set."""

    kind: SubscriptionKind = Field(examples=["entity"])
    entity_id: EntityId | None = Field(
        default=None, description="kind=entity: the entity followed", examples=["alibaba"]
    )
    dispute_id: EntityId | None = Field(default=None, description="kind=dispute: the dispute followed")
    category: Category | None = Field(default=None, description="kind=category: the accusation category followed")
    entity_ids: list[EntityId] | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="kind=pair: two entities; claims between them, either way",
        examples=[["anthropic", "alibaba"]],
    )
    min_confidence: float = Field(
        default=0.0, ge=0.0, le=1.0, description="Claims extracted with a lower confidence are not alerted"
    )
    label: str | None = Field(default=None, max_length=200, description="A name for the subscriber's own use")
    webhook_url: str | None = Field(
        default=None,
        max_length=2000,
        description="Optional http(s) URL that receives each alert as a signed JSON POST",
        examples=["https://example.org/claimgraph-hook"],
    )


class SubscriptionCreate(SubscriptionBase):
    @model_validator(mode="after")
    def _one_target(self) -> SubscriptionCreate:
        wanted = KIND_FIELDS[self.kind]
        if getattr(self, wanted) is None:
            raise ValueError(f"kind={self.kind.value} needs {wanted}")
        extra = [name for name in KIND_FIELDS.values() if name != wanted and getattr(self, name) is not None]
        if extra:
            raise ValueError(f"kind={self.kind.value} takes {wanted} only, not {', '.join(extra)}")
        if self.entity_ids is not None and self.entity_ids[0] == self.entity_ids[1]:
            raise ValueError("entity_ids must name two different entities")
        return self


class SubscriptionPublic(SubscriptionBase):
    """A subscription as listed (its feed token and webhook secret are never shown again)."""

    id: str
    created_at: datetime


class SubscriptionCreated(SubscriptionPublic):
    """A new subscription, with the secrets shown this once: keep them."""

    feed_url: str = Field(description="The subscription's Atom feed; the token in it is the only key to the feed")
    webhook_secret: str | None = Field(
        default=None, description="Key of the HMAC-SHA256 signature in X-ClaimGraph-Signature (webhooks only)"
    )


class SubscriptionList(ApiModel):
    items: list[SubscriptionPublic]
    limit: int
    offset: int


class DeliveryPublic(ApiModel):
    """One alert of a subscription: an event that matched, and how its webhook delivery went."""

    id: str = Field(description="Idempotency id, sent as X-ClaimGraph-Delivery (the same on every retry)")
    event_id: str
    event_type: str = Field(examples=["claim.new"])
    occurred_at: datetime
    title: str
    link: str | None = None
    webhook_status: str = Field(description="none (no webhook), pending, delivered or failed")
    attempts: int
    last_status_code: int | None = None
    last_error: str | None = None
    last_attempt_at: datetime | None = None
    delivered_at: datetime | None = None


class DeliveryList(ApiModel):
    items: list[DeliveryPublic]
    limit: int
    offset: int

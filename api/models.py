"""Request and response models of every endpoint (what the OpenAPI description is built from)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from claimgraph.records import Category, ClaimStatus, DisputeStatus

Day = date
"""Alias of `datetime.date` for fields named `date` (a field may not share its type's name)."""


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
    graph_version: str = Field(description="Changes whenever an ingest changes the graph", examples=["42"])


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
    truncated_by: Literal["rows", "bytes"] | None = None
    row_cap: int
    elapsed_ms: float


# --- Subscriptions, deliveries ---------------------------------------------------------------


class SubscriptionKind(StrEnum):
    """What a subscription follows."""

    ENTITY = "entity"
    DISPUTE = "dispute"
    CATEGORY = "category"
    PAIR = "pair"


EntityId = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\s]+$")]


class SubscriptionBase(ApiModel):
    """A stored subscription: exactly the field that goes with `kind` is set."""

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


class SubscriptionOptions(ApiModel):
    """What every kind of subscription may add."""

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


class EntitySubscriptionCreate(SubscriptionOptions):
    """Follow an entity: claims it made, received or is the object of, and its disputes' turns."""

    kind: Literal["entity"]
    entity_id: EntityId = Field(examples=["alibaba"])


class DisputeSubscriptionCreate(SubscriptionOptions):
    """Follow one dispute: its new claims and its turns."""

    kind: Literal["dispute"]
    dispute_id: EntityId


class CategorySubscriptionCreate(SubscriptionOptions):
    """Follow a category of accusation."""

    kind: Literal["category"]
    category: Category


class PairSubscriptionCreate(SubscriptionOptions):
    """Follow two entities: claims between them either way, and their dispute's turns."""

    kind: Literal["pair"]
    entity_ids: Annotated[list[EntityId], Field(min_length=2, max_length=2, examples=[["anthropic", "alibaba"]])]

    @field_validator("entity_ids")
    @classmethod
    def _two_different(cls, value: list[str]) -> list[str]:
        if value[0] == value[1]:
            raise ValueError("entity_ids must name two different entities")
        return value


SubscriptionCreate = Annotated[
    EntitySubscriptionCreate | DisputeSubscriptionCreate | CategorySubscriptionCreate | PairSubscriptionCreate,
    Field(discriminator="kind"),
]
"""A new subscription: `kind` says which target field it carries."""


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


# --- Journalists: entities, disputes, claims, timelines ---------------------------------------


class ReadModel(BaseModel):
    """Base of models filled from the graph's read functions (fields they add later are ignored)."""

    model_config = ConfigDict(extra="ignore")


class EntityBrief(ReadModel):
    id: str = Field(examples=["alibaba"])
    name: str = Field(examples=["Alibaba"])
    type: str | None = Field(default=None, examples=["Company"])


class SearchHit(ReadModel):
    kind: str = Field(description="entity or dispute", examples=["entity"])
    id: str
    name: str
    type: str | None = Field(default=None, description="Entity kind (entities)")
    aliases: list[str] | None = Field(default=None, description="Other names (entities)")
    status: DisputeStatus | None = Field(default=None, description="Current status (disputes)")
    categories: list[str] | None = Field(default=None, description="Accusation categories (disputes)")
    score: float


class SearchResults(ApiModel):
    query: str
    items: list[SearchHit]


class ClaimSummary(ReadModel):
    """A claim: who accuses whom of what, where it stands, how well it is corroborated."""

    id: str
    category: str = Field(examples=["distillation"])
    allegation: str | None = None
    status: DisputeStatus = Field(examples=["alleged"])
    status_date: date | None = None
    claim_date: date | None = None
    last_report_date: date | None = None
    first_reported_at: datetime | None = None
    first_article_id: str | None = None
    first_source_id: str | None = None
    corroboration: int = Field(description="Distinct outlets that reported the claim")
    confidence: float
    report_count: int
    accuser: EntityBrief | None = None
    accused: EntityBrief | None = None
    object: EntityBrief | None = None
    dispute_id: str | None = None


class ProfileClaim(ClaimSummary):
    other_party: EntityBrief | None = None


class DisputeSummary(ReadModel):
    id: str
    name: str = Field(examples=["Anthropic v. Alibaba: distillation"])
    categories: list[str]
    status: DisputeStatus
    status_date: date | None = None
    first_event_date: date | None = None
    last_event_date: date | None = None
    claim_count: int
    parties: list[EntityBrief]


class EntityProfile(ReadModel):
    """An entity: its names, kind, what it develops, the claims it made and received, its disputes."""

    id: str
    name: str
    type: str | None = None
    aliases: list[str]
    in_kb: bool | None = None
    develops: list[EntityBrief]
    developed_by: list[EntityBrief]
    version_of: list[EntityBrief]
    versions: list[EntityBrief]
    parent: EntityBrief | None = None
    subsidiaries: list[EntityBrief]
    claims_made: list[ProfileClaim]
    claims_received: list[ProfileClaim]
    disputes: list[DisputeSummary]
    article_count: int


class StatusChange(ReadModel):
    """One turn of a dispute, with the sentence and article that report it."""

    id: str
    status: DisputeStatus = Field(examples=["denied"])
    previous_status: DisputeStatus | None = None
    date: Day | None = None
    claim_id: str | None = None
    evidence_kind: str | None = None
    sentence: str | None = None
    article_id: str | None = None
    article_url: str | None = None
    article_title: str | None = None
    source_id: str | None = None
    source_name: str | None = None
    basis: str | None = Field(
        default=None,
        description="Why the turn was taken: opening, explicit (the sentence states the event), response (the "
        "accused's own), confident, corroborated (two outlets, same day), reversal",
        examples=["explicit"],
    )


class DeclinedTurn(StatusChange):
    """A turn the evidence proposed that the lifecycle rules did not take; `previous_status` is where the
    status stood."""

    reason: str = Field(examples=["weak evidence"])


class DisputeDetail(DisputeSummary):
    status_history: list[StatusChange]
    declined_turns: list[DeclinedTurn] = Field(
        default_factory=list, description="Turns seen in the evidence but not taken, kept for review"
    )
    claim_ids: list[str]


class Report(ReadModel):
    """One article's report of a claim: the evidence sentence, where it is, who published it and when."""

    sentence: str
    start: int
    end: int
    confidence: float | None = None
    status: ClaimStatus | None = Field(default=None, description="The status this article reports")
    claim_date: date | None = None
    article_id: str
    article_url: str | None = None
    article_title: str | None = None
    source_id: str | None = None
    source_name: str | None = None
    published_at: datetime | None = None
    copy_of: str | None = None
    first_report: bool


class ClaimResponse(ReadModel):
    """A response to a claim (denial, rebuttal, no comment, ...) with its evidence."""

    id: str
    kind: str
    responder: EntityBrief
    date: Day | None = None
    sentence: str
    article_id: str
    article_url: str | None = None
    article_title: str | None = None
    source_id: str | None = None
    source_name: str | None = None
    published_at: datetime | None = None


class FirstReporter(ApiModel):
    source_id: str | None = None
    source_name: str | None = None
    article_url: str | None = None
    published_at: datetime | None = None


class ClaimDetail(ClaimSummary):
    """A claim with every report and response; `corroboration` counts distinct outlets."""

    first_reporter: FirstReporter | None = None
    reports: list[Report]
    responses: list[ClaimResponse]


class ClaimList(ApiModel):
    items: list[ClaimSummary]
    limit: int
    offset: int


class DisputeList(ApiModel):
    items: list[DisputeSummary]
    limit: int
    offset: int


class TimelineEvidence(ReadModel):
    sentence: str | None = None
    article_id: str | None = None
    article_url: str | None = None
    article_title: str | None = None
    source_id: str | None = None
    source_name: str | None = None
    published_at: datetime | None = None
    first_report: bool = False


class TimelineEvent(ReadModel):
    """A dated event: a claim first reported, another outlet reporting it, a response, a status change."""

    date: Day | None = None
    kind: str = Field(examples=["claim_first_reported"])
    summary: str
    status: DisputeStatus | None = None
    claim_id: str | None = None
    dispute_id: str | None = None
    source_name: str | None = None
    first_reporter: bool
    status_change_id: str | None = None
    evidence: list[TimelineEvidence]


class Timeline(ApiModel):
    subject_kind: str = Field(description="dispute or entity")
    subject_id: str
    title: str
    events: list[TimelineEvent]


class TimelineJSDate(ApiModel):
    year: int
    month: int
    day: int


class TimelineJSText(ApiModel):
    headline: str
    text: str = ""


class TimelineJSEvent(ApiModel):
    start_date: TimelineJSDate
    text: TimelineJSText
    group: str
    unique_id: str


class TimelineJSTitle(ApiModel):
    text: TimelineJSText


class TimelineJS(ApiModel):
    """The TimelineJS3 JSON format (load it with `new TL.Timeline(id, url)`)."""

    title: TimelineJSTitle
    events: list[TimelineJSEvent]


# --- Analysts: graph ---------------------------------------------------------------------------


class GraphNode(ReadModel):
    id: str
    kind: str = Field(description="entity or claim")
    label: str
    name: str | None = None
    type: str | None = None
    category: str | None = None
    status: DisputeStatus | None = None
    claim_date: date | None = None
    corroboration: int | None = None


class GraphEdge(ReadModel):
    source: str
    target: str
    type: str


class Neighbourhood(ApiModel):
    entity_id: str
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class PathNode(ReadModel):
    id: str
    kind: str = Field(description="Claim, or the entity kind (Company, Model, ...)")
    name: str | None = None


class GraphPath(ReadModel):
    length: int = Field(description="Number of relationships")
    nodes: list[PathNode]
    edges: list[GraphEdge]


class Paths(ApiModel):
    source: str
    target: str
    paths: list[GraphPath] = Field(description="The shortest paths (all of the same length); empty when unlinked")


# --- Analysts: analytics -----------------------------------------------------------------------


class RankedEntity(ReadModel):
    rank: int
    entity: EntityBrief
    claims: int
    parties: int = Field(description="Distinct other parties")
    categories: list[str]


class Ranking(ApiModel):
    ranking: str = Field(examples=["most-accused"])
    items: list[RankedEntity]


class PageRankEntry(ReadModel):
    rank: int
    entity: EntityBrief
    score: float


class PageRank(ApiModel):
    items: list[PageRankEntry]


class Community(ReadModel):
    id: int
    size: int
    members: list[EntityBrief]
    claims: int = Field(description="Claims between members")


class Communities(ApiModel):
    items: list[Community]

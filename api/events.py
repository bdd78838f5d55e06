"""Graph events as alerts: what an event is about, and which subscriptions it matches.

`graph.reads.events_since` yields `claim.new` and `dispute.status_changed` events; `AlertEvent`
reads the few fields matching needs from one, keeps the whole event as `data` (the webhook's
payload), and writes the title, summary and link a feed entry shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field

from api.serialize import to_json

CLAIM_NEW = "claim.new"
STATUS_CHANGED = "dispute.status_changed"


def _id(entity: Mapping[str, Any] | None) -> str | None:
    return entity.get("id") if entity else None


def _name(entity: Mapping[str, Any] | None) -> str | None:
    return (entity.get("name") or entity.get("id")) if entity else None


def as_aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class AlertEvent(BaseModel):
    """One graph event, reduced to what subscriptions match on and what a subscriber reads."""

    event_id: str
    type: str
    recorded_at: datetime
    claim_id: str | None = None
    dispute_id: str | None = None
    accuser: str | None = None
    accused: str | None = None
    accuser_name: str | None = None
    accused_name: str | None = None
    object_id: str | None = None
    party_ids: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    confidence: float | None = None
    status: str | None = None
    previous_status: str | None = None
    dispute_name: str | None = None
    source_urls: list[str] = Field(default_factory=list)
    data: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def from_graph(cls, event: Mapping[str, Any]) -> AlertEvent:
        """Read one event of `graph.reads.events_since`."""
        evidence = event.get("first_report") if event["type"] == CLAIM_NEW else event.get("evidence")
        url = (evidence or {}).get("article_url")
        accuser, accused = event.get("accuser"), event.get("accused")
        parties = [_id(party) for party in event.get("parties") or []]
        categories = list(event.get("categories") or ([event["category"]] if event.get("category") else []))
        return cls(
            event_id=event["event_id"],
            type=event["type"],
            recorded_at=as_aware(event["recorded_at"]),
            claim_id=event.get("claim_id"),
            dispute_id=event.get("dispute_id"),
            accuser=_id(accuser),
            accused=_id(accused),
            accuser_name=_name(accuser),
            accused_name=_name(accused),
            object_id=_id(event.get("object")),
            party_ids=[party for party in parties if party] or [p for p in (_id(accuser), _id(accused)) if p],
            categories=[str(category) for category in categories],
            confidence=event.get("confidence"),
            status=event.get("status"),
            previous_status=event.get("previous_status"),
            dispute_name=event.get("dispute_name"),
            source_urls=[url] if url else [],
            data=to_json(dict(event)),
        )

    @property
    def alert_key(self) -> str:
        """What "the same event" is to a subscriber: one claim, or one turn of a dispute.

        The graph re-dates a turn (and gives it a new id) when earlier evidence of it arrives; it is
        still the turn the subscriber was told about, so a turn is keyed by dispute and statuses. A
        claim re-dated by an older report gets a new id too, but its `event_id` keeps naming the id
        it was first announced under (`graph.reads.events_since`).
        """
        if self.type == STATUS_CHANGED:
            return f"{STATUS_CHANGED}:{self.dispute_id}:{self.previous_status}:{self.status}"
        return self.event_id

    @property
    def alertable(self) -> bool:
        """False for a dispute's opening status (no previous one): its claim's `claim.new` says it already."""
        return not (self.type == STATUS_CHANGED and self.previous_status is None)

    # --- what a subscriber sees -----------------------------------------------------------------

    def title(self) -> str:
        if self.type == STATUS_CHANGED:
            change = f"{self.previous_status or 'new'} → {self.status}"
            return f"{self.dispute_name or self.dispute_id}: {change}"
        accuser = self.accuser_name or self.accuser or "someone"
        accused = self.accused_name or self.accused or "someone"
        category = self.categories[0].replace("_", " ") if self.categories else "misconduct"
        return f"{accuser} accuses {accused} of {category}"

    def summary(self) -> str:
        parts = [self.title()]
        if self.data.get("summary"):
            parts.append(str(self.data["summary"]))
        if self.confidence is not None:
            parts.append(f"confidence {self.confidence:.2f}")
        return ". ".join(parts)

    def link(self, base_url: str) -> str | None:
        """The API resource the event is about (the claim, or the dispute)."""
        if self.type == CLAIM_NEW and self.claim_id:
            return f"{base_url}/claims/{self.claim_id}"
        if self.dispute_id:
            return f"{base_url}/disputes/{self.dispute_id}"
        return None


def matches(subscription: Mapping[str, Any], event: AlertEvent) -> bool:
    """True when `event` is one `subscription` follows (and not older than the subscription)."""
    created_at = subscription.get("created_at")
    if created_at is not None and event.recorded_at < as_aware(created_at):
        return False
    minimum = float(subscription.get("min_confidence") or 0.0)
    if event.confidence is not None and event.confidence < minimum:
        return False
    kind = subscription.get("kind")
    if kind == "entity":
        involved = {event.accuser, event.accused, event.object_id, *event.party_ids}
        return subscription.get("entity_id") in involved
    if kind == "dispute":
        return event.dispute_id is not None and subscription.get("dispute_id") == event.dispute_id
    if kind == "category":
        return subscription.get("category") in event.categories
    if kind == "pair":
        pair = set(subscription.get("entity_ids") or [])
        parties = {event.accuser, event.accused} if event.accuser and event.accused else set(event.party_ids)
        return len(pair) == 2 and pair == parties
    return False

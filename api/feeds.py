"""Per-subscription Atom feeds: unguessable URLs, stable entry ids, links to claims and sources."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from feedgen.feed import FeedGenerator

FEED_NAMESPACE = uuid.UUID("5d3c8f0e-2b7a-4f4e-9a51-6c1f3e9d2b10")
"""Namespace of the uuid5 ids of feeds and entries (fixed: ids must never change)."""

ATOM_MEDIA_TYPE = "application/atom+xml"


def new_feed_token() -> tuple[str, str]:
    """A fresh feed token (shown to the subscriber once) and its hash (what the graph keeps)."""
    token = secrets.token_urlsafe(32)
    return token, feed_token_hash(token)


def feed_token_hash(token: str) -> str:
    """SHA-256 of a feed token: a stolen database does not give the feed URLs away."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def delivery_id(subscription_id: str, event_id: str) -> str:
    """The stable id of one event for one subscription: the Atom entry id and the webhook idempotency id."""
    return str(uuid.uuid5(FEED_NAMESPACE, f"delivery:{subscription_id}:{event_id}"))


def describe_subscription(subscription: dict[str, Any]) -> str:
    """A short human title: 'entity alibaba', 'pair anthropic / alibaba', ..."""
    kind = subscription.get("kind", "")
    if kind == "pair":
        return "claims between " + " and ".join(subscription.get("entity_ids") or [])
    target = subscription.get(f"{kind}_id") or subscription.get("category") or ""
    return f"{kind} {target}".strip()


def build_atom(
    subscription: dict[str, Any], deliveries: Sequence[dict[str, Any]], *, self_url: str, base_url: str
) -> bytes:
    """The Atom document of a subscription's deliveries (newest first)."""
    feed = FeedGenerator()
    feed.id(f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, 'subscription:' + subscription['id'])}")
    title = subscription.get("label") or describe_subscription(subscription)
    feed.title(f"ClaimGraph alerts: {title}")
    feed.subtitle(f"New claims and dispute turns for {describe_subscription(subscription)}")
    feed.author({"name": "ClaimGraph"})
    feed.link(href=self_url, rel="self", type=ATOM_MEDIA_TYPE)
    feed.link(href=base_url.rstrip("/") + "/docs", rel="alternate", type="text/html")
    feed.generator("ClaimGraph")
    newest = max((d["occurred_at"] for d in deliveries), default=None)
    feed.updated(_aware(newest or subscription.get("created_at") or datetime.now(UTC)))
    for delivery in deliveries:
        entry = feed.add_entry(order="append")
        entry.id(f"urn:uuid:{delivery['id']}")
        entry.title(delivery.get("title") or delivery["event_type"])
        entry.updated(_aware(delivery["occurred_at"]))
        entry.published(_aware(delivery["occurred_at"]))
        entry.category(term=delivery["event_type"])
        if delivery.get("link"):
            entry.link(href=delivery["link"], rel="alternate", type="application/json")
        for url in delivery.get("source_urls") or []:
            entry.link(href=url, rel="related", type="text/html")
        entry.summary(delivery.get("summary") or delivery.get("title") or delivery["event_type"])
    return feed.atom_str(pretty=True)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

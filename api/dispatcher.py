"""The alert dispatcher: graph events → matching subscriptions → feed entries and signed webhooks.

One pass (`dispatch_once`):
1. read the events recorded since the durable cursor (`graph.reads.events_since`), page by page;
2. for each event and each subscription it matches, MERGE a `Delivery` keyed (subscription,
   event): the feed entry, and for a webhook the idempotency record, created `pending`;
3. advance the cursor (only after the deliveries are stored, so a crash re-reads, never skips);
4. POST every `pending` webhook delivery (including those a crashed run left), retrying with
   exponential back-off, and mark each `delivered` or, after the last attempt, `failed`.
A delivery marked `delivered` is never sent again; a retry reuses the delivery's id, which the
receiver sees as `X-ClaimGraph-Delivery`.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx
from neo4j import Driver
from neo4j.exceptions import DriverError, Neo4jError

from api.events import AlertEvent, matches
from api.feeds import delivery_id
from api.secret_box import SecretBox
from api.webhooks import AttemptResult, Resolver, post_once, system_resolver
from claimgraph.exceptions import AlertError, ClaimGraphError
from claimgraph.settings import Settings
from graph import subscriptions as store
from graph.reads import events_since

logger = logging.getLogger(__name__)

CURSOR_NAME = "dispatcher"
EVENT_PAGE = 500
MAX_EVENT_PAGE = 100_000

EventSource = Callable[..., Iterable[Mapping[str, Any]]]


@dataclass
class DispatchReport:
    """What one pass did."""

    events: int = 0
    deliveries_recorded: int = 0
    webhooks_delivered: int = 0
    webhooks_failed: int = 0
    attempts: int = 0
    cursor: datetime | None = None
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.events} events, {self.deliveries_recorded} new alerts; webhooks: "
            f"{self.webhooks_delivered} delivered, {self.webhooks_failed} failed ({self.attempts} attempts)"
        )


def _base_url(settings: Settings) -> str:
    return (settings.public_base_url or f"http://{settings.api_host}:{settings.api_port}").rstrip("/")


def _delivery_rows(event: AlertEvent, subscriptions: list[dict[str, Any]], base_url: str) -> list[dict[str, Any]]:
    rows = []
    for subscription in subscriptions:
        if not matches(subscription, event):
            continue
        identifier = delivery_id(subscription["id"], event.alert_key)
        link = event.link(base_url)
        payload = {
            "delivery_id": identifier,
            "subscription_id": subscription["id"],
            "event": {
                "id": event.event_id,
                "type": event.type,
                "recorded_at": event.recorded_at.isoformat(),
                "title": event.title(),
                "link": link,
                "source_urls": event.source_urls,
                "data": event.data,
            },
        }
        rows.append(
            {
                "key": f"{subscription['id']}|{event.alert_key}",
                "occurred_at": event.recorded_at.isoformat(),
                "props": {
                    "id": identifier,
                    "subscription_id": subscription["id"],
                    "event_id": event.event_id,
                    "event_type": event.type,
                    "title": event.title(),
                    "summary": event.summary(),
                    "link": link,
                    "source_urls": event.source_urls,
                    "payload": json.dumps(payload, sort_keys=True, separators=(",", ":")),
                    "webhook_status": "pending" if subscription.get("webhook_url") else "none",
                },
            }
        )
    return rows


def _new_events(
    driver: Driver, source: EventSource, position: datetime | None, last_id: str | None, database: str
) -> Iterable[AlertEvent]:
    """Events after (position, last_id), oldest first, read in pages (`events_since` is inclusive)."""
    page = EVENT_PAGE
    while True:
        raw = list(source(driver, position, limit=page, database=database))
        events = [AlertEvent.from_graph(item) for item in raw]
        fresh = [e for e in events if position is None or (e.recorded_at, e.event_id) > (position, last_id or "")]
        if not fresh:
            if len(raw) < page or page >= MAX_EVENT_PAGE:
                return
            page *= 10  # a full page of events all at the cursor's instant: read more at once
            continue
        yield from fresh
        position, last_id = fresh[-1].recorded_at, fresh[-1].event_id
        if len(raw) < page:
            return


def record_alerts(
    driver: Driver, settings: Settings, report: DispatchReport, source: EventSource = events_since
) -> None:
    """Steps 1-3: match new events to subscriptions, store deliveries, advance the cursor."""
    database = settings.neo4j_database
    subscriptions = store.all_subscriptions(driver, database=database)
    position, last_id = store.get_cursor(driver, CURSOR_NAME, database=database)
    base_url = _base_url(settings)
    batch: list[dict[str, Any]] = []
    last: AlertEvent | None = None
    for event in _new_events(driver, source, position, last_id, database):
        report.events += 1
        if event.alertable:
            batch.extend(_delivery_rows(event, subscriptions, base_url))
        last = event
        if len(batch) >= settings.ingest_batch_size:
            report.deliveries_recorded += store.record_deliveries(driver, batch, database=database)
            batch = []
            store.set_cursor(driver, CURSOR_NAME, event.recorded_at, event.event_id, database=database)
    report.deliveries_recorded += store.record_deliveries(driver, batch, database=database)
    if last is not None:
        store.set_cursor(driver, CURSOR_NAME, last.recorded_at, last.event_id, database=database)
        report.cursor = last.recorded_at
    else:
        report.cursor = position


def seal_clear_secrets(driver: Driver, box: SecretBox, *, database: str) -> int:
    """Seal the secrets of subscriptions stored in clear by an older version; the number sealed."""
    rows = store.clear_webhook_secrets(driver, database=database)
    store.seal_webhook_secrets(
        driver, [{"id": row["id"], "sealed": box.seal(row["secret"])} for row in rows], database=database
    )
    if rows:
        logger.info("sealed %d webhook secrets that were stored in clear", len(rows))
    return len(rows)


def _secret(delivery: dict[str, Any], box: SecretBox) -> str:
    sealed = delivery.get("webhook_secret_sealed")
    return box.open(sealed) if sealed else delivery["webhook_secret"]


def deliver_webhooks(
    driver: Driver, settings: Settings, report: DispatchReport, resolver: Resolver = system_resolver
) -> None:
    """Step 4: POST each pending webhook delivery, with retries and back-off; record every attempt.

    Each attempt resolves the target again, checks it and connects to the address it checked.
    """
    database = settings.neo4j_database
    box = SecretBox.from_settings(settings)
    seal_clear_secrets(driver, box, database=database)
    pending = store.pending_webhook_deliveries(driver, database=database)
    with httpx.Client(timeout=settings.webhook_timeout, follow_redirects=False) as client:
        for delivery in pending:
            body = delivery["payload"].encode("utf-8")
            attempts = int(delivery.get("attempts") or 0)
            while attempts < settings.webhook_max_attempts:
                if attempts:
                    time.sleep(settings.webhook_backoff * 2 ** (attempts - 1))
                try:
                    secret = _secret(delivery, box)
                except AlertError as error:
                    result = AttemptResult(False, None, str(error))
                else:
                    result = post_once(
                        client,
                        delivery["webhook_url"],
                        secret=secret,
                        body=body,
                        delivery_id=delivery["id"],
                        event_type=delivery["event_type"],
                        allow_private=settings.webhook_allow_private,
                        resolver=resolver,
                    )
                attempts += 1
                report.attempts += 1
                status = (
                    "delivered"
                    if result.delivered
                    else "failed"
                    if attempts >= settings.webhook_max_attempts
                    else "pending"
                )
                store.mark_delivery_attempt(
                    driver,
                    delivery["key"],
                    webhook_status=status,
                    status_code=result.status_code,
                    error=result.error,
                    database=database,
                )
                if result.delivered:
                    report.webhooks_delivered += 1
                    break
                logger.info("webhook delivery %s attempt %d failed: %s", delivery["id"], attempts, result.error)
            else:
                report.webhooks_failed += 1
                report.errors.append(f"delivery {delivery['id']} to {delivery['webhook_url']}: gave up")


def dispatch_once(
    driver: Driver,
    settings: Settings,
    *,
    source: EventSource = events_since,
    resolver: Resolver = system_resolver,
) -> DispatchReport:
    """One full pass of the dispatcher (see the module docstring); `resolver` resolves webhook hosts."""
    report = DispatchReport()
    record_alerts(driver, settings, report, source)
    deliver_webhooks(driver, settings, report, resolver)
    return report


def run_forever(
    driver: Driver,
    settings: Settings,
    every: float,
    *,
    stop: threading.Event,
    on_pass: Callable[[DispatchReport], None] | None = None,
) -> None:
    """Dispatch every `every` seconds until `stop` is set; a failed pass is logged and the loop goes on."""
    while not stop.is_set():
        began = time.monotonic()
        try:
            report = dispatch_once(driver, settings)
        except (ClaimGraphError, Neo4jError, DriverError) as error:  # the next pass resumes from the cursor
            logger.error("dispatch pass failed: %s", error)
        else:
            if on_pass:
                on_pass(report)
        stop.wait(max(0.0, every - (time.monotonic() - began)))

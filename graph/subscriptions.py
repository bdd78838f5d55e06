"""The Neo4j side of alerts: subscriptions, deliveries and the dispatcher's cursor.

A `Delivery` node exists once per (subscription, event), keyed `<subscription id>|<event id>`: it
is the subscription's feed entry and, when the subscription has a webhook, the durable record
that makes delivery idempotent (created `pending` before the first attempt, marked `delivered`
or `failed` after). Every Cypher string is in `graph/queries.py` (section "Subscriptions and
alerts").
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

from neo4j import Driver, RoutingControl
from neo4j.exceptions import Neo4jError

from claimgraph.exceptions import GraphWriteError
from graph import queries
from graph.driver import neo4j_errors
from graph.schema import ensure_schema

_ensured: set[tuple[int, str | None]] = set()
_lock = threading.Lock()

Row = dict[str, Any]


def _native(properties: Row) -> Row:
    """Node properties with Neo4j temporal values as Python datetimes/dates."""
    return {key: value.to_native() if hasattr(value, "to_native") else value for key, value in properties.items()}


def _now() -> str:
    return datetime.now(UTC).isoformat()


def ensure_alert_schema(driver: Driver, *, database: str | None = None) -> None:
    """The graph's schema plus the alerts' constraints and indexes (once per process and driver)."""
    key = (id(driver), database)
    with _lock:
        if key in _ensured:
            return
        ensure_schema(driver, database=database)
        with (
            neo4j_errors(database, "setting up the alert schema", _schema_error),
            driver.session(database=database) as session,
        ):
            for statement in queries.ALERT_SCHEMA:
                session.run(statement).consume()
        _ensured.add(key)


def _schema_error(error: Neo4jError) -> GraphWriteError:
    return GraphWriteError(f"could not create the alert constraints and indexes: {error.message}")


def _write_error(error: Neo4jError) -> GraphWriteError:
    return GraphWriteError(f"an alert write failed: {error.code}: {error.message}")


def _read(driver: Driver, query: str, database: str | None, **parameters: Any) -> list[Row]:
    with neo4j_errors(database, "reading alerts"):
        records, _, _ = driver.execute_query(query, parameters, database_=database, routing_=RoutingControl.READ)
    return [record.data() for record in records]


def _write(driver: Driver, query: str, database: str | None, **parameters: Any) -> list[Row]:
    with neo4j_errors(database, "writing alerts", _write_error):
        records, _, _ = driver.execute_query(query, parameters, database_=database, routing_=RoutingControl.WRITE)
    return [record.data() for record in records]


# --- Subscriptions ---------------------------------------------------------------------------


def create_subscription(driver: Driver, properties: Row, *, database: str | None = None) -> Row:
    """Store a subscription (`properties` must hold a fresh `id`); return it as stored."""
    ensure_alert_schema(driver, database=database)
    rows = _write(driver, queries.CREATE_SUBSCRIPTION, database, props=properties, now=_now())
    return _native(rows[0]["subscription"])


def get_subscription(driver: Driver, subscription_id: str, *, owner: str, database: str | None = None) -> Row | None:
    """The subscription `subscription_id` when `owner` (an API key's hash) owns it; None otherwise."""
    rows = _read(driver, queries.GET_SUBSCRIPTION, database, id=subscription_id, owner=owner)
    return _native(rows[0]["subscription"]) if rows else None


def subscription_by_token_hash(driver: Driver, token_hash: str, *, database: str | None = None) -> Row | None:
    """The subscription whose feed token hashes to `token_hash`, if any."""
    rows = _read(driver, queries.SUBSCRIPTION_BY_TOKEN_HASH, database, token_hash=token_hash)
    return _native(rows[0]["subscription"]) if rows else None


def list_subscriptions(
    driver: Driver, *, owner: str, limit: int, offset: int, database: str | None = None
) -> list[Row]:
    """The subscriptions `owner` (an API key's hash) created, newest first."""
    rows = _read(driver, queries.LIST_SUBSCRIPTIONS, database, owner=owner, limit=limit, offset=offset)
    return [_native(row["subscription"]) for row in rows]


def all_subscriptions(driver: Driver, *, database: str | None = None) -> list[Row]:
    return [_native(row["subscription"]) for row in _read(driver, queries.ALL_SUBSCRIPTIONS, database)]


def delete_subscription(driver: Driver, subscription_id: str, *, owner: str, database: str | None = None) -> bool:
    """Delete `owner`'s subscription and its deliveries; False when `owner` has none with that id."""
    rows = _write(driver, queries.DELETE_SUBSCRIPTION, database, id=subscription_id, owner=owner)
    return bool(rows and rows[0]["deleted"])


def clear_webhook_secrets(driver: Driver, *, database: str | None = None) -> list[Row]:
    """(id, secret) of subscriptions stored before secrets were sealed, whose secret is still in clear."""
    return _read(driver, queries.CLEAR_WEBHOOK_SECRETS, database)


def seal_webhook_secrets(driver: Driver, rows: list[Row], *, database: str | None = None) -> None:
    """Replace clear secrets by sealed ones (`rows`: id, sealed); idempotent."""
    if rows:
        _write(driver, queries.SEAL_WEBHOOK_SECRETS, database, rows=rows)


def entity_exists(driver: Driver, entity_id: str, *, database: str | None = None) -> bool:
    return bool(_read(driver, queries.ENTITY_EXISTS, database, id=entity_id))


def dispute_exists(driver: Driver, dispute_id: str, *, database: str | None = None) -> bool:
    return bool(_read(driver, queries.DISPUTE_EXISTS, database, id=dispute_id))


# --- Deliveries --------------------------------------------------------------------------------


def record_deliveries(driver: Driver, rows: list[Row], *, database: str | None = None) -> int:
    """MERGE one Delivery per row (`key`, `occurred_at` ISO text, `props`); existing ones are left as they are."""
    if not rows:
        return 0
    ensure_alert_schema(driver, database=database)
    result = _write(driver, queries.RECORD_DELIVERIES, database, rows=rows, now=_now())
    return int(result[0]["recorded"]) if result else 0


def pending_webhook_deliveries(driver: Driver, *, limit: int = 1000, database: str | None = None) -> list[Row]:
    """Deliveries whose webhook has not succeeded nor given up yet, oldest event first, with the target."""
    rows = _read(driver, queries.PENDING_WEBHOOK_DELIVERIES, database, limit=limit)
    return [
        {
            **_native(row["delivery"]),
            "webhook_url": row["webhook_url"],
            "webhook_secret_sealed": row["webhook_secret_sealed"],
            "webhook_secret": row["webhook_secret"],
        }
        for row in rows
    ]


def mark_delivery_attempt(
    driver: Driver,
    key: str,
    *,
    webhook_status: str,
    status_code: int | None,
    error: str | None,
    database: str | None = None,
) -> None:
    """Count one attempt and record its outcome (`pending` to retry, `delivered`, or `failed`)."""
    _write(
        driver,
        queries.MARK_DELIVERY_ATTEMPT,
        database,
        key=key,
        webhook_status=webhook_status,
        status_code=status_code,
        error=error,
        now=_now(),
    )


def list_deliveries(
    driver: Driver, subscription_id: str, *, limit: int, offset: int, database: str | None = None
) -> list[Row]:
    """A subscription's deliveries (its feed entries), newest event first."""
    rows = _read(driver, queries.LIST_DELIVERIES, database, subscription_id=subscription_id, limit=limit, offset=offset)
    return [_native(row["delivery"]) for row in rows]


# --- The dispatcher's cursor ---------------------------------------------------------------------


def get_cursor(driver: Driver, name: str, *, database: str | None = None) -> tuple[datetime | None, str | None]:
    """(position, last event id) of the named cursor; (None, None) before the first run."""
    rows = _read(driver, queries.GET_ALERT_CURSOR, database, id=name)
    if not rows or rows[0]["position"] is None:
        return None, None
    return rows[0]["position"].to_native(), rows[0]["event_id"]


def set_cursor(
    driver: Driver, name: str, position: datetime, event_id: str | None, *, database: str | None = None
) -> None:
    ensure_alert_schema(driver, database=database)
    _write(
        driver,
        queries.SET_ALERT_CURSOR,
        database,
        id=name,
        position=position.isoformat(),
        event_id=event_id,
        now=_now(),
    )

"""`/subscriptions`: follow an entity, a dispute, a category or a pair; feeds and webhooks (API key needed).

A subscription belongs to the API key that created it: listing, reading and deleting see only the
caller's own (another key's subscription is a 404, as if it did not exist).
"""

from __future__ import annotations

import secrets
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Response

from api.deps import BaseUrlDep, DriverDep, OwnerDep, SecretBoxDep, SettingsDep
from api.feeds import new_feed_token
from api.models import (
    DeliveryList,
    DeliveryPublic,
    DisputeSubscriptionCreate,
    EntitySubscriptionCreate,
    PairSubscriptionCreate,
    SubscriptionCreate,
    SubscriptionCreated,
    SubscriptionList,
    SubscriptionPublic,
)
from api.openapi import problem_responses
from api.routes.params import Limit, Offset
from api.webhooks import check_target
from graph import subscriptions as store

router = APIRouter(prefix="/subscriptions", tags=["subscribers"])

SubscriptionId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[0-9a-f]+$")]


def _public(stored: dict[str, Any]) -> SubscriptionPublic:
    fields = SubscriptionPublic.model_fields
    return SubscriptionPublic.model_validate({key: value for key, value in stored.items() if key in fields})


def _found(subscription: dict[str, Any] | None, subscription_id: str) -> dict[str, Any]:
    if subscription is None:
        raise HTTPException(status_code=404, detail=f"no subscription with id {subscription_id!r}")
    return subscription


@router.post(
    "",
    operation_id="create_subscription",
    status_code=201,
    response_model=SubscriptionCreated,
    responses=problem_responses(400, 401, 403, 404),
)
def create_subscription(
    body: SubscriptionCreate,
    owner: OwnerDep,
    box: SecretBoxDep,
    driver: DriverDep,
    settings: SettingsDep,
    base_url: BaseUrlDep,
) -> SubscriptionCreated:
    """Create a subscription; the answer holds its feed URL and webhook secret, shown only this once."""
    database = settings.neo4j_database
    if isinstance(body, EntitySubscriptionCreate | PairSubscriptionCreate):
        entity_ids = [body.entity_id] if isinstance(body, EntitySubscriptionCreate) else body.entity_ids
        for entity_id in entity_ids:
            if not store.entity_exists(driver, entity_id, database=database):
                raise HTTPException(status_code=404, detail=f"no entity with id {entity_id!r}: search for it first")
    if isinstance(body, DisputeSubscriptionCreate) and not store.dispute_exists(
        driver, body.dispute_id, database=database
    ):
        raise HTTPException(status_code=404, detail=f"no dispute with id {body.dispute_id!r}")
    if body.webhook_url:
        check_target(body.webhook_url, allow_private=settings.webhook_allow_private)
    token, token_hash = new_feed_token()
    webhook_secret = secrets.token_urlsafe(32) if body.webhook_url else None
    properties = {
        **body.model_dump(mode="json", exclude_none=True),
        "id": uuid.uuid4().hex,
        "feed_token_hash": token_hash,
        "owner_key_hash": owner,
    }
    if isinstance(body, PairSubscriptionCreate):
        properties["entity_ids"] = sorted(body.entity_ids)
    if webhook_secret:
        properties["webhook_secret_sealed"] = box.seal(webhook_secret)
    stored = store.create_subscription(driver, properties, database=database)
    return SubscriptionCreated(
        **_public(stored).model_dump(),
        feed_url=f"{base_url}/feeds/{token}.atom",
        webhook_secret=webhook_secret,
    )


@router.get(
    "", operation_id="list_subscriptions", response_model=SubscriptionList, responses=problem_responses(401, 403)
)
def list_subscriptions(
    owner: OwnerDep, driver: DriverDep, settings: SettingsDep, limit: Limit = 50, offset: Offset = 0
) -> SubscriptionList:
    """The subscriptions the caller's API key created, newest first."""
    database = settings.neo4j_database
    items = store.list_subscriptions(driver, owner=owner, limit=limit, offset=offset, database=database)
    return SubscriptionList(items=[_public(item) for item in items], limit=limit, offset=offset)


@router.get(
    "/{subscription_id}",
    operation_id="get_subscription",
    response_model=SubscriptionPublic,
    responses=problem_responses(401, 403, 404),
)
def get_subscription(
    subscription_id: SubscriptionId, owner: OwnerDep, driver: DriverDep, settings: SettingsDep
) -> SubscriptionPublic:
    found = store.get_subscription(driver, subscription_id, owner=owner, database=settings.neo4j_database)
    return _public(_found(found, subscription_id))


@router.delete(
    "/{subscription_id}",
    operation_id="delete_subscription",
    status_code=204,
    response_class=Response,
    responses=problem_responses(401, 403, 404),
)
def delete_subscription(
    subscription_id: SubscriptionId, owner: OwnerDep, driver: DriverDep, settings: SettingsDep
) -> Response:
    """Delete one of the caller's subscriptions, its feed and its delivery log."""
    if not store.delete_subscription(driver, subscription_id, owner=owner, database=settings.neo4j_database):
        raise HTTPException(status_code=404, detail=f"no subscription with id {subscription_id!r}")
    return Response(status_code=204)


@router.get(
    "/{subscription_id}/deliveries",
    operation_id="list_deliveries",
    response_model=DeliveryList,
    responses=problem_responses(401, 403, 404),
)
def list_deliveries(
    subscription_id: SubscriptionId,
    owner: OwnerDep,
    driver: DriverDep,
    settings: SettingsDep,
    limit: Limit = 50,
    offset: Offset = 0,
) -> DeliveryList:
    """The subscription's delivery log: each matched event, newest first, with its webhook outcome."""
    database = settings.neo4j_database
    _found(store.get_subscription(driver, subscription_id, owner=owner, database=database), subscription_id)
    rows = store.list_deliveries(driver, subscription_id, limit=limit, offset=offset, database=database)
    fields = DeliveryPublic.model_fields
    items = [DeliveryPublic.model_validate({k: v for k, v in row.items() if k in fields}) for row in rows]
    return DeliveryList(items=items, limit=limit, offset=offset)

"""`/feeds/{token}.atom`: a subscription's Atom feed; the unguessable token in the URL is the key."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Response

from api.deps import BaseUrlDep, DriverDep, SettingsDep
from api.feeds import ATOM_MEDIA_TYPE, build_atom, feed_token_hash
from api.openapi import problem_responses
from graph import subscriptions as store

router = APIRouter(prefix="/feeds", tags=["subscribers"])

FEED_ENTRIES = 100

FeedToken = Annotated[str, Path(min_length=16, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")]


@router.get(
    "/{token}.atom",
    operation_id="subscription_feed",
    response_class=Response,
    responses={200: {"content": {ATOM_MEDIA_TYPE: {}}, "description": "Atom 1.0 feed"}, **problem_responses(404)},
)
def subscription_feed(token: FeedToken, driver: DriverDep, settings: SettingsDep, base_url: BaseUrlDep) -> Response:
    """The newest alerts of the subscription this token belongs to, as Atom 1.0."""
    database = settings.neo4j_database
    subscription = store.subscription_by_token_hash(driver, feed_token_hash(token), database=database)
    if subscription is None:
        raise HTTPException(status_code=404, detail="no feed at this address (the token is unknown or was deleted)")
    deliveries = store.list_deliveries(driver, subscription["id"], limit=FEED_ENTRIES, offset=0, database=database)
    body = build_atom(subscription, deliveries, self_url=f"{base_url}/feeds/{token}.atom", base_url=base_url)
    return Response(content=body, media_type=ATOM_MEDIA_TYPE)

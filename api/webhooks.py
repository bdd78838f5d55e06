"""Webhooks: where they may point, how a body is signed, and one delivery attempt.

A receiver verifies `X-ClaimGraph-Signature: sha256=<hex>`, the HMAC-SHA256 of
`<X-ClaimGraph-Timestamp> + "." + <raw body>` keyed with the subscription's secret, and
deduplicates on `X-ClaimGraph-Delivery` (the same id on every retry of one delivery).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from claimgraph.exceptions import AlertError

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-ClaimGraph-Signature"
TIMESTAMP_HEADER = "X-ClaimGraph-Timestamp"
DELIVERY_HEADER = "X-ClaimGraph-Delivery"
EVENT_HEADER = "X-ClaimGraph-Event"
USER_AGENT = "ClaimGraph-Webhooks/1"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header value for `body` sent at `timestamp`: 'sha256=<hex>'."""
    digest = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """True when `signature` is the signature of `body` at `timestamp` (constant-time comparison)."""
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def check_target(url: str, *, allow_private: bool) -> list[str]:
    """Refuse (AlertError) a webhook URL that is not http(s) or resolves to a non-public address.

    Every address the host resolves to is checked, so a name with one public and one private
    address is refused. Returns the addresses. Called when a subscription is created and again
    before each delivery (a DNS answer can change in between).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AlertError(f"webhook URL {url!r} must be an absolute http:// or https:// URL")
    if parts.username or parts.password:
        raise AlertError("webhook URL must not carry credentials; the signature authenticates deliveries")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise AlertError(f"webhook URL {url!r} has an invalid port") from error
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise AlertError(f"webhook host {parts.hostname!r} does not resolve: {error}") from error
    addresses = sorted({str(info[4][0]) for info in infos})
    if not allow_private:
        for text in addresses:
            if not _is_public(ipaddress.ip_address(text.split("%", 1)[0])):
                raise AlertError(
                    f"webhook host {parts.hostname!r} resolves to {text}, a private, loopback or link-local "
                    "address; webhooks go to public addresses only (set webhook_allow_private for a local receiver)"
                )
    return addresses


@dataclass(frozen=True)
class AttemptResult:
    """The outcome of one POST: delivered (2xx), or the status code / error that stopped it."""

    delivered: bool
    status_code: int | None
    error: str | None


def post_once(
    client: httpx.Client,
    url: str,
    *,
    secret: str,
    body: bytes,
    delivery_id: str,
    event_type: str,
    allow_private: bool,
) -> AttemptResult:
    """One signed POST of `body` to `url` (its target checked again first); never raises for a failed send."""
    try:
        check_target(url, allow_private=allow_private)
    except AlertError as error:
        return AttemptResult(False, None, str(error))
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: sign(secret, timestamp, body),
        TIMESTAMP_HEADER: timestamp,
        DELIVERY_HEADER: delivery_id,
        EVENT_HEADER: event_type,
    }
    try:
        response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as error:
        return AttemptResult(False, None, f"{type(error).__name__}: {error}")
    if 200 <= response.status_code < 300:
        return AttemptResult(True, response.status_code, None)
    return AttemptResult(False, response.status_code, f"receiver answered HTTP {response.status_code}")

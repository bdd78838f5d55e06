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
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

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


Resolver = Callable[[str, int], list[str]]
"""Resolves (host, port) to IP address texts; the system's resolver unless a caller injects another."""

NAT64_PREFIXES = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives `host`, in its order (first is preferred)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]).split("%", 1)[0] for info in infos))


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo server, NAT64), if any."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if any(address in prefix for prefix in NAT64_PREFIXES):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True only for a globally routable unicast address (so not 100.64.0.0/10, nor loopback behind 6to4)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None and not is_public(embedded):
            return False
    return address.is_global and not address.is_multicast


@dataclass(frozen=True)
class Target:
    """A webhook URL and the one address it was checked at: the POST goes there, nowhere else."""

    url: str
    scheme: str
    host: str
    port: int
    address: str

    def connect_url(self) -> str:
        """The URL with the checked address in place of the host name (no second DNS lookup)."""
        parts = urlsplit(self.url)
        literal = f"[{self.address}]" if ":" in self.address else self.address
        return urlunsplit((parts.scheme, f"{literal}:{self.port}", parts.path or "/", parts.query, ""))

    def host_header(self) -> str:
        default = 443 if self.scheme == "https" else 80
        name = f"[{self.host}]" if ":" in self.host else self.host
        return name if self.port == default else f"{name}:{self.port}"


def resolve_target(url: str, *, allow_private: bool, resolver: Resolver = system_resolver) -> Target:
    """Resolve the webhook URL's host once and check every address; AlertError when one is not public.

    Every address is checked, so a name with one public and one private address is refused. Called
    when a subscription is created and again before each delivery (a DNS answer can change), and
    the delivery connects to the address checked here, never to a second lookup's answer.
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
        addresses = resolver(parts.hostname, port)
    except (OSError, UnicodeError) as error:
        raise AlertError(f"webhook host {parts.hostname!r} does not resolve: {error}") from error
    if not addresses:
        raise AlertError(f"webhook host {parts.hostname!r} does not resolve to any address")
    if not allow_private:
        for text in addresses:
            if not is_public(ipaddress.ip_address(text)):
                raise AlertError(
                    f"webhook host {parts.hostname!r} resolves to {text}, which is not a public address "
                    "(private, loopback, link-local, carrier-grade NAT, reserved or a tunnel to one); webhooks "
                    "go to public addresses only (set webhook_allow_private for a local receiver)"
                )
    return Target(url=url, scheme=parts.scheme, host=parts.hostname, port=port, address=addresses[0])


def check_target(url: str, *, allow_private: bool, resolver: Resolver = system_resolver) -> list[str]:
    """The addresses of a webhook URL's host once all are acceptable (see `resolve_target`)."""
    return [resolve_target(url, allow_private=allow_private, resolver=resolver).address]


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
    resolver: Resolver = system_resolver,
) -> AttemptResult:
    """One signed POST of `body` to `url`, at the address checked just before; never raises for a failed send.

    The host is resolved once; the request goes to that address with the URL's host in `Host` and
    in TLS (SNI and certificate check), so a DNS answer that changes between check and connect
    cannot redirect it. Redirects are never followed.
    """
    try:
        target = resolve_target(url, allow_private=allow_private, resolver=resolver)
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
        "Host": target.host_header(),
    }
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else None
    try:
        response = client.post(
            target.connect_url(), content=body, headers=headers, extensions=extensions, follow_redirects=False
        )
    except httpx.HTTPError as error:
        return AttemptResult(False, None, f"{type(error).__name__}: {error}")
    if 200 <= response.status_code < 300:
        return AttemptResult(True, response.status_code, None)
    return AttemptResult(False, response.status_code, f"receiver answered HTTP {response.status_code}")

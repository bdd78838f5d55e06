"""Where a webhook may go: only globally routable addresses, resolved once per delivery and connected to
as checked. A real DNS server of the test's own (dnslib, on 127.0.0.1) plays a name whose answer changes.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from dnslib import QTYPE, RR, A, DNSRecord
from dnslib.server import BaseResolver, DNSServer

from api.webhooks import check_target, is_public, post_once, resolve_target
from claimgraph.exceptions import AlertError

NAME = "rebind.claimgraph.test"


@dataclass
class ScriptedDns:
    """A DNS server on loopback answering `answers[i]` to the i-th A query (the last one after that)."""

    answers: list[str]
    port: int = 0
    queries: list[str] = field(default_factory=list)

    def resolve(self, host: str, port: int) -> list[str]:
        """A resolver for api.webhooks that asks this server over UDP, as a stub resolver does."""
        reply = DNSRecord.parse(DNSRecord.question(host, "A").send("127.0.0.1", self.port, timeout=5))
        if not reply.rr:
            raise socket.gaierror(f"{host}: no address")
        return [str(record.rdata) for record in reply.rr if record.rtype == QTYPE.A]


@pytest.fixture
def dns() -> Iterator[Callable[[list[str]], ScriptedDns]]:
    servers: list[DNSServer] = []

    def start(answers: list[str]) -> ScriptedDns:
        state = ScriptedDns(answers)

        class Resolver(BaseResolver):
            def resolve(self, request, handler):
                reply = request.reply()
                name = str(request.q.qname).rstrip(".")
                state.queries.append(name)
                if name == NAME:
                    answer = state.answers[min(len(state.queries), len(state.answers)) - 1]
                    reply.add_answer(RR(request.q.qname, QTYPE.A, rdata=A(answer), ttl=0))
                return reply

        server = DNSServer(Resolver(), port=0, address="127.0.0.1")
        server.start_thread()
        state.port = server.server.server_address[1]
        servers.append(server)
        return state

    yield start
    for server in servers:
        server.stop()


@dataclass
class Receiver:
    url_port: int
    hits: dict[str, list[dict[str, str]]] = field(default_factory=dict)


@pytest.fixture
def receivers() -> Iterator[Receiver]:
    """Two webhook receivers on one port, at 127.0.0.1 and 127.0.0.2: which one got the POST says where it went."""
    state = Receiver(url_port=0)
    servers = []

    def handler_for(address: str) -> type[BaseHTTPRequestHandler]:
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                state.hits.setdefault(address, []).append({k.lower(): v for k, v in self.headers.items()})
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                return

        return Handler

    first = ThreadingHTTPServer(("127.0.0.2", 0), handler_for("127.0.0.2"))
    state.url_port = first.server_address[1]
    second = ThreadingHTTPServer(("127.0.0.1", state.url_port), handler_for("127.0.0.1"))
    servers = [first, second]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield state
    for server in servers:
        server.shutdown()
        server.server_close()


def deliver(url: str, *, allow_private: bool, resolver: Callable[[str, int], list[str]]):
    with httpx.Client(timeout=5, follow_redirects=False) as client:
        return post_once(
            client,
            url,
            secret="s",
            body=b"{}",
            delivery_id="d-1",
            event_type="claim.new",
            allow_private=allow_private,
            resolver=resolver,
        )


@pytest.mark.parametrize(
    "target",
    [
        "http://100.64.0.1/",  # carrier-grade NAT, where some clouds keep their metadata service
        "http://[2002:7f00:1::]/",  # 6to4 form of 127.0.0.1
        "http://[2002:a9fe:a9fe::]/",  # 6to4 form of 169.254.169.254
        "http://[64:ff9b::7f00:1]/",  # NAT64 form of 127.0.0.1
        "http://[::ffff:127.0.0.1]/",
        "http://[::1]/",
        "http://127.0.0.1/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.0.2.10/",  # documentation range
        "http://198.18.0.1/",  # benchmarking range
        "http://0.0.0.0/",
        "http://240.0.0.1/",
        "http://[fc00::1]/",
        "http://[fe80::1]/",
        "http://[ff02::1]/",
        "http://224.0.0.1/",
    ],
)
def test_addresses_that_are_not_globally_routable_are_refused(target: str) -> None:
    with pytest.raises(AlertError, match="not a public address"):
        check_target(target, allow_private=False)


def test_public_addresses_pass() -> None:
    for text in ("8.8.8.8", "2001:4860:4860::8888", "2002:0808:0808::1"):
        assert is_public(ipaddress.ip_address(text)), text


def test_a_name_that_turns_to_loopback_gets_no_post(dns, receivers: Receiver) -> None:
    """Public when the subscription is created, 127.0.0.1 at delivery: refused, nothing sent anywhere."""
    server = dns(["93.184.216.34", "127.0.0.1"])
    url = f"http://{NAME}:{receivers.url_port}/hook"
    assert check_target(url, allow_private=False, resolver=server.resolve) == ["93.184.216.34"]
    result = deliver(url, allow_private=False, resolver=server.resolve)
    assert not result.delivered
    assert "127.0.0.1" in (result.error or "")
    assert receivers.hits == {}


def test_the_post_goes_to_the_address_that_was_checked(dns, receivers: Receiver) -> None:
    """One lookup per delivery: the answer after it (another address) is never used for the connection."""
    server = dns(["127.0.0.2", "127.0.0.1"])
    url = f"http://{NAME}:{receivers.url_port}/hook?x=1"
    result = deliver(url, allow_private=True, resolver=server.resolve)
    assert result.delivered, result.error
    assert server.queries == [NAME]
    assert list(receivers.hits) == ["127.0.0.2"]
    assert receivers.hits["127.0.0.2"][0]["host"] == f"{NAME}:{receivers.url_port}"
    second = deliver(url, allow_private=True, resolver=server.resolve)  # re-checked: a new lookup
    assert second.delivered and server.queries == [NAME, NAME]
    assert list(receivers.hits) == ["127.0.0.2", "127.0.0.1"]


def test_redirects_are_not_followed(receivers: Receiver) -> None:
    class Redirect(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(307)
            self.send_header("Location", f"http://127.0.0.2:{receivers.url_port}/hook")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = deliver(f"http://127.0.0.1:{server.server_address[1]}/", allow_private=True, resolver=lambda h, p: [h])
    finally:
        server.shutdown()
        server.server_close()
    assert not result.delivered and result.status_code == 307
    assert receivers.hits == {}


def test_resolve_target_names_the_one_address_used() -> None:
    target = resolve_target("https://hooks.example:8443/a", allow_private=False, resolver=lambda h, p: ["8.8.8.8"])
    assert target.connect_url() == "https://8.8.8.8:8443/a"
    assert target.host_header() == "hooks.example:8443"

"""The API when Neo4j freezes, and odd paths: a 503 or a 404, never a hang or a 500.

A frozen Neo4j (process stopped, socket open) is played by a TCP relay between the API and the real
server that stops moving bytes while keeping every connection open: what a stopped process looks
like from the other end of a socket.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import httpx
import pytest

from claimgraph.connection import Neo4jConnection


class FreezableRelay:
    """Forwards 127.0.0.1:<port> to the real Neo4j; `frozen` stops the traffic, sockets stay open."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.frozen = threading.Event()
        self.closing = threading.Event()
        self.sockets: list[socket.socket] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closing.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        source.settimeout(0.05)
        while not self.closing.is_set():
            if self.frozen.is_set():
                self.closing.wait(0.05)
                continue
            try:
                data = source.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return
            if not data:
                return
            sink.sendall(data)

    def close(self) -> None:
        self.closing.set()
        self.listener.close()
        for sock in self.sockets:
            sock.close()


@pytest.fixture
def relay(neo4j_connection: Neo4jConnection) -> Iterator[FreezableRelay]:
    host, port = neo4j_connection.uri.split("://", 1)[1].rsplit(":", 1)
    relay = FreezableRelay(host, int(port))
    yield relay
    relay.close()


def test_a_frozen_neo4j_gives_503_not_a_hang(
    relay: FreezableRelay, api_factory: Callable[..., AbstractContextManager[str]]
) -> None:
    with (
        api_factory(neo4j_uri=f"bolt://127.0.0.1:{relay.port}", api_graph_timeout=1.0) as url,
        httpx.Client(base_url=url, timeout=60) as http,
    ):
        assert http.get("/health").status_code == 200
        assert http.get("/search", params={"q": "alibaba"}).status_code == 200
        relay.frozen.set()
        time.sleep(2.1)  # past the gate's probe interval: the next request asks the server again
        for path in ("/health", "/search?q=alibaba", "/disputes"):
            response = http.get(path)
            assert response.status_code == 503, path
            assert "did not answer within 1 s" in response.json()["detail"]
        relay.frozen.clear()
        for _ in range(100):  # once the server moves again, the API answers again
            if http.get("/health").status_code == 200:
                break
            time.sleep(0.1)
        assert http.get("/health").status_code == 200


def test_a_nul_in_a_static_path_is_a_404(client: httpx.Client) -> None:
    for path in ("/web/static/%00", "/web/static/app.css%00.js", "/web/static/%2e%2e/%00"):
        response = client.get(path)
        assert response.status_code == 404, path

"""`claimgraph demo`: the whole product on the bundled demo news site, on this machine.

Starts (or reuses) the managed local Neo4j, serves `demo/site` on 127.0.0.1, runs a pipeline
pass over it, starts the API and the web pages, and says where to look. Everything it started is
stopped when it ends. The demo keeps its own installation in `<data_dir>/demo`, and serves the
site on a fixed port, so that article URLs, and therefore ids, are the same every time: a second
demo reuses what is installed and ingested.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from claimgraph.exceptions import ClaimGraphError, ConfigError
from claimgraph.neo4j_local import LocalNeo4j
from claimgraph.ports import ensure_port_free, free_port
from claimgraph.settings import REPO_ROOT, Settings
from claimgraph_app.pipeline import PassReport, Pipeline

logger = logging.getLogger(__name__)

DEMO_DIR = REPO_ROOT / "demo"
DEMO_SITE_PORT = 8701
DEMO_CRAWL_DELAY = 0.05


@dataclass(frozen=True)
class DemoUrls:
    api: str
    site: str
    api_key: str

    def examples(self) -> list[tuple[str, str]]:
        """Three example queries: a dispute timeline, a ranking, a Cypher query."""
        dispute = find_dispute(self.api, "anthropic", "alibaba")
        cypher = (
            '{"query": "MATCH (c:Claim)-[:AGAINST]->(e:Entity) RETURN e.name AS accused, count(c) AS claims '
            'ORDER BY claims DESC LIMIT 5"}'
        )
        return [
            ("the Anthropic–Alibaba dispute timeline", f"curl -s {self.api}/disputes/{dispute or '<id>'}/timeline"),
            ("the most-accused entities", f"curl -s {self.api}/analytics/rankings/most-accused"),
            (
                "a read-only Cypher query",
                f"curl -s -X POST {self.api}/cypher -H 'content-type: application/json' -d '{cypher}'",
            ),
        ]


def find_dispute(api: str, *party_ids: str) -> str | None:
    """The id of the dispute between the entities `party_ids`, asked of the running API."""
    answer = httpx.get(f"{api}/disputes", params={"limit": 200}, timeout=10)
    if answer.status_code != 200:
        return None
    wanted = set(party_ids)
    for dispute in answer.json().get("items", []):
        if wanted == {party.get("id") for party in dispute.get("parties", [])}:
            return str(dispute["id"])
    return None


def demo_settings(settings: Settings) -> Settings:
    """The demo's own installation under `<data_dir>/demo`: a crawl delay fit for loopback, and an
    API key (the configured ones, else one generated once and kept in the demo's folder)."""
    data_dir = settings.data_dir / "demo"
    return settings.model_copy(
        update={
            "data_dir": data_dir,
            "crawl_delay": min(settings.crawl_delay, DEMO_CRAWL_DELAY),
            "api_keys": settings.api_keys or [demo_api_key(data_dir)],
        }
    )


def demo_api_key(data_dir: Path) -> str:
    """The demo's API key, generated at the first demo and kept readable only by its owner."""
    path = data_dir / "api-key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(18)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key + "\n")
    return key


@contextmanager
def local_graph(settings: Settings, say: Callable[[str], None]) -> Iterator[None]:
    """The demo's Neo4j: NEO4J_URI when set; else the local server, started unless it runs already."""
    if settings.neo4j_uri:
        say(f"using the Neo4j server at {settings.neo4j_uri}")
        yield
        return
    server = LocalNeo4j(settings)
    status = server.status()
    if status.running:
        say(f"reusing the local Neo4j: {status.message}")
        yield
        return
    port = settings.neo4j_port
    try:
        started = LocalNeo4j(settings, port=port).start()
    except ClaimGraphError as error:
        if "already in use" not in str(error):
            raise
        port = free_port()
        say(f"port {settings.neo4j_port} is busy; the demo's Neo4j uses port {port}")
        started = LocalNeo4j(settings, port=port).start()
    say(f"started Neo4j at {started.uri}")
    try:
        yield
    finally:
        say(LocalNeo4j(settings, port=port).stop())


@contextmanager
def demo_site(port: int) -> Iterator[str]:
    """The demo news site on 127.0.0.1:`port`."""
    from crawler.demo_server import serve_directory

    try:
        server, base_url = serve_directory(DEMO_DIR / "site", port=port)
    except OSError as error:
        raise ConfigError(
            f"cannot serve the demo site on 127.0.0.1:{port} ({error.strerror}); choose another with --site-port"
        ) from error
    try:
        yield base_url
    finally:
        server.stop()


@contextmanager
def api_server(settings: Settings, host: str, port: int) -> Iterator[str]:
    """The API and web pages under uvicorn in a background thread, until the block ends."""
    import uvicorn

    from api.main import create_app

    config = uvicorn.Config(create_app(settings), host=host, port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="claimgraph-api", daemon=True)
    thread.start()
    url = f"http://{host}:{port}"
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise ConfigError(f"the API could not start on {host}:{port} (is the port in use? choose --port)")
        time.sleep(0.1)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def check_api(url: str) -> dict[str, object]:
    """Ask the running API for its health and the demo's disputes; raise when it does not answer."""
    health = httpx.get(f"{url}/health", timeout=10)
    if health.status_code != 200:
        raise ClaimGraphError(f"the API answered {health.status_code} on /health: {health.text[:200]}")
    disputes = httpx.get(f"{url}/disputes", params={"limit": 50}, timeout=10)
    disputes.raise_for_status()
    return {"health": health.json(), "disputes": disputes.json()}


@contextmanager
def running_demo(
    settings: Settings,
    *,
    api_host: str,
    api_port: int,
    site_port: int,
    say: Callable[[str], None],
    on_report: Callable[[PassReport], None],
) -> Iterator[DemoUrls]:
    """Everything the demo runs, up; stopped in reverse order when the block ends."""
    settings = demo_settings(settings)
    ensure_port_free(api_host, api_port, "--port")
    ensure_port_free("127.0.0.1", site_port, "--site-port")
    with ExitStack() as stack:
        stack.enter_context(local_graph(settings, say))
        site = stack.enter_context(demo_site(site_port))
        say(f"serving the demo news site at {site}")
        pipeline = Pipeline(settings, sources_file=DEMO_DIR / "sources.yaml", base_url=site)
        stack.callback(pipeline.close)
        on_report(pipeline.run_pass())
        api = stack.enter_context(api_server(settings, api_host, api_port))
        yield DemoUrls(api=api, site=site, api_key=settings.api_keys[0])

"""Browser-test harness: the real app on 127.0.0.1 over the demo graph, and headless Chromium.

Every request a page makes is recorded; anything addressed outside 127.0.0.1 is blocked and
fails the test that caused it (a newsroom may run ClaimGraph offline: no CDN, no fonts, no
analytics). Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from neo4j import Driver
from web_demo_story import demo_extractions
from web_harness import (
    API_KEY,
    CHROMIUM,
    CHROMIUM_ARGS,
    PAGE_TIMEOUT_MS,
    REPO_ROOT,
    VENDOR_MANIFEST,
    VIEWPORTS,
    RequestLog,
    is_local,
)

from api.main import create_app
from claimgraph.connection import Neo4jConnection
from claimgraph.neo4j_local import free_port
from claimgraph.settings import Settings
from graph.writer import ingest


@pytest.fixture(scope="module")
def demo_graph(neo4j_driver: Driver) -> Driver:
    """The graph holding only the demo story, written through the graph stage's ingest."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    ingest(neo4j_driver, demo_extractions())
    return neo4j_driver


@contextmanager
def serve(app: FastAPI, port: int) -> Iterator[str]:
    """`app` served by uvicorn in a thread on 127.0.0.1:`port`; yields its base URL."""
    base_url = f"http://127.0.0.1:{port}"
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="web-test-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on {base_url}")
        time.sleep(0.05)
    try:
        yield base_url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def app_without_graph(tmp_path: Path) -> Iterator[str]:
    """The app pointed at a port where no Neo4j listens."""
    settings = Settings(
        neo4j_uri=f"bolt://127.0.0.1:{free_port()}", neo4j_password="unused", data_dir=tmp_path, neo4j_connect_timeout=2
    )
    with serve(create_app(settings), free_port()) as url:
        yield url


@dataclass
class LiveApp:
    """The API with the web pages, served by uvicorn in a thread."""

    base_url: str
    settings: Settings


@pytest.fixture(scope="module")
def live_app(
    demo_graph: Driver, neo4j_connection: Neo4jConnection, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveApp]:
    if not VENDOR_MANIFEST.exists():
        pytest.fail(f"{VENDOR_MANIFEST} is missing: run `make web` to bundle the pages' libraries")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    settings = Settings(
        neo4j_uri=neo4j_connection.uri,
        neo4j_user=neo4j_connection.user,
        neo4j_password=neo4j_connection.password,
        neo4j_database=neo4j_connection.database,
        data_dir=tmp_path_factory.mktemp("web-data"),
        api_keys=[API_KEY],
        public_base_url=base_url,
    )
    with serve(create_app(settings), port) as url:
        yield LiveApp(url, settings)


def chromium_missing_reason() -> str | None:
    if CHROMIUM.exists():
        return None
    script = REPO_ROOT / "scripts" / "install-chromium.sh"
    detail = "it could not be installed"
    if shutil.which("bash"):
        run = subprocess.run(["bash", str(script)], capture_output=True, text=True, check=False)
        if CHROMIUM.exists():
            return None
        detail = (run.stderr or run.stdout).strip().splitlines()[-1] if (run.stderr or run.stdout) else detail
    return f"{CHROMIUM} is missing and scripts/install-chromium.sh reports: {detail}"


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """Debian's headless Chromium driven by Playwright (never `playwright install`)."""
    reason = chromium_missing_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(chromium, request: pytest.FixtureRequest) -> Iterator[tuple[object, RequestLog]]:
    """A fresh page (desktop size) whose requests stay on 127.0.0.1, checked at the end of the test."""
    context = chromium.new_context(viewport=VIEWPORTS["desktop"])
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    log = RequestLog()

    def guard(route) -> None:
        url = route.request.url
        log.seen.append(url)
        if is_local(url):
            route.continue_()
        else:
            log.outside.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    page = context.new_page()
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    try:
        yield page, log
    finally:
        context.close()
    assert not log.outside, f"{request.node.name}: the page requested outside 127.0.0.1: {log.outside}"
    assert not log.page_errors, f"{request.node.name}: JavaScript errors on the page: {log.page_errors}"

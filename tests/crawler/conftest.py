"""Crawler fixtures: static news sites served on 127.0.0.1 by `crawler.demo_server.serve_directory`.

The server answers conditional requests (ETag / Last-Modified) with 304, replaces `{{BASE}}` with
its base URL and logs every request, so tests can assert what was fetched and how.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph.settings import Settings
from crawler.demo_server import DirectoryServer, serve_directory

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_SITE = FIXTURES / "site"
DEMO_SITE = REPO_ROOT / "demo" / "site"


@pytest.fixture
def fixture_site() -> Iterator[tuple[DirectoryServer, str]]:
    """The small fixture site (tests/crawler/fixtures/site): (server, base URL)."""
    server, base_url = serve_directory(FIXTURE_SITE)
    yield server, base_url
    server.stop()


@pytest.fixture(scope="module")
def demo_site() -> Iterator[tuple[DirectoryServer, str]]:
    """The demo news site (demo/site), one server per test module: (server, base URL)."""
    if not (DEMO_SITE / "MANIFEST.json").exists():
        pytest.skip("demo/site is not there")
    server, base_url = serve_directory(DEMO_SITE)
    yield server, base_url
    server.stop()


@pytest.fixture
def crawl_settings(tmp_path: Path) -> Settings:
    """Settings for a fast crawl of loopback sites, with state in a fresh data directory."""
    return Settings(data_dir=tmp_path / "data", crawl_delay=0.0, crawl_timeout=5.0)

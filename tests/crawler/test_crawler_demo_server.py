"""The static server used by the tests and the demo: conditional GET, {{BASE}}, request log."""

from __future__ import annotations

from pathlib import Path

import httpx

from crawler.demo_server import ServerOptions, serving


def test_conditional_requests_get_304_and_base_is_filled(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text("<rss><link>{{BASE}}/a.html</link></rss>")
    with serving(tmp_path) as (server, base_url), httpx.Client() as client:
        first = client.get(f"{base_url}/feed.xml")
        assert first.status_code == 200 and f"<link>{base_url}/a.html</link>" in first.text
        assert first.headers["content-type"].startswith("application/xml")
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        assert client.get(f"{base_url}/feed.xml", headers={"If-None-Match": etag}).status_code == 304
        assert client.get(f"{base_url}/feed.xml", headers={"If-Modified-Since": modified}).status_code == 304
        assert client.get(f"{base_url}/feed.xml", headers={"If-None-Match": '"other"'}).status_code == 200
        assert client.get(f"{base_url}/missing.html").status_code == 404
        assert client.get(f"{base_url}/../etc/passwd").status_code == 404
        assert server.counts()["/feed.xml"] == 4
        assert [entry.status for entry in server.requests_for("/feed.xml")] == [200, 304, 304, 200]


def test_forced_statuses_and_directory_index(tmp_path: Path) -> None:
    (tmp_path / "section").mkdir()
    (tmp_path / "section" / "index.html").write_text("<html><body>index</body></html>")
    with serving(tmp_path, ServerOptions(statuses={"/broken": 500})) as (_, base_url), httpx.Client() as client:
        assert client.get(f"{base_url}/broken").status_code == 500
        page = client.get(f"{base_url}/section/")
        assert page.status_code == 200 and "index" in page.text

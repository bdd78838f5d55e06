"""`/docs` is Swagger UI built from this server's own files: no CDN, every asset answered here."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import httpx

ASSET_TYPES = {".js": "javascript", ".css": "text/css"}


class AssetLinks(HTMLParser):
    """The `src` and `href` attributes of a page's tags."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls.extend(value for name, value in attrs if name in {"src", "href"} and value and value != "data:,")


def test_docs_page_loads_only_local_assets_that_answer(client: httpx.Client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200, page.text[:300]
    assert page.headers["content-type"].startswith("text/html")
    links = AssetLinks()
    links.feed(page.text)
    assert len(links.urls) == 2  # the script and the stylesheet (the icon is an empty data: URL)
    for url in links.urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc and url.startswith("/web/static/vendor/"), url
        asset = client.get(url)
        assert asset.status_code == 200, url
        suffix = parts.path[parts.path.rfind(".") :]
        assert ASSET_TYPES[suffix] in asset.headers["content-type"], (url, asset.headers["content-type"])
        assert asset.content, url
        if suffix == ".js":
            assert b"SwaggerUIBundle" in asset.content, url
    assert "cdn" not in page.text.lower() and "https://" not in page.text

    spec_url = re.search(r"url: '([^']+)'", page.text)
    assert spec_url and spec_url.group(1) == "/openapi.json"
    spec = client.get(spec_url.group(1)).json()
    assert "/docs" not in spec["paths"]


def test_no_other_docs_pages(client: httpx.Client) -> None:
    assert client.get("/redoc").status_code == 404
    assert client.get("/docs/oauth2-redirect").status_code == 404

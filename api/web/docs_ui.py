"""`/docs`: the interactive API documentation (Swagger UI), served from this server's own files.

FastAPI's default `/docs` loads Swagger UI from a CDN, so it is blank offline and tells a third
party who reads the docs. Here the page is FastAPI's own (`get_swagger_ui_html`), pointed at the
copy of `swagger-ui-dist` that `make web` puts under `api/web/static/vendor/` (pinned in
`web/package-lock.json`). ReDoc is not offered: one interactive UI, and `/openapi.json` for tools.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from api.web.rendering import STATIC_DIR, error_page, static_url

router = APIRouter(include_in_schema=False)

SWAGGER_UI_DIR = "vendor/swagger-ui-dist"
SWAGGER_UI_JS = f"{SWAGGER_UI_DIR}/swagger-ui-bundle.js"
SWAGGER_UI_CSS = f"{SWAGGER_UI_DIR}/swagger-ui.css"
NO_FAVICON = "data:,"  # as on the pages: no request at all (FastAPI's default icon is on its website)


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI over this app's OpenAPI description; every file it loads comes from this server."""
    if not (STATIC_DIR / SWAGGER_UI_JS).is_file():
        return error_page(
            request,
            503,
            "The API documentation is not installed",
            "Swagger UI's files are missing from api/web/static/vendor/: run `make web` and restart the "
            "server. The OpenAPI description itself is at /openapi.json.",
        )
    root_path = str(request.scope.get("root_path", "")).rstrip("/")
    return get_swagger_ui_html(
        openapi_url=root_path + str(request.app.openapi_url),
        title=f"{request.app.title} - Swagger UI",
        swagger_js_url=static_url(SWAGGER_UI_JS),
        swagger_css_url=static_url(SWAGGER_UI_CSS),
        swagger_favicon_url=NO_FAVICON,
    )

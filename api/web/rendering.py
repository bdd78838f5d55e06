"""Jinja2 set-up shared by the pages: page URLs, static URLs, filters, and the HTML error page."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from api.web.cypher_graph import cell_text

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
PAGE_PREFIX = "/web"

PAGES = {
    "home": PAGE_PREFIX + "/",
    "search": PAGE_PREFIX + "/search",
    "dispute": PAGE_PREFIX + "/disputes/{dispute_id}",
    "entity": PAGE_PREFIX + "/entities/{entity_id}",
    "analyst": PAGE_PREFIX + "/analyst",
}


def page_url(name: str, query: dict[str, Any] | None = None, **path_params: str) -> str:
    """The URL of one of the pages in `PAGES`, path parameters quoted, with an optional query string."""
    url = PAGES[name].format(**{key: quote(str(value), safe="") for key, value in path_params.items()})
    if query:
        url += "?" + urlencode({key: value for key, value in query.items() if value not in (None, "")})
    return url


def static_url(path: str) -> str:
    """URL of a file under static/, with its modification time so browsers never keep a stale copy."""
    file = STATIC_DIR / path
    version = int(file.stat().st_mtime) if file.exists() else 0
    return f"{PAGE_PREFIX}/static/{path}?v={version}"


def human(value: Any) -> str:
    """'lawsuit_filed' -> 'lawsuit filed', 'no_comment' -> 'no comment'."""
    return str(value or "").replace("_", " ")


def day(value: Any) -> str:
    """A date or datetime (object or ISO text) as '26 Jun 2026'; '' when unknown."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value[:10])
        except ValueError:
            return value
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, date):
        return f"{value.day} {value.strftime('%b %Y')}"
    return str(value)


def iso_day(value: Any) -> str:
    """A date or datetime as 'YYYY-MM-DD' (for <time datetime> and the timeline); '' when unknown."""
    if value is None or value == "":
        return ""
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, date):
        return value.isoformat()[:10]
    return str(value)[:10]


def json_script(value: Any) -> Markup:
    """`value` as JSON safe to embed in <script type="application/json"> (no '</script>' break-out)."""
    text = json.dumps(value, default=iso_day)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
templates.env.globals.update(page=page_url, static=static_url)
templates.env.filters.update(human=human, day=day, iso_day=iso_day, json_script=json_script, cypher_cell=cell_text)


def render(request: Request, template: str, *, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page rendered from `template` with `context`."""
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def error_page(request: Request, status_code: int, heading: str, message: str) -> HTMLResponse:
    return render(request, "error.html", status_code=status_code, heading=heading, message=message)

"""A static web server for a directory of news pages (the demo site, test fixtures), on loopback.

`serve_directory` starts it in a background thread on a free port and returns it with its base
URL. It answers conditional requests (ETag / If-None-Match, Last-Modified / If-Modified-Since)
with 304, replaces `{{BASE}}` in text responses with its base URL (so feeds and sitemaps can hold
absolute links although the port is random), and logs every request so tests can see what was
fetched.
"""

from __future__ import annotations

import hashlib
import mimetypes
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

BASE_PLACEHOLDER = b"{{BASE}}"
TEXT_TYPES = ("text/", "application/xml", "application/rss+xml", "application/atom+xml", "application/json")
EXTRA_TYPES = {".rss": "application/rss+xml", ".atom": "application/atom+xml", ".xml": "application/xml"}


@dataclass(frozen=True)
class LoggedRequest:
    """One request the server answered."""

    path: str
    status: int
    headers: dict[str, str]
    started: float = 0.0
    """when the request arrived (time.monotonic)"""
    answered: float = 0.0
    """when its answer was ready to send, after any delay"""


@dataclass
class ServerOptions:
    """Behaviours for tests and demos: a delay on every response, slow paths, forced statuses."""

    delay: float = 0.0
    slow_paths: dict[str, float] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)


class DirectoryServer(ThreadingHTTPServer):
    """The HTTP server; `requests` is the log of what it answered."""

    daemon_threads = True

    def __init__(self, root: Path, address: tuple[str, int], options: ServerOptions) -> None:
        super().__init__(address, _Handler)
        self.root = root.resolve()
        self.options = options
        self.base_url = f"http://{address[0]}:{self.server_address[1]}"
        self.requests: list[LoggedRequest] = []
        self._lock = threading.Lock()

    def log(self, entry: LoggedRequest) -> None:
        with self._lock:
            self.requests.append(entry)

    def counts(self) -> Counter[str]:
        """How many times each path was requested."""
        with self._lock:
            return Counter(entry.path for entry in self.requests)

    def requests_for(self, path: str) -> list[LoggedRequest]:
        with self._lock:
            return [entry for entry in self.requests if entry.path == path]

    def clear_log(self) -> None:
        with self._lock:
            self.requests.clear()

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: DirectoryServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the server keeps its own log."""

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def _answer(self, send_body: bool) -> None:
        started = time.monotonic()
        path = unquote(urlsplit(self.path).path)
        options = self.server.options
        pause = options.slow_paths.get(path, 0.0) + options.delay
        if pause:
            time.sleep(pause)
        status, headers, body = self._resolve(path)
        self.server.log(LoggedRequest(path, status, dict(self.headers.items()), started, time.monotonic()))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                return

    def _resolve(self, path: str) -> tuple[int, dict[str, str], bytes]:
        forced = self.server.options.statuses.get(path)
        if forced:
            return forced, {"Content-Type": "text/plain"}, HTTPStatus(forced).phrase.encode()
        target = (self.server.root / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(self.server.root) or not target.is_file():
            return 404, {"Content-Type": "text/plain"}, b"Not Found"
        content_type = EXTRA_TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0]
        content_type = content_type or "application/octet-stream"
        body = target.read_bytes()
        if content_type.startswith(TEXT_TYPES):
            body = body.replace(BASE_PLACEHOLDER, self.server.base_url.encode())
            content_type += "; charset=utf-8"
        mtime = int(target.stat().st_mtime)
        headers = {
            "Content-Type": content_type,
            "ETag": '"' + hashlib.sha256(body).hexdigest()[:20] + '"',
            "Last-Modified": formatdate(mtime, usegmt=True),
        }
        if self._not_modified(headers["ETag"], mtime):
            return 304, {"ETag": headers["ETag"], "Last-Modified": headers["Last-Modified"]}, b""
        return 200, headers, body

    def _not_modified(self, etag: str, mtime: int) -> bool:
        if match := self.headers.get("If-None-Match"):
            return etag in [tag.strip() for tag in match.split(",")] or match.strip() == "*"
        if since := self.headers.get("If-Modified-Since"):
            try:
                return mtime <= parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError):
                return False
        return False


def serve_directory(
    root: Path | str, host: str = "127.0.0.1", port: int = 0, options: ServerOptions | None = None
) -> tuple[DirectoryServer, str]:
    """Serve `root` in a background thread; returns the server and its base URL (no trailing slash)."""
    server = DirectoryServer(Path(root), (host, port), options or ServerOptions())
    threading.Thread(target=server.serve_forever, name=f"serve {root}", daemon=True).start()
    return server, server.base_url


@contextmanager
def serving(root: Path | str, options: ServerOptions | None = None) -> Iterator[tuple[DirectoryServer, str]]:
    """`serve_directory` as a context manager that stops the server at the end."""
    server, base_url = serve_directory(root, options=options)
    try:
        yield server, base_url
    finally:
        server.stop()

"""Answers cached per graph version: the graph only changes when an ingest bumps its version.

Reads are cached by (endpoint, arguments) for the current graph version (the version counter and the
time of the write that set it, so a wiped and rebuilt graph never reuses a key); the version is
asked of Neo4j at most once every `VERSION_CHECK_INTERVAL` seconds, so an answer may lag an ingest
by that long. The cache is a bounded LRU, emptied whenever the version changes.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from fastapi import Response
from neo4j import Driver
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from graph import reads

VERSION_CHECK_INTERVAL = 1.0
MAX_ENTRIES = 4096

T = TypeVar("T")


class GraphCache:
    """A bounded LRU of computed answers, valid for one graph version."""

    def __init__(
        self,
        *,
        database: str | None = None,
        max_entries: int = MAX_ENTRIES,
        check_interval: float = VERSION_CHECK_INTERVAL,
    ) -> None:
        self.database = database
        """The database whose version keys the answers: the configured one (`neo4j_database`)."""
        self.max_entries = max_entries
        self.check_interval = check_interval
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._version: str | None = None
        self._checked_at = float("-inf")
        self._lock = threading.Lock()

    def version(self, driver: Driver) -> str:
        """The graph version, asked of Neo4j at most once per `check_interval`; a change empties the cache."""
        now = time.monotonic()
        if self._version is not None and now - self._checked_at < self.check_interval:
            return self._version
        current = reads.graph_version_key(driver, database=self.database)
        with self._lock:
            if current != self._version:
                self._entries.clear()
                self._version = current
            self._checked_at = now
        return current

    def peek(self, key: Hashable) -> tuple[bool, object]:
        """(True, answer) when `key` is cached and the version was checked within `check_interval`; no I/O."""
        with self._lock:
            if time.monotonic() - self._checked_at < self.check_interval and key in self._entries:
                self._entries.move_to_end(key)
                return True, self._entries[key]
        return False, None

    async def fetch(self, driver: Driver, key: Hashable, compute: Callable[[], T]) -> T:
        """`get_or_compute` for async routes: a fresh hit is answered on the event loop, the rest in a thread."""
        hit, value = self.peek(key)
        if hit:
            return value  # type: ignore[return-value]
        return await run_in_threadpool(self.get_or_compute, driver, key, compute)

    async def fetch_json(self, driver: Driver, key: Hashable, compute: Callable[[], BaseModel]) -> Response:
        """The answer for `key` as a ready JSON response: its bytes are cached too, so a hit skips serialising."""

        def encode() -> bytes:
            return self.get_or_compute(driver, key, compute).model_dump_json().encode("utf-8")

        body = await self.fetch(driver, ("json", key), encode)
        return Response(content=body, media_type="application/json")

    def get_or_compute(self, driver: Driver, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached answer for `key` at the current graph version, computing it on a miss."""
        version = self.version(driver)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]  # type: ignore[return-value]
        value = compute()
        with self._lock:
            if self._version == version:
                self._entries[key] = value
                if len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)
        return value

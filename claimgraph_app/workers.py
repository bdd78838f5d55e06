"""Long-lived stage workers over Redis Streams (`claimgraph worker extract|ingest|alerts`).

A worker reads its stage's stream (see `claimgraph_app.streams`), parses each entry into the stage's
input record, gives the records to the stage through the shared `StageDriver` (a refused batch is
retried record by record), and for every handled batch hands the outputs on and acknowledges the
inputs in one Redis transaction. A record that does not parse or that the stage refuses alone goes
to the dead-letter stream. When the graph is unreachable the worker keeps its entries pending and
waits: they are not the records' fault.

Like the pipeline, this is the shell: it calls each stage's public entry point and is the only
place that knows which stage follows which.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import redis
from pydantic import BaseModel, ValidationError

from claimgraph.connection import resolve_connection
from claimgraph.exceptions import GraphUnavailableError
from claimgraph.records import Article, Extraction
from claimgraph.settings import Settings
from claimgraph.stage_driver import RECORD_ERRORS, Item, StageDriver
from claimgraph_app.streams import EXTRACTIONS, INGESTED, Consumer, Entry, Streams, connect_redis

logger = logging.getLogger(__name__)

STAGES = ("extract", "ingest", "alerts")
UNAVAILABLE_WAIT = 5.0


@dataclass
class StageHandler:
    """A stage as a worker runs it: its input record, the batch handler, and what a batch hands on."""

    model: type[BaseModel]
    handle: Callable[[list[Any]], Any]
    outputs: Callable[[list[Any], Any], list[tuple[str, Any]]]
    batch_size: int


def stage_handler(stage: str, settings: Settings) -> StageHandler:
    """The stage's entry point, built once per worker (the spaCy model, the graph driver)."""
    if stage == "extract":
        from nlp.extract import Extractor

        extractor = Extractor(settings)
        return StageHandler(
            Article,
            lambda batch: list(extractor.extract_many(batch)),
            lambda batch, extractions: [(EXTRACTIONS, extraction) for extraction in extractions],
            settings.stream_batch_size,
        )
    driver = _graph_driver(settings)
    if stage == "ingest":
        from graph.writer import write_extractions

        def ingest(batch: list[Extraction]) -> Any:
            kept = [extraction for extraction in batch if extraction.skipped_reason is None]
            return write_extractions(
                driver,
                kept,
                window_days=settings.claim_merge_window_days,
                status_min_confidence=settings.status_min_confidence,
                database=settings.neo4j_database,
            )

        return StageHandler(
            Extraction,
            ingest,
            lambda batch, result: [(INGESTED, {"articles": [e.article.id for e in batch], "version": result.version})],
            settings.ingest_batch_size,
        )
    if stage == "alerts":
        from api.dispatcher import dispatch_once

        return StageHandler(
            _Notice,
            lambda batch: dispatch_once(driver, settings),
            lambda batch, report: [],
            settings.stream_batch_size,
        )
    raise ValueError(f"unknown stage {stage!r}; choose one of {', '.join(STAGES)}")


class _Notice(BaseModel):
    """What ingest tells the alerts stage: these articles were written (at this graph version)."""

    articles: list[str]
    version: int | None = None


@dataclass
class WorkerReport:
    handled: int = 0
    refused: int = 0


class Worker:
    """One stage's worker loop; `run()` returns when `stop` is set (or `idle_exit` seconds pass idle)."""

    def __init__(
        self,
        stage: str,
        settings: Settings,
        *,
        stop: threading.Event | None = None,
        idle_exit: float | None = None,
        on_batch: Callable[[str, int], None] | None = None,
    ) -> None:
        if stage not in STAGES:
            raise ValueError(f"unknown stage {stage!r}; choose one of {', '.join(STAGES)}")
        self.stage = stage
        self.settings = settings
        self.stop = stop or threading.Event()
        self.idle_exit = idle_exit
        self.on_batch = on_batch or (lambda stage, count: None)
        self.streams = Streams(connect_redis(settings), settings)
        self.streams.ensure_groups()
        self.consumer = Consumer(self.streams, stage)
        self.report = WorkerReport()
        self._last_beat = 0.0

    def run(self) -> WorkerReport:
        handler = stage_handler(self.stage, self.settings)
        self.consumer.batch_size = handler.batch_size
        idle_since = time.monotonic()
        try:
            while not self.stop.is_set():
                self._beat()
                entries = self._next_batch()
                if not entries:
                    if self.idle_exit is not None and time.monotonic() - idle_since >= self.idle_exit:
                        break
                    continue
                idle_since = time.monotonic()
                self._handle_until_done(entries, handler)
        finally:
            self.consumer.trim_if_due(force=True)
            self.consumer.leave()
        return self.report

    def _beat(self, force: bool = False) -> None:
        every = self.settings.worker_heartbeat
        if force or time.monotonic() - self._last_beat >= every:
            self.consumer.beat(self.report.handled, self.report.refused, ttl=3 * every)
            self._last_beat = time.monotonic()

    def _handle_until_done(self, entries: Sequence[Entry], handler: StageHandler) -> None:
        """Handle the entries; while the graph or Redis is unreachable, keep them and try again.

        Not the records' fault: they are neither dead-lettered nor left to be claimed (which would
        count deliveries towards `stream_max_deliveries`); the worker keeps them fresh (see
        `_kept_fresh`) and retries the ones not finished yet, until it is stopped."""
        finished: set[str] = set()
        wait = min(UNAVAILABLE_WAIT, self.settings.stream_claim_idle / 2)
        with self._kept_fresh(entries, finished):
            self._retry_until_done(entries, handler, finished, wait)

    @contextmanager
    def _kept_fresh(self, entries: Sequence[Entry], finished: set[str]) -> Iterator[None]:
        """While a batch is being handled (spaCy may take longer than `stream_claim_idle`), renew the
        worker's hold on its unfinished entries every third of that time, so no other worker claims
        entries that are still being worked on; a killed or frozen worker stops renewing."""
        done = threading.Event()
        every = self.settings.stream_claim_idle / 3

        def renew() -> None:
            while not done.wait(every):
                try:
                    self.consumer.keep([entry for entry in entries if entry.id not in finished])
                except redis.RedisError as error:
                    logger.warning("%s: could not renew the hold on its entries: %s", self.stage, error)

        thread = threading.Thread(target=renew, name=f"{self.stage}-renew", daemon=True)
        thread.start()
        try:
            yield
        finally:
            done.set()
            thread.join()

    def _retry_until_done(
        self, entries: Sequence[Entry], handler: StageHandler, finished: set[str], wait: float
    ) -> None:
        while True:
            remaining = [entry for entry in entries if entry.id not in finished]
            try:
                self.handle(remaining, handler, finished)
                return
            except (GraphUnavailableError, redis.ConnectionError) as error:
                logger.error("%s: %s; the entries are kept and retried in %.0f s", self.stage, error, wait)
            if self.stop.wait(wait):
                return  # stopping: the entries stay pending, for another worker to claim
            try:
                self._beat(force=True)
            except redis.ConnectionError as error:
                logger.error("%s: Redis is not reachable (%s)", self.stage, error)

    def handle(self, entries: Sequence[Entry], handler: StageHandler, finished: set[str] | None = None) -> None:
        """Parse, hand to the stage through the driver, hand on and acknowledge, dead-letter the bad ones.

        The ids of the entries acknowledged (handed on or dead-lettered) are added to `finished`."""
        finished = set() if finished is None else finished
        items: list[Item[Any]] = []
        for entry in entries:
            try:
                items.append(Item(entry.id, handler.model.model_validate_json(entry.record)))
            except ValidationError as error:
                self.consumer.dead_letter(entry, f"not a valid {handler.model.__name__} record: {_first(error)}")
                self.report.refused += 1
                finished.add(entry.id)
        by_id = {entry.id: entry for entry in entries}

        def hand_on(done: Sequence[Item[Any]], result: Any) -> None:
            outputs = handler.outputs([item.record for item in done], result)
            self.consumer.hand_on([by_id[item.key] for item in done], outputs)
            finished.update(item.key for item in done)
            self.report.handled += len(done)
            self.on_batch(self.stage, len(done))

        def refuse(item: Item[Any], reason: str) -> None:
            self.consumer.dead_letter(by_id[item.key], reason)
            finished.add(item.key)
            self.report.refused += 1

        StageDriver(
            handler.handle, batch_size=len(items) or 1, on_batch=hand_on, on_refused=refuse, refusable=RECORD_ERRORS
        ).run(items)

    def _next_batch(self) -> list[Entry]:
        try:
            return self.consumer.next_batch(block=1.0)
        except redis.ConnectionError as error:  # the entries are safe in Redis: wait and retry
            logger.error("%s: Redis is not reachable (%s); retrying in %.0f s", self.stage, error, UNAVAILABLE_WAIT)
            self.stop.wait(UNAVAILABLE_WAIT)
            return []


def _graph_driver(settings: Settings) -> Any:
    from graph.driver import connect

    return connect(resolve_connection(settings), timeout=settings.neo4j_connect_timeout)


def _first(error: ValidationError) -> str:
    detail = error.errors()[0] if error.errors() else {"loc": (), "msg": str(error)}
    where = ".".join(str(part) for part in detail["loc"])
    return f"{where}: {detail['msg']}" if where else str(detail["msg"])

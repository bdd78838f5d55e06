"""One way to run a stage over records: batches, progress and stop callbacks, bad-batch isolation.

The CLI commands, `claimgraph run` and the stream workers all hand a stage's work to a
`StageDriver`. It cuts the records into batches and gives each batch to the stage's handler. When
the handler refuses a batch (a refusable error: an `InputError`, a `GraphWriteError`, an
`ExtractionError` ...), the driver retries the batch's records one by one, so one bad record is
refused with its reason and the others still go through. A fatal error (Neo4j unreachable) is
raised at once: retrying record by record would only fail again, and nothing may be refused for
a reason that is not the record's.

The driver checks `should_stop` before every batch and returns early when it is true; nothing of
a batch is ever half-handled by the driver itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from claimgraph.exceptions import ClaimGraphError, GraphUnavailableError

logger = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

REFUSABLE: tuple[type[BaseException], ...] = (ClaimGraphError,)
FATAL: tuple[type[BaseException], ...] = (GraphUnavailableError,)
RECORD_ERRORS: tuple[type[BaseException], ...] = (ClaimGraphError, ValueError, TypeError, KeyError, IndexError)
"""What one record can make a stage's code raise (extraction of an odd text): isolate it, go on."""


@dataclass(frozen=True)
class Item(Generic[T]):
    """A record and where it came from (`line 12`, a stream entry id), for refusals people can find."""

    key: str
    record: T


@dataclass
class DriverReport:
    """What a driver run did: records handled, batches written, records refused and why."""

    handled: int = 0
    batches: int = 0
    isolated_batches: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)
    stopped: bool = False


class StageDriver(Generic[T, R]):
    """Feeds records to `handle` in batches; see the module docstring.

    `handle(records)` does the stage's work for one batch and returns its result; `on_batch(items,
    result)` is called after each handled batch (or record, when a batch was isolated);
    `on_refused(item, reason)` for every refused record; `validate(record)` checks one record before
    it joins a batch (raising a refusable error refuses it alone); `progress(event)` receives
    `{"event": "batch", "count": n}` and `{"event": "refused", "key": ...}`.
    """

    def __init__(
        self,
        handle: Callable[[list[T]], R],
        *,
        batch_size: int,
        on_batch: Callable[[Sequence[Item[T]], R], None] | None = None,
        on_refused: Callable[[Item[T], str], None] | None = None,
        validate: Callable[[T], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        progress: Callable[[dict[str, Any]], None] | None = None,
        refusable: tuple[type[BaseException], ...] = REFUSABLE,
        fatal: tuple[type[BaseException], ...] = FATAL,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.handle = handle
        self.batch_size = batch_size
        self.on_batch = on_batch or (lambda items, result: None)
        self.on_refused = on_refused or (lambda item, reason: None)
        self.validate = validate
        self.should_stop = should_stop or (lambda: False)
        self.progress = progress or (lambda event: None)
        self.refusable = refusable
        self.fatal = fatal
        self.report = DriverReport()

    def run(self, items: Iterable[Item[T]]) -> DriverReport:
        """Handle every item, a batch at a time, until they run out or `should_stop` says so."""
        for batch in self.batches(items):
            if self.should_stop():
                self.report.stopped = True
                break
            self.process(batch)
        return self.report

    def batches(self, items: Iterable[Item[T]]) -> Iterator[list[Item[T]]]:
        """The valid items in batches of `batch_size` (invalid ones are refused on the way)."""
        pending: list[Item[T]] = []
        for item in items:
            if self.validate is not None and not self._valid(item):
                continue
            pending.append(item)
            if len(pending) >= self.batch_size:
                yield pending
                pending = []
        if pending:
            yield pending

    def process(self, batch: Sequence[Item[T]]) -> None:
        """Handle one batch; when it is refused, handle its records one by one to find the bad ones."""
        if not batch:
            return
        try:
            self._handle(batch)
            return
        except self.fatal:
            raise
        except self.refusable as error:
            if len(batch) == 1:
                self.refuse(batch[0], _reason(error))
                return
            logger.warning("a batch of %d was refused (%s); handling its records one by one", len(batch), error)
        self.report.isolated_batches += 1
        for item in batch:
            try:
                self._handle([item])
            except self.fatal:
                raise
            except self.refusable as error:
                self.refuse(item, _reason(error))

    def refuse(self, item: Item[T], reason: str) -> None:
        """Record a refused item and tell the caller."""
        self.report.refused.append((item.key, reason))
        self.on_refused(item, reason)
        self.progress({"event": "refused", "key": item.key, "reason": reason})

    def _handle(self, batch: Sequence[Item[T]]) -> None:
        result = self.handle([item.record for item in batch])
        self.report.handled += len(batch)
        self.report.batches += 1
        self.on_batch(batch, result)
        self.progress({"event": "batch", "count": len(batch)})

    def _valid(self, item: Item[T]) -> bool:
        assert self.validate is not None
        try:
            self.validate(item.record)
        except self.fatal:
            raise
        except self.refusable as error:
            self.refuse(item, _reason(error))
            return False
        return True


def _reason(error: BaseException) -> str:
    return str(error) or type(error).__name__

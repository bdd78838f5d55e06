"""What one crawl's spiders, middlewares, pipelines and extension share (built once by the worker)."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from claimgraph.settings import Settings
from crawler.dedup import NearDuplicateIndex
from crawler.report import CrawlReport
from crawler.shared_state import SharedCrawlState
from crawler.sources import SourceConfig
from crawler.state import CrawlState, Validators

EventSink = Callable[[dict[str, Any]], None]


def fd_event_sink(fd: int | None) -> EventSink:
    """Progress events as JSON lines on a pipe to the parent process (or nowhere)."""
    if fd is None:
        return lambda event: None
    pipe = os.fdopen(fd, "w", buffering=1, encoding="utf-8")

    def emit(event: dict[str, Any]) -> None:
        with contextlib.suppress(OSError):
            pipe.write(json.dumps(event) + "\n")

    return emit


@dataclass
class CrawlContext:
    """The crawl's settings, sources, durable state, report and output."""

    settings: Settings
    sources: dict[str, SourceConfig]
    state: CrawlState | SharedCrawlState
    index: NearDuplicateIndex
    output: IO[str]
    report: CrawlReport
    emit: EventSink
    pending_validators: dict[str, Validators] = field(default_factory=dict)
    interrupted: bool = False

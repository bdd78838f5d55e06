"""One pass of crawl → extract → ingest → alerts, handed on through durable state.

Each pass has a folder `<data_dir>/pipeline/passes/<pass id>/` holding what the stages hand on
(`articles.jsonl`, `extractions.jsonl`) and `state.json` in `<data_dir>/pipeline/` says which pass
is open and which stage it reached. Every stage can be re-run after a `kill -9`:

- crawl: the crawler resumes its own durable frontier and appends only articles it has not yet
  written;
- extract: articles whose extraction is already in `extractions.jsonl` are skipped, a torn last
  line is cut off, each batch is appended and fsynced;
- ingest: every graph write is an idempotent MERGE, so re-ingesting the file changes nothing;
- alerts: the dispatcher records each (subscription, event) delivery before sending it.

SIGINT and SIGTERM set a stop flag that stages check between batches, so a pass stops cleanly at
a batch boundary and the next run finishes it.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from claimgraph.connection import resolve_connection
from claimgraph.exceptions import ClaimGraphError
from claimgraph.jsonl import BadLine, read_records
from claimgraph.records import Article, Extraction
from claimgraph.settings import Settings
from claimgraph.stage_driver import RECORD_ERRORS, Item, StageDriver

logger = logging.getLogger(__name__)

KEEP_PASSES = 10
EXTRACT_BATCH = 16


class Stage(StrEnum):
    CRAWL = "crawl"
    EXTRACT = "extract"
    INGEST = "ingest"
    ALERTS = "alerts"
    DONE = "done"


STAGE_ORDER = (Stage.CRAWL, Stage.EXTRACT, Stage.INGEST, Stage.ALERTS, Stage.DONE)


class PipelineStopped(ClaimGraphError):
    """The pass was asked to stop (SIGINT/SIGTERM) at a batch boundary; the next run resumes it."""


@dataclass
class PassReport:
    """What one pass did, stage by stage."""

    pass_id: str
    resumed_from: str | None = None
    articles_new: int = 0
    articles_unchanged: int = 0
    articles_copies: int = 0
    skipped_by_reason: dict[str, int] = field(default_factory=dict)
    articles_handed_on: int = 0
    extracted: int = 0
    extractions_skipped: int = 0
    claims_found: int = 0
    claims_new: int = 0
    reports_merged: int = 0
    disputes_new: int = 0
    disputes_changed: int = 0
    alerts_recorded: int = 0
    webhooks_delivered: int = 0
    webhooks_failed: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    finished: bool = False

    def lines(self) -> list[str]:
        """The summary, a line per stage, for people."""
        skipped = ", ".join(f"{reason} {count}" for reason, count in sorted(self.skipped_by_reason.items()))
        errors = ", ".join(f"{reason} {count}" for reason, count in sorted(self.errors.items())) or "none"
        head = [
            f"pass {self.pass_id}" + (f" (resumed at {self.resumed_from})" if self.resumed_from else ""),
            f"  crawl:   {self.articles_new} new articles ({self.articles_copies} syndicated copies), "
            f"{self.articles_unchanged} unchanged" + (f"; skipped: {skipped}" if skipped else ""),
        ]
        if self.articles_handed_on:
            stages = [
                f"  handed on: {self.articles_handed_on} articles to the articles stream "
                "(the extract, ingest and alerts workers take it from there)"
            ]
        else:
            stages = [
                f"  extract: {self.extracted} articles, {self.claims_found} claims found, "
                f"{self.extractions_skipped} skipped (empty or not English)",
                f"  ingest:  {self.claims_new} new claims, {self.reports_merged} reports merged into known "
                f"claims, {self.disputes_new} new disputes, {self.disputes_changed} disputes changed",
                f"  alerts:  {self.alerts_recorded} alerts, {self.webhooks_delivered} webhooks delivered, "
                f"{self.webhooks_failed} failed",
            ]
        return [*head, *stages, f"  errors:  {errors}"]


@dataclass
class PassState:
    """The durable record of the open pass."""

    pass_id: str
    stage: Stage
    started_at: str
    report: dict[str, Any] = field(default_factory=dict)


ProgressCallback = Callable[[str, dict[str, Any]], None]


class Pipeline:
    """Runs passes over the configured sources; see the module docstring."""

    def __init__(
        self,
        settings: Settings,
        *,
        sources_file: Path | None = None,
        base_url: str | None = None,
        stop: threading.Event | None = None,
        progress: ProgressCallback | None = None,
    ) -> None:
        self.settings = settings
        self.sources_file = sources_file or settings.sources_file
        self.base_url = base_url
        self.stop = stop or threading.Event()
        self.progress = progress or (lambda stage, event: None)
        self.root = settings.data_dir / "pipeline"
        self._extractor: Any = None
        self._driver: Any = None

    # --- durable state ----------------------------------------------------------------------
    @property
    def state_file(self) -> Path:
        return self.root / "state.json"

    def pass_dir(self, pass_id: str) -> Path:
        return self.root / "passes" / pass_id

    def read_state(self) -> PassState | None:
        try:
            data = json.loads(self.state_file.read_text())
        except FileNotFoundError:
            return None
        except ValueError as error:
            raise ClaimGraphError(
                f"the pipeline state {self.state_file} is unreadable ({error}); remove it to start a new pass"
            ) from error
        return PassState(pass_id=data["pass_id"], stage=Stage(data["stage"]), started_at=data["started_at"],
                         report=data.get("report", {}))  # fmt: skip

    def write_state(self, state: PassState) -> None:
        """Replace the state file atomically (write, fsync, rename)."""
        self.root.mkdir(parents=True, exist_ok=True)
        temporary = self.state_file.with_suffix(".tmp")
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump({**asdict(state), "stage": str(state.stage)}, handle, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.state_file)
        _fsync_dir(self.root)

    # --- a pass -----------------------------------------------------------------------------
    def run_pass(self) -> PassReport:
        """Run (or finish) one pass and return its report."""
        self._get_driver()  # fail before crawling when the graph cannot be reached
        state = self.read_state()
        if state is None or state.stage == Stage.DONE:
            pass_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            state = PassState(pass_id=pass_id, stage=Stage.CRAWL, started_at=datetime.now(UTC).isoformat())
            self.pass_dir(pass_id).mkdir(parents=True, exist_ok=True)
            self.write_state(state)
            report = PassReport(pass_id=pass_id)
        else:
            logger.info("resuming pass %s at its %s stage", state.pass_id, state.stage)
            report = PassReport(**{**state.report, "pass_id": state.pass_id, "resumed_from": str(state.stage)})
        steps: dict[Stage, Callable[[Path, PassReport], None]] = {
            Stage.CRAWL: self._crawl,
            Stage.EXTRACT: self._extract,
            Stage.INGEST: self._ingest,
            Stage.ALERTS: self._alerts,
        }
        folder = self.pass_dir(state.pass_id)
        folder.mkdir(parents=True, exist_ok=True)
        for stage in STAGE_ORDER[STAGE_ORDER.index(state.stage) : -1]:
            self._check_stop()
            steps[stage](folder, report)
            next_stage = STAGE_ORDER[STAGE_ORDER.index(stage) + 1]
            state = PassState(state.pass_id, next_stage, state.started_at, _report_dict(report))
            self.write_state(state)
        report.finished = True
        (folder / "report.json").write_text(json.dumps(_report_dict(report), indent=2))
        self._prune()
        return report

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    # --- stages -----------------------------------------------------------------------------
    def _crawl(self, folder: Path, report: PassReport) -> None:
        from crawler.run import crawl

        self.progress("crawl", {"event": "start"})
        result = crawl(
            self.settings,
            self.sources_file,
            folder / "articles.jsonl",
            base_url=self.base_url,
            progress=lambda event: self.progress("crawl", event),
        )
        articles = list(self._read(folder / "articles.jsonl", Article, report))
        report.articles_new = len(articles)
        report.articles_copies = sum(article.copy_of is not None for article in articles)
        report.articles_unchanged += result.unchanged
        for reason, count in result.skipped_by_reason().items():
            report.skipped_by_reason[reason] = report.skipped_by_reason.get(reason, 0) + count

    def _extract(self, folder: Path, report: PassReport) -> None:
        if self.settings.redis_url:
            self._hand_on(folder, report)
            return
        articles_file = folder / "articles.jsonl"
        output = folder / "extractions.jsonl"
        done = _completed_urls(output)
        todo = [article for article in self._read(articles_file, Article, report) if article.url not in done]
        self.progress("extract", {"event": "start", "total": len(todo), "done": len(done)})
        with open(output, "a", encoding="utf-8") as handle:

            def append(items: Sequence[Item[Article]], extractions: list[Extraction]) -> None:
                handle.write("".join(extraction.model_dump_json() + "\n" for extraction in extractions))
                handle.flush()
                os.fsync(handle.fileno())

            stage: StageDriver[Article, list[Extraction]] = StageDriver(
                lambda batch: list(self._get_extractor().extract_many(batch)),
                batch_size=EXTRACT_BATCH,
                on_batch=append,
                on_refused=lambda item, reason: self._refused("extract", item, reason, report),
                should_stop=self.stop.is_set,
                progress=lambda event: self.progress("extract", event),
                refusable=RECORD_ERRORS,
            )
            if stage.run(Item(article.url, article) for article in todo).stopped:
                self._check_stop()
        extractions = list(self._read(output, Extraction, report))
        report.extracted = len(extractions)
        report.claims_found = sum(len(extraction.claims) for extraction in extractions)
        report.extractions_skipped = sum(extraction.skipped_reason is not None for extraction in extractions)

    def _hand_on(self, folder: Path, report: PassReport) -> None:
        """With Redis, the pass's articles go to the `articles` stream; workers extract, ingest and alert.

        Published in one transaction; a pass killed before it records the next stage publishes them
        again, which the idempotent stages absorb (at-least-once delivery)."""
        from claimgraph_app.streams import ARTICLES, Streams, connect_redis

        streams = Streams(connect_redis(self.settings), self.settings)
        streams.ensure_groups()
        articles = list(self._read(folder / "articles.jsonl", Article, report))
        report.articles_handed_on = streams.publish(ARTICLES, articles)
        self.progress("extract", {"event": "batch", "count": report.articles_handed_on})

    def _ingest(self, folder: Path, report: PassReport) -> None:
        if self.settings.redis_url:
            return
        from graph.writer import write_extractions

        extractions = [
            extraction
            for extraction in self._read(folder / "extractions.jsonl", Extraction, report)
            if extraction.skipped_reason is None
        ]
        self.progress("ingest", {"event": "start", "total": len(extractions)})
        driver = self._get_driver()

        def tally(items: Sequence[Item[Extraction]], result: Any) -> None:
            report.claims_new += result.claims_new
            report.reports_merged += result.reports_merged
            report.disputes_new += result.disputes_new
            report.disputes_changed += result.disputes_changed

        stage: StageDriver[Extraction, Any] = StageDriver(
            lambda batch: write_extractions(
                driver,
                batch,
                window_days=self.settings.claim_merge_window_days,
                status_min_confidence=self.settings.status_min_confidence,
                database=self.settings.neo4j_database,
            ),
            batch_size=self.settings.ingest_batch_size,
            on_batch=tally,
            on_refused=lambda item, reason: self._refused("ingest", item, reason, report),
            should_stop=self.stop.is_set,
            progress=lambda event: self.progress("ingest", event),
        )
        if stage.run(Item(extraction.url, extraction) for extraction in extractions).stopped:
            self._check_stop()

    def _alerts(self, folder: Path, report: PassReport) -> None:
        if self.settings.redis_url:
            return
        from api.dispatcher import dispatch_once

        self.progress("alerts", {"event": "start"})
        result = dispatch_once(self._get_driver(), self.settings)
        report.alerts_recorded += result.deliveries_recorded
        report.webhooks_delivered += result.webhooks_delivered
        report.webhooks_failed += result.webhooks_failed
        if result.webhooks_failed:
            report.errors["webhook_failed"] = report.errors.get("webhook_failed", 0) + result.webhooks_failed

    # --- helpers ----------------------------------------------------------------------------
    def _check_stop(self) -> None:
        if self.stop.is_set():
            raise PipelineStopped("stopped at a batch boundary; run again to finish the pass")

    @staticmethod
    def _refused(stage: str, item: Item[Any], reason: str, report: PassReport) -> None:
        logger.warning("%s refused %s: %s", stage, item.key, reason)
        report.errors[f"{stage}_refused"] = report.errors.get(f"{stage}_refused", 0) + 1

    def _read(self, path: Path, model: type, report: PassReport) -> Iterator[Any]:
        if not path.exists():
            return
        for record in read_records(path, model):
            if isinstance(record, BadLine):
                logger.warning("%s %s", path.name, record)
                report.errors["bad_line"] = report.errors.get("bad_line", 0) + 1
                continue
            yield record

    def _get_extractor(self) -> Any:
        if self._extractor is None:
            from nlp.extract import Extractor

            self.progress("extract", {"event": "loading model"})
            self._extractor = Extractor(self.settings)
        return self._extractor

    def _get_driver(self) -> Any:
        if self._driver is None:
            from graph.driver import connect

            self._driver = connect(resolve_connection(self.settings), timeout=self.settings.neo4j_connect_timeout)
        return self._driver

    def _prune(self) -> None:
        passes = sorted((self.root / "passes").iterdir())
        for old in passes[:-KEEP_PASSES]:
            shutil.rmtree(old, ignore_errors=True)


def _report_dict(report: PassReport) -> dict[str, Any]:
    data = asdict(report)
    data.pop("resumed_from", None)
    return data


def _completed_urls(path: Path) -> set[str]:
    """URLs already extracted into `path`; a torn last line (a crash mid-write) is cut off first."""
    if not path.exists():
        return set()
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        keep = data.rfind(b"\n") + 1
        with open(path, "r+b") as handle:
            handle.truncate(keep)
            handle.flush()
            os.fsync(handle.fileno())
        logger.info("cut a torn last line off %s", path)
        data = data[:keep]
    urls = set()
    for line in data.splitlines():
        try:
            urls.add(json.loads(line)["url"])
        except (ValueError, KeyError, TypeError):
            continue
    return urls


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

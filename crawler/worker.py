"""The crawl's child process: `python -m crawler.worker JOB.json EVENT_FD`.

Twisted's reactor runs once per process, so each crawl gets its own process; the parent
(`crawler.run.crawl`) reads progress events and the final report from a pipe. The child dies with
its parent (Linux `PR_SET_PDEATHSIG`), so a killed `claimgraph crawl` leaves no crawl behind.
"""

from __future__ import annotations

import ctypes
import json
import logging
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from claimgraph.exceptions import ClaimGraphError
from claimgraph.settings import Settings
from crawler.context import CrawlContext, EventSink, fd_event_sink
from crawler.dedup import NearDuplicateIndex, from_bytes
from crawler.job import CrawlJob
from crawler.report import CrawlReport
from crawler.resume import recover_interrupted_runs
from crawler.shared_state import SharedCrawlState
from crawler.sources import SourceConfig, load_sources
from crawler.state import CrawlState, crawl_lock

logger = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1


class EventLogHandler(logging.Handler):
    """Sends log records to the parent as events, so they show beside its progress display."""

    def __init__(self, emit: EventSink) -> None:
        super().__init__()
        self._emit = emit

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = self.format(record)
        except (TypeError, ValueError):
            message = str(record.msg)
        self._emit({"event": "log", "level": record.levelno, "name": record.name, "message": message})


def die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent dies (Linux); elsewhere a no-op."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            logger.debug("prctl(PR_SET_PDEATHSIG) is unavailable")


def due_sources(sources: list[SourceConfig], state: CrawlState | SharedCrawlState, job: CrawlJob) -> list[SourceConfig]:
    """The sources to crawl now: those asked for, and whose re-crawl interval has passed (unless forced)."""
    chosen = [source for source in sources if not job.only_sources or source.id in job.only_sources]
    if job.force:
        return chosen
    now = datetime.now(UTC)
    due = []
    for source in chosen:
        last = state.last_crawled(source.id)
        if source.recrawl_minutes and last and now - last < timedelta(minutes=source.recrawl_minutes):
            logger.info("source %s was crawled at %s; not due yet", source.id, last.isoformat(timespec="seconds"))
            continue
        due.append(source)
    return due


def run_spiders(context: CrawlContext, log_level: str) -> None:
    """Run the feed spider, the sitemap spider, then the article spider on what they found.

    One after the other: politeness holds per domain across them, and every link is on the frontier
    before the first page is fetched, so pages are fetched oldest first.
    """
    from scrapy.crawler import CrawlerRunner
    from scrapy.utils.log import configure_logging
    from scrapy.utils.reactor import install_reactor

    from crawler.scrapy_settings import scrapy_settings
    from crawler.spiders.feeds import FeedSpider
    from crawler.spiders.pages import ArticleSpider
    from crawler.spiders.sitemaps import NewsSitemapSpider

    domains = len({source.domain for source in context.sources.values()})
    settings = scrapy_settings(context.settings, log_level, domains)
    install_reactor(settings["TWISTED_REACTOR"])
    from twisted.internet import defer, reactor

    configure_logging(settings)
    runner = CrawlerRunner(settings)
    failures: list[BaseException] = []

    @defer.inlineCallbacks
    def crawl_all() -> Any:
        try:
            for spider in (FeedSpider, NewsSitemapSpider, ArticleSpider):
                if not context.interrupted:
                    yield runner.crawl(spider, context=context)
        except Exception as error:
            failures.append(error)
        finally:
            reactor.stop()  # type: ignore[attr-defined]

    reactor.callWhenRunning(crawl_all)  # type: ignore[attr-defined]
    reactor.run(installSignalHandlers=True)  # type: ignore[attr-defined]
    if failures:
        raise failures[0]


def open_state(settings: Settings) -> CrawlState | SharedCrawlState:
    """The crawl state: in Redis, shared by every crawler, when CLAIMGRAPH_REDIS_URL is set; else sqlite."""
    if settings.redis_url:
        return SharedCrawlState(settings, settings.crawl_state_dir)
    return CrawlState(settings.crawl_state_dir)


def run_job(job: CrawlJob, emit: EventSink) -> CrawlReport:
    """Crawl under the state lock: recover an interrupted run, crawl the due sources, write the output."""
    settings = Settings(**job.settings)
    sources = load_sources(Path(job.sources_file), job.base_url)
    report = CrawlReport()
    with crawl_lock(settings.crawl_state_dir):
        state = open_state(settings)
        try:
            index = NearDuplicateIndex()
            for known in state.originals():
                index.add(known.id, from_bytes(known.signature))
            report.resumed = recover_interrupted_runs(state, index)
            chosen = due_sources(sources, state, job)
            report.sources = len(chosen)
            run_id = state.begin_run(job.output)
            output_path = Path(job.output)
            if job.output != "-":
                output_path.parent.mkdir(parents=True, exist_ok=True)
            output = sys.stdout if job.output == "-" else open(output_path, "a", encoding="utf-8")  # noqa: SIM115
            context = CrawlContext(
                settings=settings,
                sources={source.id: source for source in chosen},
                state=state,
                index=index,
                output=output,
                report=report,
                emit=emit,
            )
            try:
                if chosen:
                    run_spiders(context, job.scrapy_log_level)
            finally:
                if output is not sys.stdout:
                    output.close()
            if not context.interrupted:
                state.save_validators(context.pending_validators)
                state.mark_sources_crawled(list(context.sources))
                state.finish_run(run_id)
                report.finished = True
        finally:
            state.close()
    return report


def main(argv: list[str]) -> int:
    job = CrawlJob.model_validate_json(Path(argv[0]).read_text(encoding="utf-8"))
    emit = fd_event_sink(int(argv[1]) if len(argv) > 1 else None)
    die_with_parent()
    root = logging.getLogger()
    root.handlers = [EventLogHandler(emit)]
    root.setLevel(job.log_level)
    for noisy in ("scrapy", "twisted", "py.warnings"):
        logging.getLogger(noisy).setLevel(job.scrapy_log_level)
    try:
        report = run_job(job, emit)
    except ClaimGraphError as error:
        emit({"event": "error", "message": str(error)})
        return 1
    emit({"event": "report", "report": json.loads(report.model_dump_json())})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

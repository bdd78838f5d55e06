"""`crawl()`: one crawl of the sources into Article JSONL, run in a child process.

Each call starts `python -m crawler.worker` (Twisted's reactor cannot run twice in one process),
relays its log records and progress events, and returns its `CrawlReport`. Calling it again and
again from one process works.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from claimgraph.exceptions import CrawlError
from claimgraph.settings import Settings
from crawler.job import CrawlJob
from crawler.report import CrawlReport
from crawler.sources import load_sources

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[dict[str, Any]], None]
SECRETS = {"neo4j_password", "api_keys"}
"""Settings the crawl does not need and that are not written into its job file."""


def crawl(
    settings: Settings,
    sources_file: Path | None = None,
    output: Path | str = "articles.jsonl",
    *,
    base_url: str | None = None,
    only_sources: list[str] | None = None,
    force: bool = False,
    progress: ProgressCallback | None = None,
) -> CrawlReport:
    """Crawl the sources, append the articles new in this crawl to `output` ('-' for stdout), report.

    `base_url` fills `{base_url}` placeholders in the sources file; `only_sources` limits the crawl
    to those source ids; `force` ignores re-crawl intervals; `progress` receives each event
    (`fetched`, `article`, `skipped`) as a dict.
    """
    path = sources_file or settings.sources_file
    sources = load_sources(path, base_url)
    unknown = sorted(set(only_sources or []) - {source.id for source in sources})
    if unknown:
        raise CrawlError(f"no source with id {', '.join(unknown)} in {path}")
    job = CrawlJob(
        settings=settings.model_dump(mode="json", exclude=SECRETS),
        sources_file=str(path),
        base_url=base_url,
        output=str(output) if str(output) == "-" else str(Path(output).resolve()),
        only_sources=list(only_sources or []),
        force=force,
        log_level=logging.getLevelName(min(logging.getLogger().getEffectiveLevel(), logging.WARNING)),
        scrapy_log_level=logging.getLevelName(min(logging.getLogger("scrapy").getEffectiveLevel(), logging.WARNING)),
    )
    if str(output) != "-":
        _check_writable(Path(output))
    settings.crawl_state_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".json", dir=settings.crawl_state_dir, delete=False) as handle:
        handle.write(job.model_dump_json())
        job_file = Path(handle.name)
    try:
        return _run_worker(job_file, progress)
    finally:
        job_file.unlink(missing_ok=True)


def _check_writable(output: Path) -> None:
    """Refuse an output the crawl could not append to, before anything is fetched."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with open(output, "a", encoding="utf-8"):
            pass
    except OSError as error:
        raise CrawlError(f"cannot write the output {output}: {error.strerror}") from error


def _run_worker(job_file: Path, progress: ProgressCallback | None) -> CrawlReport:
    read_fd, write_fd = os.pipe()
    command = [sys.executable, "-m", "crawler.worker", str(job_file), str(write_fd)]
    try:
        child = subprocess.Popen(command, pass_fds=(write_fd,), stdin=subprocess.DEVNULL)
    finally:
        os.close(write_fd)
    report: CrawlReport | None = None
    error: str | None = None
    with os.fdopen(read_fd, encoding="utf-8") as events:
        for line in events:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            kind = event.get("event")
            if kind == "log":
                level = event.get("level", logging.INFO)
                logging.getLogger(event.get("name") or __name__).log(level, "%s", event.get("message"))
            elif kind == "report":
                report = CrawlReport.model_validate(event["report"])
            elif kind == "error":
                error = event.get("message")
            elif progress is not None:
                progress(event)
    code = child.wait()
    if error:
        raise CrawlError(error)
    if report is None:
        raise CrawlError(f"the crawl process exited with code {code} without a report; see the log above")
    return report

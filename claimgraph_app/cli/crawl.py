"""`claimgraph crawl`: fetch the sources' new articles into Article JSONL."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from claimgraph_app.cli.app import app, console, console_err, settings
from crawler.report import CrawlReport
from crawler.run import crawl as run_crawl

REPORT_LINES_SHOWN = 20


def _print_report(report: CrawlReport, to_stderr: bool, report_file: Path | None) -> None:
    out = console_err if to_stderr else console
    out.print(report.summary(), highlight=False)
    for line in report.skipped[:REPORT_LINES_SHOWN]:
        out.print(f"  {line.reason}: {line.url} {line.detail}".rstrip(), highlight=False, markup=False)
    hidden = len(report.skipped) - REPORT_LINES_SHOWN
    if hidden > 0:
        out.print(f"  ... and {hidden} more (write them all with --report FILE)", highlight=False)
    if report_file:
        report_file.parent.mkdir(parents=True, exist_ok=True)
        report_file.write_text(report.model_dump_json(indent=2), encoding="utf-8")
    if not report.finished:
        out.print("[yellow]the crawl was interrupted; run it again to finish it[/]")


@app.command()
def crawl(
    sources: Annotated[
        Path | None, typer.Option("--sources", help="Sources file (default: the sources_file setting).")
    ] = None,
    output: Annotated[
        str, typer.Option("--output", "-o", help="Article JSONL file the new articles are appended to; '-' for stdout.")
    ] = "articles.jsonl",
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", help="Fills {base_url} in the sources file, e.g. http://127.0.0.1:8765."),
    ] = None,
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Crawl only this source id (repeatable).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Crawl every source now, ignoring re-crawl intervals.")
    ] = False,
    report_file: Annotated[
        Path | None, typer.Option("--report", help="Also write the full crawl report (JSON) to this file.")
    ] = None,
) -> None:
    """Crawl the sources' feeds and sitemaps and write the articles new since the last crawl.

    Only new articles are fetched and written (the crawl state lives in <data_dir>/crawl).
    A crawl that was stopped, even killed, picks up where it left off when run again.
    """
    counts = {"fetched": 0, "new": 0, "copies": 0, "skipped": 0}
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]crawling[/]"),
        TextColumn("{task.fields[fetched]} fetched, {task.fields[new]} new ({task.fields[copies]} copies),"),
        TextColumn("{task.fields[skipped]} skipped"),
        TimeElapsedColumn(),
        console=console_err,
        transient=True,
    ) as progress:
        task = progress.add_task("crawl", total=None, **counts)

        def on_event(event: dict[str, Any]) -> None:
            kind = event.get("event")
            if kind == "fetched":
                counts["fetched"] += 1
            elif kind == "article":
                counts["new"] += 1
                counts["copies"] += bool(event.get("copy"))
            elif kind == "skipped":
                counts["skipped"] += 1
            progress.update(task, **counts)

        report = run_crawl(
            settings(),
            sources,
            output,
            base_url=base_url,
            only_sources=source or None,
            force=force,
            progress=on_event,
        )
    _print_report(report, to_stderr=output == "-", report_file=report_file)

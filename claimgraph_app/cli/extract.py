"""`claimgraph extract IN.jsonl -o OUT.jsonl`: articles in, extractions out, one JSON object per line."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from claimgraph.jsonl import BadLine, count_lines, open_output, read_records, write_records
from claimgraph.records import Article, Extraction
from claimgraph_app.cli.app import app, console, console_err, settings
from nlp.extract import Extractor
from nlp.inputs import ArticleLine


@app.command()
def extract(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="IN.jsonl",
            help="Articles, one JSON object per line ('-' for standard input): Article records as "
            "`claimgraph crawl` writes them, or loose lines with url, text, title, published_at, source.",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Where to write the extractions, one per line ('-' for standard output)."),
    ],
    kb_dir: Annotated[
        Path | None,
        typer.Option("--kb", help="Knowledge-base folder of *.yaml files (default: the packaged nlp/kb/)."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="spaCy pipeline config (default: the packaged nlp/pipeline.cfg)."),
    ] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Texts per spaCy batch.")] = 32,
) -> None:
    """Find the entities, claims and responses in each article (exit code 1 when a line was refused)."""
    current = settings()
    extractor = Extractor(current, config_path=config, kb_dir=kb_dir, batch_size=batch_size)
    total = count_lines(input_path) if input_path.exists() or str(input_path) == "-" else None
    refused: list[BadLine] = []
    counts: Counter[str] = Counter()

    def articles() -> Iterator[Article]:
        for record in read_records(input_path, ArticleLine):
            if isinstance(record, BadLine):
                refused.append(record)
                console_err.print(f"[yellow]refused[/] {input_path}:{record}", highlight=False)
                progress.advance(task)
                continue
            yield record

    def counted(extractions: Iterator[Extraction]) -> Iterator[Extraction]:
        for extraction in extractions:
            counts["articles"] += 1
            counts["skipped"] += extraction.skipped_reason is not None
            counts["entities"] += len(extraction.entities)
            counts["claims"] += len(extraction.claims)
            counts["responses"] += len(extraction.responses)
            progress.advance(task)
            yield extraction

    began = time.monotonic()
    columns = (TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console_err, transient=True) as progress:
        task = progress.add_task("extract", total=total)
        with open_output(output) as handle:
            write_records(counted(extractor.extract_many(articles())), handle)
    console_err.print(
        f"{counts['articles']} articles ({counts['skipped']} skipped), {counts['entities']} entities, "
        f"{counts['claims']} claims, {counts['responses']} responses in {time.monotonic() - began:.1f} s; "
        f"{len(refused)} lines refused",
        highlight=False,
    )
    if str(output) != "-":
        console.print(f"wrote {output}", highlight=False)
    if refused:
        raise typer.Exit(1)

"""Reading and writing records as JSON Lines, one record per line.

A bad line never stops a reader: it comes back as a `BadLine` with its line number and a
message naming the field, and the caller reports it and goes on with the next line.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

from pydantic import BaseModel, ValidationError

from claimgraph.exceptions import InputError

RecordT = TypeVar("RecordT", bound=BaseModel)


@dataclass(frozen=True)
class BadLine:
    """A line that could not be read as the expected record."""

    line_number: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line_number}: {self.reason}"


def describe_validation_error(error: ValidationError) -> str:
    """One short message naming each wrong field: 'article.source.id: Field required'."""
    parts = []
    for item in error.errors()[:5]:
        location = ".".join(str(part) for part in item["loc"]) or "(record)"
        parts.append(f"{location}: {item['msg']}")
    more = len(error.errors()) - 5
    if more > 0:
        parts.append(f"and {more} more")
    return "; ".join(parts)


def parse_line(line: str, model: type[RecordT], line_number: int) -> RecordT | BadLine:
    """Parse one JSONL line into `model`, or say why not."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        return BadLine(line_number, f"not valid JSON ({error.msg} at column {error.colno})")
    if not isinstance(data, dict):
        return BadLine(line_number, f"expected a JSON object, got {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        return BadLine(line_number, describe_validation_error(error))


def open_input(path: Path | str) -> IO[str]:
    """Open a JSONL input; '-' is standard input. A missing file is an InputError."""
    if str(path) == "-":
        return sys.stdin
    try:
        return open(path, encoding="utf-8")
    except FileNotFoundError as error:
        raise InputError(f"input file not found: {path}") from error
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from error


def read_records(path: Path | str, model: type[RecordT]) -> Iterator[RecordT | BadLine]:
    """Yield each non-blank line of `path` as a record or a BadLine, in order."""
    handle = open_input(path)
    try:
        for line_number, line in enumerate(handle, start=1):
            if line.strip():
                yield parse_line(line, model, line_number)
    finally:
        if handle is not sys.stdin:
            handle.close()


def count_lines(path: Path | str) -> int | None:
    """Number of non-blank lines (for a progress bar), or None for standard input."""
    if str(path) == "-":
        return None
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())


def dump_line(record: BaseModel) -> str:
    """One record as one JSON line (no trailing newline)."""
    return record.model_dump_json(exclude_none=False)


@contextmanager
def open_output(path: Path | str, append: bool = False) -> Iterator[IO[str]]:
    """Open a JSONL output; '-' is standard output. Parent folders are created."""
    if str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "a" if append else "w", encoding="utf-8") as handle:
        yield handle


def write_records(records: Iterable[BaseModel], handle: IO[str], durable: bool = False) -> int:
    """Write records one per line; with `durable`, flush and fsync after each (crash-safe)."""
    count = 0
    for record in records:
        handle.write(dump_line(record) + "\n")
        count += 1
        if durable:
            handle.flush()
            os.fsync(handle.fileno())
    return count

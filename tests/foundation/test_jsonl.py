"""JSONL reading: a bad line is reported with its number and the rest is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.exceptions import InputError
from claimgraph.jsonl import BadLine, open_output, read_records, write_records
from claimgraph.records import Source


def test_bad_lines_are_reported_and_good_lines_kept(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "wire", "name": "Wire", "domain": "wire.example"}\n'
        "{not json\n"
        "\n"
        '{"id": "Bad Id", "name": "X", "domain": "x.example"}\n'
        "[1, 2]\n"
        '{"id": "daily", "name": "Daily", "domain": "daily.example"}\n'
    )
    results = list(read_records(path, Source))
    good = [r for r in results if isinstance(r, Source)]
    bad = [r for r in results if isinstance(r, BadLine)]
    assert [s.id for s in good] == ["wire", "daily"]
    assert [b.line_number for b in bad] == [2, 4, 5]
    assert "not valid JSON" in bad[0].reason
    assert bad[1].reason.startswith("id:")
    assert "expected a JSON object" in bad[2].reason
    assert str(bad[0]).startswith("line 2:")


def test_missing_input_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="input file not found"):
        list(read_records(tmp_path / "nope.jsonl", Source))


def test_write_then_read_round_trip(tmp_path: Path) -> None:
    sources = [Source(id=f"s{i}", name=f"S{i}", domain="x.example") for i in range(3)]
    path = tmp_path / "sub" / "out.jsonl"
    with open_output(path) as handle:
        assert write_records(sources, handle, durable=True) == 3
    assert list(read_records(path, Source)) == sources

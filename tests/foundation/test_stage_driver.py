"""The stage driver: batches, stop and progress callbacks, and isolation of a refused batch."""

from __future__ import annotations

import pytest

from claimgraph.exceptions import GraphUnavailableError, InputError
from claimgraph.stage_driver import Item, StageDriver


def _items(values: list[int]) -> list[Item[int]]:
    return [Item(f"line {number}", value) for number, value in enumerate(values, start=1)]


def _doubler(seen: list[list[int]]):
    def handle(batch: list[int]) -> list[int]:
        seen.append(list(batch))
        if any(value < 0 for value in batch):
            raise InputError(f"negative value in {batch}")
        return [value * 2 for value in batch]

    return handle


def test_records_are_handled_in_batches_in_order() -> None:
    seen: list[list[int]] = []
    results: list[int] = []
    events: list[dict] = []
    stage = StageDriver(
        _doubler(seen),
        batch_size=2,
        on_batch=lambda items, result: results.extend(result),
        progress=events.append,
    )
    report = stage.run(_items([1, 2, 3, 4, 5]))
    assert seen == [[1, 2], [3, 4], [5]]
    assert results == [2, 4, 6, 8, 10]
    assert report.handled == 5 and report.batches == 3 and not report.refused
    assert [event["count"] for event in events] == [2, 2, 1]


def test_a_refused_batch_is_retried_record_by_record_and_only_the_bad_one_is_refused() -> None:
    seen: list[list[int]] = []
    results: list[int] = []
    refused: list[tuple[str, str]] = []
    stage = StageDriver(
        _doubler(seen),
        batch_size=3,
        on_batch=lambda items, result: results.extend(result),
        on_refused=lambda item, reason: refused.append((item.key, reason)),
    )
    report = stage.run(_items([1, -2, 3, 4]))
    assert seen == [[1, -2, 3], [1], [-2], [3], [4]]
    assert results == [2, 6, 8]
    assert refused == [("line 2", "negative value in [-2]")]
    assert report.refused == refused and report.isolated_batches == 1 and report.handled == 3


def test_validation_refuses_a_record_before_it_joins_a_batch() -> None:
    seen: list[list[int]] = []

    def validate(value: int) -> None:
        if value == 0:
            raise InputError("zero is not allowed")

    report = StageDriver(_doubler(seen), batch_size=2, validate=validate).run(_items([1, 0, 2]))
    assert seen == [[1, 2]]
    assert report.refused == [("line 2", "zero is not allowed")]


def test_a_fatal_error_is_raised_not_blamed_on_a_record() -> None:
    def unreachable(batch: list[int]) -> None:
        raise GraphUnavailableError("Neo4j is not reachable")

    stage = StageDriver(unreachable, batch_size=2)
    with pytest.raises(GraphUnavailableError):
        stage.run(_items([1, 2, 3]))
    assert not stage.report.refused


def test_an_error_that_is_not_refusable_propagates() -> None:
    def broken(batch: list[int]) -> None:
        raise InputError("bad")

    with pytest.raises(InputError):
        StageDriver(broken, batch_size=2, refusable=()).run(_items([1, 2]))


def test_stop_is_checked_before_every_batch() -> None:
    seen: list[list[int]] = []
    stage = StageDriver(_doubler(seen), batch_size=2, should_stop=lambda: len(seen) >= 2)
    report = stage.run(_items([1, 2, 3, 4, 5, 6]))
    assert seen == [[1, 2], [3, 4]]
    assert report.stopped and report.handled == 4

"""The streams between stages against a real redis-server: groups, claiming, hand-on, dead letters."""

from __future__ import annotations

import time

import pytest

from claimgraph.exceptions import QueueUnavailableError
from claimgraph.settings import Settings
from claimgraph_app.streams import ARTICLES, DEAD, EXTRACTIONS, Consumer, Streams, connect_redis


def _streams(url: str, **overrides: object) -> Streams:
    settings = Settings(redis_url=url, stream_batch_size=3, stream_claim_idle=0.2, **overrides)
    streams = Streams(connect_redis(settings), settings)
    streams.ensure_groups()
    return streams


def _drain(consumer: Consumer) -> list[str]:
    records = []
    while entries := consumer.next_batch(block=0.05):
        records.extend(entry.record for entry in entries)
        consumer.hand_on(entries, [])
    return records


def test_two_consumers_of_one_group_split_a_stream(clean_redis: str) -> None:
    streams = _streams(clean_redis)
    streams.publish(ARTICLES, [{"n": n} for n in range(10)])
    first, second = Consumer(streams, "extract", "first"), Consumer(streams, "extract", "second")
    held = first.next_batch(block=0.05)
    seen_first = [entry.record for entry in held]
    seen_second = _drain(second)
    first.hand_on(held, [])
    seen_first += _drain(first)
    assert seen_first and seen_second
    assert sorted(seen_first + seen_second) == sorted(f'{{"n": {n}}}' for n in range(10))
    assert not set(seen_first) & set(seen_second)
    assert streams.status().streams[0].pending == 0


def test_hand_on_appends_outputs_and_acknowledges_inputs_together(clean_redis: str) -> None:
    streams = _streams(clean_redis)
    streams.publish(ARTICLES, [{"n": 1}, {"n": 2}])
    consumer = Consumer(streams, "extract", "one")
    entries = consumer.next_batch(block=0.05)
    assert streams.status().streams[0].pending == 2
    consumer.hand_on(entries, [(EXTRACTIONS, {"of": entry.id}) for entry in entries])
    status = {item.name: item for item in streams.status().streams}
    assert status[ARTICLES].pending == 0
    assert status[EXTRACTIONS].length == 2


def test_entries_of_a_consumer_that_died_are_claimed_after_the_idle_time(clean_redis: str) -> None:
    streams = _streams(clean_redis)
    streams.publish(ARTICLES, [{"n": n} for n in range(3)])
    dead = Consumer(streams, "extract", "dead-worker")
    taken = dead.next_batch(block=0.05)
    assert len(taken) == 3
    survivor = Consumer(streams, "extract", "survivor")
    assert survivor.next_batch(block=0.05) == [], "not claimed before stream_claim_idle"
    time.sleep(0.3)
    claimed = survivor.next_batch(block=0.05)
    assert [entry.id for entry in claimed] == [entry.id for entry in taken]
    assert all(entry.deliveries == 2 for entry in claimed)
    survivor.hand_on(claimed, [])
    assert streams.status().streams[0].pending == 0


def test_an_entry_that_kills_every_worker_goes_to_the_dead_letter_stream(clean_redis: str) -> None:
    streams = _streams(clean_redis, stream_max_deliveries=2)
    streams.publish(ARTICLES, [{"n": "poison"}])
    for name in ("first", "second"):  # each takes the entry and dies without acknowledging it
        assert len(Consumer(streams, "extract", name).next_batch(block=0.05)) == 1
        time.sleep(0.3)
    third = Consumer(streams, "extract", "third")
    assert third.next_batch(block=0.05) == []
    letters = streams.dead_letters()
    assert len(letters) == 1
    assert letters[0]["record"] == '{"n": "poison"}'
    assert "delivered 3 times" in letters[0]["error"]
    assert letters[0]["stream"] == ARTICLES
    assert streams.status().streams[0].pending == 0
    assert streams.client.xlen(streams.key(DEAD)) == 1


def test_dead_letter_keeps_the_record_and_its_error(clean_redis: str) -> None:
    streams = _streams(clean_redis)
    streams.publish(ARTICLES, [{"n": 1}])
    consumer = Consumer(streams, "extract", "one")
    [entry] = consumer.next_batch(block=0.05)
    consumer.dead_letter(entry, "not a valid Article record: url: Field required")
    [letter] = streams.dead_letters()
    assert letter["entry"] == entry.id and letter["stage"] == "extract"
    assert letter["error"] == "not a valid Article record: url: Field required"
    assert streams.status().dead == 1 and streams.status().streams[0].pending == 0


def test_groups_are_created_once(clean_redis: str) -> None:
    streams = _streams(clean_redis)
    streams.ensure_groups()
    assert [item.group for item in streams.status().streams] == ["extract", "ingest", "alerts"]


def test_an_unreachable_redis_is_one_clear_error() -> None:
    from claimgraph.ports import free_port

    with pytest.raises(QueueUnavailableError, match="cannot be reached"):
        connect_redis(Settings(redis_url=f"redis://127.0.0.1:{free_port()}/0"))
    with pytest.raises(QueueUnavailableError, match="set CLAIMGRAPH_REDIS_URL"):
        connect_redis(Settings(redis_url=None))

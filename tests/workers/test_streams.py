"""The streams between stages against a real redis-server: groups, claiming, hand-on, dead letters."""

from __future__ import annotations

import time

import pytest

from claimgraph.exceptions import QueueUnavailableError
from claimgraph.settings import Settings
from claimgraph_app.streams import ARTICLES, DEAD, EXTRACTIONS, Consumer, Streams, connect_redis, next_id


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


def _ids(streams: Streams, stream: str) -> list[str]:
    return [entry_id for entry_id, _ in streams.client.xrange(streams.key(stream))]


def test_next_id_is_the_smallest_id_after() -> None:
    assert next_id("0-0") == "0-1"
    assert next_id("1700000000000-41") == "1700000000000-42"
    assert next_id(f"5-{2**64 - 1}") == "6-0"


def test_trimming_keeps_every_entry_still_pending_in_any_group(clean_redis: str) -> None:
    streams = _streams(clean_redis, stream_trim_interval=0)
    streams.client.xgroup_create(streams.key(ARTICLES), "slow", id="0")
    streams.publish(ARTICLES, [{"n": n} for n in range(6)])
    ids = _ids(streams, ARTICLES)
    holder, fast = Consumer(streams, "extract", "holder"), Consumer(streams, "extract", "fast")
    held = holder.next_batch(block=0.05)  # the first 3, pending while the other 3 are acknowledged
    assert _drain(fast) == [f'{{"n": {n}}}' for n in range(3, 6)]
    assert _ids(streams, ARTICLES) == ids, "the slow group has read nothing yet: everything stays"

    slow = streams.client.xreadgroup("slow", "reader", {streams.key(ARTICLES): ">"}, count=4)[0][1]
    streams.client.xack(streams.key(ARTICLES), "slow", *[entry_id for entry_id, _ in slow[:2]])
    holder.hand_on(held, [])
    assert _ids(streams, ARTICLES) == ids[2:], "acknowledged by both groups: gone; pending or unread for slow: kept"

    streams.client.xack(streams.key(ARTICLES), "slow", *[entry_id for entry_id, _ in slow[2:]])
    assert holder.trim_if_due(force=True) == 0, "this consumer acknowledged nothing since its last trim"
    assert streams.trim(ARTICLES) == 2
    assert _ids(streams, ARTICLES) == ids[4:], "the slow group has not been delivered the last 2 yet"


def test_trimming_keeps_the_pending_entries_of_a_consumer_behind_the_others(clean_redis: str) -> None:
    streams = _streams(clean_redis, stream_trim_interval=0)
    streams.publish(ARTICLES, [{"n": n} for n in range(6)])
    ids = _ids(streams, ARTICLES)
    behind, ahead = Consumer(streams, "extract", "behind"), Consumer(streams, "extract", "ahead")
    held = behind.next_batch(block=0.05)
    _drain(ahead)
    assert _ids(streams, ARTICLES) == ids, "the first entries are still pending"
    status = streams.status().streams[0]
    assert (status.length, status.added, status.pending, status.lag) == (6, 6, 3, 0)
    behind.hand_on(held, [])
    assert _ids(streams, ARTICLES) == []
    status = streams.status().streams[0]
    assert (status.length, status.added, status.pending, status.lag) == (0, 6, 0, 0)
    streams.publish(ARTICLES, [{"n": 6}])
    assert streams.status().streams[0].lag == 1, "what the group has not read is still counted after trimming"


def test_a_stream_whose_group_has_read_nothing_keeps_everything(clean_redis: str) -> None:
    streams = _streams(clean_redis, stream_trim_interval=0)
    streams.publish(EXTRACTIONS, [{"n": n} for n in range(4)])
    streams.client.xgroup_create(streams.key(EXTRACTIONS), "audit", id="0")
    _drain(Consumer(streams, "ingest", "one"))
    assert len(_ids(streams, EXTRACTIONS)) == 4
    assert streams.trim(EXTRACTIONS) == 0
    streams.client.xadd(streams.key("no-group"), {"record": "{}"})
    assert streams.trim("no-group") == 0 and streams.trim("absent") == 0


def test_trimming_is_rate_limited(clean_redis: str) -> None:
    streams = _streams(clean_redis, stream_trim_interval=60)
    consumer = Consumer(streams, "extract", "one")
    streams.publish(ARTICLES, [{"n": 1}, {"n": 2}])
    consumer.hand_on(consumer.next_batch(block=0.05), [])
    assert _ids(streams, ARTICLES) == [], "the first acknowledgement trims"
    streams.publish(ARTICLES, [{"n": 3}, {"n": 4}])
    consumer.hand_on(consumer.next_batch(block=0.05), [])
    assert len(_ids(streams, ARTICLES)) == 2, "not again within stream_trim_interval"
    assert consumer.trim_if_due(force=True) == 2, "a worker that stops trims what it acknowledged"


def test_a_worker_trims_its_input_stream_when_it_goes_idle(clean_redis: str) -> None:
    streams = _streams(clean_redis, stream_trim_interval=0.2)
    consumer = Consumer(streams, "extract", "one")
    streams.publish(ARTICLES, [{"n": 1}])
    consumer.hand_on(consumer.next_batch(block=0.05), [])
    streams.publish(ARTICLES, [{"n": 2}])
    consumer.hand_on(consumer.next_batch(block=0.05), [])
    assert len(_ids(streams, ARTICLES)) == 1
    time.sleep(0.25)
    assert consumer.next_batch(block=0.05) == []
    assert _ids(streams, ARTICLES) == []


def test_the_dead_letter_stream_is_capped(clean_redis: str) -> None:
    streams = _streams(clean_redis, stream_dead_max_length=10)
    streams.publish(ARTICLES, [{"n": n} for n in range(300)])
    consumer = Consumer(streams, "extract", "one")
    while entries := consumer.next_batch(block=0.05):
        for entry in entries:
            consumer.dead_letter(entry, "refused")
    length = streams.client.xlen(streams.key(DEAD))
    assert 10 <= length < 300, "MAXLEN ~ keeps at least the cap, and drops whole blocks of the oldest"
    assert streams.dead_letters(1)[0]["record"] == '{"n": 299}'
    assert streams.status().streams[0].pending == 0

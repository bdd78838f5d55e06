"""Redis Streams between the stages, when `CLAIMGRAPH_REDIS_URL` is set.

Records travel as JSON in one field (`record`) of a stream entry:

    crawl ─▶ <prefix>:articles ─(group extract)─▶ <prefix>:extractions ─(group ingest)─▶ graph
          ─▶ <prefix>:ingested ─(group alerts)─▶ the dispatcher

A worker reads its stage's stream as one consumer of the stage's group. Delivery is at least once:
a worker hands its outputs on and acknowledges its inputs in one MULTI/EXEC transaction, so either
both happen or neither; a worker killed before that leaves its entries pending, and after
`stream_claim_idle` seconds another worker takes them over with `XAUTOCLAIM`. Every stage's effect
is idempotent (extraction is a pure function of the article, graph writes MERGE on stable keys,
the dispatcher records each delivery before sending it), so a record handled twice changes nothing.

A record that cannot be handled (it does not parse, or the stage refuses it alone) goes to
`<prefix>:dead` with its error and is acknowledged; so does an entry delivered
`stream_max_deliveries` times without being acknowledged (it killed every worker that took it).
The dead-letter stream keeps about `stream_dead_max_length` letters (XADD MAXLEN ~).

Entries are dropped once no group needs them: after acknowledging, a worker trims its input stream
(at most once per `stream_trim_interval` seconds, when idle, and when it stops) to the oldest id
some group still needs, the smallest over the groups of their first pending entry and the entry
after their last-delivered id (`XTRIM MINID`). A pending or undelivered entry is never dropped,
and a group that has read nothing keeps the whole stream.

The `redis` package is imported here only; nothing imports this module unless Redis is configured.
"""

from __future__ import annotations

import json
import logging
import math
import os
import socket
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import redis
from pydantic import BaseModel

from claimgraph.exceptions import QueueUnavailableError
from claimgraph.settings import Settings

logger = logging.getLogger(__name__)

ARTICLES = "articles"
EXTRACTIONS = "extractions"
INGESTED = "ingested"
DEAD = "dead"
GROUPS = {ARTICLES: "extract", EXTRACTIONS: "ingest", INGESTED: "alerts"}
"""Each stream and the group of the stage that reads it."""
STAGE_INPUT = {group: stream for stream, group in GROUPS.items()}
"""Each stage and the stream it reads."""
MAX_SEQUENCE = 2**64 - 1
"""The largest sequence part of a stream id (`<milliseconds>-<sequence>`)."""


def connect_redis(settings: Settings) -> redis.Redis:
    """A client of the configured Redis, checked with PING (QueueUnavailableError says what to fix)."""
    if not settings.redis_url:
        raise QueueUnavailableError("no Redis is configured: set CLAIMGRAPH_REDIS_URL (e.g. redis://127.0.0.1:6379/0)")
    try:
        client = redis.Redis.from_url(settings.redis_url, decode_responses=True, socket_connect_timeout=5)
        client.ping()
    except ValueError as error:
        raise QueueUnavailableError(f"CLAIMGRAPH_REDIS_URL is not a Redis URL ({error})") from error
    except redis.RedisError as error:
        raise QueueUnavailableError(
            f"Redis at {settings.redis_url} cannot be reached ({error}); start it or fix CLAIMGRAPH_REDIS_URL"
        ) from error
    return client


def id_order(entry_id: str) -> tuple[int, int]:
    """A stream id as numbers, for comparing ids."""
    milliseconds, _, sequence = entry_id.partition("-")
    return int(milliseconds), int(sequence or 0)


def next_id(entry_id: str) -> str:
    """The smallest stream id after `entry_id`."""
    milliseconds, sequence = id_order(entry_id)
    return f"{milliseconds}-{sequence + 1}" if sequence < MAX_SEQUENCE else f"{milliseconds + 1}-0"


def consumer_name() -> str:
    """This process's name in a consumer group: host and pid, so a restarted worker is a new consumer."""
    return f"{socket.gethostname()}-{os.getpid()}"


@dataclass(frozen=True)
class Entry:
    """One stream entry: its id, its JSON record, and how many times it has been delivered."""

    id: str
    record: str
    deliveries: int = 1


@dataclass
class StreamStatus:
    """One stream as `claimgraph status` shows it."""

    name: str
    length: int
    added: int | None = None
    group: str | None = None
    pending: int = 0
    lag: int | None = None
    consumers: int = 0


@dataclass
class QueueStatus:
    streams: list[StreamStatus] = field(default_factory=list)
    dead: int = 0
    workers: list[dict[str, Any]] = field(default_factory=list)


class Streams:
    """The project's streams in one Redis, under `stream_prefix`."""

    def __init__(self, client: redis.Redis, settings: Settings) -> None:
        self.client = client
        self.settings = settings
        self.prefix = settings.stream_prefix

    def key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    def ensure_groups(self) -> None:
        """Create every stream and group that does not exist yet (idempotent)."""
        for stream, group in GROUPS.items():
            try:
                self.client.xgroup_create(self.key(stream), group, id="0", mkstream=True)
            except redis.ResponseError as error:
                if "BUSYGROUP" not in str(error):
                    raise

    def publish(self, stream: str, records: Iterable[BaseModel | dict[str, Any]]) -> int:
        """Append records to a stream in one round trip; returns how many."""
        pipe = self.client.pipeline(transaction=True)
        count = 0
        for record in records:
            pipe.xadd(self.key(stream), {"record": _json(record)})
            count += 1
        if count:
            pipe.execute()
        return count

    def status(self) -> QueueStatus:
        """Stream lengths, pending entries, dead letters and live workers."""
        status = QueueStatus()
        for stream, group in GROUPS.items():
            key = self.key(stream)
            item = StreamStatus(name=stream, length=int(self.client.xlen(key)))
            if self.client.exists(key):
                item.added = self.client.xinfo_stream(key).get("entries-added")
                for info in self.client.xinfo_groups(key):
                    if info["name"] == group:
                        item.group = group
                        item.pending = int(info["pending"])
                        item.lag = info.get("lag")
                        item.consumers = int(info["consumers"])
            status.streams.append(item)
        status.dead = int(self.client.xlen(self.key(DEAD)))
        for key in sorted(self.client.scan_iter(match=self.key("workers:*"), count=500)):
            value = self.client.get(key)
            if value:
                status.workers.append({**json.loads(value), "ttl": self.client.ttl(key)})
        return status

    def needed_from(self, stream: str) -> str | None:
        """The oldest id some group of the stream still needs; None when it has no group (keep everything).

        A group needs its first pending entry and every entry after its last-delivered id."""
        key = self.key(stream)
        try:
            groups = self.client.xinfo_groups(key)
        except redis.ResponseError as error:
            if "no such key" in str(error).lower():
                return None
            raise
        if not groups:
            return None
        pipe = self.client.pipeline(transaction=False)
        for group in groups:
            pipe.xpending(key, group["name"])
        needed = [next_id(group["last-delivered-id"]) for group in groups]
        needed += [summary["min"] for summary in pipe.execute() if summary["pending"]]
        return min(needed, key=id_order)

    def trim(self, stream: str) -> int:
        """Drop the entries of a stream that every group has acknowledged; returns how many went.

        Safe without a transaction: what a group needs only moves forward (deliveries and
        acknowledgements), so entries before the id read here are not needed when XTRIM runs."""
        oldest = self.needed_from(stream)
        if oldest is None:
            return 0
        removed = int(self.client.xtrim(self.key(stream), minid=oldest, approximate=False))
        if removed:
            logger.debug("trimmed %d entries of %s before %s", removed, self.key(stream), oldest)
        return removed

    def dead_letters(self, count: int = 100) -> list[dict[str, str]]:
        """The newest dead letters, newest first."""
        return [{"id": entry_id, **fields} for entry_id, fields in self.client.xrevrange(self.key(DEAD), count=count)]


class Consumer:
    """One worker's view of its stage's stream: read, claim, hand on and acknowledge, dead-letter."""

    def __init__(self, streams: Streams, stage: str, name: str | None = None) -> None:
        if stage not in STAGE_INPUT:
            raise ValueError(f"unknown stage {stage!r}")
        self.streams = streams
        self.client = streams.client
        self.stage = stage
        self.group = stage
        self.stream = STAGE_INPUT[stage]
        self.key = streams.key(self.stream)
        self.name = name or consumer_name()
        settings = streams.settings
        self.batch_size = settings.stream_batch_size
        self.claim_idle_ms = int(settings.stream_claim_idle * 1000)
        self.max_deliveries = settings.stream_max_deliveries
        self.trim_interval = settings.stream_trim_interval
        self.dead_max_length = settings.stream_dead_max_length
        self._claim_cursor = "0-0"
        self._acknowledged = 0
        self._trimmed_at = -math.inf

    def next_batch(self, block: float = 1.0) -> list[Entry]:
        """Entries abandoned by dead workers first (XAUTOCLAIM), else new ones (XREADGROUP, blocking)."""
        claimed = self._claim()
        if claimed:
            return claimed
        answer = self.client.xreadgroup(
            self.group, self.name, {self.key: ">"}, count=self.batch_size, block=max(1, int(block * 1000))
        )
        entries = [
            Entry(entry_id, fields.get("record", "")) for _, entries in answer or [] for entry_id, fields in entries
        ]
        if not entries:
            self.trim_if_due()
        return entries

    def hand_on(self, done: Sequence[Entry], outputs: Iterable[tuple[str, BaseModel | dict[str, Any]]]) -> None:
        """Append the outputs to their streams and acknowledge the inputs, atomically (MULTI/EXEC)."""
        pipe = self.client.pipeline(transaction=True)
        for stream, record in outputs:
            pipe.xadd(self.streams.key(stream), {"record": _json(record)})
        if done:
            pipe.xack(self.key, self.group, *[entry.id for entry in done])
        pipe.execute()
        self._acknowledged += len(done)
        self.trim_if_due()

    def keep(self, entries: Sequence[Entry]) -> None:
        """Reset the idle time of entries this worker holds, so no one claims them (not a delivery)."""
        if entries:
            self.client.xclaim(self.key, self.group, self.name, 0, [entry.id for entry in entries], justid=True)

    def dead_letter(self, entry: Entry, error: str) -> None:
        """Move an entry to the dead-letter stream with its error, and acknowledge it (atomically)."""
        logger.warning("%s: entry %s of %s goes to the dead-letter stream: %s", self.stage, entry.id, self.key, error)
        fields = {
            "stream": self.stream,
            "entry": entry.id,
            "stage": self.stage,
            "error": error,
            "record": entry.record,
            "consumer": self.name,
            "deliveries": str(entry.deliveries),
            "at": str(time.time()),
        }
        pipe = self.client.pipeline(transaction=True)
        pipe.xadd(self.streams.key(DEAD), fields, maxlen=self.dead_max_length, approximate=True)
        pipe.xack(self.key, self.group, entry.id)
        pipe.execute()
        self._acknowledged += 1
        self.trim_if_due()

    def trim_if_due(self, force: bool = False) -> int:
        """Trim the input stream (see `Streams.trim`) when this consumer acknowledged entries since its
        last trim, at most once per `stream_trim_interval` unless forced; returns how many entries went.

        Trimming is housekeeping: a Redis error is logged and the trim is tried again later."""
        now = time.monotonic()
        if not self._acknowledged or (not force and now - self._trimmed_at < self.trim_interval):
            return 0
        self._trimmed_at = now
        try:
            removed = self.streams.trim(self.stream)
        except redis.RedisError as error:
            logger.warning("%s: could not trim %s (tried again later): %s", self.stage, self.key, error)
            return 0
        self._acknowledged = 0
        return removed

    def beat(self, handled: int, refused: int, ttl: float) -> None:
        """Say this worker is alive (a key that expires unless renewed)."""
        value = {
            "stage": self.stage,
            "consumer": self.name,
            "handled": handled,
            "refused": refused,
            "at": time.time(),
        }
        self.client.set(self.streams.key(f"workers:{self.stage}:{self.name}"), json.dumps(value), px=int(ttl * 1000))

    def leave(self) -> None:
        """Remove this worker's liveness key (its pending entries, if any, stay to be claimed)."""
        self.client.delete(self.streams.key(f"workers:{self.stage}:{self.name}"))

    def _claim(self) -> list[Entry]:
        """Take over entries pending longer than `stream_claim_idle` (their worker died or hangs)."""
        cursor, claimed, *_ = self.client.xautoclaim(
            self.key, self.group, self.name, self.claim_idle_ms, start_id=self._claim_cursor, count=self.batch_size
        )
        self._claim_cursor = cursor
        if not claimed:
            return []
        pending = self.client.xpending_range(
            self.key, self.group, min=claimed[0][0], max=claimed[-1][0], count=len(claimed) + 64, consumername=self.name
        )
        deliveries = {item["message_id"]: int(item["times_delivered"]) for item in pending}
        entries = []
        for entry_id, fields in claimed:
            entry = Entry(entry_id, (fields or {}).get("record", ""), deliveries.get(entry_id, 1))
            if entry.deliveries > self.max_deliveries:
                self.dead_letter(entry, f"delivered {entry.deliveries} times and never acknowledged: each worker "
                                        "that took it died or hung (see its logs)")  # fmt: skip
                continue
            entries.append(entry)
        logger.info("%s: claimed %d entries abandoned by other workers", self.stage, len(entries))
        return entries


def _json(record: BaseModel | dict[str, Any]) -> str:
    return record.model_dump_json() if isinstance(record, BaseModel) else json.dumps(record, sort_keys=True)

"""The crawl state in Redis, shared by every crawler of one installation (`CLAIMGRAPH_REDIS_URL`).

Same interface as the sqlite `CrawlState`, so the spiders, pipelines and middlewares do not know
which one they use. Seen URLs, the frontier, feed and sitemap validators, written articles with
their MinHash signatures and the sources' last crawl times are Redis hashes under
`<stream_prefix>:crawl:`; an article and its URLs are recorded in one MULTI/EXEC. What belongs to
one process stays local: the runs and their output files (recovered after a kill by the sqlite
store of the crawler's own data directory).

Two crawlers never fetch one page: a frontier link is fetched only by the crawler that claims it
(`SET NX` with a lease naming the crawler; a crawler killed mid-fetch takes its links back when it
restarts, or another crawler takes them when the lease runs out).
"""

from __future__ import annotations

import base64
import json
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import redis

from claimgraph.exceptions import CrawlError
from claimgraph.settings import Settings
from crawler.state import CrawlState, FrontierEntry, KnownArticle, Validators

CLAIM_LEASE_SECONDS = 600


def _now() -> str:
    return datetime.now(UTC).isoformat()


class SharedCrawlState:
    """`CrawlState` in Redis (see the module docstring); `local` keeps this process's runs."""

    def __init__(self, settings: Settings, state_dir: Path) -> None:
        try:
            self.client = redis.Redis.from_url(settings.redis_url or "", decode_responses=True)
            self.client.ping()
        except (ValueError, redis.RedisError) as error:
            raise CrawlError(
                f"the shared crawl state in Redis ({settings.redis_url}) cannot be reached: {error}"
            ) from error
        self.prefix = f"{settings.stream_prefix}:crawl"
        self.identity = f"{socket.gethostname()}:{state_dir.resolve()}"
        self.local = CrawlState(state_dir)

    def _key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    def close(self) -> None:
        self.local.close()
        self.client.close()

    # --- claims (only the shared state needs them) ---------------------------------------------
    def claim(self, url: str) -> bool:
        """Take a frontier link for this crawler; False when another crawler holds it.

        The claim names the crawler (host and data directory), so a crawler restarted after a kill
        takes back the links it held at once instead of waiting for their lease to run out."""
        key = self._key(f"claim:{url}")
        if self.client.set(key, self.identity, nx=True, ex=CLAIM_LEASE_SECONDS):
            return True
        if self.client.get(key) == self.identity:
            self.client.expire(key, CLAIM_LEASE_SECONDS)
            return True
        return False

    # --- seen URLs ----------------------------------------------------------------------------
    def is_seen(self, url: str) -> bool:
        return bool(self.client.hexists(self._key("seen"), url))

    def mark_seen(self, urls: list[str], outcome: str, article_id: str | None = None) -> None:
        pipe = self.client.pipeline(transaction=True)
        self._mark_seen(pipe, urls, outcome, article_id)
        pipe.execute()

    def _mark_seen(self, pipe: redis.client.Pipeline, urls: list[str], outcome: str, article_id: str | None) -> None:
        value = json.dumps({"article_id": article_id, "outcome": outcome, "seen_at": _now()})
        for url in dict.fromkeys(urls):
            pipe.hset(self._key("seen"), url, value)
            pipe.hdel(self._key("frontier"), url)

    # --- articles -----------------------------------------------------------------------------
    def record_article(self, article: KnownArticle, urls: list[str]) -> None:
        value = {
            "canonical_url": article.canonical_url,
            "content_hash": article.content_hash,
            "copy_of": article.copy_of,
            "signature": base64.b64encode(article.signature).decode("ascii"),
        }
        pipe = self.client.pipeline(transaction=True)
        pipe.hsetnx(self._key("articles"), article.id, json.dumps(value))
        if article.copy_of is None:
            pipe.hsetnx(self._key("originals_by_hash"), article.content_hash, article.id)
        self._mark_seen(pipe, [*urls, article.canonical_url], "article", article.id)
        pipe.execute()

    def article(self, article_id: str) -> KnownArticle | None:
        value = self.client.hget(self._key("articles"), article_id)
        return _known(article_id, value) if value else None

    def original_with_hash(self, content_hash: str) -> str | None:
        return self.client.hget(self._key("originals_by_hash"), content_hash)

    def originals(self) -> Iterator[KnownArticle]:
        for article_id, value in self.client.hscan_iter(self._key("articles"), count=1000):
            known = _known(article_id, value)
            if known.copy_of is None:
                yield known

    # --- frontier -----------------------------------------------------------------------------
    def add_to_frontier(self, url: str, source_id: str, hint_date: str | None, hint_kind: str | None) -> bool:
        value = json.dumps({"source_id": source_id, "hint_date": hint_date, "hint_kind": hint_kind, "attempts": 0})
        return bool(self.client.hsetnx(self._key("frontier"), url, value))

    def frontier(self, source_ids: list[str]) -> list[FrontierEntry]:
        """The pending links of these sources, oldest hint date first (undated last)."""
        wanted = set(source_ids)
        entries = []
        for url, value in self.client.hscan_iter(self._key("frontier"), count=1000):
            data = json.loads(value)
            if data["source_id"] in wanted:
                entries.append(FrontierEntry(url, data["source_id"], data["hint_date"], data["hint_kind"],
                                             data["attempts"]))  # fmt: skip
        return sorted(entries, key=lambda entry: (entry.hint_date is None, entry.hint_date or "", entry.url))

    def count_attempt(self, url: str, max_attempts: int) -> None:
        value = self.client.hget(self._key("frontier"), url)
        if value is None:
            return
        data = json.loads(value)
        data["attempts"] += 1
        if data["attempts"] >= max_attempts:
            self.client.hdel(self._key("frontier"), url)
        else:
            self.client.hset(self._key("frontier"), url, json.dumps(data))
        self.client.delete(self._key(f"claim:{url}"))

    # --- validators ---------------------------------------------------------------------------
    def validators(self, url: str) -> Validators | None:
        value = self.client.hget(self._key("validators"), url)
        return Validators(**json.loads(value)) if value else None

    def save_validators(self, found: dict[str, Validators]) -> None:
        if found:
            mapping = {url: json.dumps({"etag": v.etag, "last_modified": v.last_modified}) for url, v in found.items()}
            self.client.hset(self._key("validators"), mapping=mapping)

    # --- sources (shared) and runs (this process's) ------------------------------------------
    def last_crawled(self, source_id: str) -> datetime | None:
        value = self.client.hget(self._key("source_crawls"), source_id)
        return datetime.fromisoformat(value) if value else None

    def mark_sources_crawled(self, source_ids: list[str]) -> None:
        if source_ids:
            self.client.hset(self._key("source_crawls"), mapping=dict.fromkeys(source_ids, _now()))

    def begin_run(self, output: str) -> int:
        return self.local.begin_run(output)

    def finish_run(self, run_id: int) -> None:
        self.local.finish_run(run_id)

    def unfinished_runs(self) -> list[tuple[int, str]]:
        return self.local.unfinished_runs()


def _known(article_id: str, value: str) -> KnownArticle:
    data = json.loads(value)
    return KnownArticle(article_id, data["canonical_url"], data["content_hash"], data["copy_of"],
                        base64.b64decode(data["signature"]))  # fmt: skip

"""The crawl's durable state in one sqlite database under `settings.crawl_state_dir`.

It holds the URLs already crawled (and what came of them), the frontier of article links found
but not yet done, the feeds' and sitemaps' validators (ETag / Last-Modified), the MinHash
signatures of the articles written, and the runs with their output files. Every change is its own
transaction (WAL, synchronous=FULL), so a crawl killed at any point leaves a consistent store.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from claimgraph.exceptions import CrawlError

SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    url TEXT PRIMARY KEY,
    article_id TEXT,
    outcome TEXT NOT NULL,
    seen_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    canonical_url TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    copy_of TEXT,
    signature BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_content_hash ON articles (content_hash);
CREATE TABLE IF NOT EXISTS frontier (
    url TEXT PRIMARY KEY,
    source_id TEXT NOT NULL,
    hint_date TEXT,
    hint_kind TEXT,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS validators (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT
);
CREATE TABLE IF NOT EXISTS source_crawls (
    source_id TEXT PRIMARY KEY,
    crawled_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    output TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT
);
"""
DATABASE_NAME = "state.sqlite3"
LOCK_NAME = "crawl.lock"


def _now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass(frozen=True)
class FrontierEntry:
    """An article link found in a feed or sitemap and not yet done."""

    url: str
    source_id: str
    hint_date: str | None
    hint_kind: str | None
    attempts: int


@dataclass(frozen=True)
class KnownArticle:
    """An article already written by some crawl."""

    id: str
    canonical_url: str
    content_hash: str
    copy_of: str | None
    signature: bytes


@dataclass(frozen=True)
class Validators:
    """What a server said about a feed or sitemap, for the next conditional GET."""

    etag: str | None
    last_modified: str | None


@contextmanager
def crawl_lock(state_dir: Path, wait_seconds: float = 10.0) -> Iterator[None]:
    """Hold the state directory's lock (one crawl at a time); a `CrawlError` when another crawl keeps it."""
    state_dir.mkdir(parents=True, exist_ok=True)
    handle = open(state_dir / LOCK_NAME, "a+")  # noqa: SIM115 - held for the whole crawl
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise CrawlError(f"another crawl is using {state_dir}; wait for it to finish or stop it") from None
                time.sleep(0.1)
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()


class CrawlState:
    """The sqlite store; one instance per crawl process."""

    def __init__(self, state_dir: Path) -> None:
        state_dir.mkdir(parents=True, exist_ok=True)
        self.path = state_dir / DATABASE_NAME
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(SCHEMA)
        except sqlite3.DatabaseError as error:
            raise CrawlError(
                f"the crawl state {self.path} is unreadable ({error}); move it away to start afresh"
            ) from error

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # --- seen URLs ----------------------------------------------------------------------------
    def is_seen(self, url: str) -> bool:
        return self._db.execute("SELECT 1 FROM seen WHERE url = ?", (url,)).fetchone() is not None

    def mark_seen(self, urls: list[str], outcome: str, article_id: str | None = None) -> None:
        """Remember URLs as done (an article or a permanent skip reason) and take them off the frontier."""
        with self._transaction() as db:
            self._mark_seen(db, urls, outcome, article_id)

    def _mark_seen(self, db: sqlite3.Connection, urls: list[str], outcome: str, article_id: str | None) -> None:
        now = _now()
        for url in dict.fromkeys(urls):
            db.execute(
                "INSERT OR REPLACE INTO seen (url, article_id, outcome, seen_at) VALUES (?, ?, ?, ?)",
                (url, article_id, outcome, now),
            )
            db.execute("DELETE FROM frontier WHERE url = ?", (url,))

    def claim(self, url: str) -> bool:
        """Take a frontier link for this crawl: always granted, one crawl at a time holds this store."""
        return True

    # --- articles -----------------------------------------------------------------------------
    def record_article(self, article: KnownArticle, urls: list[str]) -> None:
        """Remember a written article, its URLs and its signature, in one transaction."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO articles (id, canonical_url, content_hash, copy_of, signature)"
                " VALUES (?, ?, ?, ?, ?)",
                (article.id, article.canonical_url, article.content_hash, article.copy_of, article.signature),
            )
            self._mark_seen(db, [*urls, article.canonical_url], "article", article.id)

    def article(self, article_id: str) -> KnownArticle | None:
        row = self._db.execute(
            "SELECT id, canonical_url, content_hash, copy_of, signature FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return KnownArticle(*row) if row else None

    def original_with_hash(self, content_hash: str) -> str | None:
        """The id of the first article written with exactly this normalised text, if any."""
        row = self._db.execute(
            "SELECT id FROM articles WHERE content_hash = ? AND copy_of IS NULL ORDER BY rowid LIMIT 1",
            (content_hash,),
        ).fetchone()
        return row[0] if row else None

    def originals(self) -> Iterator[KnownArticle]:
        """Every written article that is not a copy (what near-duplicates are matched against)."""
        for row in self._db.execute(
            "SELECT id, canonical_url, content_hash, copy_of, signature FROM articles WHERE copy_of IS NULL"
        ):
            yield KnownArticle(*row)

    # --- frontier -----------------------------------------------------------------------------
    def add_to_frontier(self, url: str, source_id: str, hint_date: str | None, hint_kind: str | None) -> bool:
        """Put a link on the frontier; False when it is there already (the first date found is kept)."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO frontier (url, source_id, hint_date, hint_kind) VALUES (?, ?, ?, ?)",
            (url, source_id, hint_date, hint_kind),
        )
        return cursor.rowcount == 1

    def frontier(self, source_ids: list[str]) -> list[FrontierEntry]:
        """The pending links of these sources, oldest hint date first (undated last)."""
        marks = ",".join("?" * len(source_ids))
        rows = self._db.execute(
            "SELECT url, source_id, hint_date, hint_kind, attempts FROM frontier"
            f" WHERE source_id IN ({marks}) ORDER BY hint_date IS NULL, hint_date, rowid",
            source_ids,
        )
        return [FrontierEntry(*row) for row in rows]

    def count_attempt(self, url: str, max_attempts: int) -> None:
        """Count a failed attempt; a link that failed `max_attempts` times leaves the frontier."""
        with self._transaction() as db:
            db.execute("UPDATE frontier SET attempts = attempts + 1 WHERE url = ?", (url,))
            db.execute("DELETE FROM frontier WHERE url = ? AND attempts >= ?", (url, max_attempts))

    # --- validators ---------------------------------------------------------------------------
    def validators(self, url: str) -> Validators | None:
        row = self._db.execute("SELECT etag, last_modified FROM validators WHERE url = ?", (url,)).fetchone()
        return Validators(*row) if row else None

    def save_validators(self, found: dict[str, Validators]) -> None:
        with self._transaction() as db:
            for url, validators in found.items():
                db.execute(
                    "INSERT OR REPLACE INTO validators (url, etag, last_modified) VALUES (?, ?, ?)",
                    (url, validators.etag, validators.last_modified),
                )

    # --- sources and runs ---------------------------------------------------------------------
    def last_crawled(self, source_id: str) -> datetime | None:
        row = self._db.execute("SELECT crawled_at FROM source_crawls WHERE source_id = ?", (source_id,)).fetchone()
        return datetime.fromisoformat(row[0]) if row else None

    def mark_sources_crawled(self, source_ids: list[str]) -> None:
        with self._transaction() as db:
            now = _now()
            for source_id in source_ids:
                db.execute(
                    "INSERT OR REPLACE INTO source_crawls (source_id, crawled_at) VALUES (?, ?)", (source_id, now)
                )

    def begin_run(self, output: str) -> int:
        cursor = self._db.execute("INSERT INTO runs (output, started_at) VALUES (?, ?)", (output, _now()))
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int) -> None:
        self._db.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (_now(), run_id))

    def unfinished_runs(self) -> list[tuple[int, str]]:
        """Runs that were interrupted: (run id, output path)."""
        return list(self._db.execute("SELECT id, output FROM runs WHERE finished_at IS NULL ORDER BY id"))

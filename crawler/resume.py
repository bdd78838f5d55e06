"""Restart after a kill: make the seen-store and an interrupted crawl's output agree.

Articles are written to the output before they are remembered in the state, so a kill in
between leaves an article in the output that the state does not know; and a kill in the middle of
a write leaves a torn last line. Before a new crawl starts, each interrupted run's output loses
its torn tail and every article in it is remembered, so none is fetched or written twice.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from claimgraph.jsonl import BadLine, read_records
from claimgraph.records import Article
from crawler.dedup import NearDuplicateIndex, from_bytes, signature, to_bytes
from crawler.state import CrawlState, KnownArticle
from crawler.urls import clean_url

logger = logging.getLogger(__name__)


def cut_torn_tail(path: Path) -> bool:
    """Truncate a file after its last newline; True when something was cut."""
    with open(path, "rb+") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        if size == 0:
            return False
        position = size
        while position > 0:
            step = min(65536, position)
            handle.seek(position - step)
            chunk = handle.read(step)
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                end = position - step + newline + 1
                break
            position -= step
        else:
            end = 0
        if end == size:
            return False
        handle.truncate(end)
        handle.flush()
        os.fsync(handle.fileno())
        return True


def recover_output(state: CrawlState, index: NearDuplicateIndex, output: Path) -> int:
    """Remember every article of an interrupted run's output; the number the state did not know."""
    if not output.exists():
        return 0
    if cut_torn_tail(output):
        logger.warning("cut a torn last line from %s (left by an interrupted crawl)", output)
    recovered = 0
    for record in read_records(output, Article):
        if isinstance(record, BadLine):
            logger.warning("%s %s: not an article, ignored", output, record)
            continue
        if state.article(record.id):
            continue
        minhash = signature(record.text, record.title)
        known = KnownArticle(record.id, record.canonical_url, record.content_hash, record.copy_of, to_bytes(minhash))
        state.record_article(known, [record.url, clean_url(record.url)])
        if record.copy_of is None:
            index.add(record.id, from_bytes(known.signature))
        recovered += 1
    return recovered


def recover_interrupted_runs(state: CrawlState, index: NearDuplicateIndex) -> int:
    """Reconcile the state with the outputs of every interrupted run, then close those runs."""
    recovered = 0
    for run_id, output in state.unfinished_runs():
        if output != "-":
            recovered += recover_output(state, index, Path(output))
        state.finish_run(run_id)
    return recovered

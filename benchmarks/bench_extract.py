"""Speed of the crawler's article-parsing step beside trafilatura alone, on the same saved pages.

Ours: `crawler.article.parse_page` (one parse, our markup reading, trafilatura and htmldate on the tree)
plus what the pipelines do per page before de-duplication (language check, canonical URL, date
choice, content hash, the Article record). Baseline: `trafilatura.bare_extraction(html, url=...,
with_metadata=True)`. Both run in this process, interleaved round by round; the figure is the
ratio of their rates (target: at least 0.8x).

Run: .venv/bin/python benchmarks/bench_extract.py [--rounds N]
"""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from trafilatura import bare_extraction

from claimgraph.records import Article, Source, article_id, content_hash
from crawler.article import PageError, looks_english, parse_page
from crawler.dates import DateCandidates, choose_date
from crawler.urls import clean_url

REPO_ROOT = Path(__file__).resolve().parent.parent
PAGE_DIRS = (REPO_ROOT / "demo" / "site", REPO_ROOT / "tests" / "crawler" / "fixtures" / "site")
BASE = "http://127.0.0.1:8765"
SOURCE = Source(id="bench", name="Bench", domain="127.0.0.1:8765")


def saved_pages() -> list[tuple[str, bytes]]:
    pages = []
    for root in PAGE_DIRS:
        for path in sorted(root.rglob("*.html")):
            url = f"{BASE}/{path.relative_to(root).as_posix()}"
            pages.append((url, path.read_bytes().replace(b"{{BASE}}", BASE.encode())))
    return pages


def ours(url: str, body: bytes) -> Article | None:
    try:
        page = parse_page(body, url)
    except PageError:
        return None
    looks_english(page.text)
    canonical = clean_url(url)
    candidates = DateCandidates(
        page=page.page_date,
        meta=page.meta_date,
        json_ld=page.json_ld_date,
        htmldate=page.htmldate_day,
        text=page.text_day,
    )
    published_at, date_source = choose_date(candidates)
    return Article(
        id=article_id(canonical),
        url=url,
        canonical_url=canonical,
        source=SOURCE,
        title=page.title,
        text=page.text,
        published_at=published_at,
        date_source=date_source,
        fetched_at=datetime.now(UTC),
        language=page.language,
        authors=page.authors,
        content_hash=content_hash(page.text),
    )


def trafilatura_alone(url: str, body: bytes) -> object:
    return bare_extraction(body, url=url, with_metadata=True)


def timed(function: Callable[[str, bytes], object], pages: list[tuple[str, bytes]]) -> float:
    began = time.perf_counter()
    for url, body in pages:
        function(url, body)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds over all pages for each side (default 5)")
    arguments = parser.parse_args()
    logging.disable(logging.WARNING)
    pages = saved_pages()
    timed(ours, pages)
    timed(trafilatura_alone, pages)
    ours_seconds = baseline_seconds = 0.0
    for _ in range(arguments.rounds):
        ours_seconds += timed(ours, pages)
        baseline_seconds += timed(trafilatura_alone, pages)
    count = len(pages) * arguments.rounds
    ours_rate, baseline_rate = count / ours_seconds, count / baseline_seconds
    print(f"saved pages: {len(pages)} x {arguments.rounds} rounds")
    print(f"trafilatura alone (bare_extraction, with_metadata): {baseline_rate:8.1f} articles/s")
    print(f"ClaimGraph article parser (trafilatura + ours):     {ours_rate:8.1f} articles/s")
    print(f"ratio: {ours_rate / baseline_rate:.2f}x (target >= 0.8x)")


if __name__ == "__main__":
    main()

"""The crawler's page parser on real pages with known answers, beside trafilatura and htmldate alone.

Reads `../shared/realpages/` (see its README; never copied into the repository):

- main text, on `article-bodies/`: the benchmark's own metric (word 4-grams shared with the
  hand-marked body; precision and recall averaged over pages, F1 from the two averages) for
  `crawler.article.parse_page` and for `trafilatura.bare_extraction(html, url=..., with_metadata=True)`;
- publication dates, on `dates/`: the share of pages whose chosen date is the known day (accuracy)
  and the share right among the pages given a date (precision), for the crawler's chain
  (`parse_page` + `choose_date`, no feed) and for htmldate alone in fast and extensive mode;
- speed, on all of those pages: `parse_page` + `choose_date` beside
  `bare_extraction(..., with_metadata=True)` (which runs htmldate too), interleaved round by round in
  this process; the figure is the ratio of their rates (target: at least 0.8x).

Run: .venv/bin/python benchmarks/bench_parse.py [--rounds N] [--realpages DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from htmldate import find_date
from trafilatura import bare_extraction

from crawler.article import PageError, parse_page
from crawler.dates import DateCandidates, choose_date

REPO_ROOT = Path(__file__).resolve().parent.parent
REALPAGES = REPO_ROOT.parent / "shared" / "realpages"
TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Page:
    url: str
    body: bytes
    answer: str


def body_pages(root: Path) -> list[Page]:
    """The pages with a hand-marked body; `answer` is the body."""
    truth = json.loads((root / "article-bodies" / "ground-truth.json").read_text(encoding="utf-8"))
    folder = root / "article-bodies" / "html"
    return [
        Page(entry["url"], gzip.decompress((folder / f"{key}.html.gz").read_bytes()), entry["articleBody"])
        for key, entry in sorted(truth.items())
    ]


def date_pages(root: Path) -> list[Page]:
    """The pages with a known publication day; `answer` is the day, YYYY-MM-DD."""
    gold = json.loads((root / "dates" / "gold-dates.json").read_text(encoding="utf-8"))
    folder = root / "dates" / "html"
    return [Page(url, (folder / entry["file"]).read_bytes(), entry["date"]) for url, entry in sorted(gold.items())]


def four_grams(text: str) -> Counter[str]:
    tokens = TOKEN.findall(text or "")
    return Counter(" ".join(tokens[index : index + 4]) for index in range(max(1, len(tokens) - 3)) if tokens)


def four_gram_match(expected: str, found: str) -> tuple[float, float]:
    """(precision, recall) of one page by the benchmark's metric."""
    truth, predicted = four_grams(expected), four_grams(found)
    shared = sum((truth & predicted).values())
    extra = sum((predicted - truth).values())
    missed = sum((truth - predicted).values())
    precision = shared / (shared + extra) if shared + extra else 0.0
    recall = shared / (shared + missed) if shared + missed else 0.0
    return precision, recall


def body_scores(pages: list[Page], extract: Callable[[Page], str]) -> tuple[float, float, float]:
    """(precision, recall, F1): precision and recall averaged over pages, F1 from the averages."""
    pairs = [four_gram_match(page.answer, extract(page)) for page in pages]
    precision = sum(pair[0] for pair in pairs) / len(pairs)
    recall = sum(pair[1] for pair in pairs) / len(pairs)
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def our_text(page: Page) -> str:
    try:
        return parse_page(page.body, page.url).text
    except PageError:
        return ""


def trafilatura_text(page: Page) -> str:
    document = bare_extraction(page.body, url=page.url, with_metadata=True)
    return (document.text or "") if document else ""


def our_day(page: Page) -> str | None:
    try:
        parsed = parse_page(page.body, page.url)
    except PageError:
        return None
    chosen, _ = choose_date(
        DateCandidates(
            page=parsed.page_date,
            meta=parsed.meta_date,
            json_ld=parsed.json_ld_date,
            htmldate=parsed.htmldate_day,
            text=parsed.text_day,
        )
    )
    return chosen.date().isoformat() if chosen else None


def htmldate_day(extensive: bool, original: bool = True) -> Callable[[Page], str | None]:
    def day(page: Page) -> str | None:
        return find_date(page.body, url=page.url, extensive_search=extensive, original_date=original)

    return day


def date_scores(pages: list[Page], choose: Callable[[Page], str | None], verbose: bool = False) -> tuple[float, float]:
    """(accuracy, precision): right days over all pages, and over the pages given a day."""
    right = given = 0
    for page in pages:
        day = choose(page)
        given += day is not None
        right += day == page.answer
        if verbose and day != page.answer:
            print(f"    {page.url}: {day} (known: {page.answer})")
    return right / len(pages), right / given if given else 0.0


def ours_whole(page: Page) -> object:
    """What the crawler does per page here: the parser and the date choice."""
    return our_day(page)


def trafilatura_whole(page: Page) -> object:
    return bare_extraction(page.body, url=page.url, with_metadata=True)


def timed(function: Callable[[Page], object], pages: list[Page]) -> float:
    began = time.perf_counter()
    for page in pages:
        function(page)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds over all pages for each side (default 3)")
    parser.add_argument("--realpages", type=Path, default=REALPAGES, help=f"the pages' folder (default {REALPAGES})")
    parser.add_argument("--verbose", action="store_true", help="list the pages whose date is wrong or missing")
    arguments = parser.parse_args()
    if not (arguments.realpages / "README.md").exists():
        print(f"skipped: {arguments.realpages} is not there (this benchmark reads the shared real pages)")
        return
    logging.disable(logging.WARNING)
    bodies, dated = body_pages(arguments.realpages), date_pages(arguments.realpages)

    print(f"main text: {len(bodies)} pages with hand-marked bodies (4-gram precision / recall / F1)")
    for name, extract in (("trafilatura alone", trafilatura_text), ("ClaimGraph parse_page", our_text)):
        precision, recall, f1 = body_scores(bodies, extract)
        print(f"  {name:36s} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")

    print(f"dates: {len(dated)} pages with known days (accuracy / precision)")
    for name, choose in (
        ("htmldate fast (its defaults)", htmldate_day(False, original=False)),
        ("htmldate extensive (its defaults)", htmldate_day(True, original=False)),
        ("htmldate fast (original_date)", htmldate_day(False)),
        ("htmldate extensive (original_date)", htmldate_day(True)),
        ("ClaimGraph date chain", our_day),
    ):
        accuracy, precision = date_scores(dated, choose, arguments.verbose and choose is our_day)
        print(f"  {name:36s} accuracy {accuracy:.3f}  precision {precision:.3f}")

    pages = bodies + dated
    timed(ours_whole, pages)
    timed(trafilatura_whole, pages)
    ours_seconds = baseline_seconds = 0.0
    for _ in range(arguments.rounds):
        ours_seconds += timed(ours_whole, pages)
        baseline_seconds += timed(trafilatura_whole, pages)
    count = len(pages) * arguments.rounds
    ours_rate, baseline_rate = count / ours_seconds, count / baseline_seconds
    print(f"speed: {len(pages)} pages x {arguments.rounds} rounds")
    print(f"  trafilatura alone (bare_extraction, with_metadata): {baseline_rate:7.1f} pages/s")
    print(f"  ClaimGraph parse_page + date chain:                 {ours_rate:7.1f} pages/s")
    print(f"  ratio: {ours_rate / baseline_rate:.2f}x (target >= 0.8x)")


if __name__ == "__main__":
    main()

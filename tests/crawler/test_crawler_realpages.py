"""The page parser on real pages with known answers (../shared/realpages, read at run time, never copied).

Main text must score at least 0.95 F1 by the article-extraction benchmark's metric and at least what
trafilatura alone scores on the same pages; the date chain must be right at least as often as
htmldate's extensive mode, with precision of at least 0.93 (a wrong date makes a false spike).
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from htmldate import find_date
from trafilatura import bare_extraction

from crawler.article import PageError, parse_page
from crawler.dates import DateCandidates, choose_date

REALPAGES = Path(__file__).resolve().parents[3] / "shared" / "realpages"
TOKEN = re.compile(r"\w+")
pytestmark = pytest.mark.skipif(
    not (REALPAGES / "README.md").exists(), reason=f"the shared real pages are not there ({REALPAGES})"
)


def four_grams(text: str) -> Counter[str]:
    tokens = TOKEN.findall(text)
    return Counter(" ".join(tokens[index : index + 4]) for index in range(max(1, len(tokens) - 3)) if tokens)


def f1(pairs: list[tuple[str, str]]) -> float:
    """The benchmark's metric over (expected, found) texts: P and R averaged over pages, F1 from them."""
    precisions, recalls = [], []
    for expected, found in pairs:
        truth, predicted = four_grams(expected), four_grams(found)
        shared = sum((truth & predicted).values())
        precisions.append(shared / max(1, sum(predicted.values())))
        recalls.append(shared / max(1, sum(truth.values())))
    precision, recall = sum(precisions) / len(pairs), sum(recalls) / len(pairs)
    return 2 * precision * recall / (precision + recall)


def our_text(body: bytes, url: str) -> str:
    try:
        return parse_page(body, url).text
    except PageError:
        return ""


def trafilatura_text(body: bytes, url: str) -> str:
    document = bare_extraction(body, url=url, with_metadata=True)
    return (document.text or "") if document else ""


def test_main_text_scores_at_least_095_and_at_least_trafilatura_alone() -> None:
    truth = json.loads((REALPAGES / "article-bodies" / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [
        (entry, gzip.decompress((REALPAGES / "article-bodies" / "html" / f"{key}.html.gz").read_bytes()))
        for key, entry in truth.items()
    ]
    ours = f1([(entry["articleBody"], our_text(body, entry["url"])) for entry, body in pages])
    theirs = f1([(entry["articleBody"], trafilatura_text(body, entry["url"])) for entry, body in pages])
    assert ours >= 0.95, f"main text F1 {ours:.3f}"
    assert ours >= theirs, f"main text F1 {ours:.3f} below trafilatura alone {theirs:.3f}"


def our_day(body: bytes, url: str) -> str | None:
    try:
        page = parse_page(body, url)
    except PageError:
        return None
    chosen, _ = choose_date(
        DateCandidates(
            page=page.page_date,
            meta=page.meta_date,
            json_ld=page.json_ld_date,
            htmldate=page.htmldate_day,
            text=page.text_day,
        )
    )
    return chosen.date().isoformat() if chosen else None


def test_dates_are_right_as_often_as_htmldate_extensive_and_rarely_wrong() -> None:
    gold = json.loads((REALPAGES / "dates" / "gold-dates.json").read_text(encoding="utf-8"))
    pages = [
        (url, entry["date"], (REALPAGES / "dates" / "html" / entry["file"]).read_bytes()) for url, entry in gold.items()
    ]
    ours = [(our_day(body, url), known) for url, known, body in pages]
    htmldate = [
        (find_date(body, url=url, extensive_search=True, original_date=True), known) for url, known, body in pages
    ]
    right = sum(day == known for day, known in ours)
    given = sum(day is not None for day, _ in ours)
    assert right >= sum(day == known for day, known in htmldate)
    assert right / given >= 0.93, f"date precision {right}/{given}"

"""Words per second of the full extraction beside the bare spaCy model, on the same texts, in one run.

usage: .venv/bin/python benchmarks/bench_nlp.py [--sentences N] [--trials K]

Texts: the shared development set, the demo gold set and the full-length news evaluation set (when
present), repeated until about N sentences (default 3000). The bare model and the full extraction
take turns, K trials each (default 3), so that load on a shared machine falls on both alike; the
ratio printed is the median of the K per-trial ratios (target: at least 0.6).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from pathlib import Path

from claimgraph.settings import Settings
from nlp.extract import Extractor
from nlp.inputs import ArticleLine
from nlp.pipeline import load_base_model

REPO_ROOT = Path(__file__).resolve().parents[1]
SOURCES = (
    REPO_ROOT.parent / "shared" / "eval" / "dev_claims.jsonl",
    REPO_ROOT / "demo" / "gold" / "demo_claims.jsonl",
    REPO_ROOT / "eval" / "news_claims.jsonl",
)


def load_lines() -> list[dict]:
    lines = []
    for path in SOURCES:
        if path.exists():
            lines += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines:
        raise SystemExit(f"no texts found in {', '.join(str(path) for path in SOURCES)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3000, help="about how many sentences to process")
    parser.add_argument("--trials", type=int, default=3, help="alternating trials of each side")
    args = parser.parse_args()
    lines = load_lines()
    sentences_per_round = sum(len(re.findall(r"[.!?](\s|$)", line["text"])) for line in lines)
    rounds = max(1, args.sentences // max(1, sentences_per_round) // args.trials)
    articles = [
        ArticleLine.model_validate({**line, "url": f"{line['url']}#{round_}"})
        for round_ in range(rounds)
        for line in lines
    ]
    texts = [article.text for article in articles]
    words = sum(len(text.split()) for text in texts)

    base = load_base_model(Settings().spacy_model)
    extractor = Extractor(Settings())
    list(base.pipe(texts[:20]))
    list(extractor.extract_many(articles[:20]))

    bare_rates, full_rates, claims = [], [], 0
    for _ in range(args.trials):
        began = time.perf_counter()
        for _ in base.pipe(texts, batch_size=32):
            pass
        bare_rates.append(words / (time.perf_counter() - began))
        began = time.perf_counter()
        claims = sum(len(extraction.claims) for extraction in extractor.extract_many(articles))
        full_rates.append(words / (time.perf_counter() - began))
    ratios = [full / bare for full, bare in zip(full_rates, bare_rates, strict=True)]

    print(f"texts {len(texts)} ({rounds} rounds of {len(lines)} articles), {words} words, {claims} claims")
    print(f"trials {args.trials}, alternating; per-trial ratios " + " ".join(f"{ratio:.2f}" for ratio in ratios))
    print(f"bare en_core_web_sm nlp.pipe: {statistics.median(bare_rates):8.0f} words/s (median)")
    print(f"full extraction:              {statistics.median(full_rates):8.0f} words/s (median)")
    print(f"ratio full / bare:            {statistics.median(ratios):8.2f}  (median; target >= 0.60)")


if __name__ == "__main__":
    main()

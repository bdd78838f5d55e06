"""Claim-extraction scores on every annotated set, with the shared scorer, in one run.

usage: .venv/bin/python benchmarks/score_nlp_sets.py [--verbose SET] [--only SET ...]

Sets: `dev` (the shared development set), `demo` (demo/gold), `extra-dev` (the lines of
eval/extra_claims.jsonl whose 1-based number is not a multiple of 3), `extra-held-out` (the
lines whose number is a multiple of 3), `news-dev` and `news-held-out`, the same split of
eval/news_claims.jsonl (full-length news articles), and `outlet-dev` and `outlet-held-out`, the
same split of eval/outlet_claims.jsonl (varied outlet phrasing, 150-900 words), and `wire-dev` and
`wire-held-out`, the same split of eval/wire_claims.jsonl (pastiches of real outlets' house styles,
150-1000 words). The held-out parts are only ever scored in aggregate: their per-article
differences are never printed, so rules cannot be tuned against them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from claimgraph.settings import Settings
from nlp.extract import Extractor
from nlp.inputs import ArticleLine

REPO_ROOT = Path(__file__).resolve().parents[1]
SCORER = REPO_ROOT.parent / "shared" / "eval" / "score_claims.py"
DEV = REPO_ROOT.parent / "shared" / "eval" / "dev_claims.jsonl"
DEMO = REPO_ROOT / "demo" / "gold" / "demo_claims.jsonl"
EXTRA = REPO_ROOT / "eval" / "extra_claims.jsonl"
NEWS = REPO_ROOT / "eval" / "news_claims.jsonl"
OUTLET = REPO_ROOT / "eval" / "outlet_claims.jsonl"
WIRE = REPO_ROOT / "eval" / "wire_claims.jsonl"
HELD_OUT = ("extra-held-out", "news-held-out", "outlet-held-out", "wire-held-out")


def split(path: Path) -> tuple[list[str], list[str]]:
    """The lines of `path` whose 1-based number is not a multiple of 3, then those whose number is."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return (
        [line for number, line in enumerate(lines, 1) if number % 3],
        [line for number, line in enumerate(lines, 1) if not number % 3],
    )


def gold_sets() -> dict[str, list[str]]:
    """Each set's gold lines, by name."""
    extra_dev, extra_held_out = split(EXTRA)
    news_dev, news_held_out = split(NEWS)
    outlet_dev, outlet_held_out = split(OUTLET)
    wire_dev, wire_held_out = split(WIRE)
    return {
        "dev": [line for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()],
        "demo": [line for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()],
        "extra-dev": extra_dev,
        "extra-held-out": extra_held_out,
        "news-dev": news_dev,
        "news-held-out": news_held_out,
        "outlet-dev": outlet_dev,
        "outlet-held-out": outlet_held_out,
        "wire-dev": wire_dev,
        "wire-held-out": wire_held_out,
    }


def score(extractor: Extractor, lines: list[str], folder: Path, name: str, verbose: bool) -> str:
    """The scorer's report on `lines` (its summary only unless `verbose`)."""
    gold_path = folder / f"{name}_gold.jsonl"
    output_path = folder / f"{name}_out.jsonl"
    gold_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles = [ArticleLine.model_validate(json.loads(line)) for line in lines]
    with output_path.open("w", encoding="utf-8") as output:
        for extraction in extractor.extract_many(articles):
            output.write(extraction.model_dump_json() + "\n")
    command = [sys.executable, str(SCORER), str(gold_path), str(output_path)] + (["--verbose"] if verbose else [])
    report = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if verbose:
        return report
    return "\n".join(line for line in report.splitlines() if not line.startswith(("--", "   ")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="append", default=[], help="print per-article differences of this set")
    parser.add_argument("--only", action="extend", nargs="+", default=[], help="score only these sets")
    parser.add_argument("--keep", type=Path, help="keep the gold and output files of the sets in this folder")
    args = parser.parse_args()
    refused = [name for name in args.verbose if name in HELD_OUT]
    if refused:
        raise SystemExit(f"{', '.join(refused)} is scored in aggregate only")
    sets = gold_sets()
    unknown = [name for name in args.only + args.verbose if name not in sets]
    if unknown:
        raise SystemExit(f"unknown set(s) {', '.join(unknown)}; sets: {', '.join(sets)}")
    extractor = Extractor(Settings())
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        for name, lines in sets.items():
            if args.only and name not in args.only:
                continue
            print(f"== {name} ({len(lines)} articles)")
            where = Path(temporary) if name in HELD_OUT else folder
            print(score(extractor, lines, where, name, verbose=name in args.verbose))


if __name__ == "__main__":
    main()

"""Claim-extraction scores on every annotated set, with the shared scorer, rules-only beside the model.

usage: .venv/bin/python benchmarks/score_nlp_sets.py [--only SET ...] [--pipelines rules model]
                                                     [--verbose SET] [--keep DIR] [--reliability]

Sets: `dev` (the shared development set), `demo` (demo/gold), the development and held-out parts of the
earlier sets (`extra-dev`, `extra-held-out`, `news-...`, `outlet-...`, `wire-...`: by line number, every
third line held out and one in three a development line no model is trained on) and of the claim corpus
(`corpus-dev`, `corpus-held-out`: whole stories, split by a hash of their id; see
nlp/training/corpus.py), `earlier-dev` and `held-out` (the four earlier sets' development and held-out
parts together). Each set is
scored with the rules-only pipeline (nlp/pipeline_rules.cfg) and the full pipeline with the trained claim
model (nlp/pipeline.cfg), one line each, so every figure is printed before -> after in the same run.
Held-out parts are only ever scored in aggregate: `--verbose` refuses them, and `--reliability` (the
claims' confidence against how often they are right) prints only bins of many claims.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from claimgraph.settings import Settings
from nlp.extract import Extractor
from nlp.inputs import ArticleLine
from nlp.name_match import same_name
from nlp.pipeline import DEFAULT_CONFIG
from nlp.training.corpus import DEMO_GOLD, EARLIER_SETS, SHARED_DEV, corpus_lines, earlier_set_lines, read_lines
from nlp.training.reader import RULES_CONFIG

SCORER = SHARED_DEV.parent / "score_claims.py"
PIPELINES = {"rules": RULES_CONFIG, "model": DEFAULT_CONFIG}
CONFIDENCE_BINS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def gold_sets() -> dict[str, list[str]]:
    """Each set's gold lines, by name."""
    sets = {"dev": read_lines(SHARED_DEV), "demo": read_lines(DEMO_GOLD)}
    for name in EARLIER_SETS:
        sets[f"{name}-dev"] = earlier_set_lines(name, "dev")
        sets[f"{name}-held-out"] = earlier_set_lines(name, "held_out")
    sets["earlier-dev"] = [line for name in EARLIER_SETS for line in sets[f"{name}-dev"]]
    sets["held-out"] = [line for name in EARLIER_SETS for line in sets[f"{name}-held-out"]]
    sets["corpus-dev"] = corpus_lines("dev")
    sets["corpus-held-out"] = corpus_lines("held_out")
    return sets


def is_held_out(name: str) -> bool:
    return name.endswith("held-out")


def extract(extractor: Extractor, lines: list[str], output: Path) -> list[dict]:
    """The extractions of `lines`, written to `output` for the scorer, and returned."""
    articles = [ArticleLine.model_validate(json.loads(line)) for line in lines]
    extractions = [json.loads(extraction.model_dump_json()) for extraction in extractor.extract_many(articles)]
    output.write_text("".join(json.dumps(extraction) + "\n" for extraction in extractions), encoding="utf-8")
    return extractions


def summary(report: str) -> str:
    """One line from the scorer's report: strict P/R/F1, pair F1, false claims, entity recall."""
    strict = re.search(r"strict .*P ([\d.]+)\s+R ([\d.]+)\s+F1 ([\d.]+)", report)
    pair = re.search(r"pairs .*F1 ([\d.]+)", report)
    false = re.search(r"false claims on (\d+) no-claim articles: (\d+)", report)
    recall = re.search(r"entity recall .*?([\d.]+)\s+\(", report)
    if not (strict and pair and false and recall):
        return report
    return (
        f"strict P {strict[1]} R {strict[2]} F1 {strict[3]} | pair F1 {pair[1]} | "
        f"false claims {false[2]} on {false[1]} | entity recall {recall[1]}"
    )


def reliability(lines: list[str], extractions: list[dict]) -> list[tuple[str, int, float]]:
    """Per confidence bin: how many predicted claims, and the share that is a gold triple of its article."""
    gold = {json.loads(line)["url"]: json.loads(line)["gold"]["claims"] for line in lines}
    bins: dict[str, list[bool]] = {f"{low:.1f}-{min(high, 1.0):.1f}": [] for low, high in CONFIDENCE_BINS}
    for extraction in extractions:
        for claim in extraction["claims"]:
            right = any(
                same_name(claim["accuser"]["name"], item["accuser"])
                and same_name(claim["accused"]["name"], item["accused"])
                and claim["category"] == item["category"]
                for item in gold.get(extraction["url"], [])
            )
            for low, high in CONFIDENCE_BINS:
                if low <= claim["confidence"] < high:
                    bins[f"{low:.1f}-{min(high, 1.0):.1f}"].append(right)
    return [(name, len(hits), sum(hits) / len(hits) if hits else 0.0) for name, hits in bins.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="append", default=[], help="print per-article differences of this set")
    parser.add_argument("--only", action="extend", nargs="+", default=[], help="score only these sets")
    parser.add_argument("--pipelines", nargs="+", default=list(PIPELINES), choices=list(PIPELINES))
    parser.add_argument("--keep", type=Path, help="keep the gold and output files of non-held-out sets here")
    parser.add_argument("--reliability", action="store_true", help="confidence bins against precision")
    parser.add_argument("--weights", type=Path, help="the model pipeline with these claim-model weights instead")
    args = parser.parse_args()
    refused = [name for name in args.verbose if is_held_out(name)]
    if refused:
        raise SystemExit(f"{', '.join(refused)} is scored in aggregate only")
    sets = gold_sets()
    unknown = [name for name in args.only + args.verbose if name not in sets]
    if unknown:
        raise SystemExit(f"unknown set(s) {', '.join(unknown)}; sets: {', '.join(sets)}")
    chosen = [name for name in sets if not args.only or name in args.only]
    with tempfile.TemporaryDirectory() as temporary:
        configs = dict(PIPELINES)
        if args.weights:
            configs["model"] = Path(temporary) / "pipeline.cfg"
            text = DEFAULT_CONFIG.read_text(encoding="utf-8")
            configs["model"].write_text(text.replace('weights = ""', f'weights = "{args.weights}"'), encoding="utf-8")
        extractors = {name: Extractor(Settings(), config_path=configs[name]) for name in args.pipelines}
        for name in chosen:
            lines = sets[name]
            print(f"== {name} ({len(lines)} articles)")
            if not lines:
                continue
            folder = Path(temporary) if is_held_out(name) or not args.keep else args.keep
            folder.mkdir(parents=True, exist_ok=True)
            gold_path = folder / f"{name}_gold.jsonl"
            gold_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            for pipeline, extractor in extractors.items():
                output = folder / f"{name}_{pipeline}.jsonl"
                extractions = extract(extractor, lines, output)
                verbose = name in args.verbose
                command = [sys.executable, str(SCORER), str(gold_path), str(output)] + (
                    ["--verbose"] if verbose else []
                )
                report = subprocess.run(command, capture_output=True, text=True, check=True).stdout
                print(f"   {pipeline:6} {report if verbose else summary(report)}")
                if args.reliability:
                    for bin_name, count, share in reliability(lines, extractions):
                        if count >= 10 or not is_held_out(name):
                            print(f"          confidence {bin_name}: {count:4d} claims, {share:.2f} right")


if __name__ == "__main__":
    main()

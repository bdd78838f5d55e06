"""Train the claim model with `spacy train`, choose its threshold on the development stories, and
package the weights in `nlp/models/claim_model/` (what `make train` runs).

usage: .venv/bin/python -m nlp.training.train_claim_model [--out DIR] [--max-epochs N] [--train FILE --dev FILE]

Without `--train`/`--dev`, the config's readers take the training part (the corpus's training stories,
the earlier sets' development parts, the demo's gold) and the corpus's development stories; held-out
stories are never read. The run is deterministic for the same data (fixed seed, one process).
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from spacy.training import Example

import nlp.training.registrations  # noqa: F401  (factories, architectures and readers for spacy train)
from nlp.claim_constraints import apply_constraints
from nlp.components.claim_model import DEFAULT_WEIGHTS, GOLD_KEY, ClaimModel
from nlp.name_match import same_name
from nlp.syntax import Slots
from nlp.training.reader import annotated, example_of

CONFIG = Path(__file__).resolve().parent / "claim_model.cfg"
COMPONENT = "claimgraph_claim_model"
THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85)
# Below 0.5 the extractor drops a claim anyway (`min_claim_confidence`, default 0.5).

logger = logging.getLogger(__name__)


def isotonic(raw: list[float], right: list[bool]) -> tuple[list[float], list[float]]:
    """A non-decreasing step function from raw scores to the share of right claims (pool adjacent
    violators), as (each step's highest raw score, its smoothed share)."""
    blocks: list[list[float]] = []  # [right claims, claims, highest raw score]
    for score, hit in sorted(zip(raw, right, strict=True)):
        blocks.append([float(hit), 1.0, score])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            hits, count, highest = blocks.pop()
            blocks[-1][0] += hits
            blocks[-1][1] += count
            blocks[-1][2] = highest
    return [block[2] for block in blocks], [round((block[0] + 0.5) / (block[1] + 1.0), 4) for block in blocks]


def dev_triples(component: ClaimModel, examples: list[Example]) -> list[tuple[float, str, bool]]:
    """Every triple the model scores on the development examples, with its source and whether it is right."""
    found = []
    for example, (candidates, logits) in zip(
        examples, component.predict([example.predicted for example in examples]), strict=True
    ):
        doc = example.predicted
        slots = Slots(doc, component.kb)
        gold = example.reference.user_data[GOLD_KEY]["claims"]
        for raw, source, claim in component.scored_triples(candidates, logits).values():
            kept = apply_constraints(doc, [claim], slots)
            if not kept:
                continue
            accuser, accused = slots.name_of(kept[0].accuser_id), slots.name_of(kept[0].accused_id)
            right = any(
                item["category"] == kept[0].category.value
                and same_name(accuser, item["accuser"])
                and same_name(accused, item["accused"])
                for item in gold
            )
            found.append((raw, source, right))
    return found


def calibrate_and_choose(component: ClaimModel, dev: tuple, thresholds: tuple[float, ...] = THRESHOLDS) -> dict:
    """Fit the calibration on the development examples, then choose the threshold with the best strict F1
    (ties go to the higher one); both are stored in the component's cfg. Returns the scores there."""
    examples = [example_of(doc.copy(), gold) for doc, gold in dev]
    triples = dev_triples(component, examples)
    component.cfg["calibration"] = {
        source: isotonic(
            [raw for raw, kind, _ in triples if kind == source], [ok for _, kind, ok in triples if kind == source]
        )
        for source in ("rule", "model")
        if any(kind == source for _, kind, _ in triples)
    }
    scored = component.predict([example.predicted for example in examples])
    best: tuple[float, dict] | None = None
    for threshold in thresholds:
        component.cfg["threshold"] = threshold
        component.set_annotations([example.predicted for example in examples], scored)
        scores = component.score(examples)
        if best is None or scores["claims_strict_f"] >= best[1]["claims_strict_f"]:
            best = (threshold, scores)
    assert best is not None
    component.cfg["threshold"] = best[0]
    return {"threshold": best[0], **best[1]}


def train(out: Path, overrides: dict[str, object]) -> Path:
    """Train into `out`, pick the threshold, and return the folder holding the component's weights."""
    spacy_train(CONFIG, out, overrides=overrides)
    best = out / "model-best"
    # Before calibration nothing may reach the raw threshold on a tiny development set; the best
    # checkpoint is then the untrained one, and the last is the one that learnt.
    if not json.loads((best / "meta.json").read_text(encoding="utf-8")).get("performance", {}).get("claims_strict_f"):
        best = out / "model-last"
    pipeline = spacy.load(best)
    component = pipeline.get_pipe(COMPONENT)
    dev = annotated("dev", str(overrides.get("paths.dev", "")), 0)
    scores = calibrate_and_choose(component, dev)
    logger.info("calibrated on %d development articles: %s", len(dev), scores)
    folder = out / "claim_model"
    folder.mkdir(parents=True, exist_ok=True)
    component.to_disk(folder, exclude=("vocab",))
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="where the packaged weights go (default: nlp/models/claim_model)")
    parser.add_argument("--max-epochs", type=int, help="override training.max_epochs")
    parser.add_argument("--train", default="", help="an annotated JSONL file to train on instead of the training part")
    parser.add_argument("--dev", default="", help="an annotated JSONL file to choose on instead of the dev stories")
    parser.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", help="override a config value (spacy train's --key)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    overrides: dict[str, object] = {"paths.train": args.train, "paths.dev": args.dev}
    if args.max_epochs:
        overrides["training.max_epochs"] = args.max_epochs
    for setting in args.set:
        key, _, value = setting.partition("=")
        overrides[key] = json.loads(value)
    target = args.out or DEFAULT_WEIGHTS
    with tempfile.TemporaryDirectory() as temporary:
        folder = train(Path(temporary), overrides)
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(folder, target)
    print(f"claim model weights written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

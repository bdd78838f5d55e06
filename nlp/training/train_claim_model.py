"""Train the claim model with `spacy train`, choose its thresholds on the development part, and
package the weights in `nlp/models/claim_model/` (what `make train` runs).

usage: .venv/bin/python -m nlp.training.train_claim_model [--out DIR] [--max-epochs N] [--train FILE --dev FILE]

Without `--train`/`--dev`, the config's readers take the training part (the corpus's training stories,
the earlier sets' training thirds, the demo's gold) and the development part (the corpus's development
stories and the earlier sets' development thirds); held-out stories are never read. The run is
deterministic for the same data (fixed seed, one process).
"""

from __future__ import annotations

import argparse
import itertools
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
from nlp.training.reader import annotated, annotating_pipeline, example_of

CONFIG = Path(__file__).resolve().parent / "claim_model.cfg"
COMPONENT = "claimgraph_claim_model"
# The thresholds tried per source of claim (calibrated confidence); a claim the rules also made may be kept
# below 0.5, one only the model finds never is. They are chosen on the development part, where the earlier
# sets' development thirds keep the choice from following the corpus's writers alone (they give an accusation
# a second kind, or a kind of their own, more often than eval/README.md's conventions). The extractor's
# `min_claim_confidence` (0.3) is the floor.
SOURCE_THRESHOLDS = {
    "rule": (0.3, 0.4, 0.5),
    "recast": (0.5, 0.6, 0.7),
    "extra": (0.5, 0.6, 0.7, 0.8),
    "model": (0.5, 0.6, 0.7),
}
# A calibration step holds at least this many development claims.
CALIBRATION_BLOCK = 25

logger = logging.getLogger(__name__)


def isotonic(raw: list[float], right: list[bool], block: int = CALIBRATION_BLOCK) -> tuple[list[float], list[float]]:
    """A non-decreasing step function from raw scores to the share of right claims: the scores in order, in
    blocks of at least `block` claims, then adjacent blocks pooled while a later one is less often right
    (pool adjacent violators); returned as each step's highest raw score and its smoothed share."""
    pairs = sorted(zip(raw, right, strict=True))
    blocks: list[list[float]] = []  # [right claims, claims, highest raw score]
    for start in range(0, len(pairs), block):
        chunk = pairs[start : start + block]
        if blocks and len(chunk) < block:
            blocks[-1] = [blocks[-1][0] + sum(hit for _, hit in chunk), blocks[-1][1] + len(chunk), chunk[-1][0]]
        else:
            blocks.append([float(sum(hit for _, hit in chunk)), float(len(chunk)), chunk[-1][0]])
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


def calibrate_and_choose(component: ClaimModel, dev: tuple) -> dict:
    """Fit the calibration on the development examples, then choose each source's threshold for the best
    strict F1 (ties go to the higher thresholds); both are stored in the component's cfg. Returns the
    scores there."""
    examples = [example_of(doc.copy(), gold) for doc, gold in dev]
    triples = dev_triples(component, examples)
    calibration = {}
    for source in SOURCE_THRESHOLDS:
        of_source = [(raw, ok) for raw, kind, ok in triples if kind == source]
        if of_source:
            calibration[source] = isotonic([raw for raw, _ in of_source], [ok for _, ok in of_source])
    component.cfg["calibration"] = calibration
    scored = component.predict([example.predicted for example in examples])
    best: tuple[dict[str, float], dict] | None = None
    for chosen in itertools.product(*SOURCE_THRESHOLDS.values()):
        component.cfg["thresholds"] = dict(zip(SOURCE_THRESHOLDS, chosen, strict=True))
        component.set_annotations([example.predicted for example in examples], scored)
        scores = component.score(examples)
        if best is None or scores["claims_strict_f"] >= best[1]["claims_strict_f"]:
            best = (dict(component.cfg["thresholds"]), scores)
    assert best is not None
    component.cfg["thresholds"] = best[0]
    return {"thresholds": best[0], **best[1]}


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
    parser.add_argument(
        "--recalibrate", action="store_true", help="only refit the calibration and thresholds of the packaged weights"
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
    if args.recalibrate:
        component = annotating_pipeline().create_pipe(COMPONENT + "_v1", config={"weights": str(target)})
        scores = calibrate_and_choose(component, annotated("dev", args.dev, 0))
        logger.info("calibrated: %s", scores)
        component.to_disk(target, exclude=("vocab",))
        print(f"claim model calibration written to {target}")
        return 0
    with tempfile.TemporaryDirectory() as temporary:
        folder = train(Path(temporary), overrides)
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(folder, target)
    print(f"claim model weights written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

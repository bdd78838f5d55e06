"""Train the claim-pair scorer (`claimgraph_claim_pairs_v1`) and measure it by cross-validation.

usage: .venv/bin/python -m nlp.training.train_claim_pairs [--out nlp/models/claim_pairs_v1.json] [--no-save]

Training data are the DEVELOPMENT parts of our annotated sets only: demo/gold/demo_claims.jsonl, and the
lines of eval/extra_claims.jsonl and eval/news_claims.jsonl whose 1-based number is not a multiple of 3
(held-out lines are skipped before they are parsed). The shared dev set stays unseen.

The pipeline runs once WITHOUT the pair scorer; every candidate pair the featurizer finds (pairs the rules
already produced excluded) is labelled positive when the article's gold claims hold that (accuser,
accused) pair under the shared scorer's name matching. An L2 logistic regression is fitted by Newton's
method in numpy (deterministic). Article-grouped 5-fold cross-validation compares the rules alone with
rules + pairs at several thresholds, with the shared scorer's measures; the threshold is picked on
cross-validation only, then the model is refitted on every training article and saved.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import numpy

from claimgraph.settings import Settings
from nlp.components.claim_pairs import DEFAULT_MODEL_PATH, PairFeaturizer, PairModel, added_claims
from nlp.doc_data import ClaimCandidate
from nlp.knowledge_base import KnowledgeBase, load_knowledge_base
from nlp.pipeline import build_pipeline

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
SCORER = REPO_ROOT.parent / "shared" / "eval" / "score_claims.py"
TRAINING_FILES = (
    (REPO_ROOT / "demo" / "gold" / "demo_claims.jsonl", False),
    (REPO_ROOT / "eval" / "extra_claims.jsonl", True),
    (REPO_ROOT / "eval" / "news_claims.jsonl", True),
)
PAIR_COMPONENT = "claimgraph_claim_pairs"
L2 = 1.0
MIN_FEATURE_COUNT = 2
FOLDS = 5
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
UNSURE = -1
# A cross-validated strict-F1 gain smaller than this (about one claim in 300) is noise, not a gain.
MIN_GAIN = 0.005


@dataclass
class TrainingArticle:
    """One parsed training article: what the rules said, the candidate pairs, and the gold."""

    url: str
    gold: list[dict]
    rule_claims: list[dict]
    rule_candidates: list[ClaimCandidate]
    features: list[list[str]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    pair_names: list[tuple[str, str]] = field(default_factory=list)
    added: list[list[ClaimCandidate]] = field(default_factory=list)
    candidates: list = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)


def load_scorer() -> ModuleType:
    """The shared scorer, imported so its name matching labels the candidates."""
    spec = importlib.util.spec_from_file_location("score_claims", SCORER)
    if spec is None or spec.loader is None or not SCORER.exists():
        raise SystemExit(f"the shared scorer is not at {SCORER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def development_lines() -> list[str]:
    """The training lines; a held-out line (number a multiple of 3) is dropped before it is parsed."""
    lines: list[str] = []
    for path, split in TRAINING_FILES:
        numbered = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        lines += [line for number, line in enumerate(numbered, 1) if not split or number % 3]
    return lines


def _name(entity_id: str, doc_entities: dict, kb: KnowledgeBase) -> str:
    linked = doc_entities.get(entity_id)
    if linked is not None:
        return linked.name
    kb_entity = kb.get(entity_id)
    return kb_entity.name if kb_entity else entity_id


def parse_articles(lines: list[str], min_confidence: float) -> list[TrainingArticle]:
    """Runs the pipeline without the pair scorer and collects candidates with their gold labels."""
    settings = Settings()
    nlp = build_pipeline(settings.spacy_model)
    if PAIR_COMPONENT in nlp.pipe_names:
        nlp.remove_pipe(PAIR_COMPONENT)
    kb = load_knowledge_base()
    featurizer = PairFeaturizer(nlp, kb)
    scorer = load_scorer()
    records = [json.loads(line) for line in lines]
    articles: list[TrainingArticle] = []
    for record, doc in zip(records, nlp.pipe(record["text"] for record in records), strict=True):
        entities = doc._.cg_entities or {}
        rules: list[ClaimCandidate] = list(doc._.cg_claims or [])
        article = TrainingArticle(
            url=record["url"],
            gold=record["gold"]["claims"],
            rule_claims=[
                _claim_dict(_name(c.accuser_id, entities, kb), _name(c.accused_id, entities, kb), c.category.value)
                for c in rules
                if c.confidence >= min_confidence
            ],
            rule_candidates=rules,
        )
        rule_sentences = {(c.accuser_id, c.accused_id, c.sentence_start) for c in rules}
        for candidate in featurizer.candidates(doc, rules):
            names = (_name(candidate.accuser_id, entities, kb), _name(candidate.accused_id, entities, kb))
            golds = [
                gold
                for gold in article.gold
                if scorer.same(gold["accuser"], names[0]) and scorer.same(gold["accused"], names[1])
            ]
            here = candidate.sentence.text.strip()
            stated = (
                any(_overlaps(here, gold.get("evidence") or "") for gold in golds)
                or (candidate.accuser_id, candidate.accused_id, candidate.sentence.start) in rule_sentences
            )
            article.candidates.append(candidate)
            article.features.append(candidate.features)
            # A gold pair's other sentences may or may not state it: left out of training, kept for scoring.
            article.labels.append(1 if golds and stated else 0 if not golds else UNSURE)
            article.pair_names.append(names)
            article.names.update({candidate.accuser_id: names[0], candidate.accused_id: names[1]})
        articles.append(article)
    return articles


def _overlaps(sentence: str, evidence: str) -> bool:
    evidence = evidence.strip()
    return bool(evidence) and (evidence in sentence or sentence in evidence)


def training_rows(articles: Sequence[TrainingArticle]) -> tuple[list[list[str]], list[int]]:
    """Features and labels of the candidates with a sure label."""
    rows = [
        (row, label)
        for article in articles
        for row, label in zip(article.features, article.labels, strict=True)
        if label != UNSURE
    ]
    return [row for row, _ in rows], [label for _, label in rows]


def reachable(scorer: ModuleType, articles: list[TrainingArticle]) -> tuple[int, int]:
    """Gold pairs the rules miss, and how many of them some candidate names (the model's ceiling)."""
    missed = covered = 0
    for article in articles:
        for gold in scorer.dedup(article.gold, ("accuser", "accused")):

            def names(accuser: str, accused: str, gold: dict = gold) -> bool:
                return scorer.same(gold["accuser"], accuser) and scorer.same(gold["accused"], accused)

            if any(names(claim["accuser"]["name"], claim["accused"]["name"]) for claim in article.rule_claims):
                continue
            missed += 1
            covered += any(names(*pair) for pair in article.pair_names)
    return missed, covered


def _claim_dict(accuser: str, accused: str, category: str) -> dict:
    return {"accuser": {"name": accuser}, "accused": {"name": accused}, "category": category}


def fit_pair_model(
    features: Sequence[Sequence[str]],
    labels: Sequence[int],
    *,
    l2: float = L2,
    min_count: int = MIN_FEATURE_COUNT,
    threshold: float = 0.5,
) -> PairModel:
    """An L2-regularised logistic regression over binary features, fitted by Newton's method (deterministic:
    features sorted, no randomness). Features seen fewer than `min_count` times are left out."""
    counts = Counter(feature for row in features for feature in set(row))
    vocabulary = sorted(feature for feature, count in counts.items() if count >= min_count)
    index = {feature: position for position, feature in enumerate(vocabulary)}
    matrix = numpy.zeros((len(features), len(vocabulary) + 1))
    matrix[:, -1] = 1.0
    for row, names in enumerate(features):
        for name in names:
            if name in index:
                matrix[row, index[name]] = 1.0
    target = numpy.asarray(labels, dtype=float)
    penalty = numpy.full(len(vocabulary) + 1, l2)
    penalty[-1] = 1e-6
    weights = numpy.zeros(len(vocabulary) + 1)
    for _ in range(50):
        probabilities = 1.0 / (1.0 + numpy.exp(-numpy.clip(matrix @ weights, -40, 40)))
        gradient = matrix.T @ (probabilities - target) + penalty * weights
        hessian = (matrix * (probabilities * (1 - probabilities))[:, None]).T @ matrix + numpy.diag(penalty)
        step = numpy.linalg.solve(hessian, gradient)
        weights -= step
        if numpy.max(numpy.abs(step)) < 1e-8:
            break
    kept = {feature: float(weights[position]) for feature, position in index.items() if abs(weights[position]) > 1e-6}
    return PairModel(kept, float(weights[-1]), threshold)


@dataclass
class Counts:
    """The shared scorer's sums over articles."""

    strict: list[int] = field(default_factory=lambda: [0, 0, 0])
    pair: list[int] = field(default_factory=lambda: [0, 0, 0])
    false_claims: int = 0
    no_claim_articles: int = 0

    def add(self, scorer: ModuleType, gold: list[dict], predicted: list[dict]) -> None:
        gold_strict = scorer.dedup(gold, ("accuser", "accused", "category"))
        predicted_strict = scorer.dedup(predicted, ("accuser", "accused", "category"))
        hits = scorer.match(
            gold_strict,
            predicted_strict,
            lambda a, b: (
                scorer.same(a["accuser"], b["accuser"])
                and scorer.same(a["accused"], b["accused"])
                and a["category"] == b["category"]
            ),
        )
        self.strict = [self.strict[0] + hits, self.strict[1] + len(predicted_strict), self.strict[2] + len(gold_strict)]
        gold_pairs = scorer.dedup(gold, ("accuser", "accused"))
        predicted_pairs = scorer.dedup(predicted, ("accuser", "accused"))
        pair_hits = scorer.match(
            gold_pairs,
            predicted_pairs,
            lambda a, b: scorer.same(a["accuser"], b["accuser"]) and scorer.same(a["accused"], b["accused"]),
        )
        self.pair = [self.pair[0] + pair_hits, self.pair[1] + len(predicted_pairs), self.pair[2] + len(gold_pairs)]
        if not gold:
            self.no_claim_articles += 1
            self.false_claims += len(predicted_strict)

    @staticmethod
    def prf(counts: list[int]) -> tuple[float, float, float]:
        hits, predicted, gold = counts
        precision = hits / predicted if predicted else 0.0
        recall = hits / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def row(self, label: str) -> str:
        sp, sr, sf = self.prf(self.strict)
        pp, pr, pf = self.prf(self.pair)
        return (
            f"| {label} | {sp:.3f} | {sr:.3f} | {sf:.3f} | {pp:.3f} | {pr:.3f} | {pf:.3f} | "
            f"{self.false_claims} on {self.no_claim_articles} |"
        )


def evaluate(
    scorer: ModuleType, articles: list[TrainingArticle], probabilities: list[list[float]], threshold: float | None
) -> Counts:
    """Scores of the rules alone (`threshold` None) or of rules + the pairs at `threshold`."""
    counts = Counts()
    for article, article_probabilities in zip(articles, probabilities, strict=True):
        predicted = list(article.rule_claims)
        if threshold is not None and article.candidates:
            for claim in added_claims(article.candidates, article_probabilities, threshold, article.rule_candidates):
                predicted.append(
                    _claim_dict(article.names[claim.accuser_id], article.names[claim.accused_id], claim.category.value)
                )
        counts.add(scorer, article.gold, predicted)
    return counts


def fold_of(articles: list[TrainingArticle]) -> list[int]:
    """A fixed article-grouped assignment to folds (a seeded permutation)."""
    order = numpy.random.RandomState(0).permutation(len(articles))
    folds = [0] * len(articles)
    for position, article_index in enumerate(order):
        folds[article_index] = position % FOLDS
    return folds


def cross_validate(articles: list[TrainingArticle]) -> list[list[float]]:
    """Out-of-fold probabilities of every candidate."""
    folds = fold_of(articles)
    probabilities: list[list[float]] = [[] for _ in articles]
    for fold in range(FOLDS):
        training = [article for article, f in zip(articles, folds, strict=True) if f != fold]
        model = fit_pair_model(*training_rows(training))
        for position, article in enumerate(articles):
            if folds[position] == fold:
                probabilities[position] = [model.probability(row) for row in article.features]
    return probabilities


def strict_f1(counts: Counts) -> float:
    return Counts.prf(counts.strict)[2]


def choose_threshold(table: dict[float | None, Counts]) -> float | None:
    """The threshold with the best cross-validated strict F1 among those that add no false claim on no-claim
    articles and raise strict F1 over the rules alone by at least `MIN_GAIN`; None when none does."""
    baseline = table[None]
    allowed = [
        threshold
        for threshold, counts in table.items()
        if threshold is not None
        and counts.false_claims <= baseline.false_claims
        and strict_f1(counts) >= strict_f1(baseline) + MIN_GAIN
    ]
    if not allowed:
        return None
    return max(allowed, key=lambda threshold: (round(strict_f1(table[threshold]), 4), threshold))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_PATH, help="where to write the weights")
    parser.add_argument("--no-save", action="store_true", help="cross-validate only")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    settings = Settings()
    scorer = load_scorer()
    articles = parse_articles(development_lines(), settings.min_claim_confidence)
    rows, labels = training_rows(articles)
    unsure = sum(label == UNSURE for article in articles for label in article.labels)
    print(
        f"training articles {len(articles)} (no-claim {sum(1 for a in articles if not a.gold)}), "
        f"candidates {len(labels)} (+{unsure} left out: a gold pair in a sentence that is not its evidence), "
        f"positives {sum(labels)}"
    )
    missed, covered = reachable(scorer, articles)
    print(f"gold pairs the rules miss {missed}, named by some candidate {covered}")
    out_of_fold = cross_validate(articles)
    table: dict[float | None, Counts] = {None: evaluate(scorer, articles, out_of_fold, None)}
    for threshold in THRESHOLDS:
        table[threshold] = evaluate(scorer, articles, out_of_fold, threshold)
    print("| setting | strict P | strict R | strict F1 | pair P | pair R | pair F1 | false claims (no-claim) |")
    print("|---|---|---|---|---|---|---|---|")
    for threshold, counts in table.items():
        print(counts.row("rules alone" if threshold is None else f"rules + pairs >= {threshold}"))
    print("strict F1 to 4 places: " + ", ".join(f"{t}: {strict_f1(c):.4f}" for t, c in table.items()))
    chosen = choose_threshold(table)
    print(f"chosen threshold: {chosen}")
    if args.no_save:
        return
    model = fit_pair_model(rows, labels)
    meta = {
        "trained_on": "demo gold + extra and news lines whose number is not a multiple of 3",
        "articles": len(articles),
        "candidates": len(labels),
        "left_out_unsure": unsure,
        "positives": sum(labels),
        "l2": L2,
        "min_feature_count": MIN_FEATURE_COUNT,
        "cv_strict_f1": {
            ("rules alone" if threshold is None else str(threshold)): round(strict_f1(counts), 4)
            for threshold, counts in table.items()
        },
        "cross_validation_gain": chosen is not None,
    }
    # Without a gain the best cross-validated threshold is kept, for whoever measures the component again.
    best = max(THRESHOLDS, key=lambda threshold: (round(strict_f1(table[threshold]), 4), threshold))
    saved = PairModel(model.weights, model.bias, chosen if chosen is not None else best, meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(saved.to_json(), encoding="utf-8")
    print(f"wrote {len(saved.weights)} weights to {args.out}")


if __name__ == "__main__":
    main()

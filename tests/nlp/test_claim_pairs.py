"""The learned claim-pair scorer: registered and configurable, adds what the rules miss, refuses the
negatives the issue names, loads its weights or says clearly why not, and trains deterministically."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from claimgraph.exceptions import ClaimGraphError
from nlp.components.claim_pairs import DEFAULT_MODEL_PATH, ClaimPairs, load_pair_model
from nlp.extract import Extractor
from nlp.training.train_claim_pairs import fit_pair_model

COMPONENT = "claimgraph_claim_pairs"
FACTORY = "claimgraph_claim_pairs_v1"
# The rules read "filed" here as the verb of a relative clause on "complaint" and find no plaintiff.
MISSED_BY_RULES = (
    "The complaint, which Reddit filed against Anthropic in San Francisco, says the AI company scraped its "
    "forums more than 100,000 times."
)
NEGATIVES = (
    "If Reddit sued Anthropic over the scraping, the case could take years.",
    "Will OpenAI sue DeepSeek over distillation?",
    "Anthropic said it never accuses rivals such as OpenAI of copying its models.",
    "Anthropic and Google signed a partnership on Tuesday that gives the Claude developer access to a million "
    "TPU chips.",
)


@pytest.fixture(scope="module")
def with_pairs(extractor: Extractor) -> Iterator[Language]:
    """The session pipeline with the scorer after the rules, at a threshold of 0.5; removed afterwards."""
    nlp = extractor.nlp
    nlp.add_pipe(FACTORY, name=COMPONENT, after="claimgraph_claims", config={"threshold": 0.5})
    try:
        yield nlp
    finally:
        nlp.remove_pipe(COMPONENT)


def _pairs(nlp: Language, text: str, *, disable: tuple[str, ...] = ()) -> set[tuple[str, str]]:
    with nlp.select_pipes(disable=list(disable)):
        doc = nlp(text)
    return {(claim.accuser_id, claim.accused_id) for claim in doc._.cg_claims or []}


def test_factory_is_registered_and_configurable(with_pairs: Language) -> None:
    assert Language.has_factory(FACTORY)
    component = with_pairs.get_pipe(COMPONENT)
    assert isinstance(component, ClaimPairs)
    assert component.threshold == 0.5
    assert with_pairs.pipe_names.index(COMPONENT) == with_pairs.pipe_names.index("claimgraph_claims") + 1
    packaged = ClaimPairs(with_pairs, "packaged", threshold=None, model_path="", kb_dir="")
    assert packaged.threshold == load_pair_model(DEFAULT_MODEL_PATH).threshold


def test_adds_a_pair_the_rules_miss(with_pairs: Language) -> None:
    assert ("reddit", "anthropic") not in _pairs(with_pairs, MISSED_BY_RULES, disable=(COMPONENT,))
    doc = with_pairs(MISSED_BY_RULES)
    added = [claim for claim in doc._.cg_claims if (claim.accuser_id, claim.accused_id) == ("reddit", "anthropic")]
    assert len(added) == 1
    assert 0.5 <= added[0].confidence < 1.0
    assert added[0].status.value == "lawsuit_filed"
    assert doc[added[0].sentence_start : added[0].sentence_end].text.startswith("The complaint, which Reddit")


@pytest.mark.parametrize("text", NEGATIVES, ids=["hypothetical", "question", "general-denial", "partnership"])
def test_negatives_give_no_claim(with_pairs: Language, text: str) -> None:
    assert _pairs(with_pairs, text) == set()


def test_packaged_weights_load() -> None:
    model = load_pair_model(DEFAULT_MODEL_PATH)
    assert 0.5 <= model.threshold < 1.0
    assert len(model.weights) > 100
    assert model.probability(["rules_pair=False"]) < model.probability(["rules_pair=True"])


def test_missing_or_corrupt_weights_are_clear_errors(tmp_path: Path, with_pairs: Language) -> None:
    with pytest.raises(ClaimGraphError, match="cannot read the claim-pair weights"):
        load_pair_model(tmp_path / "absent.json")
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text("{not json", encoding="utf-8")
    with pytest.raises(ClaimGraphError, match="not valid JSON"):
        load_pair_model(corrupt)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"version": 99, "kind": "logistic", "bias": 0, "weights": {}}), encoding="utf-8")
    with pytest.raises(ClaimGraphError, match="not a version-1 logistic model"):
        load_pair_model(wrong)
    with pytest.raises(ClaimGraphError, match="claim-pair weights"):
        ClaimPairs(with_pairs, "broken", threshold=None, model_path=str(corrupt), kb_dir="")


def test_training_is_deterministic() -> None:
    rows = [["roles=subj|obj", "trigger=SUE"], ["roles=obj|subj", "trigger=SUE"]] * 4 + [
        ["roles=subj|obj", "trigger=SAY"],
        ["roles=obj|subj", "trigger=SAY"],
    ]
    labels = [1, 0] * 4 + [1, 0]
    first = fit_pair_model(rows, labels, threshold=0.7)
    second = fit_pair_model(rows, labels, threshold=0.7)
    assert first == second
    assert first.weights["roles=subj|obj"] > 0 > first.weights["roles=obj|subj"]
    assert first.probability(["roles=subj|obj", "trigger=SUE"]) > 0.7 > first.probability(["roles=obj|subj"])

"""The trained claim model: trained end to end with `spacy train` on a tiny corpus, labelled from the gold
as the scorer matches names, loaded into the real pipeline, and held to the constraints no model breaks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy
import pytest
from spacy.tokens import Doc, Span

from claimgraph.exceptions import ClaimGraphError
from claimgraph.records import Article, Category, ClaimStatus
from claimgraph.settings import Settings
from nlp.claim_constraints import apply_constraints, is_legal_settlement
from nlp.components.claim_model import IGNORE, entity_names, featurize, label
from nlp.doc_data import ClaimCandidate
from nlp.extract import Extractor
from nlp.knowledge_base import load_knowledge_base
from nlp.pipeline import DEFAULT_CONFIG
from nlp.syntax import Slots
from nlp.training.reader import RULES_CONFIG, annotated, annotating_pipeline, example_of
from nlp.training.train_claim_model import main as train_main

REPO_ROOT = Path(__file__).resolve().parents[2]
EXTRA = REPO_ROOT / "eval" / "extra_claims.jsonl"
ARTICLE = {
    "url": "https://model.test/a",
    "published_at": "2026-06-27",
    "title": "Anthropic accuses Alibaba",
    "text": (
        "Anthropic on Friday accused Alibaba of distilling its Claude models through the API. "
        "Alibaba did not respond to a request for comment. "
        "Separately, OpenAI launched a new model on Thursday."
    ),
    "gold": {
        "claims": [
            {
                "accuser": "Anthropic",
                "accused": "Alibaba",
                "category": "distillation",
                "object": "Claude",
                "status": "alleged",
                "claim_date": "2026-06-26",
                "evidence": "Anthropic on Friday accused Alibaba of distilling its Claude models through the API.",
            }
        ],
        "responses": [],
        "entities": ["Anthropic", "Alibaba", "Claude", "OpenAI"],
    },
}


def _lines(path: Path, start: int, stop: int) -> list[str]:
    """Development-part lines (1-based number not a multiple of 3) of an earlier set."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [line for number, line in enumerate(lines, 1) if number % 3][start:stop]


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny model trained with `spacy train` on a few development articles, packaged in a folder."""
    folder = tmp_path_factory.mktemp("claim-model")
    # The tiny model is chosen and calibrated on what it learns from: the test asks that training learns.
    train = dev = folder / "train.jsonl"
    train.write_text("\n".join([*_lines(EXTRA, 0, 10), json.dumps(ARTICLE)]) + "\n", encoding="utf-8")
    out = folder / "weights"
    arguments = ["--train", str(train), "--dev", str(dev), "--max-epochs", "30", "--set", "training.batcher.size=2"]
    assert train_main([*arguments, "--out", str(out)]) == 0
    return out


def test_training_packages_weights_and_a_chosen_threshold(trained: Path) -> None:
    assert (trained / "model").stat().st_size > 0
    cfg = json.loads((trained / "cfg").read_text(encoding="utf-8"))
    assert set(cfg["thresholds"]) == {"rule", "recast", "extra", "model"}
    assert all(0.3 <= value <= 0.8 for value in cfg["thresholds"].values())
    assert set(cfg["calibration"]) <= {"rule", "recast", "extra", "model"}


def test_trained_model_separates_gold_pairs_from_others(trained: Path, tmp_path: Path) -> None:
    """On what it was trained on, the model scores the gold pairs above the pairs the gold does not hold."""
    nlp = annotating_pipeline()
    component = nlp.create_pipe("claimgraph_claim_model_v1", config={"weights": str(trained)})
    source = tmp_path / "train.jsonl"
    source.write_text("\n".join(_lines(EXTRA, 0, 10)) + "\n", encoding="utf-8")
    positives, negatives = [], []
    for doc, gold in annotated("train", str(source), 0):
        doc = doc.copy()
        [(candidates, logits)] = component.predict([doc])
        slots = Slots(doc, component.kb)

        def names(entity: str, doc: Doc = doc, slots: Slots = slots) -> set[str]:
            return entity_names(doc, slots, entity)

        for candidate, row in zip(candidates, logits, strict=True):
            verdict = label(candidate, gold["claims"], names).pair
            if verdict != IGNORE:
                (positives if verdict else negatives).append(row[0])
    assert positives and negatives
    assert numpy.mean(positives) > numpy.mean(negatives) + 1.0


def test_trained_model_runs_in_the_pipeline(
    trained: Path, tmp_path: Path, make_article: Callable[..., Article]
) -> None:
    config = tmp_path / "pipeline.cfg"
    text = DEFAULT_CONFIG.read_text(encoding="utf-8").replace('weights = ""', f'weights = "{trained}"')
    if '"claimgraph_claim_model"' not in text.split("pipeline =", 1)[1].splitlines()[0]:
        text = text.replace('"claimgraph_claims",', '"claimgraph_claims","claimgraph_claim_model",', 1)
    config.write_text(text, encoding="utf-8")
    extractor = Extractor(Settings(min_claim_confidence=0.0), config_path=config)
    extraction = extractor.extract(make_article(ARTICLE["text"]))
    triples = {(claim.accuser.name, claim.accused.name, claim.category) for claim in extraction.claims}
    assert ("Anthropic", "Alibaba Group", Category.DISTILLATION) in triples
    for claim in extraction.claims:
        assert 0.0 <= claim.confidence <= 1.0
        assert claim.accuser.id != claim.accused.id


def test_labels_follow_the_gold_evidence_and_direction() -> None:
    nlp = annotating_pipeline()
    doc = nlp(ARTICLE["text"])
    component = nlp.create_pipe("claimgraph_claim_model_v1", config={"weights": None})
    candidates = component._candidates(doc)
    slots = Slots(doc, component.kb)
    labels = {
        (slots.name_of(c.accuser_id), slots.name_of(c.accused_id)): label(
            c, ARTICLE["gold"]["claims"], lambda entity: entity_names(doc, slots, entity)
        )
        for c in candidates
    }
    forward = labels[("Anthropic", "Alibaba Group")]
    assert forward.pair == 1
    assert forward.categories == [Category.DISTILLATION]
    assert forward.status == ClaimStatus.ALLEGED
    assert labels[("Alibaba Group", "Anthropic")].pair == 0
    ids, lengths, dense = featurize(candidates, doc, component.tensor_width)
    assert len(lengths) == len(candidates) == dense.shape[0]
    assert int(lengths.sum()) == len(ids)
    assert dense.any(), "the tok2vec vectors of the pipeline feed the model"


def test_missing_weights_say_how_to_rebuild_them(tmp_path: Path) -> None:
    nlp = annotating_pipeline()
    with pytest.raises(ClaimGraphError, match="make train"):
        nlp.create_pipe("claimgraph_claim_model_v1", config={"weights": str(tmp_path / "none")})


def test_rules_only_config_has_no_model() -> None:
    assert "claimgraph_claim_model" not in annotating_pipeline().pipe_names
    assert RULES_CONFIG.exists()


@pytest.mark.parametrize(
    ("sentence", "legal"),
    [
        ("Alibaba's shares settled 3% lower in Hong Kong on Tuesday.", False),
        ("Once the dust settled, the two companies resumed talks.", False),
        ("Anthropic settled the authors' lawsuit for $1.5 billion.", True),
        ("The studio agreed to a settlement of the copyright claims brought by the labels.", True),
        ("Stocks settled higher after the ruling.", False),
    ],
)
def test_settlements_are_of_disputes(sentence: str, legal: bool) -> None:
    doc = annotating_pipeline()(sentence)
    assert is_legal_settlement(doc[:]) is legal


def _claim_in(
    sentence: Span,
    accuser_id: str,
    accused_id: str,
    category: Category = Category.DISTILLATION,
    status: ClaimStatus = ClaimStatus.ALLEGED,
    confidence: float = 0.8,
) -> ClaimCandidate:
    """A claim of `sentence`, as the rules or the model would propose it to the constraints."""
    return ClaimCandidate(
        accuser_id=accuser_id,
        accused_id=accused_id,
        category=category,
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        trigger=sentence.start,
        allegation="",
        status=status,
        confidence=confidence,
    )


def test_constraints_mend_or_drop_what_no_claim_may_be() -> None:
    nlp = annotating_pipeline()
    doc = nlp("Judge William Alsup said Anthropic accused Alibaba of copying Claude. Alibaba's shares settled lower.")
    slots = Slots(doc, load_knowledge_base())
    first, second = list(doc.sents)[:2]
    ids = {slots.name_of(entity): entity for entity in slots.entities}

    def claim(accuser: str, accused: str, sentence: Span, status: ClaimStatus = ClaimStatus.ALLEGED) -> ClaimCandidate:
        return _claim_in(sentence, ids[accuser], ids[accused], status=status)

    kept = apply_constraints(
        doc,
        [
            claim("William Alsup", "Anthropic", first),
            claim("Anthropic", "Claude", first),
            claim("Alibaba Group", "Claude", first),
            claim("Anthropic", "Alibaba Group", second, ClaimStatus.SETTLED),
        ],
        slots,
    )
    assert [(slots.name_of(c.accuser_id), slots.name_of(c.accused_id), c.status) for c in kept] == [
        ("Alibaba Group", "Anthropic", ClaimStatus.ALLEGED),
        ("Anthropic", "Alibaba Group", ClaimStatus.ALLEGED),
    ]
    assert slots.name_of(kept[0].object_id or "") == "Claude"
    assert example_of(doc, ARTICLE["gold"]).reference.user_data


@pytest.mark.parametrize(
    ("text", "accuser", "kept"),
    [
        ("Publishers filed a complaint with the Federal Trade Commission accusing Google of abuse.", "FTC", False),
        ("Two newspapers joined a complaint to the Federal Trade Commission accusing Google of abuse.", "FTC", False),
        ("Microsoft complained to the Federal Trade Commission that Google abused its dominance.", "FTC", False),
        ("Microsoft complained to the Federal Trade Commission that Google abused its dominance.", "Microsoft", True),
        ("The Federal Trade Commission filed a complaint accusing Google of abuse.", "FTC", True),
    ],
)
def test_the_body_a_complaint_goes_to_does_not_accuse(text: str, accuser: str, kept: bool) -> None:
    doc = annotating_pipeline()(text)
    slots = Slots(doc, load_knowledge_base())
    ids = {slots.name_of(entity): entity for entity in slots.entities}
    sentence = next(iter(doc.sents))
    accuser_id = ids["Federal Trade Commission" if accuser == "FTC" else accuser]
    claim = _claim_in(sentence, accuser_id, ids["Google"], Category.ANTITRUST)
    assert bool(apply_constraints(doc, [claim], slots)) is kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # The subsidiary is the means, the parent the accused: the parent's claim stands though less sure.
        ("Anthropic accused Alibaba of distilling Claude through many Alibaba Cloud accounts.", "Alibaba Group"),
        ("Anthropic accused Alibaba of using Alibaba Cloud accounts to distil Claude.", "Alibaba Group"),
        # Named only through its model (Qwen is Alibaba Cloud's), the subsidiary gives way to the parent named.
        ("Anthropic accused Alibaba of distilling Claude to train its Qwen models.", "Alibaba Group"),
        # Named as the accused itself, the subsidiary's surer claim stands.
        ("Anthropic accused Alibaba Cloud of distilling Claude for Alibaba.", "Alibaba Cloud"),
    ],
)
def test_one_accused_per_family_is_the_member_named_as_the_accused(text: str, kept: str) -> None:
    nlp = annotating_pipeline()
    doc = nlp(text)
    slots = Slots(doc, load_knowledge_base())
    ids = {"Anthropic": "anthropic", "Alibaba Group": "alibaba", "Alibaba Cloud": "alibaba-cloud"}
    sentence = next(iter(doc.sents))

    chosen = apply_constraints(
        doc,
        [
            _claim_in(sentence, ids["Anthropic"], ids["Alibaba Group"], confidence=0.6),
            _claim_in(sentence, ids["Anthropic"], ids["Alibaba Cloud"], confidence=0.9),
        ],
        slots,
    )
    assert [slots.name_of(c.accused_id) for c in chosen] == [kept]


def _candidates_of(text: str) -> tuple[Doc, list, Slots, object]:
    nlp = annotating_pipeline()
    doc = nlp(text)
    component = nlp.create_pipe("claimgraph_claim_model_v1", config={"weights": None})
    return doc, component._candidates(doc), Slots(doc, component.kb), component


def test_a_pair_gets_a_candidate_for_each_of_its_two_closest_triggers() -> None:
    doc, candidates, slots, _ = _candidates_of(
        "Matt Raine and Maria Raine allege that ChatGPT encouraged their son's suicide, and they are suing "
        "OpenAI and its chief executive, Sam Altman."
    )
    lemmas = {
        doc[c.trigger].lemma_
        for c in candidates
        if slots.name_of(c.accuser_id) == "Maria Raine" and slots.name_of(c.accused_id) == "OpenAI"
    }
    assert {"allege", "sue"} <= lemmas


def test_an_accuser_named_earlier_pairs_with_the_accused_of_a_subjectless_cue() -> None:
    _doc, candidates, slots, _ = _candidates_of(
        "Ingrid Solheim sued Lingofy in Manhattan on Tuesday. The translator has published twelve novels in "
        "English. Later that week the suit was amended to accuse Corvina Books of profiting from the copies."
    )
    earlier = {
        (slots.name_of(c.accuser_id), slots.name_of(c.accused_id))
        for c in candidates
        if "cross=earlier_accuser" in c.features
    }
    assert ("Ingrid Solheim", "Corvina Books") in earlier
    assert all(accuser != "Corvina Books" for accuser, _ in earlier)


def test_a_candidates_score_carries_to_the_parties_listed_with_it() -> None:
    _doc, candidates, slots, component = _candidates_of(
        "Lorna Hemsley, Nadia Kowalewska and Jun Watanabe are suing Castellan Systems and Lode Labs for "
        "copyright infringement."
    )
    names = {entity: slots.name_of(entity) for entity in slots.entities}
    first = next(
        c for c in candidates if names[c.accuser_id] == "Lorna Hemsley" and names[c.accused_id] == "Castellan Systems"
    )
    sides = {(names[a], names[b]) for a, b in component._sides(first, slots)}
    assert {("Nadia Kowalewska", "Lode Labs"), ("Jun Watanabe", "Castellan Systems")} <= sides
    within = next(
        c for c in candidates if names[c.accuser_id] == "Lorna Hemsley" and names[c.accused_id] == "Jun Watanabe"
    )
    assert component._sides(within, slots) == [], "parties listed together are on one side"


def test_names_and_commas_without_and_are_no_list() -> None:
    _doc, candidates, slots, component = _candidates_of(
        "The deal gave Microsoft a stake in Anthropic, Google said, and Reddit sued Anthropic for scraping."
    )
    names = {entity: slots.name_of(entity) for entity in slots.entities}
    suit = next(c for c in candidates if names[c.accuser_id] == "Reddit" and names[c.accused_id] == "Anthropic")
    assert {(names[a], names[b]) for a, b in component._sides(suit, slots)} == {("Reddit", "Anthropic")}


def test_pair_labels_mark_every_sentence_naming_a_gold_pair() -> None:
    article_gold = ARTICLE["gold"]["claims"]
    doc = annotating_pipeline()(ARTICLE["text"] + " Anthropic said Alibaba had not replied to its letter.")
    component = annotating_pipeline().create_pipe("claimgraph_claim_model_v1", config={"weights": None})
    slots = Slots(doc, component.kb)

    def names(entity: str) -> set[str]:
        return entity_names(doc, slots, entity)

    forward = [
        c
        for c in component._candidates(doc)
        if slots.name_of(c.accuser_id) == "Anthropic" and slots.name_of(c.accused_id) == "Alibaba Group"
    ]
    later = [c for c in forward if c.sentence.start > 0]
    assert later, "the second sentence naming the pair is a candidate"
    assert all(label(c, article_gold, names).pair == IGNORE for c in later)
    assert all(label(c, article_gold, names, by_pair=True).pair == 1 for c in later)


def test_feature_dropout_leaves_out_features_but_keeps_every_candidate() -> None:
    from nlp.components.claim_model import _drop_features

    ids = numpy.arange(1000, dtype="uint64")
    lengths = numpy.array([400, 600], dtype="int32")
    dense = numpy.ones((2, 4), dtype="float32")
    kept_ids, kept_lengths, kept_dense = _drop_features((ids, lengths, dense), 0.5)
    assert len(kept_lengths) == 2 and int(kept_lengths.sum()) == len(kept_ids)
    assert 300 < len(kept_ids) < 700
    assert set(kept_ids[: kept_lengths[0]].tolist()) <= set(range(400))
    assert kept_dense is dense


def test_unknown_training_options_are_refused() -> None:
    with pytest.raises(ClaimGraphError, match="label_mode"):
        annotating_pipeline().create_pipe(
            "claimgraph_claim_model_v1", config={"weights": None, "label_mode": "sentence"}
        )


def test_an_ensemble_averages_its_members_and_trains_each_on_its_own_loss() -> None:
    from nlp.components.claim_model import N_OUT, _member_loss

    nlp = annotating_pipeline()
    component = nlp.create_pipe(
        "claimgraph_claim_model_v1",
        config={"weights": None, "model": {"@architectures": "claimgraph.ClaimScorer.v1", "members": 3}},
    )
    doc = nlp(ARTICLE["text"])
    example = example_of(doc, ARTICLE["gold"])
    component.initialize(lambda: [example], nlp=nlp)
    [(candidates, logits)] = component.predict([doc])
    assert candidates and logits.shape == (len(candidates), N_OUT)
    featurized = featurize(candidates, doc, component.tensor_width)
    raw = component.model.ops.to_numpy(component.model.predict(component._batch([featurized])))
    assert raw.shape == (len(candidates), 3 * N_OUT)
    blocks = [raw[:, index * N_OUT : (index + 1) * N_OUT] for index in range(3)]
    assert not numpy.allclose(blocks[0], blocks[1])
    assert numpy.allclose(logits, numpy.mean(blocks, axis=0), atol=1e-5)
    _, _, labels = component._training_data(example)
    loss, gradient = component.get_loss([example], (raw, labels))
    member_losses = [_member_loss(block, labels) for block in blocks]
    assert loss == pytest.approx(numpy.mean([member_loss for member_loss, _ in member_losses]), rel=1e-5)
    for index, (_, member_gradient) in enumerate(member_losses):
        assert numpy.allclose(gradient[:, index * N_OUT : (index + 1) * N_OUT], member_gradient, atol=1e-6)


def test_an_ensemble_needs_a_member() -> None:
    with pytest.raises(ClaimGraphError, match="members"):
        annotating_pipeline().create_pipe(
            "claimgraph_claim_model_v1",
            config={"weights": None, "model": {"@architectures": "claimgraph.ClaimScorer.v1", "members": 0}},
        )


def test_each_kind_of_wrong_is_calibrated_by_who_proposed_it() -> None:
    """The rules' own kind is "rule"; the model's first kind where the rules gave another it finds unlikely is
    "recast"; a second kind is "extra", and needs a word for it in its sentence; the first kind of a pair only
    the model finds is "model"."""
    from nlp.components.claim_model import CATEGORIES, N_OUT

    _doc, candidates, _slots, component = _candidates_of(
        "Anthropic sued Alibaba for copyright infringement and for breaching its terms of service."
    )
    ruled = next(c for c in candidates if c.rule is not None)
    assert ruled.rule.category == Category.TERMS_OF_SERVICE
    assert "cue=copyright" in ruled.features and "cue=distillation" not in ruled.features
    # The reverse pair is a candidate too, one the rules do not claim.
    reverse = next(c for c in candidates if (c.accuser_id, c.accused_id) == (ruled.accused_id, ruled.accuser_id))
    assert reverse.rule is None
    pairs = {(ruled.accuser_id, ruled.accused_id): "ruled", (reverse.accuser_id, reverse.accused_id): "reverse"}

    def sources(first: Category, second: Category) -> dict[tuple[str, str], str]:
        logits = numpy.full((len(candidates), N_OUT), -10.0, dtype="float32")
        for row, candidate in enumerate(candidates):
            if candidate is ruled or candidate is reverse:
                logits[row, 0] = 10.0
                logits[row, 1 + CATEGORIES.index(first)] = 5.0
                logits[row, 1 + CATEGORIES.index(second)] = 2.0
        return {
            (pairs[(a, b)], category.value): source
            for (a, b, category), (_, source, _) in component.scored_triples(candidates, logits).items()
            if (a, b) in pairs
        }

    assert sources(Category.TERMS_OF_SERVICE, Category.COPYRIGHT) == {
        ("ruled", "terms_of_service"): "rule",
        ("ruled", "copyright"): "extra",
        ("reverse", "terms_of_service"): "model",
        ("reverse", "copyright"): "extra",
    }
    # A second kind with no word for it in the sentence is no claim.
    assert sources(Category.TERMS_OF_SERVICE, Category.DISTILLATION) == {
        ("ruled", "terms_of_service"): "rule",
        ("reverse", "terms_of_service"): "model",
    }
    # The model's kind where the rules gave another replaces theirs when it finds theirs unlikely ...
    assert sources(Category.DISTILLATION, Category.PRIVACY) == {
        ("ruled", "distillation"): "recast",
        ("reverse", "distillation"): "model",
    }
    # ... and is a second kind beside theirs when it finds theirs likely too.
    assert sources(Category.DISTILLATION, Category.TERMS_OF_SERVICE) == {
        ("ruled", "terms_of_service"): "rule",
        ("reverse", "distillation"): "model",
        ("reverse", "terms_of_service"): "extra",
    }

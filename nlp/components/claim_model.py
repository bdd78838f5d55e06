"""`claimgraph_claim_model_v1`: a trained component that decides the claims, over the rules' candidates.

Candidates are (accuser, accused, sentence) triples from two sources: every claim the rules made, and
every ordered pair of parties in a sentence with an accusation cue (`nlp.claim_features`, high
recall). Each is described by named features (the trigger, both parties' roles and dependency paths,
entity types, distances, hedges, the categories cued in the sentence and the article, and the rules'
own verdict: whether they made this claim here, with which category and status) and by dense vectors
from the pipeline's `tok2vec` (`doc.tensor`, pooled over each party's mention, the trigger and the
sentence). A small thinc network (`claimgraph.ClaimScorer.v1`) gives three heads: whether the accuser
accuses the accused in this sentence (direction matters: the reverse pair is another candidate), the
kinds of wrong (multi-label) and the status.

A pair at or above `threshold` in any sentence becomes a claim for each kind of wrong at or above
`category_threshold` there (at least its most likely one); one claim per (accuser, accused, category),
at its most confident sentence; its confidence is the pair's probability times the category's. Rules
no model may break are applied afterwards (`nlp.claim_constraints`). The rules' claims stay in
`doc._.cg_rule_claims`; the decided ones replace `doc._.cg_claims`.

Trained with `spacy train` from `nlp/training/claim_model.cfg` (see docs/NLP_MODEL.md); the weights
are `nlp/models/claim_model/`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.training import Example
from spacy.util import registry
from thinc.api import Config, Model, Optimizer, Ragged, chain, concatenate, reduce_sum, with_array
from thinc.layers import Dropout, HashEmbed, Linear, Relu
from thinc.types import Floats2d

from claimgraph.exceptions import ExtractionError
from claimgraph.records import Category, ClaimStatus
from nlp.categories import CategoryCues
from nlp.claim_constraints import apply_constraints
from nlp.claim_features import PairCandidate, PairFeaturizer, status_of
from nlp.doc_data import ClaimCandidate, register_extensions
from nlp.knowledge_base import KnowledgeBase, load_knowledge_base
from nlp.name_match import matches_any
from nlp.syntax import PARTY_TYPES, Slots, governing_verb, own_date_phrases, tense_of

CATEGORIES: tuple[Category, ...] = tuple(Category)
STATUSES: tuple[ClaimStatus, ...] = tuple(ClaimStatus)
N_OUT = 1 + len(CATEGORIES) + len(STATUSES)
DEFAULT_WEIGHTS = Path(__file__).resolve().parent.parent / "models" / "claim_model"
GOLD_KEY = "claimgraph_gold"
IGNORE = -1
CATEGORY_SOURCES = ("rules", "model")
LABEL_MODES = ("evidence", "pair")

CandidateBatch = tuple[Ragged, Floats2d]


@dataclass
class Candidate:
    """One (accuser, accused, sentence) the model decides on."""

    accuser_id: str
    accused_id: str
    sentence: Span
    trigger: int
    features: list[str]
    accuser_token: int
    accused_token: int
    rule: ClaimCandidate | None
    cued_category: Category | None


@dataclass
class Labels:
    """What the gold says of one candidate: the pair (1, 0 or IGNORE), its categories here, its status here."""

    pair: int
    categories: list[Category]
    status: ClaimStatus | None


# --- the network ------------------------------------------------------------------------------------


def _pick(index: int) -> Model[CandidateBatch, Any]:
    """One element of the input tuple (no gradient flows back to the features)."""

    def forward(model: Model, inputs: CandidateBatch, is_train: bool) -> tuple[Any, Callable]:
        return inputs[index], lambda gradient: inputs

    return Model(f"pick{index}", forward)


@registry.architectures("claimgraph.ClaimScorer.v1")
def build_claim_scorer(
    hidden_width: int = 128,
    embed_width: int = 32,
    hash_rows: int = 8192,
    tensor_width: int = 96,
    dropout: float = 0.3,
    members: int = 1,
) -> Model[CandidateBatch, Floats2d]:
    """Hashed feature embeddings, summed per candidate, beside the pooled tok2vec vectors (four of
    `tensor_width`), through a hidden ReLU layer to the pair, category and status logits. With `members`
    above 1, that many such networks side by side (each its own initial weights and hash seed, each trained
    on its own loss), their logits in one row: the component averages them (an ensemble: one network's
    choices vary with its seed by several points of F1, the average's much less)."""
    if members < 1:
        raise ExtractionError(f"claim model: members must be at least 1, got {members}")

    def member(index: int) -> Model[CandidateBatch, Floats2d]:
        sparse = chain(_pick(0), with_array(HashEmbed(embed_width, hash_rows, seed=17 + index)), reduce_sum())
        return chain(
            concatenate(sparse, _pick(1)),
            Relu(hidden_width, embed_width + 4 * tensor_width),
            Dropout(dropout),
            Linear(N_OUT, hidden_width),
        )

    model: Model[CandidateBatch, Floats2d] = (
        member(0) if members == 1 else concatenate(*(member(index) for index in range(members)))
    )
    model.attrs["tensor_width"] = tensor_width
    model.attrs["members"] = members
    return model


def _sigmoid(values: numpy.ndarray) -> numpy.ndarray:
    return 1.0 / (1.0 + numpy.exp(-numpy.clip(values, -40.0, 40.0)))


def _softmax(values: numpy.ndarray) -> numpy.ndarray:
    shifted = numpy.exp(values - values.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


# --- candidates ---------------------------------------------------------------------------------------


CONTEXT_WINDOW = 10


def _context_words(doc: Doc, candidate: Candidate) -> list[str]:
    """The lemmas between the two mentions (the classic relation-extraction cue), tagged by which side
    comes first, and the word before each mention."""
    first, second = sorted((candidate.accuser_token, candidate.accused_token))
    if first < 0:
        return ["between=unknown"]
    order = "a_b" if candidate.accuser_token <= candidate.accused_token else "b_a"
    words = [
        token.lemma_.lower()
        for token in doc[first + 1 : second]
        if not token.is_punct
        and not token.is_space
        and token.i not in (candidate.accuser_token, candidate.accused_token)
    ]
    features = [f"btw_{order}={word}" for word in words[:CONTEXT_WINDOW]]
    if len(words) > CONTEXT_WINDOW:
        features.append(f"btw_{order}_long")
    for side, index in (("a", candidate.accuser_token), ("b", candidate.accused_token)):
        if index > 0:
            features.append(f"{side}_before={doc[index - 1].lemma_.lower()}")
    return features


def _bucket(value: float) -> str:
    return "high" if value >= 0.8 else "mid" if value >= 0.5 else "low"


class CandidateFinder:
    """The candidates of a document and their named features."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.pairs = PairFeaturizer(nlp, kb)
        self.cues = CategoryCues(nlp)

    def __call__(self, doc: Doc, rule_claims: list[ClaimCandidate]) -> list[Candidate]:
        cues = self.cues.find(doc)
        strong_counts = Counter(cue.category for cue in cues if cue.category is not None and not cue.weak)
        article_features = [f"doc_cat={category.value}" for category, _ in strong_counts.most_common(2)]
        cues_by_sentence: dict[int, set[str]] = {}
        for cue in cues:
            name = "copy" if cue.category is None else ("weak_" if cue.weak else "") + cue.category.value
            cues_by_sentence.setdefault(doc[cue.start].sent.start, set()).add(name)
        rules_here: dict[tuple[str, str, int], list[ClaimCandidate]] = {}
        rule_pairs: dict[tuple[str, str], set[Category]] = {}
        for claim in rule_claims:
            rules_here.setdefault((claim.accuser_id, claim.accused_id, claim.sentence_start), []).append(claim)
            rule_pairs.setdefault((claim.accuser_id, claim.accused_id), set()).add(claim.category)
        found: dict[tuple[str, str, int], list[Candidate]] = {}
        triggers_seen: set[tuple[str, str, int, int]] = set()
        for pair in self.pairs.candidates(doc, rule_claims):
            key = (pair.accuser_id, pair.accused_id, pair.sentence.start)
            if (*key, pair.trigger.i) not in triggers_seen:
                triggers_seen.add((*key, pair.trigger.i))
                found.setdefault(key, []).append(self._from_pair(pair))
        slots = Slots(doc, self.kb)
        for key, claims in rules_here.items():
            if key not in found:
                found[key] = [self._from_rule(claims[0], doc, slots)]
        candidates = []
        for (accuser, accused, start), candidate in (
            (key, candidate) for key, of_key in found.items() for candidate in of_key
        ):
            here = rules_here.get((accuser, accused, start), [])
            candidate.rule = here[0] if here else None
            features = candidate.features
            features += article_features
            features += [f"cue={name}" for name in sorted(cues_by_sentence.get(start, ()))]
            features += _context_words(doc, candidate)
            features += [f"rule_here={bool(here)}"]
            for claim in here:
                features += [
                    f"rule_cat={claim.category.value}",
                    f"rule_status={claim.status.value}",
                    f"rule_cued={claim.category_cued}",
                    f"rule_continuation={claim.continuation_of is not None}",
                    f"rule_confidence={_bucket(claim.confidence)}",
                ]
            elsewhere = rule_pairs.get((accuser, accused), set()) - {claim.category for claim in here}
            features += [f"rule_elsewhere_cat={value}" for value in sorted(c.value for c in elsewhere)]
            features += [f"rule_reverse={(accused, accuser) in rule_pairs}"]
            features += [f"{features[0]}&rule_here={bool(here)}"]
            candidates.append(candidate)
        return candidates

    @staticmethod
    def _from_pair(pair: PairCandidate) -> Candidate:
        return Candidate(
            accuser_id=pair.accuser_id,
            accused_id=pair.accused_id,
            sentence=pair.sentence,
            trigger=pair.trigger.i,
            features=list(pair.features),
            accuser_token=pair.accuser_token,
            accused_token=pair.accused_token,
            rule=None,
            cued_category=pair.category,
        )

    @staticmethod
    def _from_rule(claim: ClaimCandidate, doc: Doc, slots: Slots) -> Candidate:
        sentence = doc[claim.sentence_start : claim.sentence_end]

        def token_in_sentence(entity_id: str) -> int:
            inside = [index for index in slots.tokens_of(entity_id) if sentence.start <= index < sentence.end]
            return inside[0] if inside else -1

        accuser_token, accused_token = token_in_sentence(claim.accuser_id), token_in_sentence(claim.accused_id)
        return Candidate(
            accuser_id=claim.accuser_id,
            accused_id=claim.accused_id,
            sentence=sentence,
            trigger=claim.trigger,
            features=[
                "trigger=RULE_ONLY",
                f"rule_only_accuser_here={accuser_token >= 0}",
                f"rule_only_accused_here={accused_token >= 0}",
            ],
            accuser_token=accuser_token,
            accused_token=accused_token,
            rule=claim,
            cued_category=claim.category if claim.category_cued else None,
        )


def featurize(
    candidates: list[Candidate], doc: Doc, tensor_width: int
) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """Feature ids (flat), their count per candidate, and the dense vectors, for one document."""
    ids = [get_string_id(feature) for candidate in candidates for feature in candidate.features]
    lengths = [len(candidate.features) for candidate in candidates]
    dense = numpy.zeros((len(candidates), 4 * tensor_width), dtype="float32")
    usable = tensor_width and getattr(doc.tensor, "shape", (0,))[0] == len(doc) and doc.tensor.ndim == 2
    tensor = doc.tensor if usable else None
    if tensor is not None and tensor.shape[1] != tensor_width:
        raise ExtractionError(
            f"the claim model expects tok2vec vectors of width {tensor_width}, the pipeline gives "
            f"{tensor.shape[1]}; retrain it (make train) for this spaCy model"
        )
    if tensor is not None:
        for row, candidate in enumerate(candidates):
            for slot, index in enumerate((candidate.accuser_token, candidate.accused_token, candidate.trigger)):
                if 0 <= index < len(doc):
                    dense[row, slot * tensor_width : (slot + 1) * tensor_width] = tensor[index]
            sentence = tensor[candidate.sentence.start : candidate.sentence.end]
            if len(sentence):
                dense[row, 3 * tensor_width :] = sentence.mean(axis=0)
    return (
        numpy.asarray(ids, dtype="uint64"),
        numpy.asarray(lengths, dtype="int32"),
        dense,
    )


def _drop_features(
    featurized: tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray], rate: float
) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """The named features with each left out at `rate` (training only): a candidate must not hang on any
    one feature, which the hashed embeddings otherwise learn by heart."""
    ids, lengths, dense = featurized
    keep = numpy.random.random(len(ids)) >= rate
    owners = numpy.repeat(numpy.arange(len(lengths)), lengths)
    return ids[keep], numpy.bincount(owners[keep], minlength=len(lengths)).astype("int32"), dense


LIST_JOINERS = frozenset({",", "and", "or", "&"})


def _listed_with(doc: Doc, index: int, token_entity: dict[int, str]) -> list[Token]:
    """The named tokens of a written list ("A, B and C") that holds token `index`; the parse does not
    always link every member by `conj`. A run of names and commas needs an "and", "or" or "&" to be a list
    ("... in Anthropic, Google said" is none)."""
    if index not in token_entity:
        return []
    sentence = doc[index].sent

    def in_run(position: int) -> bool:
        return position in token_entity or doc[position].lower_ in LIST_JOINERS

    start, end = index, index + 1
    while start > sentence.start and in_run(start - 1):
        start -= 1
    while end < sentence.end and in_run(end):
        end += 1
    run = doc[start:end]
    if not any(token.lower_ in {"and", "or", "&"} for token in run):
        return []
    return [token for token in run if token.i in token_entity and token_entity[token.i] != token_entity[index]]


# --- gold labels ----------------------------------------------------------------------------------------


def entity_names(doc: Doc, slots: Slots, entity_id: str) -> set[str]:
    """Every name an entity goes by in this document: canonical, aliases, and its forms in the text."""
    names = {slots.name_of(entity_id)}
    linked = slots.entities.get(entity_id)
    if linked is not None:
        names |= linked.aliases
    names |= {
        doc[mention.start : mention.end].text
        for mention in doc._.cg_mentions or []
        if mention.entity_id == entity_id and mention.explicit
    }
    return names


def label(
    candidate: Candidate, gold_claims: list[dict[str, Any]], names: Callable[[str], set[str]], *, by_pair: bool = False
) -> Labels:
    """The candidate's labels: positive when the gold has the pair with this sentence as evidence, negative
    when the gold has no such pair at all, left out (IGNORE) when the gold pair's evidence is elsewhere.
    `by_pair`: positive in every sentence naming a gold pair, with all its kinds of wrong."""
    accuser_names, accused_names = names(candidate.accuser_id), names(candidate.accused_id)
    of_pair = [
        claim
        for claim in gold_claims
        if matches_any(accuser_names, claim["accuser"]) and matches_any(accused_names, claim["accused"])
    ]
    if not of_pair:
        return Labels(0, [], None)
    if by_pair:
        return Labels(1, [Category(claim["category"]) for claim in of_pair], ClaimStatus(of_pair[0]["status"]))
    sentence = candidate.sentence.text.strip()
    here = [claim for claim in of_pair if claim["evidence"].strip() in sentence or sentence in claim["evidence"]]
    if not here:
        return Labels(IGNORE, [], None)
    return Labels(1, [Category(claim["category"]) for claim in here], ClaimStatus(here[0]["status"]))


def _member_loss(logits: numpy.ndarray, labels: list[Labels]) -> tuple[float, numpy.ndarray]:
    """One network's loss and gradient over its `N_OUT` logits per candidate."""
    gradient = numpy.zeros_like(logits)
    n_categories = len(CATEGORIES)
    pair_p = _sigmoid(logits[:, 0])
    category_p = _sigmoid(logits[:, 1 : 1 + n_categories])
    status_p = _softmax(logits[:, 1 + n_categories :])
    loss = 0.0
    for row, item in enumerate(labels):
        if item.pair != IGNORE:
            gradient[row, 0] = pair_p[row] - item.pair
            loss -= numpy.log(pair_p[row] if item.pair else 1.0 - pair_p[row] + 1e-9)
        if item.pair == 1:
            target = numpy.zeros(n_categories, dtype="float32")
            for category in item.categories:
                target[CATEGORIES.index(category)] = 1.0
            gradient[row, 1 : 1 + n_categories] = category_p[row] - target
            loss -= float(numpy.sum(target * numpy.log(category_p[row] + 1e-9)))
            if item.status is not None:
                status_target = numpy.zeros(len(STATUSES), dtype="float32")
                status_target[STATUSES.index(item.status)] = 1.0
                gradient[row, 1 + n_categories :] = status_p[row] - status_target
                loss -= float(numpy.log(status_p[row, STATUSES.index(item.status)] + 1e-9))
    gradient /= max(1, len(labels))
    return float(loss) / max(1, len(labels)), gradient


# --- the component ----------------------------------------------------------------------------------------


class ClaimModel(TrainablePipe):
    """Decides the claims of a document from its candidates (see the module doc)."""

    def __init__(
        self,
        vocab: Any,
        model: Model,
        name: str,
        *,
        nlp: Language,
        threshold: float,
        category_threshold: float,
        kb_dir: str,
        category_source: str = "model",
        label_mode: str = "evidence",
        feature_dropout: float = 0.0,
    ) -> None:
        register_extensions()
        if not Doc.has_extension("cg_rule_claims"):
            Doc.set_extension("cg_rule_claims", default=None)
        self.vocab = vocab
        self.model = model
        self.name = name
        if category_source not in CATEGORY_SOURCES or label_mode not in LABEL_MODES:
            raise ExtractionError(
                f"claim model: category_source must be one of {', '.join(CATEGORY_SOURCES)} and label_mode one of "
                f"{', '.join(LABEL_MODES)}; got {category_source!r} and {label_mode!r}"
            )
        self.cfg = {
            "threshold": threshold,
            "category_threshold": category_threshold,
            "category_source": category_source,
            "label_mode": label_mode,
            "feature_dropout": feature_dropout,
        }
        self.kb = load_knowledge_base(kb_dir or None)
        self.finder = CandidateFinder(nlp, self.kb)
        self._training_cache: dict[str, tuple[list[Candidate], tuple[numpy.ndarray, ...], list[Labels]]] = {}

    @property
    def tensor_width(self) -> int:
        return int(self.model.attrs.get("tensor_width", 96))

    @property
    def members(self) -> int:
        return int(self.model.attrs.get("members", 1))

    def _mean_logits(self, scores: numpy.ndarray) -> numpy.ndarray:
        """The members' logits averaged: one row of `N_OUT` per candidate."""
        if self.members == 1:
            return scores
        return scores.reshape(len(scores), self.members, N_OUT).mean(axis=1)

    # -- candidates and batches
    def _candidates(self, doc: Doc) -> list[Candidate]:
        if doc._.cg_rule_claims is None:
            doc._.cg_rule_claims = list(doc._.cg_claims or [])
        return self.finder(doc, doc._.cg_rule_claims)

    def _batch(self, featurized: Iterable[tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]]) -> CandidateBatch:
        parts = list(featurized)
        ops = self.model.ops
        ids = numpy.concatenate([part[0] for part in parts]) if parts else numpy.zeros((0,), dtype="uint64")
        lengths = numpy.concatenate([part[1] for part in parts]) if parts else numpy.zeros((0,), dtype="int32")
        dense = (
            numpy.concatenate([part[2] for part in parts])
            if parts
            else numpy.zeros((0, 4 * self.tensor_width), dtype="float32")
        )
        return Ragged(ops.asarray1i(ids.astype("int64")).astype("uint64"), ops.asarray1i(lengths)), ops.asarray2f(dense)

    # -- prediction
    def predict(self, docs: Iterable[Doc]) -> list[tuple[list[Candidate], numpy.ndarray]]:
        docs = list(docs)
        per_doc = [self._candidates(doc) for doc in docs]
        featurized = [
            featurize(candidates, doc, self.tensor_width) for candidates, doc in zip(per_doc, docs, strict=True)
        ]
        if not any(len(candidates) for candidates in per_doc):
            return [(candidates, numpy.zeros((0, N_OUT), dtype="float32")) for candidates in per_doc]
        scores = self._mean_logits(self.model.ops.to_numpy(self.model.predict(self._batch(featurized))))
        result, row = [], 0
        for candidates in per_doc:
            result.append((candidates, scores[row : row + len(candidates)]))
            row += len(candidates)
        return result

    def set_annotations(self, docs: Iterable[Doc], scores: list[tuple[list[Candidate], numpy.ndarray]]) -> None:
        for doc, (candidates, logits) in zip(docs, scores, strict=True):
            claims = self.decide(candidates, logits)
            doc._.cg_claims = apply_constraints(doc, claims, Slots(doc, self.kb))

    def scored_triples(
        self, candidates: list[Candidate], logits: numpy.ndarray
    ) -> dict[tuple[str, str, Category], tuple[float, str, ClaimCandidate]]:
        """Per (accuser, accused, category): the best raw score, its source, and the claim at its best
        sentence, for the candidate's pair and the parties listed with either side. The source is "rule"
        for the rules' own kind of wrong; "recast" for the pair's most likely kind where the rules made a
        claim of this pair in this sentence with another kind that the model finds unlikely (the model's kind
        replaces theirs); "model" for the most likely kind of a pair only the model finds; "extra" for any
        other kind of a pair (a second kind, from this sentence or another): each is calibrated apart.
        A pair's raw score is its probability; a kind of wrong scores that times its probability relative to
        the pair's most likely kind."""
        pair_p = _sigmoid(logits[:, 0])
        category_p = _sigmoid(logits[:, 1 : 1 + len(CATEGORIES)])
        status_p = _softmax(logits[:, 1 + len(CATEGORIES) :])
        best: dict[tuple[str, str, Category], tuple[float, str, ClaimCandidate, bool]] = {}
        slots = Slots(candidates[0].sentence.doc, self.kb) if candidates else None
        for row, candidate in enumerate(candidates):
            sides = self._sides(candidate, slots)
            top = float(category_p[row].max())
            ranked = [int(index) for index in numpy.argsort(-category_p[row])]
            if candidate.rule is not None and self.cfg.get("category_source", "model") == "rules":
                # Where the rules made the claim, its kind is theirs: the model's say is whether it stands.
                chosen = {CATEGORIES.index(candidate.rule.category)}
            else:
                chosen = {ranked[0]}
                chosen |= {index for index in ranked if category_p[row, index] >= self.cfg["category_threshold"]}
            status = STATUSES[int(numpy.argmax(status_p[row]))]
            for index in chosen:
                category = CATEGORIES[index]
                raw = float(pair_p[row] * category_p[row, index] / max(top, 1e-9))
                # Backed by the rules: their kind, or (the model choosing kinds) its most likely kind for a pair the
                # rules claimed here; a second kind is the model's alone ("extra").
                backed = candidate.rule is not None and (
                    candidate.rule.category == category
                    or (self.cfg.get("category_source", "model") == "model" and index == ranked[0])
                )
                own = candidate.rule is not None and candidate.rule.category == category
                source = "rule" if own else "recast" if backed else "model"
                cued = f"cue={category.value}" in candidate.features
                claim = self._claim(candidate, category, None if backed else status, raw)
                for accuser, accused in sides:
                    key = (accuser, accused, category)
                    if key not in best or raw > best[key][0]:
                        best[key] = (raw, source, replace(claim, accuser_id=accuser, accused_id=accused), cued)
        ruled_pairs = {key[:2] for key, (_, source, _, _) in best.items() if source in ("rule", "recast")}
        pairs_of_own_kind = {key[:2] for key, (_, source, _, _) in best.items() if source == "rule"}
        top_kind: dict[tuple[str, str], tuple[float, Category]] = {}
        for (accuser, accused, category), (raw, _, _, _) in best.items():
            if (accuser, accused) not in top_kind or raw > top_kind[(accuser, accused)][0]:
                top_kind[(accuser, accused)] = (raw, category)

        def source_of(key: tuple[str, str, Category], source: str) -> str:
            if source == "rule":
                return source
            if (
                key[2] != top_kind[key[:2]][1]
                or (source == "model" and key[:2] in ruled_pairs)
                or (source == "recast" and key[:2] in pairs_of_own_kind)
            ):
                return "extra"
            return source

        sourced = {key: (raw, source_of(key, source), claim, cued) for key, (raw, source, claim, cued) in best.items()}
        # A second kind of wrong needs a word for it in its sentence ("breached its terms of service").
        return {
            key: (raw, source, claim)
            for key, (raw, source, claim, cued) in sourced.items()
            if source != "extra" or cued
        }

    def _sides(self, candidate: Candidate, slots: Slots | None) -> list[tuple[str, str]]:
        """The candidate's (accuser, accused), and the same for the parties listed with either one ("Lorna
        Hemsley, Catalina Ferro and Nadia Kowalewska sued ...", "... sued OpenAI and Microsoft"): news
        lists co-plaintiffs and co-defendants, and each is a party to the claim."""
        pairs = [(candidate.accuser_id, candidate.accused_id)]
        if slots is None or candidate.accuser_token == candidate.accused_token:
            return pairs
        accusers = [candidate.accuser_id, *self._list_mates(candidate.accuser_token, slots)]
        accused = [candidate.accused_id, *self._list_mates(candidate.accused_token, slots)]
        if set(accusers) & set(accused):
            # Listed together, they are on one side ("Sony, Universal and Warner sued ..., accusing them").
            return []
        for accuser in accusers:
            for other in accused:
                if (
                    (accuser, other) not in pairs
                    and accuser != other
                    and not slots.family(accuser) & slots.family(other)
                ):
                    pairs.append((accuser, other))
        return pairs

    def _list_mates(self, index: int, slots: Slots) -> list[str]:
        """The parties named in coordination with the mention at token `index`."""
        if index < 0:
            return []
        doc = slots.doc
        own = slots.token_entity.get(index)
        mates: list[str] = []
        for conjunct in [*doc[index].conjuncts, *_listed_with(doc, index, slots.token_entity)]:
            entity_id = slots.token_entity.get(conjunct.i)
            party = slots.as_party(entity_id) if entity_id else None
            if (
                party is not None
                and party != own
                and party not in mates
                and slots.type_of(party) in PARTY_TYPES
                and not slots.is_judicial(party)
            ):
                mates.append(party)
        return mates

    def calibrated(self, raw: float, source: str) -> float:
        """The share of claims of this source and raw score that were right on the development part
        (`cfg["calibration"]`, an isotonic step function per source); the raw score when uncalibrated."""
        steps = self.cfg.get("calibration", {}).get(source)
        if not steps:
            return raw
        edges, values = steps
        index = min(int(numpy.searchsorted(edges, raw, side="left")), len(values) - 1)
        return float(values[index])

    def decide(self, candidates: list[Candidate], logits: numpy.ndarray) -> list[ClaimCandidate]:
        """One claim per (accuser, accused, category) whose calibrated confidence reaches the threshold, at
        its most confident sentence."""
        if not candidates:
            return []
        claims = []
        for raw, source, claim in self.scored_triples(candidates, logits).values():
            confidence = self.calibrated(raw, source)
            if confidence >= self.cfg.get("thresholds", {}).get(source, self.cfg["threshold"]):
                claims.append(replace(claim, confidence=confidence))
        return sorted(claims, key=lambda claim: (claim.sentence_start, claim.trigger))

    @staticmethod
    def _claim(
        candidate: Candidate, category: Category, status: ClaimStatus | None, confidence: float
    ) -> ClaimCandidate:
        """The claim of a candidate: the rules' own (with their status unless `status` is given) or a new one."""
        if candidate.rule is not None:
            return replace(
                candidate.rule,
                category=category,
                status=status or candidate.rule.status,
                confidence=confidence,
                category_cued=candidate.rule.category_cued or category == candidate.cued_category,
            )
        sentence = candidate.sentence
        trigger = sentence.doc[candidate.trigger]
        verb = governing_verb(trigger)
        return ClaimCandidate(
            accuser_id=candidate.accuser_id,
            accused_id=candidate.accused_id,
            category=category,
            sentence_start=sentence.start,
            sentence_end=sentence.end,
            trigger=candidate.trigger,
            allegation=sentence.text.strip()[:300],
            status=status if status is not None else status_of(sentence),
            confidence=confidence,
            date_phrases=own_date_phrases(verb),
            tense=tense_of(verb),
            category_cued=category == candidate.cued_category,
        )

    # -- training
    def _training_data(self, example: Example) -> tuple[list[Candidate], tuple[numpy.ndarray, ...], list[Labels]]:
        doc = example.predicted
        key = doc.text
        if key not in self._training_cache:
            candidates = self._candidates(doc)
            gold = example.reference.user_data.get(GOLD_KEY, {}).get("claims", [])
            slots = Slots(doc, self.kb)
            names_cache: dict[str, set[str]] = {}

            def names(entity_id: str) -> set[str]:
                if entity_id not in names_cache:
                    names_cache[entity_id] = entity_names(doc, slots, entity_id)
                return names_cache[entity_id]

            by_pair = self.cfg.get("label_mode") == "pair"
            labels = [label(candidate, gold, names, by_pair=by_pair) for candidate in candidates]
            self._training_cache[key] = (candidates, featurize(candidates, doc, self.tensor_width), labels)
        return self._training_cache[key]

    def update(
        self,
        examples: Iterable[Example],
        *,
        drop: float = 0.0,
        sgd: Optimizer | None = None,
        losses: dict[str, float] | None = None,
    ) -> dict[str, float]:
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        data = [self._training_data(example) for example in examples]
        labels = [item for _, _, doc_labels in data for item in doc_labels]
        if not labels:
            return losses
        rate = float(self.cfg.get("feature_dropout", 0.0))
        featurized = [_drop_features(part, rate) if rate else part for _, part, _ in data]
        scores, backprop = self.model.begin_update(self._batch(featurized))
        loss, gradient = self.get_loss(examples, (scores, labels))
        backprop(gradient)
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def get_loss(self, examples: Iterable[Example], scores_and_labels: Any) -> tuple[float, Floats2d]:
        """Binary cross-entropy for the pair and the categories, softmax cross-entropy for the status; each
        member of an ensemble on its own logits (the loss is their mean)."""
        scores, labels = scores_and_labels
        logits = self.model.ops.to_numpy(scores)
        gradient = numpy.zeros_like(logits)
        loss = 0.0
        for member in range(self.members):
            columns = slice(member * N_OUT, (member + 1) * N_OUT)
            member_loss, gradient[:, columns] = _member_loss(logits[:, columns], labels)
            loss += member_loss
        return loss / self.members, self.model.ops.asarray2f(gradient)

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language | None = None) -> None:
        examples = []
        for example in get_examples():
            examples.append(example)
            if len(examples) >= 8:
                break
        data = [self._training_data(example) for example in examples]
        batch = self._batch(featurized for _, featurized, _ in data)
        self.model.initialize(X=batch, Y=self.model.ops.alloc2f(int(batch[1].shape[0]), N_OUT * self.members))

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, float]:
        """Strict (accuser, accused, category) precision, recall and F1, matched as the shared scorer does."""
        true_positives = predicted_total = gold_total = 0
        for example in examples:
            doc = example.predicted
            slots = Slots(doc, self.kb)
            gold = example.reference.user_data.get(GOLD_KEY, {}).get("claims", [])
            gold_triples = {(claim["accuser"], claim["accused"], claim["category"]) for claim in gold}
            predicted = {
                (slots.name_of(claim.accuser_id), slots.name_of(claim.accused_id), claim.category.value)
                for claim in doc._.cg_claims or []
            }
            unmatched = list(gold_triples)
            for accuser, accused, category in predicted:
                for index, (g_accuser, g_accused, g_category) in enumerate(unmatched):
                    if (
                        category == g_category
                        and matches_any([accuser], g_accuser)
                        and matches_any([accused], g_accused)
                    ):
                        true_positives += 1
                        unmatched.pop(index)
                        break
            predicted_total += len(predicted)
            gold_total += len(gold_triples)
        precision = true_positives / predicted_total if predicted_total else 0.0
        recall = true_positives / gold_total if gold_total else 0.0
        f_score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"claims_strict_p": precision, "claims_strict_r": recall, "claims_strict_f": f_score}

    def add_label(self, label: str) -> int:
        raise NotImplementedError("the claim model's labels are the fixed categories and statuses")


DEFAULT_MODEL_CONFIG = """
[model]
@architectures = "claimgraph.ClaimScorer.v1"
hidden_width = 128
embed_width = 32
hash_rows = 8192
tensor_width = 96
dropout = 0.3
members = 4
"""


@Language.factory(
    "claimgraph_claim_model_v1",
    default_config={
        "model": Config().from_str(DEFAULT_MODEL_CONFIG)["model"],
        "threshold": None,
        "category_threshold": 0.5,
        "kb_dir": "",
        "weights": "",
        "category_source": "model",
        "label_mode": "evidence",
        "feature_dropout": 0.0,
    },
)
def make_claim_model(
    nlp: Language,
    name: str,
    model: Model,
    threshold: float | None,
    category_threshold: float,
    kb_dir: str,
    weights: str | None,
    category_source: str,
    label_mode: str,
    feature_dropout: float,
) -> ClaimModel:
    """The trained claim model; `weights` empty means the packaged `nlp/models/claim_model/`, null an
    untrained model (what `spacy train` starts from); `threshold` null means the one stored with the
    weights (chosen on the development part), else 0.5. `category_source`: whose kind of wrong a claim the
    rules also made takes, "rules" or "model"; `label_mode` (training): a candidate is positive in the gold
    claim's evidence sentence ("evidence") or in every sentence naming the gold pair ("pair");
    `feature_dropout` (training): the share of named features left out of each update."""
    component = ClaimModel(
        nlp.vocab,
        model,
        name,
        nlp=nlp,
        threshold=0.5 if threshold is None else threshold,
        category_threshold=category_threshold,
        kb_dir=kb_dir,
        category_source=category_source,
        label_mode=label_mode,
        feature_dropout=feature_dropout,
    )
    if weights is not None:
        folder = Path(weights) if weights else DEFAULT_WEIGHTS
        if not (folder / "model").exists():
            raise ExtractionError(
                f"the claim model's weights are missing from {folder}; run `make train`, or set weights of "
                f"claimgraph_claim_model in the pipeline config, or use the rules-only config nlp/pipeline_rules.cfg"
            )
        component.from_disk(folder, exclude=("vocab",))
        if threshold is not None:
            component.cfg["threshold"] = threshold
            component.cfg["thresholds"] = {}
    return component

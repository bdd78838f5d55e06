"""Candidate (accuser, accused) pairs of a document and their named features, for the claim model.

For every sentence with an accusation cue (the trigger words of `nlp.lexicon`) that names two or more
parties, every ordered pair of them is described by general parse cues: the trigger's kind, the
dependency paths and roles of both parties towards it, order and distance, entity types, hedges,
conditional and future markers, reported speech, and what the rules found elsewhere in the article; a
pair gets one candidate for each of its two closest triggers. Pairs also reach across sentences: with a
party of the sentence before, and, when no party of a cue sentence is its trigger's subject ("The suit
accuses both companies"), with the accusers seen earlier in the article. Questions and negated,
hypothetical or falsely reported triggers give no candidate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimgraph.records import Category, ClaimStatus, EntityType
from nlp import lexicon
from nlp.categories import CategoryCues, category_in
from nlp.doc_data import ClaimCandidate, EntityMention
from nlp.knowledge_base import KnowledgeBase
from nlp.syntax import (
    PARTY_TYPES,
    SUBJECT_DEPS,
    Slots,
    governing_verb,
    is_hypothetical,
    is_negated,
    is_prospective,
)
from nlp.word_matcher import WordMatcher

MODEL_VERSION = 1
# Trigger kinds and their words; SAY alone makes a sentence a candidate only when a category is cued in it.
VERB_TRIGGERS = {
    "ACCUSE": lexicon.ACCUSE_VERBS,
    "ALLEGE": lexicon.ALLEGING_VERBS - lexicon.ACCUSE_VERBS,
    "SUE": lexicon.SUE_VERBS,
    "SANCTION": lexicon.SANCTION_VERBS,
    "INVESTIGATE": lexicon.INVESTIGATE_VERBS,
    "ENFORCE": lexicon.ENFORCE_VERBS,
    "SETTLE": lexicon.SETTLE_VERBS,
    "SAY": lexicon.SAY_VERBS - lexicon.ALLEGING_VERBS,
}
NOUN_TRIGGERS = {
    "LAWSUIT": lexicon.LAWSUIT_NOUNS,
    "ACCUSATION": lexicon.ACCUSATION_NOUNS - lexicon.LAWSUIT_NOUNS,
    "DEFENDANT": frozenset({"defendant", "plaintiff"}),
}
SPEECH_KIND = "SAY"
ROLE_WORDS = frozenset({"by", "against", "from", "for", "of", "with", "over", "to", "on"})
CHAIN_DEPS = frozenset({"conj", "appos", "compound", "flat", "nmod"})
LAWSUIT_STATUS_WORDS = frozenset({"sue", "sued", "suing", "sues", "lawsuit", "suit", "complaint", "countersue"})
RULED_STATUS_WORDS = frozenset({"fine", "fined", "fines", "order", "ordered", "orders", "penalize", "penalized"})
PATH_LIMIT = 3
# Candidates per pair and sentence: one for each of its closest triggers.
TRIGGERS_PER_PAIR = 2
TRIGGER_POS = ("VERB", "NOUN", "PROPN", "ADJ", "AUX")
# Roles that tie a party to the trigger itself: its subject or object, its owner ("X's lawsuit"), "by X",
# "against X", "from X", "on behalf of X".
DIRECT_ROLES = frozenset(
    {"subj", "subj_pass", "obj", "poss_trigger", "prep_by", "prep_against", "prep_from", "prep_behalf", "prep_on"}
)


@dataclass
class PairCandidate:
    """One ordered (accuser, accused) pair in one cue sentence, with its features."""

    accuser_id: str
    accused_id: str
    sentence: Span
    trigger: Token
    features: list[str]
    category: Category | None
    # The tokens of the two mentions the features describe.
    accuser_token: int = -1
    accused_token: int = -1


@dataclass
class _Trigger:
    token: Token
    kind: str


@dataclass(frozen=True)
class _Mentioned:
    """A token standing for a party, and how: "name", "description", "group" or "pronoun"."""

    token: Token
    kind: str


def _distance_bucket(distance: int) -> str:
    for limit, name in ((2, "adjacent"), (5, "near"), (12, "mid"), (25, "far")):
        if distance <= limit:
            return name
    return "very_far"


def _chain_head(token: Token) -> Token:
    """The head of the noun phrase a name sits in: up through lists, appositions and compounds."""
    current = token
    for _ in range(6):
        if current.dep_ in CHAIN_DEPS and current.head.i != current.i:
            current = current.head
        else:
            break
    return current


def _frame(trigger: Token) -> set[int]:
    """The trigger and the words its arguments hang from: its governing verb, a verb it is an
    adverbial or complement of ("sued ..., accusing"), a participle or relative clause on a trigger
    noun ("the suit brought by X against Y")."""
    verb = governing_verb(trigger)
    frame = {trigger.i, verb.i}
    if trigger.dep_ in {"advcl", "xcomp", "conj", "acl"} and trigger.head.i != trigger.i:
        frame.add(trigger.head.i)
    frame.update(child.i for child in trigger.children if child.dep_ in {"acl", "relcl"})
    return frame


def _role(head: Token, trigger: Token) -> str:
    """What a noun phrase is to the trigger's clause: subject, object, the object of "by", "against", ..."""
    frame = _frame(trigger)
    if head.dep_ in SUBJECT_DEPS:
        return ("subj" if head.head.i in frame else "subj_other") + ("_pass" if head.dep_ == "nsubjpass" else "")
    if head.dep_ in {"dobj", "attr", "oprd", "dative"}:
        return "obj" if head.head.i in frame else "obj_other"
    if head.dep_ == "poss":
        return "poss_trigger" if head.head.i == trigger.i else "poss"
    if head.dep_ == "pobj" and head.head.dep_ in {"prep", "agent"}:
        word = head.head.lower_
        if word == "of" and head.head.head.lower_ == "behalf":
            return "prep_behalf"
        near = head.head.head.i in frame
        return f"prep_{word if word in ROLE_WORDS else 'other'}" + ("" if near else "_far")
    return "other"


def _path(token: Token, trigger: Token) -> tuple[list[str], int, bool]:
    """Dependency labels from `token` up to its lowest common ancestor with the trigger, the number of
    steps from there down to the trigger, and whether the token sits inside the trigger's subtree."""
    trigger_ancestors = [trigger, *trigger.ancestors]
    positions = {ancestor.i: index for index, ancestor in enumerate(trigger_ancestors)}
    labels: list[str] = []
    current = token
    for _ in range(40):
        if current.i in positions:
            return labels, positions[current.i], current.i == trigger.i
        labels.append(current.dep_)
        if current.head.i == current.i:
            break
        current = current.head
    return labels, 9, False


def _side_features(prefix: str, token: Token, trigger: Token) -> tuple[list[str], int]:
    head = _chain_head(token)
    labels, down, inside = _path(head, trigger)
    up = labels[:PATH_LIMIT]
    role = _role(head, trigger)
    features = [
        f"{prefix}role={role}",
        f"{prefix}up={'>'.join(up) or 'self'}",
        f"{prefix}up1={up[0] if up else 'self'}",
        f"{prefix}steps={min(len(labels) + down, 6)}",
        f"{prefix}inside={inside}",
        f"{prefix}listed={token.i != head.i and token.dep_ == 'conj'}",
    ]
    return features, len(labels) + down


SideFeatures = Callable[[str, Token, Token], tuple[list[str], int]]


def _memoized_side_features() -> SideFeatures:
    """`_side_features` computed once per mention and trigger of a sentence: every pair of its parties asks
    for the same sides again (the lists it returns are shared: callers concatenate, never change them)."""
    cache: dict[tuple[str, int, int], tuple[list[str], int]] = {}

    def side(prefix: str, token: Token, trigger: Token) -> tuple[list[str], int]:
        key = (prefix, token.i, trigger.i)
        if key not in cache:
            cache[key] = _side_features(prefix, token, trigger)
        return cache[key]

    return side


def _trigger_features(trigger: _Trigger, cross: str) -> list[str]:
    """What every candidate says first: its trigger (kind first: the model pairs it with the rules' verdict)
    and whether the pair reaches across sentences."""
    token = trigger.token
    return [f"trigger={trigger.kind}", f"lemma={token.lemma_.lower()}", f"trigger_pos={token.pos_}", f"cross={cross}"]


def _pair_features(accuser: Token, accused: Token, trigger: _Trigger) -> list[str]:
    """How the two mentions stand to each other and to the trigger."""
    a_head, b_head = _chain_head(accuser), _chain_head(accused)
    a_role, b_role = _role(a_head, trigger.token), _role(b_head, trigger.token)
    a_direct, b_direct = a_role in DIRECT_ROLES, b_role in DIRECT_ROLES
    if a_head.i == b_head.i:
        relation = "same_phrase"
    elif b_head in a_head.ancestors or accused in accuser.ancestors:
        relation = "a_inside_b"
    elif a_head in b_head.ancestors or accuser in accused.ancestors:
        relation = "b_inside_a"
    else:
        relation = "apart"
    low, high = sorted((accuser.i, accused.i))
    return [
        f"roles={a_role}|{b_role}",
        f"same_role={a_role == b_role}",
        f"direct={a_direct}|{b_direct}",
        f"relation={relation}",
        "a_first" if accuser.i < accused.i else "b_first",
        "trigger_between" if low < trigger.token.i < high else "trigger_outside",
        "pair_distance=" + _distance_bucket(high - low),
        "a_trigger_distance=" + _distance_bucket(abs(accuser.i - trigger.token.i)),
        "b_trigger_distance=" + _distance_bucket(abs(accused.i - trigger.token.i)),
        f"{trigger.kind}&roles={a_role}|{b_role}",
        f"{trigger.kind}&direct={a_direct}|{b_direct}",
    ]


def _is_question(sentence: Span) -> bool:
    return sentence.text.rstrip().rstrip("\"'”’").endswith("?")


def _ruled_out(trigger: Token) -> bool:
    """A trigger that states no accusation whatever the weights say: negated ("never accuses"),
    hypothetical ("if X sued Y", "could sue") or reported as false ("falsely said X sued Y")."""
    verb = governing_verb(trigger)
    return (
        is_negated(trigger)
        or is_negated(verb)
        or is_hypothetical(trigger)
        or is_hypothetical(verb)
        or any(word.lower_ in lexicon.FALSE_REPORT_WORDS for word in (*trigger.children, *verb.children))
    )


class PairFeaturizer:
    """Finds cue sentences and describes their candidate pairs (shared by the component and the trainer)."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.cues = CategoryCues(nlp)
        self.triggers = WordMatcher(nlp.vocab)
        for kind, lemmas in VERB_TRIGGERS.items():
            # Any part of speech: the tagger reads some verbs in headlines and lists as nouns ("... and
            # CBC/Radio-Canada allege that"); the trigger's part of speech is a feature.
            self.triggers.add(kind, lemmas=lemmas, pos=TRIGGER_POS)
        for kind, lemmas in NOUN_TRIGGERS.items():
            self.triggers.add(kind, lemmas=lemmas, pos=["NOUN"])
        self.triggers.add("ACCORDING", lowers=["according"])
        self.triggers.add("DESIST", lowers=["desist", "cease-and-desist"])

    def _party(self, entity_id: str, slots: Slots, judicial: dict[str, bool]) -> str | None:
        party = slots.as_party(entity_id)
        if party is None or slots.type_of(party) not in PARTY_TYPES:
            return None
        if party not in judicial:
            judicial[party] = slots.is_judicial(party)
        return None if judicial[party] else party

    def _parties(
        self, sentence: Span, mentions: list[EntityMention], slots: Slots, judicial: dict[str, bool]
    ) -> dict[str, list[_Mentioned]]:
        """Party entities the sentence names, describes ("the start-up"), groups ("the two companies") or
        refers to by a pronoun, with one token per mention (`judicial` caches who is a court or judge)."""
        parties: dict[str, list[_Mentioned]] = {}
        for mention in mentions:
            party = self._party(mention.entity_id, slots, judicial)
            if party is not None:
                root = slots.doc[mention.start : mention.end].root
                kind = "name" if mention.explicit else "description"
                parties.setdefault(party, []).append(_Mentioned(root, kind))
        for token in sentence:
            if token.i in slots.token_group:
                found, kind = list(slots.token_group[token.i]), "group"
            elif token.pos_ == "PRON" and token.i not in slots.token_entity:
                found, kind = slots.resolve_pronoun(token, set()), "pronoun"
            else:
                continue
            for entity_id in found:
                party = self._party(entity_id, slots, judicial)
                if party is not None:
                    parties.setdefault(party, []).append(_Mentioned(token, kind))
        return parties

    def candidates(self, doc: Doc, rule_claims: list[ClaimCandidate]) -> list[PairCandidate]:
        """Every ordered pair of parties in every cue sentence, described by its features."""
        slots = Slots(doc, self.kb)
        cues = self.cues.find(doc)
        entity_tokens = set(slots.token_entity)
        triggers_by_sentence: dict[int, list[_Trigger]] = {}
        for start, kind in self.triggers(doc):
            if kind == "ACCORDING" and (start + 1 >= len(doc) or doc[start + 1].lower_ != "to"):
                continue
            if _ruled_out(doc[start]):
                continue
            triggers_by_sentence.setdefault(doc[start].sent.start, []).append(_Trigger(doc[start], kind))
        rule_pairs = {(claim.accuser_id, claim.accused_id) for claim in rule_claims}
        rule_sentences: dict[int, set[tuple[str, str]]] = {}
        for claim in rule_claims:
            rule_sentences.setdefault(claim.sentence_start, set()).add((claim.accuser_id, claim.accused_id))
        seen_pairs: set[frozenset[str]] = set()
        judicial: dict[str, bool] = {}
        found: list[PairCandidate] = []
        mentions_by_sentence: dict[int, list[EntityMention]] = {}
        for mention in doc._.cg_mentions or []:
            mentions_by_sentence.setdefault(doc[mention.start].sent.start, []).append(mention)
        previous: dict[str, list[_Mentioned]] = {}
        # Parties seen as the subject of an accusing trigger so far, and the rules' accusers.
        accusers: dict[str, _Mentioned] = {}
        for claim in rule_claims:
            accusers.setdefault(claim.accuser_id, _Mentioned(doc[claim.trigger], "rule"))
        for sentence in doc.sents:
            triggers = triggers_by_sentence.get(sentence.start, [])
            if not triggers or _is_question(sentence):
                previous = self._parties(sentence, mentions_by_sentence.get(sentence.start, []), slots, judicial)
                continue
            parties = self._parties(sentence, mentions_by_sentence.get(sentence.start, []), slots, judicial)
            region = set(range(sentence.start, sentence.end)) - entity_tokens
            category = category_in(
                [cue for cue in cues if not cue.weak],
                region,
                mentions_model=any(
                    slots.type_of(e) in {EntityType.MODEL, EntityType.PRODUCT} for e in slots.entities_in(sentence)
                ),
            )
            context = self._sentence_features(sentence, triggers, category, len(parties))
            here = rule_sentences.get(sentence.start, set())

            def history(accuser: str, accused: str, here: set[tuple[str, str]] = here) -> list[str]:
                # What the rules found for other pairs, and for this one.
                others = rule_pairs - {(accuser, accused)}
                return [
                    f"pair_earlier={frozenset((accuser, accused)) in seen_pairs}",
                    f"reverse_by_rules={(accused, accuser) in others}",
                    f"a_rule_accuser={any(pair[0] == accuser for pair in others)}",
                    f"b_rule_accused={any(pair[1] == accused for pair in others)}",
                    f"a_rule_accused={any(pair[1] == accuser for pair in others)}",
                    f"b_rule_accuser={any(pair[0] == accused for pair in others)}",
                    f"rules_here={bool(here - {(accuser, accused)})}",
                    f"rules_pair={(accuser, accused) in rule_pairs}",
                ]

            side = _memoized_side_features()
            for accuser, accuser_mentions in parties.items():
                for accused, accused_mentions in parties.items():
                    if accuser == accused or slots.family(accuser) & slots.family(accused):
                        continue
                    types = self._type_features(accuser, accused, slots)
                    located = self._best_triggers(accuser_mentions, accused_mentions, triggers, side)
                    for rank, (trigger, pair_features, accuser_token, accused_token) in enumerate(located):
                        features = [*_trigger_features(trigger, "none"), f"trigger_rank={rank}"]
                        features += pair_features + types + history(accuser, accused) + context
                        found.append(
                            PairCandidate(
                                accuser,
                                accused,
                                sentence,
                                trigger.token,
                                features,
                                category,
                                accuser_token,
                                accused_token,
                            )
                        )
            found += self._cross_sentence(sentence, parties, previous, triggers, category, context, history, slots)
            found += self._earlier_accusers(
                sentence, parties, previous, accusers, triggers, category, context, history, slots
            )
            seen_pairs.update(frozenset((a, b)) for a in parties for b in parties if a != b)
            accusers.update(self._subjects(parties, triggers))
            previous = parties
        return found

    def _cross_sentence(
        self,
        sentence: Span,
        parties: dict[str, list[_Mentioned]],
        previous: dict[str, list[_Mentioned]],
        triggers: list[_Trigger],
        category: Category | None,
        context: list[str],
        history: Callable[[str, str], list[str]],
        slots: Slots,
    ) -> list[PairCandidate]:
        """Pairs of a party named in this cue sentence and one named only in the sentence before ("Kelpie
        Labs sued two former engineers on Monday. It alleges they took its benchmarks."), both ways."""
        main = [trigger for trigger in triggers if trigger.kind != SPEECH_KIND] or triggers
        trigger = main[0]
        found = []
        for outside, outside_mentions in previous.items():
            if outside in parties:
                continue
            for inside, inside_mentions in parties.items():
                if slots.family(outside) & slots.family(inside):
                    continue
                inside_features, _ = _side_features("in_", inside_mentions[0].token, trigger.token)
                for accuser, accused, direction in (
                    (outside, inside, "prev_accuses"),
                    (inside, outside, "accuses_prev"),
                ):
                    features = _trigger_features(trigger, direction)
                    features += [f"{direction}&{feature}" for feature in inside_features]
                    features += [f"in_mention={inside_mentions[0].kind}", f"out_mention={outside_mentions[0].kind}"]
                    features += self._type_features(accuser, accused, slots) + history(accuser, accused) + context
                    tokens = (outside_mentions[0].token.i, inside_mentions[0].token.i)
                    accuser_token, accused_token = tokens if direction == "prev_accuses" else tokens[::-1]
                    found.append(
                        PairCandidate(
                            accuser, accused, sentence, trigger.token, features, category, accuser_token, accused_token
                        )
                    )
        return found

    @staticmethod
    def _subjects(parties: dict[str, list[_Mentioned]], triggers: list[_Trigger]) -> dict[str, _Mentioned]:
        """The parties that are the subject (or the "by" agent) of a non-speech trigger here."""
        found: dict[str, _Mentioned] = {}
        for trigger in triggers:
            if trigger.kind == SPEECH_KIND:
                continue
            for party, mentions in parties.items():
                for mentioned in mentions:
                    role = _role(_chain_head(mentioned.token), trigger.token)
                    if role in {"subj", "prep_by", "poss_trigger"}:
                        found.setdefault(party, mentioned)
        return found

    def _earlier_accusers(
        self,
        sentence: Span,
        parties: dict[str, list[_Mentioned]],
        previous: dict[str, list[_Mentioned]],
        accusers: dict[str, _Mentioned],
        triggers: list[_Trigger],
        category: Category | None,
        context: list[str],
        history: Callable[[str, str], list[str]],
        slots: Slots,
    ) -> list[PairCandidate]:
        """Pairs of an accuser named in an earlier sentence and a party named here, when no party here is the
        trigger's subject ("Six translators sued Lingofy ... The suit accuses both companies of ...")."""
        main = [trigger for trigger in triggers if trigger.kind != SPEECH_KIND]
        if not main or self._subjects(parties, main):
            return []
        trigger = main[0]
        verb = governing_verb(trigger.token)
        subject = next((child.lemma_.lower() for child in verb.children if child.dep_ in SUBJECT_DEPS), "none")
        found = []
        for accuser, accuser_mention in accusers.items():
            if accuser in parties or accuser in previous:
                continue
            for accused, accused_mentions in parties.items():
                if accused in accusers:
                    continue
                inside_features, _ = _side_features("in_", accused_mentions[0].token, trigger.token)
                features = _trigger_features(trigger, "earlier_accuser")
                features += [f"earlier&{feature}" for feature in inside_features]
                features += [f"in_mention={accused_mentions[0].kind}", f"out_mention={accuser_mention.kind}"]
                features += [f"subject={subject}"]
                features += self._type_features(accuser, accused, slots) + history(accuser, accused) + context
                found.append(
                    PairCandidate(
                        accuser,
                        accused,
                        sentence,
                        trigger.token,
                        features,
                        category,
                        accuser_mention.token.i,
                        accused_mentions[0].token.i,
                    )
                )
        return found

    @staticmethod
    def _best_triggers(
        accuser_mentions: list[_Mentioned],
        accused_mentions: list[_Mentioned],
        triggers: list[_Trigger],
        side: SideFeatures,
    ) -> list[tuple[_Trigger, list[str], int, int]]:
        """Per trigger, the mentions closest to each other in the tree and the pair's features there (names
        preferred to pronouns at equal distance); the `TRIGGERS_PER_PAIR` best triggers, closest first. A
        sentence may hold two readings ("X and Y allege that ..., and they are suing Z"): each is a candidate."""
        per_trigger: list[tuple[int, int, _Trigger, list[str], int, int]] = []
        for order, trigger in enumerate(triggers):
            best: tuple[int, int, _Trigger, list[str], int, int] | None = None
            for accuser in accuser_mentions:
                for accused in accused_mentions:
                    if accuser.token.i == accused.token.i:
                        continue
                    a_features, a_steps = side("a_", accuser.token, trigger.token)
                    b_features, b_steps = side("b_", accused.token, trigger.token)
                    rank = 2 * (a_steps + b_steps) + (200 if trigger.kind == SPEECH_KIND else 0)
                    rank += (accuser.kind == "pronoun") + (accused.kind == "pronoun")
                    if best is None or rank < best[0]:
                        kinds = [f"a_mention={accuser.kind}", f"b_mention={accused.kind}"]
                        pair = _pair_features(accuser.token, accused.token, trigger)
                        best = (
                            rank,
                            order,
                            trigger,
                            a_features + b_features + pair + kinds,
                            accuser.token.i,
                            accused.token.i,
                        )
            if best is not None:
                per_trigger.append(best)
        per_trigger.sort(key=lambda item: item[:2])
        return [item[2:] for item in per_trigger[:TRIGGERS_PER_PAIR]]

    @staticmethod
    def _type_features(accuser: str, accused: str, slots: Slots) -> list[str]:
        def describe(entity_id: str) -> tuple[str, bool]:
            entity_type = slots.type_of(entity_id)
            linked = slots.entities.get(entity_id)
            in_kb = linked.in_kb if linked is not None else entity_id in slots.kb
            return (entity_type.value if entity_type else "none"), in_kb

        a_type, a_kb = describe(accuser)
        b_type, b_kb = describe(accused)
        return [f"a_type={a_type}", f"b_type={b_type}", f"types={a_type}|{b_type}", f"a_kb={a_kb}", f"b_kb={b_kb}"]

    @staticmethod
    def _sentence_features(
        sentence: Span, triggers: list[_Trigger], category: Category | None, party_count: int
    ) -> list[str]:
        main = [trigger for trigger in triggers if trigger.kind != SPEECH_KIND] or triggers
        negated = any(is_negated(t.token) or is_negated(governing_verb(t.token)) for t in main)
        hypothetical = any(is_hypothetical(t.token) for t in main)
        future = any(is_prospective(governing_verb(t.token)) for t in main)
        words = {token.lower_ for token in sentence}
        reported = any(t.kind == SPEECH_KIND for t in triggers) and len(main) < len(triggers)
        return [
            f"negated={negated}",
            f"hypothetical={hypothetical}",
            f"future={future}",
            f"conditional={bool(words & lexicon.HYPOTHETICAL_MARKERS)}",
            f"hedged={bool(words & lexicon.UNCERTAINTY_WORDS)}",
            f"false_report={bool(words & lexicon.FALSE_REPORT_WORDS)}",
            f"reported_speech={reported}",
            f"category={category.value if category else 'none'}",
            f"cued={category is not None}",
            f"parties={min(party_count, 5)}",
            f"trigger_kinds={min(len({t.kind for t in triggers}), 3)}",
        ]


def status_of(sentence: Span) -> ClaimStatus:
    """A simple status from the sentence's words: a suit filed, a fine or order, else an allegation."""
    words = {token.lower_ for token in sentence}
    if words & RULED_STATUS_WORDS:
        return ClaimStatus.RULED
    if words & LAWSUIT_STATUS_WORDS:
        return ClaimStatus.LAWSUIT_FILED
    return ClaimStatus.ALLEGED

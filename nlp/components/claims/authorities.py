"""Frames of authorities acting: sanctions and penalties, investigations and examinations, enforcement orders,
cease-and-desist letters."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.records import ClaimStatus
from nlp import lexicon
from nlp.components.claims.frame import DocState, Frame
from nlp.components.claims.parties import all_authorities, speaker
from nlp.components.claims.speech import accuse, clause_frame
from nlp.components.claims.tree import (
    children,
    open_question,
    prep_objects,
    region_without,
    span_of,
    subtree_indices,
)
from nlp.syntax import SUBJECT_DEPS, Slots, governing_verb, is_hypothetical, is_negated, subject_of


def sanction(verb: Token, slots: Slots, state: DocState) -> list[Frame]:
    """ "the Garante fined OpenAI", "fined Meta 390 million euros": a sanction (status `ruled`)."""
    frames = accuse(verb, slots, state)
    for frame in frames:
        if not frame.accused:
            # "fined Meta 390 million euros": the party hangs off the amount.
            exclude = slots.families(frame.accusers)
            for amount in children(verb, "dobj", "dative"):
                for child in children(amount, "nmod", "compound", "poss"):
                    frame.accused += slots.refers_to_all(child, exclude)
        frame.status = ClaimStatus.RULED
        clauses = [t for t in verb.subtree if t.dep_ in {"ccomp", "pcomp", "pobj"} and t.i > verb.i]
        if frame.allegation is None and clauses:
            frame.allegation = span_of(subtree_indices(clauses[-1]), verb.doc)
    return frames


def penalty(noun: Token, slots: Slots, state: DocState) -> list[Frame]:
    """A sanction by an authority told through its penalty: "X slapped Y with a fine", "X imposed a fine on Y"."""
    if state.has_shape("HIT_WITH", noun):
        verb = noun.head.head
        frames = sanction(verb, slots, state)
    else:
        verb = governing_verb(noun)
        if noun.dep_ != "dobj" or verb.lemma_ not in lexicon.IMPOSE_VERBS:
            return []
        targets = prep_objects(verb, "on", "against") + prep_objects(noun, "on", "against")
        accusers = speaker(verb, slots, state)
        exclude = slots.families(accusers)
        accused = [e for head in targets + children(verb, "dative") for e in slots.refers_to_all(head, exclude)]
        region = region_without(verb, [t for t in [subject_of(verb)] if t is not None])
        frames = [Frame(noun, accusers, accused, region, 0.85, date_verb=verb)]
    if is_negated(verb) or is_hypothetical(verb):
        return []
    by_authority = [frame for frame in frames if all_authorities(frame.accusers, slots)]
    for frame in by_authority:
        frame.status = ClaimStatus.RULED
    return by_authority


def investigate(verb: Token, slots: Slots, state: DocState) -> list[Frame]:
    """ "the FTC is investigating Y", "investigating whether Y ...": an authority's allegation."""
    frames = accuse(verb, slots, state)
    frames = [frame for frame in frames if all_authorities(frame.accusers, slots)]
    questions = [clause for clause in children(verb, "ccomp") if clause.i > verb.i and open_question(clause)]
    for frame in frames:
        if frame.accused or not questions:
            continue
        # "The FTC is investigating whether Microsoft abused its dominance": the question's subject.
        exclude = slots.families(frame.accusers)
        subjects = children(questions[0], *SUBJECT_DEPS)
        frame.accused = [e for subject in subjects for e in slots.refers_to_all(subject, exclude)]
        frame.needs_cue = True
        frame.allegation = span_of(subtree_indices(questions[0]), verb.doc)
        frame.allegation_heads = questions[:1]
    return frames


def examine(verb: Token, slots: Slots, state: DocState) -> list[Frame]:
    """ "The Commission is examining whether X breaches ...", "is looking into whether ...": only the
    question makes an allegation; examining a deal or a document is none."""
    clauses = children(verb, "ccomp") + prep_objects(verb, "into")
    if verb.lemma_ == "look" and not prep_objects(verb, "into"):
        return []
    questions = [clause for clause in clauses if clause.i > verb.i and open_question(clause)]
    accusers = speaker(verb, slots, state)
    if not questions or not all_authorities(accusers, slots):
        return []
    exclude = slots.families(accusers)
    subjects = children(questions[0], *SUBJECT_DEPS)
    accused = [e for subject in subjects for e in slots.refers_to_all(subject, exclude)]
    return [clause_frame(verb, accusers, accused, questions[0], 0.8, date_verb=verb)]


def enforce(verb: Token, slots: Slots, state: DocState) -> list[Frame]:
    """An authority banning, ordering or warning a party: a claim about what the order is about."""
    frames = investigate(verb, slots, state)
    for frame in frames:
        frame.needs_cue = True
        frame.allegation = span_of(frame.region, verb.doc)
        if verb.lemma_ in lexicon.ENFORCE_RULING_VERBS:
            frame.status = ClaimStatus.RULED
    return frames


def investigation(noun: Token, slots: Slots, state: DocState) -> list[Frame]:
    """ "opened an investigation into Y", "a probe into whether Y ...": an authority's allegation."""
    verb = governing_verb(noun)
    accusers = speaker(verb, slots, state) if verb.lemma_ in lexicon.ACTION_VERBS else []
    if not all_authorities(accusers, slots):
        return []
    exclude = slots.families(accusers)
    targets = prep_objects(noun, "into", "of", "against")
    region = subtree_indices(noun)
    if noun.dep_ == "dobj":
        # "opened a probe into Meta over ...": the parser often hangs the target off the verb.
        targets += prep_objects(verb, "into", "against")
        region |= {t.i for prep in children(verb, "prep") for t in prep.subtree}
    accused = [e for head in targets for e in slots.refers_to_all(head, exclude)]
    questions = [head for head in targets if head.pos_ in {"VERB", "AUX"} and open_question(head)]
    for question in questions:
        # "an investigation into whether OpenAI violated ...": an authority's probe of a question is
        # its allegation against the question's subject, one claim per coordinated conduct.
        accused += [e for subject in children(question, *SUBJECT_DEPS) for e in slots.refers_to_all(subject, exclude)]
    return [
        Frame(
            noun,
            accusers,
            accused,
            region,
            0.8,
            date_verb=verb,
            needs_cue=bool(questions),
            allegation=span_of(subtree_indices(questions[0]), noun.doc) if questions else None,
            allegation_heads=questions[:1],
        )
    ]


def cease_and_desist(word: Token, slots: Slots, state: DocState) -> list[Frame]:
    """ "X sent a cease-and-desist letter to Y", "sent Y a cease-and-desist letter": X accuses Y; what of
    comes from the sentence when an authority sends it, from the letter's own words otherwise."""
    letter = word
    for _ in range(4):
        if letter.pos_ == "NOUN" and letter.lemma_ in lexicon.DESIST_NOUNS:
            break
        letter = letter.head
    else:
        return []
    verb = governing_verb(letter)
    if verb.lemma_ not in lexicon.DESIST_VERBS or is_negated(verb) or is_hypothetical(verb):
        return []
    accusers = speaker(verb, slots, state)
    exclude = slots.families(accusers)
    targets = prep_objects(verb, "to") + prep_objects(letter, "to") + children(verb, "dative")
    if letter.dep_ != "dobj":
        targets += children(verb, "dobj")
    accused = [e for head in targets for e in slots.refers_to_all(head, exclude)]
    authority = all_authorities(accusers, slots)
    region = region_without(verb, [t for t in [subject_of(verb)] if t is not None])
    return [Frame(letter, accusers, accused, region, 0.8, date_verb=verb, needs_cue=not authority)]

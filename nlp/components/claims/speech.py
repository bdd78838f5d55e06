"""Frames of accusing and saying: "X accused Y of ...", "X said Y ...", "claims by X that Y ...", "according
to X", "X asked Y to stop ..."."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.records import ClaimStatus
from nlp import lexicon
from nlp.components.claims.frame import DocState, Frame
from nlp.components.claims.parties import (
    all_authorities,
    alleged_failure,
    clause_accused,
    named_in,
    note_document,
    plaintiff,
    same_name,
    speaker,
    suit_pronoun,
    third_party_subject,
)
from nlp.components.claims.tree import (
    children,
    denied,
    document_clause,
    kind_modifiers,
    misread_complements,
    prep_objects,
    region_without,
    relative,
    span_of,
    subtree_indices,
)
from nlp.syntax import (
    SUBJECT_DEPS,
    Slots,
    governing_verb,
    in_open_question,
    is_hypothetical,
    is_infinitive,
    is_negated,
    is_prospective,
    subject_of,
)


def accuse(verb: Token, slots: Slots, state: DocState) -> list[Frame]:
    """ "X accused Y of ...", "Y was accused by X", "accusing them of ...": the subject (or agent)
    accuses the object (or passive subject)."""
    passive = any(child.dep_ == "nsubjpass" for child in verb.children) or (
        verb.tag_ == "VBN" and any(child.dep_ == "agent" for child in verb.children)
    )
    if passive:
        accused_heads = children(verb, "nsubjpass")
        if not accused_heads and verb.dep_ == "acl":
            accused_heads = [verb.head]
        accuser_heads = prep_objects(verb, "by")
        accusers = [e for head in accuser_heads for e in slots.refers_to_all(head)]
        exclude = slots.families(accusers)
        accused = [e for head in accused_heads for e in slots.refers_to_all(head, exclude)]
        region = region_without(verb, accused_heads + accuser_heads)
    else:
        accusers = speaker(verb, slots, state)
        exclude = slots.families(accusers)
        objects = children(verb, "dobj", "dative")
        accused = [e for head in objects for e in slots.refers_to_all(head, exclude)]
        subject = subject_of(verb)
        region = region_without(verb, [subject] if subject is not None and subject.i in subtree_indices(verb) else [])
    of_clause = prep_objects(verb, "of", "over", "for")
    of_clause += [head for obj in children(verb, "dobj") for head in prep_objects(obj, "of")]
    of_clause += [
        child
        for child in verb.children
        if child.dep_ == "advcl"
        and child.tag_ == "VBG"
        and child.i > verb.i
        and not any(grandchild.dep_ in SUBJECT_DEPS for grandchild in child.children)
    ]
    allegation = span_of({t.i for head in of_clause for t in head.subtree}, verb.doc)
    frame = Frame(
        verb, accusers, accused, region, 0.9, allegation=allegation, date_verb=verb, allegation_heads=of_clause
    )
    if verb.lemma_ in lexicon.CHARGE_VERBS and all_authorities(accusers, slots):
        # "The SEC charged X with ...", "prosecutors indicted X": charges brought are a case filed.
        frame.status = ClaimStatus.LAWSUIT_FILED
    return [frame]


def say(verb: Token, slots: Slots, state: DocState) -> list[Frame]:
    """ "X said (that) Y ...", "X alleges Y ...": the speaker accuses the subjects of the reported clause."""
    reporting = verb.head.lemma_ in lexicon.SAY_VERBS | lexicon.ACCUSE_VERBS
    if verb.dep_ == "ccomp" and verb.head.i < verb.i and reporting:
        # "The SEC's complaint says Saniger told investors that ...": speech reported inside an
        # allegation is part of it; its speaker accuses no one.
        return []
    note_document(verb, slots, state)
    clauses = children(verb, "ccomp") or document_clause(verb) or misread_complements(verb)
    if not clauses:
        if verb.dep_ in {"parataxis"} or any(child.dep_ == "ccomp" for child in verb.head.children):
            clauses = [verb.head] if verb.dep_ == "parataxis" else []
        if not clauses:
            return []
    accusers = speaker(verb, slots, state)
    if not accusers:
        return []
    in_suit = any(obj.lemma_ in lexicon.SUIT_NOUNS for obj in prep_objects(verb, "in"))
    if in_suit:
        # "Matthew and Maria Raine say in the lawsuit that ...": the speakers are its plaintiffs.
        state.named_plaintiffs += accusers
        state.plaintiffs[:] = accusers
    exclude = slots.families(accusers)
    clause = clauses[0]
    if in_open_question(clause, clause) or is_prospective(clause):
        return []
    exclude |= named_in(subject_of(verb), slots, verb)
    if denied(clause) and not alleged_failure(clause, verb, slots, exclude):
        return []
    accused = clause_accused(clause, slots, exclude, said=True)
    subject = subject_of(verb)
    accused = [party for party in accused if not any(same_name(party, accuser, slots) for accuser in accusers)]
    suit_speaks = subject is not None and (
        subject.lemma_ in lexicon.LAWSUIT_NOUNS or suit_pronoun(subject, state) is not None
    )
    if not accused and suit_speaks and not third_party_subject(clause, accusers, slots):
        # "The suit says Gruendel prepared a safety roadmap ...": what a suit says of its own plaintiff or
        # of no one is said against its defendants.
        accused = [party for party in dict.fromkeys(state.defendants_of(accusers)) if party not in exclude]
    alleging = verb.lemma_ in lexicon.ALLEGING_VERBS
    grievance = any(token.lower_ in lexicon.GRIEVANCE_WORDS for token in verb.subtree if token.i < clause.i + 3)
    confidence = 0.85 if alleging else 0.75
    if (
        any(token.lemma_.lower() in lexicon.HEDGE_WORDS for token in clause.subtree)
        or verb.lemma_ in lexicon.HEDGE_WORDS
    ):
        confidence -= 0.1
    return [
        Frame(
            verb,
            accusers,
            accused,
            subtree_indices(clause),
            confidence,
            needs_cue=not (alleging or grievance),
            allegation=span_of(subtree_indices(clause), verb.doc),
            date_verb=verb,
            allegation_heads=[clause],
            status=ClaimStatus.LAWSUIT_FILED if in_suit else ClaimStatus.ALLEGED,
        )
    ]


def accusation(noun: Token, slots: Slots, state: DocState) -> list[Frame]:
    """ "claims by X that Y ...", "X's claims against Y", "X made similar allegations against Y"."""
    targets = prep_objects(noun, "against")
    accuser_heads = [c for c in children(noun, "poss") if c.pos_ != "PRON"] + prep_objects(noun, "by", "from")
    accuser_heads += [c for c in children(noun, "compound") if c.i in slots.token_entity]
    if any(child.pos_ == "PRON" for child in children(noun, "poss")):
        if not targets:
            return []
        # "pressing ahead with its claims against the start-up": the owner of the claims, named before.
        accuser_heads = children(noun, "poss")
    verb = governing_verb(noun)
    if not accuser_heads and noun.dep_ == "dobj" and verb.lemma_ in lexicon.MAKE_ACCUSATION_VERBS:
        subject = subject_of(verb)
        accuser_heads = [subject] if subject is not None else []
    if not accuser_heads:
        return []
    suit = suit_pronoun(accuser_heads[0], state)
    if suit is not None:
        # "It also makes a claim that ..." after "The complaint says ...": the complaint's plaintiffs.
        accusers = plaintiff(suit, slots, state)
    else:
        accusers = [e for head in accuser_heads for e in slots.refers_to_all(head)]
    exclude = slots.families(accusers)
    accused = [e for head in targets for e in slots.refers_to_all(head, exclude)]
    # A relative clause ("a claim that the Times did not emphasise") says nothing of the accused.
    clauses = [child for child in noun.children if child.dep_ in {"acl", "ccomp", "relcl"} and not relative(child)]
    if noun.dep_ == "dobj":
        clauses += [
            child
            for child in noun.head.children
            if child.dep_ == "ccomp" and child.i > noun.i and any(c.lower_ == "that" for c in child.children)
        ]
    following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if not clauses and following is not None and following.lower_ == "that" and following.dep_ == "mark":
        clauses = [following.head]
    for clause in clauses:
        accused = accused or clause_accused(clause, slots, exclude)
    if suit is not None:
        # What a suit's "It" claims is against the suit's defendants.
        defendants = state.defendants_of(accusers)
        accused = [party for party in accused if party in defendants] or defendants
    region = (subtree_indices(noun) | {t.i for c in clauses for t in c.subtree}) - {
        t.i for head in accuser_heads for t in head.subtree
    }
    return [
        Frame(
            noun,
            accusers,
            accused,
            region,
            0.8,
            needs_cue=not targets,
            allegation=span_of({t.i for c in clauses for t in c.subtree}, noun.doc),
            date_verb=governing_verb(noun),
            allegation_heads=kind_modifiers(noun, slots) + clauses[:1],
        )
    ]


def according(token: Token, slots: Slots, state: DocState) -> list[Frame]:
    """ "according to a complaint filed by X, Y ...": the source accuses the main clause's subject."""
    sources = children(token.doc[token.i + 1], "pobj")
    if not sources:
        return []
    source = sources[0]
    if source.lemma_ in lexicon.LAWSUIT_NOUNS:
        accusers = plaintiff(source, slots, state)
        # "According to the FTC's complaint, ...": later "The complaint alleges ..." is the FTC's too.
        state.plaintiffs[:] = accusers
    else:
        accusers = slots.refers_to_all(source)
    if not accusers:
        return []
    root = token.sent.root
    exclude = slots.families(accusers)
    subject = subject_of(root)
    accused = slots.refers_to_all(subject, exclude) if subject is not None else []
    accused = [party for party in (slots.as_party(e) for e in accused) if party]
    region = region_without(root, [token])
    return [Frame(token, accusers, accused, region, 0.75, needs_cue=True, allegation=span_of(region, token.doc))]


def asked_to_stop(verb: Token, slots: Slots, state: DocState) -> list[Frame]:
    """ "X asked Y to stop training on its works", "urged Y to cease scraping" (the STOP shape): an accusation
    that Y does what it is asked to stop, when that cues a category."""
    request = verb.head
    if not is_infinitive(verb):
        return []
    accusers = speaker(request, slots, state)
    exclude = slots.families(accusers)
    heads = children(request, "dobj") + prep_objects(request, "on")
    accused = [e for head in heads for e in slots.refers_to_all(head, exclude)]
    if not accusers or not accused or is_negated(request) or is_hypothetical(request):
        return []
    return [clause_frame(verb, accusers, accused, verb, 0.75, date_verb=request)]


def clause_frame(
    trigger: Token, accusers: list[str], accused: list[str], clause: Token, confidence: float, *, date_verb: Token
) -> Frame:
    """A frame whose allegation is one clause, which must cue a category ("whether X breaches ...", "to stop
    training on its works")."""
    region = subtree_indices(clause)
    return Frame(
        trigger,
        accusers,
        accused,
        region,
        confidence,
        needs_cue=True,
        allegation=span_of(region, trigger.doc),
        date_verb=date_verb,
        allegation_heads=[clause],
    )

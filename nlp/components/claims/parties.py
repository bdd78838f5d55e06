"""Who a trigger's parties are: speakers, plaintiffs, co-plaintiffs, authorities, and who a person speaks for."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.records import EntityType
from nlp import lexicon
from nlp.components.claims.frame import ACCUSER_TYPES, STATE_PROSECUTOR_SUFFIX, DocState, Frame
from nlp.components.claims.tree import children, member_of, prep_objects, subtree_indices
from nlp.syntax import SUBJECT_DEPS, Slots, governing_verb, in_open_question, is_negated, subject_of


def suit_pronoun(subject: Token, state: DocState) -> Token | None:
    """The suit an "It" subject stands for, right after sentences about a suit ("The complaint says ...
    It also alleges ...")."""
    if subject.lower_ != "it" or state.topic_suit is None or state.topic_suit.i >= subject.i:
        return None
    if subject.head.i != subject.sent.root.i:
        return None
    return state.topic_suit


def plaintiff(noun: Token, slots: Slots, state: DocState) -> list[str]:
    """Who brought a lawsuit named by `noun`: "X's lawsuit", "a suit filed by X", or the last plaintiff."""
    for child in children(noun, "poss", "compound"):
        found = slots.refers_to_all(child, roles=False)
        if found:
            return found
    agents = [agent for participle in children(noun, "acl") for agent in prep_objects(participle, "by")]
    for agent in agents + prep_objects(noun, "by", "from"):
        found = slots.refers_to_all(agent)
        if found:
            if any(child.lower_ == "the" for child in noun.children):
                # "The lawsuit, led by shareholder Eric Tucker, says ...": the plaintiff of a suit reported before.
                state.named_plaintiffs += found
            return found
    verb = governing_verb(noun)
    if noun.dep_ == "dobj" and verb.lemma_ in lexicon.FILE_VERBS | lexicon.ACTION_VERBS:
        # "The Justice Department unsealed an indictment charging ...": who filed the document.
        found = own_speaker(verb, slots, state)
        if found:
            return found
    return list(state.plaintiffs)


def speaker(verb: Token, slots: Slots, state: DocState) -> list[str]:
    """Who speaks through `verb` (its subject, see `own_speaker`) and who joins them (`companions`)."""
    found = own_speaker(verb, slots, state)
    if found:
        found += [entity for entity in companions(verb, slots) if entity not in found]
    return found


def companions(verb: Token, slots: Slots) -> list[str]:
    """Co-plaintiffs beside the subject: "X, joined by Y, sued ...", "X, along with Y, sued ...",
    "X sued Z together with Y"."""
    subject = subject_of(verb)
    heads = (
        [
            agent
            for joined in children(subject, "acl")
            if joined.lemma_ == "join"
            for agent in prep_objects(joined, "by")
        ]
        if subject is not None
        else []
    )
    for owner in [verb] + ([subject] if subject is not None else []):
        for prep in children(owner, "prep"):
            if prep.lower_ in lexicon.COMPANION_WORDS:
                heads += prep_objects(prep, "with")
    found = [entity for head in heads for entity in slots.refers_to_all(head)]
    return [entity for entity in found if slots.type_of(entity) != EntityType.GROUP]


def own_speaker(verb: Token, slots: Slots, state: DocState) -> list[str]:
    """Who the subject of `verb` is: a suit's plaintiffs, a member of a group a copula names, a
    document's author, or the parties the subject refers to."""
    subject = subject_of(verb)
    if subject is None:
        return []
    if subject.lemma_ in lexicon.LAWSUIT_NOUNS and subject.i not in slots.token_entity:
        return plaintiff(subject, slots, state)
    suit = suit_pronoun(subject, state)
    if suit is not None:
        return plaintiff(suit, slots, state)
    member = member_of(subject) if subject.i == verb.head.i and verb.dep_ in {"acl", "relcl"} else None
    if member is not None:
        # "The Chicago Tribune is one of eight newspapers suing OpenAI": the member named by the copula.
        found = slots.refers_to_all(member)
        if found:
            return found
    found = slots.refers_to_all(subject)
    if not found and subject.lemma_ in lexicon.DOCUMENT_NOUNS and subject.i not in slots.token_entity:
        # "the Claude developer published a report saying that ...": the author of the document speaks.
        author = subject_of(governing_verb(subject)) if subject.dep_ in {"dobj", "nsubjpass"} else None
        found = slots.refers_to_all(author) if author is not None and author.i != subject.i else []
        if found:
            state.documents[subject.lemma_] = found
        elif any(child.lower_ in lexicon.DEFINITE_WORDS for child in children(subject, "det")):
            # "The report said ...": the report an earlier sentence said who wrote.
            found = list(state.documents.get(subject.lemma_, []))
    return found


def clause_accused(clause: Token, slots: Slots, exclude: set[str], *, said: bool = False) -> list[str]:
    """The accused inside a reported clause: its subjects first, then what people are linked to.
    In what someone `said`, a pronoun subject of the clause is the speaker itself ("X said it had seen ...")."""
    subjects = [token for token in clause.subtree if token.dep_ in SUBJECT_DEPS and not in_open_question(token, clause)]
    for subject in subjects:
        speaker_itself = said and subject.pos_ == "PRON" and subject.lower_ in lexicon.SPEAKER_PRONOUNS
        if speaker_itself and (subject.head.i == clause.i or set(slots.refers_to_all(subject)) & exclude):
            # "X said it ...", "X says they ...": the speaker speaking of itself, not an accused.
            continue
        found = [entity for entity in slots.refers_to_all(subject, exclude) if not slots.family(entity) & exclude]
        parties = [party for party in (slots.as_party(entity) for entity in found) if party]
        parties = [party for party in parties if not slots.family(party) & exclude]
        if parties:
            return parties
    settled = [
        token for token in clause.subtree if token.lower_ in lexicon.LINK_WORDS and not in_open_question(token, clause)
    ]
    linked = [slots.as_party(entity) for entity in slots.linked_entities(settled)]
    return [party for party in linked if party and not slots.family(party) & exclude]


def all_authorities(accusers: list[str], slots: Slots) -> bool:
    """There are accusers and every one of them is an authority."""
    return bool(accusers) and all(authority(accuser, slots) for accuser in accusers)


def authority(entity_id: str, slots: Slots) -> bool:
    """A regulator, or an official acting like one: a person whose KB role or title in the text
    ("Senator Josh Hawley", "Attorney General Ken Paxton") is an office."""
    return slots.is_institution_or_titled(entity_id, EntityType.REGULATOR, lexicon.OFFICIAL_TITLES)


def third_party_subject(clause: Token, accusers: list[str], slots: Slots) -> bool:
    """A noun subject in the clause that is not the accusers ("the scheme ... charged consumers")."""
    for token in clause.subtree:
        if token.dep_ not in {"nsubj", "nsubjpass"} or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        named = slots.refers_to_all(token)
        if not named or not all(any(same_name(n, a, slots) for a in accusers) for n in named):
            return True
    return False


def named_in(phrase: Token | None, slots: Slots, verb: Token) -> set[str]:
    """Every party a speaker's noun phrase names ("a number of publishers, including Forbes and Condé Nast"),
    outside what the speaker says (`verb`): none of them is accused by the phrase's own speaker."""
    if phrase is None:
        return set()
    said = subtree_indices(verb)
    named: set[str] = set()
    for token in phrase.subtree:
        if token.i in said:
            continue
        named |= set(slots.token_group.get(token.i, []))
        if token.i in slots.token_entity:
            named.add(slots.token_entity[token.i])
    return named


def same_name(first: str, second: str, slots: Slots) -> bool:
    """One name the first words of the other ("Larkspur" and "Larkspur Media Group"), or for people the
    last ("Gruendel" and "Robert Gruendel"): one party."""
    first_words, second_words = slots.name_of(first).lower().split(), slots.name_of(second).lower().split()
    shorter, longer = sorted((first_words, second_words), key=len)
    if not shorter:
        return False
    people = slots.type_of(first) == slots.type_of(second) == EntityType.PERSON
    return longer[: len(shorter)] == shorter or (people and longer[-len(shorter) :] == shorter)


def in_apposition(first: str, second: str, slots: Slots) -> bool:
    """One entity is named in apposition to the other ("the attorney general, William Tong")."""
    for index in slots.tokens_of(second):
        token = slots.doc[index]
        if token.dep_ == "appos" and slots.token_entity.get(token.head.i) == first:
            return True
        if any(child.dep_ == "appos" and slots.token_entity.get(child.i) == first for child in token.children):
            return True
    return False


def note_document(verb: Token, slots: Slots, state: DocState) -> None:
    """Who wrote the document a speaker speaks in ("X said in a letter ..."), for a later "The letter said"."""
    subject = subject_of(verb)
    for document in prep_objects(verb, "in"):
        authors = slots.refers_to_all(subject) if subject is not None else []
        if authors and document.lemma_ in lexicon.DOCUMENT_NOUNS:
            state.documents[document.lemma_] = authors


def alleged_failure(clause: Token, verb: Token, slots: Slots, exclude: set[str]) -> bool:
    """A negated reported clause that states a failure, not a denial: alleged ("The complaint alleges that
    the company did not test its chatbot"), or said of another party named in it ("the ANPD said Meta's
    policy did not give users adequate information"); "it did not copy" and "the company had no interest
    in ..." stay denials."""
    if not is_negated(clause):
        return False
    if verb.lemma_ in lexicon.ALLEGING_VERBS:
        return True
    subject = subject_of(clause)
    if subject is None or subject.lemma_ in lexicon.ACCUSATION_NOUNS | lexicon.LAWSUIT_NOUNS:
        return False
    named = [token for token in (subject, *children(subject, "poss")) if token.pos_ == "PROPN"]
    parties = [party for token in named for party in slots.refers_to_all(token)]
    # Whoever the speaker's side of the sentence names ("Mercor co-founder Surya Midha said ...") speaks for it.
    speaker_side = set(slots.entities_in(token for token in verb.sent if token.i < verb.i))
    return bool(parties) and not any(slots.family(party) & (exclude | speaker_side) for party in parties)


def valid_accuser(entity_id: str, slots: Slots, frame: Frame) -> bool:
    """A party that can accuse: no judge or court."""
    return slots.type_of(entity_id) in ACCUSER_TYPES and not slots.is_judicial(entity_id)


def speaks_for(person: str, party: str, slots: Slots) -> bool:
    """A person the article describes as someone of `party`: "Christian Dowell, the company's general
    counsel, said ..." speaks for the company and accuses it of nothing, here or later ("He said ...")."""
    if slots.type_of(person) != EntityType.PERSON:
        return False
    family = slots.family(party)
    for index in slots.tokens_of(person):
        token = slots.doc[index]
        roles = [child for child in token.children if child.dep_ == "appos"]
        roles += [token.head] if token.dep_ == "appos" else []
        for role in roles:
            if role.i in slots.token_entity:
                continue
            if set(slots.refers_to(role)) & family:
                return True
    return False


def credited(person: str, slots: Slots, *, spoken: bool) -> list[str]:
    """Who an accusation by `person` is credited to (see `_represented`), except that news credits what a
    named state attorney general does to the person ("Ken Paxton, the state's attorney general, opened an
    investigation"), not to the office."""
    parties = represented(person, slots, spoken=spoken)
    if parties and parties != [person] and all(party.endswith(STATE_PROSECUTOR_SUFFIX) for party in parties):
        return [person]
    return parties


def represented(person: str, slots: Slots, *, spoken: bool) -> list[str]:
    """Who an accusation by `person` is credited to: the party a lawyer or spokesperson speaks for ("Justin
    Nelson, a lawyer for the authors"; no one when that party is a nameless group or a place), and in
    reported speech the organisation an executive leads ("Mary Rasenberger, chief executive of the Authors
    Guild, said ..."); anyone else speaks for themselves."""
    if slots.type_of(person) != EntityType.PERSON:
        return [person]
    roles_for = lexicon.REPRESENTATIVE_NOUNS | lexicon.PROSECUTOR_NOUNS
    roles_for |= lexicon.EXECUTIVE_NOUNS if spoken else frozenset()
    for index in slots.tokens_of(person):
        token = slots.doc[index]
        roles = children(token, "appos") + ([token.head] if token.dep_ == "appos" else [])
        for role in roles:
            prosecutor = role.lower_ == "general" and role.i > 0 and slots.doc[role.i - 1].lower_ == "attorney"
            if role.i in slots.token_entity or (role.lemma_.lower() not in roles_for and not prosecutor):
                continue
            parties = [party for party in slots.refers_to(role) if party != person]
            parties = [
                party
                for party in parties
                if slots.type_of(party) in ACCUSER_TYPES - {EntityType.GROUP, EntityType.PERSON}
                and not slots.is_judicial(party)
            ]
            return parties or office_of(person, slots)
    return [person]


def office_of(person: str, slots: Slots) -> list[str]:
    """The authority an official whose sentence names none works for ("Matthew Podolsky, the acting U.S.
    attorney in Manhattan"), when the KB says which; nobody otherwise (a lawyer speaks for a client)."""
    kb_person = slots.kb.get(person)
    office = slots.kb.get(kb_person.affiliation) if kb_person is not None and kb_person.affiliation else None
    return [office.id] if office is not None and office.type == EntityType.REGULATOR else []

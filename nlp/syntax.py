"""Reading who-did-what from the dependency parse: the slot helpers the claim and response rules share.

A slot is a noun-phrase head (a subject, an object, the object of "by" or "against"); `Slots`
turns it into the canonical entities it refers to, through the linker's mentions and resolved
descriptions, conjunctions ("DeepSeek, Moonshot AI and MiniMax"), appositions ("Italy's data
protection authority, the Garante"), role nouns ("an Anthropic spokesperson", "a spokesperson
for Alibaba Cloud", "former xAI employees") and pronouns.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from claimgraph.records import EntityType
from nlp import lexicon
from nlp.doc_data import LinkedEntity
from nlp.knowledge_base import KnowledgeBase
from nlp.lexicon import (
    LINK_WORDS,
    NAMING_VERBS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    ROLE_PREPOSITIONS,
    THING_PRONOUNS,
)

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
PARTY_TYPES = frozenset(
    {
        EntityType.COMPANY,
        EntityType.PERSON,
        EntityType.REGULATOR,
        EntityType.OUTLET,
        EntityType.ORGANIZATION,
        EntityType.GROUP,
    }
)
DATE_ENTITIES_KEY = "cg_date_entities"


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, climbing through participles, infinitives and coordinated verbs."""
    current: Token | None = verb
    for _ in range(6):
        if current is None:
            return None
        subjects = [child for child in current.children if child.dep_ in SUBJECT_DEPS]
        if subjects:
            before = [child for child in subjects if child.i < current.i]
            return before[-1] if before else subjects[0]
        if current.dep_ in {"advcl", "xcomp", "conj", "acl", "pcomp", "prep"} and current.head.i != current.i:
            if current.dep_ == "acl" and current.head.pos_ in {"NOUN", "PROPN"}:
                return current.head
            current = current.head
        elif current.dep_ == "relcl" and current.head.dep_ == "attr" and is_infinitive(current):
            # "Penske became the first publisher to go after Google, claiming ...": the copula's subject.
            copula = current.head.head
            return next((child for child in copula.children if child.dep_ == "nsubj"), None)
        else:
            return None
    return None


def is_infinitive(verb: Token) -> bool:
    """The verb has its own "to" ("to go after Google", "to stop training")."""
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)


def _has_negation(token: Token) -> bool:
    return any(child.dep_ == "neg" or child.lower_ in {"never", "not", "n't"} for child in token.children)


def is_negated(token: Token) -> bool:
    """A negated word, or a verb coordinated under a negated one that shares its subject
    ("does not name OpenAI or accuse the company")."""
    if _has_negation(token):
        return True
    return (
        token.dep_ == "conj"
        and token.pos_ in {"VERB", "AUX"}
        and not any(child.dep_ in SUBJECT_DEPS for child in token.children)
        and _has_negation(token.head)
    )


def is_hypothetical(token: Token) -> bool:
    """A trigger under "if"/"whether" or with a would/could/might modal."""
    for child in token.children:
        if child.dep_ == "mark" and child.lower_ in lexicon.HYPOTHETICAL_MARKERS:
            return True
        if child.dep_ == "aux" and child.lower_ in lexicon.HYPOTHETICAL_MODALS:
            return True
    head = token
    while head.dep_ in {"advcl", "ccomp", "xcomp", "conj"} and head.head is not head:
        if any(c.dep_ == "mark" and c.lower_ in lexicon.HYPOTHETICAL_MARKERS for c in head.children):
            return True
        head = head.head
    return False


def relative_antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: "Getty Images, which said ..." -> Getty Images."""
    if token.lower_ not in RELATIVE_PRONOUNS or token.dep_ not in SUBJECT_DEPS:
        return None
    clause = token.head
    if clause.dep_ == "relcl" and clause.head.pos_ in {"NOUN", "PROPN"}:
        return clause.head
    return None


def in_open_question(token: Token, clause: Token) -> bool:
    """True when `token` sits in a "whether"/"if" clause inside `clause` (or is one): an open question."""
    current = token
    for _ in range(12):
        if any(child.dep_ == "mark" and child.lower_ in lexicon.HYPOTHETICAL_MARKERS for child in current.children):
            return True
        if current.i == clause.i or current.head.i == current.i:
            return False
        current = current.head
    return False


def is_prospective(verb: Token) -> bool:
    """A clause about what someone will or would do ("it would still let OpenAI use Claude")."""
    auxiliaries = {child.lower_ for child in verb.children if child.dep_ == "aux"}
    return bool(auxiliaries & {"will", "would", "'ll", "wo", "shall"}) and "have" not in auxiliaries


def is_perfect(token: Token) -> bool:
    """True for "has sued", "had alleged": a background claim with no date of its own."""
    return any(child.dep_ == "aux" and child.lemma_ == "have" for child in token.children)


class Slots:
    """Entity lookups over one document's linker output."""

    def __init__(self, doc: Doc, kb: KnowledgeBase) -> None:
        self.doc = doc
        self.kb = kb
        self.entities: dict[str, LinkedEntity] = doc._.cg_entities or {}
        self.token_entity: dict[int, str] = doc._.cg_token_entity or {}
        self.token_group: dict[int, list[str]] = doc._.cg_token_group or {}
        self.mention_starts = sorted(
            (mention.start, mention.entity_id) for mention in (doc._.cg_mentions or []) if mention.explicit
        )
        self.mention_positions = [start for start, _ in self.mention_starts]
        self._entity_tokens: dict[str, list[int]] | None = None

    def tokens_of(self, entity_id: str) -> list[int]:
        """Every token that names or describes `entity_id` (indexed once per document)."""
        if self._entity_tokens is None:
            self._entity_tokens = {}
            for index, named in self.token_entity.items():
                self._entity_tokens.setdefault(named, []).append(index)
        return self._entity_tokens.get(entity_id, [])

    def type_of(self, entity_id: str) -> EntityType | None:
        entity = self.entities.get(entity_id)
        if entity is not None:
            return entity.type
        kb_entity = self.kb.get(entity_id)
        return kb_entity.type if kb_entity else None

    def name_of(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        if entity is not None:
            return entity.name
        kb_entity = self.kb.get(entity_id)
        return kb_entity.name if kb_entity else entity_id

    def family(self, entity_id: str) -> set[str]:
        return self.kb.family(entity_id) if entity_id in self.kb else {entity_id}

    def is_institution_or_titled(self, entity_id: str, institution: EntityType, titles: frozenset[str]) -> bool:
        """Whether the entity is of type `institution`, or a person whose KB role or title just before a
        mention in the text is one of `titles`."""
        entity_type = self.type_of(entity_id)
        if entity_type == institution:
            return True
        if entity_type != EntityType.PERSON:
            return False
        kb_entity = self.kb.get(entity_id)
        if kb_entity is not None and kb_entity.role and set(kb_entity.role.lower().split()) & titles:
            return True
        return any(
            start > 0 and self.doc[start - 1].lower_ in titles
            for start, mentioned in self.mention_starts
            if mentioned == entity_id
        )

    def is_judicial(self, entity_id: str) -> bool:
        """A court or a judge ("Judge Colleen McMahon", "U.S. District Judge Jed Rakoff"): their rulings
        set statuses; they neither accuse nor are accused."""
        return self.is_institution_or_titled(entity_id, EntityType.COURT, lexicon.JUDICIAL_TITLES)

    def families(self, entity_ids: Iterable[str]) -> set[str]:
        """Every member of the corporate families of `entity_ids` (what an accused may not belong to)."""
        return {member for entity_id in entity_ids for member in self.family(entity_id)}

    def as_party(self, entity_id: str) -> str | None:
        """The party an entity stands for: itself, or for a model/product its developer."""
        entity_type = self.type_of(entity_id)
        if entity_type in PARTY_TYPES:
            return entity_id
        if entity_type in {EntityType.MODEL, EntityType.PRODUCT}:
            return self.kb.developer_of(entity_id)
        return None

    # --- pronouns -------------------------------------------------------------------------
    def resolve_pronoun(self, token: Token, exclude: set[str]) -> list[str]:
        word = token.lower_
        if word in PLURAL_PRONOUNS:
            for index in sorted(self.token_group, reverse=True):
                if index < token.i and not set(self.token_group[index]) & exclude:
                    return list(self.token_group[index])
            return []
        if word in PERSON_PRONOUNS:
            allowed = frozenset({EntityType.PERSON})
        elif word in THING_PRONOUNS:
            allowed = PARTY_TYPES - {EntityType.PERSON, EntityType.GROUP}
        else:
            return []
        for ancestor in token.ancestors:
            for child in ancestor.children:
                if child.dep_ in SUBJECT_DEPS and child.i < token.i and child.i in self.token_entity:
                    entity_id = self.token_entity[child.i]
                    if self.type_of(entity_id) in allowed and entity_id not in exclude:
                        return [entity_id]
        earliest = token.sent.start if token.sent.start == 0 else self.doc[token.sent.start - 1].sent.start
        positions = self.mention_positions
        for index in range(bisect_left(positions, token.i) - 1, bisect_left(positions, earliest) - 1, -1):
            _, entity_id = self.mention_starts[index]
            if self.type_of(entity_id) in allowed and entity_id not in exclude:
                return [entity_id]
        return []

    # --- noun phrases ---------------------------------------------------------------------
    def _direct(self, token: Token, exclude: set[str]) -> list[str]:
        if token.i in self.token_entity:
            return [self.token_entity[token.i]]
        if token.i in self.token_group:
            return list(self.token_group[token.i])
        antecedent = relative_antecedent(token)
        if antecedent is not None:
            return self.refers_to_all(antecedent, exclude)
        if token.pos_ == "PRON":
            return self.resolve_pronoun(token, exclude)
        return []

    def refers_to(self, token: Token, exclude: set[str] | None = None, *, roles: bool = True) -> list[str]:
        """Entities a noun-phrase head refers to (not following its conjuncts)."""
        exclude = exclude or set()
        found = self._direct(token, exclude)
        if found and all(self.type_of(entity_id) == EntityType.PLACE for entity_id in found):
            # "SAN FRANCISCO (Wire) — Claude maker Anthropic accused ...": a dateline the parser made the
            # subject, with the party in apposition.
            for child in token.children:
                named = self._direct(child, exclude) if child.dep_ == "appos" else []
                if named and any(self.type_of(entity_id) in PARTY_TYPES for entity_id in named):
                    return named
        if found:
            return found
        for child in token.children:
            if child.dep_ == "appos":
                found = self._direct(child, exclude)
                if found:
                    # "three companies that sell scraped data — SerpApi, Oxylabs and AWMProxy": every name listed.
                    for conjunct in child.conjuncts:
                        if conjunct.i in self.token_entity or conjunct.i in self.token_group:
                            found += [e for e in self._direct(conjunct, exclude) if e not in found]
                    return found
        for name in self._given_names(token):
            found = self._direct(name, exclude)
            if found:
                return found
        if token.lower_ in {"none", "all", "each", "both", "some"}:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for grandchild in child.children:
                        found = self._direct(grandchild, exclude)
                        if found:
                            return found
        if not roles:
            return []
        for child in token.children:
            if child.dep_ in {"compound", "poss", "nmod"} and child.i < token.i:
                found = self._direct(child, set())
                if found:
                    return found
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ROLE_PREPOSITIONS:
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        found = self._direct(grandchild, exclude)
                        if found:
                            return found
        return []

    @staticmethod
    def _given_names(token: Token) -> list[Token]:
        """The name a participle gives a noun: "The authority, known as AGCM," -> AGCM."""
        names: list[Token] = []
        for participle in token.children:
            if participle.dep_ != "acl" or participle.lemma_ not in NAMING_VERBS or participle.tag_ != "VBN":
                continue
            names += [child for child in participle.children if child.dep_ in {"oprd", "attr", "dobj"}]
            names += [
                grandchild
                for child in participle.children
                if child.dep_ == "prep" and child.lower_ == "as"
                for grandchild in child.children
                if grandchild.dep_ == "pobj"
            ]
        return names

    def refers_to_all(self, token: Token, exclude: set[str] | None = None, *, roles: bool = True) -> list[str]:
        """Entities of a noun phrase and of its conjuncts, in order, without repeats."""
        result: list[str] = []
        heads = [token, *token.conjuncts]
        for appositive in (child for child in token.children if child.dep_ == "appos"):
            if appositive.i in self.token_entity or appositive.i in self.token_group:
                # "Sarah Andersen, Kelly McKernan and Karla Ortiz", "artists Hannah Becker, Kelly Moreau
                # and ...": a list the parser read as a head with a coordinated appositive; every name of
                # it is a member, and a group noun they name ("artists") is no party of its own.
                # Only named conjuncts: "Albert Saniger, the founder and chief executive of Nate" names no Nate.
                named = [c for c in appositive.conjuncts if c.i in self.token_entity or c.i in self.token_group]
                heads += ([appositive] if appositive.conjuncts else []) + named
                own = self._direct(token, set()) if appositive.conjuncts else []
                if own and all(self.type_of(entity_id) == EntityType.GROUP for entity_id in own):
                    heads.remove(token)
        for head in heads:
            if self.is_possessor_of_name(head):
                continue
            for entity_id in self.refers_to(head, exclude, roles=roles):
                if entity_id not in result:
                    result.append(entity_id)
        return result

    def is_possessor_of_name(self, token: Token) -> bool:
        """A name the parser coordinated although it owns the next one: "Disney and Comcast's
        Universal sued" names Universal, not Comcast."""
        owner = self.token_entity.get(token.i)
        marks = [child for child in token.children if child.dep_ == "case" and child.i > token.i]
        if owner is None or not marks:
            return False
        owned = self.token_entity.get(marks[0].i + 1)
        return owned is not None and owned != owner

    def linked_entities(self, tokens: Iterable[Token]) -> list[str]:
        """Entities named as what a person is linked to: "individuals linked to DeepSeek"."""
        result: list[str] = []
        for token in tokens:
            if token.lower_ in LINK_WORDS:
                for child in token.children:
                    if child.dep_ in {"prep", "agent"}:
                        for grandchild in child.children:
                            for entity_id in self.refers_to_all(grandchild, roles=False):
                                if entity_id not in result:
                                    result.append(entity_id)
        return result

    def entities_in(self, span: Span | Iterable[Token]) -> list[str]:
        result: list[str] = []
        for token in span:
            entity_id = self.token_entity.get(token.i)
            if entity_id and entity_id not in result:
                result.append(entity_id)
        return result


def tense_of(verb: Token) -> str:
    """'perfect' ("has sued", "had alleged"), 'present' ("says") or 'past' ("said")."""
    current = verb
    while current.dep_ in {"advcl", "xcomp", "conj"} and current.tag_ in {"VBG", "VB"} and current.head.i != current.i:
        current = current.head
    if is_perfect(current):
        return "perfect"
    if current.tag_ in {"VBZ", "VBP"}:
        return "present"
    return "past"


def governing_verb(token: Token) -> Token:
    """The verb a noun or preposition hangs from (the token itself when it is a verb)."""
    current = token
    for _ in range(8):
        if current.pos_ in {"VERB", "AUX"} or current.head.i == current.i:
            return current
        current = current.head
    return current


def date_entities(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end tokens of the document's DATE entities, computed once per document."""
    cached = doc.user_data.get(DATE_ENTITIES_KEY)
    if cached is None:
        dates = [ent for ent in doc.ents if ent.label_ == "DATE"]
        cached = ([ent.start for ent in dates], [ent.end for ent in dates])
        doc.user_data[DATE_ENTITIES_KEY] = cached
    return cached


def own_date_phrases(verb: Token) -> tuple[str, ...]:
    """DATE entities of the sentence that modify `verb` itself, with their preposition: "on Friday"."""
    starts, ends = date_entities(verb.doc)
    sentence = verb.sent
    phrases = []
    for index in range(bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)):
        ent = verb.doc[starts[index] : ends[index]]
        current = ent.root
        while current.pos_ not in {"VERB", "AUX"} and current.head.i != current.i:
            current = current.head
        if current.i != verb.i:
            continue
        previous = verb.doc[ent.start - 1] if ent.start > 0 else None
        prefix = previous.text + " " if previous is not None and previous.dep_ == "prep" else ""
        phrases.append(prefix + ent.text)
    return tuple(phrases)

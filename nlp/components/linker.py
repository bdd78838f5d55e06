"""`claimgraph_linker_v1`: turns entity spans and descriptions into canonical entities.

After the NER: KB spans keep their KB id; other PERSON/ORG/GPE/PRODUCT spans become entities
with an id made from their name (the same name gives the same id in every article), typed by
label and by the words in their name; noise ("AI", "CEO", dates, money) is dropped. Then
descriptions are resolved in context: KB descriptors ("the Claude maker"), "the ChatGPT maker"
(the developer of a product named inside), definite descriptions ("the San Francisco start-up",
"the Chinese company", "the Hangzhou-based company", "the agency") to the most salient earlier
entity that fits, and plural descriptions ("the three companies", "the publishers", "the
authors") to a group of earlier entities.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from claimgraph.records import EntityType, slugify
from nlp import lexicon
from nlp.components import groups as plaintiff_groups
from nlp.components.entity_ruler import ATTRIBUTIVE_WORDS, in_other_name
from nlp.components.short_names import extend_name_span, resolve_short_names
from nlp.doc_data import EntityMention, LinkedEntity, register_extensions
from nlp.knowledge_base import KBEntity, KnowledgeBase, load_knowledge_base
from nlp.lexicon import (
    AUTHORITY_NOUNS,
    COMMITTEE_NOUNS,
    COMPANY_NAME_ENDINGS,
    DETERMINERS,
    EXTRA_NATIONALITIES,
    GENERIC_AUTHORITY_NOUNS,
    GENERIC_COMPANY_PHRASES,
    LEGISLATURE_WORDS,
    MAKER_NOUNS,
    NUMBER_WORDS,
    OWNERSHIP_WORDS,
    QUANTITY_WORDS,
    STATE_WORDS,
)
from nlp.word_matcher import WordMatcher

COMPANY_TYPES = frozenset({EntityType.COMPANY, EntityType.OUTLET, EntityType.ORGANIZATION})
KIND_TYPES: tuple[tuple[frozenset[str], frozenset[EntityType]], ...] = (
    (lexicon.REGULATOR_KIND_NOUNS, frozenset({EntityType.REGULATOR})),
    (lexicon.COURT_KIND_NOUNS, frozenset({EntityType.COURT})),
    (lexicon.OUTLET_KIND_NOUNS, frozenset({EntityType.OUTLET})),
    (lexicon.PERSON_KIND_NOUNS, frozenset({EntityType.PERSON})),
    (lexicon.COMPANY_KIND_NOUNS, COMPANY_TYPES),
)
PLURAL_TYPES = {
    "publishers": frozenset({EntityType.OUTLET, EntityType.COMPANY}),
    "newspapers": frozenset({EntityType.OUTLET}),
    "labels": frozenset({EntityType.COMPANY}),
}
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"})
NATIONALITY_PATTERNS = tuple(
    (re.compile(rf"(^|\s){re.escape(word)}(\s|$)"), country) for word, country in lexicon.NATIONALITIES.items()
)
# A definite description refers to an entity named at most this many tokens before it (a few
# pages of news); the bound keeps description resolution linear on very long texts.
DESCRIPTION_WINDOW = 3000
MAX_MODIFIERS = 8
# A group noun stands for the members a list names at most this many tokens after it (a paragraph or two).
MEMBERS_AHEAD = 200
MODIFIER_POS = frozenset({"ADJ", "NOUN", "PROPN", "CCONJ"})
LEGAL_SUFFIX = re.compile(
    r"(?:,?\s+)(?:Inc\.?|Incorporated|LLC|L\.L\.C\.|LLP|Ltd\.?|Limited|Corp\.?|Co\.|PLC|plc|GmbH|AG|SE|S\.A\.|N\.V\.|"
    r"S\.p\.A\.|Pty)$"
)
COMMITTEE_WINDOW = 2
DATELINE_MARKS = frozenset({"—", "–", "-", "(", ","})
# Last words that make a name a company's, whatever label the NER gave it.
MISTAKEN_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "NORP"})


def _clean_name(span: Span) -> str:
    """The entity's display name: no leading 'the', no amount the NER ran on with ("Acme $2 million"), no
    possessive ending, single spaces."""
    tokens = list(span)
    while tokens and tokens[0].lower_ in DETERMINERS:
        tokens = tokens[1:]
    amount = next((index for index, token in enumerate(tokens) if index and token.is_currency), None)
    if amount is not None:
        tokens = tokens[:amount]
    while tokens and tokens[-1].text in {"'s", "'", "’s", "’"}:
        tokens = tokens[:-1]
    text = "".join(token.text_with_ws for token in tokens).strip()
    return re.sub(r"\s+", " ", text)


def strip_legal_suffix(name: str) -> str:
    """The name without a corporate suffix ("Luka Inc." -> "Luka"), so that both forms are one entity."""
    stripped = LEGAL_SUFFIX.sub("", name).strip()
    return stripped if stripped and stripped != name else name


def _nationality(text: str) -> str | None:
    """The country code of a nationality adjective or bloc word ("Italian", "Norwegian", "EU")."""
    lowered = text.lower()
    return lexicon.NATIONALITIES.get(lowered) or EXTRA_NATIONALITIES.get(lowered)


def _domains(words: set[str]) -> set[str]:
    return lexicon.authority_domains(words)


def _hyphen_word(doc: Doc, index: int) -> str | None:
    """The lower-case word hyphenated right after token `index` ("Musk-owned" -> "owned")."""
    if index + 2 < len(doc) and doc[index + 1].text == "-" and not doc[index].whitespace_:
        return doc[index + 2].lower_
    return None


def _trimmed(ent: Span) -> Span:
    """The NER span without the lower-case verbs it ran on with ("Universal sued" -> "Universal")."""
    end = ent.end
    while end - 1 > ent.start and ent.doc[end - 1].pos_ in {"VERB", "AUX"} and ent.doc[end - 1].is_lower:
        end -= 1
    return ent if end == ent.end else Span(ent.doc, ent.start, end, label=ent.label)


def _opens_paragraph(doc: Doc, start: int) -> bool:
    return start == 0 or doc[start - 1].is_space or "\n" in doc[start - 1].whitespace_


def _in_capitals(tokens: Span) -> bool:
    """Words all in capitals, four letters or more: short capitals ("IBM") are names, not places."""
    letters = [token for token in tokens if token.is_alpha]
    return bool(letters) and all(token.is_upper for token in letters) and sum(len(token) for token in letters) >= 4


def _is_dateline(ent: Span) -> bool:
    """ "MUMBAI —", "SAN FRANCISCO, Dec 15 (Wire) -": a place in capitals opening a paragraph, whatever the
    NER took it for. Short capitals ("IBM, the computing giant, ...") are names, not datelines."""
    doc = ent.doc
    following = doc[ent.end].text if ent.end < len(doc) else ""
    return _in_capitals(ent) and _opens_paragraph(doc, ent.start) and following in DATELINE_MARKS


def _after_dateline(ent: Span) -> Span | None:
    """The name after a dateline the NER ran into it ("AUSTIN — Helix Inference" -> "Helix Inference"), the
    span itself when it opens with no dateline, or None when it is all dateline ("SEOUL (BN")."""
    doc = ent.doc
    if not _opens_paragraph(doc, ent.start):
        return ent
    for index in range(ent.start + 1, ent.end):
        if doc[index].text not in DATELINE_MARKS or doc[index].text == ",":
            continue
        if not _in_capitals(doc[ent.start : index]):
            return ent
        if doc[index].text == "(" or index + 1 == ent.end:
            return None
        return Span(doc, index + 1, ent.end, label=ent.label)
    return ent


def _with_company_ending(ent: Span) -> Span:
    """ "Bramblewood AI" when the NER took only "Bramblewood" (for a place or a person): the company's last
    word written right after the span belongs to the name."""
    doc = ent.doc
    if ent.end >= len(doc) or ent.label_ not in MISTAKEN_LABELS:
        return ent
    following = doc[ent.end]
    if following.text[:1].isupper() and following.lower_ in COMPANY_NAME_ENDINGS and ent[-1].whitespace_ != "":
        return Span(doc, ent.start, ent.end + 1, label="ORG")
    return ent


def _listed_label(token: Token) -> str | None:
    """The NER label ("PERSON" or "ORG") of a name coordinated with this token, if any."""
    return next((other.ent_type_ for other in token.conjuncts if other.ent_type_ in {"PERSON", "ORG"}), None)


def _without_role_word(ent: Span) -> Span:
    """ "Singer Kavita Raghavan" -> "Kavita Raghavan": a person's name without the role word the NER took
    in with it at the start of a sentence or as a title."""
    if ent.label_ == "PERSON" and len(ent) > 2 and ent[0].lower_ in lexicon.ROLE_TITLE_NOUNS:
        return Span(ent.doc, ent.start + 1, ent.end, label=ent.label)
    return ent


def _ner_type(label: str, name: str) -> EntityType | None:
    words = name.split()
    if label in MISTAKEN_LABELS and len(words) > 1 and words[-1].lower() in COMPANY_NAME_ENDINGS:
        # "Quorra AI", "Tessellate AI", "Corvid Labs": a company the NER took for a place, a building or a person.
        label = "ORG"
    base = lexicon.NER_LABEL_TYPES.get(label)
    if base is None:
        return None
    if label != "ORG":
        return EntityType(base)
    if name.lower().endswith(("attorney general", "attorney general's office")):
        return EntityType.REGULATOR
    words = {word.lower() for word in re.findall(r"[A-Za-z]+", name)}
    for type_name, cue_words in lexicon.ORG_TYPE_WORDS.items():
        if words & cue_words:
            return EntityType(type_name)
    return EntityType.COMPANY


def _company_named_after(ent: Span, kb_entity: KBEntity) -> bool:
    """A model's or product's name followed by a company's last word ("Llama Productions", "Gemini Labs")."""
    if kb_entity.type not in {EntityType.MODEL, EntityType.PRODUCT} or ent.end >= len(ent.doc):
        return False
    following = ent.doc[ent.end]
    # "AI" after a model's name is usually the model itself ("Google's Gemini AI").
    return following.text[:1].isupper() and following.lower_ in (COMPANY_NAME_ENDINGS - {"ai"}) | {"productions"}


def _noun_word(noun: Token) -> str:
    """The noun as written, joining a hyphenated "start-up" that the tokenizer splits."""
    if noun.lower_ in {"up", "ups"} and noun.i >= 2 and noun.nbor(-1).text == "-" and noun.nbor(-2).lower_ == "start":
        return "start-" + noun.lower_
    return noun.lower_


def _is_noise(name: str) -> bool:
    if len(name) < 2 or name.lower() in lexicon.NOISE_NAMES or LEGAL_SUFFIX.fullmatch(" " + name):
        return True
    return not any(character.isupper() for character in name) or not re.search(r"[A-Za-z]", name)


class EntityLinker:
    """Canonical entities and resolved descriptions for every document (see the module doc)."""

    def __init__(self, nlp: Language, name: str, *, kb_dir: str = "", resolve_descriptions: bool = True) -> None:
        register_extensions()
        self.name = name
        self.kb: KnowledgeBase = load_knowledge_base(kb_dir or None)
        self.resolve_descriptions = resolve_descriptions
        self.surface_ids = {surface.lower(): entity_id for surface, entity_id in self.kb.surface_forms()}
        self.descriptor_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for descriptor, entity_id in self.kb.descriptors():
            self.descriptor_matcher.add(entity_id, [nlp.make_doc(descriptor)])
        kind_nouns = set().union(*(words for words, _ in KIND_TYPES)) | MAKER_NOUNS
        self.kind_matcher = WordMatcher(nlp.vocab)
        self.kind_matcher.add("KIND", lowers=kind_nouns, pos=["NOUN", "PROPN"])
        self.kind_matcher.add("PLURAL", lowers=lexicon.GROUP_NOUNS | lexicon.PLURAL_KIND_NOUNS, pos=["NOUN"])
        self.kind_matcher.add("START-UP", lowers=["up", "ups"])
        self.kind_matcher.add("AUTHORITY", lowers=AUTHORITY_NOUNS, pos=["NOUN", "PROPN"])
        self.kind_matcher.add("COMMITTEE", lowers=COMMITTEE_NOUNS, pos=["NOUN"])
        self.regulators: dict[str, list[tuple[KBEntity, set[str], set[str]]]] = {}
        for entity in self.kb.entities.values():
            if entity.type == EntityType.REGULATOR and entity.country:
                text = " ".join((entity.name, *entity.aliases, *entity.descriptors, *entity.kind_words)).lower()
                words = set(re.findall(r"[\w']+", text))
                self.regulators.setdefault(entity.country, []).append((entity, words, _domains(words)))

    # --- named entities -------------------------------------------------------------------
    def _link_named(self, doc: Doc) -> tuple[dict[str, LinkedEntity], list[EntityMention], dict[int, list[str]]]:
        """Entities and mentions of the named spans, short forms joined to the full names (`short_names`),
        and the tokens that name several people by their shared surname ("the Raines")."""
        entities: dict[str, LinkedEntity] = {}
        mentions: list[EntityMention] = []
        surnames: dict[str, str] = {}
        variants = self._model_variants(doc)
        short_forms: dict[str, str] = {}
        short_forms_size = -1
        for ent in doc.ents:
            kb_entity = self.kb.get(ent.kb_id_) if ent.kb_id_ else None
            if kb_entity is not None and _company_named_after(ent, kb_entity):
                # "Llama Productions, the Epic Games subsidiary": a company named after a model is not the model.
                ent, kb_entity = doc[ent.start : ent.end + 1], None
                name = _clean_name(ent)
                entity_id = slugify(name)
                entity = entities.setdefault(entity_id, LinkedEntity(entity_id, name, EntityType.COMPANY, in_kb=False))
                mentions.append(EntityMention(ent.start, ent.end, entity.id))
                continue
            if kb_entity is None and len(ent) == 1 and ent.text.lower() in variants:
                # "Gemini 3.5 Flash ... Flash was distilled from Gemini 3.5 Pro": the model, by its variant word.
                kb_entity = self.kb.get(variants[ent.text.lower()])
            if kb_entity is None:
                after_dateline = _after_dateline(ent)
                if after_dateline is None:
                    continue
                ent = _with_company_ending(_trimmed(after_dateline))
                if ent.label_ in {"PERSON", "ORG"}:
                    ent = _without_role_word(extend_name_span(ent))
            name = _clean_name(ent)
            if kb_entity is None:
                kb_entity = self._kb_by_name(ent, name)
                name = strip_legal_suffix(name)
            if kb_entity is not None:
                entity = entities.setdefault(
                    kb_entity.id, LinkedEntity(kb_entity.id, kb_entity.name, kb_entity.type, in_kb=True)
                )
            else:
                entity_type = EntityType.PLACE if _is_dateline(ent) else _ner_type(ent.label_, name)
                if (
                    entity_type is None
                    or _is_noise(name)
                    or (len(ent) == 1 and in_other_name(doc, ent.start, ent.end, ent.text))
                ):
                    continue
                entity_id = slugify(name)
                if entity_type == EntityType.PERSON and " " not in name and name in surnames:
                    entity_id = surnames[name]
                elif " " not in name:
                    # "Scale" after "Scale AI": the short form news uses for an organisation already named, whatever
                    # the NER took it for ("Solenne" after "Solenne AI" is no place).
                    if len(entities) != short_forms_size:
                        short_forms, short_forms_size = self._short_forms(entities), len(entities)
                    short_form_of = short_forms.get(name)
                    if short_form_of is not None:
                        entity_id, entity_type = short_form_of, entities[short_form_of].type
                entity = entities.setdefault(entity_id, LinkedEntity(entity_id, name, entity_type, in_kb=False))
            if entity.type == EntityType.PERSON and " " in entity.name:
                surnames.setdefault(entity.name.split()[-1], entity.id)
            if ent.text != entity.name:
                entity.aliases.add(name)
            mentions.append(EntityMention(ent.start, ent.end, entity.id))
        mentions += self._unlabelled_names(doc, entities)
        mentions, plural_surnames = resolve_short_names(doc, entities, mentions)
        return entities, mentions, plural_surnames

    def _model_variants(self, doc: Doc) -> dict[str, str]:
        """Variant words written right after a KB model's name ("Flash" in "Gemini 3.5 Flash"), to the model."""
        variants: dict[str, str] = {}
        for ent in doc.ents:
            model = self.kb.get(ent.kb_id_) if ent.kb_id_ else None
            if model is None or model.type not in {EntityType.MODEL, EntityType.PRODUCT}:
                continue
            index = ent.end
            while index < len(doc) and (doc[index].like_num or doc[index].lower_ in lexicon.MODEL_VARIANT_WORDS):
                if doc[index].lower_ in lexicon.MODEL_VARIANT_WORDS:
                    variants.setdefault(doc[index].lower_, model.id)
                index += 1
        return variants

    def _kb_by_name(self, ent: Span, name: str) -> KBEntity | None:
        """The KB entity an NER span names, trying the name as written, without a final full stop and
        without a legal suffix ("X Corp." -> X Corp); none for a word inside another name ("Meta-analysis")."""
        if len(ent) == 1 and in_other_name(ent.doc, ent.start, ent.end, ent.text):
            return None
        for form in (name, name.rstrip("."), strip_legal_suffix(name)):
            if form.lower() in self.surface_ids:
                return self.kb.get(self.surface_ids[form.lower()])
        return None

    @staticmethod
    def _short_forms(entities: dict[str, LinkedEntity]) -> dict[str, str]:
        """First words of two-word organisation names ("Getty" for Getty Images), when unambiguous."""
        owners: dict[str, set[str]] = {}
        for entity in entities.values():
            words = entity.name.split()
            if entity.type in COMPANY_TYPES and len(words) >= 2 and words[0][:1].isupper() and words[0] != "The":
                owners.setdefault(words[0], set()).add(entity.id)
        return {word: next(iter(ids)) for word, ids in owners.items() if len(ids) == 1}

    def _unlabelled_names(self, doc: Doc, entities: dict[str, LinkedEntity]) -> list[EntityMention]:
        """Proper names the NER missed in an argument position ("DoNotPay"): kept when written
        in CamelCase, ending like a company's name ("Heyu Intelligence") or named twice in the article."""
        chunks: dict[str, list[tuple[int, int]]] = {}
        listed: dict[str, str] = {}
        for token in doc:
            if token.pos_ != "PROPN" or token.ent_type_ or token.dep_ not in ARGUMENT_DEPS:
                continue
            start = token.i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
                start -= 1
            if any(doc[index].ent_type_ for index in range(start, token.i + 1)):
                continue
            name = doc[start : token.i + 1].text
            if _is_noise(name) or name.lower() in lexicon.CALENDAR_WORDS or not name[0].isupper():
                continue
            chunks.setdefault(name, []).append((start, token.i + 1))
            listed_label = _listed_label(token)
            if listed_label is not None:
                listed.setdefault(name, listed_label)
        short_forms = self._short_forms(entities)
        bare_counts = Counter(token.text for token in doc if not token.ent_type_) if chunks else Counter()
        found = []
        for name, places in chunks.items():
            if name in short_forms:
                found += [EntityMention(start, end, short_forms[name]) for start, end in places]
                continue
            camel = bool(re.search(r"[a-z][A-Z]", name))
            repeated = len(places) + bare_counts[name] > 2
            words = name.split()
            # "accused Heyu Intelligence and Baiyun Labs": a name with a company's last word.
            company_like = (
                len(words) > 1
                and words[-1].lower() in COMPANY_NAME_ENDINGS
                and name.lower() not in GENERIC_COMPANY_PHRASES
            )
            # "Lorna Hemsley, Catalina Ferro and Nadia Kowalewska": a name of two or more words listed with
            # names the NER found is of their kind.
            listed_type = _ner_type(listed[name], name) if name in listed and len(words) > 1 else None
            if not (camel or repeated or company_like or listed_type):
                continue
            entity_id = slugify(name)
            entity_type = listed_type if listed_type and not (camel or company_like) else EntityType.COMPANY
            entities.setdefault(entity_id, LinkedEntity(entity_id, name, entity_type, in_kb=False))
            found += [EntityMention(start, end, entity_id) for start, end in places]
        return found

    # --- descriptions ---------------------------------------------------------------------
    @staticmethod
    def _determiner(noun: Token) -> Token | None:
        for child in noun.children:
            if child.dep_ in {"det", "poss"} and child.lower_ in DETERMINERS and child.i < noun.i:
                return child
        # A determiner the parser attached elsewhere ("the Chinese e-commerce and cloud giant"):
        # the nearest one on the left across modifiers only.
        for index in range(noun.i - 1, max(noun.sent.start, noun.i - MAX_MODIFIERS) - 1, -1):
            token = noun.doc[index]
            if token.lower_ in DETERMINERS and token.pos_ == "DET":
                return token if token.i + 1 < noun.i else None
            if token.pos_ not in MODIFIER_POS and token.text != "-":
                return None
        return None

    def _kb_entity(self, entity_id: str) -> KBEntity | None:
        return self.kb.get(entity_id)

    def _fits(self, entity: LinkedEntity, noun: Token, modifiers: list[Token]) -> bool:
        noun_word = _noun_word(noun)
        kb_entity = self._kb_entity(entity.id)
        kinds = [types for words, types in KIND_TYPES if noun_word in words or noun.lemma_.lower() in words]
        kind_ok = any(entity.type in types for types in kinds)
        if kb_entity is not None and (noun_word in kb_entity.kind_words or noun.lemma_.lower() in kb_entity.kind_words):
            kind_ok = True
        if not kind_ok:
            return False
        modifier_text = " ".join(token.lower_ for token in modifiers)
        for pattern, country in NATIONALITY_PATTERNS:
            if pattern.search(modifier_text) and (kb_entity is None or kb_entity.country != country):
                return False
        places = [token for token in modifiers if token.ent_type_ in {"GPE", "LOC"} or token.ent_type_ == "Place"]
        if places:
            place_text = " ".join(token.lower_ for token in places)
            if kb_entity is None or not kb_entity.hq or kb_entity.hq.lower() not in modifier_text:
                country_name = lexicon.COUNTRY_NAMES.get(place_text)
                if kb_entity is None or country_name is None or kb_entity.country != country_name:
                    return False
        return True

    def _specific_fits(self, candidates: list[str], noun: Token) -> list[str]:
        """Candidates whose KB kind words name the noun ("the start-up": Perplexity, not Condé Nast, a
        publisher), when there are any; KB entities whose kind words do not hold it are then dropped."""
        words = {_noun_word(noun), noun.lemma_.lower()}

        def kinds(entity_id: str) -> tuple[str, ...]:
            kb_entity = self.kb.get(entity_id)
            return kb_entity.kind_words if kb_entity is not None else ()

        if not any(words & set(kinds(entity_id)) for entity_id in candidates):
            return candidates
        return [entity_id for entity_id in candidates if not kinds(entity_id) or words & set(kinds(entity_id))]

    def _has_parent_among(self, entity_id: str, candidates: list[str]) -> bool:
        """True when an organisation this one belongs to is also a candidate (the parent is meant)."""
        parent = self.kb.get(entity_id)
        seen: set[str] = set()
        while parent is not None and parent.parent and parent.parent not in seen:
            if parent.parent in candidates:
                return True
            seen.add(parent.parent)
            parent = self.kb.get(parent.parent)
        return False

    def _previous_subject(self, doc: Doc, sentence: Span, token_entity: dict[int, str]) -> str | None:
        if sentence.start == 0:
            return None
        previous = doc[sentence.start - 1].sent
        for token in previous:
            if token.dep_ in {"nsubj", "nsubjpass"} and token.head.dep_ == "ROOT" and token.i in token_entity:
                return token_entity[token.i]
        return None

    def _resolve_singular(
        self,
        doc: Doc,
        noun: Token,
        determiner: Token,
        entities: dict[str, LinkedEntity],
        mentions: list[EntityMention],
        mention_starts: list[int],
        token_entity: dict[int, str],
    ) -> str | None:
        modifiers = [doc[index] for index in range(determiner.i + 1, noun.i)]
        if noun.lower_ in MAKER_NOUNS:
            inner = [token_entity[token.i] for token in modifiers if token.i in token_entity]
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    inner += [token_entity[grand.i] for grand in child.children if grand.i in token_entity]
            for entity_id in inner:
                developer = self.kb.developer_of(entity_id)
                if developer:
                    return developer
            if inner:
                return None
        attributive, owners = self._attributive_entities(doc, modifiers, token_entity)
        if any(
            token.i in token_entity
            and token_entity[token.i] not in attributive
            and entities[token_entity[token.i]].type != EntityType.PLACE
            for token in modifiers
        ):
            return None
        last_positions: dict[str, int] = {}
        first = bisect_left(mention_starts, determiner.i - DESCRIPTION_WINDOW)
        for mention in mentions[first : bisect_left(mention_starts, determiner.i)]:
            last_positions[mention.entity_id] = mention.start
        candidates = [
            entity_id
            for entity_id in last_positions
            if entity_id not in attributive and self._fits(entities[entity_id], noun, modifiers)
        ]
        candidates = self._specific_fits(candidates, noun)
        if owners:
            owned = set().union(*(self.kb.relatives(owner) for owner in owners))
            candidates = [entity_id for entity_id in candidates if entity_id in owned]
            if not candidates:
                return self._owned_in_kb(owned, noun, modifiers, entities)
        if not candidates:
            return None
        subsidiaries = {c for c in candidates for other in candidates if other != c and other in self.kb.family(c)}
        candidates = [c for c in candidates if not (c in subsidiaries and self._has_parent_among(c, candidates))]
        if noun.dep_ in {"nsubj", "nsubjpass"}:
            previous = self._previous_subject(doc, noun.sent, token_entity)
            if previous in candidates:
                return previous
        return max(candidates, key=lambda entity_id: last_positions[entity_id])

    @staticmethod
    def _attributive_entities(
        doc: Doc, modifiers: list[Token], token_entity: dict[int, str]
    ) -> tuple[set[str], set[str]]:
        """Entities named in a hyphenated modifier ("the Amazon-backed start-up", "the Elon Musk-owned
        company"): they describe the entity meant and are not it; the second set are its owners."""
        attributive: set[str] = set()
        owners: set[str] = set()
        for token in modifiers:
            word = _hyphen_word(doc, token.i)
            if token.i in token_entity and word in ATTRIBUTIVE_WORDS:
                attributive.add(token_entity[token.i])
                if word in OWNERSHIP_WORDS:
                    owners.add(token_entity[token.i])
        return attributive, owners

    def _owned_in_kb(
        self, owned: set[str], noun: Token, modifiers: list[Token], entities: dict[str, LinkedEntity]
    ) -> str | None:
        """The one KB organisation of an owner's circle that fits the description, when none is named
        earlier ("The Elon Musk-owned social media platform" before X is named)."""
        fitting = []
        for entity_id in sorted(owned):
            kb_entity = self.kb.get(entity_id)
            if kb_entity is None or kb_entity.type == EntityType.PERSON:
                continue
            candidate = LinkedEntity(entity_id, kb_entity.name, kb_entity.type, in_kb=True)
            if self._fits(candidate, noun, modifiers):
                fitting.append(candidate)
        word = _noun_word(noun)
        specific = [entity for entity in fitting if word in self.kb.entities[entity.id].kind_words]
        if len(specific) != 1:
            ids = [entity.id for entity in fitting]
            specific = [entity for entity in fitting if not self._has_parent_among(entity.id, ids)]
        if len(specific) != 1:
            return None
        entities.setdefault(specific[0].id, specific[0])
        return specific[0].id

    def _nearest_state(
        self, doc: Doc, before: int, mentions: list[EntityMention], mention_starts: list[int]
    ) -> str | None:
        """The name of the US state named last before token `before` ("the state's attorney general")."""
        first = bisect_left(mention_starts, before - DESCRIPTION_WINDOW)
        for mention in reversed(mentions[first : bisect_left(mention_starts, before)]):
            place = self.kb.get(mention.entity_id)
            if place is not None and place.type == EntityType.PLACE and "state" in place.kind_words:
                return place.name
        return None

    def _place_cue(self, tokens: list[Token], token_entity: dict[int, str]) -> tuple[str | None, str | None]:
        """(country code, US state name) named among a description's modifiers."""
        country = state = None
        for token in tokens:
            place = self.kb.get(token_entity.get(token.i))
            if place is not None and place.type == EntityType.PLACE:
                country = country or place.country
                if "state" in place.kind_words:
                    state = state or place.name
            elif token.i not in token_entity:
                country = country or _nationality(token.text)
        return country, state

    def _attorney_general(self, state: str, entities: dict[str, LinkedEntity]) -> str:
        """The attorney general of a US state: the KB entry, or an entity named like one."""
        name = f"{state} Attorney General"
        known = self.kb.get(self.surface_ids.get(name.lower()))
        if known is not None:
            entities.setdefault(known.id, LinkedEntity(known.id, known.name, known.type, in_kb=True))
            return known.id
        entity_id = slugify(name)
        entities.setdefault(entity_id, LinkedEntity(entity_id, name, EntityType.REGULATOR, in_kb=False))
        return entity_id

    def _resolve_authority(
        self,
        doc: Doc,
        noun: Token,
        entities: dict[str, LinkedEntity],
        mentions: list[EntityMention],
        mention_starts: list[int],
        token_entity: dict[int, str],
    ) -> str | None:
        """An authority described by its place and field ("Italy's privacy watchdog", "the Texas attorney
        general", "the state's attorney general", "EU antitrust regulators"): the KB regulator of that
        country whose words fit, preferring one named earlier; the named entity itself is not needed."""
        left = noun.left_edge.i
        if noun.dep_ == "conj" and noun.head.pos_ == "NOUN" and noun.head.i < noun.i:
            # "Italy's competition and consumer protection authority": the parser coordinates the fields.
            left = min(left, noun.head.left_edge.i)
        start = max(left, noun.sent.start, noun.i - MAX_MODIFIERS)
        tokens = [token for token in doc[start : noun.i] if token.lower_ not in DETERMINERS]
        if any(token.i in token_entity and self.kb.get(token_entity[token.i]) is None for token in tokens):
            return None
        country, state = self._place_cue(tokens, token_entity)
        if noun.lower_ == "general":
            if not (noun.i > 0 and doc[noun.i - 1].lower_ == "attorney"):
                return None
            if state is None and any(token.lower_ in STATE_WORDS for token in tokens):
                state = self._nearest_state(doc, noun.i, mentions, mention_starts)
            return self._attorney_general(state, entities) if state else None
        if country is None:
            return None
        words = {token.lower_ for token in tokens if token.i not in token_entity}
        wanted = _domains(words)
        kind = noun.lemma_.lower()
        candidates = [
            entity
            for entity, entity_words, domains in self.regulators.get(country, [])
            if (kind in GENERIC_AUTHORITY_NOUNS or kind in entity_words or noun.lower_ in entity_words)
            and wanted <= domains
        ]
        if not candidates:
            return None
        first = bisect_left(mention_starts, noun.i - DESCRIPTION_WINDOW)
        named = {mention.entity_id: mention.start for mention in mentions[first : bisect_left(mention_starts, noun.i)]}
        earlier = [entity for entity in candidates if entity.id in named]
        if earlier:
            chosen = max(earlier, key=lambda entity: named[entity.id])
        elif len(candidates) == 1:
            chosen = candidates[0]
        else:
            return None
        entities.setdefault(chosen.id, LinkedEntity(chosen.id, chosen.name, chosen.type, in_kb=True))
        return chosen.id

    def _named_committee(
        self, doc: Doc, noun: Token, mentions: list[EntityMention], mention_starts: list[int]
    ) -> str | None:
        """ "A congressional committee" (a House, Senate or parliamentary one) is the committee the article
        names: the first named in the next sentences, else the nearest named before."""
        if not any(child.lower_ in LEGISLATURE_WORDS for child in noun.children if child.dep_ in {"amod", "compound"}):
            return None
        sentences = list(doc.sents)
        index = next((i for i, sentence in enumerate(sentences) if sentence.start == noun.sent.start), 0)
        window_end = sentences[min(index + COMMITTEE_WINDOW, len(sentences) - 1)].end
        position = bisect_left(mention_starts, noun.i)
        after = [mention for mention in mentions[position:] if mention.start < window_end]
        before = [mention for mention in reversed(mentions[:position]) if noun.i - mention.start < DESCRIPTION_WINDOW]
        for mention in after + before:
            kb_entity = self.kb.get(mention.entity_id)
            if kb_entity is not None and COMMITTEE_NOUNS & {word.lower() for word in kb_entity.name.split()}:
                return kb_entity.id
        return None

    def _conjunction_groups(self, doc: Doc, token_entity: dict[int, str]) -> list[tuple[int, list[str]]]:
        groups = []
        for index, entity_id in sorted(token_entity.items()):
            token = doc[index]
            if token.dep_ == "conj" or not any(child.dep_ == "conj" for child in token.children):
                continue
            members = [entity_id]
            for conjunct in token.conjuncts:
                member = token_entity.get(conjunct.i)
                if member and member not in members:
                    members.append(member)
            if len(members) > 1:
                groups.append((index, members))
        return groups

    def _resolve_plural(
        self,
        noun: Token,
        entities: dict[str, LinkedEntity],
        groups: list[tuple[int, list[str]]],
        named_groups: dict[str, list[str]],
    ) -> list[str]:
        word = _noun_word(noun)
        if word in named_groups:
            return named_groups[word]
        size = next((NUMBER_WORDS[child.lower_] for child in noun.children if child.lower_ in NUMBER_WORDS), None)
        allowed = PLURAL_TYPES.get(word, COMPANY_TYPES if word in lexicon.PLURAL_KIND_NOUNS else frozenset())
        for position, members in reversed(groups):
            if position >= noun.i:
                continue
            if size is not None and len(members) != size:
                continue
            if all(entities[member].type in allowed for member in members):
                return members
        return []

    @staticmethod
    def _member_lists(
        doc: Doc, kinds: list[tuple[int, str]], entities: dict[str, LinkedEntity], mentions: list[EntityMention]
    ) -> dict[str, list[plaintiff_groups.MemberList]]:
        """The lists of named members that group nouns introduce, by family, in text order
        (`nlp.components.groups`)."""
        named = {
            index: mention.entity_id
            for mention in mentions
            if mention.explicit
            for index in range(mention.start, mention.end)
        }
        lists: dict[str, list[plaintiff_groups.MemberList]] = {}
        for index, label in kinds:
            noun = doc[index]
            if label != "PLURAL" or noun.lower_ not in lexicon.GROUP_NOUNS or index in named:
                continue
            members = plaintiff_groups.listed_members(noun, named, entities)
            if members:
                side = plaintiff_groups.is_side_set(noun)
                family = plaintiff_groups.family(noun.lower_)
                lists.setdefault(family, []).append(plaintiff_groups.MemberList(index, tuple(members), side))
        return lists

    @staticmethod
    def _named_members(
        noun: Token, member_lists: dict[str, list[plaintiff_groups.MemberList]], definite: bool
    ) -> list[str]:
        """The named members a group noun stands for: the list it introduces; for a definite one ("the
        authors") the last list of its family before it; else the first list of its family shortly after it
        ("book authors" in the lead, "three writers: ..." in the next paragraph). "The plaintiffs" takes
        any family's. A bare plural after a list is the whole class ("a revenue-sharing programme for
        publishers"), not its members; a side set ("other publishers, including ...") is only its own."""
        word = noun.lower_
        if word not in lexicon.GROUP_NOUNS:
            return []
        if word == plaintiff_groups.ANY_GROUP:
            candidates = sorted(
                (item for lists in member_lists.values() for item in lists), key=lambda item: item.position
            )
        else:
            candidates = member_lists.get(plaintiff_groups.family(word), [])
        before = [
            item
            for item in candidates
            if item.position == noun.i
            or (definite and not item.side and noun.i - DESCRIPTION_WINDOW <= item.position < noun.i)
        ]
        if before:
            return list(before[-1].members)
        after = [item for item in candidates if not item.side and noun.i < item.position <= noun.i + MEMBERS_AHEAD]
        return list(after[0].members) if after else []

    def _group_entity(self, noun: Token, entities: dict[str, LinkedEntity]) -> list[str]:
        """A plaintiff group named by a plural noun that names no members: the group itself, named by the
        noun and its kind-defining modifiers ("book authors", "visual artists"; not "largest")."""
        words = [
            token
            for token in noun.lefts
            if (token.dep_ == "compound" and token.pos_ == "NOUN")
            or (
                token.dep_ == "amod"
                and token.pos_ == "ADJ"
                and token.lower_ not in QUANTITY_WORDS
                and token.tag_ not in {"JJS", "JJR"}
            )
        ]
        name = " ".join([*(token.lower_ for token in words), noun.lower_])
        entity_id = slugify(name)
        entities.setdefault(entity_id, LinkedEntity(entity_id, name, EntityType.GROUP, in_kb=False))
        return [entity_id]

    def _resolve_descriptions(
        self,
        doc: Doc,
        entities: dict[str, LinkedEntity],
        mentions: list[EntityMention],
        token_entity: dict[int, str],
    ) -> dict[int, list[str]]:
        token_group: dict[int, list[str]] = {}
        # Descriptions that pick out one entity by themselves (KB descriptors, authorities by place) are
        # mentions of it, though not explicit ones (the claim rules read names from explicit mentions).
        described: list[EntityMention] = []
        for match_id, start, end in self.descriptor_matcher(doc):
            entity_id = doc.vocab.strings[match_id]
            kb_entity = self.kb.entities[entity_id]
            entities.setdefault(entity_id, LinkedEntity(entity_id, kb_entity.name, kb_entity.type, in_kb=True))
            if token_entity.setdefault(doc[start:end].root.i, entity_id) == entity_id:
                described.append(EntityMention(start, end, entity_id, explicit=False))
        groups = self._conjunction_groups(doc, token_entity)
        mention_starts = [mention.start for mention in mentions]
        named_groups: dict[str, list[str]] = {}
        kinds = list(self.kind_matcher(doc))
        member_lists = self._member_lists(doc, kinds, entities, mentions)
        side_sets = {frozenset(item.members) for lists in member_lists.values() for item in lists if item.side}
        groups = [(position, members) for position, members in groups if frozenset(members) not in side_sets]
        for index, label in kinds:
            noun = doc[index]
            if label == "AUTHORITY":
                if noun.i not in token_entity and noun.ent_type_ not in {"ORG", "PERSON"}:
                    resolved = self._resolve_authority(doc, noun, entities, mentions, mention_starts, token_entity)
                    if resolved is not None:
                        token_entity[noun.i] = resolved
                        start = max(noun.left_edge.i, noun.sent.start)
                        field = noun.head
                        if (
                            noun.dep_ == "conj"
                            and field.pos_ == "NOUN"
                            and field.i < noun.i
                            and field.i not in token_entity
                        ):
                            # "Italy's competition and consumer protection authority opened ...": the parser makes
                            # the first field the head (and the subject); it names the authority too.
                            token_entity[field.i] = resolved
                            start = max(min(start, field.left_edge.i), noun.sent.start)
                        described.append(EntityMention(start, noun.i + 1, resolved, explicit=False))
                continue
            if label == "COMMITTEE":
                if noun.i not in token_entity and noun.ent_type_ not in {"ORG", "PERSON"}:
                    resolved = self._named_committee(doc, noun, mentions, mention_starts)
                    if resolved is not None:
                        token_entity[noun.i] = resolved
                        described.append(EntityMention(noun.left_edge.i, noun.i + 1, resolved, explicit=False))
                continue
            if label == "START-UP":
                word = _noun_word(noun)
                if not word.startswith("start-"):
                    continue
                label = "PLURAL" if word == "start-ups" else "KIND"
            if noun.i in token_entity or noun.ent_type_ in {"ORG", "PERSON"}:
                continue
            determiner = self._determiner(noun)
            if label == "PLURAL":
                members = self._named_members(noun, member_lists, determiner is not None)
                if members:
                    if not plaintiff_groups.is_side_set(noun):
                        named_groups[noun.lower_] = members
                elif determiner is None and noun.lower_ in lexicon.GROUP_NOUNS:
                    members = self._group_entity(noun, entities)
                    named_groups[noun.lower_] = members
                elif determiner is not None:
                    members = self._resolve_plural(noun, entities, groups, named_groups)
                else:
                    members = []
                if members:
                    token_group[noun.i] = members
                continue
            if determiner is None:
                continue
            resolved = self._resolve_singular(doc, noun, determiner, entities, mentions, mention_starts, token_entity)
            if resolved is not None:
                token_entity[noun.i] = resolved
        mentions += described
        mentions.sort(key=lambda mention: mention.start)
        return token_group

    def __call__(self, doc: Doc) -> Doc:
        entities, mentions, token_group = self._link_named(doc)
        token_entity = {index: mention.entity_id for mention in mentions for index in range(mention.start, mention.end)}
        if self.resolve_descriptions:
            token_group.update(self._resolve_descriptions(doc, entities, mentions, token_entity))
        doc._.cg_entities = entities
        doc._.cg_mentions = mentions
        doc._.cg_token_entity = token_entity
        doc._.cg_token_group = token_group
        return doc


@Language.factory(
    "claimgraph_linker_v1",
    default_config={"kb_dir": "", "resolve_descriptions": True},
)
def make_linker(nlp: Language, name: str, kb_dir: str, resolve_descriptions: bool) -> EntityLinker:
    """The entity linker; `kb_dir` empty means the packaged `nlp/kb/` folder."""
    return EntityLinker(nlp, name, kb_dir=kb_dir, resolve_descriptions=resolve_descriptions)

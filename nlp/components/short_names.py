"""Second references inside one article: short forms of names the article gave in full earlier.

News names a party in full once ("The New York Times", "Robert Gruendel", "Lattice Forge",
"Matthew and Maria Raine") and shortens it afterwards ("the Times", "Gruendel", "Forge", "the
Raines"). The statistical NER finds the short forms as names of their own, often with the wrong
label ("Gruendel" as an organisation), cuts names ("Forge" for "Lattice Forge") or misses them; a
short form left as an entity of its own invents a party ("Robert Gruendel -> Gruendel"). The linker
calls `resolve_short_names` after linking the named spans:

- a name cut by the NER is extended over the capitalised name words next to it (`extend_name_span`);
- a name that is a proper suffix (surname, head word: "Gruendel", "Times", "Forge") or, for an
  organisation, a proper prefix ("Stability") of exactly one entity named earlier in the article is
  that entity; with two candidates it is left alone;
- the same holds for capitalised words the NER did not label ("the Guild", "the Post");
- "Matthew and Maria Raine" names two people, Matthew Raine and Maria Raine, and "the Raines" both;
- a surname whose full name the NER missed ("Carvalho" after an unlabelled "Ines Carvalho") gets it,
  also when the NER took the full name for a place;
- a KB person's one-word name ("Vance") is the person of the article with that surname ("Judge Harriet
  Vance") when the article named that person, and not the KB's, first;
- a full name after a title that the NER missed ("Representative Raja Krishnamoorthi") is a person;
- an acronym or ticker the article defines in parentheses after an organisation's name ("the Personal Data
  Protection Commission (PDPC)", "Chegg, Inc. (NYSE: CHGG)") is that organisation wherever it is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claimgraph.records import EntityType, slugify
from nlp import lexicon
from nlp.doc_data import EntityMention, LinkedEntity
from nlp.lexicon import GENERIC_NAME_WORDS, LEADING_WORDS, PERSON_TITLES, POSSESSIVE_ENDINGS, TITLE_WORDS

ORGANISATION_TYPES = frozenset(
    {
        EntityType.COMPANY,
        EntityType.OUTLET,
        EntityType.ORGANIZATION,
        EntityType.REGULATOR,
        EntityType.COURT,
        EntityType.GROUP,
    }
)
MAX_EXTENSION = 2
# An acronym or ticker in parentheses after a name: "(PDPC)", "(CNIL)", "(NYSE: CHGG)".
ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,9}")
# NER labels that the linker does not keep: their words may still be names ("Tessellate" as a building).
UNKEPT_LABELS = frozenset({"", "FAC", "EVENT", "WORK_OF_ART"})


def is_name_word(token: Token) -> bool:
    """A capitalised proper-noun word outside every entity, that is no title, month or nationality."""
    lowered = token.lower_
    return (
        token.pos_ == "PROPN"
        and token.is_alpha
        and token.is_title
        and token.ent_type_ in UNKEPT_LABELS
        and lowered not in TITLE_WORDS
        and lowered not in lexicon.CALENDAR_WORDS
        and lowered not in lexicon.NATIONALITIES
        and lowered not in lexicon.NOISE_NAMES
    )


def extend_name_span(span: Span) -> Span:
    """The NER span grown over the capitalised name words it cut off on either side ("Forge" after
    "Lattice" -> "Lattice Forge"; "Ines" before "Carvalho" -> "Ines Carvalho"), at most two words."""
    doc = span.doc
    start, end = span.start, span.end
    sentence_start = doc[start].sent.start
    while start > sentence_start and span.start - start < MAX_EXTENSION and is_name_word(doc[start - 1]):
        start -= 1
    while end < len(doc) and end - span.end < MAX_EXTENSION and is_name_word(doc[end]) and doc[end].sent == span.sent:
        end += 1
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label)


def _words(name: str) -> tuple[str, ...]:
    words = name.split()
    while words and words[0] in LEADING_WORDS:
        words = words[1:]
    return tuple(words)


def _span_words(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    tokens = [token for token in doc[start:end] if not token.is_space]
    while tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    while tokens and tokens[-1].text in POSSESSIVE_ENDINGS:
        tokens = tokens[:-1]
    return _words(" ".join(token.text for token in tokens))


@dataclass
class _Forms:
    """The proper suffixes and prefixes of the full names named so far, with the entities they fit."""

    suffixes: dict[tuple[str, ...], set[str]]
    prefixes: dict[tuple[str, ...], set[str]]
    surnames: dict[str, set[str]]
    # Last words of two-word names the NER took for places ("Ines Carvalho" as a GPE): a person's surname
    # when the article uses the word alone as a person's name.
    place_surnames: dict[str, set[str]]
    seen: set[str]

    @classmethod
    def empty(cls) -> _Forms:
        return cls({}, {}, {}, {}, set())

    def add(self, entity: LinkedEntity) -> None:
        self.seen.add(entity.id)
        if entity.type == EntityType.PLACE:
            words = _words(entity.name)
            if not entity.in_kb and len(words) == 2 and all(word.istitle() for word in words):
                self.place_surnames.setdefault(words[-1], set()).add(entity.id)
            return
        for name in (entity.name, *entity.aliases):
            words = _words(name)
            if len(words) < 2:
                continue
            if entity.type == EntityType.PERSON:
                self.surnames.setdefault(words[-1], set()).add(entity.id)
            for size in range(1, len(words)):
                suffix = words[-size:]
                if size > 1 or suffix[0].lower() not in GENERIC_NAME_WORDS:
                    self.suffixes.setdefault(suffix, set()).add(entity.id)
            if entity.type in ORGANISATION_TYPES and words[0][:1].isupper():
                self.prefixes.setdefault(words[:1], set()).add(entity.id)

    def target(self, words: tuple[str, ...], own_id: str, may_be_prefix: bool) -> str | None:
        """The one entity `words` is a short form of, or None (no candidate, or two)."""
        candidates = set(self.suffixes.get(words, ()))
        if may_be_prefix:
            candidates |= self.prefixes.get(words, set())
        candidates.discard(own_id)
        return next(iter(candidates)) if len(candidates) == 1 else None


class ShortNameResolver:
    """One pass over an article's linked mentions (see the module doc)."""

    def __init__(self, doc: Doc, entities: dict[str, LinkedEntity], mentions: list[EntityMention]) -> None:
        self.doc = doc
        self.entities = entities
        self.mentions = sorted(mentions, key=lambda mention: mention.start)
        self.covered = {index for mention in self.mentions for index in range(mention.start, mention.end)}
        self.plural_groups: dict[int, list[str]] = {}
        self.found_mentions: list[EntityMention] = []
        self.positions: dict[str, list[int]] | None = None

    # --- helpers --------------------------------------------------------------------------
    def _new_person(self, name: str) -> str:
        entity_id = slugify(name)
        self.entities.setdefault(entity_id, LinkedEntity(entity_id, name, EntityType.PERSON, in_kb=False))
        return entity_id

    def _remappable(self, mention: EntityMention) -> bool:
        entity = self.entities.get(mention.entity_id)
        return entity is not None and not entity.in_kb and mention.explicit

    def _kb_surname(self, mention: EntityMention) -> bool:
        """A KB person's one-word name ("Vance"), which an earlier person of the article may own."""
        entity = self.entities.get(mention.entity_id)
        return (
            entity is not None
            and entity.in_kb
            and entity.type == EntityType.PERSON
            and mention.end - mention.start == 1
            and mention.explicit
        )

    def _surname_owner(self, mention: EntityMention, forms: _Forms) -> str | None:
        """The one person named earlier in the article whose surname this is, when that person is not the
        KB's ("Vance" after "Judge Harriet Vance")."""
        owners = forms.surnames.get(self.doc[mention.start].text, set()) | {mention.entity_id}
        others = owners - {mention.entity_id}
        if len(others) == 1 and mention.entity_id not in forms.seen:
            return next(iter(others))
        return None

    def _coordinated_person(self, mention: EntityMention, following: EntityMention | None) -> str | None:
        """ "Matthew" in "Matthew and Maria Raine": the given name shares the surname of the next name."""
        doc = self.doc
        if following is None or mention.end - mention.start != 1 or following.start != mention.end + 1:
            return None
        if doc[mention.end].lower_ != "and":
            return None
        other = self.entities.get(following.entity_id)
        words = _span_words(doc, following.start, following.end)
        if other is None or other.type != EntityType.PERSON or len(words) != 2:
            return None
        given = doc[mention.start]
        if not (given.is_title and given.is_alpha) or given.lower_ in TITLE_WORDS:
            return None
        return self._new_person(f"{given.text} {words[-1]}")

    def _full_name_of_surname(self, word: str) -> str | None:
        """The full name of a surname the NER found alone, from an unlabelled "Ines Carvalho" in the text."""
        if self.positions is None:
            self.positions = {}
            for token in self.doc:
                self.positions.setdefault(token.text, []).append(token.i)
        found = set()
        for index in self.positions.get(word, []):
            if index in self.covered or index == 0:
                continue
            given = self.doc[index - 1]
            if is_name_word(given) and given.i not in self.covered and not self.doc[index].is_sent_start:
                found.add((given.text, given.i))
        names = {text for text, _ in found}
        if len(names) != 1:
            return None
        given_text = names.pop()
        entity_id = self._new_person(f"{given_text} {word}")
        for _, index in found:
            self.found_mentions.append(EntityMention(index, index + 2, entity_id))
            self.covered.update((index, index + 1))
        return entity_id

    def _titled_person(self, run: EntityMention) -> str:
        """A full name after a title that the NER missed ("Representative Raja Krishnamoorthi"), or ""."""
        if run.end - run.start < 2 or run.start == 0 or self.doc[run.start - 1].lower_ not in PERSON_TITLES:
            return ""
        return self._new_person(" ".join(token.text for token in self.doc[run.start : run.end]))

    def _acronym_owners(self) -> dict[str, str]:
        """Acronyms and tickers the article defines in parentheses right after an organisation's name
        ("the Personal Data Protection Commission (PDPC)", "Chegg, Inc. (NYSE: CHGG)"), to that organisation;
        an acronym defined for two organisations is left out."""
        doc = self.doc
        owners: dict[str, set[str]] = {}
        for mention in self.mentions:
            entity = self.entities.get(mention.entity_id)
            if entity is None or entity.type not in ORGANISATION_TYPES or not mention.explicit:
                continue
            index = mention.end
            if index < len(doc) and doc[index].text == ",":
                index += 1
            if index < len(doc) and doc[index].lower_ in lexicon.LEGAL_SUFFIX_WORDS:
                index += 1
            if index + 2 >= len(doc) or doc[index].text != "(":
                continue
            inside = [token.text for token in doc[index + 1 : min(index + 5, len(doc))]]
            if len(inside) >= 3 and inside[1] == ":" and inside[0].isupper():
                inside = inside[2:]
            if len(inside) >= 2 and inside[1] == ")" and ACRONYM.fullmatch(inside[0]) and inside[0] != entity.name:
                owners.setdefault(inside[0], set()).add(entity.id)
        return {acronym: next(iter(ids)) for acronym, ids in owners.items() if len(ids) == 1}

    # --- the pass -------------------------------------------------------------------------
    def resolve(self) -> tuple[list[EntityMention], dict[int, list[str]]]:
        forms = _Forms.empty()
        acronyms = self._acronym_owners()
        resolved: list[EntityMention] = []
        unlabelled = self._unlabelled_runs()
        mentions = sorted(self.mentions + unlabelled, key=lambda mention: mention.start)
        unlabelled_starts = {mention.start for mention in unlabelled}
        for position, mention in enumerate(mentions):
            entity_id = mention.entity_id
            from_text = mention.start in unlabelled_starts and entity_id == ""
            words = _span_words(self.doc, mention.start, mention.end) if acronyms else ()
            if self._kb_surname(mention):
                entity_id = self._surname_owner(mention, forms) or entity_id
            elif len(words) == 1 and words[0] in acronyms and (from_text or self._remappable(mention)):
                entity_id = acronyms[words[0]]
            elif from_text or self._remappable(mention):
                entity_id = self._short_form_target(mention, forms, mentions[position + 1 :]) or (
                    self._titled_person(mention) if from_text else entity_id
                )
            if not entity_id:
                continue
            if entity_id != mention.entity_id:
                target = self.entities[entity_id]
                short = " ".join(_span_words(self.doc, mention.start, mention.end))
                if short and short != target.name:
                    target.aliases.add(short)
                mention = EntityMention(mention.start, mention.end, entity_id, mention.explicit)
            resolved.append(mention)
            forms.add(self.entities[entity_id])
        resolved += self.found_mentions
        self._find_plural_surnames(resolved)
        resolved = [mention for mention in resolved if mention.start not in self.plural_groups]
        used = {mention.entity_id for mention in resolved}
        named = {mention.entity_id for mention in self.mentions}
        for entity_id in [key for key, entity in self.entities.items() if not entity.in_kb and key not in used]:
            if entity_id in named:
                del self.entities[entity_id]
        resolved.sort(key=lambda mention: mention.start)
        return resolved, self.plural_groups

    def _short_form_target(self, mention: EntityMention, forms: _Forms, following: list[EntityMention]) -> str | None:
        words = _span_words(self.doc, mention.start, mention.end)
        if not words:
            return None
        own = self.entities.get(mention.entity_id)
        if own is not None and own.type == EntityType.PLACE:
            candidates = forms.suffixes.get(words, set()) - {mention.entity_id}
            person = [c for c in candidates if self.entities[c].type == EntityType.PERSON]
            return person[0] if len(person) == 1 and len(candidates) == 1 else None
        may_be_prefix = own is None or own.type != EntityType.PERSON
        target = forms.target(words, mention.entity_id, may_be_prefix)
        if target is not None:
            return target
        if own is not None and own.type == EntityType.PERSON and len(words) == 1:
            next_mention = following[0] if following else None
            coordinated = self._coordinated_person(mention, next_mention)
            if coordinated is not None:
                return coordinated
            places = forms.place_surnames.get(words[0], set())
            if len(places) == 1 and words[0] not in forms.surnames:
                place = self.entities[next(iter(places))]
                place.type = EntityType.PERSON
                return place.id
            if words[0] not in forms.surnames:
                return self._full_name_of_surname(words[0])
        return None

    def _unlabelled_runs(self) -> list[EntityMention]:
        """Runs of capitalised name words no entity covers, as mentions of no entity yet ("the Guild")."""
        runs = []
        index = 0
        doc = self.doc
        while index < len(doc):
            if index in self.covered or not is_name_word(doc[index]):
                index += 1
                continue
            end = index
            while end < len(doc) and end not in self.covered and is_name_word(doc[end]) and end - index < 3:
                end += 1
            runs.append(EntityMention(index, end, ""))
            index = end
        return runs

    def _find_plural_surnames(self, resolved: list[EntityMention]) -> None:
        """Tokens such as "the Raines": the people of the article who share that surname (two or more)."""
        by_surname: dict[str, list[str]] = {}
        for entity_id in dict.fromkeys(mention.entity_id for mention in resolved):
            entity = self.entities.get(entity_id)
            if entity is not None and entity.type == EntityType.PERSON and " " in entity.name:
                by_surname.setdefault(entity.name.split()[-1], []).append(entity_id)
        families = {surname: ids for surname, ids in by_surname.items() if len(ids) >= 2}
        if not families:
            return
        starts = {mention.start for mention in resolved}
        for token in self.doc:
            if not token.is_title or token.i == 0 or self.doc[token.i - 1].lower_ != "the":
                continue
            for ending in ("es", "s"):
                surname = token.text[: -len(ending)] if token.text.endswith(ending) else ""
                if surname in families and (token.i in starts or token.i not in self.covered):
                    self.plural_groups[token.i] = list(families[surname])
                    break


def resolve_short_names(
    doc: Doc, entities: dict[str, LinkedEntity], mentions: list[EntityMention]
) -> tuple[list[EntityMention], dict[int, list[str]]]:
    """The article's mentions with short forms linked to the full names (see the module doc), and
    the tokens that name several people by a shared surname ("the Raines") with those people."""
    return ShortNameResolver(doc, entities, mentions).resolve()

"""`claimgraph_entity_ruler_v1`: marks every knowledge-base name before the statistical NER runs.

The stock NER calls Claude a PERSON and Alibaba a GPE, and misses GPT-4o; spans set here are
kept by the NER (it predicts around them) and carry the KB id in `Span.kb_id_` and the KB type as
their label.

Names that are also ordinary words are guarded, so that they create no entity where they are not
names: a KB `context_alias` ("X" for X Corp) counts only where the article confirms it (a kind word
just before it, "formerly ...", or a relative of the entity named elsewhere in the article); a
one-word name in a hyphenated noun ("Meta-analysis", "X-ray"), after a hyphenated first name
("Jean-Claude") or inside another proper name ("Model X", "Claude Monet") is left to the NER, and so is a
body's several-word name at the end of a longer name ("Personal Data Protection Commission").

KB names with a full stop inside a word ("Character.AI") are made tokenizer special cases first:
the stock tokenizer splits "r.A" as a missing space after a sentence, which cuts the name in three
tokens and the sentence in two.
"""

from __future__ import annotations

import re

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimgraph.records import EntityType
from nlp.components.short_names import is_name_word
from nlp.knowledge_base import KnowledgeBase, load_knowledge_base
from nlp.lexicon import ATTRIBUTIVE_WORDS, CONFIRMING_FOLLOWERS, GIVEN_NAME_SURFACES, PRODUCT_WORDS

FOLLOWER_WINDOW = 4
# A full stop between two letters inside one word: "Character.AI", "Character.ai".
INNER_FULL_STOP = re.compile(r"^\S*[^\W\d_]\.[^\W\d_]\S*$")


def keep_whole_names(nlp: Language, kb: KnowledgeBase) -> None:
    """Make every one-word KB name with a full stop inside ("Character.AI") a single token."""
    forms = {surface for surface, _ in kb.surface_forms()} | {surface for surface, _ in kb.context_surface_forms()}
    for form in sorted(forms):
        if " " not in form and INNER_FULL_STOP.match(form):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def _hyphen_after(doc: Doc, end: int) -> Token | None:
    """The word joined by a hyphen right after tokens [.., end) ("Meta-analysis" -> "analysis")."""
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        return doc[end + 1]
    return None


def in_other_name(doc: Doc, start: int, end: int, surface: str) -> bool:
    """True when a one-word match is part of a longer word or proper name the KB does not hold."""
    following = _hyphen_after(doc, end)
    if following is not None and following.is_lower and following.lower_ not in ATTRIBUTIVE_WORDS:
        return True
    if start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and doc[start - 2].is_title:
        return True
    if surface in GIVEN_NAME_SURFACES and end < len(doc):
        following = doc[end]
        return following.is_title and following.is_alpha and following.text not in PRODUCT_WORDS
    return False


class KBEntityRuler:
    """Phrase matching of every KB name and alias (case-sensitive), longest match first."""

    def __init__(self, nlp: Language, name: str, *, kb_dir: str = "", overwrite_ents: bool = True) -> None:
        self.name = name
        self.kb_dir = kb_dir
        self.overwrite_ents = overwrite_ents
        self.kb: KnowledgeBase = load_knowledge_base(kb_dir or None)
        keep_whole_names(nlp, self.kb)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for surface, entity_id in self.kb.surface_forms():
            self.matcher.add(entity_id, [nlp.make_doc(surface)])
        self.context_surfaces: dict[str, set[str]] = {}
        for surface, entity_id in self.kb.context_surface_forms():
            self.context_surfaces.setdefault(entity_id, set()).add(surface)
            self.matcher.add(entity_id, [nlp.make_doc(surface)])
        self.kind_heads = {
            entity_id: {word.split()[-1] for word in self.kb.entities[entity_id].kind_words}
            for entity_id in self.context_surfaces
        }

    def _someone_elses_surname(self, doc: Doc, start: int, entity_id: str) -> bool:
        """A KB person's one-word name after another capitalised name word is someone else's surname
        ("Judge Harriet Vance" is not JD Vance, nor is "Priscilla Vance" opening a sentence); titles
        ("Senator Vance") do not count."""
        return start > 0 and self.kb.entities[entity_id].type == EntityType.PERSON and is_name_word(doc[start - 1])

    def _inside_longer_name(self, doc: Doc, start: int, end: int, entity_id: str) -> bool:
        """A body's several-word KB name at the end of a longer proper name is another body ("Singapore's
        Personal Data Protection Commission" is not Ireland's Data Protection Commission)."""
        return (
            end - start >= 2
            and start > 0
            and self.kb.entities[entity_id].type != EntityType.PERSON
            and is_name_word(doc[start - 1])
        )

    def _confirmed(self, doc: Doc, start: int, end: int, entity_id: str, named_ids: set[str]) -> bool:
        """A context alias counts when a kind word of its entity comes just before it ("the social media
        platform X"), "formerly" follows it, or a relative of the entity is named in the article."""
        if start > 0 and (doc[start - 1].is_title or doc[start - 1].is_upper) and not doc[start - 1].is_sent_start:
            return False
        if _hyphen_after(doc, end) is not None:
            return False
        if start > 0 and doc[start - 1].lower_ in self.kind_heads[entity_id]:
            return True
        if any(token.lower_ in CONFIRMING_FOLLOWERS for token in doc[end : end + FOLLOWER_WINDOW]):
            return True
        return bool(named_ids & self.kb.relatives(entity_id))

    def __call__(self, doc: Doc) -> Doc:
        matches = []
        for match_id, start, end in self.matcher(doc):
            entity_id = doc.vocab.strings[match_id]
            surface = doc[start:end].text
            if end - start == 1 and (
                in_other_name(doc, start, end, surface) or self._someone_elses_surname(doc, start, entity_id)
            ):
                continue
            if self._inside_longer_name(doc, start, end, entity_id):
                continue
            matches.append((entity_id, start, end, surface in self.context_surfaces.get(entity_id, ())))
        named_ids = {entity_id for entity_id, _, _, contextual in matches if not contextual}
        spans = []
        for entity_id, start, end, contextual in matches:
            if contextual and not self._confirmed(doc, start, end, entity_id, named_ids):
                continue
            entity = self.kb.entities[entity_id]
            spans.append(Span(doc, start, end, label=entity.type.value, kb_id=entity_id))
        if not spans:
            return doc
        kept = filter_spans(spans)
        if self.overwrite_ents:
            covered = {index for span in kept for index in range(span.start, span.end)}
            others = [ent for ent in doc.ents if not covered.intersection(range(ent.start, ent.end))]
            doc.ents = sorted(kept + others, key=lambda span: span.start)
        else:
            doc.ents = filter_spans(list(doc.ents) + kept)
        return doc


@Language.factory(
    "claimgraph_entity_ruler_v1",
    default_config={"kb_dir": "", "overwrite_ents": True},
)
def make_entity_ruler(nlp: Language, name: str, kb_dir: str, overwrite_ents: bool) -> KBEntityRuler:
    """The KB entity ruler; `kb_dir` empty means the packaged `nlp/kb/` folder."""
    return KBEntityRuler(nlp, name, kb_dir=kb_dir, overwrite_ents=overwrite_ents)

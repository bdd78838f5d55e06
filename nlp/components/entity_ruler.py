"""`claimgraph_entity_ruler_v1`: marks every knowledge-base name before the statistical NER runs.

The stock NER calls Claude a PERSON and Alibaba a GPE, and misses GPT-4o; spans set here are
kept by the NER (it predicts around them) and carry the KB id in `Span.kb_id_` and the KB type as
their label.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nlp.knowledge_base import KnowledgeBase, load_knowledge_base


class KBEntityRuler:
    """Phrase matching of every KB name and alias (case-sensitive), longest match first."""

    def __init__(self, nlp: Language, name: str, *, kb_dir: str = "", overwrite_ents: bool = True) -> None:
        self.name = name
        self.kb_dir = kb_dir
        self.overwrite_ents = overwrite_ents
        self.kb: KnowledgeBase = load_knowledge_base(kb_dir or None)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for surface, entity_id in self.kb.surface_forms():
            self.matcher.add(entity_id, [nlp.make_doc(surface)])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            entity_id = doc.vocab.strings[match_id]
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

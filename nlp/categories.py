"""What an allegation is about: category cues from `nlp.lexicon`, matched once per document."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from claimgraph.records import Category
from nlp import lexicon

COPY_LABEL = "COPY"


@dataclass(frozen=True)
class Cue:
    start: int
    category: Category | None
    weak: bool


class CategoryCues:
    """A phrase matcher over lower-cased text for every category cue."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for category, phrases in lexicon.CATEGORY_PHRASES.items():
            self.matcher.add(f"S:{category.value}", [nlp.make_doc(phrase) for phrase in phrases])
        for category, phrases in lexicon.WEAK_CATEGORY_PHRASES.items():
            self.matcher.add(f"W:{category.value}", [nlp.make_doc(phrase) for phrase in phrases])
        self.matcher.add(COPY_LABEL, [nlp.make_doc(word) for word in lexicon.COPY_WORDS])

    def find(self, doc: Doc) -> list[Cue]:
        """Every cue of `doc`. A cue inside a longer one of another kind gives way to it ("infringement" in
        "trademark infringement"), and in a sentence about a voice, a likeness or a trademark, cloning or
        copying is of that, not of a work or a model."""
        matches = []
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            if label == COPY_LABEL:
                matches.append((Cue(start, None, weak=False), end))
            else:
                kind, value = label.split(":", 1)
                matches.append((Cue(start, Category(value), weak=kind == "W"), end))
        other_sentences = {doc[cue.start].sent.start for cue, _ in matches if cue.category == Category.OTHER}
        covering: dict[int, list[tuple[Cue, int]]] = {}
        for cue, end in matches:
            if end - cue.start > 1:
                for index in range(cue.start, end):
                    covering.setdefault(index, []).append((cue, end))
        cues = []
        for cue, end in matches:
            inside_longer = any(
                other.category != cue.category
                and other.start <= cue.start
                and end <= other_end
                and other_end - other.start > end - cue.start
                for other, other_end in covering.get(cue.start, [])
            )
            cloned_voice = cue.category is None and doc[cue.start].sent.start in other_sentences
            if not inside_longer and not cloned_voice:
                cues.append(cue)
        return cues


def category_in(cues: list[Cue], region: Collection[int], mentions_model: bool) -> Category | None:
    """The category cued inside `region` (token indices), or None when nothing is cued there.

    Strong cues win by `lexicon.CATEGORY_PRIORITY`; a bare "copied" means distillation when a
    model or product is named in the region and no copyright cue is, copyright otherwise.
    """
    inside = [cue for cue in cues if cue.start in region]
    strong = {cue.category for cue in inside if cue.category is not None and not cue.weak}
    for category in lexicon.CATEGORY_PRIORITY:
        if category in strong:
            return category
    if any(cue.category is None for cue in inside):
        return Category.DISTILLATION if mentions_model else Category.COPYRIGHT
    weak = {cue.category for cue in inside if cue.weak}
    return next((category for category in lexicon.CATEGORY_PRIORITY if category in weak), None)

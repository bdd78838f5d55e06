"""Single-word triggers found over a document's attribute arrays.

The rules look for single words (a lemma or a lower-case form, with a part of speech): a token
`Matcher` with large `IN` sets tests every pattern on every token, which dominated the run time
of our components on long texts. Here each rule is a set lookup over `Doc.to_array` columns
(numpy), so finding the triggers of a megabyte costs milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc
from spacy.vocab import Vocab


@dataclass(frozen=True)
class _Rule:
    label: str
    lemmas: numpy.ndarray
    lowers: numpy.ndarray
    parts_of_speech: numpy.ndarray


class WordMatcher:
    """Finds tokens whose lemma or lower-case form is in a rule's word lists (and whose POS fits)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.rules: list[_Rule] = []

    def _ids(self, words: Iterable[str]) -> numpy.ndarray:
        return numpy.array(sorted({self.vocab.strings.add(word) for word in words}), dtype=numpy.uint64)

    def add(
        self, label: str, *, lemmas: Iterable[str] = (), lowers: Iterable[str] = (), pos: Iterable[str] = ()
    ) -> None:
        """Match `label` on a token whose lemma is in `lemmas` or whose lower-case form is in `lowers`,
        when its coarse part of speech is in `pos` (any part of speech when `pos` is empty)."""
        parts = numpy.array(sorted(POS_IDS[tag] for tag in pos), dtype=numpy.uint64)
        self.rules.append(_Rule(label, self._ids(lemmas), self._ids(lowers), parts))

    def __call__(self, doc: Doc) -> list[tuple[int, str]]:
        """(token index, label) of every match, in document order."""
        if not self.rules or len(doc) == 0:
            return []
        columns = doc.to_array([LEMMA, LOWER, POS])
        found: list[tuple[int, str]] = []
        for rule in self.rules:
            mask = numpy.isin(columns[:, 0], rule.lemmas) | numpy.isin(columns[:, 1], rule.lowers)
            if len(rule.parts_of_speech):
                mask &= numpy.isin(columns[:, 2], rule.parts_of_speech)
            found += [(int(index), rule.label) for index in numpy.flatnonzero(mask)]
        found.sort()
        return found

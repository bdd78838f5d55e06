"""Single-word triggers found over a document's attribute arrays.

The rules look for single words (a lemma or a lower-case form, with a part of speech): a token
`Matcher` with large `IN` sets tests every pattern on every token, which dominated the run time
of our components on long texts. Here each rule is a set lookup over `Doc.to_array` columns
(numpy) for all rules at once, then set lookups on the few candidate tokens, so finding the triggers
of a megabyte costs milliseconds.
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
    lemma_set: frozenset[int]
    lower_set: frozenset[int]
    pos_set: frozenset[int]


class WordMatcher:
    """Finds tokens whose lemma or lower-case form is in a rule's word lists (and whose POS fits)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.rules: list[_Rule] = []
        self._all_lemmas: numpy.ndarray | None = None
        self._all_lowers: numpy.ndarray | None = None

    def _ids(self, words: Iterable[str]) -> numpy.ndarray:
        return numpy.array(sorted({self.vocab.strings.add(word) for word in words}), dtype=numpy.uint64)

    def add(
        self, label: str, *, lemmas: Iterable[str] = (), lowers: Iterable[str] = (), pos: Iterable[str] = ()
    ) -> None:
        """Match `label` on a token whose lemma is in `lemmas` or whose lower-case form is in `lowers`,
        when its coarse part of speech is in `pos` (any part of speech when `pos` is empty)."""
        lemma_ids, lower_ids = self._ids(lemmas), self._ids(lowers)
        self.rules.append(
            _Rule(
                label,
                lemma_ids,
                lower_ids,
                frozenset(lemma_ids.tolist()),
                frozenset(lower_ids.tolist()),
                frozenset(POS_IDS[tag] for tag in pos),
            )
        )
        self._all_lemmas = self._all_lowers = None

    def __call__(self, doc: Doc) -> list[tuple[int, str]]:
        """(token index, label) of every match, in document order."""
        if not self.rules or len(doc) == 0:
            return []
        columns = doc.to_array([LEMMA, LOWER, POS])
        if self._all_lemmas is None or self._all_lowers is None:
            self._all_lemmas = numpy.unique(numpy.concatenate([rule.lemmas for rule in self.rules]))
            self._all_lowers = numpy.unique(numpy.concatenate([rule.lowers for rule in self.rules]))
        # One pass over the whole document for any rule's word, then the few candidates per rule.
        candidates = numpy.flatnonzero(
            numpy.isin(columns[:, 0], self._all_lemmas) | numpy.isin(columns[:, 1], self._all_lowers)
        )
        if not len(candidates):
            return []
        found: list[tuple[int, str]] = []
        for index, (lemma, lower, part) in zip(candidates.tolist(), columns[candidates].tolist(), strict=True):
            for rule in self.rules:
                if (lemma in rule.lemma_set or lower in rule.lower_set) and (not rule.pos_set or part in rule.pos_set):
                    found.append((index, rule.label))
        found.sort()
        return found

"""The claim rules' sentence shapes (nlp/patterns/claim_shapes.yaml) found in a document."""

from __future__ import annotations

from typing import Any

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from nlp.patterns import load, resolved


class ShapeMatcher:
    """For each shape of claim_shapes.yaml, the tokens its matches stand for (their `at` token)."""

    def __init__(self, vocab: Vocab, shapes: dict[str, Any] | None = None) -> None:
        self.vocab = vocab
        self.shapes = shapes if shapes is not None else load("claim_shapes")
        self.labels = list(self.shapes)
        self.trigger_labels = [label for label, shape in self.shapes.items() if shape.get("trigger")]
        self.tokens = Matcher(vocab)
        self.dependencies = DependencyMatcher(vocab)
        # Each dependency pattern under a key of its own: where its `at` node is differs between patterns.
        self._at_node: dict[str, tuple[str, int]] = {}
        for label, shape in self.shapes.items():
            if shape.get("token"):
                self.tokens.add(label, resolved(shape["token"]))
            for number, pattern in enumerate(shape.get("dependency") or []):
                key = f"{label}#{number}"
                self.dependencies.add(key, [resolved(pattern)])
                nodes = [node["RIGHT_ID"] for node in pattern]
                self._at_node[key] = (label, nodes.index(shape["at"]))

    def __call__(self, doc: Doc) -> dict[str, set[int]]:
        """Label -> indices of the tokens the label's matches stand for."""
        found: dict[str, set[int]] = {label: set() for label in self.labels}
        for match_id, start, _end in self.tokens(doc):
            label = self.vocab.strings[match_id]
            found[label].add(start + int(self.shapes[label]["at"]))
        if len(self.dependencies) and doc.has_annotation("DEP"):
            for match_id, token_ids in self.dependencies(doc):
                label, node = self._at_node[self.vocab.strings[match_id]]
                found[label].add(token_ids[node])
        return found

"""Paragraph breaks as sentence boundaries.

The crawler hands articles on as paragraphs separated by a blank line, and the annotated sets are
written the same way. The statistical parser does not always end a sentence at a blank line: a
heading, a dateline or a paragraph without a final full stop then runs into the next paragraph's
first sentence and changes its parse. Placed before the parser, this component marks the first
token after a break of `min_newlines` or more newlines as a sentence start, which the parser
respects.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class ParagraphBreaks:
    """Marks the first token of every paragraph as a sentence start."""

    def __init__(self, nlp: Language, name: str, *, min_newlines: int = 2) -> None:
        if min_newlines < 1:
            raise ValueError(f"min_newlines must be at least 1, not {min_newlines}")
        self.name = name
        self.min_newlines = min_newlines

    def __call__(self, doc: Doc) -> Doc:
        after_break = False
        for token in doc:
            if token.is_space:
                after_break = after_break or token.text.count("\n") >= self.min_newlines
            elif after_break:
                token.is_sent_start = True
                after_break = False
        return doc


@Language.factory("claimgraph_paragraph_breaks_v1", default_config={"min_newlines": 2})
def make_paragraph_breaks(nlp: Language, name: str, min_newlines: int) -> ParagraphBreaks:
    """Paragraph breaks of `min_newlines` newlines (2: a blank line) start a sentence."""
    return ParagraphBreaks(nlp, name, min_newlines=min_newlines)

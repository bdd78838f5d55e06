"""A blank line between paragraphs is a sentence boundary, whatever the parser would have made of it."""

from __future__ import annotations

import pytest
import spacy

from nlp.components.paragraphs import ParagraphBreaks
from nlp.extract import Extractor

HEADLINE_THEN_BODY = (
    "Alibaba denies distillation claims\n\nAlibaba on Tuesday denied accusations by Anthropic that it distilled Claude."
)


def sentences(extractor: Extractor, text: str, with_breaks: bool = True) -> list[str]:
    disabled = [] if with_breaks else ["claimgraph_paragraph_breaks"]
    with extractor.nlp.select_pipes(disable=disabled):
        return [sentence.text.strip() for sentence in extractor.nlp(text).sents]


def test_the_component_sits_before_the_parser(extractor: Extractor) -> None:
    names = extractor.nlp.pipe_names
    assert names.index("claimgraph_paragraph_breaks") < names.index("parser")
    assert extractor.nlp.get_pipe_meta("claimgraph_paragraph_breaks").factory == "claimgraph_paragraph_breaks_v1"


def test_a_paragraph_without_a_full_stop_does_not_run_into_the_next(extractor: Extractor) -> None:
    assert sentences(extractor, HEADLINE_THEN_BODY, with_breaks=False) == [HEADLINE_THEN_BODY]
    assert sentences(extractor, HEADLINE_THEN_BODY) == [
        "Alibaba denies distillation claims",
        "Alibaba on Tuesday denied accusations by Anthropic that it distilled Claude.",
    ]


def test_a_single_newline_is_left_to_the_parser(extractor: Extractor) -> None:
    text = HEADLINE_THEN_BODY.replace("\n\n", "\n")
    assert sentences(extractor, text) == sentences(extractor, text, with_breaks=False)


def test_every_paragraph_starts_a_sentence() -> None:
    nlp = spacy.blank("en")
    doc = ParagraphBreaks(nlp, "breaks")(nlp("One line\n\nTwo lines \n\n\nThree\nfour"))
    assert [token.text for token in doc if token.is_sent_start] == ["One", "Two", "Three"]
    assert next(token for token in doc if token.text == "four").is_sent_start is None


def test_a_break_of_no_newline_is_refused() -> None:
    with pytest.raises(ValueError, match="min_newlines"):
        ParagraphBreaks(spacy.blank("en"), "breaks", min_newlines=0)

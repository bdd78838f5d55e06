"""The claim rules' data files (nlp/patterns/): every word set they name is in the lexicon, every trigger
kind has a frame reader, the shapes compile and find what they describe."""

from __future__ import annotations

import pytest
import spacy

from nlp import lexicon
from nlp.components.claims import FRAMES
from nlp.components.claims.shapes import ShapeMatcher
from nlp.extract import Extractor
from nlp.patterns import load, resolved, words


def test_every_trigger_kind_has_a_frame_reader_and_every_reader_a_trigger() -> None:
    table, shapes = load("claim_triggers"), load("claim_shapes")
    labels = [rule["label"] for rule in table["triggers"]]
    labels += [label for label, shape in shapes.items() if shape.get("trigger")]
    assert sorted(labels) == sorted(FRAMES)


def test_every_word_list_names_a_lexicon_set() -> None:
    table = load("claim_triggers")
    for rule in table["triggers"] + table["status_words"]:
        for key in ("lemmas", "lowers"):
            if key in rule:
                assert isinstance(rule[key], str), f"{rule['label']}: name a set of nlp/lexicon.py, not words"
                assert words(rule[key])


def test_a_name_that_is_no_word_set_is_refused() -> None:
    with pytest.raises(ValueError, match="names no word set"):
        words("NO_SUCH_WORDS")


def test_lexicon_names_in_patterns_are_resolved() -> None:
    pattern = [{"LEMMA": {"IN": "SUE_VERBS"}}, {"LOWER": {"IN": ["to", "into"]}}]
    assert resolved(pattern) == [{"LEMMA": {"IN": sorted(lexicon.SUE_VERBS)}}, {"LOWER": {"IN": ["to", "into"]}}]


def test_the_shapes_compile() -> None:
    matcher = ShapeMatcher(spacy.blank("en").vocab)
    assert set(matcher.trigger_labels) <= set(FRAMES)
    assert "HIT_WITH" in matcher.labels


@pytest.mark.parametrize(
    ("text", "label", "word"),
    [
        ("The Times took OpenAI to court in December.", "COURT", "court"),
        ("Reddit hit Anthropic with a lawsuit on Wednesday.", "HIT_WITH", "lawsuit"),
        ("According to the complaint, the company copied millions of articles.", "ACCORDING", "According"),
        ("The guild asked OpenAI to stop training on its books.", "STOP", "stop"),
        ("Other plaintiffs include Sarah Silverman and Paul Tremblay.", "PLAINTIFF", "plaintiffs"),
    ],
)
def test_a_shape_stands_for_its_token(extractor: Extractor, text: str, label: str, word: str) -> None:
    doc = extractor.nlp(text)
    found = ShapeMatcher(extractor.nlp.vocab)(doc)
    assert [doc[i].text for i in sorted(found[label])] == [word]

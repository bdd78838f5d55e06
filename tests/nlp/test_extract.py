"""Bad input and long input: empty, not English, a megabyte of text, invalid JSONL lines."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from claimgraph.records import Article, Extraction
from nlp import extract as extract_module
from nlp.extract import Extractor, split_text

CLAIM_TEXT = "Reddit sued Anthropic on Wednesday, accusing it of scraping its forums without a licence."


def test_empty_text_is_skipped(extractor: Extractor, make_article: Callable[..., Article]) -> None:
    result = extractor.extract(make_article("   \n "))
    assert result.skipped_reason == "empty text"
    assert result.claims == [] and result.entities == []


def test_non_english_text_is_skipped(extractor: Extractor, make_article: Callable[..., Article]) -> None:
    text = (
        "Anthropic a accusé vendredi la société chinoise Alibaba d'avoir copié les réponses de Claude "
        "pour entraîner ses propres modèles, selon un communiqué publié par l'entreprise américaine."
    )
    result = extractor.extract(make_article(text))
    assert result.skipped_reason is not None and "not English" in result.skipped_reason
    assert result.claims == []


def test_split_text_keeps_offsets() -> None:
    text = ("First sentence here. " * 40 + "\n\n") * 30
    pieces = split_text(text, 1000)
    assert len(pieces) > 1
    assert all(len(piece) <= 1000 for _, piece in pieces)
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)


# Paragraphs in the styles of news (markets, launches, policy, lawsuits), written for this test.
NEWS_PARAGRAPHS = (
    "Nvidia shares rose 3 percent on Thursday after the chipmaker said demand for its data-centre "
    "processors was still outstripping supply. Analysts at several banks raised their price targets, "
    "and the company said it expected revenue of about $54 billion in the current quarter.",
    "Microsoft said on Monday it would spend more on data centres in Europe over the next two years. "
    "The software company, based in Redmond, Washington, did not say how many sites it planned to build.",
    "Anthropic released a new version of Claude on Tuesday. The San Francisco start-up said the model "
    "writes code faster and makes fewer mistakes, and that businesses could try it through its API.",
    "European lawmakers met in Brussels this week to discuss how the AI Act should apply to general-purpose "
    "models. Several members said they wanted clearer rules on transparency, while others warned that "
    "small companies could struggle with the cost of compliance.",
    "Reddit sued Anthropic on Wednesday, accusing it of scraping its forums without a licence.",
    "Mistral AI raised new funding from investors in Paris and Amsterdam. The French company said it "
    "would hire more researchers and open an office in Singapore before the end of the year.",
    "The Federal Trade Commission fined Brightline Apps $2 million for deceptive claims about its chatbot, "
    "the agency said in a statement.",
    "Google said its Gemini models would be available to more schools from September. Teachers in a pilot "
    "programme said the tools saved them time on lesson planning, according to the company.",
)


def megabyte_of_news() -> str:
    """A megabyte of the paragraphs above in rotation."""
    paragraphs: list[str] = []
    rotation = 0
    while sum(len(paragraph) + 2 for paragraph in paragraphs) < 1_000_000:
        paragraphs += NEWS_PARAGRAPHS[rotation:] + NEWS_PARAGRAPHS[:rotation]
        rotation = (rotation + 3) % len(NEWS_PARAGRAPHS)
    return "\n\n".join(paragraphs)


def test_megabyte_text_is_processed_in_pieces_with_true_offsets(
    extractor: Extractor, make_article: Callable[..., Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = megabyte_of_news()
    assert len(text) > 1_000_000
    # The session's pipeline, with the default piece size: the megabyte goes through it in 11 pieces.
    assert extractor.settings.nlp_max_chars == 100_000
    assert len(split_text(text, extractor.settings.nlp_max_chars)) == 11
    monkeypatch.setattr(extractor.settings, "nlp_max_article_chars", 2_000_000)
    monkeypatch.setattr(extractor.settings, "nlp_max_reports_per_claim", 100_000)
    monkeypatch.setattr(extract_module, "MIN_REPEATED_LINE", 10**9)  # every repeat read: pieces at work
    result = extractor.extract(make_article(text))

    assert result.notes == []
    for claim in result.claims:
        assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.sentence
    for entity in result.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
    lawsuit_starts = sorted(
        c.evidence.start for c in result.claims if (c.accuser.id, c.accused.id) == ("reddit", "anthropic")
    )
    assert lawsuit_starts == [match.start() for match in re.finditer(re.escape(CLAIM_TEXT), text)]
    assert {(c.accuser.id, c.accused.name) for c in result.claims} == {
        ("reddit", "Anthropic"),
        ("ftc", "Brightline Apps"),
    }
    assert len(result.claims) == text.count(CLAIM_TEXT) + text.count("fined Brightline Apps")


def test_a_long_repetitive_article_is_read_once_and_cut(
    extractor: Extractor, make_article: Callable[..., Article]
) -> None:
    """The hostile page: one megabyte of the same paragraphs. Each is read once, the text is cut at
    nlp_max_article_chars, and the extraction says both; offsets still point into the article."""
    text = megabyte_of_news()
    result = extractor.extract(make_article(text))
    assert any("text cut at character" in note and "nlp_max_article_chars (200000)" in note for note in result.notes)
    assert any(note.endswith("repeated paragraphs read once") for note in result.notes)
    assert [c.evidence.start for c in result.claims if c.accuser.id == "reddit"] == [text.index(CLAIM_TEXT)]
    assert len(result.claims) == 2
    for entity in result.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
            assert mention.start < 200_000
    assert sum(len(entity.mentions) for entity in result.entities) < 40


def test_a_claim_keeps_a_few_reports_per_article(extractor: Extractor, make_article: Callable[..., Article]) -> None:
    """The same accusation in many distinct sentences: the first nlp_max_reports_per_claim are kept."""
    text = "\n\n".join(
        f"Reddit sued Anthropic on June {day}, accusing it of scraping its forums without a licence."
        for day in range(1, 15)
    )
    result = extractor.extract(make_article(text))
    kept = [c for c in result.claims if (c.accuser.id, c.accused.id) == ("reddit", "anthropic")]
    assert len(kept) == extractor.settings.nlp_max_reports_per_claim == 10
    assert sorted(c.evidence.start for c in kept) == [m.start() for m in re.finditer("Reddit sued", text)][:10]
    assert any("left out" in note for note in result.notes)


def test_extract_many_keeps_order_and_pairs_skipped_articles(
    extractor: Extractor, make_article: Callable[..., Article]
) -> None:
    articles = [
        make_article(CLAIM_TEXT, url="https://news.test/1"),
        make_article("", url="https://news.test/2"),
        make_article("Nvidia said its revenue rose.", url="https://news.test/3"),
    ]
    results = list(extractor.extract_many(articles))
    assert [r.url for r in results] == [a.url for a in articles]
    assert [bool(r.claims) for r in results] == [True, False, False]
    assert results[1].skipped_reason == "empty text"


def test_relations_among_kb_entities(extractor: Extractor, make_article: Callable[..., Article]) -> None:
    result = extractor.extract(make_article("Anthropic released a new version of Claude on Monday."))
    facts = {(r.subject.id, r.predicate, r.object.id) for r in result.relations}
    assert ("anthropic", "DEVELOPS", "claude") in facts


def test_cli_reports_bad_lines_and_goes_on(
    tmp_path: Path, claimgraph_command: list[str], make_article: Callable[..., Article]
) -> None:
    source = tmp_path / "in.jsonl"
    loose = {"url": "https://news.test/loose", "text": CLAIM_TEXT, "published_at": "2025-06-04", "source": "Test Wire"}
    source.write_text(
        make_article(CLAIM_TEXT).model_dump_json() + "\n" + "{not json\n" + json.dumps(loose) + "\n" + '{"url": 3}\n'
    )
    output = tmp_path / "out.jsonl"
    done = subprocess.run(
        [*claimgraph_command, "extract", str(source), "-o", str(output)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 1
    assert "line 2" in done.stderr and "line 4" in done.stderr
    lines = [Extraction.model_validate_json(line) for line in output.read_text().splitlines()]
    assert [line.url for line in lines] == ["https://news.test/a", "https://news.test/loose"]
    loose_result = lines[1]
    assert loose_result.article.source.id == "test-wire"
    assert {(c.accuser.id, c.accused.id) for c in loose_result.claims} == {("reddit", "anthropic")}
    assert loose_result.claims[0].claim_date.isoformat() == "2025-06-04"


def test_cli_exit_code_zero_when_all_lines_read(
    tmp_path: Path, claimgraph_command: list[str], make_article: Callable[..., Article]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(make_article(CLAIM_TEXT).model_dump_json() + "\n")
    output = tmp_path / "out.jsonl"
    done = subprocess.run(
        [*claimgraph_command, "extract", str(source), "-o", str(output)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "1 articles" in done.stderr

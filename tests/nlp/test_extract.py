"""Bad input and long input: empty, not English, a megabyte of text, invalid JSONL lines."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from claimgraph.records import Article, Extraction
from claimgraph.settings import Settings
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


def test_megabyte_text_is_processed_in_pieces_with_true_offsets(make_article: Callable[..., Article]) -> None:
    filler = "Analysts said the market for chips kept growing across the region this year. "
    paragraph = filler * 40 + "\n\n"
    text = paragraph * (1_000_000 // len(paragraph) + 1) + CLAIM_TEXT
    assert len(text) > 1_000_000
    extractor = Extractor(Settings(nlp_max_chars=100_000))
    result = extractor.extract(make_article(text))
    assert {(c.accuser.id, c.accused.id) for c in result.claims} == {("reddit", "anthropic")}
    evidence = result.claims[0].evidence
    assert text[evidence.start : evidence.end] == evidence.sentence == CLAIM_TEXT
    for entity in result.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


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

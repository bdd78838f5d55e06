"""The pipeline is assembled from its config; the knowledge-base loader refuses bad files clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.exceptions import ExtractionError
from nlp.extract import Extractor
from nlp.knowledge_base import load_knowledge_base
from nlp.pipeline import DEFAULT_CONFIG, build_pipeline, resolve_model_name


def test_components_come_from_the_config(extractor: Extractor) -> None:
    names = extractor.nlp.pipe_names
    assert names.index("claimgraph_entity_ruler") < names.index("ner") < names.index("claimgraph_linker")
    assert names[-2:] == ["claimgraph_claims", "claimgraph_responses"]
    assert extractor.nlp.get_pipe_meta("claimgraph_linker").factory == "claimgraph_linker_v1"


def test_a_component_can_be_disabled(extractor: Extractor) -> None:
    text = "Reddit sued Anthropic on Wednesday, accusing it of scraping its forums."
    with extractor.nlp.select_pipes(disable=["claimgraph_claims", "claimgraph_responses"]):
        doc = extractor.nlp(text)
    assert doc._.cg_claims is None
    assert {"reddit", "anthropic"} <= set(doc._.cg_entities)


def test_entity_ruler_fixes_stock_ner(extractor: Extractor) -> None:
    doc = extractor.nlp("Claude and GPT-4o were compared by Alibaba and DeepSeek.")
    labels = {ent.text: (ent.label_, ent.kb_id_) for ent in doc.ents}
    assert labels["Claude"] == ("Model", "claude")
    assert labels["GPT-4o"][1] == "gpt-4o"
    assert labels["Alibaba"] == ("Company", "alibaba")
    assert labels["DeepSeek"] == ("Company", "deepseek")


def test_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(ExtractionError, match="not installed"):
        resolve_model_name("xx_no_such_model")


def test_missing_config_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="pipeline config"):
        build_pipeline("en_core_web_sm", config_path=tmp_path / "missing.cfg")


def test_default_config_exists() -> None:
    assert DEFAULT_CONFIG.exists()


def test_bad_kb_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("entities:\n  - id: x\n    name: X\n    type: Spaceship\n")
    with pytest.raises(ExtractionError, match=r"broken\.yaml.*unknown type 'Spaceship'"):
        load_knowledge_base(tmp_path)


def test_kb_lookups(tmp_path: Path) -> None:
    (tmp_path / "kb.yaml").write_text(
        "entities:\n"
        "  - {id: acme, name: Acme, type: Company, develops: [rocket]}\n"
        "  - {id: acme-labs, name: Acme Labs, type: Company, parent: acme}\n"
        "  - {id: rocket, name: Rocket, type: Model}\n"
        "  - {id: rocket-2, name: Rocket 2, type: Model, version_of: rocket}\n"
        "  - {id: jo, name: Jo Doe, type: Person, affiliation: acme-labs, aliases: [Doe]}\n"
    )
    kb = load_knowledge_base(tmp_path)
    assert kb.developer_of("rocket-2") == "acme"
    assert kb.family("jo") == {"jo", "acme", "acme-labs"}
    assert ("rocket-2", "VERSION_OF", "rocket") in kb.relations_among(["rocket", "rocket-2"])
    assert ("acme", "DEVELOPS", "rocket") in kb.relations_among(["acme", "rocket"])

"""Settings: defaults, environment (with the conventional NEO4J_* names) and the config file."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.connection import resolve_connection
from claimgraph.settings import Settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import os

    for name in list(os.environ):
        if name.startswith(("CLAIMGRAPH_", "NEO4J_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("CLAIMGRAPH_CONFIG", str(tmp_path / "absent.toml"))


def test_defaults_use_the_managed_local_server(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert settings.uses_local_neo4j
    connection = resolve_connection(settings)
    assert connection.uri == "bolt://127.0.0.1:7687"
    assert "claimgraph neo4j start" in connection.hint


def test_neo4j_variables_are_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://abc.databases.neo4j.io")
    monkeypatch.setenv("NEO4J_USER", "analyst")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret")
    settings = Settings()
    connection = resolve_connection(settings)
    assert (connection.uri, connection.user, connection.password) == (
        "neo4j+s://abc.databases.neo4j.io",
        "analyst",
        "s3cret",
    )
    assert "s3cret" not in repr(connection)


def test_prefixed_environment_and_lists(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLAIMGRAPH_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("CLAIMGRAPH_API_KEYS", "k1, k2")
    monkeypatch.setenv("CLAIMGRAPH_INGEST_BATCH_SIZE", "50")
    settings = Settings()
    assert settings.data_dir == tmp_path / "d"
    assert settings.api_keys == ["k1", "k2"]
    assert settings.ingest_batch_size == 50
    assert settings.crawl_state_dir == tmp_path / "d" / "crawl"


def test_config_file_is_read_and_environment_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "claimgraph.toml"
    config.write_text('api_port = 9001\ncrawl_delay = 0.25\nneo4j_uri = "bolt://db.internal:7687"\n')
    monkeypatch.setenv("CLAIMGRAPH_CONFIG", str(config))
    monkeypatch.setenv("CLAIMGRAPH_API_PORT", "9002")
    settings = Settings()
    assert settings.crawl_delay == 0.25
    assert settings.api_port == 9002
    assert settings.neo4j_uri == "bolt://db.internal:7687"


def test_invalid_value_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError

    monkeypatch.setenv("CLAIMGRAPH_API_PORT", "not-a-port")
    with pytest.raises(ValidationError, match="api_port"):
        Settings()

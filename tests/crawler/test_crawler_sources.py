"""The sources file: valid files load, wrong ones are refused naming the source and the field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from claimgraph.exceptions import ConfigError
from crawler.sources import load_sources, parse_sources

REPO_ROOT = Path(__file__).resolve().parents[2]
GOOD = {
    "id": "wire",
    "name": "Wire",
    "domain": "wire.example",
    "feeds": ["https://wire.example/rss.xml"],
    "sitemaps": ["https://wire.example/news-sitemap.xml"],
    "allow": ["/tech/"],
    "deny": ["/tech/video/"],
}


def parse(*sources: dict, base_url: str | None = None):
    return parse_sources({"sources": list(sources)}, Path("sources.yaml"), base_url)


def test_a_valid_source_loads_with_defaults() -> None:
    (source,) = parse(GOOD)
    assert source.language == "en"
    assert source.recrawl_minutes is None
    assert source.founded is None
    assert source.record().id == "wire"


def test_the_day_a_source_started_is_read() -> None:
    (source,) = parse({**GOOD, "founded": "2009-05-01"})
    assert source.founded == date(2009, 5, 1)


def test_allow_and_deny_patterns_decide_which_urls_belong() -> None:
    (source,) = parse(GOOD)
    assert source.admits("https://wire.example/tech/story-1")
    assert not source.admits("https://wire.example/tech/video/clip")
    assert not source.admits("https://wire.example/sport/match")


def test_placeholders_are_filled_from_the_base_url() -> None:
    raw = {**GOOD, "domain": "{base_host}", "feeds": ["{base_url}/wire/feed.xml"], "sitemaps": []}
    (source,) = parse(raw, base_url="http://127.0.0.1:8765/")
    assert source.feeds == ["http://127.0.0.1:8765/wire/feed.xml"]
    assert source.domain == "127.0.0.1:8765"


def test_a_placeholder_without_base_url_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"source 'wire', field 'feeds\[0\]'.*--base-url"):
        parse({**GOOD, "feeds": ["{base_url}/feed.xml"]})


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"feeds": ["not a url"]}, "feeds"),
        ({"name": ""}, "name"),
        ({"id": "Bad Id"}, "id"),
        ({"allow": ["(unclosed"]}, "allow"),
        ({"language": "english"}, "language"),
        ({"recrawl_minutes": 0}, "recrawl_minutes"),
        ({"founded": "last spring"}, "founded"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_a_wrong_field_is_named_with_its_source(change: dict, field: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse(GOOD, {**GOOD, "id": "second", **change})
    message = str(caught.value)
    assert f"source '{change.get('id', 'second')}'" in message
    assert f"field '{field}" in message


def test_a_missing_field_is_named() -> None:
    raw = {key: value for key, value in GOOD.items() if key != "domain"}
    with pytest.raises(ConfigError, match=r"source 'wire', field 'domain': Field required"):
        parse(raw)


def test_a_source_without_feeds_or_sitemaps_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"source 'wire'.*at least one URL"):
        parse({**GOOD, "feeds": [], "sitemaps": []})


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(ConfigError, match="'wire' is used twice"):
        parse(GOOD, GOOD)


def test_a_file_without_a_sources_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("outlets: []\n")
    with pytest.raises(ConfigError, match="top-level 'sources:' list"):
        load_sources(path)


def test_invalid_yaml_and_missing_files_are_config_errors(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("sources: [\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_sources(path)
    with pytest.raises(ConfigError, match="sources file not found"):
        load_sources(tmp_path / "absent.yaml")


def test_the_shipped_default_sources_file_is_valid() -> None:
    sources = load_sources(REPO_ROOT / "sources.yaml")
    assert len(sources) >= 10
    assert all(source.feeds or source.sitemaps for source in sources)
    assert all(not url.startswith("http://127.") for source in sources for url in source.feeds)


def test_the_demo_sources_file_is_valid_with_a_base_url() -> None:
    demo = REPO_ROOT / "demo" / "sources.yaml"
    if not demo.exists():
        pytest.skip("demo/sources.yaml is written with the demo site")
    sources = load_sources(demo, "http://127.0.0.1:9999")
    assert all(url.startswith("http://127.0.0.1:9999/") for source in sources for url in source.feeds + source.sitemaps)
    with pytest.raises(ConfigError, match="base URL"):
        load_sources(demo)
    assert yaml.safe_load(demo.read_text())["sources"]

"""`claimgraph crawl` as a user runs it: a real subprocess against the fixture site."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from crawler.demo_server import DirectoryServer

SOURCES = Path(__file__).resolve().parent / "fixtures" / "sources.yaml"


def environment(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("CLAIMGRAPH_", "NEO4J_"))}
    env.update(
        CLAIMGRAPH_DATA_DIR=str(tmp_path / "data"),
        CLAIMGRAPH_CONFIG=str(tmp_path / "no-config.toml"),
        CLAIMGRAPH_CRAWL_DELAY="0",
    )
    return env


def claimgraph(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimgraph_app", *args],
        env=environment(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_crawl_writes_jsonl_to_stdout_and_the_summary_to_stderr(
    fixture_site: tuple[DirectoryServer, str], tmp_path: Path
) -> None:
    _, base_url = fixture_site
    report = tmp_path / "report.json"
    result = claimgraph(
        "crawl",
        "--sources",
        str(SOURCES),
        "--base-url",
        base_url,
        "-o",
        "-",
        "--report",
        str(report),
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    articles = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(articles) == 7 and all(article["text"] for article in articles)
    assert "7 new articles (1 syndicated copies)" in result.stderr
    assert "not_english: " + base_url + "/techdaily/german.html" in result.stderr
    saved = json.loads(report.read_text())
    assert saved["new"] == 7 and saved["finished"] is True


def test_crawl_to_a_file_then_again_finds_nothing_new(
    fixture_site: tuple[DirectoryServer, str], tmp_path: Path
) -> None:
    _, base_url = fixture_site
    args = ("crawl", "--sources", str(SOURCES), "--base-url", base_url, "-o", "articles.jsonl")
    first = claimgraph(*args, tmp_path=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "7 new articles" in first.stdout
    second = claimgraph(*args, tmp_path=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "0 pages fetched, 0 new articles" in second.stdout
    assert len((tmp_path / "articles.jsonl").read_text().splitlines()) == 7


def test_a_wrong_sources_file_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "sources.yaml"
    bad.write_text("sources:\n  - id: wire\n    name: Wire\n    feeds: [https://wire.test/rss]\n")
    result = claimgraph("crawl", "--sources", str(bad), tmp_path=tmp_path)
    assert result.returncode == 1
    assert "source 'wire', field 'domain': Field required" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_base_url_is_asked_for_when_the_sources_need_it(tmp_path: Path) -> None:
    result = claimgraph("crawl", "--sources", str(SOURCES), tmp_path=tmp_path)
    assert result.returncode == 1 and "--base-url" in result.stderr


def test_unknown_source_ids_are_refused(fixture_site: tuple[DirectoryServer, str], tmp_path: Path) -> None:
    _, base_url = fixture_site
    result = claimgraph(
        "crawl", "--sources", str(SOURCES), "--base-url", base_url, "--source", "nope", tmp_path=tmp_path
    )
    assert result.returncode == 1 and "no source with id nope" in result.stderr

"""`claimgraph ingest` as a user runs it: a subprocess against the real Neo4j."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest
from graph_builders import Story, canonical_dump, counts, synthetic_stories
from neo4j import Driver

from claimgraph.jsonl import dump_line
from claimgraph.neo4j_local import free_port
from graph.writer import ingest


def write_jsonl(path: Path, stories: list[Story], bad: dict[int, str] | None = None) -> Path:
    lines = [dump_line(story.build()) for story in stories]
    for position, text in sorted((bad or {}).items()):
        lines.insert(position - 1, text)
    path.write_text("\n".join(lines) + "\n")
    return path


def run(command: list[str], env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*command, *args], env=env, capture_output=True, text=True, timeout=300)


def test_ingest_twice_gives_identical_counts(
    clean_graph: Driver, cli_env: dict[str, str], claimgraph_command: list[str], tmp_path: Path
) -> None:
    path = write_jsonl(tmp_path / "extractions.jsonl", synthetic_stories(60))
    first = run(claimgraph_command, cli_env, "ingest", str(path), "--batch-size", "25")
    assert first.returncode == 0, first.stderr
    assert "ingested 60 extractions" in first.stdout
    after_first = counts(clean_graph)
    dump = canonical_dump(clean_graph)
    second = run(claimgraph_command, cli_env, "ingest", str(path))
    assert second.returncode == 0, second.stderr
    assert "0 new claims" in second.stdout and "already up to date" in second.stdout
    assert counts(clean_graph) == after_first
    assert canonical_dump(clean_graph) == dump


def test_a_bad_line_is_reported_with_its_number_and_the_rest_ingested(
    clean_graph: Driver, cli_env: dict[str, str], claimgraph_command: list[str], tmp_path: Path
) -> None:
    stories = synthetic_stories(5)
    path = write_jsonl(tmp_path / "mixed.jsonl", stories, bad={3: '{"url": "https://x.example/a"}', 5: "not json"})
    result = run(claimgraph_command, cli_env, "ingest", str(path), "--batch-size", "2")
    assert result.returncode == 1
    assert "line 3: article: Field required" in result.stderr
    assert "line 5: not valid JSON" in result.stderr
    assert "2 bad lines refused" in result.stdout
    records, _, _ = clean_graph.execute_query("MATCH (a:Article) RETURN a.id AS id")
    assert {r["id"] for r in records} == {story.id for story in stories}


def test_neo4j_unreachable_is_one_line_and_a_failure(
    cli_env: dict[str, str], claimgraph_command: list[str], tmp_path: Path
) -> None:
    path = write_jsonl(tmp_path / "one.jsonl", synthetic_stories(1))
    port = free_port()
    result = run(claimgraph_command, {**cli_env, "NEO4J_URI": f"bolt://127.0.0.1:{port}"}, "ingest", str(path))
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"error: Neo4j is not reachable at bolt://127.0.0.1:{port}: check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD"
    ]
    local = {key: value for key, value in cli_env.items() if key != "NEO4J_URI"}
    result = run(claimgraph_command, {**local, "CLAIMGRAPH_NEO4J_PORT": str(port)}, "ingest", str(path))
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"error: Neo4j is not reachable at bolt://127.0.0.1:{port}: start the local server with "
        "`claimgraph neo4j start`, or set NEO4J_URI"
    ]


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_leaves_no_duplicate_and_no_partial_record(
    clean_graph: Driver, cli_env: dict[str, str], claimgraph_command: list[str], tmp_path: Path
) -> None:
    stories = synthetic_stories(300)  # 15 batches of 20: it is still writing when the 60th article appears
    path = write_jsonl(tmp_path / "big.jsonl", stories)
    process = subprocess.Popen(
        [*claimgraph_command, "ingest", str(path), "--batch-size", "20"],
        env=cli_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 200
    written = 0
    while time.monotonic() < deadline and process.poll() is None:
        records, _, _ = clean_graph.execute_query("MATCH (a:Article) RETURN count(a) AS n")
        written = records[0]["n"]
        if written >= 60:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert 0 < written < len(stories)
    records, _, _ = clean_graph.execute_query(
        "MATCH (a:Article) WHERE NOT (a)-[:PUBLISHED_BY]->() OR NOT EXISTS { (:Claim)-[:REPORTED_IN]->(a) } "
        "RETURN count(a) AS n"
    )
    assert records[0]["n"] == 0  # every article in the graph came with its claims: whole batches only
    rerun = run(claimgraph_command, cli_env, "ingest", str(path), "--batch-size", "100")
    assert rerun.returncode == 0, rerun.stderr
    after_crash = canonical_dump(clean_graph)
    clean_graph.execute_query("MATCH (n) DETACH DELETE n")
    ingest(clean_graph, [story.build() for story in stories], batch_size=500)
    assert canonical_dump(clean_graph) == after_crash


def test_a_missing_file_is_one_line_and_a_failure(cli_env: dict[str, str], claimgraph_command: list[str]) -> None:
    result = run(claimgraph_command, cli_env, "ingest", "/nonexistent/extractions.jsonl")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["error: input file not found: /nonexistent/extractions.jsonl"]


def test_an_outsized_title_is_refused_at_the_boundary_and_nothing_of_it_stored(
    clean_graph: Driver, cli_env: dict[str, str], claimgraph_command: list[str], tmp_path: Path
) -> None:
    stories = synthetic_stories(2)
    huge = stories[0].build().model_dump(mode="json")
    huge["article"]["title"] = "T" * 10_000_000
    path = write_jsonl(tmp_path / "huge.jsonl", stories[1:], bad={1: json.dumps(huge)})
    result = run(claimgraph_command, cli_env, "ingest", str(path))
    assert result.returncode == 1
    assert "line 1: article.title: String should have at most 2000 characters" in result.stderr
    records, _, _ = clean_graph.execute_query("MATCH (a:Article) RETURN a.id AS id, size(a.title) AS length")
    assert [(r["id"], r["length"] <= 2000) for r in records] == [(stories[1].id, True)]

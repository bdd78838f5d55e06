"""`claimgraph run` over the demo news site, against the real Neo4j, checked through the real API."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from e2e_support import (
    ApiServer,
    Receiver,
    pipeline_env,
    run_command,
    run_pipeline,
    subscribe,
)
from graph_snapshot import graph_dump
from neo4j import Driver

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

_reference: dict[str, object] = {}


def reference_run(
    driver: Driver, connection, api: ApiServer, receiver: Receiver, demo_site: str, data_dir: Path
) -> dict[str, object]:
    """One uninterrupted pass on an empty graph: its graph dump and the alerts it sent."""
    if not _reference:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        subscribe(api, receiver.url)
        result = run_pipeline(pipeline_env(connection, data_dir), demo_site)
        assert result.returncode == 0, result.stdout + result.stderr
        _reference.update(stdout=result.stdout, dump=graph_dump(driver), events=receiver.event_ids())
    return _reference


def test_pipeline_builds_the_anthropic_alibaba_dispute(
    clean_graph, neo4j_connection, api_server, receiver, demo_site, tmp_path
) -> None:
    reference = reference_run(clean_graph, neo4j_connection, api_server, receiver, demo_site, tmp_path / "data")
    summary = str(reference["stdout"])
    assert "crawl:   38 new articles (2 syndicated copies)" in summary
    assert "errors:  none" in summary

    disputes = api_server.client.get("/disputes", params={"limit": 200}).json()["items"]
    matching = [d for d in disputes if {p["id"] for p in d["parties"]} == {"anthropic", "alibaba"}]
    assert len(matching) == 1, [d["name"] for d in disputes]
    dispute = api_server.client.get(f"/disputes/{matching[0]['id']}").json()
    assert "distillation" in dispute["categories"]
    statuses = [change["status"] for change in dispute["status_history"]]
    assert statuses[0] == "alleged"
    assert "denied" in statuses
    assert statuses.index("denied") < statuses.index("lawsuit_filed"), statuses
    assert dispute["status"] == "lawsuit_filed"
    dates = [change["date"] for change in dispute["status_history"]]
    assert dates == sorted(dates)
    assert dates[0] == "2026-06-26", "the dispute begins on the day of the accusation, not 'last month'"

    timeline = api_server.client.get(f"/disputes/{matching[0]['id']}/timeline").json()
    sources = {
        evidence["source_name"]
        for event in timeline["events"]
        for evidence in event.get("evidence", [])
        if evidence.get("source_name")
    }
    assert {"Meridian Wire", "The Tech Daily"} <= sources, sources

    assert reference["events"], "the distillation subscription received alerts"
    assert len(reference["events"]) == len(set(reference["events"])), "no event was delivered twice"


def _pass_dir(data_dir: Path) -> Path | None:
    passes = sorted((data_dir / "pipeline" / "passes").glob("*")) if (data_dir / "pipeline").exists() else []
    return passes[-1] if passes else None


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _stage(data_dir: Path) -> str | None:
    try:
        return json.loads((data_dir / "pipeline" / "state.json").read_text())["stage"]
    except (FileNotFoundError, ValueError, KeyError):
        return None


def _run_until_killed(command: list[str], env: dict[str, str], ready, timeout: float = 600) -> bool:
    """Start the pipeline, SIGKILL its whole process group as soon as `ready()`; False if it ended first."""
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + timeout
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if ready():
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                return True
            time.sleep(0.02)
        return False
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_killed_at_every_stage_finishes_with_the_same_graph_and_alerts(
    clean_graph, neo4j_connection, api_server, receiver, demo_site, tmp_path, request
) -> None:
    reference = reference_run(clean_graph, neo4j_connection, api_server, receiver, demo_site, tmp_path / "reference")
    clean_graph.execute_query("MATCH (n) DETACH DELETE n")
    receiver.deliveries.clear()
    receiver.delay = 0.3
    subscribe(api_server, receiver.url)
    data_dir = tmp_path / "killed"
    env = pipeline_env(neo4j_connection, data_dir)
    command = run_command(demo_site)

    def articles_half_written() -> bool:
        folder = _pass_dir(data_dir)
        return folder is not None and _lines(folder / "articles.jsonl") >= 12

    def extracting() -> bool:
        folder = _pass_dir(data_dir)
        return _stage(data_dir) == "extract" and folder is not None and _lines(folder / "extractions.jsonl") >= 1

    kills = {
        "crawl": _run_until_killed(command, env, articles_half_written),
        "extract": _run_until_killed(command, env, extracting),
        "ingest": _run_until_killed(command, env, lambda: _stage(data_dir) == "ingest"),
        "alerts": _run_until_killed(
            command, env, lambda: _stage(data_dir) == "alerts" and len(receiver.deliveries) >= 1
        ),
    }
    assert kills["crawl"] and kills["extract"], f"the pipeline was killed mid-crawl and mid-extract: {kills}"
    receiver.delay = 0.0  # the slow answers only kept the alerts stage open long enough to be killed in
    final = run_pipeline(env, demo_site)
    assert final.returncode == 0, final.stdout + final.stderr
    assert "resumed" in final.stdout or not all(kills.values())
    assert _stage(data_dir) == "done"

    assert graph_dump(clean_graph) == reference["dump"]
    assert receiver.event_ids() == reference["events"], "the same alerts, each delivered once"
    killed_stages = [stage for stage, killed in kills.items() if killed]
    request.node.user_properties.append(("killed_in", killed_stages))


def test_demo_reaches_a_working_api(clean_graph, neo4j_connection, tmp_path) -> None:
    """`claimgraph demo --check`: what `make demo` runs, without its interactive end."""
    from claimgraph.ports import free_port

    env = pipeline_env(neo4j_connection, tmp_path / "demo-data")
    del env["CLAIMGRAPH_API_KEYS"]  # the demo makes its own key when none is configured
    api_port, site_port = free_port(), free_port()
    result = subprocess.run(
        [*run_command("")[:3], "demo", "--check", "--port", str(api_port), "--site-port", str(site_port)],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"ClaimGraph is up: open http://127.0.0.1:{api_port}/" in result.stdout
    assert "crawl:   38 new articles" in result.stdout
    timeline = re.search(rf"curl -s (http://127.0.0.1:{api_port}/disputes/[0-9a-f]+/timeline)", result.stdout)
    assert timeline, "the example names the Anthropic–Alibaba dispute's real id"
    assert "API key for subscriptions" in result.stdout
    assert (tmp_path / "demo-data" / "demo" / "api-key").stat().st_mode & 0o777 == 0o600

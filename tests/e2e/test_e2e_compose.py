"""docker-compose.yml and the Dockerfile, checked as far as a machine without a Docker engine can.

No Docker engine runs here, so the images are not built or started; what is checked is that the
compose file parses, names the services, images, healthchecks and volumes it should, and that
the image's entrypoint and the services' commands are real `claimgraph` commands.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import typer.main
import yaml

from claimgraph_app.cli import app

ROOT = Path(__file__).resolve().parents[2]
STAGES = ("crawler", "extractor", "ingester", "alerts")


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_services_images_and_volumes() -> None:
    spec = compose()
    assert set(spec["services"]) == {"neo4j", "redis", "api", "crawler", "extractor", "ingester", "alerts"}
    neo4j = spec["services"]["neo4j"]
    assert re.fullmatch(r"neo4j:5(\.\d+)*-community", neo4j["image"])
    assert any(volume.endswith(":/data") for volume in neo4j["volumes"])
    assert set(spec["volumes"]) >= {"neo4j-data", "claimgraph-data", "redis-data"}
    for name in ("api", *STAGES):
        service = spec["services"][name]
        assert service["depends_on"]["neo4j"]["condition"] == "service_healthy"
        assert service["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
        assert "claimgraph-data:/data" in service["volumes"]


def test_redis_is_the_official_image_persisted_and_every_stage_waits_for_it() -> None:
    services = compose()["services"]
    redis = services["redis"]
    assert re.fullmatch(r"redis:7(\.\d+)*", redis["image"])
    assert "--appendonly" in redis["command"] and redis["command"][redis["command"].index("--appendonly") + 1] == "yes"
    assert "redis-data:/data" in redis["volumes"]
    assert "ports" not in redis, "Redis is reached inside the compose network only"
    for name in STAGES:
        service = services[name]
        assert service["environment"]["CLAIMGRAPH_REDIS_URL"] == "redis://redis:6379/0"
        assert service["depends_on"]["redis"]["condition"] == "service_healthy"
        assert "container_name" not in service and "ports" not in service, f"{name} must scale (--scale {name}=N)"
    assert [services[name]["command"][:2] for name in STAGES] == [
        ["worker", "crawl"],
        ["worker", "extract"],
        ["worker", "ingest"],
        ["worker", "alerts"],
    ]


def test_healthchecks() -> None:
    services = compose()["services"]
    assert "cypher-shell" in " ".join(services["neo4j"]["healthcheck"]["test"])
    assert "/health" in " ".join(services["api"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]


def test_ports_bind_loopback_only() -> None:
    for service in compose()["services"].values():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), port


def _dockerfile_instruction(name: str) -> list[str]:
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        if line.startswith(name + " "):
            return yaml.safe_load(line[len(name) + 1 :])
    raise AssertionError(f"no {name} in the Dockerfile")


def test_entrypoint_and_commands_exist() -> None:
    assert _dockerfile_instruction("ENTRYPOINT") == ["claimgraph"]
    root = typer.main.get_command(app)
    commands = root.commands  # type: ignore[attr-defined]
    invocations = [_dockerfile_instruction("CMD")]
    invocations += [
        service["command"]
        for service in compose()["services"].values()
        if "command" in service and service.get("image", "").startswith("claimgraph")
    ]
    for invocation in invocations:
        args = shlex.split(invocation) if isinstance(invocation, str) else invocation
        command = commands[args[0]]
        context = command.make_context(args[0], list(args[1:]))  # parses the options: unknown ones raise
        assert context.params


def test_dockerfile_copies_every_package() -> None:
    text = (ROOT / "Dockerfile").read_text()
    for package in ("claimgraph", "claimgraph_app", "crawler", "nlp", "graph", "api"):
        assert f"COPY {package} ./{package}" in text


def test_dockerfile_builds_the_vendored_web_libraries() -> None:
    """The pages and /docs need api/web/static/vendor/, which is built at setup, never committed."""
    text = (ROOT / "Dockerfile").read_text()
    assert "node build.mjs" in text and "npm ci" in text
    for name in ("package.json", "package-lock.json", ".npmrc", "build.mjs"):
        assert f"web/{name}" in text
        assert (ROOT / "web" / name).exists()
    assert "COPY --from=web /src/api/web/static/vendor ./api/web/static/vendor" in text
    assert text.index("COPY --from=web") < text.index("RUN pip install")

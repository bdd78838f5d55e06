"""The docs stay honest: every setting and every CLI command is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from claimgraph.settings import Settings
from claimgraph_app.cli import app

DOCS = Path(__file__).resolve().parents[2] / "docs"
README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_documented(name: str) -> None:
    text = (DOCS / "CONFIGURATION.md").read_text()
    assert f"| `{name}` |" in text, f"setting {name!r} is missing from docs/CONFIGURATION.md"


def test_every_setting_has_a_description() -> None:
    missing = [name for name, field in Settings.model_fields.items() if not field.description]
    assert not missing, f"settings without a description: {missing}"


def _command_paths() -> list[str]:
    root = typer.main.get_command(app)
    paths = []
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        sub = getattr(command, "commands", None)
        if sub:
            paths.extend(f"{name} {child}" for child in sub)
        else:
            paths.append(name)
    return sorted(paths)


def test_every_cli_command_is_in_the_readme() -> None:
    readme = README.read_text()
    missing = [path for path in _command_paths() if not re.search(rf"claimgraph {re.escape(path)}\b", readme)]
    assert not missing, f"CLI commands missing from README.md: {missing}"


def test_every_cli_command_has_help() -> None:
    root = typer.main.get_command(app)
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        assert command.help or command.short_help, f"`claimgraph {name}` has no help text"

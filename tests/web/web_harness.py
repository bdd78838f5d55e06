"""Constants and helpers of the browser tests (the fixtures are in conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
API_KEY = "web-test-key"
PAGE_TIMEOUT_MS = 60_000  # generous: the machine may be shared and busy
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
LOCAL_HOSTS = {"127.0.0.1"}
AXE = REPO_ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
VENDOR_MANIFEST = REPO_ROOT / "api" / "web" / "static" / "vendor" / "manifest.json"
AXE_FAILING_IMPACTS = {"serious", "critical"}


@dataclass
class RequestLog:
    """Every URL the page asked for, and those refused because they leave 127.0.0.1."""

    seen: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return parts.hostname in LOCAL_HOSTS


def screenshot(page, name: str) -> None:
    """Full-page screenshots of the current page at desktop and phone widths, in artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        page.wait_for_timeout(300)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(VIEWPORTS["desktop"])


def accessibility_violations(page) -> list[str]:
    """WCAG 2 A/AA rules that axe-core (pinned in web/package.json) finds broken with serious or critical impact."""
    if not AXE.exists():
        raise AssertionError(f"{AXE} is missing: run `make web` (npm ci in web/) to install axe-core")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(
            node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
            for node in violation["nodes"][:3]
        )
        for violation in result["violations"]
        if violation["impact"] in AXE_FAILING_IMPACTS
    ]

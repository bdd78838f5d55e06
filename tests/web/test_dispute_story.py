"""The dispute page of the demo's largest dispute, built by the real NLP from the demo's articles, in
headless Chromium: a summary, the turns of the status, claims grouped by day, a page of a few screens."""

from __future__ import annotations

import pytest
from demo_corpus import demo_extractions
from neo4j import Driver
from web_harness import VIEWPORTS, screenshot

from graph import reads
from graph.writer import ingest

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

SCREENS = 4
"""The page of the largest dispute fits in this many desktop screens (the flat timeline took about twelve)."""


@pytest.fixture(scope="module")
def demo_graph(neo4j_driver: Driver) -> Driver:
    """The graph of the demo site's articles as the real NLP stage extracts them (overrides the hand-made one)."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    ingest(neo4j_driver, demo_extractions())
    return neo4j_driver


def test_the_largest_dispute_tells_its_story_in_a_few_screens(live_app, browser_page, demo_graph: Driver) -> None:
    page, _ = browser_page
    console_errors: list[str] = []
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    largest = reads.list_disputes(demo_graph, limit=1, order="claims")[0]
    assert {party["id"] for party in largest["parties"]} == {"anthropic", "alibaba"}
    page.goto(f"{live_app.base_url}/web/disputes/{largest['id']}")
    page.locator("#timeline-overview .vis-item").first.wait_for()

    title = page.locator("h1").inner_text()
    assert title == "Anthropic v. Alibaba Group: distillation, terms of service", "at most two kinds of wrong"
    summary = page.locator("#dispute-summary").inner_text()
    assert "Anthropic accuses Alibaba Group of distilling its models and breaking its terms of service." in summary
    assert "First reported by Meridian Wire on 26 Jun 2026" in summary
    assert "Now lawsuit filed since 28 Jul 2026." in summary
    turns = [text.split("\n")[0].split(" (")[0] for text in page.locator("#status-history > li").all_inner_texts()]
    assert turns == ["alleged 26 Jun 2026", "denied 30 Jun 2026", "lawsuit filed 28 Jul 2026"]
    declined = page.locator("#declined-turns")
    assert "not taken" in declined.locator("summary").inner_text()
    declined.locator("summary").click()
    assert "a step back" in declined.inner_text(), "the accused's motion in August moved nothing back"

    claims = page.locator("#timeline > li.event")
    headlines = claims.locator("h3").all_inner_texts()
    assert claims.count() == largest["claim_count"]
    assert "Anthropic accuses Alibaba Group of breaking its terms of service" in headlines
    assert all(" accuses " in headline and "_" not in headline for headline in headlines)
    first = claims.first
    first.locator("summary").first.click()
    assert first.locator("ol.days > li").count() >= 2
    assert first.locator(".responses li").count() >= 1, "responses are folded under the claim they answer"

    page.locator("#declined-turns summary").click()  # closed again: measured as a reader first sees it
    first.locator("summary").first.click()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= SCREENS * VIEWPORTS["desktop"]["height"], f"the page is {height} px tall"
    assert console_errors == []
    screenshot(page, "dispute-demo-largest")

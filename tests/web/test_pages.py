"""The web pages in real headless Chromium, against the running app over the demo graph."""

from __future__ import annotations

import feedparser
import httpx
import pytest
from neo4j import Driver
from web_harness import API_KEY, SCREENSHOTS, accessibility_violations, screenshot

# Generous: the first test also waits for the session's Neo4j server and Chromium to start.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

UNLABELLED_CONTROLS = """() => Array.from(document.querySelectorAll('input, textarea, select, button'))
    .filter(el => el.type !== 'hidden' && !el.closest('[hidden]'))
    .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.textContent.trim())
    .map(el => el.outerHTML.slice(0, 80))"""


def assert_page_basics(page) -> None:
    """One h1, a main landmark, a labelled search, and no form control without a label."""
    assert page.locator("h1").count() == 1
    assert page.locator("main#main").count() == 1
    assert page.locator("nav[aria-label='Main']").count() == 1
    assert page.evaluate(UNLABELLED_CONTROLS) == []
    assert accessibility_violations(page) == []


def open_dispute(page, base_url: str, name: str) -> None:
    page.goto(base_url + "/web/")
    page.get_by_role("link", name=name).click()
    page.wait_for_load_state("load")


def test_search_finds_alibaba_by_name_and_alias(live_app, browser_page) -> None:
    page, _ = browser_page
    page.goto(live_app.base_url + "/")
    assert page.url == live_app.base_url + "/web/"
    assert_page_basics(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    recent = page.locator("#recent-disputes > li h3")
    assert recent.all_inner_texts() == ["Anthropic v. Alibaba: distillation", "OpenAI v. DeepSeek: distillation"]
    news = page.locator("table", has_text="Entity").locator("tbody tr td:first-child").all_inner_texts()
    assert sorted(news) == ["Alibaba", "Anthropic", "DeepSeek", "OpenAI"]
    screenshot(page, "home")

    page.get_by_label("Search companies, models, people and disputes (aliases too)").fill("Alibaba")
    page.keyboard.press("Enter")
    page.wait_for_url("**/web/search?q=Alibaba")
    assert_page_basics(page)
    assert "Alibaba" in page.locator("#entity-results").get_by_role("link").all_inner_texts()
    assert page.locator("#dispute-results").get_by_role("link").all_inner_texts() == [
        "Anthropic v. Alibaba: distillation"
    ]
    screenshot(page, "search")

    page.goto(live_app.base_url + "/web/search?q=Tongyi")
    assert page.locator("#entity-results").get_by_role("link").all_inner_texts() == ["Qwen"]


def test_dispute_page_tells_the_story_with_sources(live_app, browser_page) -> None:
    page, _ = browser_page
    open_dispute(page, live_app.base_url, "Anthropic v. Alibaba: distillation")
    assert_page_basics(page)
    assert page.locator("h1").inner_text() == "Anthropic v. Alibaba: distillation"

    summary = page.locator("#dispute-summary").inner_text()
    assert "Anthropic accuses Alibaba of distilling its models." in summary
    assert "First reported by The Tech Ledger on 26 Jun 2026" in summary
    assert "3 outlets in all, 1 claim." in summary
    assert "Now denied since 29 Jun 2026." in summary
    turns = page.locator("#status-history > li")
    assert [text.split("\n")[0].split(" (")[0] for text in turns.all_inner_texts()] == [
        "alleged 26 Jun 2026",
        "denied 29 Jun 2026",
    ]

    claims = page.locator("#timeline > li.event")
    assert claims.count() == 1
    claim = claims.first
    assert claim.locator("h3").inner_text() == "Anthropic accuses Alibaba of distilling Claude"
    assert "First reported by The Tech Ledger" in claim.inner_text()
    claim.locator("summary").first.click()
    days = claim.locator("ol.days > li")
    assert days.count() == 3  # 26 Jun (three outlets and the no comment), 27 Jun, 29 Jun (the denial)
    assert claim.locator(".responses li strong").all_inner_texts() == [
        "Alibaba declines to comment",
        "Alibaba denies the accusation",
    ]
    assert "Alibaba denies the accusation" in days.nth(2).inner_text()
    link = claim.locator("a.source-link").first
    assert link.is_visible() and link.get_attribute("href").startswith("http://techledger.example/news/")
    assert claim.locator(".badge.first-reporter").count() == 1

    overview = page.locator("#timeline-overview")
    overview.locator(".vis-item").first.wait_for()
    assert int(overview.get_attribute("data-items")) == 2  # the claim, then the turn to denied

    for label, media in (
        ("Download CSV", "text/csv"),
        ("TimelineJS JSON", "application/json"),
        ("GraphML", "application/graphml+xml"),
        ("GEXF", "application/gexf+xml"),
    ):
        href = page.get_by_role("link", name=label).get_attribute("href")
        answer = page.request.get(live_app.base_url + href)
        assert answer.status == 200 and answer.headers["content-type"].startswith(media), (label, answer.status)
    screenshot(page, "dispute")


FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    return {id: element.dataset.id || element.id, role: element.getAttribute('role'),
            name: element.getAttribute('aria-label'), inBand: element.closest('#timeline-overview') !== null,
            outline: style.outlineStyle + ' ' + style.outlineWidth};
}"""


def test_timeline_band_is_operable_by_keyboard(live_app, browser_page) -> None:
    """Keyboard only: Tab reaches the band (one tab stop), arrows move in time order, Enter opens the item below."""
    page, _ = browser_page
    open_dispute(page, live_app.base_url, "Anthropic v. Alibaba: distillation")
    band = page.locator("#timeline-overview")
    band.locator(".vis-item[data-id]").first.wait_for()
    assert int(band.get_attribute("data-items")) == 2
    page.locator("h1").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED)["inBand"]:
            break
    first = page.evaluate(FOCUSED)
    assert first["inBand"], "Tab never reached the timeline band"
    assert first["id"] == "event-1" and first["role"] == "button"
    assert first["name"] == "26 Jun 2026: Accusation — Anthropic accuses Alibaba of distilling Claude"
    assert not first["outline"].startswith("none"), first["outline"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    band.screenshot(path=str(SCREENSHOTS / "dispute-band-focus.png"))

    page.keyboard.press("ArrowRight")
    second = page.evaluate(FOCUSED)
    assert (second["id"], second["name"]) == ("turn-2", "29 Jun 2026: Now denied")
    page.keyboard.press("Home")
    assert page.evaluate(FOCUSED)["id"] == "event-1"
    page.keyboard.press("End")
    assert page.evaluate(FOCUSED)["id"] == "turn-2"
    page.keyboard.press("Tab")
    assert not page.evaluate(FOCUSED)["inBand"]  # the band is one tab stop
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUSED)["id"] == "turn-2"  # back to the item last focused

    page.keyboard.press("Home")
    page.keyboard.press("Enter")
    event = page.locator("#timeline > li#event-1")
    assert "highlight" in event.get_attribute("class")
    assert event.locator("details").get_attribute("open") is not None
    page.wait_for_function(
        "() => { const box = document.getElementById('event-1').getBoundingClientRect();"
        " return box.top >= 0 && box.top < window.innerHeight; }"
    )
    assert page.evaluate("document.activeElement.closest('li.event').id") == "event-1"
    assert page.evaluate("window.ClaimGraph.timeline.getSelection()") == ["event-1"]
    assert accessibility_violations(page) == []


GRAPH_NODES = "window.ClaimGraph.graphs['entity-graph'].nodes()"


def test_entity_graph_renders_and_filters_on_the_server(live_app, browser_page) -> None:
    page, log = browser_page
    page.goto(live_app.base_url + "/web/search?q=Alibaba")
    page.locator("#entity-results").get_by_role("link", name="Alibaba").click()
    page.wait_for_url("**/web/entities/alibaba")
    assert_page_basics(page)
    assert page.locator("#claims-received tbody tr").count() == 1
    assert "Qwen" in page.locator("#entity-facts").inner_text()
    summaries = page.locator("#timeline > li.event h3").all_inner_texts()
    assert summaries.index("Anthropic accuses Alibaba of distilling Claude") < summaries.index(
        "Alibaba denies the accusation"
    )

    graph = page.locator("#entity-graph")
    page.wait_for_function("document.querySelector('#entity-graph').dataset.renderedNodes > 0")
    rendered = int(graph.get_attribute("data-rendered-nodes"))
    assert rendered >= 4  # Alibaba, Qwen, Anthropic and the claim between them at least
    assert graph.locator("canvas").count() > 0
    node_ids = page.evaluate(GRAPH_NODES + ".map(n => n.id())")
    assert {"alibaba", "qwen", "anthropic"} <= set(node_ids)

    claim_ids = set(page.evaluate(GRAPH_NODES + ".filter(n => n.data('kind') === 'Claim').map(n => n.id())"))
    assert claim_ids

    def drawn_after(query: str) -> set[str]:
        """The nodes drawn once the server's answer to the filters `query` has replaced the graph."""
        page.wait_for_function("query => document.querySelector('#entity-graph').dataset.query === query", arg=query)
        return set(page.evaluate(GRAPH_NODES + ".map(n => n.id())"))

    page.get_by_label("distillation").uncheck()  # no category: only relationships that reach no claim
    no_claims = drawn_after(
        "relationship_types=DEVELOPS&relationship_types=VERSION_OF&relationship_types=SUBSIDIARY_OF"
    )
    assert {"alibaba", "qwen"} <= no_claims and not no_claims & (claim_ids | {"anthropic"})
    page.get_by_label("distillation").check()
    assert drawn_after("") == set(node_ids)
    page.get_by_label("To").fill("2026-06-01")  # before the accusation of 2026-06-26
    page.get_by_label("To").dispatch_event("change")
    before_accusation = drawn_after("until=2026-06-01")
    assert "qwen" in before_accusation and not before_accusation & (claim_ids | {"anthropic"})
    assert page.locator("#graph-status").inner_text().endswith("nodes shown (filtered)")
    assert any("/graph/neighbourhood/alibaba?depth=2&limit=200&until=2026-06-01" in url for url in log.seen)
    page.get_by_label("To").fill("")
    page.get_by_label("To").dispatch_event("change")
    assert drawn_after("") == set(node_ids)

    page.get_by_label("API key").fill(API_KEY)
    page.get_by_role("button", name="Follow").click()
    page.locator("#feed-url").wait_for()
    assert page.locator("#feed-url").get_attribute("href").endswith(".atom")
    screenshot(page, "entity")


def test_cypher_read_shows_rows_and_write_is_refused(live_app, browser_page, demo_graph: Driver) -> None:
    page, _ = browser_page
    page.goto(live_app.base_url + "/web/analyst")
    assert_page_basics(page)
    assert "Alibaba" in page.locator("table", has_text="Most accused").inner_text()
    for label, media in (("GraphML", "application/graphml+xml"), ("GEXF", "application/gexf+xml"), ("CSV", "text/csv")):
        href = page.locator("#exports").get_by_role("link", name=label).get_attribute("href")
        answer = page.request.get(live_app.base_url + href)
        assert answer.status == 200 and answer.headers["content-type"].startswith(media), (label, answer.status)

    query = page.get_by_label("Query")
    query.fill(
        "MATCH (c:Claim)-[:AGAINST]->(e:Entity) RETURN e.name AS accused, c.category AS category ORDER BY accused"
    )
    page.get_by_role("button", name="Run query").click()
    page.wait_for_load_state("load")
    rows = page.locator("#cypher-table tbody tr")
    assert [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())] == ["Alibaba", "DeepSeek"]

    page.get_by_role("link", name="Claims as a graph").click()
    page.wait_for_function("document.querySelector('#cypher-graph').dataset.renderedNodes > 0")
    assert int(page.locator("#cypher-graph").get_attribute("data-rendered-nodes")) == 6
    paths = page.locator("#cypher-table tbody tr td").all_inner_texts()
    assert any(
        "(Anthropic:Company)<-[:MADE_BY]-(distillation claim:Claim)-[:AGAINST]->(Alibaba:Company)" in cell
        for cell in paths
    ), paths
    screenshot(page, "analyst")

    before = demo_graph.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    page.get_by_label("Query").fill("CREATE (n:Intruder {name: 'x'}) RETURN n")
    page.get_by_role("button", name="Run query").click()
    page.wait_for_load_state("load")
    alert = page.get_by_role("alert")
    assert "Refused" in alert.inner_text()
    assert page.locator("#cypher-error").inner_text().strip()
    after = demo_graph.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    assert after == before
    screenshot(page, "analyst-refused")


def test_follow_box_creates_a_subscription_with_a_valid_atom_feed(live_app, browser_page) -> None:
    page, _ = browser_page
    open_dispute(page, live_app.base_url, "Anthropic v. Alibaba: distillation")

    page.get_by_label("API key").fill("not-the-key")
    page.get_by_role("button", name="Follow").click()
    result = page.locator("#follow-result")
    result.wait_for(state="visible")
    assert "Could not follow" in result.inner_text()

    page.get_by_label("API key").fill(API_KEY)
    page.get_by_role("button", name="Follow").click()
    feed_link = page.locator("#feed-url")
    feed_link.wait_for()
    feed_url = feed_link.get_attribute("href")
    assert feed_url.startswith(live_app.base_url + "/feeds/") and feed_url.endswith(".atom")

    answer = httpx.get(feed_url, timeout=60)
    assert answer.status_code == 200
    feed = feedparser.parse(answer.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    screenshot(page, "dispute-followed")


def test_api_docs_render_every_operation_from_local_files(live_app, browser_page) -> None:
    """Swagger UI at /docs draws every operation although every request outside 127.0.0.1 is blocked."""
    page, log = browser_page
    responses: list = []
    page.on("response", lambda answer: responses.append(answer))
    spec = httpx.get(live_app.base_url + "/openapi.json", timeout=60).json()
    expected = sorted((method.upper(), path) for path, methods in spec["paths"].items() for method in methods)
    page.goto(live_app.base_url + "/docs")
    page.wait_for_function(f"document.querySelectorAll('.opblock').length === {len(expected)}")
    drawn = page.evaluate(
        """() => Array.from(document.querySelectorAll('.opblock-summary')).map(summary => [
            summary.querySelector('.opblock-summary-method').textContent.trim(),
            summary.querySelector('.opblock-summary-path').dataset.path])"""
    )
    assert sorted(tuple(pair) for pair in drawn) == expected
    assert page.locator(".info .title").inner_text().startswith("ClaimGraph API")
    assert any(url.startswith(live_app.base_url + "/openapi.json") for url in log.seen)
    assert [f"{answer.status} {answer.url}" for answer in responses if answer.status >= 400] == []

"""The pages' answers to unknown ids, stray static paths and an unreachable graph (plain HTTP, no browser)."""

from __future__ import annotations

import httpx


def test_unknown_pages_and_static_paths_answer_404(live_app) -> None:
    with httpx.Client(base_url=live_app.base_url, timeout=60) as client:
        assert client.get("/web/disputes/no-such-dispute").status_code == 404
        assert "No such entity" in client.get("/web/entities/no-such-entity").text
        assert client.get("/web/static/css/site.css").status_code == 200
        assert client.get("/web/static/%2E%2E/router.py").status_code == 404
        assert client.get("/web/static/vendor/manifest.json").status_code == 200


def test_pages_say_when_the_graph_is_unreachable(app_without_graph: str) -> None:
    with httpx.Client(base_url=app_without_graph, timeout=60) as client:
        for path in ("/web/", "/web/search?q=alibaba", "/web/analyst", "/web/entities/alibaba"):
            answer = client.get(path)
            assert answer.status_code == 503, path
            assert answer.headers["content-type"].startswith("text/html")
            assert "cannot reach its Neo4j database" in answer.text


def test_odd_searches_and_broken_cypher_get_clear_answers(live_app) -> None:
    with httpx.Client(base_url=live_app.base_url, timeout=60) as client:
        odd = client.get("/web/search", params={"q": '"[* AND OR ~'})
        assert odd.status_code == 200
        assert "0 entities and 0 disputes match" in odd.text
        broken = client.get("/web/analyst", params={"query": "MATCH (n RETURN n"})
        assert broken.status_code == 400
        assert "The query failed" in broken.text
        refused = client.get("/web/analyst", params={"query": "MATCH (n) DETACH DELETE n"})
        assert refused.status_code == 403
        assert "Refused" in refused.text
        assert client.get("/web/").status_code == 200
        assert "Anthropic v. Alibaba: distillation" in client.get("/web/").text

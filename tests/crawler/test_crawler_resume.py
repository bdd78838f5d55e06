"""Restart after a kill: torn last lines cut, the output's articles remembered."""

from __future__ import annotations

from pathlib import Path

from claimgraph.records import Article, Source, article_id
from crawler.dedup import NearDuplicateIndex
from crawler.resume import cut_torn_tail, recover_interrupted_runs
from crawler.state import CrawlState

TEXT = " ".join(f"word{i} and the court said" for i in range(60))


def article(url: str) -> Article:
    return Article(
        id=article_id(url),
        url=url,
        canonical_url=url,
        source=Source(id="s", name="S", domain="news.test"),
        title="T",
        text=TEXT + url,
    )


def test_cut_torn_tail(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"a": 1}\n{"b": 2}\n{"c": ')
    assert cut_torn_tail(path)
    assert path.read_bytes() == b'{"a": 1}\n{"b": 2}\n'
    assert not cut_torn_tail(path)
    path.write_bytes(b'{"only": "torn"')
    assert cut_torn_tail(path) and path.read_bytes() == b""


def test_an_interrupted_runs_output_is_reconciled_with_the_state(tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    written = [article("https://news.test/a"), article("https://news.test/b")]
    output.write_text("".join(item.model_dump_json() + "\n" for item in written) + '{"id": "torn', encoding="utf-8")
    state, index = CrawlState(tmp_path / "state"), NearDuplicateIndex()
    state.begin_run(str(output))
    assert recover_interrupted_runs(state, index) == 2
    assert output.read_text(encoding="utf-8").endswith("}\n")
    assert all(state.is_seen(item.url) and state.article(item.id) for item in written)
    assert len(index) == 2 and state.unfinished_runs() == []
    assert recover_interrupted_runs(state, index) == 0

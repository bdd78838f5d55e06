"""Claim extraction on annotated sets served as a news site and crawled, beside the same texts given directly.

Each article of a set becomes a page of a static site in a temporary folder (navigation, the
headline in an `<h1>`, a byline with a `<time>`, one `<p>` per paragraph, a related-stories aside, a
footer) listed in an RSS feed; the site is served on 127.0.0.1, crawled by `crawler.run.crawl`,
and each crawled article (its text, title and date; the gold URL kept, so the scorer matches it) is
extracted. The same set is also extracted from its texts directly, as `score_nlp_sets.py` does.
Both are scored with the shared scorer in this run, and the articles are counted whose crawled
text differs from the set's body (its paragraphs, without a first line that repeats the headline)
or whose claims differ from the direct ones. Only development parts of the sets are served here.

Run: .venv/bin/python benchmarks/score_crawled_sets.py [--only SET ...]
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from score_nlp_sets import SCORER, extract, gold_sets, is_held_out, summary

from claimgraph.records import Article, Extraction
from claimgraph.settings import Settings
from crawler.demo_server import serving
from crawler.run import crawl
from nlp.extract import Extractor
from nlp.inputs import ArticleLine

DEFAULT_SETS = ("demo", "extra-dev", "news-dev", "outlet-dev", "wire-dev")
"""The shared `dev` set is left out by default: its texts are shorter than the crawler's 60-word
minimum for an article, so the crawl skips most of them as `no_text`."""
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<link rel="canonical" href="{{{{BASE}}}}{path}"><meta property="og:type" content="article"></head>
<body><header><a href="/">{outlet}</a><nav><a href="/">Latest</a> <a href="/">Technology</a></nav></header>
<main><article><header><h1>{title}</h1>
<p class="byline">By Staff Reporter <time datetime="{published}">{day}</time></p></header>
{paragraphs}
</article><aside><h2>Related</h2><ul><li><a href="/">More technology news</a>
<time datetime="2020-01-01">1 Jan 2020</time></li></ul></aside></main>
<footer>&copy; {outlet}. All rights reserved.</footer></body></html>
"""
ITEM = "<item><title>{title}</title><link>{{{{BASE}}}}{path}</link><pubDate>{published}</pubDate></item>"


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a set's text: its lines (blank lines in most sets, single newlines in the demo's)."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def body(line: dict[str, Any]) -> list[str]:
    """The paragraphs of the article's body: some sets' texts start with the headline, which a page
    prints once, in its `<h1>`."""
    blocks = paragraphs(line["text"])
    return blocks[1:] if blocks and blocks[0] == " ".join(line["title"].split()) else blocks


def served_path(url: str) -> str:
    """Where the page of a gold URL is served: its path, as an .html file (the server types by suffix)."""
    path = urlsplit(url.replace("{{BASE}}", "http://demo.invalid")).path.rstrip("/") or "/index"
    return path if path.endswith(".html") else f"{path}.html"


def write_site(root: Path, lines: list[dict[str, Any]]) -> None:
    """The pages of `lines` and an RSS feed listing them, under `root`."""
    items = []
    for line in lines:
        path = served_path(line["url"])
        published = f"{line['published_at'][:10]}T12:00:00+00:00"
        page = PAGE.format(
            title=html.escape(line["title"]),
            outlet=html.escape(str(line.get("source") or "News")),
            path=path,
            published=published,
            day=line["published_at"][:10],
            paragraphs="\n".join(f"<p>{html.escape(block)}</p>" for block in body(line)),
        )
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
        rfc822 = f"{line['published_at'][:10]}T12:00:00+00:00"
        items.append(ITEM.format(title=html.escape(line["title"]), path=path, published=rfc822))
    feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Set</title>{''.join(items)}</channel></rss>"
    (root / "feed.xml").write_text(feed, encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")


def crawled_lines(lines: list[dict[str, Any]], folder: Path) -> list[dict[str, Any]]:
    """The lines as the crawler gives them back: its text, title and date under the gold URL."""
    site = folder / "site"
    write_site(site, lines)
    sources = folder / "sources.yaml"
    sources.write_text(
        "sources:\n  - id: set\n    name: Set\n    domain: '{base_host}'\n    feeds: ['{base_url}/feed.xml']\n",
        encoding="utf-8",
    )
    output = folder / "articles.jsonl"
    with serving(site) as (_, base_url):
        crawl(Settings(data_dir=folder / "data", crawl_delay=0.0), sources, output, base_url=base_url)
    by_path = {
        urlsplit(article.url).path: article
        for article in (Article.model_validate_json(text) for text in output.read_text(encoding="utf-8").splitlines())
    }
    result = []
    for line in lines:
        article = by_path.get(served_path(line["url"]))
        published = article.published_at.date().isoformat() if article and article.published_at else None
        text, title = (article.text, article.title) if article else ("", "")
        result.append({**line, "text": text, "title": title, "published_at": published})
    return result


def claim_keys(extraction: Extraction) -> set[tuple[Any, ...]]:
    """The claims, their sentence's whitespace collapsed (a paragraph break is one newline in the demo's texts)."""
    return {
        (claim.accuser.id, claim.accused.id, claim.category, claim.status, claim.claim_date, sentence)
        for claim in extraction.claims
        for sentence in [" ".join(claim.evidence.sentence.split())]
    }


def scored(extractor: Extractor, lines: list[dict[str, Any]], folder: Path, name: str) -> str:
    """The shared scorer's summary line for `lines` (gold and extractions written to `folder`)."""
    gold_path, output = folder / f"{name}_gold.jsonl", folder / f"{name}_out.jsonl"
    texts = [json.dumps(line) for line in lines]
    gold_path.write_text("\n".join(texts) + "\n", encoding="utf-8")
    extract(extractor, texts, output)
    command = [sys.executable, str(SCORER), str(gold_path), str(output)]
    return summary(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", default=list(DEFAULT_SETS), help="development sets to serve")
    arguments = parser.parse_args()
    if not SCORER.exists():
        print(f"skipped: the shared scorer {SCORER} is not there")
        return
    refused = [name for name in arguments.only if is_held_out(name)]
    if refused:
        raise SystemExit(f"{', '.join(refused)} is held out: it is never served here")
    logging.disable(logging.WARNING)
    sets = gold_sets()
    extractor = Extractor(Settings())
    for name in arguments.only:
        lines = [json.loads(text) for text in sets[name]]
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary)
            crawled = crawled_lines(lines, folder)
            texts_differ = sum(
                line["text"] != "\n\n".join(body(gold)) for line, gold in zip(crawled, lines, strict=True)
            )
            direct = list(extractor.extract_many(ArticleLine.model_validate(line) for line in lines))
            from_crawl = list(extractor.extract_many(ArticleLine.model_validate(line) for line in crawled))
            claims_differ = sum(claim_keys(a) != claim_keys(b) for a, b in zip(direct, from_crawl, strict=True))
            missing = sum(not line["text"] for line in crawled)
            print(
                f"== {name} ({len(lines)} articles): not crawled {missing}, crawled texts differing from the "
                f"set's body {texts_differ}, articles whose claims differ {claims_differ}"
            )
            for label, chosen in (("direct", lines), ("crawled", crawled)):
                print(f"  {label:8s} {scored(extractor, chosen, folder, f'{name}-{label}')}")


if __name__ == "__main__":
    main()

"""Check an annotated claim set against the conventions of the shared development set.

usage: python eval/validate_gold.py [GOLD.jsonl ...]   (default: eval/news_claims.jsonl)

Every line must parse and carry exactly the development set's keys; each evidence string must
occur verbatim in its article's text; categories, statuses and response kinds must come from the
fixed lists; dates must be ISO and no claim_date may fall after the article's date; URLs must be
unique and of the form https://news-eval.example/<outlet>/<slug> (for news_claims.jsonl) or
https://outlet-eval.example/<outlet>/<slug> with 150-900 words of text (for outlet_claims.jsonl), or
https://wire-eval.example/<outlet>/<slug> with 150-1000 words of text, a `source` ending in " (pastiche)" and
every gold name (accuser, accused, responder, entity) occurring in the text (for wire_claims.jsonl);
an article has at most one gold claim per (accuser, accused, category); every response answers an accuser that has a
claim in the same article; and the shared scorer, given the gold itself as predictions, must report
strict F1 1.000 and entity recall 1.000. Exits non-zero, listing every problem, if anything fails.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
SCORER = REPO_ROOT.parent / "shared" / "eval" / "score_claims.py"
DEFAULT_GOLD = REPO_ROOT / "eval" / "news_claims.jsonl"
ARTICLE_KEYS = {"url", "source", "published_at", "title", "text", "gold"}
CORPUS_KEYS = {"story", "style"}
GOLD_KEYS = {"claims", "responses", "entities"}
CLAIM_KEYS = {"accuser", "accused", "category", "object", "status", "claim_date", "evidence"}
RESPONSE_KEYS = {"responder", "to_accuser", "kind", "evidence"}
CATEGORIES = {
    "distillation",
    "copyright",
    "trade_secret",
    "terms_of_service",
    "privacy",
    "defamation",
    "antitrust",
    "fraud_misleading",
    "safety",
    "other",
}
STATUSES = {"alleged", "lawsuit_filed", "denied", "settled", "ruled", "retracted"}
RESPONSE_KINDS = {"denial", "rebuttal", "admission", "apology", "no_comment"}
NEWS_URL = re.compile(r"https://news-eval\.example/[a-z0-9-]+/[a-z0-9-]+")
OUTLET_URL = re.compile(r"https://outlet-eval\.example/[a-z0-9-]+/[a-z0-9-]+")
OUTLET_WORDS = range(150, 901)
WIRE_URL = re.compile(r"https://wire-eval\.example/[a-z0-9-]+/[a-z0-9-]+")
WIRE_WORDS = range(150, 1001)
PASTICHE = " (pastiche)"
CORPUS_URL = re.compile(r"https://corpus\.example/[a-z0-9-]+/[a-z0-9-]+")
CORPUS_WORDS = range(120, 1201)
CORPUS_STORY = re.compile(r"[a-z]-[a-z0-9]+(?:-[a-z0-9]+)*")
CORPUS_STYLES = {
    "wire",
    "tech_news",
    "business",
    "markets_brief",
    "court_report",
    "legal_trade",
    "regulator_release",
    "company_statement",
    "newsletter",
    "opinion",
    "editorial",
    "qa_interview",
    "live_blog",
    "explainer",
    "feature",
    "analysis",
    "uk_english",
    "indian_english",
    "australian_english",
    "asian_english",
    "european_english",
    "local_news",
    "podcast_recap",
    "brief",
}


def iso_date(value: Any) -> dt.date | None:
    """The date `value` names, or None when it is not an ISO date string."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def claim_problems(claim: dict[str, Any], text: str, published: dt.date | None) -> list[str]:
    """What is wrong with one gold claim."""
    problems = []
    if set(claim) != CLAIM_KEYS:
        problems.append(f"claim keys {sorted(claim)}")
        return problems
    if claim["category"] not in CATEGORIES:
        problems.append(f"category {claim['category']!r}")
    if claim["status"] not in STATUSES:
        problems.append(f"status {claim['status']!r}")
    if not all(isinstance(claim[party], str) and claim[party] for party in ("accuser", "accused")):
        problems.append("accuser and accused must be non-empty names")
    if claim["object"] is not None and not isinstance(claim["object"], str):
        problems.append(f"object {claim['object']!r}")
    if claim["claim_date"] is not None:
        claim_date = iso_date(claim["claim_date"])
        if claim_date is None:
            problems.append(f"claim_date {claim['claim_date']!r} is not ISO")
        elif published is not None and claim_date > published:
            problems.append(f"claim_date {claim_date} after published_at {published}")
    if not isinstance(claim["evidence"], str) or not claim["evidence"] or claim["evidence"] not in text:
        problems.append(f"claim evidence not verbatim in text: {str(claim['evidence'])[:60]!r}")
    return problems


def response_problems(response: dict[str, Any], text: str, accusers: set[str]) -> list[str]:
    """What is wrong with one gold response."""
    if set(response) != RESPONSE_KEYS:
        return [f"response keys {sorted(response)}"]
    problems = []
    if response["kind"] not in RESPONSE_KINDS:
        problems.append(f"response kind {response['kind']!r}")
    if response["to_accuser"] not in accusers:
        problems.append(f"response to {response['to_accuser']!r}, who has no claim here")
    if not isinstance(response["evidence"], str) or not response["evidence"] or response["evidence"] not in text:
        problems.append(f"response evidence not verbatim in text: {str(response['evidence'])[:60]!r}")
    return problems


def wire_problems(article: dict[str, Any]) -> list[str]:
    """What the wire set asks beyond the common checks: its URL form, length, source label, and names in the text."""
    problems = []
    if not WIRE_URL.fullmatch(article["url"]):
        problems.append(f"url {article['url']!r} is not https://wire-eval.example/<outlet>/<slug>")
    if not isinstance(article["source"], str) or not article["source"].endswith(PASTICHE):
        problems.append(f"source {article['source']!r} does not end with {PASTICHE!r}")
    text = article["text"] if isinstance(article["text"], str) else ""
    if len(text.split()) not in WIRE_WORDS:
        problems.append(f"text has {len(text.split())} words, outside 150-1000")
    return problems + names_in_text(article)


def names_in_text(article: dict[str, Any]) -> list[str]:
    """Every gold name (accuser, accused, responder, entity) that does not occur in the article's text."""
    text = article["text"] if isinstance(article["text"], str) else ""
    gold = article["gold"]
    names = [claim.get(party) for claim in gold["claims"] for party in ("accuser", "accused")]
    names += [response.get(party) for response in gold["responses"] for party in ("responder", "to_accuser")]
    names += gold["entities"]
    return [
        f"gold name {name!r} does not occur in the text"
        for name in names
        if isinstance(name, str) and name.lower() not in text.lower()
    ]


def corpus_problems(article: dict[str, Any]) -> list[str]:
    """What the training corpus (eval/corpus/) asks beyond the common checks: URL form, length, story, style, names."""
    problems = []
    if not CORPUS_URL.fullmatch(article["url"]):
        problems.append(f"url {article['url']!r} is not https://corpus.example/<outlet>/<slug>")
    if not isinstance(article["source"], str) or not article["source"].strip():
        problems.append("source must be the outlet's name")
    text = article["text"] if isinstance(article["text"], str) else ""
    if len(text.split()) not in CORPUS_WORDS:
        problems.append(f"text has {len(text.split())} words, outside 120-1200")
    if not isinstance(article["story"], str) or not CORPUS_STORY.fullmatch(article["story"]):
        problems.append(f"story {article['story']!r} is not '<writer letter>-<kebab-case id>'")
    if article["style"] not in CORPUS_STYLES:
        problems.append(f"style {article['style']!r} is not one of {sorted(CORPUS_STYLES)}")
    return problems + names_in_text(article)


def article_problems(
    article: dict[str, Any],
    news_urls: bool,
    outlet_set: bool = False,
    wire_set: bool = False,
    corpus_set: bool = False,
) -> list[str]:
    """What is wrong with one annotated article (an empty list when nothing is)."""
    keys = ARTICLE_KEYS | CORPUS_KEYS if corpus_set else ARTICLE_KEYS
    if set(article) != keys:
        return [f"article keys {sorted(article)}, expected {sorted(keys)}"]
    gold = article["gold"]
    if not isinstance(gold, dict) or set(gold) != GOLD_KEYS:
        return [f"gold keys {sorted(gold) if isinstance(gold, dict) else gold!r}"]
    problems = []
    if news_urls and not NEWS_URL.fullmatch(article["url"]):
        problems.append(f"url {article['url']!r} is not https://news-eval.example/<outlet>/<slug>")
    if outlet_set and not OUTLET_URL.fullmatch(article["url"]):
        problems.append(f"url {article['url']!r} is not https://outlet-eval.example/<outlet>/<slug>")
    if wire_set:
        problems += wire_problems(article)
    if corpus_set:
        problems += corpus_problems(article)
    published = iso_date(article["published_at"])
    if published is None:
        problems.append(f"published_at {article['published_at']!r} is not ISO")
    text = article["text"]
    if not isinstance(text, str) or not text.strip():
        return [*problems, "empty text"]
    if outlet_set and len(text.split()) not in OUTLET_WORDS:
        problems.append(f"text has {len(text.split())} words, outside 150-900")
    triples = set()
    for claim in gold["claims"]:
        problems += claim_problems(claim, text, published)
        triple = (claim.get("accuser"), claim.get("accused"), claim.get("category"))
        if triple in triples:
            problems.append(f"duplicate claim {triple}")
        triples.add(triple)
    accusers = {claim.get("accuser") for claim in gold["claims"]}
    for response in gold["responses"]:
        problems += response_problems(response, text, accusers)
    if not all(isinstance(name, str) and name for name in gold["entities"]):
        problems.append("entities must be non-empty names")
    return problems


def self_score(path: Path, articles: list[dict[str, Any]]) -> list[str]:
    """Problems found by scoring the gold against itself with the shared scorer."""
    with tempfile.TemporaryDirectory() as folder:
        predicted = Path(folder) / "gold_as_predictions.jsonl"
        with predicted.open("w", encoding="utf-8") as output:
            for article in articles:
                claims = [
                    {**claim, "accuser": {"name": claim["accuser"]}, "accused": {"name": claim["accused"]}}
                    for claim in article["gold"]["claims"]
                ]
                entities = [{"name": name} for name in article["gold"]["entities"]]
                output.write(json.dumps({"url": article["url"], "claims": claims, "entities": entities}) + "\n")
        report = subprocess.run(
            [sys.executable, str(SCORER), str(path), str(predicted)], capture_output=True, text=True, check=True
        ).stdout
    problems = []
    if "F1 1.000" not in report.splitlines()[-1]:
        problems.append(f"gold scored against itself: {report.splitlines()[-1]}")
    if "recall (gold names found):     1.000" not in report:
        problems.append("gold entities scored against themselves fall short of recall 1.000")
    return problems


def validate(path: Path) -> list[str]:
    """Every problem in the gold file at `path`, each prefixed with its line number."""
    problems: list[str] = []
    articles = []
    urls: set[str] = set()
    news_urls = path.name.startswith("news")
    outlet_set = path.name.startswith("outlet")
    wire_set = path.name.startswith("wire")
    corpus_set = path.parent.name == "corpus"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            problems.append(f"line {number}: blank line")
            continue
        try:
            article = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"line {number}: not JSON ({error})")
            continue
        if not isinstance(article, dict):
            problems.append(f"line {number}: not an object")
            continue
        found = article_problems(article, news_urls, outlet_set, wire_set, corpus_set)
        problems += [f"line {number}: {problem}" for problem in found]
        if article.get("url") in urls:
            problems.append(f"line {number}: duplicate url {article.get('url')}")
        urls.add(article.get("url"))
        articles.append(article)
    if not problems:
        problems += self_score(path, articles)
    return problems


def main() -> None:
    paths = [Path(argument) for argument in sys.argv[1:]] or [DEFAULT_GOLD]
    failed = False
    for path in paths:
        problems = validate(path)
        for problem in problems:
            print(f"{path}: {problem}")
        lines = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        print(f"{path}: {lines} articles, {'FAILED' if problems else 'ok'}")
        failed = failed or bool(problems)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

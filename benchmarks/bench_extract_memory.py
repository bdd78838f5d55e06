"""Peak memory of `claimgraph extract` on a 2 MB article beside a 100 KB one, each in a process of its own.

The article is the opening of a real-shaped wire story from eval/wire_claims.jsonl (a paragraph that
holds an accusation), repeated to the size wanted, as the hostile page that took 5.8 GB did; a third
run numbers every copy, so no paragraph repeats and the article-length cap does the work. The figure
is peak resident memory (ru_maxrss of the child) for each, the ratio of the 2 MB article's to the
100 KB one's, and how many claims each extraction holds; the target is under 1.5 GB for 2 MB.

Run: .venv/bin/python benchmarks/bench_extract_memory.py [--sizes 100000,2000000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
STORY = REPO_ROOT / "eval" / "wire_claims.jsonl"
CLAIMGRAPH = Path(sys.executable).parent / "claimgraph"
TARGET_BYTES = 1_500_000_000


def article_of(size: int, *, distinct: bool = False) -> dict[str, object]:
    """One article: the story's first two paragraphs repeated to `size` characters (numbered: all distinct)."""
    story = json.loads(STORY.read_text().splitlines()[0])
    paragraph = "\n\n".join(story["text"].split("\n\n")[:2]) + "\n\n"
    copies = size // len(paragraph) + 1
    if distinct:
        text = "".join(f"Update {number}: {paragraph}" for number in range(copies))[:size]
    else:
        text = (paragraph * copies)[:size]
    return {
        "url": f"https://bench.example/{'distinct' if distinct else 'repeated'}-{size}",
        "title": story["title"],
        "text": text,
        "published_at": story["published_at"] + "T12:00:00+00:00",
        "source": {"id": "bench", "name": "Bench", "domain": "bench.example"},
    }


def measure(size: int, workdir: Path, *, distinct: bool = False) -> dict[str, float]:
    source = workdir / f"in-{size}-{distinct}.jsonl"
    output = workdir / f"out-{size}-{distinct}.jsonl"
    source.write_text(json.dumps(article_of(size, distinct=distinct)) + "\n")
    began = time.perf_counter()
    child = subprocess.Popen(
        [str(CLAIMGRAPH), "extract", str(source), "-o", str(output)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - began
    if status != 0:
        raise SystemExit(f"claimgraph extract failed on the {size}-character article: {child.stderr.read().decode()}")
    extraction = json.loads(output.read_text().splitlines()[0])
    return {
        "peak_bytes": usage.ru_maxrss * 1024,
        "seconds": elapsed,
        "claims": len(extraction["claims"]),
        "mentions": sum(len(entity["mentions"]) for entity in extraction["entities"]),
        "notes": len(extraction.get("notes", [])),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100000,2000000", help="baseline size, then the large size")
    args = parser.parse_args()
    baseline_size, large_size = (int(part) for part in args.sizes.split(","))
    with tempfile.TemporaryDirectory() as workdir:
        baseline = measure(baseline_size, Path(workdir))
        large = measure(large_size, Path(workdir))
        distinct = measure(large_size, Path(workdir), distinct=True)
    rows = (("baseline", baseline_size, baseline), ("large", large_size, large), ("distinct", large_size, distinct))
    for name, size, figures in rows:
        print(
            f"{name:9} {size / 1e6:5.2f} MB article: peak RSS {figures['peak_bytes'] / 1e6:7.0f} MB, "
            f"{figures['seconds']:6.1f} s, {figures['claims']:.0f} claims, {figures['mentions']:.0f} mentions, "
            f"{figures['notes']:.0f} notes"
        )
    print(
        f"ratio     peak RSS {large['peak_bytes'] / baseline['peak_bytes']:.2f}x the baseline's for "
        f"{large_size / baseline_size:.0f}x the text; target: under {TARGET_BYTES / 1e9:.1f} GB"
    )
    worst = max(large["peak_bytes"], distinct["peak_bytes"])
    if worst >= TARGET_BYTES:
        raise SystemExit(f"over target: {worst / 1e9:.2f} GB")


if __name__ == "__main__":
    main()

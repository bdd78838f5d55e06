"""The shared development set, scored by the shared scorer, must stay above the thresholds."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
EVAL_DIR = REPO_ROOT.parent / "shared" / "eval"
SCORER = EVAL_DIR / "score_claims.py"
DEV_SET = EVAL_DIR / "dev_claims.jsonl"


@pytest.mark.slow
@pytest.mark.skipif(not SCORER.exists(), reason=f"the shared scorer is not at {SCORER} (shared/ sits beside the clone)")
def test_dev_set_scores(tmp_path: Path, claimgraph_command: list[str]) -> None:
    output = tmp_path / "dev_out.jsonl"
    extract = subprocess.run(
        [*claimgraph_command, "extract", str(DEV_SET), "-o", str(output)], capture_output=True, text=True, timeout=300
    )
    assert extract.returncode == 0, extract.stderr
    scored = subprocess.run(
        [sys.executable, str(SCORER), str(DEV_SET), str(output)], capture_output=True, text=True, timeout=60
    )
    assert scored.returncode == 0, scored.stderr
    report = scored.stdout
    strict_f1 = float(re.search(r"strict .*F1 ([\d.]+)", report).group(1))  # type: ignore[union-attr]
    pair_f1 = float(re.search(r"pairs .*F1 ([\d.]+)", report).group(1))  # type: ignore[union-attr]
    false_claims = int(re.search(r"false claims on \d+ no-claim articles: (\d+)", report).group(1))  # type: ignore[union-attr]
    entity_recall = float(re.search(r"entity recall .*?([\d.]+)\s+\(", report).group(1))  # type: ignore[union-attr]
    assert strict_f1 >= 0.95, report
    assert pair_f1 >= 0.95, report
    assert false_claims == 0, report
    assert entity_recall >= 0.95, report

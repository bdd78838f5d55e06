"""`claimgraph_claims_v1`: accusation claims (accuser -> accused, category, status) from the parse.

A word matcher finds the triggers named in `nlp.lexicon` (accuse, sue, fine, say, "lawsuit", "claims by",
"according to", ...); one small frame reader per trigger kind reads the accuser and the accused off the
dependency parse through `nlp.syntax.Slots`. The category comes from the cue words in the clause that states
the allegation; a sentence by the same accuser that names no accused but cues a category continues the
previous claim ("The start-up said the activity breached its terms of service."). Settlement, ruling and
withdrawal sentences set statuses.

Modules by job: `component` (the spaCy component: triggers, the sentence loop), `speech`, `suits` and
`authorities` (the frame readers), `parties` (who a frame's parties are), `discourse` (what carries across
sentences), `kinds` (categories), `statuses`, `emit` (frames to candidates), `tree` (parse helpers) and
`frame` (`Frame`, `DocState`).
"""

from nlp.components.claims.component import FRAMES, ClaimRules, make_claim_rules, verb_forms
from nlp.components.claims.frame import STATUS_RANK, DocState, Frame
from nlp.components.claims.tree import allegation_parts

__all__ = [
    "FRAMES",
    "STATUS_RANK",
    "ClaimRules",
    "DocState",
    "Frame",
    "allegation_parts",
    "make_claim_rules",
    "verb_forms",
]

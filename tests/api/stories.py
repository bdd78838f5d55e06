"""Hand-made Extraction records for the API tests: `story_builders.Story`, naming every sentence and date."""

from __future__ import annotations

from story_builders import Story as BaseStory

from claimgraph.records import Claim, Extraction, Response

ALIASES = {"alibaba": ["Alibaba Cloud"]}


class Story(BaseStory):
    """One article and the claims, responses and relations found in it; an accusation's sentence is its allegation."""

    def __init__(self, slug: str, *, source: str, published: str, title: str | None = None) -> None:
        super().__init__(slug, source=source, published=published, title=title)

    def accuses(  # type: ignore[override]
        self,
        accuser: str,
        accused: str,
        category: str,
        *,
        sentence: str,
        on: str,
        about: str | None = None,
        status: str = "alleged",
        confidence: float = 0.8,
    ) -> Claim:
        return super().accuses(
            accuser,
            accused,
            category,
            about=about,
            status=status,
            on=on,
            confidence=confidence,
            sentence=sentence,
            allegation=sentence,
        )

    def responds(self, claim: Claim, responder: str, kind: str, *, sentence: str, on: str) -> Response:  # type: ignore[override]
        return super().responds(claim, responder, kind, on=on, sentence=sentence)

    def build(self) -> Extraction:  # type: ignore[override]
        return super().build(aliases=ALIASES)

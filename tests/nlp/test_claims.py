"""Claim shapes news uses, on sentences written for these tests, through the real pipeline."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.records import ClaimStatus, Extraction

Run = Callable[..., Extraction]


def triples(extraction: Extraction) -> set[tuple[str, str, str]]:
    """(accuser id, accused id, category) of every claim."""
    return {(claim.accuser.id, claim.accused.id, claim.category.value) for claim in extraction.claims}


def pairs(extraction: Extraction) -> set[tuple[str, str]]:
    """(accuser id, accused id) of every claim."""
    return {(claim.accuser.id, claim.accused.id) for claim in extraction.claims}


def test_accused_of(run: Run) -> None:
    result = run("OpenAI on Tuesday accused DeepSeek of distilling its reasoning models to build a cheaper rival.")
    assert triples(result) == {("openai", "deepseek", "distillation")}
    claim = result.claims[0]
    assert claim.status == ClaimStatus.ALLEGED
    assert "distilling" in claim.allegation
    assert result.article.id == claim.evidence.article_id


def test_said_that_clause_with_descriptor_accused(run: Run) -> None:
    text = (
        "Microsoft warned customers about Moonshot AI last month. "
        "Anthropic said the Beijing-based start-up had copied Claude by sending it millions of prompts."
    )
    assert ("anthropic", "moonshot-ai", "distillation") in triples(run(text))


def test_sued_is_a_lawsuit(run: Run) -> None:
    result = run("Reddit sued Perplexity AI on Wednesday, alleging that it scraped paywalled posts without a licence.")
    assert pairs(result) == {("reddit", "perplexity-ai")}
    assert result.claims[0].status == ClaimStatus.LAWSUIT_FILED
    assert result.claims[0].category.value == "copyright"


def test_passive_accused_by(run: Run) -> None:
    result = run("Midjourney was accused by Getty Images of copying millions of photographs.")
    assert [(c.accuser.name, c.accused.id) for c in result.claims] == [("Getty Images", "midjourney")]


def test_passive_sued_by(run: Run) -> None:
    result = run("Stability AI has been sued by Reddit over the scraping of its forums.")
    assert pairs(result) == {("reddit", "stability-ai")}
    assert result.claims[0].status == ClaimStatus.LAWSUIT_FILED


def test_lawsuit_against(run: Run) -> None:
    result = run("Reddit's lawsuit against Anthropic says the company ignored its user agreement.")
    assert ("reddit", "anthropic", "terms_of_service") in triples(result)


def test_accusations_by_x_that_y_and_the_denial(run: Run) -> None:
    result = run("Mistral AI rejected accusations by OpenAI that it distilled GPT-4o, calling them baseless.")
    assert triples(result) == {("openai", "mistral-ai", "distillation")}
    assert [(r.responder.id, r.kind.value) for r in result.responses] == [("mistral-ai", "denial")]
    assert result.responses[0].claim_id == result.claims[0].id
    assert result.claims[0].status == ClaimStatus.DENIED


def test_according_to_a_complaint(run: Run) -> None:
    text = (
        "Reddit sued Anthropic in March. According to the complaint, Anthropic ignored the site's "
        "terms of service and kept scraping it."
    )
    assert ("reddit", "anthropic", "terms_of_service") in triples(run(text))


def test_regulator_fine(run: Run) -> None:
    result = run("The Federal Trade Commission fined Midjourney $5 million for deceptive marketing of its plans.")
    assert triples(result) == {("ftc", "midjourney", "fraud_misleading")}
    assert result.claims[0].status == ClaimStatus.RULED


def test_several_accused(run: Run) -> None:
    text = "Google says Mistral AI, Cohere and DeepSeek used outputs of Gemini to train their own models."
    assert pairs(run(text)) == {("google", "mistral-ai"), ("google", "cohere"), ("google", "deepseek")}


def test_several_accusers(run: Run) -> None:
    text = "Reddit, Nvidia and Cohere sued Midjourney on Monday, accusing it of copying their images."
    assert triples(run(text)) == {
        ("reddit", "midjourney", "copyright"),
        ("nvidia", "midjourney", "copyright"),
        ("cohere", "midjourney", "copyright"),
    }


def test_continuation_adds_a_category(run: Run) -> None:
    text = (
        "Anthropic on Monday accused DeepSeek of distilling Claude. "
        "The San Francisco company said the campaign also breached its terms of service."
    )
    assert triples(run(text)) == {
        ("anthropic", "deepseek", "distillation"),
        ("anthropic", "deepseek", "terms_of_service"),
    }


def test_pronoun_accuser(run: Run) -> None:
    text = "Scarlett Johansson hired lawyers last year. She said OpenAI copied her voice without consent."
    assert pairs(run(text)) == {("scarlett-johansson", "openai")}


def test_product_maker_descriptor(run: Run) -> None:
    text = "Nvidia said on Friday that the ChatGPT maker had poached engineers to obtain its trade secrets."
    assert triples(run(text)) == {("nvidia", "openai", "trade_secret")}


def test_group_plaintiffs(run: Run) -> None:
    text = "Midjourney faces a class action brought by visual artists who say the company copied their artworks."
    result = run(text)
    assert [(c.accuser.name, c.accused.id, c.category.value) for c in result.claims] == [
        ("visual artists", "midjourney", "copyright")
    ]


def test_settlement_sets_status(run: Run) -> None:
    text = (
        "Authors sued Anthropic last year, accusing it of training Claude on pirated books. "
        "Anthropic agreed on Friday to settle the case."
    )
    statuses = {claim.status for claim in run(text).claims}
    assert statuses == {ClaimStatus.SETTLED}


def test_court_ruling_sets_status(run: Run) -> None:
    text = (
        "Getty Images had accused Stability AI of copying its photographs. "
        "A judge ruled on Thursday that Stability AI infringed some trademarks."
    )
    assert {claim.status for claim in run(text).claims} == {ClaimStatus.RULED}


def test_hedged_claim_is_still_a_claim(run: Run) -> None:
    text = "OpenAI believes DeepSeek may have distilled its models, the company said in a memo."
    assert ("openai", "deepseek", "distillation") in triples(run(text))


def test_no_claim_in_a_question(run: Run) -> None:
    assert run("Did DeepSeek distil OpenAI's models, as some investors claim?").claims == []


def test_no_claim_in_a_hypothetical(run: Run) -> None:
    assert run("If OpenAI sued DeepSeek, the case would take years.").claims == []


def test_no_claim_when_negated(run: Run) -> None:
    assert run("OpenAI has not accused DeepSeek of distilling its models.").claims == []


def test_no_claim_for_self_distillation(run: Run) -> None:
    text = "Meta says its small Llama models were distilled from its largest Llama model."
    assert run(text).claims == []


def test_no_claim_in_an_explainer(run: Run) -> None:
    text = (
        "Distillation lets a small model learn from a large one. Labs say the method is cheap, "
        "and critics say it can breach terms of service when done with a rival's outputs."
    )
    assert run(text).claims == []


def test_no_claim_in_ordinary_news(run: Run) -> None:
    text = (
        "Nvidia said on Wednesday its quarterly revenue rose 60 percent. The chipmaker said demand "
        "from Microsoft and Google remained strong."
    )
    assert run(text).claims == []


def test_no_comment_response(run: Run) -> None:
    text = "Cohere accused Mistral AI of copying its models on Monday. Mistral AI declined to comment."
    result = run(text)
    assert [(r.responder.id, r.kind.value) for r in result.responses] == [("mistral-ai", "no_comment")]


def test_no_response_for_several(run: Run) -> None:
    text = (
        "OpenAI says Mistral AI, Cohere and MiniMax distilled GPT-4o. "
        "None of the three companies responded to requests for comment."
    )
    result = run(text)
    assert {(r.responder.id, r.kind.value) for r in result.responses} == {
        ("mistral-ai", "no_response"),
        ("cohere", "no_response"),
        ("minimax", "no_response"),
    }
    claim_ids = {claim.id for claim in result.claims}
    assert all(response.claim_id in claim_ids for response in result.responses)

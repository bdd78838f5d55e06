"""Idioms by which news reports a suit or a charge without the verbs "sue" or "accuse" in their plain
shape: "took Y to court", "hit Y with a lawsuit", "Y faces a suit from X", "one of the newspapers suing Y",
"an indictment charging Y", "its claims against Y"; on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.records import ClaimStatus, Extraction

Run = Callable[..., Extraction]


def triples(extraction: Extraction) -> set[tuple[str, str, str]]:
    return {(claim.accuser.id, claim.accused.id, claim.category.value) for claim in extraction.claims}


def pairs(extraction: Extraction) -> set[tuple[str, str]]:
    return {(claim.accuser.id, claim.accused.id) for claim in extraction.claims}


def statuses(extraction: Extraction) -> dict[tuple[str, str], ClaimStatus]:
    return {(claim.accuser.id, claim.accused.id): claim.status for claim in extraction.claims}


# --- taking someone to court ----------------------------------------------------------------------
def test_taking_a_company_to_court_is_a_suit(run: Run) -> None:
    extraction = run("Getty Images took Stability AI to court in London over millions of copyrighted photos.")
    assert triples(extraction) == {("getty-images", "stability-ai", "copyright")}
    assert statuses(extraction)[("getty-images", "stability-ai")] == ClaimStatus.LAWSUIT_FILED


def test_a_headline_present_of_taking_to_court(run: Run) -> None:
    assert pairs(run("Reddit is taking Anthropic to court, saying the AI company scraped its site.")) == {
        ("reddit", "anthropic")
    }


def test_taking_something_else_to_court_is_no_claim(run: Run) -> None:
    assert pairs(run("Microsoft took its case for the acquisition to the court of public opinion.")) == set()


# --- hitting someone with a suit or a fine ---------------------------------------------------------
def test_hitting_a_company_with_a_lawsuit(run: Run) -> None:
    extraction = run("Reddit hit Anthropic with a lawsuit on Wednesday, alleging it scraped the site's comments.")
    assert pairs(extraction) == {("reddit", "anthropic")}
    assert statuses(extraction)[("reddit", "anthropic")] == ClaimStatus.LAWSUIT_FILED


def test_slapping_a_company_with_a_fine(run: Run) -> None:
    extraction = run(
        "Italy's privacy watchdog slapped OpenAI with a 15 million euro fine over ChatGPT's data collection."
    )
    assert triples(extraction) == {("garante", "openai", "privacy")}
    assert statuses(extraction)[("garante", "openai")] == ClaimStatus.RULED


def test_imposing_a_fine_on_a_company(run: Run) -> None:
    text = (
        "France's CNIL imposed a fine of 20 million euros on Clearview AI for collecting photos of people "
        "without their consent."
    )
    extraction = run(text)
    assert triples(extraction) == {("cnil", "clearview-ai", "privacy")}
    assert statuses(extraction)[("cnil", "clearview-ai")] == ClaimStatus.RULED


def test_a_fine_imposed_by_a_company_is_no_regulators_claim(run: Run) -> None:
    text = "Uber imposed a fine on drivers who cancel too many rides, the company said."
    assert pairs(run(text)) == set()


def test_hitting_a_sales_target_is_no_claim(run: Run) -> None:
    assert pairs(run("Nvidia hit its revenue target with a record quarter, Jensen Huang said.")) == set()


# --- facing a suit from someone ---------------------------------------------------------------------
def test_facing_a_lawsuit_from_a_named_plaintiff(run: Run) -> None:
    extraction = run("Perplexity faces a lawsuit from Dow Jones over the use of Wall Street Journal articles.")
    assert pairs(extraction) == {("dow-jones", "perplexity-ai")}
    assert statuses(extraction)[("dow-jones", "perplexity-ai")] == ClaimStatus.LAWSUIT_FILED


def test_a_lawsuit_from_a_year_names_no_plaintiff(run: Run) -> None:
    assert pairs(run("Perplexity faces a lawsuit from 2024 that is still pending.")) == set()


# --- a member of a group of plaintiffs ----------------------------------------------------------------
def test_one_of_the_newspapers_suing_a_company(run: Run) -> None:
    text = "The Chicago Tribune is one of eight newspapers suing OpenAI and Microsoft over their chatbots."
    assert pairs(run(text)) == {("chicago-tribune", "openai"), ("chicago-tribune", "microsoft")}


def test_among_the_plaintiffs_suing_a_company(run: Run) -> None:
    text = "Ziff Davis is among the publishers suing OpenAI for copyright infringement."
    assert triples(run(text)) == {("ziff-davis", "openai", "copyright")}


# --- documents that charge -------------------------------------------------------------------------------
def test_an_indictment_charging_a_founder(run: Run) -> None:
    text = (
        "The Justice Department on Wednesday unsealed an indictment charging Albert Saniger, the founder of "
        "Nate, with securities fraud and wire fraud."
    )
    extraction = run(text)
    assert ("doj", "albert-saniger", "fraud_misleading") in triples(extraction)
    assert statuses(extraction)[("doj", "albert-saniger")] == ClaimStatus.LAWSUIT_FILED


def test_a_complaint_filed_by_a_company_accusing_another(run: Run) -> None:
    text = "Quorra AI filed a complaint accusing Vektora Systems of stealing its source code."
    assert triples(run(text)) == {("quorra-ai", "vektora-systems", "trade_secret")}


# --- claims against someone ------------------------------------------------------------------------------
def test_a_possessive_pronouns_claims_against_a_company(run: Run) -> None:
    text = "Sony Music has not settled with Suno, and it is pressing ahead with its claims against the start-up."
    assert pairs(run(text)) == {("sony-music", "suno")}


def test_a_possessive_pronouns_claims_without_a_target_are_no_claim(run: Run) -> None:
    assert pairs(run("Sony Music said its claims about streaming growth were accurate.")) == set()


# --- company names the NER misses --------------------------------------------------------------------
def test_an_unlabelled_name_with_a_company_ending_is_an_organisation(run: Run) -> None:
    text = "Solenne AI accused Heyu Intelligence and Baiyun Labs of distilling its models through fake accounts."
    extraction = run(text)
    assert ("solenne-ai", "heyu-intelligence", "distillation") in triples(extraction)
    assert ("solenne-ai", "baiyun-labs", "distillation") in triples(extraction)


def test_dragging_a_company_to_a_named_court(run: Run) -> None:
    extraction = run("News agency ANI has dragged ChatGPT maker OpenAI to the Delhi High Court over its news stories.")
    assert {(accuser, accused) for accuser, accused, _ in triples(extraction)} == {
        ("asian-news-international", "openai")
    }
    assert statuses(extraction)[("asian-news-international", "openai")] == ClaimStatus.LAWSUIT_FILED


# --- plaintiffs named after the suit ---------------------------------------------------------------------
def test_other_plaintiffs_include_join_the_suit(run: Run) -> None:
    text = (
        "The Authors Guild sued OpenAI in New York for copyright infringement. "
        "Other plaintiffs include Jonathan Franzen and Elin Hilderbrand."
    )
    assert triples(run(text)) == {
        ("authors-guild", "openai", "copyright"),
        ("jonathan-franzen", "openai", "copyright"),
        ("elin-hilderbrand", "openai", "copyright"),
    }


def test_a_named_plaintiff_joins_the_suit(run: Run) -> None:
    text = "The Authors Guild sued OpenAI for copyright infringement on Monday. Jonathan Franzen is a named plaintiff."
    assert ("jonathan-franzen", "openai", "copyright") in triples(run(text))


def test_plaintiffs_with_no_suit_reported_are_no_claim(run: Run) -> None:
    assert triples(run("Other plaintiffs include Jonathan Franzen and Elin Hilderbrand, the filing shows.")) == set()


def test_a_case_brought_by_a_described_plaintiff_against_a_company(run: Run) -> None:
    text = "A Georgia judge this year threw out a case brought by the radio host Mark Walters against OpenAI."
    assert {(a, b) for a, b, _ in triples(run(text))} == {("mark-walters", "openai")}


# --- where the parser misleads ---------------------------------------------------------------------------
def test_a_claim_in_a_lawsuit_that_the_parser_read_as_a_relative_clause(run: Run) -> None:
    text = (
        "Penske Media became the first major publisher to go after Google, claiming in a federal lawsuit that "
        "Google uses its monopoly in search to coerce publishers into supplying content."
    )
    extraction = run(text)
    assert triples(extraction) == {("penske-media", "google", "antitrust")}
    assert statuses(extraction)[("penske-media", "google")] == ClaimStatus.LAWSUIT_FILED


def test_a_true_relative_clause_on_a_lawsuit_states_no_claim(run: Run) -> None:
    assert triples(run("Reddit said in a filing that Anthropic opposed the motion on Friday.")) == set()


def test_the_companies_behind_a_product_are_its_developer(run: Run) -> None:
    text = (
        "Italy's data protection authority on Thursday ordered the Chinese companies behind DeepSeek to block "
        "their chatbot after they failed to explain how they handle users' personal data."
    )
    assert triples(run(text)) == {("garante", "deepseek", "privacy")}


def test_demanding_that_a_company_stop_a_practice_accuses_it(run: Run) -> None:
    text = "In June the BBC demanded in a letter that Perplexity stop scraping its content and pay compensation."
    assert triples(run(text)) == {("bbc", "perplexity-ai", "copyright")}


def test_demanding_a_deal_is_no_accusation(run: Run) -> None:
    assert triples(run("The BBC demanded that Perplexity sign a licensing deal by June.")) == set()


# --- lists and settled charges -----------------------------------------------------------------------------
def test_every_name_listed_after_a_described_group_is_accused(run: Run) -> None:
    text = (
        "Reddit filed a lawsuit on Wednesday against Perplexity and three companies that sell scraped web data — "
        "SerpApi, Oxylabs and AWMProxy — accusing them of harvesting Reddit posts."
    )
    accused = {b for _, b, _ in triples(run(text))}
    assert {"perplexity-ai", "serpapi", "awmproxy"} <= accused


def test_an_authority_that_settled_its_charges_against_named_advisers(run: Run) -> None:
    text = (
        "The SEC in March settled charges against two investment advisers, Delphia and Global Predictions, over "
        "misleading claims about their use of AI."
    )
    extraction = run(text)
    assert triples(extraction) == {
        ("sec", "delphia", "fraud_misleading"),
        ("sec", "global-predictions", "fraud_misleading"),
    }
    assert statuses(extraction)[("sec", "delphia")] == ClaimStatus.SETTLED


# --- asked to stop ------------------------------------------------------------------------------------------
def test_asking_a_company_to_stop_a_practice_accuses_it_of_that_practice(run: Run) -> None:
    text = (
        "The Content Overseas Distribution Association asked OpenAI in October to stop training on its members' "
        "works without permission."
    )
    assert triples(run(text)) == {("coda", "openai", "copyright")}


def test_asking_a_company_to_stop_something_that_is_no_wrong_is_no_claim(run: Run) -> None:
    assert triples(run("Microsoft asked OpenAI to stop selling shares to employees.")) == set()


def test_an_antimonopoly_finding_is_antitrust(run: Run) -> None:
    text = (
        "China's State Administration for Market Regulation said Monday that a preliminary investigation had found "
        "that Nvidia violated the country's antimonopoly law."
    )
    assert {category for _, _, category in triples(run(text))} == {"antitrust"}


# --- seeking damages ----------------------------------------------------------------------------------------
def test_seeking_damages_from_a_company_is_a_suit(run: Run) -> None:
    extraction = run("Getty is seeking damages of up to 1.7 billion pounds from Stability AI.")
    assert {(a, b) for a, b, _ in triples(extraction)} == {("getty-images", "stability-ai")}
    assert statuses(extraction)[("getty-images", "stability-ai")] == ClaimStatus.LAWSUIT_FILED


def test_seeking_an_amount_in_a_suit_is_a_suit(run: Run) -> None:
    text = (
        "The Yomiuri Shimbun filed a suit on Thursday and is seeking about 2.2 billion yen from Perplexity over "
        "the use of its articles."
    )
    assert {(a, b) for a, b, _ in triples(run(text))} == {("yomiuri-shimbun", "perplexity-ai")}


def test_seeking_money_from_an_investor_is_no_claim(run: Run) -> None:
    assert triples(run("Anthropic sought 5 billion dollars from Amazon in a new funding round.")) == set()

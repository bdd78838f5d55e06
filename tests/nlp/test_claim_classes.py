"""Classes of phrasing that held-out news uses, one test each, on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.records import Extraction

Run = Callable[..., Extraction]


def triples(extraction: Extraction) -> set[tuple[str, str, str]]:
    return {(claim.accuser.id, claim.accused.id, claim.category.value) for claim in extraction.claims}


# --- categories ---------------------------------------------------------------------------------
def test_coordinated_allegations_give_one_claim_per_category(run: Run) -> None:
    text = (
        "Anthropic's lawsuit against DeepSeek accuses the start-up of distilling Claude, breaching its "
        "terms of service and stealing trade secrets."
    )
    assert triples(run(text)) == {
        ("anthropic", "deepseek", "distillation"),
        ("anthropic", "deepseek", "terms_of_service"),
        ("anthropic", "deepseek", "trade_secret"),
    }


def test_similar_allegations_take_the_earlier_category(run: Run) -> None:
    text = (
        "OpenAI accused DeepSeek of distilling GPT-4o on Monday. "
        "Google has made similar allegations against Moonshot AI."
    )
    assert triples(run(text)) == {("openai", "deepseek", "distillation"), ("google", "moonshot-ai", "distillation")}


def test_site_terms_are_terms_of_service(run: Run) -> None:
    text = "Amazon sued Perplexity AI on Tuesday, alleging that its shopping agent broke Amazon's terms."
    assert triples(run(text)) == {("amazon", "perplexity-ai", "terms_of_service")}


def test_false_statements_about_a_person_are_defamation(run: Run) -> None:
    text = "Scarlett Johansson sued OpenAI, saying ChatGPT falsely told users that she had been arrested."
    assert triples(run(text)) == {("scarlett-johansson", "openai", "defamation")}


def test_conspiring_against_competition_is_antitrust(run: Run) -> None:
    text = "xAI sued Apple and OpenAI on Monday, accusing them of conspiring to thwart competition in chatbots."
    assert triples(run(text)) == {("xai", "apple", "antitrust"), ("xai", "openai", "antitrust")}


def test_a_strong_cue_beats_a_consent_modifier(run: Run) -> None:
    text = "Getty Images sued Stability AI, accusing it of infringing the copyright of photographers without consent."
    assert triples(run(text)) == {("getty-images", "stability-ai", "copyright")}


# --- who accuses whom ---------------------------------------------------------------------------
def test_relative_pronoun_speaker(run: Run) -> None:
    text = "Analysts pointed to Reddit, which says Perplexity AI copied millions of its posts without permission."
    assert triples(run(text)) == {("reddit", "perplexity-ai", "copyright")}


def test_accusation_that_clause(run: Run) -> None:
    text = "The report details Anthropic's March 3 accusation that DeepSeek used Claude's answers to train its models."
    assert ("anthropic", "deepseek", "distillation") in triples(run(text))


def test_fine_with_an_amount(run: Run) -> None:
    text = (
        "Ireland's Data Protection Commission fined Meta 200 million euros for processing personal data "
        "without a legal basis."
    )
    assert triples(run(text)) == {("irish-dpc", "meta", "privacy")}


def test_lawsuit_brought_by_against(run: Run) -> None:
    text = "A judge let a copyright lawsuit brought by Reddit against Anthropic go ahead on Thursday."
    assert triples(run(text)) == {("reddit", "anthropic", "copyright")}


def test_regulator_announces_charges_against_a_list(run: Run) -> None:
    text = (
        "The Securities and Exchange Commission announced charges against two chipmakers, Nvidia and AMD, "
        "for misleading investors."
    )
    assert {(a, b) for a, b, _ in triples(run(text))} == {("sec", "nvidia"), ("sec", "amd")}


def test_speaker_speaking_of_itself_then_of_a_rival(run: Run) -> None:
    text = "OpenAI said it had seen signs that DeepSeek distilled its models."
    assert triples(run(text)) == {("openai", "deepseek", "distillation")}


# --- what is not a claim ------------------------------------------------------------------------
def test_no_claim_in_an_open_question(run: Run) -> None:
    text = "Microsoft said it was investigating whether a group linked to DeepSeek had copied data from OpenAI."
    assert run(text).claims == []


def test_no_claim_in_what_someone_will_do(run: Run) -> None:
    text = "Anthropic said it would still let OpenAI use Claude for safety testing."
    assert run(text).claims == []


def test_no_claim_when_a_coordinated_verb_is_negated(run: Run) -> None:
    text = "Reddit did not sue Anthropic or accuse it of scraping its forums."
    assert run(text).claims == []


def test_no_claim_about_the_speakers_own_work(run: Run) -> None:
    text = "DeepSeek said it distilled its small models from R1 and released them under the MIT licence."
    assert run(text).claims == []


def test_groups_are_never_accused(run: Run) -> None:
    text = "OpenAI said some artists had copied its images to train rival systems."
    assert run(text).claims == []


# --- across sentences ---------------------------------------------------------------------------
def test_continuation_while_the_accuser_stays_the_topic(run: Run) -> None:
    text = (
        "Anthropic on Monday accused DeepSeek of distilling Claude. Anthropic published a long report. "
        "Anthropic also shared its logs with officials. The company said the campaign breached its terms of service."
    )
    assert triples(run(text)) == {
        ("anthropic", "deepseek", "distillation"),
        ("anthropic", "deepseek", "terms_of_service"),
    }


def test_continuation_stops_when_the_topic_changes(run: Run) -> None:
    text = (
        "Anthropic on Monday accused DeepSeek of distilling Claude. Nvidia shares rose on Tuesday. "
        "Microsoft opened an office in Paris. The company said the campaign breached its terms of service."
    )
    assert triples(run(text)) == {("anthropic", "deepseek", "distillation")}


def test_description_whose_determiner_the_parser_attached_elsewhere(run: Run) -> None:
    text = (
        "Anthropic has traced thousands of accounts to Alibaba. Anthropic claimed the Chinese e-commerce and "
        "cloud giant used them to harvest answers from Claude."
    )
    assert ("anthropic", "alibaba", "distillation") in triples(run(text))


# --- names as news writes them ------------------------------------------------------------------
def names(extraction: Extraction) -> set[tuple[str, str]]:
    return {(claim.accuser.name, claim.accused.name) for claim in extraction.claims}


def test_parties_carry_the_short_names_news_uses(run: Run) -> None:
    text = (
        "The Walt Disney Company sued Midjourney on Wednesday, accusing it of copying its characters. "
        "The US Department of Justice sued Meta Platforms, accusing it of monopolising social networking."
    )
    assert names(run(text)) == {("Disney", "Midjourney"), ("Justice Department", "Meta")}


def test_a_verb_the_ner_ran_into_a_name_is_no_part_of_it(run: Run) -> None:
    text = "Lumen and Paramount's Halcyon sued Midjourney on Wednesday, accusing it of copying their characters."
    extraction = run(text)
    assert all(" sued" not in entity.name for entity in extraction.entities)
    assert "Midjourney" in {claim.accused.name for claim in extraction.claims}


def test_the_first_word_of_an_organisation_is_that_organisation(run: Run) -> None:
    text = (
        "Scale AI sued Mercor on Thursday, alleging that a former Scale employee stole trade secrets. "
        "Scale said the employee took confidential documents."
    )
    extraction = run(text)
    assert "scale" not in {entity.id for entity in extraction.entities}
    assert {claim.accused.id for claim in extraction.claims} <= {"mercor"}


def test_a_reported_denial_is_no_accusation(run: Run) -> None:
    text = "Mercor co-founder Surya Midha said the company had no interest in Scale AI's trade secrets."
    assert run(text).claims == []


def test_a_reported_inability_is_an_accusation(run: Run) -> None:
    text = "The Federal Trade Commission said DoNotPay could not substantiate its claims about its robot lawyer."
    assert ("ftc", "donotpay") in {(c.accuser.id, c.accused.id) for c in run(text).claims}


# --- regulators and officials acting ------------------------------------------------------------
def test_a_regulator_banning_a_company_is_a_claim_about_what_it_banned(run: Run) -> None:
    text = "The Federal Trade Commission on Tuesday banned Rite Aid from using facial recognition technology."
    extraction = run(text)
    assert {(c.accuser.id, c.accused.name, c.category.value, c.status.value) for c in extraction.claims} == {
        ("ftc", "Rite Aid", "privacy", "ruled")
    }


def test_an_official_opening_a_probe_accuses_its_target(run: Run) -> None:
    text = "Senator Josh Hawley opened a probe into Meta over chatbots that flirted with children."
    assert triples(run(text)) == {("josh-hawley", "meta", "safety")}


def test_a_company_warning_or_a_judge_ordering_is_no_enforcement(run: Run) -> None:
    text = "Microsoft warned Google about its privacy policy. A judge ordered OpenAI to preserve ChatGPT logs."
    assert run(text).claims == []


# --- several plaintiffs -------------------------------------------------------------------------
def test_every_name_of_a_plaintiff_list_is_a_plaintiff(run: Run) -> None:
    text = (
        "Artists Hannah Becker, Kelly Moreau and Priya Raman sued Stability AI on Friday, "
        "accusing it of copyright infringement."
    )
    accusers = {claim.accuser.name for claim in run(text).claims}
    assert accusers == {"Hannah Becker", "Kelly Moreau", "Priya Raman"}


def test_a_plaintiff_named_in_a_later_sentence(run: Run) -> None:
    text = (
        "A shareholder sued Apple on Friday, accusing it of misleading investors about Siri. "
        "The suit was filed by Eric Tucker, who bought Apple shares last year."
    )
    assert {(c.accuser.name, c.accused.id, c.category.value) for c in run(text).claims} == {
        ("Eric Tucker", "apple", "fraud_misleading")
    }


def test_a_reported_clause_coordinating_two_wrongs_gives_both_categories(run: Run) -> None:
    text = (
        "Britannica sued Perplexity on Wednesday, alleging that its answer engine violates copyright and "
        "misleads readers by attributing invented text to the encyclopedia."
    )
    assert {category for _, _, category in triples(run(text))} == {"copyright", "fraud_misleading"}


def test_a_complaint_named_by_two_kinds_gives_both_categories(run: Run) -> None:
    text = "Noyb filed a defamation and data protection complaint against OpenAI in Norway."
    assert {category for _, _, category in triples(run(text))} == {"defamation", "privacy"}

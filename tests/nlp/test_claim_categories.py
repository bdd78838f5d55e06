"""What kind of wrong a claim is, beyond the cue words of its own sentence: the one domain of the authority
that makes it, a voice or a likeness, distillation only where models are at stake, and the kind an
article gives every other claim; on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.records import Extraction

Run = Callable[..., Extraction]


def triples(extraction: Extraction) -> set[tuple[str, str, str]]:
    return {(claim.accuser.id, claim.accused.id, claim.category.value) for claim in extraction.claims}


# --- the authority's domain ---------------------------------------------------------------------------
def test_a_data_protection_authority_accuses_of_privacy_wrongs_whatever_the_sentence_dwells_on(run: Run) -> None:
    text = (
        "Britain's Information Commissioner's Office said on Friday that Snap had failed to assess the risks "
        "its chatbot posed to children before launching it."
    )
    assert triples(run(text)) == {("ico", "snap", "privacy")}


def test_a_competition_authority_accuses_of_antitrust_wrongs(run: Run) -> None:
    text = "Germany's Federal Cartel Office accused Amazon of harming sellers on its marketplace with price controls."
    assert {category for _, _, category in triples(run(text))} == {"antitrust"}


def test_an_authority_of_several_domains_keeps_the_sentences_category(run: Run) -> None:
    text = (
        "The Federal Trade Commission sued Rytr, alleging that its tool generated fake reviews that deceived shoppers."
    )
    assert triples(run(text)) == {("ftc", "rytr", "fraud_misleading")}


# --- voices and likenesses ---------------------------------------------------------------------------------
def test_a_cloned_voice_is_another_kind_of_wrong_than_copyright(run: Run) -> None:
    text = (
        "The voice actor Dana Whitlock sued Sonara Labs on Monday, claiming the start-up cloned her voice from "
        "recordings she made for a research project and sold the clone to advertisers."
    )
    assert triples(run(text)) == {("dana-whitlock", "sonara-labs", "other")}


def test_trademark_claims_are_another_kind_of_wrong(run: Run) -> None:
    text = "Getty Images accused Stability AI of infringing its trademarks by reproducing its watermark."
    assert ("getty-images", "stability-ai", "other") in triples(run(text))


# --- distillation needs models --------------------------------------------------------------------------------
def test_a_publisher_whose_articles_a_chatbot_answers_with_claims_copyright_not_distillation(run: Run) -> None:
    text = (
        "The Yomiuri Shimbun sued Perplexity on Thursday, saying the answer engine copied its articles and "
        "served them in answers to users' prompts."
    )
    assert triples(run(text)) == {("yomiuri-shimbun", "perplexity-ai", "copyright")}


def test_an_official_accusing_labs_of_training_on_american_models_claims_distillation(run: Run) -> None:
    text = (
        "Senator Maria Ostrander said DeepSeek had extracted the capabilities of American models by training "
        "on their answers."
    )
    assert triples(run(text)) == {("maria-ostrander", "deepseek", "distillation")}


# --- the article's kind ----------------------------------------------------------------------------------------
def test_an_uncued_suit_takes_the_one_kind_the_article_gives_its_claims(run: Run) -> None:
    text = (
        "The Authors Guild accused Anthropic of copyright infringement on Monday. "
        "Separately, the novelist Hana Reyes sued Cohere in July."
    )
    assert ("hana-reyes", "cohere", "copyright") in triples(run(text))


def test_an_uncued_suit_stays_other_when_the_article_gives_several_kinds(run: Run) -> None:
    text = (
        "The Authors Guild accused Anthropic of copyright infringement on Monday. "
        "Reddit accused Anthropic of breaking its terms of service. "
        "Separately, the novelist Hana Reyes sued Cohere in July."
    )
    assert ("hana-reyes", "cohere", "other") in triples(run(text))


def test_an_uncued_suit_takes_the_kind_the_article_is_about(run: Run) -> None:
    text = (
        "Tokai Broadcasting and Kansai Telecasting filed a joint damages suit against Naver on Monday. "
        "The case is the latest copyright fight in Asia, where copyright law has not caught up with the "
        "training of AI models on news."
    )
    assert {category for _, _, category in triples(run(text))} == {"copyright"}


# --- falsehoods about the accuser --------------------------------------------------------------------------
def test_false_statements_about_the_accusing_person_are_defamation(run: Run) -> None:
    text = "Robin Castell sued Meta in April, saying its AI assistant had falsely claimed he took part in a riot."
    assert triples(run(text)) == {("robin-castell", "meta", "defamation")}


def test_false_claims_about_a_product_stay_misleading(run: Run) -> None:
    text = "Robin Castell sued Meta in April, saying the company falsely claimed its glasses were waterproof."
    assert triples(run(text)) == {("robin-castell", "meta", "fraud_misleading")}

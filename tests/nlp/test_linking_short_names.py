"""Second references inside one article (`nlp.components.short_names`), plaintiff groups and the
members the article lists (`nlp.components.groups`), and canonical names as news prints them.

Texts are written for the tests; each is long enough to pass the English-language check.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.records import EntityType, Extraction
from nlp.knowledge_base import load_knowledge_base

Run = Callable[..., Extraction]


def names(extraction: Extraction) -> set[str]:
    return {entity.name for entity in extraction.entities}


def accusers(extraction: Extraction) -> set[str]:
    return {claim.accuser.name for claim in extraction.claims}


def pairs(extraction: Extraction) -> set[tuple[str, str]]:
    return {(claim.accuser.name, claim.accused.name) for claim in extraction.claims}


def test_the_times_is_the_times_named_before(run: Run) -> None:
    extraction = run(
        "The New York Times has been fighting OpenAI in court for two years. The Times sued OpenAI and "
        "Microsoft in December 2023, alleging that the companies copied millions of its articles."
    )
    assert ("The New York Times", "OpenAI") in pairs(extraction)
    assert "Times" not in names(extraction)


@pytest.mark.parametrize("paper", ["The Denver Post", "New York Post"])
def test_the_post_is_the_post_the_article_named(run: Run, paper: str) -> None:
    extraction = run(
        f"{paper} and other papers have licensed their archives before. On Tuesday the Post sued Perplexity, "
        "accusing the start-up of copying its articles without permission."
    )
    assert accusers(extraction) == {paper}


def test_a_short_form_of_two_names_links_to_neither(run: Run) -> None:
    extraction = run(
        "The Financial Times and The New York Times both reported the talks on Monday. The Times said "
        "the two companies had not agreed on a price for the archive."
    )
    times = [entity for entity in extraction.entities if any(m.text == "Times" for m in entity.mentions)]
    assert all(entity.id not in {"financial-times", "new-york-times"} for entity in times)


def test_a_surname_the_ner_calls_an_organisation_is_the_person(run: Run) -> None:
    extraction = run(
        "Robert Gruendel sued Figure AI on Friday in federal court in San Jose. The suit says Gruendel "
        "warned Figure that its robots could injure people and was fired days later."
    )
    people = [entity for entity in extraction.entities if "Gruendel" in entity.name]
    assert [entity.name for entity in people] == ["Robert Gruendel"]


def test_a_cut_organisation_name_is_joined_to_the_full_one(run: Run) -> None:
    extraction = run(
        "Lattice Forge, a two-year-old start-up in Austin, raised $140 million this week. Investors said "
        "Forge had grown faster than any robotics company they had backed."
    )
    assert "Lattice Forge" in names(extraction)
    assert "Forge" not in names(extraction)


def test_the_guild_and_a_first_word_of_a_company(run: Run) -> None:
    extraction = run(
        "The Authors Guild sued OpenAI in 2023 over the use of its members' books. The Guild said the "
        "company had copied the novels without permission. Getty Images sued Stability AI, and Getty said "
        "Stability had copied millions of its photographs."
    )
    assert pairs(extraction) >= {("Authors Guild", "OpenAI"), ("Getty Images", "Stability AI")}
    assert not names(extraction) & {"Guild", "Stability", "Getty"}


def test_coordinated_names_share_the_surname(run: Run) -> None:
    extraction = run(
        "Last week, Matthew and Maria Raine sued OpenAI, saying ChatGPT had discussed suicide methods with "
        "their son for months before his death. The Raines said the company had failed to protect him."
    )
    assert {("Matthew Raine", "OpenAI"), ("Maria Raine", "OpenAI")} <= pairs(extraction)
    assert "Matthew" not in names(extraction)
    assert "Raines" not in names(extraction)


def test_a_surname_gets_the_full_name_the_ner_missed(run: Run) -> None:
    extraction = run(
        "LISBON, Aug 14 (Meridian Wire) — Ines Carvalho does not want to talk about lawsuits. Carvalho said "
        "in an interview that her company would rather out-build its competitors than sue them."
    )
    carvalho = [entity for entity in extraction.entities if "Carvalho" in entity.name]
    assert [(entity.name, entity.type) for entity in carvalho] == [("Ines Carvalho", EntityType.PERSON)]


def test_a_kb_surname_after_another_given_name_is_someone_else(run: Run) -> None:
    extraction = run(
        "U.S. District Judge Harriet Vance dismissed the publishers' claims on Monday. Vance said the "
        "publishers had waited too long to sue the start-up over its search engine."
    )
    vance = {entity.id: len(entity.mentions) for entity in extraction.entities if "Vance" in entity.name}
    assert vance == {"harriet-vance": 2}


def test_a_kb_surname_after_a_given_name_opening_a_sentence_is_someone_else(run: Run) -> None:
    extraction = run(
        "Priscilla Vance, who runs a small practice in midtown, sued Minutely AI this week. Vance says the "
        "start-up's bot recorded her calls."
    )
    vance = {entity.id: len(entity.mentions) for entity in extraction.entities if "Vance" in entity.name}
    assert vance == {"priscilla-vance": 2}
    pairs = {(claim.accuser.name, claim.accused.name) for claim in extraction.claims}
    assert pairs == {("Priscilla Vance", "Minutely AI")}


def test_a_titled_name_the_ner_missed_is_a_person(run: Run) -> None:
    extraction = run(
        "The committee, led by Representative Raja Krishnamoorthi of Illinois, said on Wednesday that its "
        "investigators had reviewed thousands of pages of documents."
    )
    assert ("Raja Krishnamoorthi", EntityType.PERSON) in {(e.name, e.type) for e in extraction.entities}


def test_a_company_the_ner_took_for_a_place_is_a_company(run: Run) -> None:
    extraction = run(
        "Halvard Systems, a Pittsburgh company, has sued its rival Quorra AI, alleging that it stole trade "
        "secrets through a former executive. Quorra said the claims were baseless."
    )
    quorra = [entity for entity in extraction.entities if entity.name.startswith("Quorra")]
    assert [(entity.name, entity.type) for entity in quorra] == [("Quorra AI", EntityType.COMPANY)]


def test_a_group_noun_stands_for_the_members_it_lists(run: Run) -> None:
    extraction = run(
        "Two novelists, Molly Tanzer and Jennifer Gilmore, filed a proposed class action against Salesforce "
        "on Wednesday. The novelists allege that the company trained its models on pirated books."
    )
    assert accusers(extraction) == {"Molly Tanzer", "Jennifer Gilmore"}
    assert not any(entity.type == EntityType.GROUP for entity in extraction.entities)


def test_a_group_in_the_lead_is_the_writers_named_after_it(run: Run) -> None:
    extraction = run(
        "Anthropic has agreed to pay $1.5 billion to settle a class action lawsuit from book authors. "
        "The suit was filed last year by three writers: the novelist Andrea Bartz and the nonfiction "
        "authors Charles Graeber and Kirk Wallace Johnson. They alleged that Anthropic trained Claude on "
        "pirated copies of their books."
    )
    assert accusers(extraction) == {"Andrea Bartz", "Charles Graeber", "Kirk Wallace Johnson"}


def test_other_members_do_not_become_the_group_the_article_is_about(run: Run) -> None:
    extraction = run(
        "Dow Jones and the New York Post sued Perplexity in October. A number of other publishers, including "
        "Forbes and Condé Nast, have complained about the start-up. The publishers say Perplexity copied "
        "their articles without permission."
    )
    assert accusers(extraction) <= {"Dow Jones", "New York Post"}


def test_regulators_carry_the_names_news_prints(run: Run) -> None:
    extraction = run(
        "The Autorità Garante della Concorrenza e del Mercato opened an investigation into Meta, and the "
        "Autoriteit Persoonsgegevens fined Clearview AI over its database of faces."
    )
    assert {"AGCM", "Dutch Data Protection Authority"} <= names(extraction)


def test_kb_regulators_use_short_english_names() -> None:
    kb = load_knowledge_base()
    assert kb.entities["agcm"].name == "AGCM"
    assert "Autorità Garante della Concorrenza e del Mercato" in kb.entities["agcm"].aliases
    assert kb.entities["dutch-ap"].name == "Dutch Data Protection Authority"
    assert kb.entities["garante"].name == "Garante"

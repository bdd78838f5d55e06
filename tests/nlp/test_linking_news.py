"""Entity finding and linking on news phrasing: names that are also ordinary words, authorities
described by place and field, owners in descriptions, legal suffixes.

Texts are written for the tests; each is long enough to pass the English-language check.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.records import EntityType, Extraction
from nlp.extract import Extractor
from nlp.knowledge_base import load_knowledge_base

Run = Callable[..., Extraction]


def entity_ids(extraction: Extraction) -> set[str]:
    return {entity.id for entity in extraction.entities}


def test_x_is_the_company_when_the_article_names_a_relative(run: Run) -> None:
    extraction = run(
        "Ofcom said on Monday that it was investigating X over sexualised images made with Grok, "
        "the chatbot that is built into the platform."
    )
    assert "x-corp" in entity_ids(extraction)
    assert any(claim.accused.id == "x-corp" and claim.accuser.id == "ofcom" for claim in extraction.claims)


@pytest.mark.parametrize(
    "text",
    [
        "Posts on the social media platform X spread the rumour, according to researchers who studied it for months.",
        "The rumour spread on X, formerly Twitter, before the researchers who studied it for months could respond.",
    ],
)
def test_x_is_the_company_after_its_kind_word_or_former_name(run: Run, text: str) -> None:
    assert "x-corp" in entity_ids(run(text))


def test_x_as_a_letter_or_inside_another_name_is_no_entity(run: Run) -> None:
    extraction = run(
        "Elon Musk showed the Tesla Model X at the fair, a doctor took an X-ray of his hand, and a map "
        "marked the spot with an X. The speech quoted Malcolm X at length."
    )
    assert "x-corp" not in entity_ids(extraction)


def test_a_name_inside_another_word_or_person_name_is_not_the_kb_entity(run: Run) -> None:
    extraction = run(
        "A Meta-analysis of museum visits found that the painter Claude Monet drew more visitors than any "
        "other artist, and Jean-Claude Juncker said he agreed with the study."
    )
    ids = entity_ids(extraction)
    assert "meta" not in ids
    assert "claude" not in ids
    assert any(entity.name == "Claude Monet" and entity.type == EntityType.PERSON for entity in extraction.entities)


def test_attributive_names_stay_names(run: Run) -> None:
    extraction = run(
        "The Meta-owned messaging service and the Claude-powered assistant were both shown to the press on Monday."
    )
    assert {"meta", "claude"} <= entity_ids(extraction)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Italy's privacy watchdog said on Friday that it had fined the developer of the chatbot "
            "five million euros.",
            "garante",
        ),
        (
            "The Italian data protection authority said on Friday that it had opened an inquiry into "
            "the chatbot and its data.",
            "garante",
        ),
        (
            "The Italian competition authority said on Friday that it had opened an inquiry into the "
            "chatbot and its maker.",
            "agcm",
        ),
        (
            "EU antitrust regulators said on Friday that they would look at the deal and the market it creates.",
            "european-commission",
        ),
        (
            "The Irish regulator said on Friday that it had opened an inquiry into the use of posts for training.",
            "irish-dpc",
        ),
        (
            "The Texas attorney general said on Friday that he had opened an inquiry into the chatbot and its maker.",
            "texas-attorney-general",
        ),
        (
            "The lawsuit was filed in Utah on Friday. The state's attorney general said the app had "
            "misled the parents of young users.",
            "utah-attorney-general",
        ),
        (
            "The Ohio attorney general said on Friday that the app had misled the parents of its young "
            "users for years.",
            "ohio-attorney-general",
        ),
    ],
)
def test_authorities_described_by_place_and_field(run: Run, text: str, expected: str) -> None:
    extraction = run(text)
    found = {entity.id: entity for entity in extraction.entities}
    assert expected in found, sorted(found)
    assert found[expected].type == EntityType.REGULATOR


def test_a_place_without_a_fitting_authority_gives_none(run: Run) -> None:
    extraction = run(
        "The Portuguese privacy watchdog said on Friday that it had opened an inquiry into the chatbot and its data."
    )
    assert not any(entity.type == EntityType.REGULATOR for entity in extraction.entities)


def test_owner_qualified_description_is_the_owned_platform(extractor: Extractor) -> None:
    doc = extractor.nlp(
        "The Elon Musk-owned social media platform sued Media Matters on Monday over a report about its ads."
    )
    platform = next(token for token in doc if token.text == "platform")
    assert doc._.cg_token_entity[platform.i] == "x-corp"
    assert doc._.cg_token_entity[doc[1].i] == "elon-musk"


def test_owner_qualified_description_prefers_the_owned_entity_named_before(extractor: Extractor) -> None:
    doc = extractor.nlp(
        "X sued Media Matters and Elon Musk praised the suit on Monday. The Musk-owned company said "
        "the report about its ads was false."
    )
    company = next(token for token in doc if token.text == "company")
    assert doc._.cg_token_entity[company.i] == "x-corp"


def test_legal_suffix_gives_one_entity(run: Run) -> None:
    extraction = run(
        "Brightwave Labs Inc. said on Tuesday that it would fight the lawsuit, and Brightwave Labs added that its "
        "model was trained only on licensed data. Inc. is not a party."
    )
    names = [
        entity.name for entity in extraction.entities if "Brightwave" in entity.name or entity.name.startswith("Inc")
    ]
    assert names == ["Brightwave Labs"]


def test_kb_relatives_of_x_include_its_models_and_people() -> None:
    kb = load_knowledge_base()
    relatives = kb.relatives("x-corp")
    assert {"x-corp", "xai", "grok", "elon-musk"} <= relatives
    assert "openai" not in relatives


def test_a_name_with_a_full_stop_inside_stays_one_token_and_one_sentence(run: Run, extractor: Extractor) -> None:
    text = (
        "Megan Garcia sued Character.AI and Google on Tuesday, accusing Character.AI's chatbot of harming "
        "her son. Character.AI said it would fight the suit."
    )
    doc = extractor.nlp(text)
    assert "Character.AI" in [token.text for token in doc]
    assert len(list(doc.sents)) == 2
    accused = {claim.accused.id for claim in run(text).claims if claim.accuser.name == "Megan Garcia"}
    assert {"character-ai", "google"} <= accused


def test_a_model_variant_word_names_the_model_not_a_person(run: Run) -> None:
    text = (
        "Google on Wednesday released Gemini 3.5 Flash, the cheapest model in its line. "
        "Google said Flash was distilled from Gemini 3.5 Pro, its larger model."
    )
    extraction = run(text)
    assert "flash" not in entity_ids(extraction)
    assert extraction.claims == []


def test_names_with_a_company_ending_that_the_ner_missed_are_companies(run: Run) -> None:
    text = (
        "Palisade Games, the Montreal studio behind the fantasy series Ashfall, says the start-up Spriteworks AI "
        "scraped fan art from its forums."
    )
    assert {"palisade-games", "spriteworks-ai"} <= entity_ids(run(text))


def test_the_first_word_of_a_company_is_that_company_even_when_the_ner_calls_it_a_place(run: Run) -> None:
    text = (
        "Solenne AI said on Monday that Chinese labs had copied its models. In a post on its security blog, "
        "Solenne accused Heyu Intelligence and Baiyun Labs of using fraudulent accounts to query its models."
    )
    extraction = run(text)
    assert "solenne" not in entity_ids(extraction)
    assert {(claim.accuser.id, claim.accused.id) for claim in extraction.claims} >= {
        ("solenne-ai", "heyu-intelligence"),
        ("solenne-ai", "baiyun-labs"),
    }


def test_a_company_named_after_a_model_is_not_the_model(run: Run) -> None:
    text = (
        "SAG-AFTRA filed a complaint against Llama Productions, the Epic Games subsidiary, over an AI-generated "
        "voice in Fortnite."
    )
    extraction = run(text)
    assert "llama-productions" in entity_ids(extraction)
    assert {claim.accused.id for claim in extraction.claims} == {"llama-productions"}


def test_a_dateline_in_capitals_is_a_place_not_a_party(run: Run) -> None:
    extraction = run(
        "MUMBAI — The singer Kavita Raghavan has sued the voice start-up Surclone, accusing it of cloning her "
        "voice without her consent for an app that sells custom songs."
    )
    types = {entity.name: entity.type for entity in extraction.entities}
    assert types.get("MUMBAI", EntityType.PLACE) == EntityType.PLACE
    assert all(
        claim.accuser.name.upper() != "MUMBAI" and claim.accused.name.upper() != "MUMBAI" for claim in extraction.claims
    )


def test_short_capitals_opening_a_sentence_stay_a_name(run: Run) -> None:
    extraction = run("IBM, the computing giant, sued Zylo Labs on Monday, accusing it of copying its mainframe code.")
    assert "ibm" in entity_ids(extraction)


@pytest.mark.parametrize("role", ["Singer", "Novelist", "Photographer"])
def test_a_role_word_before_a_name_is_not_part_of_it(run: Run, role: str) -> None:
    extraction = run(f"{role} Lorna Hemsley sued Castellan Systems on Tuesday, accusing it of copying her work.")
    names = {entity.name for entity in extraction.entities}
    assert "Lorna Hemsley" in names
    assert not any(name.startswith(role) for name in names)


@pytest.mark.parametrize("law", ["GDPR", "BIPA", "CCPA"])
def test_a_law_is_never_a_party(run: Run, law: str) -> None:
    extraction = run(
        f"Privacy campaigner Idris Bello said the glasses breach the {law} and filed a complaint with the "
        "regulator on Friday, accusing the maker of recording bystanders."
    )
    assert law.lower() not in entity_ids(extraction)


def test_a_name_the_ner_missed_in_a_list_of_names_is_of_their_kind(run: Run) -> None:
    extraction = run(
        "The remaining plaintiffs, Lorna Hemsley, Catalina Ferro and Nadia Kowalewska, are suing Castellan "
        "Systems and Bramblewood AI for copyright infringement."
    )
    types = {entity.name: entity.type for entity in extraction.entities}
    assert types.get("Catalina Ferro") == EntityType.PERSON
    assert types.get("Bramblewood AI") == EntityType.COMPANY


@pytest.mark.parametrize("mark", ["—", "-"])
def test_a_dateline_the_ner_ran_into_a_name_is_cut_off(run: Run, mark: str) -> None:
    extraction = run(
        f"AUSTIN {mark} Helix Inference, the AI software company that moved into a glass tower two years ago, is "
        "being sued by Corvane Media, which accuses it of copying thousands of its articles to train its chatbot."
    )
    names = {entity.name for entity in extraction.entities}
    assert "Helix Inference" in names
    assert not any("AUSTIN" in name for name in names)
    assert {(claim.accuser.name, claim.accused.name) for claim in extraction.claims} == {
        ("Corvane Media", "Helix Inference")
    }


def test_a_dateline_with_a_wire_credit_names_no_party(run: Run) -> None:
    extraction = run(
        "SEOUL (BN) — Tonalis sued its rival Melodex on Thursday, accusing it of copying the singers' "
        "recordings to build a cloned-voice app that it sells to karaoke bars."
    )
    assert not any("SEOUL" in entity.name or entity.name == "BN" for entity in extraction.entities)


@pytest.mark.parametrize(
    ("text", "alias", "pair"),
    [
        (
            "The Lusitanian Consumer Protection Directorate (DGPC) has opened an investigation into Quorvane "
            "Systems. The DGPC accuses Quorvane of misleading customers about the accuracy of its tax chatbot.",
            "DGPC",
            ("Lusitanian Consumer Protection Directorate", "Quorvane Systems"),
        ),
        (
            "Chegg, Inc. (NYSE: CHGG) said on Monday that its traffic had collapsed since the AI summaries arrived. "
            "CHGG sued Google, accusing it of abusing its monopoly in search to keep publishers' content.",
            "CHGG",
            ("Chegg", "Google"),
        ),
    ],
)
def test_an_acronym_or_ticker_in_parentheses_is_the_organisation_named_before_it(
    run: Run, text: str, alias: str, pair: tuple[str, str]
) -> None:
    extraction = run(text)
    assert alias not in {entity.name for entity in extraction.entities}
    assert {(claim.accuser.name, claim.accused.name) for claim in extraction.claims} == {pair}


def test_a_kb_body_name_at_the_end_of_a_longer_name_is_another_body(run: Run) -> None:
    extraction = run(
        "Singapore's Personal Data Protection Commission on Tuesday fined Halvard Analytics for leaking customer "
        "records, accusing the firm of failing to protect the data of 40,000 users."
    )
    assert "irish-dpc" not in entity_ids(extraction)
    assert [claim.accuser.name for claim in extraction.claims] == ["Personal Data Protection Commission"]

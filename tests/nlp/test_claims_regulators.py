"""General news shapes of authorities acting and of co-parties: investigations into whether a party broke
the law, cease-and-desist letters, charges, orders, co-plaintiffs beside the subject and co-defendants of an
earlier suit; on sentences written for these tests in the style of wire copy."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.records import ClaimStatus, Extraction

Run = Callable[..., Extraction]


def triples(extraction: Extraction) -> set[tuple[str, str, str]]:
    return {(claim.accuser.id, claim.accused.id, claim.category.value) for claim in extraction.claims}


def statuses(extraction: Extraction) -> dict[tuple[str, str], ClaimStatus]:
    return {(claim.accuser.id, claim.accused.id): claim.status for claim in extraction.claims}


# --- investigations into whether -------------------------------------------------------------------
def test_an_authoritys_investigation_into_whether_a_party_broke_the_law_is_an_allegation(run: Run) -> None:
    text = (
        "The Federal Trade Commission opened an investigation into whether OpenAI violated consumer "
        "protection laws by putting personal data at risk."
    )
    extraction = run(text)
    assert triples(extraction) == {("ftc", "openai", "privacy")}
    assert statuses(extraction)[("ftc", "openai")] == ClaimStatus.ALLEGED


def test_an_authority_investigating_whether_a_party_abused_its_dominance(run: Run) -> None:
    text = "The Federal Trade Commission is investigating whether Microsoft abused its dominance in cloud computing."
    assert triples(run(text)) == {("ftc", "microsoft", "antitrust")}


def test_an_investigation_into_whether_with_several_kinds_of_conduct(run: Run) -> None:
    text = (
        "The Texas attorney general has opened an investigation into whether Meta misled parents about "
        "the safety of its chatbots and collected children's personal data without consent."
    )
    categories = {category for _, _, category in triples(run(text))}
    assert {"privacy", "fraud_misleading"} <= categories


def test_an_open_question_without_an_authority_or_a_named_party_is_no_claim(run: Run) -> None:
    assert triples(run("Analysts opened a debate about whether OpenAI violated any copyright laws.")) == set()
    assert triples(run("Researchers are investigating whether Meta's models memorize copyrighted books.")) == set()
    text = "The Federal Trade Commission opened an investigation into whether the deal harms competition."
    assert triples(run(text)) == set()


def test_an_authority_looking_into_whether_a_party_broke_the_law(run: Run) -> None:
    text = "The European Commission is looking into whether Google abused its dominant position in online search."
    assert triples(run(text)) == {("european-commission", "google", "antitrust")}


def test_an_authority_reviewing_a_deal_or_its_own_next_step_accuses_no_one(run: Run) -> None:
    assert triples(run("The European Commission is reviewing Microsoft's investment in Mistral.")) == set()
    text = "The European Commission is assessing whether Mistral AI's new model needs a licence to be sold in France."
    assert triples(run(text)) == set()


# --- letters, charges and orders --------------------------------------------------------------------
def test_a_cease_and_desist_letter_from_an_authority_accuses_its_recipient(run: Run) -> None:
    text = (
        "The California attorney general sent a cease-and-desist letter to xAI, demanding that it stop "
        "generating sexual deepfakes."
    )
    extraction = run(text)
    assert triples(extraction) == {("california-attorney-general", "xai", "safety")}
    assert statuses(extraction)[("california-attorney-general", "xai")] == ClaimStatus.ALLEGED


def test_a_company_sending_a_cease_and_desist_letter_needs_a_grievance_of_a_kind(run: Run) -> None:
    text = (
        "Disney sent Google a cease-and-desist letter on Wednesday, accusing it of infringing its "
        "copyrights by training AI models on its films."
    )
    assert ("walt-disney", "google", "copyright") in triples(run(text))
    assert triples(run("Lawyers for Google said they had never received a cease-and-desist letter.")) == set()


def test_an_authority_charging_a_party_files_a_case(run: Run) -> None:
    text = (
        "The Securities and Exchange Commission charged Brightwave Analytics with misleading investors "
        "about its artificial intelligence tools."
    )
    extraction = run(text)
    assert triples(extraction) == {("sec", "brightwave-analytics", "fraud_misleading")}
    assert statuses(extraction)[("sec", "brightwave-analytics")] == ClaimStatus.LAWSUIT_FILED


def test_an_authority_ordering_a_party_to_stop_is_a_ruling(run: Run) -> None:
    text = "The Federal Trade Commission ordered Rytr to stop selling a tool that generated fake customer reviews."
    extraction = run(text)
    assert triples(extraction) == {("ftc", "rytr", "fraud_misleading")}
    assert statuses(extraction)[("ftc", "rytr")] == ClaimStatus.RULED
    text = (
        "The Federal Trade Commission on Thursday ordered Meta to stop collecting children's data without "
        "parental consent."
    )
    assert triples(run(text)) == {("ftc", "meta", "privacy")}


# --- co-plaintiffs and co-defendants ---------------------------------------------------------------
def test_co_plaintiffs_joined_by_or_along_with_the_subject_sue_too(run: Run) -> None:
    text = "The New York Times, joined by the Chicago Tribune, sued OpenAI and Microsoft for copyright infringement."
    assert triples(run(text)) == {
        (accuser, accused, "copyright")
        for accuser in ("new-york-times", "chicago-tribune")
        for accused in ("openai", "microsoft")
    }
    text = "Ziff Davis, along with the Chicago Tribune, sued OpenAI on Thursday, alleging copyright infringement."
    assert triples(run(text)) == {("ziff-davis", "openai", "copyright"), ("chicago-tribune", "openai", "copyright")}


def test_an_unnamed_crowd_along_with_the_plaintiff_is_no_party(run: Run) -> None:
    text = "Ziff Davis, along with several other publishers, sued OpenAI on Thursday, alleging copyright infringement."
    assert triples(run(text)) == {("ziff-davis", "openai", "copyright")}
    text = "The New York Times, joined by analysts at Microsoft, praised the new model."
    assert triples(run(text)) == set()


def test_a_similar_suit_naming_no_defendant_is_against_all_the_co_defendants(run: Run) -> None:
    text = (
        "The Intercept sued OpenAI and Microsoft in February, accusing them of removing copyright information "
        "from its articles. A similar suit brought by Raw Story was dismissed in November."
    )
    assert triples(run(text)) == {
        (accuser, accused, "copyright")
        for accuser in ("the-intercept", "raw-story")
        for accused in ("openai", "microsoft")
    }


# --- officials and authorities as news names them -------------------------------------------------
def test_an_official_whose_sentence_names_no_office_speaks_for_the_office_the_kb_gives(run: Run) -> None:
    text = "Pam Bondi, the attorney general, said Brightwave Analytics had defrauded investors."
    assert triples(run(text)) == {("doj", "brightwave-analytics", "fraud_misleading")}


def test_a_prosecutor_the_kb_does_not_place_in_an_office_is_no_accuser(run: Run) -> None:
    text = "Jane Morrow, a federal prosecutor, said Brightwave Analytics had defrauded investors."
    assert triples(run(text)) == set()


def test_an_authority_named_by_its_place_and_coordinated_fields(run: Run) -> None:
    text = (
        "Italy's competition and consumer protection authority opened an investigation into whether DeepSeek "
        "failed to warn users about the risk of false information."
    )
    assert triples(run(text)) == {("agcm", "deepseek", "fraud_misleading")}


def test_a_congressional_committee_is_the_committee_named_next(run: Run) -> None:
    text = (
        "A congressional committee said on Wednesday that DeepSeek had stolen American AI models through "
        "distillation. The House Select Committee on the CCP published its report on Wednesday."
    )
    assert triples(run(text)) == {("house-select-committee-ccp", "deepseek", "distillation")}
    text = "A Senate panel held a hearing on AI safety on Tuesday. Executives from OpenAI and Google testified."
    assert triples(run(text)) == set()


def test_copying_ai_models_is_distillation_and_copying_articles_is_copyright(run: Run) -> None:
    text = (
        "The House Select Committee on the CCP accused DeepSeek of funnelling Americans' personal data to China "
        "and of illegally using techniques to copy leading US AI models."
    )
    assert triples(run(text)) == {
        ("house-select-committee-ccp", "deepseek", "privacy"),
        ("house-select-committee-ccp", "deepseek", "distillation"),
    }
    text = "The Chicago Tribune accused Perplexity of copying its articles to answer users' questions."
    assert triples(run(text)) == {("chicago-tribune", "perplexity-ai", "copyright")}


def test_a_named_state_attorney_general_accuses_in_person(run: Run) -> None:
    text = (
        "On Monday, Ken Paxton, the state's Republican attorney general, opened an investigation into "
        "Character.AI, saying the company may have engaged in deceptive trade practices."
    )
    assert triples(run(text)) == {("ken-paxton", "character-ai", "fraud_misleading")}

"""News shapes of accusations: settlements, plaintiffs and defendants named in a neighbouring sentence,
co-plaintiffs and owners' names; on sentences written for these tests in the style of wire copy."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.records import ClaimStatus, Extraction

Run = Callable[..., Extraction]


def triples(extraction: Extraction) -> set[tuple[str, str, str]]:
    return {(claim.accuser.id, claim.accused.id, claim.category.value) for claim in extraction.claims}


def statuses(extraction: Extraction) -> dict[tuple[str, str], ClaimStatus]:
    return {(claim.accuser.id, claim.accused.id): claim.status for claim in extraction.claims}


# --- settlements with regulators ------------------------------------------------------------------
def test_settling_charges_by_a_regulator_makes_the_settling_party_the_accused(run: Run) -> None:
    text = (
        "Brightwave Analytics, a Chicago-based software company, agreed on Tuesday to settle charges by the "
        "Securities and Exchange Commission that it misled investors about its artificial intelligence tools."
    )
    extraction = run(text)
    assert triples(extraction) == {("sec", "brightwave-analytics", "fraud_misleading")}
    assert statuses(extraction)[("sec", "brightwave-analytics")] == ClaimStatus.SETTLED


def test_settling_a_regulators_named_charges(run: Run) -> None:
    text = (
        "Walgreens will stop using facial recognition cameras in its stores to settle Federal Trade "
        "Commission charges that the chain failed to protect shoppers' personal data."
    )
    assert triples(run(text)) == {("ftc", "walgreens", "privacy")}


def test_settling_with_an_official(run: Run) -> None:
    text = (
        "Acme Health settled with the Texas attorney general on Monday over claims that its chatbot collected "
        "patients' personal data without consent."
    )
    assert triples(run(text)) == {("texas-attorney-general", "acme-health", "privacy")}


def test_settling_a_business_dispute_with_a_company_is_no_claim(run: Run) -> None:
    text = "Acme Health settled its contract dispute with Brightwave Analytics on Monday, the companies said."
    assert triples(run(text)) == set()


# --- plaintiffs and defendants named in another sentence -----------------------------------------
def test_plaintiffs_who_speak_in_the_lawsuit_bring_the_suit_reported_without_them(run: Run) -> None:
    text = (
        "The parents of a teenager who took his own life sued OpenAI on Tuesday, alleging that ChatGPT "
        "encouraged his self-harm. Daniel Okafor and Grace Okafor say in the lawsuit that their son spent "
        "months talking to the chatbot."
    )
    assert triples(run(text)) == {("daniel-okafor", "openai", "safety"), ("grace-okafor", "openai", "safety")}


def test_the_plaintiff_in_apposition_speaks_for_an_unnamed_suit(run: Run) -> None:
    text = (
        "Otter.ai has been sued in a proposed class action that accuses the company of secretly recording "
        "private conversations. The plaintiff, Justin Brewer of Denver, says in the complaint that the "
        "software joined his calls without asking."
    )
    assert ("justin-brewer", "otter-ai", "privacy") in triples(run(text))


def test_a_suit_led_by_a_named_shareholder_and_more_defendants(run: Run) -> None:
    text = (
        "A shareholder sued Apple on Friday, accusing the company of misleading investors about its "
        "artificial intelligence features. The lawsuit, led by shareholder Eric Tucker and filed in federal "
        "court, says Apple lacked a working prototype. Tim Cook and Kevan Parekh are also named as defendants."
    )
    extraction = run(text)
    assert triples(extraction) == {
        ("eric-tucker", "apple", "fraud_misleading"),
        ("eric-tucker", "tim-cook", "fraud_misleading"),
        ("eric-tucker", "kevan-parekh", "fraud_misleading"),
    }
    assert set(statuses(extraction).values()) == {ClaimStatus.LAWSUIT_FILED}


def test_not_named_as_a_defendant_is_no_claim(run: Run) -> None:
    text = (
        "Getty Images sued Stability AI on Monday, accusing it of copying millions of photographs. "
        "Google was not named as a defendant."
    )
    assert triples(run(text)) == {("getty-images", "stability-ai", "copyright")}


# --- several parties ------------------------------------------------------------------------------
def test_an_owners_name_before_a_plaintiff_is_no_plaintiff(run: Run) -> None:
    text = "Disney and Comcast's Universal sued Midjourney on Wednesday, accusing it of copyright infringement."
    assert triples(run(text)) == {("walt-disney", "midjourney", "copyright"), ("universal", "midjourney", "copyright")}


def test_a_company_name_with_its_country_in_brackets(run: Run) -> None:
    text = (
        "The Securities and Exchange Commission on Monday announced charges against two advisers, "
        "Delphia (USA) Inc. and Global Predictions Inc., for making misleading statements about AI."
    )
    accused = {claim.accused.name for claim in run(text).claims}
    assert any(name.startswith("Delphia") for name in accused)
    assert any(name.startswith("Global Predictions") for name in accused)


def test_co_plaintiffs_who_filed_a_suit_do_not_accuse_each_other(run: Run) -> None:
    text = (
        "Disney, NBCUniversal and Warner Bros Discovery filed the suit on Tuesday in federal court, accusing "
        "MiniMax of copying their films and characters."
    )
    assert {(accuser, accused) for accuser, accused, _ in triples(run(text))} == {
        ("walt-disney", "minimax"),
        ("nbcuniversal", "minimax"),
        ("warner-bros-discovery", "minimax"),
    }


def test_a_dateline_subject_gives_way_to_the_party_in_apposition(run: Run) -> None:
    text = (
        "SAN FRANCISCO (Meridian Wire) — Claude maker Anthropic on Friday accused Alibaba of running a "
        "campaign to distil its AI models."
    )
    assert triples(run(text)) == {("anthropic", "alibaba", "distillation")}


# --- who is no party -------------------------------------------------------------------------------
def test_judges_neither_accuse_nor_are_accused(run: Run) -> None:
    text = (
        "In November, Judge Colleen McMahon threw out a similar suit brought by Raw Story and AlterNet. "
        '"The likelihood that ChatGPT would output plagiarised content seems remote," McMahon wrote.'
    )
    assert not any("colleen-mcmahon" in (accuser, accused) for accuser, accused, _ in triples(run(text)))


def test_the_accused_companys_counsel_accuses_it_of_nothing(run: Run) -> None:
    text = (
        "Getty Images sued Stability AI in London, accusing it of copyright infringement. "
        '"This ruling resolves the copyright concerns," Christian Dowell, the company\'s general counsel, '
        "said in a statement, adding that Stability AI never copied the works."
    )
    assert triples(run(text)) == {("getty-images", "stability-ai", "copyright")}


def test_an_accusation_reported_as_false_is_no_claim(run: Run) -> None:
    text = (
        "Wolf River Electric sued Google in June, saying the search engine's AI Overviews feature falsely told "
        "users that the company was being sued by Minnesota's attorney general for deceptive sales practices."
    )
    assert {(accuser, accused) for accuser, accused, _ in triples(run(text))} == {("wolf-river-electric", "google")}


def test_speech_reported_inside_an_allegation_has_no_speaker_of_its_own(run: Run) -> None:
    text = (
        "The SEC's complaint, filed in federal court in Manhattan, says Albert Saniger told investors that "
        "Nate's app used proprietary AI, and that he concealed from them that humans processed the orders."
    )
    assert not any(accuser == "albert-saniger" for accuser, _, _ in triples(run(text)))


def test_images_alone_make_no_copyright_claim(run: Run) -> None:
    text = (
        "Britain's media regulator Ofcom said on Monday it had opened an investigation into Meta over "
        "sexualised images of children that users created with its chatbot."
    )
    assert triples(run(text)) == {("ofcom", "meta", "safety")}


def test_a_report_speaks_for_the_company_that_published_it(run: Run) -> None:
    text = (
        "On Monday, Anthropic published a report saying that DeepSeek and MiniMax had run millions of "
        "exchanges with Claude through fraudulent accounts to distil its models."
    )
    assert triples(run(text)) == {("anthropic", "deepseek", "distillation"), ("anthropic", "minimax", "distillation")}


def test_an_unnamed_crowds_uncategorised_grievance_is_no_claim(run: Run) -> None:
    text = "Some investors have accused Microsoft and Amazon of building data centres far ahead of demand."
    assert triples(run(text)) == set()

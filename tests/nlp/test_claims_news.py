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


# --- round 5: parties named elsewhere in the article, documents, authorities by name ------------------
def evidence_of(extraction: Extraction) -> set[str]:
    return {claim.evidence.sentence for claim in extraction.claims}


def test_an_authority_known_by_a_name_and_a_failure_it_reports(run: Run) -> None:
    text = (
        "Brazil's data protection authority, known as ANPD, said on Tuesday that Meta's new privacy policy "
        "did not give users adequate information about the change."
    )
    assert triples(run(text)) == {("anpd", "meta", "privacy")}


def test_a_clause_hung_off_the_report_and_the_report_speaking_later(run: Run) -> None:
    text = (
        "The House Select Committee on the Chinese Communist Party said in a letter on Tuesday that Moonshot AI "
        "sends the personal data of American users to servers in Beijing. The letter said Moonshot had distilled "
        "American models to build Kimi."
    )
    assert triples(run(text)) == {
        ("house-select-committee-ccp", "moonshot-ai", "privacy"),
        ("house-select-committee-ccp", "moonshot-ai", "distillation"),
    }


def test_plaintiffs_named_after_a_group_sued_replace_the_group(run: Run) -> None:
    text = (
        "Five regional newspapers have sued Perplexity, accusing it of copying their articles without permission. "
        "The suit was brought by the Hartford Courant, the Orlando Sentinel and three other papers."
    )
    accusers = {accuser for accuser, _, _ in triples(run(text))}
    assert accusers == {"hartford-courant", "orlando-sentinel"}


def test_a_suit_naming_no_defendant_is_against_the_established_accused(run: Run) -> None:
    text = (
        "Getty Images sued Stability AI in Delaware, accusing it of copying millions of photographs without "
        "permission. Last year a judge in London threw out a similar suit brought by the photographer Maya "
        "Lindqvist."
    )
    assert ("maya-lindqvist", "stability-ai", "copyright") in triples(run(text))


def test_no_established_defendant_when_another_company_was_just_named(run: Run) -> None:
    text = (
        "The FTC sued DoNotPay in September, accusing it of deceiving consumers. Rytr has sold an AI writing "
        "assistant since 2021. According to the FTC's complaint, subscribers used the tool to write fake reviews."
    )
    extraction = run(text)
    assert triples(extraction) == {("ftc", "donotpay", "fraud_misleading")}
    assert not any("subscribers" in sentence for sentence in evidence_of(extraction))


def test_what_the_suit_says_of_its_plaintiff_is_against_its_defendant(run: Run) -> None:
    text = (
        "Dana Whitfield sued Halvard Robotics on Friday, accusing it of firing her in retaliation. The suit says "
        "Whitfield warned executives that the robots were unsafe."
    )
    assert ("dana-whitfield", "halvard-robotics", "safety") in triples(run(text))


def test_it_after_the_complaint_is_the_complaint(run: Run) -> None:
    text = (
        "Dow Jones sued Perplexity in October. The complaint says Perplexity copied paywalled articles without "
        "permission. It also makes a claim that the Times did not emphasise: that the chatbot damages the "
        "publisher's brand by making things up."
    )
    assert triples(run(text)) == {
        ("dow-jones", "perplexity-ai", "copyright"),
        ("dow-jones", "perplexity-ai", "fraud_misleading"),
    }


def test_an_alleged_failure_is_an_allegation(run: Run) -> None:
    text = (
        "The FTC sued DoNotPay in September. The complaint alleges that the company did not test whether its "
        "chatbot's output matched the work of a human lawyer."
    )
    extraction = run(text)
    assert any("did not test" in sentence for sentence in evidence_of(extraction))
    assert {(accuser, accused) for accuser, accused, _ in triples(extraction)} == {("ftc", "donotpay")}


def test_a_complaint_against_an_unnamed_scheme_continues_no_earlier_claim(run: Run) -> None:
    text = (
        "The FTC sued DoNotPay in September, accusing it of deceiving consumers. The FTC also filed a complaint "
        "against a business opportunity scheme that it alleges falsely claimed to help consumers earn money."
    )
    extraction = run(text)
    assert triples(extraction) == {("ftc", "donotpay", "fraud_misleading")}
    assert not any("scheme" in sentence for sentence in evidence_of(extraction))


def test_falsely_claiming_is_misleading_not_defamation(run: Run) -> None:
    text = "The FTC said Brightline Apps falsely claimed that its app could detect melanoma."
    assert triples(run(text)) == {("ftc", "brightline-apps", "fraud_misleading")}


def test_lawyers_and_executives_speak_for_the_party_they_represent(run: Run) -> None:
    text = (
        'OpenAI was sued by the Authors Guild in 2023. "OpenAI copied our members\' books without permission," '
        'Mary Rasenberger, chief executive of the Authors Guild, said. "Salesforce copied pirated books," the '
        "authors' lawyer, Joseph Saveri, said in a statement."
    )
    assert {accuser for accuser, _, _ in triples(run(text))} == {"authors-guild"}


# --- claims that only shadow others ------------------------------------------------------------------------
def test_a_group_standing_for_named_plaintiffs_makes_no_claim_of_its_own(run: Run) -> None:
    text = (
        "On Tuesday, Laura and Tom Pryce sued Kindred AI in Connecticut Superior Court over their son's death. "
        "The parents accuse the company of negligence and of failing to protect children."
    )
    accusers = {accuser for accuser, _, _ in triples(run(text))}
    assert accusers == {"laura-pryce", "tom-pryce"}


def test_a_sanctioned_companys_complaint_about_its_regulator_is_no_accusation(run: Run) -> None:
    text = (
        "Italy's privacy watchdog fined OpenAI 15 million euros over ChatGPT's collection of personal data. "
        "OpenAI said the Garante's approach was disproportionate and accused the regulator of undermining "
        "Italy's AI ambitions."
    )
    assert triples(run(text)) == {("garante", "openai", "privacy")}


def test_an_officials_own_office_never_accuses_the_official(run: Run) -> None:
    text = (
        "Connecticut's attorney general, William Tong, said in April that his office had opened an "
        "investigation into Kindred AI over whether it misrepresents its safety features to parents."
    )
    assert all(accused != "william-tong" for _, accused, _ in triples(run(text)))

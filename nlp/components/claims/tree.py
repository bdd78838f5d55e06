"""Small readings of the dependency parse the claim frames share (no entities, no document state)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from nlp import lexicon
from nlp.syntax import Slots, is_negated


def subtree_indices(token: Token) -> set[int]:
    """The indices of `token`'s subtree."""
    return {descendant.i for descendant in token.subtree}


def region_without(trigger: Token, without: Iterable[Token] = ()) -> set[int]:
    """The indices of `trigger`'s subtree without the subtrees of `without` (where a frame's allegation is)."""
    region = subtree_indices(trigger)
    for token in without:
        region -= subtree_indices(token)
    return region


def children(token: Token, *deps: str) -> list[Token]:
    """The children of `token` attached by one of `deps`."""
    return [child for child in token.children if child.dep_ in deps]


def prep_objects(token: Token, *words: str) -> list[Token]:
    """The objects of the prepositions (or passive agent) `words` on `token`: "by X", "against Y"."""
    objects = []
    for child in token.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in words:
            objects += [grandchild for grandchild in child.children if grandchild.dep_ in {"pobj", "pcomp"}]
    return objects


def span_of(tokens: set[int], doc: Doc) -> Span | None:
    """The span from the first to the last of `tokens`, if any."""
    if not tokens:
        return None
    return doc[min(tokens) : max(tokens) + 1]


def allegation_parts(heads: list[Token]) -> list[Token]:
    """The coordinated allegations under `heads`: each head, its conjuncts and the gerunds inside
    ("of distilling Claude, breaching its terms and stealing trade secrets" -> three parts)."""
    parts: list[Token] = []
    for head in heads:
        for token in (head, *head.conjuncts, *head.subtree):
            is_part = token.i == head.i or token.i in {conjunct.i for conjunct in head.conjuncts}
            is_part = is_part or (token.tag_ == "VBG" and token.dep_ in {"conj", "advcl", "pcomp"})
            # "alleging that it violates copyright and misleads readers": the reported clause and what is
            # coordinated with it (the parser may read "misleads readers" as a noun phrase).
            after_part = any(part.i == token.head.i and part.pos_ in {"VERB", "AUX"} for part in parts)
            is_part = is_part or (
                after_part and (token.dep_ == "conj" or (token.dep_ == "ccomp" and token.pos_ == "VERB"))
            )
            if is_part and all(part.i != token.i for part in parts):
                parts.append(token)
    return parts


def denied(clause: Token) -> bool:
    """A reported clause that denies rather than alleges: "it did not copy", "it had no interest in ...";
    an inability is an allegation ("DoNotPay could not substantiate its claims")."""
    if is_negated(clause):
        return not any(child.lower_ in lexicon.ABILITY_MODALS for child in children(clause, "aux"))
    objects = children(clause, "dobj", "attr")
    return any(det.lower_ == "no" for obj in objects for det in children(obj, "det"))


def open_question(clause: Token) -> bool:
    """A clause opened by "whether"/"if": "into whether X violated ..."."""
    return any(child.dep_ == "mark" and child.lower_ in lexicon.HYPOTHETICAL_MARKERS for child in clause.children)


def misread_complements(verb: Token) -> list[Token]:
    """A "that" clause the parser hung on a noun as a relative clause: "claiming in a federal lawsuit that
    Google uses its monopoly", "demanded in a letter that Perplexity stop scraping" (the clause has an object
    of its own besides "that", so "that" is no object)."""
    found = []
    for noun in prep_objects(verb, "in"):
        for clause in children(noun, "relcl"):
            objects = children(clause, "dobj", "xcomp", "ccomp")
            if len(objects) >= 2 and any(obj.lower_ == "that" and obj.dep_ == "dobj" for obj in objects):
                found.append(clause)
    return found


def possessed_by(noun: Token, owner: str, slots: Slots) -> bool:
    """The noun belongs to `owner` ("Suno's model", "its models" said of Suno)."""
    owners = [child for child in noun.children if child.dep_ == "poss"]
    return any(owner in slots.refers_to(child, set()) for child in owners)


def member_of(noun: Token) -> Token | None:
    """The subject of "X is one of the N ..." or "X is among the N ...", when `noun` is the N."""
    holder = noun.head
    if noun.dep_ != "pobj" or holder.lower_ not in {"of", "among"}:
        return None
    if holder.lower_ == "of":
        holder = holder.head
        if holder.lower_ != "one":
            return None
    copula = holder.head
    if copula.lemma_ != "be" or holder.dep_ not in {"attr", "prep"}:
        return None
    return next((child for child in copula.children if child.dep_ == "nsubj"), None)


def relative(clause: Token) -> bool:
    """A relative clause: "(a claim) that the Times did not emphasise", where "that" is an argument."""
    return any(
        child.lower_ in lexicon.RELATIVE_PRONOUNS and child.dep_ in {"nsubj", "nsubjpass", "dobj"}
        for child in clause.children
    )


def kind_modifiers(noun: Token, slots: Slots) -> list[Token]:
    """The words naming what a complaint is about: "a defamation and data protection complaint"."""
    return [child for child in children(noun, "compound", "amod", "nmod") if child.i not in slots.token_entity]


def falsely_reported(trigger: Token) -> bool:
    """A trigger inside what someone is said to have reported falsely ("the feature falsely told users
    that the company was being sued by the attorney general")."""
    for ancestor in trigger.ancestors:
        if ancestor.lemma_ in lexicon.SAY_VERBS and any(
            child.lower_ in lexicon.FALSE_REPORT_WORDS for child in ancestor.children
        ):
            return True
    return False


def document_clause(verb: Token) -> list[Token]:
    """The reported clause the parser hung off the document a speaker speaks in: "said in a report that
    DeepSeek ...", "alleged in a complaint filed on Monday that ..."."""
    for document in prep_objects(verb, "in"):
        if document.lemma_ not in lexicon.DOCUMENT_NOUNS | lexicon.LAWSUIT_NOUNS | lexicon.SPEECH_NOUNS:
            continue
        for token in document.subtree:
            marked = any(child.dep_ == "mark" and child.lower_ == "that" for child in token.children)
            if marked and token.pos_ in {"VERB", "AUX"} and token.i > document.i:
                return [token]
    return []

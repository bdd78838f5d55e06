"""Plaintiff groups whose members the article names.

News introduces plaintiffs as a group and names them in a list: "Two novelists, Molly Tanzer and
Jennifer Gilmore, filed ...", "three writers: the novelist Andrea Bartz and ...", "17 writers
including Martin, John Grisham and ...", "a group of authors led by the Authors Guild", "The
plaintiffs are ...". The members found for a group noun stand for every mention of a group noun
of the same family in the article ("book authors" in the lead, "the authors" later), so the claim
rules read the named plaintiffs, not a nameless group. A group nobody names stays a `Group` entity
(the linker's `_group_entity`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from claimgraph.records import EntityType
from nlp.doc_data import LinkedEntity
from nlp.lexicon import COPULAS, GROUP_FAMILIES, LIST_INTRODUCERS, LIST_WORDS, OTHER_WORDS, TWO_WORD_INTRODUCERS

# A group noun that stands for the members of whichever group the article names, when only one is.
ANY_GROUP = "plaintiffs"
MEMBER_TYPES = frozenset({EntityType.PERSON, EntityType.COMPANY, EntityType.OUTLET, EntityType.ORGANIZATION})


@dataclass(frozen=True)
class MemberList:
    """The named members a group noun introduces at token `position`; `side` for "other publishers,
    including ..." (a set apart from the group the article is about)."""

    position: int
    members: tuple[str, ...]
    side: bool


def is_side_set(noun: Token) -> bool:
    """ "other publishers, including Forbes": members set apart from the group the article is about,
    whom later references ("the publishers") do not mean."""
    return any(child.lower_ in OTHER_WORDS for child in noun.lefts)


def family(noun: str) -> str:
    """The family of a group noun: "novelists" and "authors" are both "writers"."""
    return GROUP_FAMILIES.get(noun, noun)


def _list_start(noun: Token) -> tuple[int, str] | None:
    """Where a list of members begins after the group noun, and how it is introduced
    (",", ":" or "intro" for "including", "such as", "led by", "are")."""
    doc = noun.doc
    index = noun.i + 1
    end = noun.sent.end
    separator = ""
    if index < end and doc[index].text in {",", ":"}:
        separator = doc[index].text
        index += 1
    if index >= end:
        return None
    word = doc[index].lower_
    following = doc[index + 1].lower_ if index + 1 < end else ""
    if word in LIST_INTRODUCERS:
        return index + 1, "intro"
    if (word, following) in TWO_WORD_INTRODUCERS:
        return index + 2, "intro"
    if not separator and word in COPULAS and noun.dep_ == "nsubj":
        return index + 1, "intro"
    return (index, separator) if separator else None


def listed_members(noun: Token, named: dict[int, str], entities: dict[str, LinkedEntity]) -> list[str]:
    """The named parties a group noun introduces ("Two novelists, Molly Tanzer and Jennifer Gilmore,"):
    names, determiners, lower-case role words ("the novelist"), commas and "and" only. A list after a
    comma must be closed by a comma or the sentence end ("investors, Microsoft said" is none)."""
    start = _list_start(noun)
    if start is None:
        return []
    index, separator = start
    doc = noun.doc
    end = noun.sent.end
    members: list[str] = []
    while index < end:
        token = doc[index]
        if index in named:
            entity = entities.get(named[index])
            if entity is None or entity.type not in MEMBER_TYPES:
                break
            if entity.id not in members:
                members.append(entity.id)
        elif not (
            token.lower_ in LIST_WORDS
            or token.pos_ == "DET"
            or (token.is_lower and token.pos_ in {"NOUN", "ADJ", "NUM"})
        ):
            break
        index += 1
    if separator == "," and index < end and doc[index - 1].text != "," and not doc[index].is_punct:
        return []
    return members

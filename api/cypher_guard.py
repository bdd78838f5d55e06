"""The first line of defence of `POST /cypher`: refuse, before the server sees it, any query that writes.

The query is tokenised the way Cypher reads it: comments and string literals are removed and
back-quoted names become plain identifiers, so `// CREATE` or `'DELETE'` fool nothing and
`MATCH (n:`SET`)` is not mistaken for a write. The remaining words are then checked against the
clauses that write, administer or reach outside the graph, and every procedure a `CALL` names must be
on an allow-list. The second line of defence (asking the server with `EXPLAIN`) is in
`api.cypher_runner`.

Neo4j decodes `\\uXXXX` escapes before it parses a query, anywhere in it (so `SH\\u004fW` is `SHOW`,
`// \\u000a` ends a comment and `'a\\u0027` closes a string): such escapes are refused wherever they
are, and so is any backslash outside a string literal. Deep nesting (brackets, chains of `NOT`)
overflows the server's parser stack and hangs the connection, so nesting and size are capped too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph.exceptions import InvalidQueryError, QueryRefusedError

READ_ONLY_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
    }
)
"""Procedures (lower-case) a `/cypher` query may CALL: they only describe the graph."""

WRITE_CLAUSES = frozenset({"CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH"})
ADMIN_WORDS = frozenset(
    {
        "DROP",
        "ALTER",
        "GRANT",
        "DENY",
        "REVOKE",
        "RENAME",
        "START",
        "STOP",
        "TERMINATE",
        "ENABLE",
        "SHOW",
        "DEALLOCATE",
        "REALLOCATE",
        "TRANSACTIONS",
    }
)
OUTSIDE_WORDS = frozenset({"LOAD", "USE"})
PREFIX_WORDS = frozenset({"EXPLAIN", "PROFILE", "CYPHER"})
REFUSED_NAMESPACES = frozenset({"apoc", "dbms", "gds", "genai"})
HIDDEN_LABELS = frozenset({"Subscription", "Delivery", "AlertCursor"})
"""Labels of subscribers' data: the console may not name them (the plan check also hides them)."""

MAX_QUERY_CHARS = 10_000
MAX_NESTING = 32
OPENERS, CLOSERS = "([{", ")]}"
_UNICODE_ESCAPE = re.compile(r"\\+[uU]")

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<line_comment>//[^\n]*)
  | (?P<block_comment>/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<quoted_name>`(?:[^`]|``)*`)
  | (?P<parameter>\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|`(?:[^`]|``)*`))
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
  | (?P<symbol>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    """A lexical token of a Cypher query; `kind` is word, name, parameter, string, number or symbol."""

    kind: str
    text: str
    position: int


def tokenize(query: str) -> list[Token]:
    """The tokens of `query` without whitespace and comments; string literals become one `string` token."""
    tokens: list[Token] = []
    position = 0
    while position < len(query):
        match = _TOKEN.match(query, position)
        if match is None:  # pragma: no cover - the symbol branch matches any character
            break
        kind = match.lastgroup or "symbol"
        text = match.group()
        if kind == "symbol" and text in "'\"`":
            raise InvalidQueryError(f"unterminated {_QUOTE_NAMES[text]} starting at character {position}")
        if kind == "symbol" and query.startswith("/*", position):
            raise InvalidQueryError(f"unterminated comment starting at character {position}")
        if kind not in ("space", "line_comment", "block_comment"):
            tokens.append(Token("name" if kind == "quoted_name" else kind, text, position))
        position = match.end()
    return tokens


_QUOTE_NAMES = {"'": "string literal", '"': "string literal", "`": "back-quoted name"}


def _is_keyword_position(tokens: list[Token], index: int) -> bool:
    """False for a word used as a property key, label, type, map key or parameter name."""
    previous = tokens[index - 1].text if index > 0 else ""
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
    return previous not in (".", ":") and following != ":"


def _bare(name: str) -> str:
    """A back-quoted name without its quotes: '`db`' -> 'db'."""
    return name[1:-1].replace("``", "`") if name.startswith("`") else name


def _qualified_name(tokens: list[Token], index: int) -> tuple[str, int]:
    """The dotted name starting at `index` ('db.schema.visualization') and the index after it."""
    parts = [_bare(tokens[index].text)]
    index += 1
    while index + 1 < len(tokens) and tokens[index].text == "." and tokens[index + 1].kind in ("word", "name"):
        parts.append(_bare(tokens[index + 1].text))
        index += 2
    return ".".join(parts), index


def nesting_depth(tokens: list[Token]) -> int:
    """The deepest nesting of brackets and `NOT` chains (each `NOT` in a row is one more level)."""
    depth = deepest = run = 0
    for token in tokens:
        if token.kind == "word" and token.text.upper() == "NOT":
            run += 1
        else:
            run = 0
        if token.kind == "symbol" and token.text in OPENERS:
            depth += 1
        elif token.kind == "symbol" and token.text in CLOSERS:
            depth -= 1
        deepest = max(deepest, depth + run)
    return deepest


def check_shape(query: str, *, max_chars: int = MAX_QUERY_CHARS, max_nesting: int = MAX_NESTING) -> list[Token]:
    """The tokens of `query` once its size, escapes and nesting are acceptable; QueryRefusedError otherwise."""
    if not query.strip():
        raise InvalidQueryError("the query is empty")
    if len(query) > max_chars:
        raise QueryRefusedError(f"the query is {len(query)} characters long; /cypher accepts at most {max_chars}")
    if _UNICODE_ESCAPE.search(query):
        raise QueryRefusedError(
            "unicode escapes (\\uXXXX) are not accepted in /cypher: write the character itself, "
            "or pass the text as a parameter"
        )
    tokens = tokenize(query)
    for token in tokens:
        if token.kind == "symbol" and token.text == "\\":
            raise QueryRefusedError(
                f"a backslash outside a string literal (character {token.position}) is not Cypher: remove it"
            )
    depth = nesting_depth(tokens)
    if depth > max_nesting:
        raise QueryRefusedError(
            f"the query nests {depth} levels deep (brackets, NOT chains); /cypher accepts at most {max_nesting}"
        )
    return tokens


def check_read_only(query: str, *, max_chars: int = MAX_QUERY_CHARS, max_nesting: int = MAX_NESTING) -> list[Token]:
    """Raise `QueryRefusedError` (or `InvalidQueryError`) unless `query` only reads the graph."""
    tokens = check_shape(query, max_chars=max_chars, max_nesting=max_nesting)
    for index, token in enumerate(tokens):
        if token.kind == "symbol" and token.text == ";" and index != len(tokens) - 1:
            raise QueryRefusedError("one statement per request: remove the ';' between statements")
        if token.kind == "name" and _bare(token.text).lower() in REFUSED_NAMESPACES:
            raise QueryRefusedError(f"{_bare(token.text)} is not allowed in /cypher (only read-only built-ins are)")
        if token.kind in ("word", "name") and _bare(token.text) in HIDDEN_LABELS:
            raise QueryRefusedError(f"{_bare(token.text)} holds subscribers' data, which /cypher cannot read")
        if token.kind != "word" or not _is_keyword_position(tokens, index):
            continue
        word = token.text.upper()
        if word in WRITE_CLAUSES:
            raise QueryRefusedError(f"{word} writes to the graph: /cypher runs read-only queries only")
        if word in ADMIN_WORDS:
            raise QueryRefusedError(f"{word} is an administration or schema command: /cypher runs read-only queries")
        if word in OUTSIDE_WORDS:
            raise QueryRefusedError(f"{word} reaches outside this graph: /cypher reads this database only")
        if word in PREFIX_WORDS:
            raise QueryRefusedError(f"send the query without {word}: /cypher adds what it needs itself")
        if word == "CALL":
            _check_call(tokens, index)
        if token.text.lower() in REFUSED_NAMESPACES and index + 1 < len(tokens) and tokens[index + 1].text == ".":
            name, _ = _qualified_name(tokens, index)
            if name.lower() not in READ_ONLY_PROCEDURES:
                raise QueryRefusedError(f"{name} is not allowed in /cypher (only read-only built-ins are)")
    return tokens


def _check_call(tokens: list[Token], index: int) -> None:
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is None:
        raise InvalidQueryError("CALL needs a procedure name or a subquery")
    if following.text in ("{", "("):
        return  # a subquery: its clauses are checked like the rest of the query
    if following.kind not in ("word", "name"):
        raise InvalidQueryError(f"unexpected {following.text!r} after CALL")
    name, _ = _qualified_name(tokens, index + 1)
    if name.lower() not in READ_ONLY_PROCEDURES:
        allowed = ", ".join(sorted(READ_ONLY_PROCEDURES))
        raise QueryRefusedError(f"procedure {name} is not allowed in /cypher; allowed: {allowed}")

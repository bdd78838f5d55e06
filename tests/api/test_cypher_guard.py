"""The token-level guard of /cypher, on its own (no server)."""

from __future__ import annotations

import pytest

from api.cypher_guard import check_read_only, tokenize
from claimgraph.exceptions import InvalidQueryError, QueryRefusedError

READS = [
    "MATCH (n) RETURN n LIMIT 5",
    "MATCH (n) // CREATE (m)\nRETURN count(n)",
    "MATCH (n) /* DETACH DELETE n */ RETURN n",
    "RETURN 'MERGE (x) SET x.a = 1' AS text",
    'RETURN "DROP INDEX x; DELETE" AS text',
    "RETURN 'it\\'s DELETE' AS text",
    "MATCH (n:`CREATE`) RETURN n",
    "MATCH (n) RETURN n.set, n.delete, n.remove",
    "RETURN {set: 1, create: 2, `delete`: 3} AS m",
    "MATCH ()-[r:MERGE]->() RETURN r",
    "MATCH (n) WHERE n.name = $set RETURN n",
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.schema.visualization()",
    "MATCH (n) CALL (n) { RETURN n.name AS name } RETURN name",
    "MATCH (n) RETURN n;",
]

REFUSED = [
    "CREATE (n:X) RETURN n",
    "create (n)",
    "MATCH (n) SET n.x = 1",
    "MATCH (n) Set n.x = 1",
    "MERGE (n:X {id: 1})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) detach\n  delete n",
    "MATCH (n) DELETE n",
    "MATCH (n) REMOVE n.name",
    "MATCH (n) FOREACH (x IN [1] | SET n.y = x)",
    "MATCH (n) /* harmless */ SET n.x = 1",
    "RETURN 1; MATCH (n) RETURN n",
    "CALL db.createLabel('X')",
    "CALL dbms.components()",
    "CALL dbms.security.listUsers()",
    "CALL apoc.create.node(['X'], {})",
    "RETURN apoc.text.join(['a'], ',')",
    "CALL `dbms`.`components`()",
    "CALL db.index.fulltext.drop('x')",
    "UNWIND range(1, 10) AS i CALL (i) { RETURN i AS j } IN TRANSACTIONS RETURN j",
    "MATCH (n) CALL (n) { SET n.z = 1 } RETURN count(*)",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "CREATE INDEX x FOR (n:X) ON (n.y)",
    "DROP INDEX x",
    "CREATE CONSTRAINT c FOR (n:X) REQUIRE n.id IS UNIQUE",
    "DROP CONSTRAINT c",
    "CREATE DATABASE other",
    "CREATE USER bob SET PASSWORD 'secret-secret'",
    "CREATE ROLE analyst",
    "GRANT ROLE analyst TO bob",
    "DENY READ {*} ON GRAPH * TO analyst",
    "REVOKE ROLE analyst FROM bob",
    "SHOW USERS",
    "SHOW PRIVILEGES",
    "ALTER USER neo4j SET PASSWORD 'another-secret'",
    "START DATABASE neo4j",
    "STOP DATABASE neo4j",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "USE system SHOW USERS",
    "USE other MATCH (n) RETURN n",
    "EXPLAIN MATCH (n) RETURN n",
    "PROFILE MATCH (n) RETURN n",
]


@pytest.mark.parametrize("query", READS)
def test_reads_pass(query: str) -> None:
    check_read_only(query)


@pytest.mark.parametrize("query", REFUSED)
def test_writes_and_admin_are_refused(query: str) -> None:
    with pytest.raises(QueryRefusedError):
        check_read_only(query)


@pytest.mark.parametrize("query", ["", "   ", "RETURN 'open", "MATCH (n:`open) RETURN n", "RETURN 1 /* open"])
def test_malformed_queries_are_invalid(query: str) -> None:
    with pytest.raises(InvalidQueryError):
        check_read_only(query)


def test_comments_and_strings_are_not_tokens() -> None:
    tokens = tokenize("MATCH (n) // SET\nRETURN 'DELETE' /* MERGE */")
    words = [token.text for token in tokens if token.kind == "word"]
    assert words == ["MATCH", "n", "RETURN"]
    assert [token.kind for token in tokens if token.text == "'DELETE'"] == ["string"]

from neo4j import Driver


def test_graph_answers(clean_graph: Driver) -> None:
    records, _, _ = clean_graph.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1

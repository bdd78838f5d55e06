"""Running an analyst's ad-hoc Cypher read-only, with a time limit and a row cap.

Three locks, each enough on its own for the common case and together for the rest:
1. `api.cypher_guard.check_read_only` refuses writes, admin commands, LOAD CSV, USE and
   procedures off the allow-list, from the query's tokens, before the server sees anything;
2. the server is asked first: `EXPLAIN <query>` must report query type `r` (read-only) and a
   plan with no procedure off the allow-list, no LOAD CSV and nothing on the system database;
3. the query runs in a READ access-mode transaction with the transaction timeout set, and at
   most `row_cap` rows are read back (the response says when it was cut).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, Driver, Query
from neo4j.exceptions import ClientError, DatabaseError, ServiceUnavailable, SessionExpired, TransientError

from api.cypher_guard import READ_ONLY_PROCEDURES, check_read_only
from api.serialize import to_json
from claimgraph.exceptions import InvalidQueryError, QueryRefusedError, QueryTimeoutError

logger = logging.getLogger(__name__)

REFUSED_OPERATORS = ("LoadCSV",)


@dataclass(frozen=True)
class CypherResult:
    """What a read-only query returned: column names, rows as JSON objects, whether the cap cut it."""

    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
    elapsed_ms: float


def _plan_operators(plan: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(operator type, details) of every operator in an EXPLAIN plan, depth first."""
    if not plan:
        return []
    operators = [(str(plan.get("operatorType", "")), str(plan.get("args", {}).get("Details", "")))]
    for child in plan.get("children", []):
        operators.extend(_plan_operators(child))
    return operators


def check_plan(query_type: str | None, plan: dict[str, Any] | None) -> None:
    """Refuse a query the server says is not read-only, or whose plan leaves the graph."""
    if query_type != "r":
        raise QueryRefusedError(
            f"the server classifies this query as {query_type or 'unknown'!r}, not read-only ('r'): refused"
        )
    for operator, details in _plan_operators(plan):
        name = operator.split("@", 1)[0]
        if operator.endswith("@system"):
            raise QueryRefusedError("administration commands are not allowed in /cypher")
        if name in REFUSED_OPERATORS:
            raise QueryRefusedError(f"{name} reaches outside the graph: refused")
        if name == "ProcedureCall":
            procedure = details.split("(", 1)[0].strip().lower()
            if procedure not in READ_ONLY_PROCEDURES:
                raise QueryRefusedError(f"procedure {procedure} is not allowed in /cypher")


def _server_error(error: ClientError | TransientError) -> Exception:
    code = error.code or ""
    if "TimedOut" in code or "Terminated" in code:
        return QueryTimeoutError("the query ran past the time limit and was stopped: narrow it, or add a LIMIT")
    if code.endswith("AccessMode") or "Forbidden" in code or "Security" in code:
        return QueryRefusedError(f"the server refused the query: {error.message}")
    return InvalidQueryError(f"{error.message} ({code})")


INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def check_parameters(value: Any, path: str = "parameters") -> None:
    """Refuse parameter values Neo4j cannot hold (integers beyond 64 bits), naming where they are."""
    if isinstance(value, bool):
        return
    if isinstance(value, int) and not INT64_MIN <= value <= INT64_MAX:
        raise InvalidQueryError(f"{path}: the integer {value} does not fit Neo4j's 64-bit integers")
    if isinstance(value, dict):
        for key, item in value.items():
            check_parameters(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_parameters(item, f"{path}[{index}]")


def run_read_only(
    driver: Driver,
    query: str,
    parameters: dict[str, Any] | None = None,
    *,
    database: str,
    timeout: float,
    row_cap: int,
) -> CypherResult:
    """Run `query` read-only and return at most `row_cap` rows; raise a ClaimGraphError when refused or failed."""
    check_read_only(query)
    parameters = parameters or {}
    check_parameters(parameters)
    began = time.perf_counter()
    try:
        with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
            summary = session.run(Query("EXPLAIN " + query, timeout=timeout), parameters).consume()
            check_plan(summary.query_type, summary.plan)
            with session.begin_transaction(timeout=timeout) as transaction:
                result = transaction.run(query, parameters)
                columns = list(result.keys())
                rows: list[dict[str, Any]] = []
                truncated = False
                for record in result:
                    if len(rows) == row_cap:
                        truncated = True
                        break
                    rows.append({key: to_json(value) for key, value in record.items()})
                transaction.rollback()
    except (ServiceUnavailable, SessionExpired):
        raise
    except (ClientError, TransientError) as error:
        raise _server_error(error) from error
    except DatabaseError as error:
        logger.warning("a /cypher query failed on the server: %s", error)
        raise InvalidQueryError(f"the server could not run the query: {error.message}") from error
    elapsed_ms = (time.perf_counter() - began) * 1000
    return CypherResult(columns=columns, rows=rows, truncated=truncated, elapsed_ms=elapsed_ms)

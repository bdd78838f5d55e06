"""The Neo4j side of the analyst's read-only Cypher console (`POST /cypher`, the analyst page).

The policy (what a console query may be, how many rows and bytes it may return, how many run at
once) is the API's (`api.cypher_guard`, `api.cypher_runner`); this module does the Neo4j work it
needs: plan the query with `EXPLAIN` (`queries.explain`), hand the plan to the caller's check, and
only then run the query in a READ transaction with the server-side timeout, fetching records in
pages of `fetch_size` and rolling the transaction back at the end. The plan and the run share one
session. The server's errors become ours here (`console_errors`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, Driver, Query
from neo4j.exceptions import ClientError, DatabaseError, ServiceUnavailable, SessionExpired, TransientError

from claimgraph.exceptions import InvalidQueryError, QueryRefusedError, QueryTimeoutError
from graph import queries

logger = logging.getLogger(__name__)

FETCH_SIZE = 100
"""Records fetched from the server at a time: a capped answer never pulls much more than its cap."""

PlanCheck = Callable[[str | None, dict[str, Any] | None], None]
"""Called with the server's query type ('r', 'rw', 'w', 's') and EXPLAIN plan; raises to refuse the query."""


def plan_operators(plan: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(operator type, details) of every operator in an EXPLAIN plan, depth first."""
    if not plan:
        return []
    operators = [(str(plan.get("operatorType", "")), str(plan.get("args", {}).get("Details", "")))]
    for child in plan.get("children", []):
        operators.extend(plan_operators(child))
    return operators


@dataclass(frozen=True)
class ConsoleRecords:
    """A running console query: its column names, and its records (as dicts of Neo4j values) as they come."""

    columns: list[str]
    records: Iterator[dict[str, Any]]


def _server_error(error: ClientError | TransientError) -> Exception:
    code = error.code or ""
    if "TimedOut" in code or "Terminated" in code:
        return QueryTimeoutError("the query ran past the time limit and was stopped: narrow it, or add a LIMIT")
    if code.endswith("AccessMode") or "Forbidden" in code or "Security" in code:
        return QueryRefusedError(f"the server refused the query: {error.message}")
    if "MemoryPoolOutOfMemory" in code or "OutOfMemory" in code:
        return QueryRefusedError("the query needs more memory than the server allows one query: narrow it")
    return InvalidQueryError(f"{error.message} ({code})")


@contextmanager
def console_errors() -> Iterator[None]:
    """The server's errors on a console query as ours: a timeout 504, a refusal 403, anything else 400.

    An unreachable server (`ServiceUnavailable`, `SessionExpired`) propagates as it is: the API
    answers it 503 like every other read. Other errors of the driver are not the query's fault
    and propagate too.
    """
    try:
        yield
    except (ServiceUnavailable, SessionExpired):
        raise
    except (ClientError, TransientError) as error:
        raise _server_error(error) from error
    except DatabaseError as error:
        logger.warning("a /cypher query failed on the server: %s", error)
        raise InvalidQueryError(f"the server could not run the query: {error.message}") from error


@contextmanager
def read_checked(
    driver: Driver,
    query: str,
    parameters: dict[str, Any],
    *,
    database: str | None,
    timeout: float,
    check_plan: PlanCheck,
    fetch_size: int = FETCH_SIZE,
) -> Iterator[ConsoleRecords]:
    """EXPLAIN `query`, let `check_plan` refuse it, then run it read-only: the records as they come.

    Both run in one READ-access session, each with the server-side transaction `timeout`; the
    query runs in an explicit READ transaction that is rolled back when the block ends (the
    caller may stop reading at any record). Errors come out as `console_errors` makes them,
    including those raised while the caller reads the records.
    """
    with (
        console_errors(),
        driver.session(database=database, default_access_mode=READ_ACCESS, fetch_size=fetch_size) as session,
    ):
        summary = session.run(Query(queries.explain(query), timeout=timeout), parameters).consume()
        check_plan(summary.query_type, summary.plan)
        with session.begin_transaction(timeout=timeout) as transaction:
            result = transaction.run(query, parameters)
            records = (dict(record.items()) for record in result)
            yield ConsoleRecords(columns=list(result.keys()), records=records)
            transaction.rollback()

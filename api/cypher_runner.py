"""Running an analyst's ad-hoc Cypher read-only, within limits of time, size and concurrency.

The console decides on the server's own reading of the query, not only on ours:
1. `api.cypher_guard.check_read_only` refuses, from the query's tokens, writes, admin commands,
   LOAD CSV, USE, procedures off the allow-list, unicode escapes, backslashes outside strings,
   queries too long or nested too deep, and the labels that hold subscribers' data;
2. `EXPLAIN <query>` runs first, and the plan the server made must be built only of read operators
   (`READ_OPERATORS`): `ShowSettings`, `ShowTransactions`, `TerminateTransactions`, writes and
   anything else off the list are refused, as are procedures off the allow-list, plans that scan
   every node or seek nodes by id (subscribers' nodes would be among them) and plans that name a
   hidden label;
3. the query runs in a READ transaction with the server-side transaction timeout, rows are
   fetched in small batches and the answer stops at `row_cap` rows or `max_result_bytes` of JSON
   (the Neo4j work of 2 and 3, and the server's errors made ours, is `graph.console.read_checked`);
4. at most `max_concurrent` console queries run at once (the next is refused with 429, so they
   cannot take every worker thread), and the caller gets its 504 a little after the time limit
   even when the server does not stop the query in time (some expressions never check it).
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from neo4j import Driver

from api.cypher_guard import HIDDEN_LABELS, MAX_NESTING, MAX_QUERY_CHARS, READ_ONLY_PROCEDURES, check_read_only
from api.serialize import to_json
from claimgraph.exceptions import ConsoleBusyError, InvalidQueryError, QueryRefusedError, QueryTimeoutError
from claimgraph.settings import Settings
from graph.console import plan_operators, read_checked

logger = logging.getLogger(__name__)

READ_OPERATORS = frozenset(
    {
        # where rows start
        "Argument",
        "EmptyRow",
        "NodeByLabelScan",
        "UnionNodeByLabelsScan",
        "IntersectionNodeByLabelsScan",
        "SubtractionNodeByLabelsScan",
        "NodeIndexSeek",
        "NodeUniqueIndexSeek",
        "MultiNodeIndexSeek",
        "AssertingMultiNodeIndexSeek",
        "NodeIndexSeekByRange",
        "NodeUniqueIndexSeekByRange",
        "NodeIndexScan",
        "NodeIndexContainsScan",
        "NodeIndexEndsWithScan",
        "NodeCountFromCountStore",
        "RelationshipCountFromCountStore",
        "DirectedRelationshipTypeScan",
        "UndirectedRelationshipTypeScan",
        "DirectedUnionRelationshipTypesScan",
        "UndirectedUnionRelationshipTypesScan",
        "DirectedAllRelationshipsScan",
        "UndirectedAllRelationshipsScan",
        "DirectedRelationshipByIdSeek",
        "UndirectedRelationshipByIdSeek",
        "DirectedRelationshipByElementIdSeek",
        "UndirectedRelationshipByElementIdSeek",
        "DirectedRelationshipIndexSeek",
        "UndirectedRelationshipIndexSeek",
        "DirectedRelationshipIndexSeekByRange",
        "UndirectedRelationshipIndexSeekByRange",
        "DirectedRelationshipIndexScan",
        "UndirectedRelationshipIndexScan",
        "DirectedRelationshipIndexContainsScan",
        "UndirectedRelationshipIndexContainsScan",
        "DirectedRelationshipIndexEndsWithScan",
        "UndirectedRelationshipIndexEndsWithScan",
        "ProcedureCall",
        # traversals (subscribers' nodes have no relationships: nothing reaches them)
        "Expand",
        "OptionalExpand",
        "VarLengthExpand",
        "ShortestPath",
        "StatefulShortestPath",
        "ProjectEndpoints",
        "Repeat",
        "Trail",
        "NullifyMetadata",
        "TriadicSelection",
        "TriadicBuild",
        "TriadicFilter",
        # rows in, rows out
        "ProduceResults",
        "Projection",
        "Filter",
        "Limit",
        "ExhaustiveLimit",
        "Skip",
        "Sort",
        "PartialSort",
        "Top",
        "PartialTop",
        "Distinct",
        "OrderedDistinct",
        "Aggregation",
        "OrderedAggregation",
        "EagerAggregation",
        "Eager",
        "CacheProperties",
        "Unwind",
        "Optional",
        "Anti",
        "Union",
        "OrderedUnion",
        "CartesianProduct",
        "NodeHashJoin",
        "ValueHashJoin",
        "NodeLeftOuterHashJoin",
        "NodeRightOuterHashJoin",
        "Apply",
        "SemiApply",
        "AntiSemiApply",
        "LetSemiApply",
        "LetAntiSemiApply",
        "SelectOrSemiApply",
        "SelectOrAntiSemiApply",
        "LetSelectOrSemiApply",
        "LetSelectOrAntiSemiApply",
        "RollUpApply",
        "ConditionalApply",
        "AntiConditionalApply",
        "AssertSameNode",
        "AssertSameRelationship",
    }
)
"""Plan operators a /cypher query may use (names without their `(All)`/`@db` suffixes)."""

UNLABELLED_NODE_SOURCES = frozenset({"AllNodesScan", "NodeByIdSeek", "NodeByElementIdSeek"})
_HIDDEN_LABEL = re.compile(r"\b(?:" + "|".join(sorted(HIDDEN_LABELS)) + r")\b")
CLIENT_GRACE = 2.0
"""Seconds past the time limit before the caller is answered 504 without the server's word."""


@dataclass(frozen=True)
class CypherLimits:
    """How much one /cypher query may ask of the server and of the API."""

    timeout: float = 10.0
    row_cap: int = 1000
    max_result_bytes: int = 5_000_000
    max_query_chars: int = MAX_QUERY_CHARS
    max_nesting: int = MAX_NESTING

    @classmethod
    def from_settings(cls, settings: Settings) -> CypherLimits:
        return cls(
            timeout=settings.cypher_timeout,
            row_cap=settings.cypher_row_cap,
            max_result_bytes=settings.cypher_max_result_bytes,
            max_query_chars=settings.cypher_max_query_chars,
            max_nesting=settings.cypher_max_nesting,
        )


@dataclass(frozen=True)
class CypherResult:
    """What a read-only query returned: column names, rows as JSON objects, whether a cap cut it."""

    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
    elapsed_ms: float
    truncated_by: str | None = None


def _base_name(operator: str) -> str:
    """'VarLengthExpand(Pruning,BFS)@neo4j' -> 'VarLengthExpand'."""
    return operator.split("@", 1)[0].split("(", 1)[0]


def check_plan(query_type: str | None, plan: dict[str, Any] | None) -> None:
    """Refuse a query the server says is not read-only, or whose plan uses anything but read operators."""
    if query_type != "r":
        raise QueryRefusedError(
            f"the server classifies this query as {query_type or 'unknown'!r}, not read-only ('r'): refused"
        )
    for operator, details in plan_operators(plan):
        name = _base_name(operator)
        if operator.endswith("@system"):
            raise QueryRefusedError("administration commands are not allowed in /cypher")
        if name == "LoadCSV":
            raise QueryRefusedError("LoadCSV reaches outside the graph: refused")
        if name in UNLABELLED_NODE_SOURCES:
            raise QueryRefusedError(
                f"the query reads nodes of every kind ({name}); start from a label, e.g. MATCH (n:Entity), "
                "or from a relationship type: /cypher does not read nodes that hold subscribers' data"
            )
        if name not in READ_OPERATORS:
            raise QueryRefusedError(f"the server would run this query with {name}, which /cypher does not allow")
        if _HIDDEN_LABEL.search(details):
            raise QueryRefusedError("the query reaches nodes that hold subscribers' data, which /cypher cannot read")
        if name == "ProcedureCall":
            procedure = details.split("(", 1)[0].strip().lower()
            if procedure not in READ_ONLY_PROCEDURES:
                raise QueryRefusedError(f"procedure {procedure} is not allowed in /cypher")


INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def check_parameters(value: Any, path: str = "parameters", depth: int = 0) -> None:
    """Refuse parameter values Neo4j cannot hold (integers beyond 64 bits, deep nesting), naming where."""
    if depth > MAX_NESTING:
        raise InvalidQueryError(f"{path}: parameters nest more than {MAX_NESTING} levels deep")
    if isinstance(value, bool):
        return
    if isinstance(value, int) and not INT64_MIN <= value <= INT64_MAX:
        raise InvalidQueryError(f"{path}: the integer {value} does not fit Neo4j's 64-bit integers")
    if isinstance(value, dict):
        for key, item in value.items():
            check_parameters(item, f"{path}.{key}", depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_parameters(item, f"{path}[{index}]", depth + 1)


def run_read_only(
    driver: Driver,
    query: str,
    parameters: dict[str, Any] | None = None,
    *,
    database: str,
    limits: CypherLimits,
) -> CypherResult:
    """Run `query` read-only within `limits`; raise a ClaimGraphError when refused or failed."""
    check_read_only(query, max_chars=limits.max_query_chars, max_nesting=limits.max_nesting)
    parameters = parameters or {}
    check_parameters(parameters)
    began = time.perf_counter()
    with read_checked(
        driver, query, parameters, database=database, timeout=limits.timeout, check_plan=check_plan
    ) as answer:
        columns = answer.columns
        rows: list[dict[str, Any]] = []
        size = 0
        truncated_by: str | None = None
        for record in answer.records:
            if len(rows) == limits.row_cap:
                truncated_by = "rows"
                break
            row = {key: to_json(value) for key, value in record.items()}
            size += len(json.dumps(row, default=str))
            if size > limits.max_result_bytes:
                truncated_by = "bytes"
                break
            rows.append(row)
    elapsed_ms = (time.perf_counter() - began) * 1000
    return CypherResult(
        columns=columns, rows=rows, truncated=truncated_by is not None, elapsed_ms=elapsed_ms, truncated_by=truncated_by
    )


class CypherConsole:
    """The API's console: limits from settings, and at most `max_concurrent` queries running at once.

    A query that outlives its time limit plus `CLIENT_GRACE` is answered 504 while it keeps its
    slot until the server lets it go, so slow queries cannot pile up on the server.
    """

    def __init__(self, limits: CypherLimits, *, max_concurrent: int) -> None:
        self.limits = limits
        self.max_concurrent = max_concurrent
        self._slots = threading.BoundedSemaphore(max_concurrent)
        self._pool = ThreadPoolExecutor(max_workers=max_concurrent, thread_name_prefix="cypher")

    @classmethod
    def from_settings(cls, settings: Settings) -> CypherConsole:
        return cls(CypherLimits.from_settings(settings), max_concurrent=settings.cypher_max_concurrent)

    def run(
        self, driver: Driver, query: str, parameters: dict[str, Any] | None = None, *, database: str
    ) -> CypherResult:
        """Run one query (see `run_read_only`), or raise ConsoleBusyError when every slot is taken."""
        if not self._slots.acquire(blocking=False):
            raise ConsoleBusyError(
                f"{self.max_concurrent} console queries are already running on this server: try again in a moment"
            )
        try:
            future = self._pool.submit(run_read_only, driver, query, parameters, database=database, limits=self.limits)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda _: self._slots.release())
        try:
            return future.result(timeout=self.limits.timeout + CLIENT_GRACE)
        except FutureTimeout as error:
            logger.warning("a /cypher query outlived its time limit; it keeps its slot until the server ends it")
            raise QueryTimeoutError(
                "the query ran past the time limit and was stopped: narrow it, or add a LIMIT"
            ) from error

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

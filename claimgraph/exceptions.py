"""ClaimGraph's exceptions: one root class, specific subclasses, messages a user can act on."""

from __future__ import annotations


class ClaimGraphError(Exception):
    """Root of every error ClaimGraph raises on purpose. The CLI prints its message, no traceback."""


class ConfigError(ClaimGraphError):
    """A setting, the config file or the sources file is wrong."""


class InputError(ClaimGraphError):
    """Input data (a JSONL line, a record) is malformed."""


class Neo4jServerError(ClaimGraphError):
    """The managed local Neo4j server could not be installed, started or stopped."""


class GraphUnavailableError(ClaimGraphError):
    """Neo4j cannot be reached or refused our credentials."""


class GraphWriteError(ClaimGraphError):
    """A write to the graph failed (after retries)."""


class QueryRefusedError(ClaimGraphError):
    """A user's Cypher query was refused (it writes, or reaches outside the graph)."""


class InvalidQueryError(ClaimGraphError):
    """A user's Cypher query is not valid Cypher (syntax error, unknown function, bad parameter)."""


class ConsoleBusyError(ClaimGraphError):
    """Every slot of the Cypher console is taken by running queries: try again shortly."""


class QueryTimeoutError(ClaimGraphError):
    """A user's Cypher query ran longer than the allowed time and was stopped."""


class CrawlError(ClaimGraphError):
    """The crawl could not run at all (one bad page is never this: it is reported and skipped)."""


class ExtractionError(ClaimGraphError):
    """The NLP pipeline could not be built or run."""


class AlertError(ClaimGraphError):
    """A subscription or a delivery is invalid."""


class QueueUnavailableError(ClaimGraphError):
    """Redis (the queues between stages) cannot be reached or is not configured."""

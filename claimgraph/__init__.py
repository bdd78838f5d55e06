"""ClaimGraph: follow disputes in the AI industry through the news.

This shell package holds what the stages share (records, settings, exceptions), the CLI and the
pipeline that chains the stages. The stage packages (crawler, nlp, graph, api) import only
`claimgraph.records`, `claimgraph.settings`, `claimgraph.exceptions` and `claimgraph.jsonl`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("claimgraph")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

"""ClaimGraph's core: what the stages share.

The records that cross stage boundaries, settings, exceptions, JSONL, where the graph is (and the
managed local Neo4j), and the stage driver. The stage packages (crawler, nlp, graph, api) import
this core; it imports no stage and nothing of the application shell (`claimgraph_app`: the CLI,
the pipeline, the demo, the stream workers), as tests/test_architecture.py checks.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("claimgraph")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

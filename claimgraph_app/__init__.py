"""ClaimGraph's application shell: the `claimgraph` command, the pipeline, the demo and the stream workers.

It chains the stages (crawler, nlp, graph, api) and is the only package that imports them all.
Nothing imports it: the stages import the core package `claimgraph` (records, settings,
exceptions, ...), which imports no stage and nothing of this shell (tests/test_architecture.py).
"""

"""`python -m claimgraph` is the `claimgraph` command."""

from claimgraph.cli import main

main()

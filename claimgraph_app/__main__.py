"""`python -m claimgraph_app` is the `claimgraph` command."""

from claimgraph_app.cli import main

main()

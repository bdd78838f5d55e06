"""ClaimGraph's web pages for journalists and analysts: server-rendered HTML over the graph reads."""

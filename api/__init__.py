"""ClaimGraph's HTTP API: timelines and claims for journalists, graph queries for analysts, alerts for subscribers."""

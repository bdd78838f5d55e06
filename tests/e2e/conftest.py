"""End-to-end fixtures (defined in e2e_support so the tests can import its helpers too)."""

from e2e_support import api_server, demo_site, receiver

__all__ = ["api_server", "demo_site", "receiver"]

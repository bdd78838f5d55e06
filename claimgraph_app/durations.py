"""Durations written the way people write them: '90', '30s', '15m', '2h', '1d'."""

from __future__ import annotations

import re

from claimgraph.exceptions import ConfigError

UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """Seconds in `text`; a ConfigError saying what is accepted otherwise."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not match or float(match.group(1)) <= 0:
        raise ConfigError(f"not a duration: {text!r} (write e.g. 90, 30s, 15m, 2h or 1d)")
    return float(match.group(1)) * UNITS[match.group(2)]

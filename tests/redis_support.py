"""A real Debian `redis-server` on a free loopback port, for the tests and the worker benchmark."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

from claimgraph.ports import free_port

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
MISSING = "redis-server is not installed: run `bash scripts/install-redis.sh` (or `make setup`)"


def redis_available() -> bool:
    return Path(REDIS_SERVER).exists()


@contextmanager
def redis_server(directory: Path) -> Iterator[str]:
    """Start redis-server bound to 127.0.0.1 on a free port (no persistence), yield its URL, stop it."""
    port = free_port()
    directory.mkdir(parents=True, exist_ok=True)
    options = {"port": str(port), "bind": "127.0.0.1", "save": "", "appendonly": "no", "dir": str(directory),
               "logfile": str(directory / "redis.log")}  # fmt: skip
    process = subprocess.Popen(
        [REDIS_SERVER, *(part for name, value in options.items() for part in (f"--{name}", value))],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start; see {directory / 'redis.log'}") from None
                time.sleep(0.05)
        yield url
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=20)

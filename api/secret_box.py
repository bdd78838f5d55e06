"""Sealing subscribers' webhook secrets with the server's key, so the graph never holds them in clear.

The key is `alerts_secret_key` (a Fernet key: 32 url-safe base64-encoded bytes) or, when unset, one
generated once and kept in `<data_dir>/alerts/secret.key` (mode 0600). Every process that creates
subscriptions or delivers webhooks must use the same key (the compose file's API and worker share
the data directory). API keys are kept only as SHA-256 hashes, to say which key owns a subscription.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from claimgraph.exceptions import AlertError, ConfigError
from claimgraph.settings import Settings

logger = logging.getLogger(__name__)


def key_file(settings: Settings) -> Path:
    return settings.data_dir / "alerts" / "secret.key"


def _load_or_create(path: Path) -> bytes:
    """The key in `path`, created once: written whole to a private file, then linked into place, so
    two processes starting together (the API and the worker) end up with the same key."""
    if path.exists():
        return path.read_bytes().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(Fernet.generate_key() + b"\n")
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.link(draft, path)
        logger.info("generated the key that seals webhook secrets: %s", path)
    except FileExistsError:
        pass  # another process made it first: use theirs
    finally:
        draft.unlink()
    return path.read_bytes().strip()


class SecretBox:
    """Seals and opens short secrets with the server's key."""

    def __init__(self, key: bytes | str) -> None:
        try:
            self._fernet = Fernet(key)
        except (ValueError, TypeError) as error:
            raise ConfigError(
                "alerts_secret_key must be a Fernet key (32 url-safe base64 bytes, e.g. the output of "
                "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`)"
            ) from error

    @classmethod
    def from_settings(cls, settings: Settings) -> SecretBox:
        return cls(settings.alerts_secret_key or _load_or_create(key_file(settings)))

    def seal(self, secret: str) -> str:
        return self._fernet.encrypt(secret.encode("utf-8")).decode("ascii")

    def open(self, sealed: str) -> str:
        try:
            return self._fernet.decrypt(sealed.encode("ascii")).decode("utf-8")
        except (InvalidToken, ValueError) as error:
            raise AlertError(
                "the webhook secret cannot be opened with this server's key: alerts_secret_key (or "
                "<data_dir>/alerts/secret.key) differs from the one that sealed it"
            ) from error


def owner_of(api_key: str) -> str:
    """What a subscription keeps of the API key that created it: the key's SHA-256, never the key."""
    return hashlib.sha256(api_key.encode("utf-8")).hexdigest()

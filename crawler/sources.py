"""The sources file (`sources.yaml`): which outlets to crawl, through which feeds and sitemaps.

A `{base_url}` placeholder in a URL (and `{base_host}` in `domain`) is filled from the base URL
given to the loader, so one file can point at a server whose port is only known at run time (the
demo site). A wrong file is refused with a `ConfigError` that names the source and the field.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from claimgraph.exceptions import ConfigError
from claimgraph.records import Source

BASE_URL_PLACEHOLDER = "{base_url}"
BASE_HOST_PLACEHOLDER = "{base_host}"


def _check_http_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{url!r} is not an absolute http(s) URL")
    return url


HttpUrl = Annotated[str, AfterValidator(_check_http_url)]


def _check_patterns(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise ValueError(f"{pattern!r} is not a valid regular expression ({error})") from error
    return patterns


class SourceConfig(BaseModel):
    """One outlet of the sources file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="Short stable id, e.g. 'reuters-tech'.")]
    name: Annotated[str, Field(min_length=1)]
    domain: Annotated[str, Field(min_length=1, description="The outlet's web domain (host), e.g. 'reuters.com'.")]
    feeds: list[HttpUrl] = Field(default_factory=list, description="RSS/RDF/Atom feed URLs.")
    sitemaps: list[HttpUrl] = Field(default_factory=list, description="Sitemap, sitemap index or news sitemap URLs.")
    allow: list[str] = Field(default_factory=list, description="Regexes; when given, an article URL must match one.")
    deny: list[str] = Field(default_factory=list, description="Regexes; an article URL matching one is not crawled.")
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = "en"
    recrawl_minutes: Annotated[int | None, Field(ge=1)] = Field(
        default=None, description="Crawl this source again only after this many minutes (default: every crawl)."
    )
    founded: date | None = Field(
        default=None,
        description="The day the site started publishing: an earlier publication date is refused (default 1995-01-01).",
    )

    @field_validator("allow", "deny")
    @classmethod
    def _regexes(cls, patterns: list[str]) -> list[str]:
        return _check_patterns(patterns)

    @model_validator(mode="after")
    def _has_entry_point(self) -> SourceConfig:
        if not self.feeds and not self.sitemaps:
            raise ValueError("a source needs at least one URL in 'feeds' or 'sitemaps'")
        return self

    def record(self) -> Source:
        """The source as the records know it."""
        return Source(id=self.id, name=self.name, domain=self.domain)

    def admits(self, url: str) -> bool:
        """Whether an article URL belongs to this source under its allow/deny patterns."""
        if any(re.search(pattern, url) for pattern in self.deny):
            return False
        return not self.allow or any(re.search(pattern, url) for pattern in self.allow)


class SourcesFile(BaseModel):
    """The whole sources file: a top-level `sources:` list with unique ids."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: Annotated[list[SourceConfig], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_ids(self) -> SourcesFile:
        seen: set[str] = set()
        for source in self.sources:
            if source.id in seen:
                raise ValueError(f"source id {source.id!r} is used twice")
            seen.add(source.id)
        return self


def _fill_placeholders(value: Any, base_url: str | None, where: str, field: str) -> Any:
    if isinstance(value, list):
        return [_fill_placeholders(item, base_url, where, f"{field}[{index}]") for index, item in enumerate(value)]
    if not isinstance(value, str) or "{base_" not in value:
        return value
    if base_url is None:
        raise ConfigError(
            f"{where}, field '{field}' uses a {{base_url}} placeholder but no base URL was given "
            "(pass --base-url http://HOST:PORT)"
        )
    base = base_url.rstrip("/")
    return value.replace(BASE_URL_PLACEHOLDER, base).replace(BASE_HOST_PLACEHOLDER, urlsplit(base).netloc)


def _describe(error: ValidationError, raw_sources: list[Any], path: Path) -> str:
    messages = []
    for item in error.errors()[:5]:
        location = list(item["loc"])
        prefix = str(path)
        if len(location) >= 2 and location[0] == "sources" and isinstance(location[1], int):
            index = location[1]
            raw = raw_sources[index] if index < len(raw_sources) else None
            source_id = raw.get("id") if isinstance(raw, dict) else None
            prefix += f": source {source_id!r}" if source_id else f": source #{index + 1}"
            location = location[2:]
        field = ".".join(str(part) for part in location)
        messages.append(f"{prefix}, field '{field}': {item['msg']}" if field else f"{prefix}: {item['msg']}")
    return "; ".join(messages)


def parse_sources(data: Any, path: Path, base_url: str | None = None) -> list[SourceConfig]:
    """Validate already-loaded YAML data as a sources file (see `load_sources`)."""
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise ConfigError(f"{path}: expected a top-level 'sources:' list")
    raw_sources: list[Any] = data["sources"]
    filled = []
    for index, raw in enumerate(raw_sources):
        if isinstance(raw, dict):
            name = raw.get("id") or f"#{index + 1}"
            raw = {
                key: _fill_placeholders(value, base_url, f"{path}: source {name!r}", key)
                if key in ("feeds", "sitemaps", "domain")
                else value
                for key, value in raw.items()
            }
        filled.append(raw)
    try:
        return SourcesFile.model_validate({**data, "sources": filled}).sources
    except ValidationError as error:
        raise ConfigError(_describe(error, raw_sources, path)) from error


def load_sources(path: Path, base_url: str | None = None) -> list[SourceConfig]:
    """Read and validate a sources file; `base_url` fills `{base_url}` / `{base_host}` placeholders."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ConfigError(f"sources file not found: {path} (set sources_file or pass --sources)") from error
    except OSError as error:
        raise ConfigError(f"cannot read sources file {path}: {error.strerror}") from error
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ConfigError(f"{path} is not valid YAML: {error}") from error
    return parse_sources(data, path, base_url)

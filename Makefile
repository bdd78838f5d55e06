# ClaimGraph: `make demo` sets everything up and runs the main job; `make test` runs the tests.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
NEO4J_VERSION ?= 5.26.30
CACHE_DIR ?= $(if $(CLAIMGRAPH_CACHE_DIR),$(CLAIMGRAPH_CACHE_DIR),$(if $(XDG_CACHE_HOME),$(XDG_CACHE_HOME),$(HOME)/.cache)/claimgraph)
NEO4J_HOME := $(CACHE_DIR)/neo4j-$(NEO4J_VERSION)
STAMP := $(VENV)/.installed

.PHONY: setup venv neo4j-jars web browser redis test demo bench train lint clean help

help:
	@echo "make demo   - set everything up and run ClaimGraph on the demo news site"
	@echo "make test   - set everything up and run the test suite against a real Neo4j"
	@echo "make setup  - virtualenv, project and extras, spaCy model, Neo4j server jars, Chromium, redis-server"
	@echo "make bench  - run the benchmarks in benchmarks/"
	@echo "make train  - retrain the claim model (nlp/models/claim_model/) from the annotated corpus"
	@echo "make lint   - ruff"

setup: venv neo4j-jars web browser redis

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[model,dev]'
	touch $(STAMP)

# The real Neo4j Community server, assembled from Maven Central into a cache outside the repo.
neo4j-jars: $(NEO4J_HOME)/lib/.complete

$(NEO4J_HOME)/lib/.complete: scripts/neo4j/pom.xml
	mkdir -p $(NEO4J_HOME)/lib
	mvn -B -q -f scripts/neo4j/pom.xml -Dneo4j.version=$(NEO4J_VERSION) dependency:copy-dependencies \
	    -DoutputDirectory=$(NEO4J_HOME)/lib -DincludeScope=runtime
	touch $@

# The web pages' libraries: pinned in web/package-lock.json, copied into api/web/static/vendor/.
web: api/web/static/vendor/manifest.json

api/web/static/vendor/manifest.json: web/package.json web/package-lock.json web/build.mjs
	cd web && npm ci --no-audit --no-fund && node build.mjs

# Debian's Chromium for the browser tests (tests/web/); says what to do when it cannot install.
browser:
	bash scripts/install-chromium.sh

# Debian's redis-server for the scale-out tests (tests/workers/); says what to do when it cannot install.
redis:
	bash scripts/install-redis.sh

test: setup
	$(BIN)/ruff check .
	$(BIN)/pytest -q

demo: setup
	$(BIN)/claimgraph demo

bench: setup
	@for bench in benchmarks/bench_*.py; do echo "== $$bench"; $(BIN)/python $$bench || exit 1; done

# The claim model's weights are the project's own artefact: rebuilt from eval/ by spacy train.
train: venv
	$(BIN)/python -m nlp.training.train_claim_model

lint: venv
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info

# ClaimGraph: the API and the pipeline worker. Neo4j runs in its own container (docker-compose.yml).

# The web pages' and Swagger UI's libraries, pinned by web/package-lock.json (as `make web` does).
FROM node:20-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json web/.npmrc web/build.mjs ./
RUN npm ci --no-audit --no-fund && node build.mjs

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    CLAIMGRAPH_DATA_DIR=/data

RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY claimgraph ./claimgraph
COPY claimgraph_app ./claimgraph_app
COPY crawler ./crawler
COPY nlp ./nlp
COPY graph ./graph
COPY api ./api
COPY --from=web /src/api/web/static/vendor ./api/web/static/vendor
COPY sources.yaml ./
RUN pip install '.[model]' \
    && useradd --create-home --uid 10001 claimgraph \
    && mkdir -p /data && chown claimgraph /data

USER claimgraph
VOLUME ["/data"]
EXPOSE 8000
ENTRYPOINT ["claimgraph"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]

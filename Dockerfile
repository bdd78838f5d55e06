# ClaimGraph: the API and the pipeline worker. Neo4j runs in its own container (docker-compose.yml).
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
COPY crawler ./crawler
COPY nlp ./nlp
COPY graph ./graph
COPY api ./api
COPY sources.yaml ./
RUN pip install '.[model]' \
    && useradd --create-home --uid 10001 claimgraph \
    && mkdir -p /data && chown claimgraph /data

USER claimgraph
VOLUME ["/data"]
EXPOSE 8000
ENTRYPOINT ["claimgraph"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]

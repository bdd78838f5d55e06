"""The graph stage: Extraction records into Neo4j, and the reads and analytics served from it."""

#!/usr/bin/env bash
# Installs Debian's redis-server for the scale-out tests (tests/workers/) and local workers, once.
# Idempotent.
#
# Redis is only needed when CLAIMGRAPH_REDIS_URL is set; the tests start their own server on a free
# loopback port (Debian's package also starts a system service on port 6379, which the project never
# uses). When it cannot be installed, this says what to do and exits 0 so the rest of `make setup`
# still runs; the Redis tests then skip, naming this script as the reason.
exec bash "$(dirname "$0")/install-debian-package.sh" redis-server /usr/bin/redis-server 3 "the Redis tests"

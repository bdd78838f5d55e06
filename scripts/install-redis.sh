#!/usr/bin/env bash
# Installs Debian's redis-server for the scale-out tests (tests/workers/) and local workers, once.
# Idempotent.
#
# Redis is only needed when CLAIMGRAPH_REDIS_URL is set; the tests start their own server on a
# free loopback port. When it cannot be installed, this script says what to do and exits 0 so the
# rest of `make setup` still runs; the Redis tests then skip, naming this script as the reason.
set -uo pipefail

REDIS=/usr/bin/redis-server

if [ -x "$REDIS" ]; then
    echo "redis-server: $("$REDIS" --version 2>/dev/null | cut -d' ' -f3 || echo present) at $REDIS"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "redis-server: not installed, and installing it needs root." >&2
        echo "redis-server: run 'sudo apt-get install -y redis-server' (Debian/Ubuntu) for the Redis tests;" >&2
        echo "redis-server: until then they are skipped." >&2
        exit 0
    fi
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "redis-server: apt-get is not available on this machine." >&2
    echo "redis-server: install Redis 6.2 or newer so that $REDIS exists; until then the Redis tests are skipped." >&2
    exit 0
fi

echo "redis-server: installing Debian's redis-server package"
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server; }; then
    echo "redis-server: apt-get could not install redis-server (see above)." >&2
    echo "redis-server: install it by hand so that $REDIS exists; until then the Redis tests are skipped." >&2
    exit 0
fi
# Debian's package starts a system service on port 6379; the project never uses it.
echo "redis-server: $("$REDIS" --version 2>/dev/null | cut -d' ' -f3 || echo installed) at $REDIS"

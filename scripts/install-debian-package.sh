#!/usr/bin/env bash
# Installs one Debian package that `make setup` needs for some tests, once. Idempotent.
#
# usage: install-debian-package.sh PACKAGE BINARY VERSION_FIELD WHAT
#   PACKAGE        the Debian package (chromium, redis-server)
#   BINARY         the program it must leave behind (/usr/bin/chromium)
#   VERSION_FIELD  which space-separated field of `BINARY --version` to print (0: the whole line)
#   WHAT           the tests that need it ("the browser tests"), named in the messages
#
# When the package cannot be installed (no root, no apt-get, apt-get failing), this says what to do and
# exits 0 so the rest of `make setup` still runs; the tests that need it then skip, naming the caller.
set -uo pipefail

PACKAGE=$1
BINARY=$2
FIELD=$3
WHAT=$4

version() {
    if [ "$FIELD" = 0 ]; then "$BINARY" --version 2>/dev/null; else "$BINARY" --version 2>/dev/null | cut -d' ' -f"$FIELD"; fi
}

if [ -x "$BINARY" ]; then
    echo "$PACKAGE: $(version || echo present) at $BINARY"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "$PACKAGE: not installed, and installing it needs root." >&2
        echo "$PACKAGE: run 'sudo apt-get install -y $PACKAGE' (Debian/Ubuntu) for $WHAT;" >&2
        echo "$PACKAGE: until then they are skipped." >&2
        exit 0
    fi
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "$PACKAGE: apt-get is not available on this machine." >&2
    echo "$PACKAGE: install it with your package manager so that $BINARY exists; until then $WHAT are skipped." >&2
    exit 0
fi

echo "$PACKAGE: installing Debian's $PACKAGE package"
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$PACKAGE"; }; then
    echo "$PACKAGE: apt-get could not install $PACKAGE (see above)." >&2
    echo "$PACKAGE: install it by hand so that $BINARY exists; until then $WHAT are skipped." >&2
    exit 0
fi
echo "$PACKAGE: $(version || echo installed) at $BINARY"

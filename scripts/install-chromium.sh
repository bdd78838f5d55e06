#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/web/), once. Idempotent.
#
# Playwright drives this browser through executable_path=/usr/bin/chromium; its own
# `playwright install` downloads builds from hosts a newsroom or CI machine may not reach.
# When the browser cannot be installed, this script says what to do and exits 0 so the rest
# of `make setup` still runs; the browser tests then skip, naming this script as the reason.
set -uo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo present) at $CHROMIUM"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "chromium: not installed, and installing it needs root." >&2
        echo "chromium: run 'sudo apt-get install -y chromium' (Debian/Ubuntu) for the browser tests;" >&2
        echo "chromium: until then they are skipped." >&2
        exit 0
    fi
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "chromium: apt-get is not available on this machine." >&2
    echo "chromium: install Chromium with your package manager so that $CHROMIUM exists;" >&2
    echo "chromium: until then the browser tests are skipped." >&2
    exit 0
fi

echo "chromium: installing Debian's chromium package"
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium; }; then
    echo "chromium: apt-get could not install chromium (see above)." >&2
    echo "chromium: install it by hand so that $CHROMIUM exists; until then the browser tests are skipped." >&2
    exit 0
fi
echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo installed) at $CHROMIUM"

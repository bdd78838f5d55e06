#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/web/), once. Idempotent.
#
# Playwright drives this browser through executable_path=/usr/bin/chromium; its own
# `playwright install` downloads builds from hosts a newsroom or CI machine may not reach.
# When the browser cannot be installed, this says what to do and exits 0 so the rest of
# `make setup` still runs; the browser tests then skip, naming this script as the reason.
exec bash "$(dirname "$0")/install-debian-package.sh" chromium /usr/bin/chromium 0 "the browser tests"

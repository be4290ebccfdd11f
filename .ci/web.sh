#!/usr/bin/env bash
# Called at the end of .ci/run: the CLI cross-compiled for
# the six release platforms (not packed), and the web page tested in
# headless Chromium, which is installed when missing. The browser test's
# screenshots are kept in $MAPIBLOB_ARTIFACTS (default dist/artifacts).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cross-compile the CLI (dist/build.sh --cross)"
bash dist/build.sh --cross

echo "== Chromium for the browser test"
command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

echo "== browser test (web/)"
export MAPIBLOB_ARTIFACTS="${MAPIBLOB_ARTIFACTS:-$PWD/dist/artifacts}"
MAPIBLOB_REQUIRE_BROWSER=1 go test -count=1 -run '^TestBrowser$' -v ./web

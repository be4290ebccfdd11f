#!/usr/bin/env bash
# Release build: the mapiblob CLI for windows/amd64, windows/arm64,
# darwin/arm64, darwin/amd64, linux/amd64 and linux/arm64 (-trimpath, zone
# data embedded, version from the build info), packed as zip (Windows) or
# tar.gz with SHA256SUMS, and the offline web page.
#
#   bash dist/build.sh           → dist/release/ (archives, SHA256SUMS) and dist/web/
#   bash dist/build.sh --cross   → cross-compile the six binaries only (CI): no packing, no page
set -euo pipefail
cd "$(dirname "$0")/.."
exec go run ./dist/build "$@"

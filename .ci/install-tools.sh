#!/usr/bin/env bash
# Installs the RFC 5545 engines the differential tests compare with
# (recurrence/engines_test.go): ical.js, pinned in tools/icaljs, and
# Debian's libical-dev with a C compiler and pkg-config; and the PST readers
# that read back what item/pst writes (item/pst/engines_test.go): libpst's
# readpst (pst-utils) and libpff (pff-tools, python3-pypff). .ci/run calls it
# and then runs the tests with MAPIBLOB_REQUIRE_ENGINES=1, so that a missing
# engine fails the run instead of skipping.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "install-tools: node and npm are needed for ical.js" >&2
  exit 1
fi
npm ci --prefix tools/icaljs --no-audit --no-fund

if ! pkg-config --exists libical 2>/dev/null || ! command -v cc >/dev/null ||
  ! command -v readpst >/dev/null || ! command -v pffinfo >/dev/null ||
  ! /usr/bin/python3 -c 'import pypff' 2>/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq libical-dev pkg-config gcc pst-utils pff-tools python3-pypff
fi
echo "install-tools: ical.js $(node -p "require('./tools/icaljs/node_modules/ical.js/package.json').version"), libical $(pkg-config --modversion libical), $(readpst -V | head -n 1), $(pffinfo -V | head -n 1)"

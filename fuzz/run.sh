#!/usr/bin/env bash
# Runs every fuzz target of this package for SECONDS each (default 20).
# Stops at the first failure and prints the reproducer and how to replay it.
set -euo pipefail
secs=${1:-20}
cd "$(dirname "$0")"
targets=$(grep -ho '^func Fuzz[A-Za-z0-9_]*' ./*_test.go | sed 's/^func //' | sort)
[ -n "$targets" ] || { echo "no fuzz targets found" >&2; exit 1; }
for t in $targets; do
  echo "== $t (${secs}s)"
  log=$(mktemp)
  if ! go test -run '^$' -fuzz "^${t}\$" -fuzztime "${secs}s" . >"$log" 2>&1; then
    cat "$log"
    repro=$(grep -o "testdata/fuzz/${t}/[0-9a-f]*" "$log" | tail -1 || true)
    echo
    echo "FAIL: $t found a failing input."
    if [ -n "$repro" ]; then
      echo "reproducer: fuzz/$repro"
      echo "replay:     go test ./fuzz -run '${t}/$(basename "$repro")'"
      echo "keep it:    commit fuzz/$repro as a regression input once fixed"
    fi
    rm -f "$log"
    exit 1
  fi
  tail -n 3 "$log" | grep -E 'elapsed|^ok|PASS' | tail -n 2 || true
  rm -f "$log"
done
echo "all fuzz targets ran clean for ${secs}s each"

#!/usr/bin/env bash
# Runs every fuzz target of this package for SECONDS each (default 20).
# Stops at the first failure and prints the reproducer and how to replay it.
#
# Go 1.26's fuzz coordinator can end a duration-bounded run with a bare
# "context deadline exceeded" and no failing input (go.dev/issue/75804, fixed
# in Go 1.27). When that happens the target is run again with a count-based
# budget, which has no deadline to race, under a hard -timeout: a real crash
# still writes a reproducer, and a real hang still fails by timing out.
#
# -fuzzminimizetime 1s: the engine minimises every input that finds new
# coverage before it goes on, 60 s each by default; on the item readers'
# seeds (whole .msg, TNEF and XML exports of tens of kilobytes) a short run
# then spends all its time minimising and executes a handful of inputs.
set -euo pipefail
secs=${1:-20}
minimize=1s
cd "$(dirname "$0")"
targets=$(grep -ho '^func Fuzz[A-Za-z0-9_]*' ./*_test.go | sed 's/^func //' | sort)
[ -n "$targets" ] || { echo "no fuzz targets found" >&2; exit 1; }

corpus_list() { ls "testdata/fuzz/$1" 2>/dev/null | sort || true; }

report_failure() { # target log
  cat "$2"
  local repro
  repro=$(grep -o "testdata/fuzz/$1/[0-9a-f]*" "$2" | tail -1 || true)
  echo
  echo "FAIL: $1 found a failing input."
  if [ -n "$repro" ]; then
    echo "reproducer: fuzz/$repro"
    echo "replay:     go test ./fuzz -run '$1/$(basename "$repro")'"
    echo "keep it:    commit fuzz/$repro as a regression input once fixed"
  fi
}

for t in $targets; do
  echo "== $t (${secs}s)"
  log=$(mktemp)
  before=$(corpus_list "$t")
  if go test -run '^$' -fuzz "^${t}\$" -fuzztime "${secs}s" -fuzzminimizetime "$minimize" . >"$log" 2>&1; then
    grep -E 'elapsed' "$log" | tail -n 1 || true
    rm -f "$log"
    continue
  fi
  after=$(corpus_list "$t")
  if [ "$before" = "$after" ] && grep -q 'context deadline exceeded' "$log" && ! grep -qE 'panic|Failing input' "$log"; then
    execs=$(grep -oE 'execs: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 100000)
    [ "${execs:-0}" -ge 1000 ] || execs=100000
    echo "   toolchain deadline race (go.dev/issue/75804), no failing input; rerunning ${execs} executions"
    if go test -run '^$' -fuzz "^${t}\$" -fuzztime "${execs}x" -fuzzminimizetime "$minimize" -timeout "$((secs * 10 + 120))s" . >"$log" 2>&1; then
      grep -E 'elapsed' "$log" | tail -n 1 || true
      rm -f "$log"
      continue
    fi
  fi
  report_failure "$t" "$log"
  rm -f "$log"
  exit 1
done
echo "all fuzz targets ran clean for ${secs}s each"

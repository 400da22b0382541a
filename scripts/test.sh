#!/usr/bin/env bash
# Every test of the project: Rust (unit, integration, property, golden), Python (through the
# built wheel), WASM/Node (through the built npm package), the demo page in headless Chromium,
# the HTML table grids against Chromium's layout (scripts/test-grid-diff.sh, 300 cases), and a
# short libFuzzer run of every fuzz target (scripts/fuzz.sh --smoke).
# Installs what it needs first (scripts/setup.sh). Exits non-zero if any suite fails.
set -uo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

bash scripts/setup.sh || { echo "setup failed"; exit 1; }

passed=0; failed=0; failed_names=()
suite() {
  local name=$1; shift
  echo "=== $name: $*"
  local t0=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); echo "=== $name: ok ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1)); failed_names+=("$name"); echo "=== $name: FAILED ($((SECONDS - t0)) s)"
  fi
}

suite rust cargo test --workspace --exclude gxbg-python
for s in python wasm browser grid-diff; do
  if [ -f "scripts/test-$s.sh" ]; then suite "$s" bash "scripts/test-$s.sh"; fi
done
# Each cargo-fuzz target under libFuzzer for 15 s (the corpus replay runs in the rust suite).
suite fuzz bash scripts/fuzz.sh --smoke

echo
[ $failed -eq 0 ] || echo "failed suites: ${failed_names[*]}"
echo "suites: $passed passed, $failed failed"
[ $failed -eq 0 ]

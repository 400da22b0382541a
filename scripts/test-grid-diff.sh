#!/usr/bin/env bash
# Differential test of gxbg's HTML table grids against Chromium (docs/GRID-DIFF.md).
#
#   scripts/test-grid-diff.sh [CASES [SEED [--pandas]]]   # default: 300 cases, seed 20261123
#   scripts/test-grid-diff.sh 10000 20261123 --pandas     # the run recorded in docs/GRID-DIFF.md
#
# - installs Debian's chromium, node and npm when missing;
# - installs the pinned playwright-core into tools/grid-diff/node_modules (npm ci) when missing;
# - builds the CLI (debug) into ${CARGO_TARGET_DIR:-target};
# - runs tools/grid-diff/run.mjs: the hand-written edge cases (tools/grid-diff/edge.mjs), then
#   CASES generated tables from SEED, 100 per page, in one headless Chromium, each compared
#   cell by cell with `gxbg grids` on the same page. A disagreeing case is shrunk and saved
#   under ${CARGO_TARGET_DIR:-target}/grid-diff/fixtures (copy it to tests/fixtures/grid-diff/
#   once fixed, with a regression test: crates/gxbg/tests/grid_diff.rs reads that folder).
# - with --pandas: keeps every page, then measures pandas.read_html on the same tables
#   (tools/grid-diff/pandas_diff.py, in a venv at ${CARGO_TARGET_DIR:-target}/venv-diff with the
#   pinned tools/grid-diff/requirements-pandas.txt); its JSON summary goes to
#   ${CARGO_TARGET_DIR:-target}/grid-diff/pandas.json. It never changes the exit status.
# Prints "N passed, M failed" (cases) last; exits non-zero on any disagreement.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CASES="${1:-300}"
SEED="${2:-20261123}"
PANDAS="${3:-}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
say() { printf '== %s\n' "$*" >&2; }

need_apt=()
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need_apt+=(chromium)
if [ "${#need_apt[@]}" -gt 0 ]; then
    say "apt-get install ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

(
    cd tools/grid-diff
    if ! npm ls --depth=0 >/dev/null 2>&1; then
        say "npm ci (tools/grid-diff)"
        npm ci --no-audit --no-fund >&2
    fi
)

say "cargo build -p gxbg-cli"
cargo build -q -p gxbg-cli

OUT="$TARGET/grid-diff"
say "grid-diff: $CASES cases, seed $SEED (pages and summary in $OUT)"
extra=()
if [ "$PANDAS" = "--pandas" ]; then
    rm -rf "$OUT/pages"
    extra+=(--save-pages)
fi
status=0
node tools/grid-diff/run.mjs --gxbg "$TARGET/debug/gxbg" --out "$OUT" --fixtures "$OUT/fixtures" \
    --cases "$CASES" --seed "$SEED" "${extra[@]}" >"$OUT.stdout" || status=$?
if [ "$PANDAS" = "--pandas" ]; then
    VENV="$TARGET/venv-diff"
    if [ ! -x "$VENV/bin/python" ]; then
        say "python3 -m venv $VENV (pandas, lxml)"
        python3 -m venv "$VENV"
    fi
    "$VENV/bin/pip" install -q -r tools/grid-diff/requirements-pandas.txt >&2
    say "pandas.read_html on the same tables"
    "$VENV/bin/python" tools/grid-diff/pandas_diff.py "$OUT/pages" >"$OUT/pandas.json" || say "pandas_diff.py failed"
    head -c 1200 "$OUT/pandas.json" >&2 || true
fi
cat "$OUT.stdout"
exit "$status"

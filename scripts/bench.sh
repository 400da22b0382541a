#!/usr/bin/env bash
# Performance of gxbg against what analysts use today and against the floor, in one command.
#
#   scripts/bench.sh                 comparison harness + scale series (~5–10 min)
#   scripts/bench.sh --quick         fewer runs per file, scale series up to 5 MB
#   scripts/bench.sh --criterion     also the criterion stage benches (cargo bench --bench stages)
#   scripts/bench.sh --variants      also the portal-page variants (benches/variants.rs) of
#                                    pingtan-2021, in a group of their own
#   scripts/bench.sh --no-scale      no scale series
#   scripts/bench.sh PAGE|DIR ...    the comparison on these pages (a folder: its *.html, *.htm
#                                    and *.txt) instead of the repository's — e.g. your own
#                                    portal pages; options combine (`--quick DIR`)
#
# 1. builds the `native` and `scale` bench binaries (cargo bench --no-run, release profile);
# 2. the peers, from the registries: a venv $TARGET/bench-venv with pandas, lxml, opencc
#    (PyPI) and the gxbg wheel (scripts/test-python.sh --build-only, GXBG_PY_VENV pointed
#    at that venv); cheerio + opencc-js (npm ci in benches/compare, package-lock.json);
#    the npm package (bindings/wasm/pkg, built by scripts/build-wasm.sh if missing);
#    any piece that cannot be built is reported "not built" and its side skipped;
# 3. benches/compare/run.py: every side on the same HTML pages (examples/reports,
#    tests/fixtures/html, or the pages given) and text extractions (tests/seeds), one table with the tables and
#    cells each side found, per-report medians, throughput and the ratios against the bars;
#    the sides run in 4 rounds (2 with --quick) in a rotated order, ratios taken per round;
# 4. the scale series (benches/scale.rs): 10 KB → 50 MB, time and peak RSS per size.
# Output: the tables on stdout and in $TARGET/bench/REPORT.md (copy into docs/PERFORMANCE.md).
#
# Environment: CARGO_TARGET_DIR (default target/); GXBG_BENCH_NO_BUILD=1 uses what is built
# already (no wheel/wasm builds); GXBG_WASM_PKG=path/to/pkg picks another npm package build.
# Exits 0 whatever the ratios (the machine may be shared); non-zero only if the native build fails.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET" ;; esac
export CARGO_TARGET_DIR="$TARGET"
OUT="$TARGET/bench"
mkdir -p "$OUT"
say() { printf '== %s\n' "$*" >&2; }
# shellcheck source=scripts/bench-exes.sh
. "$ROOT/scripts/bench-exes.sh"

QUICK=0; CRITERION=0; VARIANTS=0; SCALE_SERIES=1
PAGES=(); GAVE_PAGES=0
for a in "$@"; do
    case "$a" in
        --quick) QUICK=1 ;;
        --criterion) CRITERION=1 ;;
        --variants) VARIANTS=1 ;;
        --no-scale) SCALE_SERIES=0 ;;
        -*) echo "bench.sh: unknown option $a" >&2; exit 2 ;;
        *)
            GAVE_PAGES=1
            if [ -d "$a" ]; then
                shopt -s nullglob nocaseglob
                for f in "$a"/*.html "$a"/*.htm "$a"/*.txt; do PAGES+=("$(realpath "$f")"); done
                shopt -u nullglob nocaseglob
            elif [ -f "$a" ]; then
                PAGES+=("$(realpath "$a")")
            else
                echo "bench.sh: no such page or folder: $a" >&2; exit 2
            fi ;;
    esac
done
if [ "$GAVE_PAGES" = 1 ] && [ "${#PAGES[@]}" = 0 ]; then
    echo "bench.sh: no .html, .htm or .txt page in the folders given" >&2; exit 2
fi
RUNS=50; BUDGET=1500; BATCH=1000; MAXMB=50; ROUNDS=4
if [ "$QUICK" = 1 ]; then RUNS=15; BUDGET=500; BATCH=200; MAXMB=5; ROUNDS=2; fi
NO_BUILD="${GXBG_BENCH_NO_BUILD:-}"

# --- 1. native bench binaries -------------------------------------------------------------
say "cargo bench --no-run -p gxbg --bench native --bench native_mimalloc --bench scale --bench portal_variants"
exes="$(bench_exes "$ROOT/Cargo.toml" native native_mimalloc scale portal_variants 2>"$OUT/cargo.log")"
NATIVE="$(bench_exe_of native <<<"$exes")"
NATIVE_MI="$(bench_exe_of native_mimalloc <<<"$exes")"
SCALE="$(bench_exe_of scale <<<"$exes")"
VARIANTS_EXE="$(bench_exe_of portal_variants <<<"$exes")"
if [ -z "$NATIVE" ] || [ -z "$NATIVE_MI" ] || [ -z "$SCALE" ] || [ -z "$VARIANTS_EXE" ]; then
    tail -20 "$OUT/cargo.log" >&2
    echo "bench.sh: the native bench binaries did not build" >&2
    exit 1
fi

# --- 2. peers -----------------------------------------------------------------------------
VENV="$TARGET/bench-venv"
PY="$VENV/bin/python"
if [ "$NO_BUILD" != 1 ]; then
    say "Python: gxbg wheel into $VENV (scripts/test-python.sh --build-only)"
    if [ -x scripts/test-python.sh ] || [ -f scripts/test-python.sh ]; then
        GXBG_PY_VENV="$VENV" bash scripts/test-python.sh --build-only >"$OUT/python-build.log" 2>&1 \
            || say "gxbg python: not built (see $OUT/python-build.log)"
    fi
    [ -x "$PY" ] || python3 -m venv "$VENV" || true
    say "Python: pandas, lxml, opencc (PyPI)"
    "$PY" -m pip install --disable-pip-version-check -q pandas lxml opencc >"$OUT/pip.log" 2>&1 \
        || say "pandas/lxml/opencc: not installed (see $OUT/pip.log)"
fi
if command -v node >/dev/null && command -v npm >/dev/null; then
    if [ ! -d benches/compare/node_modules/cheerio ] && [ "$NO_BUILD" != 1 ]; then
        say "npm ci (cheerio, opencc-js) in benches/compare"
        (cd benches/compare && npm ci --no-audit --no-fund >"$OUT/npm.log" 2>&1) || say "cheerio/opencc-js: not installed (see $OUT/npm.log)"
    fi
else
    say "node/npm not found: the Node sides are skipped"
fi
PKG="${GXBG_WASM_PKG:-$ROOT/bindings/wasm/pkg}"
if [ ! -f "$PKG/node.js" ] && [ "$NO_BUILD" != 1 ] && [ -f scripts/build-wasm.sh ] && [ -z "${GXBG_WASM_PKG:-}" ]; then
    say "wasm: scripts/build-wasm.sh"
    bash scripts/build-wasm.sh >"$OUT/wasm-build.log" 2>&1 || say "gxbg wasm: not built (see $OUT/wasm-build.log)"
fi
WASM_ARGS=()
[ -f "$PKG/node.js" ] && WASM_ARGS=(--wasm-pkg "$PKG/node.js")

# --- 3. comparison ------------------------------------------------------------------------
if [ "${#PAGES[@]}" -gt 0 ]; then
    FILES=("${PAGES[@]}")
else
    shopt -s nullglob
    FILES=(examples/reports/*.html tests/fixtures/html/*.html tests/seeds/*.txt)
    shopt -u nullglob
fi
VARIANT_ARGS=()
if [ "$VARIANTS" = 1 ]; then
    rm -rf "$OUT/variants"
    if mapfile -t vfiles < <("$VARIANTS_EXE" "$ROOT/examples/reports/pingtan-2021.html" "$OUT/variants") && [ "${#vfiles[@]}" -gt 0 ]; then
        FILES+=("${vfiles[@]}")
        VARIANT_ARGS=(--variants-dir "$OUT/variants")
    else
        say "portal-page variants: not written"
    fi
fi
# The same page twice (examples/reports holds copies of fixtures) is measured once.
mapfile -t FILES < <(for f in "${FILES[@]}"; do printf '%s %s\n' "$(sha1sum < "$f" | cut -c1-40)" "$f"; done \
    | awk '!seen[$1]++' | cut -d' ' -f2-)   # (cut, not awk's $2: a path may hold spaces)
say "comparison harness on ${#FILES[@]} files"
{
    echo "# gxbg benchmark run $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' + uncommitted changes')"
    echo
    echo "## Comparison (per-report medians, same files, same run)"
    echo
} >"$OUT/REPORT.md"
python3 benches/compare/run.py --native "$NATIVE" --native-mimalloc "$NATIVE_MI" "${WASM_ARGS[@]}" --venv-python "$PY" \
    --runs "$RUNS" --budget-ms "$BUDGET" --rounds "$ROUNDS" --batch "$BATCH" --markdown "$OUT/compare.md" "${VARIANT_ARGS[@]}" "${FILES[@]}"
cat "$OUT/compare.md" >>"$OUT/REPORT.md"

# --- 4. scale -----------------------------------------------------------------------------
if [ "$SCALE_SERIES" = 1 ]; then
    say "scale series up to $MAXMB MB"
    {
        echo
        echo "## Scale (parse_bytes on synthesised inputs; peak RSS per child process)"
        echo
        echo '```'
    } >>"$OUT/REPORT.md"
    "$SCALE" --max-mb "$MAXMB" --json "$OUT/scale.json" | tee -a "$OUT/REPORT.md"
    echo '```' >>"$OUT/REPORT.md"
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/REPORT.md"

if [ "$CRITERION" = 1 ]; then
    say "criterion: cargo bench -p gxbg --bench stages"
    cargo bench -p gxbg --bench stages 2>&1 | tee "$OUT/criterion.log" | grep -E "^(end_to_end|stages)/|time:|thrpt:" || true
fi
say "report: $OUT/REPORT.md"

#!/usr/bin/env bash
# Build the npm package `gxbg` (WebAssembly) into bindings/wasm/pkg.
#
#   scripts/build-wasm.sh               the package: bindings/wasm/pkg
#   scripts/build-wasm.sh --test-panic  a test copy whose module has a deliberate failure
#                                       entry point: bindings/wasm/pkg/test-panic (a dev-profile
#                                       build, so that it never evicts the release artifact:
#                                       running both builds again relinks neither)
#
# Works on a fresh clone and is idempotent:
# - adds the rustup target wasm32-unknown-unknown if it is missing;
# - installs the wasm-bindgen CLI at exactly the version of the `wasm-bindgen` crate in
#   Cargo.lock (`cargo install wasm-bindgen-cli`, ~3 min) if it is missing or another version;
# - cargo build --profile wasm-release --target wasm32-unknown-unknown -p gxbg-wasm (the
#   release profile with fat LTO and one codegen unit, for this build only), with WebAssembly
#   SIMD enabled (-C target-feature=+simd128: Node >= 16.4, Chrome/Edge 91, Firefox 89,
#   Safari 16.4);
# - wasm-bindgen --target web (with a reset function, used to recover from panics; without
#   the name section);
# - wasm-opt, only if GXBG_WASM_OPT names a wasm-opt binary (npm's `binaryen` package; never
#   Debian's binaryen, whose old wasm-opt breaks wasm-bindgen output);
# - copies the hand-written wrapper (bindings/wasm/js) next to the generated files;
# - prints the size of the .wasm, raw and gzipped, and fails if gzipped exceeds 1 MiB (the
#   package; the test copy is not held to it).
# CARGO_TARGET_DIR is honoured (default target/).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'build-wasm: %s\n' "$*" >&2; exit 1; }

CARGO_ARGS=(--profile wasm-release)
PROFILE_DIR=wasm-release
OUT="$ROOT/bindings/wasm/pkg"
TEST_BUILD=0
for arg in "$@"; do
    case "$arg" in
        --test-panic)
            CARGO_ARGS=(--features test-panic)
            PROFILE_DIR=debug
            OUT="$ROOT/bindings/wasm/pkg/test-panic"
            TEST_BUILD=1
            ;;
        *) die "unknown argument $arg" ;;
    esac
done

TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET" ;; esac
export CARGO_TARGET_DIR="$TARGET"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$CARGO_BIN:$PATH"
MAX_GZIP=$((1024 * 1024))

start_all=$(date +%s)

# --- toolchain ------------------------------------------------------------------------
command -v cargo >/dev/null || die "cargo not found"
if command -v rustup >/dev/null; then
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        say "adding rustup target wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown >&2
    fi
else
    say "no rustup: assuming the toolchain has wasm32-unknown-unknown"
fi

# The CLI must be the exact version of the crate the module links (its schema is versioned).
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$WB_VERSION" ] || die "no wasm-bindgen in Cargo.lock (is bindings/wasm a workspace member?)"
have="$(wasm-bindgen --version 2>/dev/null || true)"
if [ "$have" != "wasm-bindgen $WB_VERSION" ]; then
    say "installing wasm-bindgen-cli $WB_VERSION (found: ${have:-none}); this takes a few minutes"
    cargo install wasm-bindgen-cli --version "$WB_VERSION" >&2
    have="$(wasm-bindgen --version)"
    [ "$have" = "wasm-bindgen $WB_VERSION" ] || die "installed $have, expected $WB_VERSION"
fi

# --- build ----------------------------------------------------------------------------
# simd128 for this target only: memchr's wasm32 SIMD search and LLVM's vectoriser; parse
# time −8–10 % on small pages, −25–30 % on portal pages in Node (a module with SIMD does not
# instantiate in engines without it, all of them from before 2021–2023). Flags already set
# for the target are kept.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=+simd128${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:+ $CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS}"
say "cargo build ${CARGO_ARGS[*]} --target wasm32-unknown-unknown -p gxbg-wasm"
start=$(date +%s)
cargo build "${CARGO_ARGS[@]}" --target wasm32-unknown-unknown -p gxbg-wasm >&2
WASM_IN="$TARGET/wasm32-unknown-unknown/$PROFILE_DIR/gxbg_wasm.wasm"
[ -f "$WASM_IN" ] || die "cargo produced no $WASM_IN"
cargo_secs=$(( $(date +%s) - start ))

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
say "wasm-bindgen --target web"
# The name section (function names for stack traces) is ~120 KB; panics reach JS with their
# message anyway (see bindings/wasm/js/core.js).
wasm-bindgen --target web --experimental-reset-state-function --remove-name-section \
    --remove-producers-section --out-dir "$STAGE" "$WASM_IN"

if [ -n "${GXBG_WASM_OPT:-}" ]; then
    say "wasm-opt -Oz ($GXBG_WASM_OPT)"
    "$GXBG_WASM_OPT" -Oz --all-features "$STAGE/gxbg_wasm_bg.wasm" -o "$STAGE/gxbg_wasm_bg.opt.wasm"
    mv "$STAGE/gxbg_wasm_bg.opt.wasm" "$STAGE/gxbg_wasm_bg.wasm"
fi

# --- assemble -------------------------------------------------------------------------
cp bindings/wasm/js/core.js bindings/wasm/js/node.js bindings/wasm/js/browser.js \
    bindings/wasm/js/index.d.ts "$STAGE/"
mkdir -p "$OUT"
# Replace the previous build's files only (pkg/test-panic, a sibling build, stays).
find "$OUT" -maxdepth 1 -type f -delete
cp "$STAGE"/* "$OUT/"

raw_size=$(wc -c < "$OUT/gxbg_wasm_bg.wasm")
gz_size=$(gzip -9 -c "$OUT/gxbg_wasm_bg.wasm" | wc -c)
total=$(( $(date +%s) - start_all ))
awk -v r="$raw_size" -v g="$gz_size" -v c="$cargo_secs" -v t="$total" -v o="${OUT#"$ROOT"/}" 'BEGIN {
    printf "gxbg_wasm_bg.wasm: %d bytes (%.1f KiB), gzip -9: %d bytes (%.1f KiB); cargo build %d s, total %d s -> %s\n", r, r / 1024, g, g / 1024, c, t, o
}'
if [ "$TEST_BUILD" = 0 ] && [ "$gz_size" -gt "$MAX_GZIP" ]; then
    die "gzipped .wasm is $gz_size bytes, over the budget of $MAX_GZIP"
fi

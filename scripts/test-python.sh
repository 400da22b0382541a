#!/usr/bin/env bash
# Build the Python wheel (release) and run the pytest suite against the INSTALLED wheel.
#
#   scripts/test-python.sh [pytest args...]
#   scripts/test-python.sh --build-only      # venv + wheel + install, no tests
#
# - makes (or reuses) a venv, GXBG_PY_VENV (default bindings/python/.venv), with pinned
#   maturin, pytest, pandas, dask[distributed] (for the scale-out example's test);
# - builds the abi3 wheel with `maturin build --release -m bindings/python/Cargo.toml`
#   into $CARGO_TARGET_DIR/wheels-python (CARGO_TARGET_DIR defaults to target/);
# - installs it into the venv (replacing any earlier build);
# - builds the CLI (`cargo build -p gxbg-cli`, debug: it reuses what `cargo test --workspace`
#   built in the same target dir) unless GXBG_CLI already names a gxbg binary, and exports
#   GXBG_CLI for the test that reads `gxbg batch` CSV back with pandas;
# - runs pytest on bindings/python/tests from a scratch directory, with
#   --import-mode=importlib, so `import gxbg` can only resolve to site-packages.
# Exits non-zero when the build or a test fails. Idempotent; works on a fresh clone.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
VENV="${GXBG_PY_VENV:-$ROOT/bindings/python/.venv}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET" ;; esac
WHEELS="$TARGET/wheels-python"

# Versions that exist on PyPI and support CPython 3.9 – 3.13 (dask 2025.9.1: CPython >= 3.10;
# the dask test skips, with its reason, where dask cannot be imported).
PINS=(maturin==1.16.0 pytest==8.4.2 pandas==2.3.3)
PY_MINOR="$("$PYTHON" -c 'import sys; print(sys.version_info[1] if sys.version_info[0] == 3 else 99)')"
if [ "$PY_MINOR" -ge 10 ]; then
    PINS+=("dask[distributed]==2025.9.1")
    # Installed: the Dask test must run, not skip.
    export GXBG_REQUIRE_DASK=1
fi

say() { printf '== %s\n' "$*" >&2; }

if [ ! -x "$VENV/bin/python" ]; then
    say "creating venv $VENV"
    "$PYTHON" -m venv "$VENV"
fi
VPY="$VENV/bin/python"
if ! "$VPY" -m pip --version >/dev/null 2>&1; then
    say "venv $VENV has no pip; recreating it"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
fi

# pip does nothing (quickly) when the pins are already installed.
say "installing ${PINS[*]}"
"$VPY" -m pip install --disable-pip-version-check -q "${PINS[@]}"

say "building the wheel (release)"
mkdir -p "$WHEELS"
rm -f "$WHEELS"/gxbg-*.whl
start=$(date +%s)
CARGO_TARGET_DIR="$TARGET" "$VENV/bin/maturin" build --release \
    -m bindings/python/Cargo.toml -i "$VPY" --out "$WHEELS" >&2
say "wheel built in $(( $(date +%s) - start )) s"

shopt -s nullglob
wheels=("$WHEELS"/gxbg-*.whl)
shopt -u nullglob
if [ "${#wheels[@]}" -ne 1 ]; then
    echo "expected exactly one wheel in $WHEELS, found ${#wheels[@]}" >&2
    exit 1
fi
say "installing ${wheels[0]##*/}"
"$VPY" -m pip install --disable-pip-version-check -q --force-reinstall --no-deps "${wheels[0]}"

if [ "${1:-}" = "--build-only" ]; then
    exit 0
fi

# The CLI, for the test that reads `gxbg batch` output back with pandas.
if [ -z "${GXBG_CLI:-}" ]; then
    say "building the CLI (debug)"
    start=$(date +%s)
    CARGO_TARGET_DIR="$TARGET" cargo build -q -p gxbg-cli --bin gxbg >&2
    say "CLI built in $(( $(date +%s) - start )) s"
    GXBG_CLI="$TARGET/debug/gxbg"
fi
export GXBG_CLI

# Run from an empty directory: the source tree's python/gxbg (which has no native module)
# must not shadow the installed package.
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
cd "$SCRATCH"
export GXBG_REPO="$ROOT"
say "pytest (from $SCRATCH)"
"$VPY" -m pytest "$ROOT/bindings/python/tests" --import-mode=importlib -p no:cacheprovider \
    --rootdir "$SCRATCH" "$@"

#!/usr/bin/env bash
# Whether a change moved any output: the CLI of the working tree against the CLI of a base
# revision, on every sample input. What a performance change must leave byte-identical.
#
#   scripts/output-diff.sh [BASE_REV]     (default: HEAD, i.e. the uncommitted change)
#
# Builds the base revision's CLI in a git worktree ($CARGO_TARGET_DIR/output-diff/, kept
# between runs, so a second comparison with the same base builds nothing) and the working
# tree's CLI, runs `gxbg parse` (JSON) and `gxbg normalize` (the normalised text) on
# examples/reports, tests/fixtures/{html,text}, tests/seeds and ../shared/{corpus,seeds}
# when present, and compares the outputs, exit statuses and stderr. Exits 0 when every
# output is identical, 1 with the differing files listed otherwise.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BASE_REV="${1:-HEAD}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET" ;; esac
WORK="$TARGET/output-diff"
mkdir -p "$WORK"
say() { printf '== %s\n' "$*" >&2; }

base_sha="$(git rev-parse --verify "$BASE_REV^{commit}")"
tree="$WORK/base-$base_sha"
base_bin="$WORK/bin-$base_sha"
if [ ! -x "$base_bin" ]; then
    say "building the CLI at $BASE_REV (${base_sha:0:12})"
    rm -rf "$tree"
    git worktree prune
    git worktree add --detach "$tree" "$base_sha" >/dev/null
    CARGO_TARGET_DIR="$WORK/target" cargo build --release -p gxbg-cli --manifest-path "$tree/Cargo.toml" >&2
    cp "$WORK/target/release/gxbg" "$base_bin"
    git worktree remove --force "$tree"
fi
say "building the working tree's CLI"
cargo build --release -p gxbg-cli >&2
head_bin="$TARGET/release/gxbg"

inputs=()
for f in examples/reports/* tests/fixtures/html/*.html tests/fixtures/text/* tests/seeds/*.txt \
    ../shared/corpus/*.html ../shared/seeds/*.txt; do
    [ -f "$f" ] && inputs+=("$f")
done
run_all() { # BIN OUTDIR
    rm -rf "$2"; mkdir -p "$2"
    for f in "${inputs[@]}"; do
        n="$(printf '%s' "$f" | tr '/' '_')"
        rc=0; "$1" parse "$f" >"$2/$n.json" 2>"$2/$n.err" || rc=$?
        echo "exit $rc" >>"$2/$n.err"
        rc=0; "$1" normalize "$f" >"$2/$n.txt" 2>/dev/null || rc=$?
        echo "exit $rc" >>"$2/$n.txt"
    done
}
run_all "$base_bin" "$WORK/out-base"
run_all "$head_bin" "$WORK/out-head"
if diff -rq "$WORK/out-base" "$WORK/out-head" >/dev/null; then
    echo "output-diff: identical on ${#inputs[@]} inputs (JSON, stderr and normalised text) against ${base_sha:0:12}"
else
    diff -rq "$WORK/out-base" "$WORK/out-head" | sed "s|$WORK/||g"
    echo "output-diff: outputs differ from ${base_sha:0:12} (full outputs in $WORK/out-base and out-head)"
    exit 1
fi

#!/usr/bin/env bash
# Whether a change moved the time a parse takes: the working tree's bench binary against a
# base revision's, alternating on the same pages. The check a performance change has to
# pass (session 9 measured changes that cut instructions by 5 % and moved no time, and a
# build setting that added instructions and saved 1-3 %; instruction counts are not time).
#
#   scripts/time-diff.sh [BASE_REV] [FILE...]
#       BASE_REV  default HEAD (i.e. the uncommitted change)
#       FILE      default the two portal pages and format-2019 (a small page)
#   TIME_DIFF_ROUNDS=8   rounds; each runs both binaries once, in alternating order
#
# Builds `benches/native_mimalloc.rs` (the allocator the CLI and Python ship with) at
# BASE_REV in a git worktree ($CARGO_TARGET_DIR/time-diff/, the binary kept between runs) and
# in the working tree, each with its own Cargo.toml (so a profile change is compared too).
# Each round times every file with each binary (up to 400 parses within 400 ms, after a
# warm-up; the binary's median) and prints, per file, the median over rounds for both and
# the change. A difference under ~1 % is within what layout alone moves here: run it twice.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BASE_REV="${1:-HEAD}"
[ "$#" -gt 0 ] && shift
FILES=("$@")
[ "${#FILES[@]}" -gt 0 ] || FILES=(examples/reports/pingtan-2021.html examples/reports/pingtan-tourism-2019.html tests/fixtures/html/format-2019.html)
for f in "${FILES[@]}"; do
    [ -f "$f" ] || { echo "time-diff.sh: no such file: $f" >&2; exit 2; }
done
ROUNDS="${TIME_DIFF_ROUNDS:-8}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET" ;; esac
WORK="$TARGET/time-diff"
mkdir -p "$WORK"
say() { printf '== %s\n' "$*" >&2; }

# shellcheck source=scripts/bench-exes.sh
. "$ROOT/scripts/bench-exes.sh"
# The path of the native_mimalloc bench binary cargo builds for a manifest.
bench_bin() {
    bench_exes "$1" native_mimalloc 2>"$WORK/cargo.log" | bench_exe_of native_mimalloc
}

base_sha="$(git rev-parse --verify "$BASE_REV^{commit}")"
base_bin="$WORK/bin-$base_sha"
if [ ! -x "$base_bin" ]; then
    say "building the bench binary at $BASE_REV (${base_sha:0:12})"
    tree="$WORK/base-$base_sha"
    rm -rf "$tree"
    git worktree prune
    git worktree add --detach "$tree" "$base_sha" >/dev/null
    bin="$(CARGO_TARGET_DIR="$WORK/target" bench_bin "$tree/Cargo.toml")" || true
    [ -n "$bin" ] && cp "$bin" "$base_bin"
    git worktree remove --force "$tree"
    [ -x "$base_bin" ] || { tail -20 "$WORK/cargo.log" >&2; echo "time-diff.sh: the base bench did not build" >&2; exit 1; }
fi
say "building the working tree's bench binary"
head_bin="$(bench_bin "$ROOT/Cargo.toml")"
[ -n "$head_bin" ] || { tail -20 "$WORK/cargo.log" >&2; echo "time-diff.sh: the bench did not build" >&2; exit 1; }

out="$WORK/times.tsv"
: >"$out"
say "$ROUNDS rounds on ${#FILES[@]} files"
for ((r = 1; r <= ROUNDS; r++)); do
    # Alternate which binary goes first, so neither always runs on the warmer machine.
    if ((r % 2)); then order=(base head); else order=(head base); fi
    for side in "${order[@]}"; do
        if [ "$side" = base ]; then bin="$base_bin"; else bin="$head_bin"; fi
        "$bin" --no-floor --runs 400 --budget-ms 400 "${FILES[@]}" |
            python3 -c 'import json, sys
for l in sys.stdin:
    m = json.loads(l)
    print(sys.argv[1], m["file"], m["gxbg_ms"] if m.get("ok") else "nan", sep="\t")' "$side" >>"$out"
    done
done
python3 - "$out" "${base_sha:0:12}" <<'PY'
import collections, math, statistics, sys
t = collections.defaultdict(list)
for line in open(sys.argv[1]):
    side, f, ms = line.rstrip("\n").split("\t")
    t[(side, f)].append(float(ms))
files = list(dict.fromkeys(f for _, f in t))
print(f"{'file':60} {'base ' + sys.argv[2]:>18} {'working tree':>14} {'change':>8}")
for f in files:
    b = statistics.median(t[("base", f)])
    h = statistics.median(t[("head", f)])
    ch = f"{(h / b - 1) * 100:+.1f} %" if b > 0 and not math.isnan(b) else "-"
    print(f"{f:60} {b:15.4f} ms {h:11.4f} ms {ch:>8}")
PY

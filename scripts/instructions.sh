#!/usr/bin/env bash
# Instructions per parse, the machine-independent measure docs/PERFORMANCE.md compares
# commits with (wall-clock on the shared VM moves more than most changes).
#
#   scripts/instructions.sh FILE...       one line per file: instructions per parse_bytes
#
# Builds the `native` bench binary (release profile, CARGO_TARGET_DIR respected), runs it
# under `valgrind --tool=callgrind` with 1 and with 11 parses of each file, and prints
# (I(11) - I(1)) / 10: the cost of one parse without process start-up and the one-time
# tables (dictionaries, schema keys). Needs valgrind (Debian: apt-get install valgrind).
# The callgrind outputs stay in $CARGO_TARGET_DIR/instructions/ for callgrind_annotate.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[ "$#" -gt 0 ] || { sed -n '4,5p' "$0" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind not found (apt-get install valgrind)" >&2; exit 1; }
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="$TARGET/instructions"
mkdir -p "$OUT"
# shellcheck source=scripts/bench-exes.sh
. "$ROOT/scripts/bench-exes.sh"
BIN="$(bench_exes "$ROOT/Cargo.toml" native 2>"$OUT/cargo.log" | bench_exe_of native)"
[ -n "$BIN" ] || { tail -20 "$OUT/cargo.log" >&2; echo "instructions.sh: the native bench did not build" >&2; exit 1; }
total() { # the PROGRAM TOTALS line of a callgrind output
    # (awk reads to the end: exiting early would break the pipe under pipefail)
    callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ && !done { gsub(",", "", $1); print $1; done = 1 }'
}
for f in "$@"; do
    [ -f "$f" ] || { echo "instructions.sh: no such file: $f" >&2; exit 1; }
    b="$(basename "$f")"
    for n in 1 11; do
        valgrind --tool=callgrind --callgrind-out-file="$OUT/$b.$n.out" "$BIN" --loop "$n" "$f" >/dev/null 2>"$OUT/$b.$n.log" \
            || { tail -5 "$OUT/$b.$n.log" >&2; echo "instructions.sh: callgrind failed on $f" >&2; exit 1; }
    done
    a="$(total "$OUT/$b.1.out")"; c="$(total "$OUT/$b.11.out")"
    python3 -c "import sys; print(f'{sys.argv[1]}\t{(int(sys.argv[3]) - int(sys.argv[2])) / 10 / 1e6:.3f} M instructions a parse')" "$f" "$a" "$c"
done

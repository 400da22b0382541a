#!/usr/bin/env bash
# The main job at corpus scale: `gxbg batch` (the CLI, release build) over a corpus of many
# files, timed end to end (reading, parsing, CSV, summary, cross-year checks).
#
#   scripts/bench-batch.sh [COPIES] [DIR]
#       COPIES  how many times each page of DIR is in the corpus (default 600: 5400 files
#               from examples/reports' 9)
#       DIR     the pages (default examples/reports)
#
# The corpus is hard links (or copies, across file systems) in a temporary folder, removed
# afterwards; every file has its own name, so each is read and parsed. Runs the batch with
# --jobs 1 and with the default (all cores), each with and without the cross-year checks,
# and prints wall-clock seconds, files a second and peak memory (GNU time) of each run.
# The CSV written is checked to be the same in every run.
#
# With GXBG_BENCH_PY=/path/to/python (a Python with the gxbg wheel and pandas installed, e.g.
# the venv `GXBG_PY_VENV=DIR scripts/test-python.sh --build-only` makes), also the notebook
# way: gxbg.parse_many over the same files (1 worker and all cores), then gxbg.to_pandas of
# all the reports (the second call: the first one's numbers include first-touch memory).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
COPIES="${1:-600}"
DIR="${2:-examples/reports}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET" ;; esac
say() { printf '== %s\n' "$*" >&2; }
[ -x /usr/bin/time ] || { echo "bench-batch.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }

say "building the CLI (release)"
CARGO_TARGET_DIR="$TARGET" cargo build --release -q -p gxbg-cli
BIN="$TARGET/release/gxbg"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/corpus"
mapfile -t pages < <(find "$DIR" -maxdepth 1 -type f \( -name '*.html' -o -name '*.htm' -o -name '*.txt' \) | sort)
[ "${#pages[@]}" -gt 0 ] || { echo "bench-batch.sh: no pages in $DIR" >&2; exit 2; }
for ((i = 1; i <= COPIES; i++)); do
    for p in "${pages[@]}"; do
        ln "$p" "$WORK/corpus/$i-${p##*/}" 2>/dev/null || cp "$p" "$WORK/corpus/$i-${p##*/}"
    done
done
n=$((COPIES * ${#pages[@]}))
mb=$(cat "${pages[@]}" | wc -c | awk -v c="$COPIES" '{printf "%.1f", $1 * c / 1e6}')
cores=$(nproc)
say "$n files, $mb MB, $cores cores"

printf '| jobs | cross-year checks | wall s | files/s | peak RSS MB |\n|---:|---|---:|---:|---:|\n'
for jobs in 1 "$cores"; do
    for cy in on off; do
        args=(batch "$WORK/corpus" -o "$WORK/out.csv" --jobs "$jobs" --no-progress)
        [ "$cy" = off ] && args+=(--no-cross-year)
        /usr/bin/time -f '%e %M' -o "$WORK/time" "$BIN" "${args[@]}" 2>/dev/null
        read -r wall rss <"$WORK/time"
        awk -v j="$jobs" -v c="$cy" -v w="$wall" -v n="$n" -v r="$rss" 'BEGIN { printf "| %s | %s | %.2f | %.0f | %.0f |\n", j, c, w, n / w, r / 1024 }'
        sum=$(md5sum <"$WORK/out.csv")
        if [ -n "${first_sum:-}" ] && [ "$sum" != "$first_sum" ]; then
            echo "bench-batch.sh: the CSV differs between runs" >&2
            exit 1
        fi
        first_sum="$sum"
    done
done

if [ -n "${GXBG_BENCH_PY:-}" ]; then
    "$GXBG_BENCH_PY" - "$WORK/corpus" "$cores" <<'PY'
import pathlib, sys, time
import gxbg
files = sorted(pathlib.Path(sys.argv[1]).iterdir())
print()
print("| Python | workers | s | files/s |")
print("|---|---:|---:|---:|")
for w in sorted({1, int(sys.argv[2])}):
    t = time.perf_counter()
    reports = gxbg.parse_many(files, workers=w)
    dt = time.perf_counter() - t
    print(f"| parse_many | {w} | {dt:.2f} | {len(files) / dt:.0f} |")
assert all(isinstance(r, gxbg.Report) for r in reports)
for i in range(2):
    t = time.perf_counter()
    df = gxbg.to_pandas(reports)
    dt = time.perf_counter() - t
print(f"| to_pandas ({len(df)} rows) | | {dt:.2f} | |")
PY
fi

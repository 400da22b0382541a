#!/usr/bin/env bash
# Fuzz gxbg (issue 8: no input may crash, hang or exhaust it).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   fuzz each target (default 30 s, all targets)
#   scripts/fuzz.sh --smoke                            CI: every target for FUZZ_SMOKE_SECS seconds
#                                                      (default 15) under libFuzzer
#   scripts/fuzz.sh --replay                           the seeds and fuzz/regressions/ through every
#                                                      target's body (plain cargo test, no nightly)
#
# Targets (fuzz/fuzz_targets/, bodies in fuzz/src/lib.rs): parse_bytes, html_grids,
# text_document, digits, normalize. The corpora are seeded at run time from tests/seeds,
# tests/fixtures/** and examples/reports (nothing large is committed); they grow under
# fuzz/corpus/<target>/ (git-ignored) from run to run. Crashes, timeouts and out-of-memory
# inputs land in fuzz/artifacts/<target>/; minimise one with
#   cargo +nightly fuzz tmin <target> fuzz/artifacts/<target>/<file>
# and add it to fuzz/regressions/<target>/ so the smoke run replays it for ever.
#
# Each target runs as one libFuzzer process (one core), at most SECONDS_PER_TARGET
# seconds, inputs up to FUZZ_MAX_LEN bytes (default 4096; 512 for digits), 10 s and
# 2 GiB per input. Executions per target are appended to fuzz/artifacts/runs.tsv.
#
# The smoke run builds the targets with cargo-fuzz on nightly (3-5 minutes on 2 idle cores,
# debug assertions and overflow checks on), then runs each for a few seconds: any crash,
# timeout or out-of-memory input fails it.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ALL=(parse_bytes html_grids text_document digits normalize)

if [[ "${1:-}" == "--replay" ]]; then
    cd "$ROOT"
    exec cargo test -p gxbg --test robustness -- replay
fi
if [[ "${1:-}" == "--smoke" ]]; then
    shift
    set -- "${FUZZ_SMOKE_SECS:-15}" "$@"
fi

SECS=${1:-30}
[[ $# -gt 0 ]] && shift
TARGETS=("$@")
[[ ${#TARGETS[@]} -eq 0 ]] && TARGETS=("${ALL[@]}")
case "$SECS" in (*[!0-9]*|"") echo "usage: $0 [SECONDS_PER_TARGET] [TARGET...] | --smoke" >&2; exit 2;; esac

if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz
fi

FUZZ="$ROOT/fuzz"
TDIR="${FUZZ_TARGET_DIR:-$FUZZ/target}"
MAXLEN=${FUZZ_MAX_LEN:-4096}
# gxbg is safe Rust: AddressSanitizer finds nothing the panics and the limits do not, and
# costs 2-3x the executions. FUZZ_SANITIZER=address turns it back on.
SAN=${FUZZ_SANITIZER:-none}
# FUZZ_RELEASE=1: build without debug assertions and overflow checks (cargo fuzz -O), about
# 2.5x the executions (parse_bytes: 500/s instead of ~200/s on one idle core). Used for the
# long runs; the default keeps overflow checks on.
OPT=(); [[ "${FUZZ_RELEASE:-}" == "1" ]] && OPT=(-O)

# Seed the corpora (copies; existing corpus entries are kept).
seed() { # target, files...
    local dir="$FUZZ/corpus/$1"; shift
    mkdir -p "$dir"
    for f in "$@"; do
        [[ -f "$f" ]] || continue
        cp -n "$f" "$dir/seed-$(basename "$f")" 2>/dev/null || true
    done
}
shopt -s nullglob globstar
PAGES=("$ROOT"/tests/seeds/*.txt "$ROOT"/tests/fixtures/**/*.html "$ROOT"/tests/fixtures/**/*.txt "$ROOT"/examples/reports/*)
HTML=("$ROOT"/tests/fixtures/**/*.html "$ROOT"/examples/reports/*.html)
TEXT=("$ROOT"/tests/seeds/*.txt "$ROOT"/tests/fixtures/text/*.txt "$ROOT"/tests/fixtures/batch/**/*.txt "$ROOT"/examples/reports/*.txt)
seed parse_bytes "${PAGES[@]}" "$ROOT"/tests/fixtures/batch/corpus/attachment.pdf
seed html_grids "${HTML[@]}"
seed text_document "${TEXT[@]}"
seed normalize "${TEXT[@]}" "$ROOT"/tests/fixtures/html/big5-traditional.html
# Pages are longer than the inputs the fuzzer makes (FUZZ_MAX_LEN): seed their pieces too,
# cut at line ends, so that tables and section headings are in reach.
chunks() { # target, files...
    local dir="$FUZZ/corpus/$1"; shift
    for f in "$@"; do
        [[ -f "$f" ]] || continue
        split -C "$((MAXLEN * 3 / 4))" -d -a 3 "$f" "$dir/chunk-$(basename "$f")-" 2>/dev/null || true
    done
}
chunks parse_bytes "${PAGES[@]}"
chunks html_grids "${HTML[@]}"
chunks text_document "${TEXT[@]}"
chunks normalize "${TEXT[@]}"
# Digit runs: the first byte is split_digits' number of parts.
mkdir -p "$FUZZ/corpus/digits"
i=0
for run in 640020470 00000000 123456789012345678901 100000000000000000000000000000 \
           000000000000000 111113222226333339 "１２３４５６７８９" 5000000500000000000000000000000; do
    printf '\007%s' "$run" > "$FUZZ/corpus/digits/seed-$i"; i=$((i+1))
    printf '\017%s' "$run" > "$FUZZ/corpus/digits/seed-$i"; i=$((i+1))
done
for f in "${TEXT[@]}"; do # the digit runs of the text fixtures
    grep -oE '[0-9]{7,}' "$f" 2>/dev/null | head -20 | while read -r run; do
        printf '\007%s' "$run" > "$FUZZ/corpus/digits/seed-run-$run"
    done || true
done
for t in "${ALL[@]}"; do
    [[ -d "$FUZZ/regressions/$t" ]] && cp -n "$FUZZ/regressions/$t"/* "$FUZZ/corpus/$t/" 2>/dev/null || true
done

cd "$FUZZ"
cargo +nightly fuzz build "${OPT[@]}" -s "$SAN" --target-dir "$TDIR"
mkdir -p "$FUZZ/artifacts"
printf '%-14s %12s %8s %8s %s\n' target executions seconds exec/s crashes
status=0
for t in "${TARGETS[@]}"; do
    mkdir -p "$FUZZ/artifacts/$t"
    len=$MAXLEN; [[ $t == digits ]] && len=512
    log="$FUZZ/artifacts/$t.log"
    touch "$log.start"
    set +e
    cargo +nightly fuzz run "${OPT[@]}" -s "$SAN" --target-dir "$TDIR" "$t" "$FUZZ/corpus/$t" -- \
        -max_total_time="$SECS" -max_len="$len" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$FUZZ/artifacts/$t/" -print_final_stats=1 >"$log" 2>&1
    rc=$?
    set -e
    # After a crash libFuzzer prints no final stats: take the last progress line instead
    # (and never let a failed grep end the script before the run is recorded). grep -a: a
    # log with NUL bytes in it (a second run of the same target truncating the shared log
    # file under the first) is still read as text.
    execs=$(grep -aoE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1 || true)
    [[ -z "$execs" ]] && execs=$(grep -aoE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
    secs=$(grep -aoE 'Done [0-9]+ runs in [0-9]+ second' "$log" | grep -oE 'in [0-9]+' | grep -oE '[0-9]+' | tail -1 || true)
    [[ -z "$secs" ]] && secs=$(( $(date +%s) - $(stat -c %Y "$log.start") ))
    found=$(find "$FUZZ/artifacts/$t" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) -newer "$log.start" 2>/dev/null | wc -l) || found=0
    [[ $rc -ne 0 ]] && { status=1; found="$found (exit $rc, see $log)"; }
    rate=$(( ${execs:-0} / (secs > 0 ? secs : 1) ))
    printf '%-14s %12s %8s %8s %s\n' "$t" "${execs:-0}" "$secs" "$rate" "$found"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "${execs:-0}" "$secs" "$rc" "${OPT[*]:-debug-assertions}" >> "$FUZZ/artifacts/runs.tsv"
done
exit $status

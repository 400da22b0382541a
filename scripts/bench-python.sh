#!/usr/bin/env bash
# Time gxbg.parse_many on 1 vs 2 workers over the sample corpus (examples/reports/* and
# tests/seeds/*, repeated to a batch of 1000 files) and print the speed-up.
# Target: >= 1.8x on 2 cores. Informational: exits 0 whatever the ratio (the machine may be
# shared), non-zero only if the build or the run fails.
#
#   scripts/bench-python.sh [batch-size]     (default 1000)
#
# The timing is the comparison harness's own (benches/compare/peer_python.py gxbg): 1 and 2
# workers in 5 alternating pairs, the speed-up the median of the per-pair ratios, the
# results compared between worker counts. Builds and installs the release wheel into the
# test venv first (scripts/test-python.sh --build-only); set GXBG_BENCH_NO_BUILD=1 to use
# the wheel already installed there.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${GXBG_PY_VENV:-$ROOT/bindings/python/.venv}"
if [ "${GXBG_BENCH_NO_BUILD:-}" != "1" ]; then
    "$ROOT/scripts/test-python.sh" --build-only
fi
files=()
for f in "$ROOT"/examples/reports/* "$ROOT"/tests/seeds/*.txt; do
    [ -f "$f" ] && files+=("$f")
done
cd "$(mktemp -d)"   # import the installed wheel, not the source tree
line="$("$VENV/bin/python" "$ROOT/benches/compare/peer_python.py" gxbg --batch "${1:-1000}" "${files[@]}")"
exec "$VENV/bin/python" - "$line" <<'PY'
import json, os, sys

r = json.loads(sys.argv[1])
print(f"gxbg {r['gxbg_version']}: {r['items']} files ({r['files']} distinct, {r['bytes'] / 1e6:.1f} MB), "
      f"{os.cpu_count()} CPUs, load {r['load']:.2f}")
for w in (1, 2):
    wall = r[f"w{w}_wall_s"]
    print(f"workers={w}: {wall:.3f} s (median of {r['pairs']}), {r['items'] / wall:.0f} files/s, "
          f"{r[f'w{w}_ok']} reports; CPU {r[f'w{w}_cpu_s']:.3f} s, CPU/wall {r[f'w{w}_cpu_s'] / wall:.2f}")
if "error" in r:
    sys.exit(f"bench-python: {r['error']}")
lo, hi = r["speedup_2v1_range"]
print("(CPU/wall well below the worker count means the cores were busy elsewhere: the wall-clock\n"
      " speed-up is then not meaningful; equal CPU seconds for 1 and 2 workers mean the threads\n"
      f" do not contend [CPU ratio 1w/2w = {r['cpu_ratio_1v2']:.2f}])")
ratio = r["speedup_2v1"]
print(f"speed-up 2 vs 1 workers: {ratio:.2f}x (median of {r['pairs']} alternating pairs, {lo:.2f}-{hi:.2f}; "
      f"target >= 1.8x){'' if ratio >= 1.8 else '  BELOW TARGET'}")
PY

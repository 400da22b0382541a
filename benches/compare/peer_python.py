"""Python sides of the comparison harness (scripts/bench.sh runs this; see benches/compare/README.md).

    python peer_python.py pandas [--runs N] [--budget-ms MS] FILE...
    python peer_python.py gxbg   [--batch N] FILE...

`pandas`: the analyst's script: decode the page (its declared charset, else UTF-8, else
GB18030), read every table with pandas.read_html (lxml), take the page text with lxml and
convert it with OpenCC tw2sp (`opencc` from PyPI). One JSON line per file: median and
minimum milliseconds per page, tables and cells found, characters converted.

`gxbg`: gxbg.parse_many over the files repeated to a batch of about N items, with 1 and 2
workers timed in 5 pairs (the order alternating): per-report milliseconds (median), the
2-vs-1 speed-up (median of the per-pair ratios, and their range), and CPU seconds (a busy
machine shows as CPU/wall well under the worker count). One JSON line.
"""

import io
import json
import os
import pathlib
import re
import resource
import statistics
import sys
import time
import warnings

# parse_many: 1 and 2 workers are timed this many times each, in pairs.
PAIRS = 5

CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def decode(raw: bytes) -> str:
    m = CHARSET.search(raw[:4096])
    if m:
        name = m.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk", "x-gbk"):
            name = "gb18030"
        try:
            return raw.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def args(argv):
    opts = {"runs": 50, "budget_ms": 1500.0, "batch": 200}
    files = []
    it = iter(argv)
    for a in it:
        if a == "--runs":
            opts["runs"] = int(next(it))
        elif a == "--budget-ms":
            opts["budget_ms"] = float(next(it))
        elif a == "--batch":
            opts["batch"] = int(next(it))
        else:
            files.append(a)
    return opts, files


def measure(fn, runs, budget_ms):
    # Warm-up: at least 3 runs and 300 ms (at most 20 runs).
    w0 = time.perf_counter()
    for i in range(20):
        if i >= 3 and time.perf_counter() - w0 > 0.3:
            break
        fn()
    times = []
    start = time.perf_counter()
    while len(times) < runs and (len(times) < 5 or (time.perf_counter() - start) * 1e3 < budget_ms):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1e3)
    return statistics.median(times), min(times), len(times)


def run_pandas(opts, files):
    import lxml.html
    import opencc
    import pandas as pd

    warnings.simplefilter("ignore")
    cc = opencc.OpenCC("tw2sp")
    for f in files:
        raw = open(f, "rb").read()
        found = {}

        def job():
            html = decode(raw)
            try:
                tables = pd.read_html(io.StringIO(html), flavor="lxml")
            except ValueError:  # "No tables found"
                tables = []
            text = lxml.html.fromstring(html).text_content()
            out = cc.convert(text)
            found["tables"] = len(tables)
            found["cells"] = int(sum(df.size + df.columns.size for df in tables))
            found["chars"] = len(out)

        try:
            med, best, n = measure(job, opts["runs"], opts["budget_ms"])
            print(json.dumps({"file": f, "bytes": len(raw), "ms": med, "min_ms": best, "runs": n, **found}), flush=True)
        except Exception as e:  # a peer failing on a page is reported, not fatal
            print(json.dumps({"file": f, "bytes": len(raw), "error": f"{type(e).__name__}: {e}"}), flush=True)


def run_gxbg(opts, files):
    import gxbg

    # Paths as pathlib.Path: gxbg reads them (a str is taken as the page's text itself).
    files = [pathlib.Path(f) for f in files if os.path.isfile(f)]
    reps = max(1, -(-opts["batch"] // max(1, len(files))))
    items = files * reps
    size = sum(os.path.getsize(f) for f in items)
    # Warm-up (page cache, lazy tables, and parse_many's worker pool for 2 workers, which
    # is kept between calls: both worker counts start warm).
    gxbg.parse_many(files, workers=1)
    gxbg.parse_many(files * 4, workers=2)
    out = {"files": len(files), "items": len(items), "bytes": size, "gxbg_version": gxbg.__version__}
    # 1 and 2 workers timed in pairs, seconds apart, the order alternating from pair to pair;
    # the speed-up is the median of the per-pair ratios. This VM has fast and slow spells
    # (1 worker: 0.57-0.75 s for the same batch in consecutive runs): three runs of 1 worker
    # and then three of 2 compared two different machines.
    walls = {1: [], 2: []}
    cpus = {1: [], 2: []}
    summaries = {}
    for pair in range(PAIRS):
        for workers in ((1, 2) if pair % 2 == 0 else (2, 1)):
            # Free the previous batch before the clock starts (a serial, GIL-held drop of
            # 1000 reports, ~3 % of a 1-worker run, which the rebinding below would time).
            res = None
            c0 = resource.getrusage(resource.RUSAGE_SELF)
            t0 = time.perf_counter()
            res = gxbg.parse_many(items, workers=workers)
            wall = time.perf_counter() - t0
            c1 = resource.getrusage(resource.RUSAGE_SELF)
            walls[workers].append(wall)
            cpus[workers].append((c1.ru_utime - c0.ru_utime) + (c1.ru_stime - c0.ru_stime))
            if workers not in summaries:
                summaries[workers] = res
    reference = None
    for workers in (1, 2):
        res = summaries[workers]
        ok = [r for r in res if isinstance(r, gxbg.Report)]
        if len(ok) < len(res):
            errors = [repr(r) for r in res if not isinstance(r, gxbg.Report)]
            out["error"] = f"{len(errors)} of {len(res)} items failed, e.g. {errors[0][:200]}"
        summary = [r.to_json() if isinstance(r, gxbg.Report) else repr(r) for r in res]
        if reference is None:
            reference = summary
        elif summary != reference:
            out["error"] = "results differ between worker counts"
        wall = statistics.median(walls[workers])
        out[f"w{workers}_ms_per_report"] = wall * 1e3 / len(items)
        out[f"w{workers}_wall_s"] = wall
        out[f"w{workers}_cpu_s"] = statistics.median(cpus[workers])
        out[f"w{workers}_ok"] = len(ok)
        out[f"w{workers}_tables"] = sum(
            1 for r in ok for t in ("proactive", "requests", "appeals") if getattr(r.tables, t).status != "missing"
        )
    out["pairs"] = PAIRS
    ratios = [a / b for a, b in zip(walls[1], walls[2])]
    out["speedup_2v1"] = statistics.median(ratios)
    out["speedup_2v1_range"] = [min(ratios), max(ratios)]
    out["cpu_ratio_1v2"] = statistics.median([a / max(b, 1e-9) for a, b in zip(cpus[1], cpus[2])])
    out["load"] = os.getloadavg()[0]
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in ("pandas", "gxbg"):
        sys.exit(__doc__)
    o, fs = args(sys.argv[2:])
    (run_pandas if sys.argv[1] == "pandas" else run_gxbg)(o, fs)

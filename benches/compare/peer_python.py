"""Python sides of the comparison harness (scripts/bench.sh runs this; see benches/compare/README.md).

    python peer_python.py pandas [--runs N] [--budget-ms MS] FILE...
    python peer_python.py gxbg   [--batch N] FILE...

`pandas`: the analyst's script: decode the page (its declared charset, else UTF-8, else
GB18030), read every table with pandas.read_html (lxml), take the page text with lxml and
convert it with OpenCC tw2sp (`opencc` from PyPI). One JSON line per file: median and
minimum milliseconds per page, tables and cells found, characters converted.

`gxbg`: gxbg.parse_many over the files repeated to a batch of about N items, with 1 and 2
workers (best of 3 each): per-report milliseconds, the 2-vs-1 speed-up, and CPU seconds (a
busy machine shows as CPU/wall well under the worker count). One JSON line.
"""

import io
import json
import os
import pathlib
import re
import resource
import sys
import time
import warnings

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
    times.sort()
    n = len(times)
    med = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
    return med, times[0], n


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
    gxbg.parse_many(files, workers=1)  # warm-up (page cache, lazy tables)
    out = {"files": len(files), "items": len(items), "bytes": size, "gxbg_version": gxbg.__version__}
    reference = None
    for workers in (1, 2):
        best = (float("inf"), 0.0)
        for _ in range(3):
            # Free the previous batch's 1000 reports before the clock starts: rebinding `res`
            # frees them after parse_many returns but before `wall` is read, which timed a
            # serial (GIL-held) drop of a whole batch as part of every parallel run.
            res = None
            c0 = resource.getrusage(resource.RUSAGE_SELF)
            t0 = time.perf_counter()
            res = gxbg.parse_many(items, workers=workers)
            wall = time.perf_counter() - t0
            c1 = resource.getrusage(resource.RUSAGE_SELF)
            cpu = (c1.ru_utime - c0.ru_utime) + (c1.ru_stime - c0.ru_stime)
            if wall < best[0]:
                best = (wall, cpu)
        ok = [r for r in res if isinstance(r, gxbg.Report)]
        if len(ok) < len(res):
            errors = [repr(r) for r in res if not isinstance(r, gxbg.Report)]
            out["error"] = f"{len(errors)} of {len(res)} items failed, e.g. {errors[0][:200]}"
        summary = [r.to_json() if isinstance(r, gxbg.Report) else repr(r) for r in res]
        if reference is None:
            reference = summary
        elif summary != reference:
            out["error"] = "results differ between worker counts"
        out[f"w{workers}_ms_per_report"] = best[0] * 1e3 / len(items)
        out[f"w{workers}_wall_s"] = best[0]
        out[f"w{workers}_cpu_s"] = best[1]
        out[f"w{workers}_ok"] = len(ok)
        out[f"w{workers}_tables"] = sum(
            1 for r in ok for t in ("proactive", "requests", "appeals") if getattr(r.tables, t).status != "missing"
        )
    out["speedup_2v1"] = out["w1_wall_s"] / out["w2_wall_s"]
    out["cpu_ratio_1v2"] = out["w1_cpu_s"] / max(out["w2_cpu_s"], 1e-9)
    out["load"] = os.getloadavg()[0]
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in ("pandas", "gxbg"):
        sys.exit(__doc__)
    o, fs = args(sys.argv[2:])
    (run_pandas if sys.argv[1] == "pandas" else run_gxbg)(o, fs)

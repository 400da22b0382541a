"""The comparison harness: every side on the same files, one table. Run by scripts/bench.sh.

    python3 run.py --native EXE [--native-mimalloc EXE] [--wasm-pkg PKG/node.js] [--venv-python PY] [--node NODE]
                   [--runs N] [--budget-ms MS] [--rounds N] [--batch N] [--markdown OUT.md]
                   [--variants-dir DIR] FILE...

The timed sides run in --rounds rounds (default 4), in an order rotated each round, each
round with budget/rounds of time per file and side; ratios are taken within a round.

Sides (each skipped with "not built"/"not installed" when its piece is missing):
  gxbg native    EXE (the `native` bench binary): parse_bytes end to end; it also times
                 html5ever's bare tokenizer (no-op sink) over the whole page: the floor.
                 It allocates with the system allocator, as a program embedding the library
                 does by default.
  gxbg native, mimalloc   EXE (the `native_mimalloc` bench binary): the same with
                 mimalloc, the allocator the CLI and the Python extension ship with.
  gxbg wasm      node peer_node.mjs wasm PKG: the npm package's parse(bytes) in Node.
  gxbg python    PY peer_python.py gxbg: parse_many over the files (repeated to a batch),
                 1 and 2 workers.
  pandas+OpenCC  PY peer_python.py pandas: pandas.read_html (lxml) + OpenCC tw2sp.
  cheerio+opencc node peer_node.mjs cheerio: cheerio.load, every table's cells, opencc-js.

Every side reports the tables (and cells) it found per file, printed next to its time,
so no side wins by doing less. Ratios are computed from per-file medians measured in
this run, on the HTML pages (the peers read HTML; text extractions are timed for gxbg only).

Pages under --variants-dir (the portal-page variants of benches/variants.rs, written by
`scripts/bench.sh --variants`) are timed like the others but summed up in a group of their
own, "portal-page variants (derived)": they are one real page dressed several ways, so they
stay out of the "all HTML pages" and "portal pages" groups the bars are read on, and out of
the parse_many batch.
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# The timing fields of the sides' rows (native: gxbg_ms, tokenize_ms; the peers: ms).
TIME_KEYS = ("gxbg_ms", "tokenize_ms", "ms")


def timing(row, key):
    """A row's time `key` in ms, or None when the side did not measure it (null, error)."""
    v = row.get(key)
    return v if isinstance(v, (int, float)) else None


def parse_args(argv):
    o = {"native": None, "native_mi": None, "wasm": None, "py": None, "node": "node", "runs": "50", "budget": "1500", "batch": "1000",
         "rounds": "4", "markdown": None, "variants_dir": None, "files": []}
    it = iter(argv)
    for a in it:
        if a == "--native":
            o["native"] = next(it)
        elif a == "--native-mimalloc":
            o["native_mi"] = next(it)
        elif a == "--wasm-pkg":
            o["wasm"] = next(it)
        elif a == "--venv-python":
            o["py"] = next(it)
        elif a == "--node":
            o["node"] = next(it)
        elif a == "--runs":
            o["runs"] = next(it)
        elif a == "--budget-ms":
            o["budget"] = next(it)
        elif a == "--batch":
            o["batch"] = next(it)
        elif a == "--rounds":
            o["rounds"] = next(it)
        elif a == "--markdown":
            o["markdown"] = next(it)
        elif a == "--variants-dir":
            o["variants_dir"] = next(it)
        else:
            o["files"].append(a)
    return o


def run_lines(cmd, cwd=None, timeout=1800):
    """Run a side; its JSON lines by file (or an error string)."""
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, f"{type(e).__name__}: {e}"
    rows = []
    for line in p.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    if p.returncode != 0 and not rows:
        return None, (p.stderr.strip().splitlines() or [f"exit {p.returncode}"])[-1]
    return rows, None


def have_module(py, mods):
    if not py or not os.path.exists(py):
        return False
    code = "import importlib.util,sys; sys.exit(0 if all(importlib.util.find_spec(m) for m in sys.argv[1:]) else 1)"
    return subprocess.run([py, "-c", code, *mods], capture_output=True).returncode == 0


def fmt_ms(x):
    if x is None or x != x:
        return "—"
    return f"{x:.2f}" if x < 100 else f"{x:.0f}"


def main():
    o = parse_args(sys.argv[1:])
    files = [f for f in o["files"] if os.path.isfile(f)]
    html_files = [f for f in files if f.lower().endswith((".html", ".htm"))]
    vdir = os.path.join(os.path.abspath(o["variants_dir"]), "") if o["variants_dir"] else None
    variant_files = [f for f in html_files if vdir and os.path.abspath(f).startswith(vdir)]
    real_html = [f for f in html_files if f not in variant_files]
    notes = []
    sides = {}
    by_round = {}  # side -> file -> round -> row

    t0 = time.time()
    # The timed sides, each one command over the files. They run in rounds, in an order
    # rotated from round to round, each round with a share of the time budget: on this kind
    # of machine (a shared VM) one process can run 1.6x faster than the next for tens of
    # seconds, so a side timed only at the start and a side timed a minute later do not see
    # the same machine. Ratios are taken within a round (sides seconds apart), then the
    # median over rounds.
    rounds = max(1, int(o["rounds"]))
    round_budget = max(100, int(o["budget"]) // rounds)
    per_round = ["--runs", o["runs"], "--budget-ms", str(round_budget)]
    cmds = []
    if o["native"] and os.path.exists(o["native"]):
        cmds.append(("native", "gxbg native", [o["native"], *per_round, *files]))
    else:
        notes.append("gxbg native: not built")
    if o["native_mi"] and os.path.exists(o["native_mi"]):
        cmds.append(("native_mi", "gxbg native, mimalloc", [o["native_mi"], "--no-floor", *per_round, *files]))
    else:
        notes.append("gxbg native, mimalloc: not built")
    if o["wasm"] and os.path.exists(o["wasm"]):
        cmds.append(("wasm", "gxbg wasm", [o["node"], os.path.join(HERE, "peer_node.mjs"), "wasm", os.path.abspath(o["wasm"]), *per_round, *files]))
    else:
        notes.append("gxbg wasm: not built (scripts/build-wasm.sh)")
    if os.path.isdir(os.path.join(HERE, "node_modules", "cheerio")):
        cmds.append(("cheerio", "cheerio+opencc-js", [o["node"], os.path.join(HERE, "peer_node.mjs"), "cheerio", *per_round, *html_files]))
    else:
        notes.append("cheerio+opencc-js: not installed (npm ci in benches/compare)")
    if have_module(o["py"], ["pandas", "lxml", "opencc"]):
        cmds.append(("pandas", "pandas+OpenCC", [o["py"], os.path.join(HERE, "peer_python.py"), "pandas", *per_round, *html_files]))
    else:
        notes.append("pandas+OpenCC: not installed (venv with pandas, lxml, opencc)")

    for r in range(rounds):
        k = r % len(cmds) if cmds else 0
        for side, name, cmd in cmds[k:] + cmds[:k]:
            rows, err = run_lines(cmd)
            for row in rows or []:
                by_round.setdefault(side, {}).setdefault(row.get("file"), {})[r] = row
            if err and f"{name}: {err}" not in notes:
                notes.append(f"{name}: {err}")
    # A file's row per side: what the first round found, its times the median over rounds.
    for side, per_file in by_round.items():
        sides[side] = {}
        for f, rr in per_file.items():
            row = dict(next(iter(rr.values())))
            for key in TIME_KEYS:
                vs = [v for v in (timing(x, key) for x in rr.values()) if v is not None]
                if vs:
                    row[key] = statistics.median(vs)
            sides[side][f] = row

    # gxbg python parse_many (HTML pages, repeated to a batch).
    py_row = None
    if have_module(o["py"], ["gxbg"]):
        rows, err = run_lines([o["py"], os.path.join(HERE, "peer_python.py"), "gxbg", "--batch", o["batch"], *real_html])
        py_row = (rows or [None])[0]
        if err:
            notes.append(f"gxbg python: {err}")
        if py_row and "error" in py_row:
            notes.append(f"gxbg python: {py_row['error']}")
    else:
        notes.append("gxbg python: not built (scripts/test-python.sh --build-only)")
    elapsed = time.time() - t0

    out = []
    p = out.append

    def ms(side, f, key="ms"):
        r = sides.get(side, {}).get(f)
        if not r or "error" in r:
            return None
        return r.get(key)

    def found(side, f):
        r = sides.get(side, {}).get(f)
        if not r:
            return "—"
        if "error" in r:
            return "error"
        return f"{r.get('tables', '?')}/{r.get('cells', '?')}"

    # Per-file table.
    p("| file | KB | gxbg native ms | gxbg native, mimalloc ms | html5ever tokenize ms | gxbg wasm ms | pandas+OpenCC ms | cheerio+opencc-js ms |"
      " tables/cells: native · wasm · pandas · cheerio |")
    p("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for f in files:
        nat = sides.get("native", {}).get(f, {})
        size = os.path.getsize(f) / 1024
        cells = " · ".join([
            f"{nat.get('tables', '—')}/{nat.get('cells', '—')} (canonical {nat.get('canonical_tables', '—')}/{nat.get('canonical_cells', '—')})" if nat else "—",
            found("wasm", f), found("pandas", f), found("cheerio", f)])
        p(f"| {os.path.relpath(f)} | {size:.0f} | {fmt_ms(ms('native', f, 'gxbg_ms'))} | {fmt_ms(ms('native_mi', f, 'gxbg_ms'))} | "
          f"{fmt_ms(ms('native', f, 'tokenize_ms'))} | "
          f"{fmt_ms(ms('wasm', f))} | {fmt_ms(ms('pandas', f))} | {fmt_ms(ms('cheerio', f))} | {cells} |")
    p("")

    # Summary over the HTML pages, over the portal pages (≥ 100 KB), and over the derived variants.
    groups = [("all HTML pages", real_html), ("portal pages (≥ 100 KB)", [f for f in real_html if os.path.getsize(f) >= 100_000])]
    if variant_files:
        groups.append(("portal-page variants (derived)", variant_files))
    p("| pages | side | files | MB | median ms / report | throughput MB/s |")
    p("|---|---|---:|---:|---:|---:|")
    side_keys = [("gxbg native", "native", "gxbg_ms"), ("gxbg native, mimalloc (as the CLI, Python)", "native_mi", "gxbg_ms"),
                 ("html5ever tokenizer (floor)", "native", "tokenize_ms"),
                 ("gxbg wasm (Node)", "wasm", "ms"), ("pandas + OpenCC", "pandas", "ms"), ("cheerio + opencc-js", "cheerio", "ms")]
    for gname, gfiles in groups:
        if not gfiles:
            continue
        for label, side, key in side_keys:
            vals = [(f, ms(side, f, key)) for f in gfiles]
            vals = [(f, v) for f, v in vals if v is not None]
            if not vals:
                p(f"| {gname} | {label} | 0 | — | — | — |")
                continue
            mb = sum(os.path.getsize(f) for f, _ in vals) / 1e6
            total = sum(v for _, v in vals)
            p(f"| {gname} | {label} | {len(vals)} | {mb:.2f} | {fmt_ms(statistics.median(v for _, v in vals))} | {mb / (total / 1e3):.1f} |")
    if py_row and "w1_ms_per_report" in py_row:
        mb = py_row["bytes"] / 1e6
        for w in (1, 2):
            p(f"| all HTML pages | gxbg python parse_many, {w} worker{'s' if w > 1 else ''} ({py_row['items']} items) | "
              f"{py_row['files']} | {mb:.2f} (batch) | {fmt_ms(py_row[f'w{w}_ms_per_report'])} | {mb / py_row[f'w{w}_wall_s']:.1f} |")
    p("")

    # Ratios against the bars.
    def ratios(num_side, num_key, den_side, den_key, gfiles):
        """Per file: the median over rounds of the ratio of the two sides' times in the same round."""
        rs = []
        for f in gfiles:
            a_r = by_round.get(num_side, {}).get(f, {})
            b_r = by_round.get(den_side, {}).get(f, {})
            pairs = [(timing(a_r[r], num_key), timing(b_r[r], den_key)) for r in a_r if r in b_r]
            per = [a / b for a, b in pairs if a is not None and b is not None and b > 0]
            if per:
                rs.append(statistics.median(per))
        return rs

    p("| bar | pages | ratio: median over files (min – max) | target | met |")
    p("|---|---|---|---|---|")
    bars = [("native vs pandas+OpenCC", "pandas", "ms", "native", "gxbg_ms", 30.0),
            ("native, mimalloc vs pandas+OpenCC", "pandas", "ms", "native_mi", "gxbg_ms", 30.0),
            ("native vs html5ever tokenizer", "native", "tokenize_ms", "native", "gxbg_ms", 1.0),
            ("native, mimalloc vs html5ever tokenizer", "native", "tokenize_ms", "native_mi", "gxbg_ms", 1.0),
            ("wasm vs cheerio+opencc-js", "cheerio", "ms", "wasm", "ms", 5.0)]
    for label, ns, nk, ds, dk, target in bars:
        for gname, gfiles in groups:
            rs = ratios(ns, nk, ds, dk, gfiles)
            if not rs:
                p(f"| {label} | {gname} | not measured | ≥ {target:g}× | — |")
                continue
            med = statistics.median(rs)
            cmp = "≥" if target > 1 else ">"
            met = "yes" if (med >= target if target > 1 else med > target) else "NO"
            p(f"| {label} | {gname} | {med:.1f}× ({min(rs):.1f} – {max(rs):.1f}) | {cmp} {target:g}× | {met} |")
    if py_row and "speedup_2v1" in py_row:
        s = py_row["speedup_2v1"]
        lo, hi = py_row["speedup_2v1_range"]
        p(f"| python parse_many 2 vs 1 workers | all HTML pages (batch of {py_row['items']}) | {s:.2f}× "
          f"({lo:.2f} – {hi:.2f} over {py_row['pairs']} pairs; CPU s 1w/2w {py_row['cpu_ratio_1v2']:.2f}; "
          f"CPU/wall 2w {py_row['w2_cpu_s'] / py_row['w2_wall_s']:.2f}) | ≥ 1.8× | "
          f"{'yes' if s >= 1.8 else 'NO'} |")
    else:
        p("| python parse_many 2 vs 1 workers | — | not measured | ≥ 1.8× | — |")
    p("")
    for n in notes:
        p(f"- {n}")
    cpu = ""
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((l.split(":", 1)[1].strip() for l in fh if l.startswith("model name")), "")
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",) * 3
    p(f"- machine: {os.cpu_count()} CPUs, {cpu or platform.processor()}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
      f"at the end; harness {elapsed:.0f} s; {rounds} rounds, sides in a rotated order each round, each round up to {o['runs']} runs "
      f"within {round_budget} ms per file and side; a time is the median over rounds of the per-round medians, "
      f"a ratio the median over files of the median over rounds of the per-round ratio")

    text = "\n".join(out)
    print(text)
    if o["markdown"]:
        os.makedirs(os.path.dirname(os.path.abspath(o["markdown"])), exist_ok=True)
        with open(o["markdown"], "w") as fh:
            fh.write(text + "\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""How often pandas.read_html disagrees with Chromium on the grid-diff tables.

    python tools/grid-diff/pandas_diff.py OUT/pages [--limit N]

Reads the pages that `run.mjs --save-pages` kept (each page's HTML and Chromium's geometry
per table) and, for every generated table that Chromium draws with at least one cell, runs
`pandas.read_html(text, attrs={"id": ID})` (default flavor: lxml), `text` being the page's
head and the case's HTML (the whole case: its outer table, with any nested ones).

Compared: where each cell's token lands. Chromium: the slots the cell covers (rows × columns
from its rectangle; colspan cut, as in harness.mjs, where it runs over a cell spanning down
from an earlier row). pandas: every slot of the frame — header rows (the column labels, one
row per level) then the body rows — whose text contains the token (read_html copies a
spanning cell's text into every slot it covers). Rows that no cell covers are dropped from
Chromium's grid first (read_html skips blank rows), so pandas is not blamed for them. A
table agrees when every token's slot set is equal; an exception (read_html raises on a
non-numeric span, for example), more than 2 s or more than the memory limit counts as an
error. A case agrees when all its tables (outer and nested) agree; cases without any cell
are left out.

Figures are given for all tables and for the "plain" ones: every cell of the table (nested
tables' included) has `colspan`/`rowspan` absent or a plain number 1..1000 (as lxml reads
the attribute) — the tables of real pages, where read_html's `int()` on the attribute does
not raise.

Prints a JSON summary on stdout.
"""
import io
import json
import re
import resource
import signal
import sys
import warnings
from pathlib import Path

import lxml.html
import pandas as pd

TOKEN = re.compile(r"T(\d+)_")
TIME_LIMIT_S = 2
PLAIN = re.compile(r"[1-9][0-9]{0,2}|1000")
MEMORY_LIMIT = 4 << 30


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout()


def chromium_slots(table):
    """token -> set of (row, col), empty rows removed."""
    cells = table["cells"]
    cut = []
    for x in cells:
        cs = x["cs"]
        for y in cells:
            if y is x:
                continue
            if y["r"] < x["r"] < y["r"] + y["rs"] and x["c"] < y["c"] < x["c"] + cs:
                cs = y["c"] - x["c"]
        cut.append(cs)
    covered = sorted({r for x in cells for r in range(x["r"], x["r"] + x["rs"])})
    new_row = {r: i for i, r in enumerate(covered)}
    slots = {}
    for x, cs in zip(cells, cut):
        s = slots.setdefault(x["tok"], set())
        for r in range(x["r"], x["r"] + x["rs"]):
            for c in range(x["c"], x["c"] + cs):
                s.add((new_row[r], c))
    return slots


def pandas_slots(df):
    """token -> set of (row, col) in the frame: header rows first, then the body."""
    rows = []
    cols = df.columns
    if isinstance(cols, pd.MultiIndex):
        for level in range(cols.nlevels):
            rows.append([str(t[level]) for t in cols])
    elif not all(pd.api.types.is_integer(c) for c in cols):
        rows.append([str(c) for c in cols])
    for r in df.itertuples(index=False):
        rows.append(["" if v is None else str(v) for v in r])
    slots = {}
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            for m in TOKEN.finditer(text):
                slots.setdefault(int(m.group(1)), set()).add((i, j))
    return slots


def is_plain(html, tid):
    doc = lxml.html.fromstring(html)
    found = doc.xpath("//table[@id=$i]", i=tid)
    if not found:
        return False
    for cell in found[0].iter("td", "th"):
        for a in ("colspan", "rowspan"):
            v = cell.get(a)
            if v is not None and not PLAIN.fullmatch(v):
                return False
    return True


def compare(html, tid, table):
    """("agree" | "wrong" | "error", why)."""
    try:
        return compare_once(html, tid, table)
    except Timeout:  # the alarm can also fire while it is being cancelled
        return "error", "timeout"


def compare_once(html, tid, table):
    want = chromium_slots(table)
    signal.alarm(TIME_LIMIT_S)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dfs = pd.read_html(io.StringIO(html), attrs={"id": tid})
        got = pandas_slots(dfs[0])
    except Timeout:
        return "error", "timeout"
    except MemoryError:
        return "error", "MemoryError"
    except Exception as e:  # read_html's own failures: count them, never stop
        return "error", f"{type(e).__name__}: {str(e)[:80]}"
    finally:
        signal.alarm(0)
    bad = [t for t in want if got.get(t, set()) != want[t]]
    if bad:
        t = bad[0]
        return "wrong", f"T{t}_: Chromium {sorted(want[t])[:4]}, pandas {sorted(got.get(t, set()))[:4]}"
    return "agree", ""


def main():
    pages = Path(sys.argv[1])
    limit = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--limit" else None
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    signal.signal(signal.SIGALRM, on_alarm)
    rank = {"agree": 0, "wrong": 1, "error": 2}
    cases = {}  # case -> worst outcome over its tables
    plain_cases = {}  # the same, for cases whose tables are all plain
    tables = {"agree": 0, "wrong": 0, "error": 0, "skipped_no_cells": 0}
    plain_tables = {"agree": 0, "wrong": 0, "error": 0}
    errors = {}
    examples = []
    for meta_path in sorted(pages.glob("page-*.json")):
        meta = json.loads(meta_path.read_text())
        page = meta_path.with_suffix(".html").read_text()
        head = page[: min(t["offset"] for t in meta["tables"])]
        starts = sorted((t["offset"], t["key"]) for t in meta["tables"] if "_" not in t["id"])
        case_html = {}
        for k, (off, key) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else page.rindex("</body>")
            case_html[key] = head + page[off:end] + "</body></html>\n"
        for t in meta["tables"]:
            key = t["key"]
            chrome = meta["chrome"].get(t["id"])
            if not chrome or not chrome["cells"]:
                tables["skipped_no_cells"] += 1
                continue
            # A case counts once it has a table with cells (cases without any are skipped).
            cases.setdefault(key, "agree")
            plain_cases.setdefault(key, "agree")
            html = case_html[key]
            outcome, why = compare(html, t["id"], chrome)
            tables[outcome] += 1
            if is_plain(html, t["id"]):
                plain_tables[outcome] += 1
                if plain_cases[key] is not None and rank[outcome] > rank[plain_cases[key]]:
                    plain_cases[key] = outcome
            else:
                plain_cases[key] = None
            if outcome == "error":
                kind = why.split(":")[0]
                errors[kind] = errors.get(kind, 0) + 1
            if outcome != "agree" and len(examples) < 12:
                examples.append({"table": t["id"], "outcome": outcome, "why": why})
            if rank[outcome] > rank[cases[key]]:
                cases[key] = outcome
        print(f"pandas_diff: {meta_path.name}: {len(cases)} cases", file=sys.stderr, flush=True)
        if limit and len(cases) >= limit:
            break
    count = {k: sum(1 for v in cases.values() if v == k) for k in rank}
    plain = [v for v in plain_cases.values() if v is not None]
    pcount = {k: sum(1 for v in plain if v == k) for k in rank}
    print(json.dumps({
        "pandas": pd.__version__,
        "lxml": lxml.__version__,
        "flavor": "lxml (read_html's default)",
        "cases": len(cases),
        "cases_agree": count["agree"],
        "cases_wrong_positions": count["wrong"],
        "cases_error": count["error"],
        "plain_cases": len(plain),
        "plain_cases_agree": pcount["agree"],
        "plain_cases_wrong_positions": pcount["wrong"],
        "plain_cases_error": pcount["error"],
        "tables": tables,
        "plain_tables": plain_tables,
        "errors_by_kind": errors,
        "examples": examples,
    }, indent=1))


if __name__ == "__main__":
    main()

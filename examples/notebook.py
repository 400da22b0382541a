# %% [markdown]
# # gxbg in a notebook
#
# Parse the sample report pages shipped with the repository (`examples/reports/*`, real portal
# HTML pages, and `tests/seeds/*`, five real damaged text extractions), look at the canonical
# tables as a tidy DataFrame, and list what the checks found.
#
# Cells are marked `# %%` (VS Code, PyCharm, Jupytext); the file also runs as a plain script:
#
#     pip install bindings/python pandas
#     python examples/notebook.py

# %%
import pathlib

import gxbg

try:
    from IPython.display import display  # in a notebook: rich tables
except ImportError:  # a plain script: print them
    def display(obj):  # type: ignore[no-redef]
        print(obj)

import pandas as pd

pd.set_option("display.width", 200)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 40)

here = pathlib.Path(__file__).resolve().parent if "__file__" in globals() else pathlib.Path.cwd()
repo = here.parent if (here.parent / "tests" / "seeds").is_dir() else here
paths = sorted((repo / "examples" / "reports").glob("*")) + sorted((repo / "tests" / "seeds").glob("*.txt"))
print(f"gxbg {gxbg.__version__}: {len(paths)} files")

# %% [markdown]
# ## Parse everything at once
# `parse_many` parses in parallel in Rust. A file that is not a report comes back as a
# `gxbg.ParseError` in its slot instead of stopping the batch.

# %%
results = gxbg.parse_many(paths)
reports = [r for r in results if isinstance(r, gxbg.Report)]
for p, r in zip(paths, results):
    if isinstance(r, gxbg.ParseError):
        print(f"not parsed: {p.name}: [{r.code}] {r.reason}")

overview = pd.DataFrame(
    [
        {
            "file": pathlib.Path(r.source).name,
            "format": r.format,
            "year": r.meta.year,
            "publisher": r.meta.publisher,
            "kind": r.meta.document_kind,
            **{t: r.tables[t].status for t in r.tables},
            "figures": len(r.figures),
            "findings": len(r.findings),
        }
        for r in reports
    ]
)
display(overview)

# %% [markdown]
# ## One report: cells by key
# `report.tables.requests["granted"]["total"]` is a `Cell` with `.value`, `.raw`, `.state`.

# %%
best = max(reports, key=lambda r: sum(c.state == "value" for t in r.tables.values() for c in t.cells()), default=None)
if best is not None:
    print(best)
    req = best.tables.requests
    print("requests table:", req.status)
    if "granted" in req:
        cell = req["granted"]["total"]
        print("予以公开 总计:", cell.value, f"(raw {cell.raw!r}, state {cell.state})")

# %% [markdown]
# ## The tidy table
# Columns `source, table, row, column, value, raw, state` — the CLI's CSV, as a DataFrame.

# %%
df = gxbg.to_pandas(reports)
df["file"] = df["source"].map(lambda s: pathlib.Path(s).name)
display(df.head(10))
print(df.groupby(["file", "table"]).size().rename("cells").to_frame())

# %%
# Table 三 of the best report, one row per canonical row, one column per applicant kind.
if best is not None:
    req = df[(df.source == best.source) & (df.table == "requests")]
    if len(req):
        wide = req.pivot(index="row", columns="column", values="value")
        display(wide.reindex(index=list(best.tables.requests), columns=list(best.tables.requests[next(iter(best.tables.requests))])))

# %%
# Figures stated in the narrative (kept apart from the tables: table "prose:…").
prose = df[df.table.str.startswith("prose:")]
display(prose[["file", "table", "row", "column", "value", "raw"]].head(20))

# %% [markdown]
# ## Findings
# Failing identities, truncated or lost tables, prose figures that disagree with a table.

# %%
findings = pd.DataFrame(
    [
        {"file": pathlib.Path(r.source).name, "severity": f.severity, "rule": f.rule, "message": f.message_en}
        for r in reports
        for f in r.findings
    ],
    columns=["file", "severity", "rule", "message"],
)
display(findings if len(findings) else "no findings")

# %%
checks = pd.DataFrame(
    [
        {"file": pathlib.Path(r.source).name, "rule": c.rule, "on": c.on, "holds": c.holds, "expression": c.expression}
        for r in reports
        for c in r.checks
    ],
    columns=["file", "rule", "on", "holds", "expression"],
)
display(checks if len(checks) else "no checks")

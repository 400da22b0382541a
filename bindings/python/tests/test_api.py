"""The Python API: input types, conversions, DataFrames, parse_many, errors, docs."""

import inspect
import json
import os
import pathlib
import pickle
import pydoc
import subprocess
import sys
import threading

import pytest

import gxbg

from helpers import seed


def _without(d, *keys):
    return {k: v for k, v in d.items() if k not in keys}


# --- inputs -------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_bytes_str_path_same_report(prefix):
    path = seed(prefix)
    data = path.read_bytes()
    by_path = gxbg.parse(path).to_dict()
    by_bytes = gxbg.parse(data).to_dict()
    by_bytearray = gxbg.parse(bytearray(data)).to_dict()
    by_view = gxbg.parse(memoryview(data)).to_dict()
    by_str = gxbg.parse(data.decode("utf-8")).to_dict()
    assert by_path["source"] == str(path)
    assert by_bytes["source"] == "<bytes>"
    assert by_str["source"] == "<str>"
    assert _without(by_bytes, "source") == _without(by_path, "source")
    assert by_bytearray == by_bytes == by_view
    # A str was decoded by the caller: only how the encoding was chosen differs.
    assert by_str["encoding_source"] == "caller"
    assert _without(by_str, "source", "encoding_source") == _without(by_path, "source", "encoding_source")


def test_pathlike_kinds():
    path = seed("004")

    class P(os.PathLike):
        def __fspath__(self):
            return str(path)

    class PB(os.PathLike):
        def __fspath__(self):
            return os.fsencode(str(path))

    a = gxbg.parse(path)
    assert gxbg.parse(P()) == a
    assert gxbg.parse(PB()) == a


def test_name_sets_source():
    r = gxbg.parse(seed("004").read_bytes(), name="xuancheng-2024")
    assert r.source == "xuancheng-2024"
    assert r.to_dict()["source"] == "xuancheng-2024"


def test_bad_type():
    with pytest.raises(TypeError, match="str .* bytes"):
        gxbg.parse(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gxbg.parse(None)  # type: ignore[arg-type]


def test_str_that_names_a_file_gets_a_hint():
    with pytest.raises(gxbg.ParseError) as ei:
        gxbg.parse(str(seed("004")))
    assert "pathlib.Path" in str(ei.value)


def test_encodings_decoded_by_core():
    text = seed("004").read_text(encoding="utf-8")
    ref = gxbg.parse(text)
    gbk = gxbg.parse(text.encode("gb18030"))
    assert gbk.encoding.lower() in ("gbk", "gb18030")
    assert gbk.tables == ref.tables
    assert gbk.text == ref.text


# --- report object ------------------------------------------------------------------------

def test_report_attributes_typed():
    r = gxbg.parse(seed("004"))
    assert isinstance(r, gxbg.Report)
    assert isinstance(r.meta, gxbg.Meta)
    assert isinstance(r.conversion, gxbg.Conversion)
    assert isinstance(r.tables, gxbg.Tables)
    assert isinstance(r.tables.requests, gxbg.Table)
    assert isinstance(r.tables.requests["granted"], gxbg.Row)
    assert r.tables["requests"] is r.tables.requests
    assert list(r.tables) == ["proactive", "requests", "appeals"]
    assert r.input == "text"
    assert r.encoding == "UTF-8"
    assert all(isinstance(x, gxbg.Finding) for x in r.findings)
    assert all(isinstance(x, gxbg.Section) for x in r.sections)
    assert isinstance(r.text, str) and isinstance(r.original_text, str)
    assert "gxbg.Report" in repr(r)
    assert "<table>" in r._repr_html_()
    with pytest.raises(KeyError):
        r.tables["nope"]
    assert r.tables.cell("requests.nope.total") is None
    assert r.tables.cell("garbage") is None


def test_to_dict_and_json_same_shape():
    r = gxbg.parse(seed("004"))
    d = r.to_dict()
    assert json.loads(r.to_json()) == d
    assert json.loads(r.to_json(indent=2)) == d
    assert "\n  " in r.to_json(indent=2)
    assert list(d)[:5] == ["source", "input", "encoding", "encoding_source", "format"]
    assert d["tables"]["requests"]["rows"]["granted"]["total"]["value"] == r.tables.requests["granted"]["total"].value
    # to_dict returns a fresh copy each time.
    d["source"] = "changed"
    assert r.to_dict()["source"] == r.source


def test_to_csv_matches_pandas_rows():
    pd = pytest.importorskip("pandas")
    import io

    r = gxbg.parse(seed("004"))
    csv = r.to_csv()
    assert csv.splitlines()[0] == "source,table,row,column,value,raw,state"
    df_csv = pd.read_csv(io.StringIO(csv), dtype={"raw": str}, keep_default_na=False)
    df = r.to_pandas()
    assert len(df_csv) == len(df)
    assert list(df_csv["row"]) == list(df["row"])


def test_pickle_roundtrip():
    r = gxbg.parse(seed("003"))
    r2 = pickle.loads(pickle.dumps(r))
    assert r2 == r
    assert r2.to_dict() == r.to_dict()


def test_threads_share_nothing():
    paths = [seed(p) for p in ("000", "001", "002", "003", "004")]
    expected = [gxbg.parse(p).to_json() for p in paths]
    out = [None] * (len(paths) * 4)

    def work(i):
        out[i] = gxbg.parse(paths[i % len(paths)]).to_json()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(out))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == [expected[i % len(paths)] for i in range(len(out))]


# --- DataFrames ---------------------------------------------------------------------------

def _expected_rows(r):
    n = sum(len(row) for t in r.tables.values() if t.status != "missing" for row in t.values())
    return n + len(r.figures)


def test_to_pandas_shape_and_dtypes():
    pd = pytest.importorskip("pandas")
    r = gxbg.parse(seed("004"))
    df = r.to_pandas()
    assert list(df.columns) == ["source", "table", "row", "column", "value", "raw", "state"]
    assert len(df) == _expected_rows(r) > 0
    assert df["value"].dtype == "float64"
    for c in ("source", "table", "row", "column", "raw", "state"):
        assert df[c].dtype == object, c
    g = df[(df.table == "requests") & (df.row == "granted") & (df.column == "total")]
    assert len(g) == 1
    assert g["value"].iloc[0] == 327.0
    assert g["state"].iloc[0] == "value"
    no_number = df[df.state != "value"]
    assert no_number["value"].isna().all()
    assert (df["source"] == str(seed("004"))).all()
    assert isinstance(df, pd.DataFrame)


def test_to_pandas_many_and_missing_values():
    pytest.importorskip("pandas")
    paths = [seed(p) for p in ("000", "001", "002", "003", "004")]
    reports = [gxbg.parse(p) for p in paths]
    df = gxbg.to_pandas(reports)
    assert len(df) == sum(_expected_rows(r) for r in reports)
    assert set(df["source"]) <= {str(p) for p in paths}
    # 001: table 三 present without values → its rows are there, every value NaN.
    q = df[(df.source == str(paths[1])) & (df.table == "requests")]
    assert len(q) > 0 and q["value"].isna().all() and (q["state"] == "missing").all()
    # errors from parse_many are skipped
    mixed = reports[:1] + [gxbg.NotAReportError("x", source="y")]
    assert len(gxbg.to_pandas(mixed)) == _expected_rows(reports[0])
    with pytest.raises(TypeError):
        gxbg.to_pandas(["not a report"])


def test_to_pandas_empty_list():
    pytest.importorskip("pandas")
    df = gxbg.to_pandas([])
    assert list(df.columns) == list(gxbg.CSV_COLUMNS) and len(df) == 0
    assert df["value"].dtype == "float64"


def test_to_polars():
    pl = pytest.importorskip("polars")
    r = gxbg.parse(seed("004"))
    df = r.to_polars()
    assert df.columns == list(gxbg.CSV_COLUMNS)
    assert df.schema["value"] == pl.Float64
    assert df.height == _expected_rows(r)


def test_pandas_missing_message():
    # Run where pandas cannot be imported: the error names the fix.
    code = (
        "import sys, pathlib; sys.modules['pandas'] = None; import gxbg\n"
        f"r = gxbg.parse(pathlib.Path({str(seed('004'))!r}))\n"
        "try:\n    r.to_pandas()\nexcept ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "gxbg.to_pandas needs pandas: pip install pandas" in out.stdout


# --- parse_many ---------------------------------------------------------------------------

def test_parse_many_order_and_error_slots(tmp_path):
    good = [seed(p) for p in ("004", "000", "003")]
    missing = tmp_path / "nope.html"
    items = [
        good[0],
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        good[1],
        missing,
        b"",
        good[2].read_bytes(),
        "hello world, nothing to see",
        ("named", good[0].read_bytes()),
    ]
    out = gxbg.parse_many(items, workers=2)
    assert len(out) == len(items)
    assert isinstance(out[0], gxbg.Report) and out[0].source == str(good[0])
    assert isinstance(out[1], gxbg.BinaryFileError) and out[1].code == "binary"
    assert isinstance(out[2], gxbg.Report) and out[2].source == str(good[1])
    assert isinstance(out[3], gxbg.FileReadError) and isinstance(out[3], OSError)
    assert out[3].code == "io" and out[3].source == str(missing)
    assert isinstance(out[4], gxbg.EmptyInputError)
    assert isinstance(out[5], gxbg.Report) and out[5].source == "<bytes #5>"
    assert out[5].to_dict()["tables"] == gxbg.parse(good[2]).to_dict()["tables"]
    assert isinstance(out[6], gxbg.NotAReportError) and out[6].source == "<str #6>"
    assert isinstance(out[7], gxbg.Report) and out[7].source == "named"


def test_parse_many_workers_agree(seed_paths):
    items = list(seed_paths) * 6
    one = gxbg.parse_many(items, workers=1)
    two = gxbg.parse_many(items, workers=2)
    many = gxbg.parse_many(items, workers=16)
    default = gxbg.parse_many(items)
    singles = [gxbg.parse(p) for p in items]
    assert [r.to_json() for r in one] == [r.to_json() for r in singles]
    assert one == two == many == default


def test_parse_many_from_several_threads_and_worker_counts(seed_paths):
    # The worker threads are a pool kept between calls: calls from several Python threads
    # at once, with worker counts that change from call to call, each get all their results.
    items = list(seed_paths) * 3
    expected = [r.to_json() for r in gxbg.parse_many(items, workers=1)]
    results = {}

    def work(k):
        results[k] = [[r.to_json() for r in gxbg.parse_many(items, workers=w)] for w in (2, 3, 2, 16, 2)]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads)
    assert sorted(results) == [0, 1, 2]
    for runs in results.values():
        assert all(run == expected for run in runs)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_parse_many_in_a_forked_child():
    # A child forked after parse_many made its worker threads inherits the pool's bookkeeping
    # but not the threads: its own parse_many must neither hang nor fail.
    code = (
        "import os, pathlib, sys, gxbg\n"
        f"items = [pathlib.Path({str(seed('004'))!r})] * 8\n"
        "want = [r.to_json() for r in gxbg.parse_many(items, workers=2)]\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    got = [r.to_json() for r in gxbg.parse_many(items, workers=2)]\n"
        "    os._exit(0 if got == want else 3)\n"
        "_, status = os.waitpid(pid, 0)\n"
        "print('child', os.waitstatus_to_exitcode(status))\n"
        "sys.exit(0 if [r.to_json() for r in gxbg.parse_many(items, workers=2)] == want else 4)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "child 0" in out.stdout, out.stdout + out.stderr


def test_parse_many_raise_errors(tmp_path):
    items = [seed("004"), tmp_path / "missing-1", b"%PDF-1.4", tmp_path / "missing-2"]
    with pytest.raises(gxbg.FileReadError) as ei:
        gxbg.parse_many(items, raise_errors=True)
    assert ei.value.source == str(tmp_path / "missing-1")


def test_parse_many_arguments():
    assert gxbg.parse_many([]) == []
    assert len(gxbg.parse_many(iter([seed("004")]))) == 1
    with pytest.raises(ValueError):
        gxbg.parse_many([seed("004")], workers=0)
    with pytest.raises(TypeError):
        gxbg.parse_many([seed("004"), 3.5])
    with pytest.raises(TypeError):
        gxbg.parse_many([(1, 2, 3)])


# --- errors -------------------------------------------------------------------------------

def test_not_a_report_raises():
    with pytest.raises(gxbg.NotAReportError) as ei:
        gxbg.parse("今天天气很好，我们去公园散步。" * 20)
    e = ei.value
    assert isinstance(e, gxbg.ParseError) and isinstance(e, Exception)
    assert e.code == "not_a_report"
    assert e.source == "<str>"
    assert e.reason and e.reason in str(e)


def test_invalid_file_raises(tmp_path):
    p = tmp_path / "invalid.html"
    p.write_text("<html><body><p>Lorem ipsum dolor sit amet</p></body></html>", encoding="utf-8")
    with pytest.raises(gxbg.ParseError) as ei:
        gxbg.parse(p)
    assert ei.value.code == "not_a_report"
    assert ei.value.source == str(p)


def test_pdf_magic_raises_binary():
    data = b"%PDF-1.5\n%\xb5\xed\xae\xfb\n3 0 obj\n<< /Length 4 0 R >>\nstream\n" + bytes(range(256)) * 40
    with pytest.raises(gxbg.BinaryFileError) as ei:
        gxbg.parse(data)
    assert ei.value.code == "binary"
    assert ei.value.kind == "PDF"
    with pytest.raises(gxbg.BinaryFileError):
        gxbg.parse(b"PK\x03\x04" + b"\0" * 100)


def test_str_with_lone_surrogate_is_not_text():
    bad = "政府信息公开 \ud800 年度报告"
    with pytest.raises(gxbg.NotTextError) as ei:
        gxbg.parse(bad)
    assert ei.value.code == "not_text"
    out = gxbg.parse_many([bad, seed("004")])
    assert isinstance(out[0], gxbg.NotTextError) and out[0].source == "<str #0>"
    assert isinstance(out[1], gxbg.Report)


def test_empty_inputs():
    for src in (b"", "", "   \n\t ", bytearray()):
        with pytest.raises(gxbg.EmptyInputError) as ei:
            gxbg.parse(src)
        assert ei.value.code == "empty"


def test_missing_file_is_oserror(tmp_path):
    p = tmp_path / "does-not-exist.html"
    with pytest.raises(OSError) as ei:
        gxbg.parse(p)
    e = ei.value
    assert isinstance(e, gxbg.FileReadError) and isinstance(e, gxbg.ParseError)
    assert e.code == "io" and e.errno == 2 and e.filename == str(p)
    with pytest.raises(gxbg.FileReadError):
        gxbg.parse(tmp_path)  # a directory


def test_too_large():
    big = b" " * ((256 << 20) + 1)
    with pytest.raises(gxbg.TooLargeError) as ei:
        gxbg.parse(big)
    assert ei.value.code == "too_large"
    assert ei.value.size == len(big) and ei.value.limit == 256 << 20


def test_error_pickle():
    for e in gxbg.parse_many([b"%PDF-1", b"", pathlib.Path("/nonexistent/x")]):
        e2 = pickle.loads(pickle.dumps(e))
        assert type(e2) is type(e)
        assert (e2.code, e2.source, e2.reason, str(e2)) == (e.code, e.source, e.reason, str(e))


def test_panic_becomes_internal_error():
    from gxbg import _gxbg

    with pytest.raises(gxbg.InternalError) as ei:
        _gxbg._panic_in_core("boom")
    assert ei.value.code == "internal"
    assert "boom" in str(ei.value)
    assert isinstance(ei.value, gxbg.ParseError)


ROBUST = r"""
import random, sys, gxbg
kind = sys.argv[1]
rnd = random.Random(20240229)
if kind == "random-bytes":
    data = rnd.randbytes(10 << 20)
elif kind == "control-bytes":
    data = bytes(rnd.randrange(0, 9) for _ in range(1 << 20)) * 10
elif kind == "noise-text":
    alphabet = "|一二三四五六七八九十（）() 、.0123456789\n\t<>/—-"
    data = "".join(rnd.choice(alphabet) for _ in range(1 << 20)) * 10
elif kind == "tag-soup":
    data = ("<table><tr><td>" * 1000 + "1 | 2 | 3\n") * 1000
    data = data.encode()
try:
    r = gxbg.parse(data)
except gxbg.ParseError as e:
    print("raised", type(e).__name__, e.code)
else:
    print("parsed", r.format)
"""


@pytest.mark.parametrize("kind", ["random-bytes", "control-bytes"])
def test_10mb_garbage_raises_not_crashes(kind):
    # In a subprocess: whatever happens, this test process survives to report it.
    out = subprocess.run([sys.executable, "-c", ROBUST, kind], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, f"interpreter died ({out.returncode}): {out.stderr[-2000:]}"
    assert out.stdout.startswith("raised "), out.stdout
    assert "InternalError" not in out.stdout


@pytest.mark.parametrize("kind", ["noise-text", "tag-soup"])
def test_10mb_noise_does_not_crash(kind):
    out = subprocess.run([sys.executable, "-c", ROBUST, kind], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, f"interpreter died ({out.returncode}): {out.stderr[-2000:]}"
    assert out.stdout.startswith(("raised ", "parsed ")), out.stdout
    assert "InternalError" not in out.stdout


# --- docs and typing ----------------------------------------------------------------------

def test_help_has_docstrings():
    doc = pydoc.render_doc(gxbg.parse, renderer=pydoc.plaintext)
    assert "Parse one report page" in doc
    assert "convert_traditional" in doc and "os.PathLike" in doc and "ParseError" in doc
    sig = inspect.signature(gxbg.parse)
    assert sig.parameters["convert_traditional"].kind is inspect.Parameter.KEYWORD_ONLY
    assert sig.parameters["name"].default is None
    assert "in input order" in (gxbg.parse_many.__doc__ or "")
    assert "needs pandas" not in (gxbg.to_pandas.__doc__ or "")
    assert "source, table, row, column, value, raw, state" in (gxbg.to_pandas.__doc__ or "")
    for cls in (gxbg.Report, gxbg.Cell, gxbg.Table, gxbg.Finding, gxbg.Figure, gxbg.ParseError):
        assert cls.__doc__, cls
    for attr in ("source", "format", "meta", "tables", "findings", "checks", "figures", "sections", "text"):
        assert getattr(gxbg.Report, attr).__doc__, attr


def test_installed_package_has_typing_files():
    pkg = pathlib.Path(gxbg.__file__).parent
    assert (pkg / "py.typed").is_file()
    assert (pkg / "_gxbg.pyi").is_file()
    assert "site-packages" in str(pkg) or os.environ.get("GXBG_ALLOW_SOURCE_TREE")
    assert gxbg.__version__

"""The tidy CSV read back with pandas.read_csv gives the same DataFrame as gxbg.to_pandas:
same columns, rows, values and dtypes. For Report.to_csv() and for the CSV `gxbg batch`
writes (the CLI binary named by GXBG_CLI, which scripts/test-python.sh builds)."""

import io
import os
import pathlib
import subprocess

import pytest

import gxbg

from helpers import EXAMPLES, REPO, SEEDS

pd = pytest.importorskip("pandas")

CORPUS = REPO / "tests" / "fixtures" / "batch" / "corpus"
TEXT_COLUMNS = [c for c in gxbg.CSV_COLUMNS if c != "value"]


def read_tidy_csv(f):
    """The recipe (docs/SCALE-OUT.md): every column but `value` is text, kept as written
    (no "NA"/"null"/"" → NaN: a raw cell may read "无" or be empty); `value` is float64,
    NaN only where empty, parsed exactly (round_trip) as the core's numbers are written."""
    return pd.read_csv(
        f,
        dtype={**{c: str for c in TEXT_COLUMNS}, "value": "float64"},
        keep_default_na=False,
        na_values={"value": [""]},
        float_precision="round_trip",
    )


def inputs():
    files = sorted(p for p in EXAMPLES.iterdir() if p.is_file())
    files += sorted(SEEDS.glob("*.txt"))
    files += sorted(p for p in CORPUS.rglob("*.txt"))
    return files


def assert_same_frame(back, want):
    assert list(back.columns) == list(gxbg.CSV_COLUMNS)
    assert str(back["value"].dtype) == "float64"
    pd.testing.assert_frame_equal(back.reset_index(drop=True), want.reset_index(drop=True), check_dtype=True)


@pytest.mark.parametrize("path", inputs(), ids=lambda p: p.name)
def test_report_csv_round_trip(path):
    try:
        r = gxbg.parse(path)
    except gxbg.ParseError as e:
        assert path.name == "noise.txt", e  # the corpus's only .txt that is not a report
        return
    want = r.to_pandas()
    back = read_tidy_csv(io.StringIO(r.to_csv()))
    assert_same_frame(back, want)
    assert len(back) == len(want) > 0


def test_many_reports_round_trip_has_values_text_and_missing():
    reports = [r for r in gxbg.parse_many(inputs(), workers=2) if isinstance(r, gxbg.Report)]
    want = gxbg.to_pandas(reports)
    buf = io.StringIO()
    want.to_csv(buf, index=False)
    back = read_tidy_csv(io.StringIO(buf.getvalue()))
    assert_same_frame(back, want)
    # The round trip is not vacuous: numbers, NaN values, empty raws and every state occur.
    assert back["value"].notna().any() and back["value"].isna().any()
    assert (back["raw"] == "").any()
    assert {"value", "missing"} <= set(back["state"])
    assert back["table"].str.startswith("prose:").any()


def test_cli_batch_csv_reads_back_as_to_pandas(tmp_path):
    cli = os.environ.get("GXBG_CLI")
    if not cli:
        pytest.skip("GXBG_CLI is not set (scripts/test-python.sh sets it to the built gxbg binary)")
    out = tmp_path / "out.csv"
    args = [cli, "batch", str(EXAMPLES), str(SEEDS), str(CORPUS), "-o", str(out), "--no-cross-year", "--no-progress"]
    o = subprocess.run(args, capture_output=True, timeout=300)
    assert o.returncode == 0, o.stderr.decode("utf-8", "replace")
    back = read_tidy_csv(out)
    # The files that gave rows, in the CLI's order; parse the same files here.
    sources = list(dict.fromkeys(back["source"]))
    assert len(sources) >= 12, sources
    assert all(pathlib.Path(s).is_file() for s in sources), sources
    results = gxbg.parse_many([pathlib.Path(s) for s in sources], workers=2)
    assert all(isinstance(r, gxbg.Report) for r in results), results
    want = gxbg.to_pandas(results)
    assert_same_frame(back, want)
    # Byte for byte: the CLI's file is the header and each report's rows as Report.to_csv writes them.
    text = out.read_bytes().decode("utf-8")
    header = ",".join(gxbg.CSV_COLUMNS)
    parts = [r.to_csv() for r in results]
    assert all(p.startswith(header + "\n") for p in parts)
    assert text == header + "\n" + "".join(p[len(header) + 1 :] for p in parts)


def test_to_rows_are_the_frame_rows():
    results = gxbg.parse_many(inputs(), workers=2)
    rows = gxbg.to_rows(results)  # ParseError items skipped, as to_pandas does
    frame = gxbg.to_pandas(results)
    assert len(rows) == len(frame) > 1000
    assert all(isinstance(r, tuple) and len(r) == len(gxbg.CSV_COLUMNS) for r in rows)
    as_frame = pd.DataFrame(rows, columns=list(gxbg.CSV_COLUMNS)).astype({"value": "float64"})
    pd.testing.assert_frame_equal(as_frame, frame)
    # value: a float, or None (not NaN) where the cell holds no number.
    values = [r[4] for r in rows]
    assert any(v is None for v in values) and all(v is None or isinstance(v, float) for v in values)
    one = next(r for r in results if isinstance(r, gxbg.Report))
    assert one.to_rows() == gxbg.to_rows([one]) == gxbg.to_rows(one)
    assert gxbg.to_rows([]) == []

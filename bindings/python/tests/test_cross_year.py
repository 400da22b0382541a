"""gxbg.cross_year on tests/fixtures/batch/corpus: exactly the planted findings (the
corpus README's list, the same as crates/gxbg-cli/tests/batch.rs asserts for `gxbg batch`),
and, where the CLI is at hand (GXBG_CLI, set by scripts/test-python.sh), the very findings
of `gxbg batch --summary`."""

import json
import os
import pathlib
import pickle
import random
import subprocess

import pytest

import gxbg

from helpers import REPO

CORPUS = REPO / "tests" / "fixtures" / "batch" / "corpus"
A = str(CORPUS / "xuancheng" / "xuancheng-2023.txt")
B = str(CORPUS / "xuancheng" / "xuancheng-2022.txt")


def corpus_files():
    """Every file of the corpus, sorted by path (as `gxbg batch` walks a folder)."""
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file())
    assert len(files) == 8, files
    return files


@pytest.fixture(scope="module")
def results():
    return gxbg.parse_many(corpus_files(), workers=2)


def base(s):
    return s.rsplit("/", 1)[-1] if s else ""


def summary(findings):
    return sorted((f.rule, f.severity, base(f.source), base(f.other_source)) for f in findings)


PLANTED = [
    ("cross_year.carry_over", "error", "xuancheng-2023.txt", "xuancheng-2022.txt"),
    ("cross_year.duplicate", "info", "xuancheng-2023.txt", "jiedu-2023.txt"),
    ("cross_year.format", "warning", "shili-county-2022.txt", ""),
    ("cross_year.in_force", "info", "xuancheng-2023.txt", "xuancheng-2022.txt"),
    ("cross_year.in_force", "warning", "xuancheng-2023.txt", "xuancheng-2022.txt"),
]


def test_corpus_parses_with_error_slots(results):
    failed = sorted((base(e.source), e.code) for e in results if isinstance(e, gxbg.ParseError))
    assert failed == [("attachment.pdf", "binary"), ("noise.txt", "not_text"), ("scan.png", "binary")]
    assert sum(isinstance(r, gxbg.Report) for r in results) == 5


def test_exactly_the_planted_findings(results):
    # The ParseError slots of parse_many are skipped.
    found = gxbg.cross_year(results)
    assert all(isinstance(f, gxbg.CrossYearFinding) for f in found)
    assert summary(found) == PLANTED


def test_carry_over_names_both_reports(results):
    found = gxbg.cross_year(results)
    (carry,) = [f for f in found if f.rule == "cross_year.carry_over"]
    assert carry.cells == [
        f"{A}#requests.carried_over.natural_person",
        f"{B}#requests.carried_forward.natural_person",
        f"{A}#requests.carried_over.total",
        f"{B}#requests.carried_forward.total",
    ]
    assert carry.cell_refs()[:2] == [(A, "requests.carried_over.natural_person"), (B, "requests.carried_forward.natural_person")]
    assert A in carry.message and B in carry.message
    assert A in carry.message_en and B in carry.message_en
    assert (carry.year, carry.other_year) == (2023, 2022)
    assert carry.publisher == "宣城市人民政府"
    assert (carry.source, carry.other_source) == (A, B)
    assert carry.finding == gxbg.Finding("cross_year.carry_over", "error", carry.message, carry.message_en, carry.cells)
    # The planted values (12 vs 11) are in the message.
    assert "12" in carry.message and "11" in carry.message


def test_fields_of_every_finding(results):
    for f in gxbg.cross_year(results):
        assert f.severity in ("info", "warning", "error")
        assert f.message and f.message_en and f.publisher
        assert isinstance(f.year, int)
        if f.rule == "cross_year.format":
            assert f.other_source is None and f.other_year is None
            assert f.publisher == "示例县人民政府" and f.year == 2022
        else:
            assert f.other_source is not None and isinstance(f.other_year, int)
        if f.rule == "cross_year.in_force":
            assert f.year == 2023 and f.other_year == 2022
            keys = {k for _, k in f.cell_refs()}
            row = "regulations" if f.severity == "info" else "normative_documents"
            assert all(k.startswith(f"proactive.{row}.") for k in keys), keys


def test_input_order_does_not_matter(results):
    want = gxbg.cross_year(results)
    shuffled = list(results)
    random.Random(7).shuffle(shuffled)
    assert gxbg.cross_year(shuffled) == want
    assert gxbg.cross_year(reversed(results)) == want  # any iterable


def test_only_reports_of_one_year_no_pairs(results):
    reports = [r for r in results if isinstance(r, gxbg.Report)]
    one = [r for r in reports if r.source.endswith("xuancheng-2024.txt")]
    assert gxbg.cross_year(one) == []
    assert gxbg.cross_year(one[0]) == []  # a single Report is accepted too
    assert gxbg.cross_year([]) == []
    # 2023 and 2024 agree (17 … 17 carried, in-force counts hold): nothing to report.
    pair = [r for r in reports if base(r.source) in ("xuancheng-2023.txt", "xuancheng-2024.txt")]
    assert gxbg.cross_year(pair) == []


def test_pickled_reports_give_the_same_findings(results):
    # Reports that came back from worker processes (Dask, multiprocessing) still work.
    again = pickle.loads(pickle.dumps(results))
    assert gxbg.cross_year(again) == gxbg.cross_year(results)


def test_slim_copies_give_the_same_findings(results):
    reports = [r for r in results if isinstance(r, gxbg.Report)]
    slims = [r.slim() for r in reports]
    assert gxbg.cross_year(slims) == gxbg.cross_year(reports)
    for r, s in zip(reports, slims):
        assert (s.source, s.format, s.meta) == (r.source, r.format, r.meta)
        assert s.findings == [] and s.figures == [] and s.sections == []
        assert len(s.to_json()) < len(r.to_json()) / 2
        for t, row in (("requests", "carried_over"), ("requests", "carried_forward"), ("proactive", "regulations")):
            assert s.tables[t].status == r.tables[t].status
            if row in r.tables[t]:
                assert s.tables[t][row].values_dict() == r.tables[t][row].values_dict()
        assert "granted" not in s.tables.requests
    assert gxbg.cross_year(pickle.loads(pickle.dumps(slims))) == gxbg.cross_year(reports)


def test_publisher_map_pairs_mapping_and_tsv(results, tmp_path):
    for publishers in ({"xuancheng/": "宣城（映射）"}, [("xuancheng/", "宣城（映射）")]):
        found = gxbg.cross_year(results, publishers=publishers)
        assert len(found) == 5
        xc = [f for f in found if "xuancheng/" in f.source]
        assert len(xc) == 4 and all(f.publisher == "宣城（映射）" for f in xc)
    tsv = tmp_path / "map.tsv"
    tsv.write_text("# test map\nxuancheng/\t宣城（映射）\n", encoding="utf-8")
    by_file = gxbg.cross_year(results, publishers=tsv)
    assert by_file == gxbg.cross_year(results, publishers={"xuancheng/": "宣城（映射）"})
    # The example map of the repository is valid.
    gxbg.cross_year(results, publishers=REPO / "examples" / "publisher-map.example.tsv")


def test_publisher_map_splits_a_group(results):
    # Mapping the 2022 report to another publisher removes the 2022/2023 pair checks.
    found = gxbg.cross_year(results, publishers={"xuancheng-2022": "另一个机构"})
    assert summary(found) == [
        ("cross_year.duplicate", "info", "xuancheng-2023.txt", "jiedu-2023.txt"),
        ("cross_year.format", "warning", "shili-county-2022.txt", ""),
    ]


def test_bad_arguments(results, tmp_path):
    with pytest.raises(TypeError, match="Report"):
        gxbg.cross_year([1, 2])
    with pytest.raises(TypeError, match="pathlib.Path"):
        gxbg.cross_year(results, publishers="map.tsv")
    with pytest.raises(TypeError, match="pair"):
        gxbg.cross_year(results, publishers=[("only one",)])
    with pytest.raises(ValueError, match="empty"):
        gxbg.cross_year(results, publishers={"  ": "x"})
    bad = tmp_path / "bad.tsv"
    bad.write_text("no tab on this line\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1"):
        gxbg.cross_year(results, publishers=bad)
    with pytest.raises(OSError):
        gxbg.cross_year(results, publishers=tmp_path / "no-such.tsv")


def test_documented():
    doc = gxbg.cross_year.__doc__ or ""
    assert "gxbg batch" in doc and "ParseError" in doc and "publishers" in doc
    assert "carry_over" in (gxbg.CrossYearFinding.__doc__ or "")


def test_same_findings_as_the_cli_summary(results, tmp_path):
    cli = os.environ.get("GXBG_CLI")
    if not cli:
        pytest.skip("GXBG_CLI is not set (scripts/test-python.sh sets it to the built gxbg binary)")
    sum_path = tmp_path / "summary.json"
    o = subprocess.run(
        [cli, "batch", str(CORPUS), "-o", str(tmp_path / "out.csv"), "--summary", str(sum_path), "--no-progress"],
        capture_output=True,
        timeout=300,
    )
    assert o.returncode == 0, o.stderr.decode("utf-8", "replace")
    s = json.loads(sum_path.read_text(encoding="utf-8"))
    cli_findings = [gxbg.CrossYearFinding._from_dict(d) for d in s["cross_year"]["findings"]]
    # Field for field, in the same order: the same core function on the same reports.
    assert gxbg.cross_year(results) == cli_findings
    assert summary(cli_findings) == PLANTED

"""examples/dask_batch.py on a real dask.distributed LocalCluster (2 worker processes, 1
thread each, 127.0.0.1, no dashboard): the same reports, errors and tidy DataFrame as
serial parsing.

Skips only when dask/distributed cannot be imported, and not even then when
GXBG_REQUIRE_DASK is set (scripts/test-python.sh sets it where it installs dask): in CI the
test runs."""

import os
import pathlib
import sys

import pytest

import gxbg

from helpers import EXAMPLES, REPO, SEEDS

if os.environ.get("GXBG_REQUIRE_DASK"):
    import distributed  # noqa: F401  (fails, not skips, when dask is required)
else:
    pytest.importorskip("distributed", reason="dask[distributed] is not installed")
pd = pytest.importorskip("pandas")

from distributed import Client  # noqa: E402

# Import the example by name, and let the worker processes import it too: they are spawned,
# and multiprocessing gives them the parent's sys.path.
EXAMPLES_DIR = str(REPO / "examples")
if EXAMPLES_DIR not in sys.path:
    sys.path.insert(0, EXAMPLES_DIR)
import dask_batch  # noqa: E402

CORPUS = REPO / "tests" / "fixtures" / "batch" / "corpus"


# The corpus's planted cross-year findings (tests/fixtures/batch/README.md). The sample
# also holds copies of the seeds (examples/reports/00N_… = tests/seeds/00N_…): those are
# `cross_year.duplicate` findings of their own, outside the corpus.
PLANTED = [
    ("cross_year.carry_over", "error"),
    ("cross_year.duplicate", "info"),
    ("cross_year.format", "warning"),
    ("cross_year.in_force", "info"),
    ("cross_year.in_force", "warning"),
]


def planted(findings):
    return sorted((f.rule, f.severity) for f in findings if f.source.startswith(str(CORPUS)))


def sample_files():
    """examples/reports + tests/seeds (as in the brief), the batch corpus (binary and noise
    files, cross-year plants) and a path that names nothing: every kind of slot."""
    files = dask_batch.list_files([EXAMPLES, SEEDS, CORPUS])
    files.append(str(REPO / "no" / "such" / "report.html"))
    return files


@pytest.fixture(scope="module")
def client():
    with dask_batch.local_cluster(2) as cluster, Client(cluster) as c:
        c.wait_for_workers(2, timeout=120)
        yield c


@pytest.fixture(scope="module")
def serial():
    return gxbg.parse_many([pathlib.Path(p) for p in sample_files()], workers=1)


def test_cluster_is_two_local_processes(client):
    workers = client.scheduler_info()["workers"]
    assert len(workers) == 2
    assert all(addr.startswith("tcp://127.0.0.1:") for addr in workers)
    pids = client.run(os.getpid)
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()
    assert all(w["nthreads"] == 1 for w in workers.values())


def test_tidy_frame_equals_serial(client, serial):
    files = sample_files()
    batch = dask_batch.tidy_on_cluster(client, files, chunk_size=3)
    want = gxbg.to_pandas(serial)
    assert len(want) > 1000
    pd.testing.assert_frame_equal(batch.frame, want, check_dtype=True)
    # Errors in their slots, the same as serial parsing gives.
    want_errors = [(i, r.code) for i, r in enumerate(serial) if isinstance(r, gxbg.ParseError)]
    assert [(i, e.code) for i, e in batch.errors] == want_errors
    assert {c for _, c in want_errors} >= {"binary", "not_text", "io"}
    for i, e in batch.errors:
        assert isinstance(e, gxbg.ParseError) and e.source == files[i]
    (io_err,) = [e for _, e in batch.errors if e.code == "io"]
    assert isinstance(io_err, gxbg.FileReadError) and isinstance(io_err, OSError)
    # Slim reports, one per parsed file, give the cross-year findings of the whole reports.
    parsed = [r for r in serial if isinstance(r, gxbg.Report)]
    assert [r.source for r in batch.slim_reports] == [r.source for r in parsed]
    found = gxbg.cross_year(batch.slim_reports)
    assert found == gxbg.cross_year(serial)
    assert planted(found) == PLANTED


def test_reports_equal_serial_and_ran_on_workers(client, serial):
    files = sample_files()
    futures = client.map(dask_batch.parse_chunk, dask_batch.chunks(files, 4), pure=False)
    ran_on = client.who_has(futures)
    assert set().union(*map(set, ran_on.values())) <= set(client.scheduler_info()["workers"])
    got = [r for part in client.gather(futures) for r in part]
    assert len(got) == len(serial) == len(files)
    for g, s in zip(got, serial):
        assert type(g) is type(s), (g, s)
        if isinstance(s, gxbg.Report):
            assert g == s  # the whole report, field for field
            assert g.source == s.source
        else:
            assert (g.code, g.source) == (s.code, s.source)
    # parse_on_cluster is the same, and its reports feed gxbg.cross_year as serial ones do.
    results = dask_batch.parse_on_cluster(client, files, chunk_size=5)
    assert [type(r) for r in results] == [type(r) for r in serial]
    found = gxbg.cross_year(results)
    assert found == gxbg.cross_year(serial)
    assert planted(found) == PLANTED


def test_cli_main_on_a_running_scheduler(client, tmp_path, capsys):
    # --scheduler ADDRESS: how a multi-machine cluster is used (here the same local one).
    out = tmp_path / "tidy.csv"
    addr = client.scheduler.address
    assert addr.startswith("tcp://127.0.0.1:")
    rc = dask_batch.main([str(SEEDS), "-o", str(out), "--scheduler", addr, "--chunk-size", "2"])
    assert rc == 0
    printed = capsys.readouterr().out
    files = dask_batch.list_files([SEEDS])
    serial = gxbg.parse_many([pathlib.Path(p) for p in files])
    n_ok = sum(isinstance(r, gxbg.Report) for r in serial)
    want = gxbg.to_pandas(serial)
    assert f"{len(files)} files, {n_ok} parsed, {len(files) - n_ok} failed, {len(want)} rows" in printed
    back = pd.read_csv(
        out,
        dtype={**{c: str for c in gxbg.CSV_COLUMNS if c != "value"}, "value": "float64"},
        keep_default_na=False,
        na_values={"value": [""]},
        float_precision="round_trip",
    )
    pd.testing.assert_frame_equal(back, want)

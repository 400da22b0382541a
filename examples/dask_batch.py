"""Parse a corpus of reports on a Dask cluster: the files are read and parsed on the
workers, the tidy table (``gxbg.to_pandas``) comes back to the client, and a file that
fails comes back as its ``gxbg.ParseError`` in its slot, never lost.

    pip install bindings/python "dask[distributed]" pandas
    python examples/dask_batch.py examples/reports tests/seeds -o tidy.csv
    python examples/dask_batch.py tests/fixtures/batch/corpus --cross-year
    python examples/dask_batch.py /shared/reports --scheduler tcp://scheduler:8786

Without ``--scheduler`` it starts a ``LocalCluster`` of 2 worker processes, 1 thread each,
listening on 127.0.0.1 only, without dashboard. With ``--scheduler`` it connects to an
existing cluster; then the paths must name the same files on every worker (shared
storage), and every worker needs the ``gxbg`` wheel installed (docs/SCALE-OUT.md).

As a library (the test ``bindings/python/tests/test_dask.py`` does this):

    from distributed import Client
    import dask_batch
    with dask_batch.local_cluster(2) as cluster, Client(cluster) as client:
        batch = dask_batch.tidy_on_cluster(client, dask_batch.list_files(["examples/reports"]))
    batch.frame, batch.errors, gxbg.cross_year(batch.slim_reports)

The functions that run on the workers (:func:`parse_file`, :func:`parse_chunk`,
:func:`tidy_chunk`) use nothing but ``gxbg``, ``pandas`` and the standard library, so a worker
can unpickle them when it can import this module (a script's ``__main__`` functions are
shipped by value; when imported, put this file on the workers' path or use
``client.upload_file``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, List, Optional, Sequence, Tuple, Union

import gxbg

if TYPE_CHECKING:  # pragma: no cover
    import pandas

Result = Union[gxbg.Report, gxbg.ParseError]

#: Files per task: large enough that the scheduler's per-task cost (~1 ms) is small next to
#: the parse (~1–50 ms per report), small enough to balance uneven files across workers.
DEFAULT_CHUNK = 16


# --- runs on the client -------------------------------------------------------------------


def list_files(inputs: Iterable[Union[str, "os.PathLike[str]"]]) -> List[str]:
    """The files of ``inputs`` (files, or folders walked recursively), each folder's files
    sorted by path; hidden files and folders are skipped. Paths are kept as given (relative
    or absolute), so they name the same files wherever the same tree is mounted."""
    out: List[str] = []
    for item in inputs:
        path = os.fspath(item)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if os.path.isdir(path):
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found += [os.path.join(root, f) for f in files if not f.startswith(".")]
            out += sorted(found)
        else:
            out.append(path)  # a missing file becomes a FileReadError in its slot
    return out


def chunks(paths: Sequence[str], size: int) -> List[List[str]]:
    """``paths`` cut into lists of at most ``size`` (order kept)."""
    if size < 1:
        raise ValueError("chunk size must be at least 1")
    return [list(paths[i : i + size]) for i in range(0, len(paths), size)]


# --- runs on the workers ------------------------------------------------------------------


def parse_file(path: str, convert_traditional: bool = True) -> Result:
    """Read ``path`` on this worker and parse its bytes; the report (its ``source`` is
    ``path``) or the ``gxbg.ParseError`` (``gxbg.FileReadError`` when the file cannot be
    read). Never raises for a bad file."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        why = e.strerror or str(e)
        return gxbg.FileReadError(
            f"cannot read {path}: {why}", source=path, reason=why, errno=e.errno, filename=path
        )
    try:
        return gxbg.parse(data, name=path, convert_traditional=convert_traditional)
    except gxbg.ParseError as e:
        return e


def parse_chunk(paths: Sequence[str], convert_traditional: bool = True) -> List[Result]:
    """:func:`parse_file` of each path, in order."""
    return [parse_file(p, convert_traditional) for p in paths]


def tidy_chunk(paths: Sequence[str], convert_traditional: bool = True):
    """The tidy rows of a chunk (``gxbg.to_pandas``: columns ``source, table, row, column,
    value, raw, state``), its errors as ``(index in the chunk, ParseError)``, and a slim
    copy of each report (``Report.slim()``: what ``gxbg.cross_year`` reads, a few KiB). Only
    this travels back to the client, not the reports' text."""
    results = parse_chunk(paths, convert_traditional)
    errors = [(i, r) for i, r in enumerate(results) if isinstance(r, gxbg.ParseError)]
    slims = [r.slim() for r in results if isinstance(r, gxbg.Report)]
    return gxbg.to_pandas(results), errors, slims


# --- the cluster ---------------------------------------------------------------------------


def parse_on_cluster(client, paths: Sequence[str], chunk_size: int = DEFAULT_CHUNK, convert_traditional: bool = True) -> List[Result]:
    """Parse every path on the cluster; one entry per path, in input order: the
    :class:`gxbg.Report` or the :class:`gxbg.ParseError`. Whole reports travel back (pickled
    as their JSON, text included): for a large corpus prefer :func:`tidy_on_cluster`."""
    futures = client.map(parse_chunk, chunks(paths, chunk_size), convert_traditional=convert_traditional, pure=False)
    out: List[Result] = []
    for part in client.gather(futures):
        out.extend(part)
    return out


@dataclass
class Batch:
    """What :func:`tidy_on_cluster` gathers.

    Attributes:
        frame: the tidy DataFrame of every report, rows in input order: equal to
            ``gxbg.to_pandas(gxbg.parse_many(paths))``.
        errors: one ``(index in paths, gxbg.ParseError)`` per file that failed, in order.
        slim_reports: ``Report.slim()`` of every parsed file, in order: enough for
            ``gxbg.cross_year(batch.slim_reports)``, which gives the same findings as on
            the whole reports.
    """

    frame: "pandas.DataFrame"
    errors: List[Tuple[int, gxbg.ParseError]] = field(default_factory=list)
    slim_reports: List[gxbg.Report] = field(default_factory=list)


def tidy_on_cluster(client, paths: Sequence[str], chunk_size: int = DEFAULT_CHUNK, convert_traditional: bool = True) -> Batch:
    """Parse every path on the cluster (:func:`tidy_chunk` per chunk) and gather the tidy
    DataFrame, the errors in their slots and the slim reports (:class:`Batch`)."""
    import pandas as pd

    parts = chunks(paths, chunk_size)
    futures = client.map(tidy_chunk, parts, convert_traditional=convert_traditional, pure=False)
    out = Batch(frame=gxbg.to_pandas([]))
    frames = []
    start = 0
    for part, (frame, errs, slims) in zip(parts, client.gather(futures)):
        frames.append(frame)
        out.errors += [(start + i, e) for i, e in errs]
        out.slim_reports += slims
        start += len(part)
    if frames:
        out.frame = pd.concat(frames, ignore_index=True)
    return out


def local_cluster(n_workers: int = 2):
    """A ``LocalCluster`` of ``n_workers`` processes with 1 thread each, on 127.0.0.1 only,
    without dashboard (nothing listens beyond the loopback)."""
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        worker_dashboard_address=None,
    )


# --- command line --------------------------------------------------------------------------


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", help="files or folders (walked recursively)")
    ap.add_argument("-o", "--output", help="write the tidy table as CSV here (default: print a summary only)")
    ap.add_argument("--scheduler", help="address of a running scheduler, e.g. tcp://scheduler:8786 (default: a LocalCluster)")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    ap.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK, help=f"files per task (default {DEFAULT_CHUNK})")
    ap.add_argument("--cross-year", action="store_true", help="also print the cross-year findings (gxbg.cross_year on the slim reports)")
    args = ap.parse_args(argv)

    from distributed import Client

    paths = list_files(args.inputs)
    t0 = time.perf_counter()
    cluster = None if args.scheduler else local_cluster(args.workers)
    try:
        with Client(args.scheduler or cluster) as client:
            t1 = time.perf_counter()
            batch = tidy_on_cluster(client, paths, args.chunk_size)
            t2 = time.perf_counter()
    finally:
        if cluster is not None:
            cluster.close()

    print(
        f"{len(paths)} files, {len(paths) - len(batch.errors)} parsed, {len(batch.errors)} failed, "
        f"{len(batch.frame)} rows (cluster ready in {t1 - t0:.1f} s, parsed in {t2 - t1:.1f} s)"
    )
    for i, e in batch.errors:
        print(f"  failed: {paths[i]}: [{e.code}] {e.reason}")
    if args.cross_year:
        for f in gxbg.cross_year(batch.slim_reports):
            print(f"  {f.severity:7} {f.rule}: {f.message_en}")
    if args.output:
        batch.frame.to_csv(args.output, index=False)
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

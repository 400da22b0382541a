"""gxbg — parse 政府信息公开工作年度报告 (Chinese government information-disclosure annual
reports) into checked canonical tables.

>>> import gxbg
>>> report = gxbg.parse(pathlib.Path("report.html"))       # doctest: +SKIP
>>> report.tables.requests["granted"]["total"].value       # doctest: +SKIP
327
>>> gxbg.to_pandas(gxbg.parse_many(paths))                 # doctest: +SKIP
>>> gxbg.cross_year(gxbg.parse_many(paths))                # doctest: +SKIP

All parsing is done by the Rust core; this package only converts its results.
"""

from __future__ import annotations

import os
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _gxbg
from ._errors import (
    BinaryFileError,
    EmptyInputError,
    FileReadError,
    InternalError,
    NotAReportError,
    NotTextError,
    ParseError,
    TooLargeError,
)
from ._crossyear import CrossYearFinding, cross_year
from ._frames import TidyRow, to_pandas, to_polars, to_rows
from ._report import (
    CSV_COLUMNS,
    Cell,
    Check,
    Conversion,
    Figure,
    Finding,
    Meta,
    Report,
    Row,
    Section,
    Table,
    Tables,
)

__version__: str = _gxbg.__version__

__all__ = [
    "parse",
    "parse_many",
    "to_pandas",
    "to_polars",
    "to_rows",
    "TidyRow",
    "cross_year",
    "CrossYearFinding",
    "Report",
    "Tables",
    "Table",
    "Row",
    "Cell",
    "Finding",
    "Check",
    "Figure",
    "Section",
    "Meta",
    "Conversion",
    "CSV_COLUMNS",
    "ParseError",
    "EmptyInputError",
    "BinaryFileError",
    "NotTextError",
    "TooLargeError",
    "NotAReportError",
    "FileReadError",
    "InternalError",
    "Source",
]

#: What :func:`parse` accepts: decoded text, the raw bytes of a page, or a path.
Source = Union[str, bytes, bytearray, memoryview, "os.PathLike[str]", "os.PathLike[bytes]"]


def _classify(source: object, fn: str) -> Tuple[str, Union[str, bytes]]:
    """``(kind, payload)`` for the native module: ``text`` / ``bytes`` / ``path``."""
    if isinstance(source, str):
        return "text", source
    if isinstance(source, bytes):
        return "bytes", source
    if isinstance(source, (bytearray, memoryview)):
        return "bytes", bytes(source)
    if isinstance(source, os.PathLike):
        p = os.fspath(source)
        return "path", os.fsdecode(p) if isinstance(p, bytes) else p
    raise TypeError(
        f"gxbg.{fn} takes str (the report's text), bytes/bytearray/memoryview (a page as raw "
        f"bytes) or os.PathLike (a file to read), not {type(source).__name__}"
    )


_NATIVE: Dict[str, Callable[..., "_gxbg.NativeReport"]] = {"text": _gxbg.parse_text, "bytes": _gxbg.parse_bytes, "path": _gxbg.parse_path}

_PATH_HINT = " (a str is parsed as the report's text; to read the file, pass pathlib.Path({!r}))"


def _maybe_path_hint(exc: ParseError, kind: str, payload: object) -> None:
    """A str that names an existing file was probably meant as a path: say so."""
    if kind != "text" or not isinstance(exc, (NotAReportError, EmptyInputError)):
        return
    text = payload if isinstance(payload, str) else ""
    if len(text) > 4096 or "\n" in text or not text.strip():
        return
    try:
        is_file = os.path.isfile(text)
    except (OSError, ValueError):
        return
    if is_file:
        exc.message += _PATH_HINT.format(text)
        exc.args = (exc.message,)


def parse(source: Source, *, convert_traditional: bool = True, name: Optional[str] = None) -> Report:
    """Parse one report page.

    Args:
        source: what to parse, by type:

            * ``str`` — the report's text, already decoded (an HTML page or a text
              extraction);
            * ``bytes`` / ``bytearray`` / ``memoryview`` — the raw page in any supported
              encoding (UTF-8, GBK/GB18030, Big5 …), decoded by gxbg (BOM, ``<meta
              charset>``, then sniffing);
            * ``os.PathLike`` (e.g. ``pathlib.Path``) — a file, read by gxbg. A plain
              ``str`` is text, never a path.
        convert_traditional: convert Traditional Chinese to Simplified (with Taiwan-phrase
            reversal) before matching; the original stays in ``Report.original_text``.
        name: the name reported as ``Report.source`` (default: the path, ``"<str>"`` or
            ``"<bytes>"``).

    Returns:
        The :class:`Report`: ``format``, ``meta``, ``tables`` (canonical cells),
        ``findings``, ``checks``, prose ``figures``, ``sections``, ``text``.

    Raises:
        ParseError: the input is not a report (:class:`NotAReportError`), is a binary file
            such as a PDF (:class:`BinaryFileError`), is empty (:class:`EmptyInputError`),
            not text (:class:`NotTextError`), too large (:class:`TooLargeError`), or a file
            cannot be read (:class:`FileReadError`, also an ``OSError``).
        TypeError: ``source`` is none of the types above.

    The GIL is released while gxbg parses, so threads parse in parallel; for a batch,
    :func:`parse_many` does that for you.
    """
    kind, payload = _classify(source, "parse")
    try:
        native = _NATIVE[kind](payload, convert_traditional=bool(convert_traditional), name=name)
    except ParseError as exc:
        _maybe_path_hint(exc, kind, payload)
        raise
    return Report(native)


ManyItem = Union[Source, Tuple[str, Source]]


def parse_many(
    sources: Iterable[ManyItem],
    workers: Optional[int] = None,
    raise_errors: bool = False,
    *,
    convert_traditional: bool = True,
) -> List[Union[Report, ParseError]]:
    """Parse many reports in parallel (in Rust, on ``workers`` threads, the GIL released).

    Args:
        sources: paths (``os.PathLike``), raw pages (``bytes``-like) or texts (``str``), as
            for :func:`parse`; an item may also be a ``(name, source)`` pair to set its
            ``Report.source``. Unnamed texts and byte strings are named ``"<str #i>"`` /
            ``"<bytes #i>"`` after their position ``i``.
        workers: number of threads (default: the number of CPUs). The threads are kept
            for the next call with as many workers (one pool at a time; a child process
            made by ``os.fork`` makes its own).
        raise_errors: raise the first error (in input order) instead of returning it.
        convert_traditional: as for :func:`parse`.

    Returns:
        One entry per input, in input order: a :class:`Report`, or the
        :class:`ParseError` (subclass) instance for an input that failed; one failure never
        loses the others.

    Raises:
        ParseError: with ``raise_errors=True``, the first failure (all inputs are still parsed).
        TypeError: an item is of none of the accepted types.
        ValueError: ``workers`` is less than 1.
    """
    items: List[Tuple[str, Union[str, bytes], Optional[str]]] = []
    for i, item in enumerate(sources):
        name: Optional[str] = None
        if isinstance(item, tuple):
            if len(item) != 2 or not isinstance(item[0], str):
                raise TypeError("gxbg.parse_many: a tuple item must be (name: str, source)")
            name, item = item
        kind, payload = _classify(item, "parse_many")
        if name is None and kind != "path":
            name = f"<{'str' if kind == 'text' else 'bytes'} #{i}>"
        items.append((kind, payload, name))
    if workers is not None:
        workers = int(workers)
        if workers < 1:
            raise ValueError("gxbg.parse_many: workers must be at least 1")
    raw: Sequence[object] = _gxbg.parse_many(items, workers=workers, convert_traditional=bool(convert_traditional))
    out: List[Union[Report, ParseError]] = []
    for r in raw:
        if isinstance(r, BaseException):
            out.append(r)  # type: ignore[arg-type]
        else:
            out.append(Report(r))  # type: ignore[arg-type]
    if raise_errors:
        for r in out:
            if isinstance(r, ParseError):
                raise r
    return out

"""Stubs of the private native module ``gxbg._gxbg`` (Rust, PyO3). Use the public API in
``gxbg`` (``gxbg.parse``, ``gxbg.parse_many``, ``gxbg.to_pandas`` …) instead."""

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

__version__: str

class NativeReport:
    """A parsed report held as the Rust core's value."""

    @property
    def source(self) -> str:
        """Where the input came from (path, name given, ``"<str>"`` or ``"<bytes>"``)."""
    @property
    def format(self) -> str:
        """``"2019"``, ``"2021"`` or ``"none"``."""
    def to_dict(self) -> Dict[str, Any]:
        """The report as plain Python objects, the same shape as the JSON output."""
    def to_json(self, indent: Optional[int] = None) -> str:
        """The report as JSON text (compact, or indented by ``indent`` spaces)."""
    def csv_columns(self) -> Dict[str, List[Any]]:
        """The core's CSV rows as columns ``source, table, row, column, value, raw, state``;
        ``value`` a float or ``None``."""
    def to_csv(self) -> str:
        """The core's CSV output, header line included."""
    def slim(self) -> "NativeReport":
        """A copy holding only what the cross-year checks read (``gxbg::crossyear::slim``)."""
    @staticmethod
    def from_json(text: str) -> "NativeReport":
        """Rebuild a report from its JSON (used by pickling). Raises ValueError."""

def parse_text(text: str, *, convert_traditional: bool = True, name: Optional[str] = None) -> NativeReport:
    """Parse decoded text; raises a ``gxbg.ParseError`` subclass."""

def parse_bytes(data: bytes, *, convert_traditional: bool = True, name: Optional[str] = None) -> NativeReport:
    """Parse raw bytes (encoding detected by the core); raises a ``gxbg.ParseError`` subclass."""

def parse_path(path: str, *, convert_traditional: bool = True, name: Optional[str] = None) -> NativeReport:
    """Read a file in Rust and parse it; raises a ``gxbg.ParseError`` subclass
    (``gxbg.FileReadError`` when the file cannot be read)."""

def parse_many(
    items: Sequence[Tuple[str, Union[str, bytes], Optional[str]]],
    *,
    workers: Optional[int] = None,
    convert_traditional: bool = True,
) -> List[Union[NativeReport, BaseException]]:
    """Parse ``(kind, payload, name)`` items (kind ``"text"``, ``"bytes"`` or ``"path"``) on
    ``workers`` threads with the GIL released; per item, in input order, a report or the
    ``gxbg.ParseError`` instance."""

def csv_columns(reports: Sequence[NativeReport]) -> Dict[str, List[Any]]:
    """The CSV rows of several reports, as columns (see ``NativeReport.csv_columns``)."""

def cross_year(
    reports: Sequence[NativeReport],
    *,
    pairs: Optional[Sequence[Tuple[str, str]]] = None,
    tsv: Optional[str] = None,
) -> List[Dict[str, Any]]:
    """The core's cross-year findings (``gxbg::crossyear::cross_year``), each as its JSON
    form: ``{"publisher", "finding": {"rule", "severity", "message", "message_en", "cells"},
    "source", "year", "other_source"?, "other_year"?}``. The publisher map is ``pairs``
    (first match wins) or ``tsv`` (``pattern<TAB>publisher`` lines), not both; a malformed
    TSV line or both given raises ValueError. The GIL is released while the core works."""

def _panic_in_core(message: str) -> None:
    """Test hook: panics inside the parsers' guard; raises ``gxbg.InternalError``."""

"""Typed views of a parsed report.

A :class:`Report` wraps the Rust core's report. Its attributes are built on first use from
the same data the JSON output carries (``report.to_dict()``), so every name here is a key of
that JSON (see the canonical keys in the project's ``keys.md``); nothing is re-derived.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    Iterator,
    List,
    Mapping,
    Optional,
    Tuple,
    Type,
    TypeVar,
    Union,
    cast,
)

try:  # Python >= 3.8
    from functools import cached_property
except ImportError:  # pragma: no cover
    cached_property = property  # type: ignore[misc,assignment]

from . import _gxbg

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import polars

__all__ = [
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
]

#: Columns of the tidy long table (CSV, :meth:`Report.to_pandas`, :func:`gxbg.to_pandas`).
CSV_COLUMNS: Tuple[str, ...] = ("source", "table", "row", "column", "value", "raw", "state")

Number = Union[int, float]


_T = TypeVar("_T")


def _pick(cls: Type[_T], d: Mapping[str, Any], **extra: Any) -> _T:
    """Build dataclass ``cls`` from the keys of ``d`` it knows (newer cores may add keys)."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    kw = {k: v for k, v in d.items() if k in names}
    kw.update(extra)
    return cls(**kw)


@dataclass(frozen=True)
class Cell:
    """One canonical cell of a table.

    Attributes:
        key: the cell's full key ``table.row.column``, e.g. ``requests.granted.total``.
        state: what the source shows: ``"value"`` (a number), ``"blank"`` (empty cell),
            ``"dash"`` (``—``, ``-``, ``/``, ``无``), ``"text"`` (not a number) or
            ``"missing"`` (the source lacks the cell: lost, truncated, or row absent).
            A missing cell is never reported as 0.
        value: the number when ``state == "value"`` (``int`` for counts, ``float`` for
            decimal amounts), else ``None``.
        raw: the cell's source text (after Traditional→Simplified and width folding);
            ``None`` for missing and derived cells.
        unit: a unit stripped from the number (元, 万元, 件 …), or ``None``.
        derived: computed from other cells rather than printed (``other_handling`` in the
            2021 format).
    """

    key: str
    state: str
    value: Optional[Number] = None
    raw: Optional[str] = None
    unit: Optional[str] = None
    derived: bool = False

    @property
    def is_missing(self) -> bool:
        """Whether the source lacks this cell."""
        return self.state == "missing"


class Row(Mapping[str, Cell]):
    """One canonical row: a read-only mapping column key → :class:`Cell`.

    ``row["total"]`` is the cell; ``row.key`` the row key (e.g. ``granted``).
    """

    __slots__ = ("key", "_cells")

    def __init__(self, key: str, cells: Dict[str, Cell]) -> None:
        self.key: str = key
        self._cells = cells

    def __getitem__(self, column: str) -> Cell:
        return self._cells[column]

    def __iter__(self) -> Iterator[str]:
        return iter(self._cells)

    def __len__(self) -> int:
        return len(self._cells)

    def values_dict(self) -> Dict[str, Optional[Number]]:
        """``{column: value}`` (``None`` where a cell has no number)."""
        return {k: c.value for k, c in self._cells.items()}

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={c.value if c.state == 'value' else c.state}" for k, c in self._cells.items())
        return f"Row({self.key}: {inner})"


class Table(Mapping[str, Row]):
    """One canonical table: a read-only mapping row key → :class:`Row`, rows in canonical order.

    ``table["granted"]["total"]`` is a :class:`Cell`. A table whose ``status`` is
    ``"missing"`` has no rows.

    Attributes:
        key: ``"proactive"`` (二 主动公开), ``"requests"`` (三 依申请) or ``"appeals"``
            (四 复议诉讼).
        status: ``"present"``, ``"present_without_values"`` (labels survive, every value
            lost), ``"truncated"`` (the source ends inside it) or ``"missing"``.
    """

    __slots__ = ("key", "status", "_rows")

    def __init__(self, key: str, status: str, rows: Dict[str, Row]) -> None:
        self.key: str = key
        self.status: str = status
        self._rows = rows

    @classmethod
    def _from_dict(cls, key: str, d: Mapping[str, Any]) -> "Table":
        rows: Dict[str, Row] = {}
        for rk, cols in (d.get("rows") or {}).items():
            cells = {ck: _pick(Cell, cd, key=f"{key}.{rk}.{ck}") for ck, cd in cols.items()}
            rows[rk] = Row(rk, cells)
        return cls(key, d.get("status", "missing"), rows)

    def __getitem__(self, row: str) -> Row:
        return self._rows[row]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def rows(self) -> Dict[str, Row]:
        """``{row key: Row}`` in canonical order (a copy)."""
        return dict(self._rows)

    def cell(self, row: str, column: str) -> Optional[Cell]:
        """The cell at ``row``/``column``, or ``None`` if the table has no such cell."""
        r = self._rows.get(row)
        return None if r is None else r.get(column)

    def cells(self) -> Iterator[Cell]:
        """Every cell, row by row."""
        for r in self._rows.values():
            yield from r.values()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Table):
            return NotImplemented
        return (self.key, self.status, self._rows) == (other.key, other.status, other._rows)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<gxbg.Table {self.key} status={self.status!r} rows={len(self._rows)}>"


class Tables(Mapping[str, Table]):
    """The three canonical tables, as attributes and as a mapping ``key → Table``.

    ``report.tables.requests["granted"]["total"].value`` and
    ``report.tables.cell("requests.granted.total")`` reach the same cell.
    """

    __slots__ = ("proactive", "requests", "appeals")

    def __init__(self, proactive: Table, requests: Table, appeals: Table) -> None:
        #: 二、主动公开政府信息情况
        self.proactive: Table = proactive
        #: 三、收到和处理政府信息公开申请情况
        self.requests: Table = requests
        #: 四、政府信息公开行政复议、行政诉讼情况
        self.appeals: Table = appeals

    @classmethod
    def _from_dict(cls, d: Mapping[str, Any]) -> "Tables":
        return cls(*(Table._from_dict(k, d.get(k) or {}) for k in ("proactive", "requests", "appeals")))

    def __getitem__(self, key: str) -> Table:
        if key == "proactive":
            return self.proactive
        if key == "requests":
            return self.requests
        if key == "appeals":
            return self.appeals
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(("proactive", "requests", "appeals"))

    def __len__(self) -> int:
        return 3

    def cell(self, key: str) -> Optional[Cell]:
        """The cell with full key ``table.row.column``, or ``None``."""
        parts = key.split(".", 2)
        if len(parts) != 3 or parts[0] not in self:
            return None
        return self[parts[0]].cell(parts[1], parts[2])

    def __repr__(self) -> str:
        inner = " ".join(f"{k}={t.status}" for k, t in self.items())
        return f"<gxbg.Tables {inner}>"


@dataclass(frozen=True)
class Finding:
    """A problem found in the report: a failing identity, a truncated table, a prose figure
    that disagrees with its table …

    Attributes:
        rule: stable rule id, e.g. ``"requests.balance"``.
        severity: ``"info"``, ``"warning"`` or ``"error"``.
        message: the message in Chinese.
        message_en: the same message in English.
        cells: the canonical cells involved (``table.row.column``; prose figures as
            ``prose:table.row.column``).
    """

    rule: str
    severity: str
    message: str
    message_en: str
    cells: List[str] = field(default_factory=list)


@dataclass(frozen=True)
class Check:
    """One accounting identity (勾稽关系), evaluated whether it holds or not.

    Attributes:
        rule: the identity's rule id.
        on: ``"table"`` for table cells, ``"prose"`` for figures from the narrative.
        holds: whether it holds.
        expression: the identity with its numbers, e.g. ``"651 + 17 = 650 + 18"``.
        cells: the cells it reads.
        assumed_zero: cells that were blank or dashes and were counted as 0.
    """

    rule: str
    on: str
    holds: bool
    expression: str
    cells: List[str] = field(default_factory=list)
    assumed_zero: List[str] = field(default_factory=list)


@dataclass(frozen=True)
class Figure:
    """A figure the narrative states for a canonical cell (kept apart from table cells).

    Attributes:
        key: the canonical cell, ``table.row.column``.
        value: the number.
        raw: the words that state it, e.g. ``"新收到政府信息公开申请8643件"``.
        sentence: the sentence it came from.
        offset: character (not byte) offset of ``raw`` in the text named by ``offset_in``.
        offset_in: ``"normalized"`` (:attr:`Report.text`) or ``"original"``
            (:attr:`Report.original_text`).
        unit: the unit stated, or ``None``.
    """

    key: str
    value: Number
    raw: str
    sentence: str
    offset: int
    offset_in: str
    unit: Optional[str] = None


@dataclass(frozen=True)
class Section:
    """A numbered section of the report (一、总体情况 … 六、其他需要报告的事项).

    Attributes:
        numeral: 一 … 六 (or further numerals in free-format reports).
        title: the heading's words.
        text: the section's text.
        offset: character offset of the heading in :attr:`Report.text`.
    """

    numeral: str
    title: str
    text: str
    offset: int


@dataclass(frozen=True)
class Meta:
    """Metadata the page shows.

    Attributes:
        title: the report's title.
        publisher: 发布机构.
        year: the year the report covers.
        publish_date: ISO date ``YYYY-MM-DD``.
        index_number: 索引号.
        document_kind: ``"report"``, ``"interpretation"`` (a 解读 of the report) or ``None``.
    """

    title: Optional[str] = None
    publisher: Optional[str] = None
    year: Optional[int] = None
    publish_date: Optional[str] = None
    index_number: Optional[str] = None
    document_kind: Optional[str] = None


@dataclass(frozen=True)
class Conversion:
    """What the Traditional→Simplified step did.

    Attributes:
        script: ``"simplified"``, ``"traditional"``, ``"mixed"`` or ``"none"`` (no Han text).
        converted: whether any text was converted.
        changed_chars: characters that differ between the original and normalised text.
    """

    script: str = "none"
    converted: bool = False
    changed_chars: int = 0


class Report:
    """The parse of one report page. Made by :func:`gxbg.parse` / :func:`gxbg.parse_many`.

    Attributes are read-only and built on first use. ``to_dict()`` / ``to_json()`` give
    the same data in the shape of the JSON output; ``to_pandas()`` the tidy long table.
    """

    def __init__(self, native: "_gxbg.NativeReport") -> None:
        self._native = native
        self._data: Optional[Dict[str, Any]] = None

    def _d(self) -> Dict[str, Any]:
        if self._data is None:
            self._data = self._native.to_dict()
        return self._data

    # --- identification -------------------------------------------------------------

    @property
    def source(self) -> str:
        """Where the input came from: the path, the ``name=`` given, ``"<str>"`` or ``"<bytes>"``."""
        return self._native.source

    @property
    def format(self) -> str:
        """The table format: ``"2019"`` (国办公开办函〔2019〕60号, reports for 2019–2020),
        ``"2021"`` (〔2021〕30号, 2021 on) or ``"none"`` (free format, or no tables found)."""
        return self._native.format

    @property
    def input(self) -> str:
        """``"html"`` or ``"text"``: what the input was read as."""
        return cast(str, self._d()["input"])

    @property
    def encoding(self) -> str:
        """The encoding the bytes were decoded with (``"UTF-8"``, ``"GBK"``, ``"gb18030"``,
        ``"Big5"`` …); ``"UTF-8"`` for ``str`` input."""
        return cast(str, self._d()["encoding"])

    @property
    def encoding_source(self) -> str:
        """How the encoding was chosen: ``"bom"``, ``"meta"``, ``"sniffed"``, ``"utf8"``, or
        ``"caller"`` (text given as ``str``)."""
        return cast(str, self._d()["encoding_source"])

    # --- content --------------------------------------------------------------------

    @cached_property
    def meta(self) -> Meta:
        """Title, publisher, year, publish date, 索引号, report or interpretation."""
        return _pick(Meta, self._d().get("meta") or {})

    @cached_property
    def conversion(self) -> Conversion:
        """What the Traditional→Simplified step did."""
        return _pick(Conversion, self._d().get("conversion") or {})

    @cached_property
    def tables(self) -> Tables:
        """The canonical tables: ``tables.proactive``, ``tables.requests``, ``tables.appeals``."""
        return Tables._from_dict(self._d().get("tables") or {})

    @cached_property
    def findings(self) -> List[Finding]:
        """Problems found (failing identities, truncation, prose vs table disagreements …)."""
        return [_pick(Finding, f) for f in self._d().get("findings") or []]

    @cached_property
    def checks(self) -> List[Check]:
        """Every identity evaluated, holding or not."""
        return [_pick(Check, c) for c in self._d().get("checks") or []]

    @cached_property
    def figures(self) -> List[Figure]:
        """Figures the narrative states for canonical cells."""
        return [_pick(Figure, f) for f in self._d().get("figures") or []]

    @cached_property
    def sections(self) -> List[Section]:
        """The numbered sections 一 … 六 with their text."""
        return [_pick(Section, s) for s in self._d().get("sections") or []]

    @property
    def text(self) -> str:
        """The report body, Simplified and width-folded: what offsets refer to by default."""
        return cast(str, self._d()["text"])

    @property
    def original_text(self) -> str:
        """The report body as decoded, for quoting."""
        return cast(str, self._d()["original_text"])

    def cell(self, key: str) -> Optional[Cell]:
        """The cell with full key ``table.row.column`` (e.g. ``"requests.granted.total"``), or ``None``."""
        return self.tables.cell(key)

    # --- outputs --------------------------------------------------------------------

    def to_dict(self) -> Dict[str, Any]:
        """The report as plain dicts and lists, the same shape as the JSON output (a fresh copy)."""
        return self._native.to_dict()

    def to_json(self, indent: Optional[int] = None) -> str:
        """The report as JSON text, the same as the CLI's JSON output; indented by ``indent`` spaces if given."""
        return self._native.to_json(indent)

    def to_csv(self) -> str:
        """The tidy long CSV (header ``source,table,row,column,value,raw,state``), as the CLI writes it."""
        return self._native.to_csv()

    def to_pandas(self) -> "pandas.DataFrame":
        """The tidy long table as a pandas DataFrame (see :func:`gxbg.to_pandas`)."""
        from . import _frames

        return _frames.to_pandas([self])

    def to_rows(self) -> "List[Tuple[str, str, str, str, Optional[float], str, str]]":
        """The tidy long table as tuples ``(source, table, row, column, value, raw, state)``
        (see :func:`gxbg.to_rows`)."""
        from . import _frames

        return _frames.to_rows([self])

    def to_polars(self) -> "polars.DataFrame":
        """The tidy long table as a polars DataFrame (see :func:`gxbg.to_polars`)."""
        from . import _frames

        return _frames.to_polars([self])

    def slim(self) -> "Report":
        """A copy that keeps only what :func:`gxbg.cross_year` reads: source, format,
        ``meta``, the tables' statuses, the rows 上年结转 / 结转下年度继续办理
        (``requests.carried_over`` / ``carried_forward``) and 规章 / 行政规范性文件
        (``proactive.regulations`` / ``normative_documents``) without their raw text, and the
        first 3000 characters of ``text``; findings, checks, figures and sections are dropped.

        ``gxbg.cross_year`` gives the same findings on slim copies. A slim copy takes a few
        KiB, so workers (Dask, Spark, multiprocessing) can send these back for the
        cross-year checks instead of whole reports. It is what ``gxbg batch`` keeps too.
        """
        return Report(self._native.slim())

    # --- Python protocol ------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Report):
            return NotImplemented
        return self._native.to_json() == other._native.to_json()

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> Any:
        return (_report_from_json, (self._native.to_json(),))

    def __repr__(self) -> str:
        year = self.meta.year
        tabs = " ".join(f"{k}={t.status}" for k, t in self.tables.items())
        return (
            f"<gxbg.Report source={self.source!r} format={self.format!r} year={year!r} "
            f"{tabs} findings={len(self.findings)}>"
        )

    def _repr_html_(self) -> str:
        import html

        m = self.meta
        rows = "".join(
            f"<tr><td>{html.escape(k)}</td><td>{html.escape(t.status)}</td><td>{len(t)}</td></tr>"
            for k, t in self.tables.items()
        )
        finds = "".join(
            f"<li>[{html.escape(f.severity)}] {html.escape(f.rule)}: {html.escape(f.message)}</li>"
            for f in self.findings[:20]
        )
        more = f"<li>… {len(self.findings) - 20} more</li>" if len(self.findings) > 20 else ""
        return (
            f"<div><b>{html.escape(m.title or self.source)}</b> "
            f"(format {html.escape(self.format)}, year {m.year if m.year is not None else '?'}, "
            f"{html.escape(self.source)})"
            f"<table><tr><th>table</th><th>status</th><th>rows</th></tr>{rows}</table>"
            f"<div>{len(self.checks)} checks, {len(self.figures)} prose figures, "
            f"{len(self.findings)} findings</div><ul>{finds}{more}</ul></div>"
        )


def _report_from_json(text: str) -> Report:
    return Report(_gxbg.NativeReport.from_json(text))

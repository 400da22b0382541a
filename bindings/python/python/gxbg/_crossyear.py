"""Checks across years (``gxbg.cross_year``): the reports of one publisher for consecutive
years must agree. Computed by the Rust core (``gxbg::crossyear``), the same checks and
findings as ``gxbg batch`` reports in its summary; nothing is re-derived here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping as _AbcMapping
from dataclasses import dataclass, field
from typing import Any, Iterable, List, Mapping, Optional, Tuple, Union

from . import _gxbg
from ._errors import ParseError
from ._frames import _natives
from ._report import Finding, Report

__all__ = ["CrossYearFinding", "cross_year", "PublishersArg"]

#: What ``publishers=`` accepts: a mapping ``{pattern: publisher}``, ``(pattern, publisher)``
#: pairs (first match wins, in order), or the path of a TSV file of ``pattern<TAB>publisher``
#: lines (``gxbg batch --publishers`` reads the same file).
PublishersArg = Union[Mapping[str, str], Iterable[Tuple[str, str]], "os.PathLike[str]", "os.PathLike[bytes]"]


@dataclass(frozen=True)
class CrossYearFinding:
    """A finding of the cross-year checks: the finding and the two reports it compares.

    Rules (see the core's ``gxbg::crossyear``):

    * ``cross_year.carry_over`` (``error``): 上年结转 of year N ≠ 结转下年度继续办理 of
      year N−1 (``requests.carried_over.*`` vs ``requests.carried_forward.*``);
    * ``cross_year.in_force`` (``info`` within the tolerance of revisions, else
      ``warning``): 现行有效件数 (N) ≠ 现行有效件数 (N−1) + 本年制发 − 本年废止 (N);
    * ``cross_year.format`` (``warning``): a report in the table format of another year;
    * ``cross_year.duplicate`` (``info``): several reports of one publisher for one year;
      ``source`` is the one kept, ``other_source`` the one set aside.

    Attributes:
        rule: the rule id, e.g. ``"cross_year.carry_over"``.
        severity: ``"info"``, ``"warning"`` or ``"error"``.
        message: the message in Chinese (naming both reports' sources and years).
        message_en: the same message in English.
        cells: the cells compared, each ``SOURCE#table.row.column`` (the report's
            :attr:`Report.source`, ``#``, the canonical key; see :meth:`cell_refs`).
        publisher: the publisher's name as its most recent report shows it (or as the
            publisher map gives it).
        source: the report the finding is about (year N of a pair).
        year: its year.
        other_source: the report it is compared with (year N−1, or the duplicate set
            aside); ``None`` for ``cross_year.format``.
        other_year: that report's year, or ``None``.
    """

    rule: str
    severity: str
    message: str
    message_en: str
    cells: List[str]
    publisher: str
    source: str
    year: int
    other_source: Optional[str] = None
    other_year: Optional[int] = None

    @property
    def finding(self) -> Finding:
        """The rule, severity, messages and cells as a plain :class:`Finding`."""
        return Finding(self.rule, self.severity, self.message, self.message_en, list(self.cells))

    def cell_refs(self) -> List[Tuple[str, str]]:
        """``cells`` as ``(source, key)`` pairs (split at the last ``#``, so a ``#`` in a
        path is kept)."""
        out = []
        for c in self.cells:
            src, sep, key = c.rpartition("#")
            out.append((src, key) if sep else ("", c))
        return out

    @classmethod
    def _from_dict(cls, d: Mapping[str, Any]) -> "CrossYearFinding":
        f = d.get("finding") or {}
        return cls(
            rule=f.get("rule", ""),
            severity=f.get("severity", ""),
            message=f.get("message", ""),
            message_en=f.get("message_en", ""),
            cells=list(f.get("cells") or []),
            publisher=d.get("publisher", ""),
            source=d.get("source", ""),
            year=d.get("year", 0),
            other_source=d.get("other_source"),
            other_year=d.get("other_year"),
        )


def _publisher_kwargs(publishers: Optional[PublishersArg]) -> dict:
    if publishers is None:
        return {}
    if isinstance(publishers, os.PathLike):
        with open(os.fspath(publishers), encoding="utf-8") as fh:
            return {"tsv": fh.read()}
    if isinstance(publishers, (str, bytes)):
        raise TypeError(
            "gxbg.cross_year: publishers= takes a mapping {pattern: publisher}, (pattern, publisher) "
            "pairs, or the path of a TSV file as os.PathLike (e.g. pathlib.Path), not a str"
        )
    items: Iterable[Any] = publishers.items() if isinstance(publishers, _AbcMapping) else publishers
    pairs: List[Tuple[str, str]] = []
    for i, item in enumerate(items):
        try:
            pattern, name = item
        except (TypeError, ValueError):
            raise TypeError(f"gxbg.cross_year: publishers item {i} is not a (pattern, publisher) pair: {item!r}") from None
        if not isinstance(pattern, str) or not isinstance(name, str):
            raise TypeError(f"gxbg.cross_year: publishers item {i}: pattern and publisher must be str, got {item!r}")
        if not pattern.strip() or not name.strip():
            raise ValueError(f"gxbg.cross_year: publishers item {i}: empty pattern or publisher: {item!r}")
        pairs.append((pattern, name))
    return {"pairs": pairs}


def cross_year(
    reports: Union[Report, Iterable[Union[Report, ParseError]]],
    publishers: Optional[PublishersArg] = None,
) -> List[CrossYearFinding]:
    """The cross-year findings of a set of reports, as ``gxbg batch`` reports them.

    Reports are grouped by publisher (from the title, else the 发布机构; ``publishers``
    overrides) and year; consecutive years of one publisher are compared (结转 carried
    over, 现行有效 counts, the format of the year) and several reports for one year are
    flagged. Reports without a publisher or a year take part in no check.

    Args:
        reports: :class:`Report` objects in any order, e.g. the result of
            :func:`gxbg.parse_many`; its :class:`ParseError` items are skipped.
        publishers: publisher overrides, matched against each report's title, 发布机构 and
            source: a mapping ``{pattern: publisher}``, ``(pattern, publisher)`` pairs
            (first match wins), or the path (``os.PathLike``) of a TSV file of
            ``pattern<TAB>publisher`` lines (``#`` comments and blank lines allowed; the
            file ``gxbg batch --publishers`` reads). Reports mapped to one publisher are one
            group.

    Returns:
        The findings, grouped by publisher, then by year (the core's order).

    Raises:
        TypeError: an item of ``reports`` is not a Report or ParseError, or ``publishers``
            is of none of the accepted types.
        ValueError: a publisher-map line is malformed (empty pattern or publisher).
        OSError: the TSV file cannot be read.
    """
    natives = _natives(reports, "cross_year")
    raw = _gxbg.cross_year(natives, **_publisher_kwargs(publishers))
    return [CrossYearFinding._from_dict(d) for d in raw]

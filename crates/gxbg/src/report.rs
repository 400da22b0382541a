//! The output types: one [`Report`] per input, serialisable with serde.
//!
//! JSON is these types as serde writes them; the CSV and every binding are views of them.

use crate::schema::Format;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A name from the schema or the rules — a row or column key, a cell key
/// `table.row.column`, a rule id. The parser lends the schema's own strings
/// (`Cow::Borrowed`), so a report does not allocate its ~500 keys; a deserialised report
/// owns them. Compares, hashes and serialises as the `str` it holds.
pub type Key = Cow<'static, str>;

/// What a canonical cell shows in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellState {
    /// A number.
    Value,
    /// The cell is there but empty (`&nbsp;`, empty `<p>`).
    Blank,
    /// A dash or its kin: `—`, `-`, `/`, `无`.
    Dash,
    /// Text that is not a number.
    Text,
    /// The source does not have this cell (table lost, truncated, or row absent).
    Missing,
}

impl CellState {
    pub fn as_str(self) -> &'static str {
        match self {
            CellState::Value => "value",
            CellState::Blank => "blank",
            CellState::Dash => "dash",
            CellState::Text => "text",
            CellState::Missing => "missing",
        }
    }
}

/// A number as printed: counts are integers, amounts may be decimals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Number {
    Int(i64),
    Dec(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Dec(d) => d,
        }
    }
    pub fn as_i64(self) -> Option<i64> {
        match self {
            Number::Int(i) => Some(i),
            Number::Dec(d) if d.fract() == 0.0 && d.abs() < 9.0e15 => Some(d as i64),
            Number::Dec(_) => None,
        }
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Int(i) => write!(f, "{i}"),
            Number::Dec(d) => write!(f, "{d}"),
        }
    }
}

/// One canonical cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub state: CellState,
    /// The number, when `state` is `value`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub value: Option<Number>,
    /// The source text of the cell (after Traditional→Simplified and width folding);
    /// absent for `missing` and derived cells.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub raw: Option<String>,
    /// A unit stripped from the number (元, 万元, 件, 个, 条, 项 …).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unit: Option<String>,
    /// Computed from other cells rather than printed (other_handling in the 2021 format).
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub derived: bool,
}

impl Cell {
    pub fn missing() -> Self {
        Cell { state: CellState::Missing, value: None, raw: None, unit: None, derived: false }
    }
    /// The number, for `value` cells.
    pub fn number(&self) -> Option<Number> {
        if self.state == CellState::Value {
            self.value
        } else {
            None
        }
    }
}

/// Whether and how a canonical table was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableStatus {
    /// Found, with values.
    Present,
    /// Found (labels survive) but every value is missing.
    PresentWithoutValues,
    /// Found, but the source ends inside it: cells after the cut are missing.
    Truncated,
    /// Only its heading, or nothing, survives.
    Missing,
}

/// One canonical table: rows in canonical order, each with its columns in canonical order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CanonicalTable {
    pub status: TableStatus,
    /// Rows by key; every canonical row of the report's format is present (cells
    /// `missing` where the source lacks them) unless the table is `missing`.
    pub rows: IndexMap<Key, IndexMap<Key, Cell>>,
}

impl CanonicalTable {
    pub fn missing() -> Self {
        CanonicalTable { status: TableStatus::Missing, rows: IndexMap::new() }
    }
    pub fn cell(&self, row: &str, column: &str) -> Option<&Cell> {
        self.rows.get(row).and_then(|r| r.get(column))
    }
}

/// The three canonical tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tables {
    pub proactive: CanonicalTable,
    pub requests: CanonicalTable,
    pub appeals: CanonicalTable,
}

impl Tables {
    pub fn get(&self, key: &str) -> Option<&CanonicalTable> {
        match key {
            "proactive" => Some(&self.proactive),
            "requests" => Some(&self.requests),
            "appeals" => Some(&self.appeals),
            _ => None,
        }
    }
    pub fn get_mut(&mut self, key: &str) -> Option<&mut CanonicalTable> {
        match key {
            "proactive" => Some(&mut self.proactive),
            "requests" => Some(&mut self.requests),
            "appeals" => Some(&mut self.appeals),
            _ => None,
        }
    }
    /// Look a cell up by its full key `table.row.column`.
    pub fn cell(&self, key: &str) -> Option<&Cell> {
        let mut it = key.splitn(3, '.');
        let (t, r, c) = (it.next()?, it.next()?, it.next()?);
        self.get(t)?.cell(r, c)
    }
    /// `(table key, table)` in report order.
    pub fn iter(&self) -> [(&'static str, &CanonicalTable); 3] {
        [("proactive", &self.proactive), ("requests", &self.requests), ("appeals", &self.appeals)]
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// A problem found in the report (an identity that fails, a truncated table, a prose
/// figure that disagrees with its table …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule id, e.g. `requests.balance`.
    pub rule: Key,
    pub severity: Severity,
    /// The message in Chinese.
    pub message: String,
    /// The same message in English.
    pub message_en: String,
    /// The canonical cells involved, as `table.row.column` keys (prose figures as
    /// `prose:table.row.column`).
    pub cells: Vec<Key>,
}

/// One identity evaluated (whether it holds or not).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub rule: Key,
    /// `table` for table cells, `prose` for figures from the narrative.
    pub on: Key,
    pub holds: bool,
    /// The identity written out with its numbers, e.g. `651 + 17 = 650 + 18`.
    pub expression: String,
    pub cells: Vec<Key>,
    /// Cells that were blank or dashes and were counted as 0 for this check.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub assumed_zero: Vec<Key>,
}

/// Which text an offset refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextRef {
    /// [`Report::text`]: Simplified, width-folded.
    Normalized,
    /// [`Report::original_text`]: as decoded.
    Original,
}

/// A figure stated in the narrative for a canonical cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The canonical cell, `table.row.column`.
    pub key: String,
    pub value: Number,
    /// The words that state it, e.g. `新收到政府信息公开申请8643件`.
    pub raw: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unit: Option<String>,
    /// The sentence it came from.
    pub sentence: String,
    /// Character (not byte) offset of `raw` in the text named by `offset_in`.
    pub offset: usize,
    pub offset_in: TextRef,
}

/// A numbered section of the report (一、总体情况 … 六、其他需要报告的事项).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// 一 … 六 (or further numerals in free-format reports).
    pub numeral: String,
    pub title: String,
    pub text: String,
    /// Character offset of the heading in [`Report::text`].
    pub offset: usize,
}

/// Whether the page is the report itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Report,
    /// An interpretation (解读) of the report: its figures are the report's, its tables rarely.
    Interpretation,
}

/// Metadata the page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Meta {
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// The year the report covers.
    pub year: Option<i32>,
    /// ISO date `YYYY-MM-DD`.
    pub publish_date: Option<String>,
    /// 索引号.
    pub index_number: Option<String>,
    pub document_kind: Option<DocumentKind>,
}

/// What the Traditional→Simplified step did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Conversion {
    /// The script detected: `simplified`, `traditional`, `mixed`, or `none` (no Han text).
    pub script: String,
    /// Whether any text was converted.
    pub converted: bool,
    /// Characters that differ between the original and the normalised text.
    pub changed_chars: usize,
}

/// The parse of one report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Where the input came from (a path, `-` for stdin, or a caller's name).
    pub source: String,
    /// `html` or `text`.
    pub input: String,
    /// The encoding the bytes were decoded with (`UTF-8`, `GBK`, `GB18030`, `Big5` …).
    pub encoding: String,
    /// How the encoding was chosen: `bom`, `meta`, `sniffed`, `utf8`, or `caller` (text given).
    pub encoding_source: String,
    pub format: Format,
    pub meta: Meta,
    pub conversion: Conversion,
    pub tables: Tables,
    pub findings: Vec<Finding>,
    pub checks: Vec<Check>,
    /// Figures the narrative states, kept apart from table cells.
    pub figures: Vec<Figure>,
    pub sections: Vec<Section>,
    /// The report body, Simplified and width-folded: what offsets refer to by default.
    pub text: String,
    /// The report body as decoded, for quoting.
    pub original_text: String,
}

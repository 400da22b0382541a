//! Outputs: JSON, JSON Lines and the tidy long CSV.
//!
//! The CSV has exactly the columns `source,table,row,column,value,raw,state`:
//! one line per canonical cell of every table that is not `missing` (all its canonical
//! rows and columns, `state` one of `value`, `blank`, `dash`, `text`, `missing`), then one
//! line per figure from the narrative with `table` prefixed `prose:` (e.g.
//! `prose:requests`) so prose figures are never mistaken for table cells.

use crate::report::{CellState, Report, TableStatus};
use serde::Serialize;

/// The CSV header.
pub const CSV_COLUMNS: [&str; 7] = ["source", "table", "row", "column", "value", "raw", "state"];

/// One line of the tidy CSV.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CsvRow {
    pub source: String,
    pub table: String,
    pub row: String,
    pub column: String,
    /// The number as text (empty when the cell has none).
    pub value: String,
    pub raw: String,
    pub state: &'static str,
}

/// The tidy rows of one report.
pub fn csv_rows(r: &Report) -> Vec<CsvRow> {
    let mut out = Vec::new();
    for_each_csv_row(r, |[source, table, row, column, value, raw], state| {
        out.push(CsvRow {
            source: source.to_string(),
            table: table.to_string(),
            row: row.to_string(),
            column: column.to_string(),
            value: value.to_string(),
            raw: raw.to_string(),
            state,
        })
    });
    out
}

/// Call `f` with the fields of every tidy row of a report, in [`CSV_COLUMNS`] order (the
/// first six borrowed, then `state`) and in [`csv_rows`]' order: the one place that decides
/// what the rows hold, for [`csv_rows`], for [`write_csv`], which writes them without
/// building a `CsvRow` (a report has a few hundred rows of seven fields; the batch writes
/// millions), and for the bindings' column builders.
pub fn for_each_csv_row(r: &Report, mut f: impl FnMut([&str; 6], &'static str)) {
    use std::fmt::Write as _;
    let mut value = String::new();
    for (tk, t) in r.tables.iter() {
        if t.status == TableStatus::Missing {
            continue;
        }
        for (rk, row) in &t.rows {
            for (ck, c) in row {
                value.clear();
                if let Some(n) = c.number() {
                    let _ = write!(value, "{n}");
                }
                f([&r.source, tk, rk, ck, &value, c.raw.as_deref().unwrap_or("")], c.state.as_str());
            }
        }
    }
    let mut table = String::new();
    for fig in &r.figures {
        let mut it = fig.key.splitn(3, '.');
        let (t, row, col) = (it.next().unwrap_or(""), it.next().unwrap_or(""), it.next().unwrap_or(""));
        table.clear();
        table.push_str("prose:");
        table.push_str(t);
        value.clear();
        let _ = write!(value, "{}", fig.value);
        f([&r.source, &table, row, col, &value, &fig.raw], CellState::Value.as_str());
    }
}

/// Write the tidy CSV (with header when `header`) of several reports; returns the number
/// of rows written (the header not counted).
pub fn write_csv<W: std::io::Write>(w: W, reports: &[&Report], header: bool) -> Result<u64, csv::Error> {
    let mut wr = csv::WriterBuilder::new().has_headers(false).from_writer(w);
    if header {
        wr.write_record(CSV_COLUMNS)?;
    }
    let mut rows = 0u64;
    let mut err = None;
    for r in reports {
        for_each_csv_row(r, |[source, table, row, column, value, raw], state| {
            if err.is_none() {
                match wr.write_record([source, table, row, column, value, raw, state]) {
                    Ok(()) => rows += 1,
                    Err(e) => err = Some(e),
                }
            }
        });
        if let Some(e) = err {
            return Err(e);
        }
    }
    wr.flush()?;
    Ok(rows)
}

/// The tidy CSV of several reports as a string.
pub fn to_csv(reports: &[&Report]) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_csv(&mut buf, reports, true);
    String::from_utf8(buf).unwrap_or_default()
}

/// The report as pretty JSON.
pub fn to_json(r: &Report) -> String {
    serde_json::to_string_pretty(r).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// The report as one line of JSON.
pub fn to_json_line(r: &Report) -> String {
    serde_json::to_string(r).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

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
    for (tk, t) in r.tables.iter() {
        if t.status == TableStatus::Missing {
            continue;
        }
        for (rk, row) in &t.rows {
            for (ck, c) in row {
                out.push(CsvRow {
                    source: r.source.clone(),
                    table: tk.to_string(),
                    row: rk.to_string(),
                    column: ck.to_string(),
                    value: c.number().map(|n| n.to_string()).unwrap_or_default(),
                    raw: c.raw.clone().unwrap_or_default(),
                    state: c.state.as_str(),
                });
            }
        }
    }
    for f in &r.figures {
        let mut it = f.key.splitn(3, '.');
        let (t, row, col) = (it.next().unwrap_or(""), it.next().unwrap_or(""), it.next().unwrap_or(""));
        out.push(CsvRow {
            source: r.source.clone(),
            table: format!("prose:{t}"),
            row: row.to_string(),
            column: col.to_string(),
            value: f.value.to_string(),
            raw: f.raw.clone(),
            state: CellState::Value.as_str(),
        });
    }
    out
}

/// Write the tidy CSV (with header) of several reports.
pub fn write_csv<W: std::io::Write>(w: W, reports: &[&Report], header: bool) -> Result<(), csv::Error> {
    let mut wr = csv::WriterBuilder::new().has_headers(false).from_writer(w);
    if header {
        wr.write_record(CSV_COLUMNS)?;
    }
    for r in reports {
        for row in csv_rows(r) {
            wr.serialize(&row)?;
        }
    }
    wr.flush()?;
    Ok(())
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

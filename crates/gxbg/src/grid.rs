//! Grids: a table's cells placed on rows and columns.
//!
//! A [`Grid`] is what every table source (an HTML `<table>`, `|`-separated text rows,
//! one-cell-per-line dumps) is rebuilt into before the canonical mapping looks at it.
//! It stores the *placed cells* only — never one entry per slot — so that a span bomb
//! (`<td colspan=1000 rowspan=65534>` repeated) costs memory proportional to the cells
//! actually written in the source, not to the area they cover.

use serde::Serialize;

/// How a grid was obtained; tells the mapper how far column positions can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GridKind {
    /// An HTML `<table>` laid out with the HTML table model: columns are exact.
    Html,
    /// `|`-separated text rows whose merged cells may have been dropped: each row is a
    /// sequence of cells whose column positions are *not* reliable.
    PipeText,
    /// One cell per line: rows are reconstructed from labels, positions are not reliable.
    CellPerLine,
}

/// One cell as placed on the grid. `row`/`col` is its top-left slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlacedCell {
    pub row: u32,
    pub col: u32,
    pub rowspan: u32,
    pub colspan: u32,
    /// Cell text: fragments (`<br>`, `<p>`, `<span>`) joined, `&nbsp;` as a space,
    /// whitespace runs collapsed and trimmed. Not yet Traditional→Simplified converted.
    pub text: String,
    /// `<th>` rather than `<td>`.
    pub header: bool,
}

/// A rebuilt table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grid {
    pub kind: GridKind,
    pub n_rows: u32,
    pub n_cols: u32,
    /// Cells in source order (row-major as written).
    pub cells: Vec<PlacedCell>,
    /// The source ended inside this table (a text extraction cut off mid-table).
    pub truncated: bool,
    /// Character offset of the table's start in the document's original text, where known.
    pub offset: Option<usize>,
}

impl Grid {
    /// An empty grid of the given kind.
    pub fn new(kind: GridKind) -> Self {
        Grid { kind, n_rows: 0, n_cols: 0, cells: Vec::new(), truncated: false, offset: None }
    }

    /// Build a grid from rows of cell texts, each cell 1×1 at its index in its row (the
    /// shape of text sources, where spans are unknown).
    pub fn from_text_rows<S: AsRef<str>>(kind: GridKind, rows: &[Vec<S>]) -> Self {
        let mut g = Grid::new(kind);
        for (r, row) in rows.iter().enumerate() {
            for (c, t) in row.iter().enumerate() {
                g.cells.push(PlacedCell {
                    row: r as u32,
                    col: c as u32,
                    rowspan: 1,
                    colspan: 1,
                    text: t.as_ref().to_string(),
                    header: false,
                });
            }
            g.n_cols = g.n_cols.max(row.len() as u32);
        }
        g.n_rows = rows.len() as u32;
        g
    }

    /// Cells covering row `r` (placed in it or spanning down into it), ordered by column.
    /// Cost is proportional to the number of cells, never to the spanned area.
    pub fn row_cells(&self, r: u32) -> Vec<&PlacedCell> {
        let mut v: Vec<&PlacedCell> = self
            .cells
            .iter()
            .filter(|c| c.row <= r && (r as u64) < c.row as u64 + c.rowspan.max(1) as u64)
            .collect();
        v.sort_by_key(|c| (c.col, c.row));
        v
    }

    /// All rows as views of covering cells; a helper for small tables (the mapper only
    /// calls it on grids that look like report tables).
    pub fn rows(&self) -> Vec<Vec<&PlacedCell>> {
        let mut out: Vec<Vec<&PlacedCell>> = vec![Vec::new(); self.n_rows as usize];
        for c in &self.cells {
            let end = (c.row as u64 + c.rowspan.max(1) as u64).min(self.n_rows as u64);
            for r in c.row as u64..end {
                out[r as usize].push(c);
            }
        }
        for row in &mut out {
            row.sort_by_key(|c| (c.col, c.row));
        }
        out
    }

    /// The text of the grid rendered as `a | b | c` lines (one per row, each cell once, in
    /// the row where it starts), for the document's text view.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        self.write_text(&mut s);
        s
    }

    /// [`Grid::to_text`] appended to `out`: one line per row (rows without cells are empty
    /// lines), the cells of a row in column order joined by ` | `.
    pub fn write_text(&self, out: &mut String) {
        // Cells are normally stored in (row, col) order already; sort a copy of the order
        // only when they are not.
        let in_order = self.cells.windows(2).all(|w| (w[0].row, w[0].col) <= (w[1].row, w[1].col));
        if in_order {
            write_rows(self.cells.iter(), self.n_rows, out);
        } else {
            let mut v: Vec<&PlacedCell> = self.cells.iter().collect();
            v.sort_by_key(|c| (c.row, c.col));
            write_rows(v.into_iter(), self.n_rows, out);
        }
    }
}

/// The lines of [`Grid::write_text`] from cells in (row, col) order.
fn write_rows<'a>(cells: impl Iterator<Item = &'a PlacedCell>, n_rows: u32, out: &mut String) {
    let mut row = 0u32; // the line being written
    let mut first = true; // no cell written on it yet
    for c in cells {
        if c.row >= n_rows {
            continue;
        }
        while row < c.row {
            out.push('\n');
            row += 1;
            first = true;
        }
        if !first {
            out.push_str(" | ");
        }
        out.push_str(&c.text);
        first = false;
    }
    while row < n_rows {
        out.push('\n');
        row += 1;
    }
}

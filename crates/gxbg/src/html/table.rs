//! The table model: a [`TableNode`] laid out on slots the way Chromium does it.
//!
//! * Row groups: the first `<thead>` is laid out first and the first `<tfoot>` last
//!   (Chromium's `TableGroupedChildren`); every other group, including later `<thead>`s and
//!   `<tfoot>`s and the anonymous groups of `<tr>`s that are children of the table, in
//!   source order. (The HTML standard's "forming a table" keeps `<thead>` in source order and
//!   defers *every* `<tfoot>`; browsers render the first ones at the top / bottom, and that is
//!   what a reader sees.)
//! * Within a group, row by row, each cell goes to the first column at or after the current
//!   one that no cell spanning down from an earlier row of the *same group* covers
//!   (Chromium's `ColspanCellTabulator`, equivalently the standard's "first free slot").
//! * `colspan`: the rules for parsing non-negative integers (leading whitespace, `+`,
//!   digits, trailing garbage ignored); missing, invalid or 0 → 1; clamped to 1000.
//!   `rowspan`: the same, 0 = to the end of the row group, clamped to 65534; a rowspan never
//!   extends past the last row of its group.
//! * Overlaps: browsers let a cell's colspan run over a cell spanning down from above (a
//!   "table model error"); positions are kept exactly as Chromium computes them, but a
//!   [`PlacedCell`]'s `colspan` is cut where it would cover a slot that an earlier cell
//!   covers, so that every slot belongs to at most one cell. (Only the colspan needs cutting:
//!   every cell that could overlap the new one already covers the new cell's first row.)
//! * Rows without cells still count; the width is the furthest column any cell's (uncut)
//!   colspan reaches — `<col>`/`<colgroup>` do not add columns.
//!
//! Memory and time are proportional to the number of cells plus, per row, the cells still
//! spanning down into it; never to rows × columns. A work budget bounds pathological
//! span bombs: past it, the remaining rowspans of the table are cut at the current row.

use super::model::{items_text, CellNode, Item, TableNode, SectionKind};
use crate::grid::{Grid, GridKind, PlacedCell};

/// Work (active-span visits) allowed per table before rowspans stop being tracked.
const WORK_BUDGET: u64 = 20_000_000;

/// A cell spanning down: its columns (uncut colspan), the row (within the group) where it
/// stops covering, and its index in the output.
#[derive(Clone, Copy)]
struct Span {
    start: u64,
    end: u64,
    end_row: usize,
    cell: usize,
}

/// The order Chromium lays the row groups out in.
fn group_order(t: &TableNode) -> Vec<usize> {
    let head = t.sections.iter().position(|s| s.kind == SectionKind::Head);
    let foot = t.sections.iter().position(|s| s.kind == SectionKind::Foot);
    let mut order = Vec::with_capacity(t.sections.len());
    order.extend(head);
    order.extend((0..t.sections.len()).filter(|&i| Some(i) != head && Some(i) != foot));
    order.extend(foot);
    order
}

/// A cell's text (see [`items_text`]); a cell that holds a single line gives that line up
/// (its `text` or `items` are left empty) instead of copying it.
fn take_text(cell: &mut CellNode) -> String {
    if let Some(text) = cell.text.take() {
        return text;
    }
    let items = &mut cell.items;
    if let [Item::Line(l)] = items.as_mut_slice() {
        let text = std::mem::take(l);
        items.clear();
        return text;
    }
    items_text(items)
}

/// Lay a table out as a [`Grid`] (cell texts: lines and nested tables joined by a space).
/// Cells holding a single line are emptied (their text moves to the grid); cells holding
/// nested tables keep them.
pub(crate) fn layout(t: &mut TableNode) -> Grid {
    let mut g = Grid::new(GridKind::Html);
    let n_cells: usize = t.sections.iter().map(|s| s.rows.iter().map(Vec::len).sum::<usize>()).sum();
    let mut cells: Vec<PlacedCell> = Vec::with_capacity(n_cells);
    let mut row_base: u64 = 0;
    let mut width: u64 = 0;
    let mut work: u64 = 0;
    let mut track = true;
    for si in group_order(t) {
        let Some(sec) = t.sections.get_mut(si) else { continue };
        let nrows = sec.rows.len();
        let mut active: Vec<Span> = Vec::new();
        for (ri, row) in sec.rows.iter_mut().enumerate() {
            let abs_row = row_base + ri as u64;
            if abs_row >= u32::MAX as u64 {
                break;
            }
            active.retain(|s| s.end_row > ri);
            work += active.len() as u64 + row.len() as u64;
            if track && work > WORK_BUDGET {
                // Stop tracking: cut every span still open at this row.
                for s in &active {
                    if let Some(c) = cells.get_mut(s.cell) {
                        c.rowspan = (abs_row - c.row as u64).max(1) as u32;
                    }
                }
                active.clear();
                track = false;
            }
            let mut k = 0;
            let mut cur: u64 = 0;
            let mut new_spans: Vec<Span> = Vec::new();
            for cell in row.iter_mut() {
                while k < active.len() && active[k].start <= cur {
                    if active[k].end > cur {
                        cur = active[k].end;
                    }
                    k += 1;
                }
                let colspan = cell.colspan.max(1) as u64;
                if cur + colspan > u32::MAX as u64 {
                    break;
                }
                // Cut where an earlier cell spanning down starts.
                let out_cs = match active.get(k) {
                    Some(s) if s.start < cur + colspan => s.start - cur,
                    _ => colspan,
                };
                let remaining = nrows - ri;
                let rs = if !track {
                    1
                } else if cell.rowspan == 0 {
                    remaining
                } else {
                    (cell.rowspan as usize).min(remaining)
                };
                let idx = cells.len();
                cells.push(PlacedCell {
                    row: abs_row as u32,
                    col: cur as u32,
                    rowspan: rs.max(1) as u32,
                    colspan: out_cs.max(1) as u32,
                    text: take_text(cell),
                    header: cell.header,
                });
                if rs > 1 {
                    new_spans.push(Span { start: cur, end: cur + colspan, end_row: ri + rs, cell: idx });
                }
                cur += colspan;
                width = width.max(cur);
            }
            if !new_spans.is_empty() {
                active = merge(active, new_spans);
            }
        }
        row_base += nrows as u64;
    }
    g.n_rows = row_base.min(u32::MAX as u64) as u32;
    g.n_cols = width.min(u32::MAX as u64) as u32;
    g.cells = cells;
    g
}

/// Merge two lists sorted by start column.
fn merge(a: Vec<Span>, b: Vec<Span>) -> Vec<Span> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].start <= b[j].start {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

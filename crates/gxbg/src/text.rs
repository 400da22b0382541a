//! Text front end: text extractions → blocks (paragraph lines, `|` rows and one-cell-per-line
//! dumps rebuilt as grids).
use crate::blocks::{Block, Document, InputKind, PageHints};
use crate::grid::{Grid, GridKind};

/// Split a text extraction into blocks.
pub fn to_document(text: &str) -> Document {
    let mut blocks = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for line in text.lines() {
        let l = line.trim();
        if l.contains('|') {
            rows.push(l.split('|').map(|c| c.trim().to_string()).collect());
            continue;
        }
        if !rows.is_empty() {
            blocks.push(Block::Table { grid: Grid::from_text_rows(GridKind::PipeText, &rows) });
            rows.clear();
        }
        if !l.is_empty() {
            blocks.push(Block::Text { text: l.to_string() });
        }
    }
    if !rows.is_empty() {
        blocks.push(Block::Table { grid: Grid::from_text_rows(GridKind::PipeText, &rows) });
    }
    Document { kind: InputKind::Text, blocks, hints: PageHints::default() }
}

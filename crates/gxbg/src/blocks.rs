//! Blocks: the document as an ordered list of text paragraphs and tables.
//!
//! Both front ends produce a [`Document`]: [`crate::html`] for HTML pages (after
//! [`crate::locate`] has cut the report body out of the portal chrome) and [`crate::text`]
//! for text extractions. Everything after this point is independent of the input kind.

use crate::grid::Grid;
use serde::Serialize;

/// What the input was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    Html,
    Text,
}

/// One block of the report body, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph, heading or line of text (whitespace collapsed, trimmed, never empty).
    Text { text: String },
    /// A table rebuilt as a grid.
    Table { grid: Grid },
}

/// Metadata the page states outside the body text: `<title>`, `<meta name=… content=…>`
/// and label/value pairs of the portal's information header (索引号, 发布机构, 发布日期 …).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PageHints {
    pub title: Option<String>,
    /// `<meta name=… content=…>` pairs, names as written.
    pub meta: Vec<(String, String)>,
    /// Label/value pairs found in the page chrome (e.g. `("索引号", "1585729837/zfb/2025-0000050")`).
    pub fields: Vec<(String, String)>,
}

/// A document split into blocks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub kind: InputKind,
    pub blocks: Vec<Block>,
    pub hints: PageHints,
}

impl Document {
    /// The document's text: text blocks as lines, tables as `a | b | c` lines.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for b in &self.blocks {
            match b {
                Block::Text { text } => {
                    s.push_str(text);
                    s.push('\n');
                }
                Block::Table { grid } => grid.write_text(&mut s),
            }
        }
        s
    }
}

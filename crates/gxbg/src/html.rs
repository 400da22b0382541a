//! HTML front end: the located body regions → blocks, every `<table>` → a [`Grid`].
use crate::blocks::{Document, InputKind, PageHints};

/// Split an HTML page into blocks.
pub fn to_document(_html: &str) -> Document {
    Document { kind: InputKind::Html, blocks: Vec::new(), hints: PageHints::default() }
}

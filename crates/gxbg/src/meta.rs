//! Metadata (title, publisher, year, date, 索引号, report vs interpretation) and sections.
use crate::blocks::Document;
use crate::report::{Meta, Section};

/// Metadata from page hints and text.
pub fn extract(_doc: &Document, _text: &str) -> Meta {
    Meta::default()
}

/// Sections 一…六 with their text.
pub fn sections(_text: &str) -> Vec<Section> {
    Vec::new()
}

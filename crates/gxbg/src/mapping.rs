//! Grids → canonical tables.
use crate::blocks::Document;
use crate::report::{CanonicalTable, Finding, Tables};
use crate::schema::Format;

/// The result of mapping a document onto the canonical tables.
pub struct Mapped {
    pub format: Format,
    pub tables: Tables,
    pub findings: Vec<Finding>,
    pub year_hint: Option<i32>,
}

/// Map a normalised document onto the canonical tables.
pub fn map(_doc: &Document, _text: &str, _year: Option<i32>) -> Mapped {
    Mapped {
        format: Format::None,
        tables: Tables { proactive: CanonicalTable::missing(), requests: CanonicalTable::missing(), appeals: CanonicalTable::missing() },
        findings: Vec::new(),
        year_hint: None,
    }
}

//! The intermediate shape both HTML builders produce (the streaming one in
//! [`super::tree`] and the DOM walk in [`super::dom`]): lines of text and tables whose
//! sections, rows and cells keep their content as the same kind of items.

/// A line of text or a table, in document order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// Whitespace collapsed, trimmed, never empty.
    Line(String),
    Table(Box<TableNode>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SectionKind {
    Head,
    Body,
    Foot,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct TableNode {
    /// `<caption>` content.
    pub caption: Vec<Item>,
    /// Row groups in source order (`<tr>` children of the table itself form anonymous body
    /// groups).
    pub sections: Vec<SectionNode>,
    /// Byte offset of `<table` in the input, when the builder knows it.
    pub pos: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SectionNode {
    pub kind: SectionKind,
    pub rows: Vec<Vec<CellNode>>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CellNode {
    pub header: bool,
    /// Parsed and clamped (1..=1000).
    pub colspan: u32,
    /// Parsed and clamped (0..=65534); 0 = to the end of the row group.
    pub rowspan: u32,
    pub items: Vec<Item>,
}

/// Chromium's limits (`kMaxColSpan`, `kMaxRowSpan`).
pub(crate) const MAX_COLSPAN: u32 = 1000;
pub(crate) const MAX_ROWSPAN: u32 = 65534;

/// `colspan` (an already decoded attribute value): missing, invalid or 0 → 1; clamped to 1000.
pub(crate) fn colspan_of(v: Option<&str>) -> u32 {
    match v.and_then(super::lex::parse_non_negative) {
        Some(n) => n.clamp(1, MAX_COLSPAN),
        None => 1,
    }
}

/// `rowspan`: missing or invalid → 1; 0 kept (span to the end of the row group); clamped
/// to 65534.
pub(crate) fn rowspan_of(v: Option<&str>) -> u32 {
    match v.and_then(super::lex::parse_non_negative) {
        Some(n) => n.min(MAX_ROWSPAN),
        None => 1,
    }
}

/// Collects the text of one line: whitespace (including no-break and ideographic spaces)
/// collapsed to one space, leading and trailing space dropped.
#[derive(Debug, Default)]
pub(crate) struct LineBuf {
    buf: String,
    space: bool,
}

#[inline]
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'
}

impl LineBuf {
    /// Append decoded text.
    pub(crate) fn push(&mut self, s: &str) {
        // Fast path: ASCII-free or space-free chunks are appended in pieces.
        for c in s.chars() {
            if is_space(c) {
                self.space = true;
            } else if c != '\0' {
                if self.space && !self.buf.is_empty() {
                    self.buf.push(' ');
                }
                self.space = false;
                self.buf.push(c);
            }
        }
    }

    /// End the line: push it to `items` when not empty.
    pub(crate) fn flush(&mut self, items: &mut Vec<Item>) {
        self.space = false;
        if !self.buf.is_empty() {
            items.push(Item::Line(std::mem::take(&mut self.buf)));
        }
    }
}

/// The text of a cell: its lines (and nested tables' cell texts) joined by one space.
pub(crate) fn items_text(items: &[Item]) -> String {
    let mut out = String::new();
    append_items_text(items, &mut out);
    out
}

fn append_items_text(items: &[Item], out: &mut String) {
    for it in items {
        match it {
            Item::Line(l) => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(l);
            }
            Item::Table(t) => {
                append_items_text(&t.caption, out);
                for s in &t.sections {
                    for r in &s.rows {
                        for c in r {
                            append_items_text(&c.items, out);
                        }
                    }
                }
            }
        }
    }
}

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
    /// The cell's only line when it holds nothing else (`items` is then empty): the
    /// streaming builder stores it so, saving an allocation per cell.
    pub text: Option<String>,
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

/// Bytes that may start a space character or NUL in UTF-8: ASCII `\0`, `\t`–`\r` and
/// space, and the lead bytes of U+0085/U+00A0 (`C2`), U+1680 (`E1`), U+2000–U+205F (`E2`),
/// U+3000 (`E3`) and U+FEFF (`EF`). Every other byte is part of a character that is
/// neither space nor NUL, which [`space_runs`] copies as is.
static MAY_BE_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = matches!(i, 0 | 0x09..=0x0D | 0x20 | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF);
        i += 1;
    }
    t
};

/// Cuts `s` at its space characters ([`is_space`]), and at NUL too when `nul`: calls
/// `cut(run, c)` with the text before each cutting character `c` (possibly empty) and
/// returns the text after the last one. Runs are slices of `s`; only the bytes that may start
/// a space or NUL ([`MAY_BE_SPACE`]) are decoded. Serves [`LineBuf::push`] and `locate`'s
/// whitespace collapsing.
pub(crate) fn space_runs<'a>(s: &'a str, nul: bool, mut cut: impl FnMut(&'a str, char)) -> &'a str {
    let b = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        if !MAY_BE_SPACE[b[i] as usize] {
            i += 1;
            continue;
        }
        // `i` is a character boundary: the flagged bytes are ASCII or lead bytes.
        let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
            i += 1;
            continue;
        };
        let n = c.len_utf8();
        if is_space(c) || (nul && c == '\0') {
            cut(s.get(run..i).unwrap_or(""), c);
            run = i + n;
        }
        i += n;
    }
    s.get(run..).unwrap_or("")
}

/// Lines up to this long are copied out of a [`LineBuf`]'s buffer (see `LineBuf::take_buf`).
const COPY_LINE_MAX: usize = 4096;

impl LineBuf {
    /// Append decoded text.
    pub(crate) fn push(&mut self, s: &str) {
        let tail = space_runs(s, true, |run, c| {
            self.append(run);
            if c != '\0' {
                self.space = true;
            }
        });
        self.append(tail);
    }

    /// Append a run holding neither space nor NUL.
    #[inline]
    fn append(&mut self, run: &str) {
        if run.is_empty() {
            return;
        }
        if self.space && !self.buf.is_empty() {
            self.buf.push(' ');
        }
        self.space = false;
        self.buf.push_str(run);
    }

    /// A line buffer that starts with `buf`'s capacity (its content is dropped).
    pub(crate) fn with_buffer(mut buf: String) -> Self {
        buf.clear();
        LineBuf { buf, space: false }
    }

    /// The buffer, for reuse by another [`LineBuf`].
    pub(crate) fn into_buffer(self) -> String {
        self.buf
    }

    /// The line collected so far, and the buffer emptied: a line of up to
    /// [`COPY_LINE_MAX`] bytes is copied out (one allocation of its size, the buffer's
    /// capacity kept for the next line, instead of the buffer growing again from nothing
    /// for every line); a longer one takes the buffer itself.
    fn take_buf(&mut self) -> String {
        if self.buf.len() <= COPY_LINE_MAX {
            let line = self.buf.as_str().to_owned();
            self.buf.clear();
            line
        } else {
            std::mem::take(&mut self.buf)
        }
    }

    /// End the line and hand it out when not empty.
    pub(crate) fn take_line(&mut self) -> Option<String> {
        self.space = false;
        if self.buf.is_empty() {
            None
        } else {
            Some(self.take_buf())
        }
    }

    /// End the line: push it to `items` when not empty.
    pub(crate) fn flush(&mut self, items: &mut Vec<Item>) {
        self.space = false;
        if !self.buf.is_empty() {
            items.push(Item::Line(self.take_buf()));
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
                            if let Some(l) = &c.text {
                                if !out.is_empty() {
                                    out.push(' ');
                                }
                                out.push_str(l);
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The character-by-character definition [`LineBuf::push`] must match.
    fn reference(parts: &[&str]) -> String {
        let (mut buf, mut space) = (String::new(), false);
        for s in parts {
            for c in s.chars() {
                if is_space(c) {
                    space = true;
                } else if c != '\0' {
                    if space && !buf.is_empty() {
                        buf.push(' ');
                    }
                    space = false;
                    buf.push(c);
                }
            }
        }
        buf
    }

    #[test]
    fn push_matches_per_char_rules() {
        let cases: &[&[&str]] = &[
            &["  a  b ", " c"],
            &["\u{3000}总体\u{a0}情况\u{200b}\u{feff}x", "\0y\0 \0z"],
            &["é\u{85}\u{1680}\u{2028}\u{202f}\u{205f}ā", "\u{e000}\u{2010}\u{3001}\u{ff01}"],
            &["", " ", "\0", "a", ""],
            &["\x0b\x1c\x1fq\r\n", "\u{c0}\u{1234}\u{20ac}"],
        ];
        for parts in cases {
            let mut l = LineBuf::default();
            for p in *parts {
                l.push(p);
            }
            assert_eq!(l.buf, reference(parts), "{parts:?}");
        }
    }
}

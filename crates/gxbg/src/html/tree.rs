//! The streaming builder: tokens → [`Item`]s without building a DOM.
//!
//! It implements the part of the HTML tree-construction algorithm that decides what a
//! reader sees as lines and table cells:
//! * in body: block elements (see [`Tag::is_block`]) start and end lines, `<br>` (and
//!   `</br>`) ends a line, `<p>` is closed by block starts ("close a p element" in button
//!   scope), `<li>`/`<dd>`/`<dt>`/headings close their open siblings, and an end tag only
//!   ends a line when its element is open in scope (a stray `</div>` inside a cell is
//!   ignored, as the parser ignores it);
//! * tables with the insertion modes "in table", "in table body", "in row", "in cell",
//!   "in caption" and "in column group": implied `<tbody>`/`<tr>`, cells closed by the next
//!   cell, row or row group, `</td>` vs `</th>` matching, `</tbody>` ignored inside a
//!   `<thead>`, a `<table>` start tag in table context closing the current table, nested
//!   tables inside cells;
//! * foster parenting: text and elements that appear in table context outside any cell
//!   are placed before the table, in order, joining the line that precedes the table as
//!   the parser's text-node merging does;
//! * `<select>` content and `<template>` content are skipped (not rendered), raw-text
//!   elements (`script`, `style`, `title`, `textarea`, `iframe`, `noscript`, …) render
//!   nothing, `<xmp>`/`<plaintext>` render their raw text.
//!
//! Foreign content (`<svg>`, `<math>`) is not emulated: the builder gives up
//! ([`Bail`]) and the caller parses the same input with html5ever instead — except in
//! documents nested deeper than 512 elements, where html5ever would be quadratic and the
//! foreign content is read as inline content. Scope checks look at most 512 elements down
//! the stack (Chromium's parser nests no deeper than 512).

use super::lex::{decode_attr, decode_text, Lexer, Tag, Token};
use super::model::{colspan_of, rowspan_of, CellNode, Item, LineBuf, SectionKind, SectionNode, TableNode};

/// Tables nested deeper than this are left to the html5ever path (which bounds depth).
const MAX_TABLE_DEPTH: usize = 64;

/// The input uses a construct the streaming builder does not emulate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bail;

#[derive(Debug, Default)]
struct Container {
    items: Vec<Item>,
    line: LineBuf,
    /// Open elements that matter for end-tag matching (blocks and scope markers).
    stack: Vec<Tag>,
}

impl Container {
    fn boundary(&mut self) {
        self.line.flush(&mut self.items);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CKind {
    Body,
    Cell { header: bool, colspan: u32, rowspan: u32 },
    Caption,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Table,
    Section,
    Row,
    Colgroup,
}

#[derive(Debug)]
struct TableFrame {
    node: TableNode,
    mode: Mode,
    /// Elements opened by foster parenting (above the table on the parser's stack).
    foster: Vec<Tag>,
    row: Option<Vec<CellNode>>,
    /// Cells of the last row closed: the next row's vector starts with that capacity (up to
    /// [`ROW_RESERVE_MAX`]; rows of a table are mostly alike), saving its regrowth.
    last_row_len: usize,
    section: Option<SectionNode>,
}

#[derive(Debug)]
enum Frame {
    C(Container, CKind),
    T(TableFrame),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    None,
    Select { in_table: bool },
    Template { depth: u32 },
}

enum Flow {
    Done,
    Again,
}

/// What in-body rules ask the caller to do.
enum BodyAct {
    Done,
    OpenTable,
    Select,
    Template,
    Bail,
}

struct Builder {
    quirks: bool,
    /// Never give up (see [`build_lenient`]).
    lenient: bool,
    frames: Vec<Frame>,
    skip: Skip,
    raw_visible: bool,
    scratch: String,
    /// Emptied element stacks and line buffers of closed cells and captions, reused by the
    /// next ones (at most one per container open at a time, so bounded by the nesting depth).
    spare: Vec<(Vec<Tag>, String)>,
    /// Emptied item lists of closed cells whose one line became their `text` (Word's
    /// `<td><p>…</p></td>`), reused by the next cells (bounded like `spare`).
    spare_items: Vec<Vec<Item>>,
}

/// At most this many cells are reserved for a row ahead of its cells (see
/// `TableFrame::last_row_len`), so that a short row after a wide one wastes little.
const ROW_RESERVE_MAX: usize = 64;

/// Stacks (elements) and line buffers (bytes) larger than this are not kept for reuse.
const SPARE_STACK_CAP: usize = 1024;
const SPARE_LINE_CAP: usize = 8192;
/// Item lists (items) larger than this are not kept for reuse.
const SPARE_ITEMS_CAP: usize = 64;

/// Build the items of `src[start..end]` (parsed in body context).
/// `quirks`: the page is in quirks mode (no or an old doctype), where `<table>` does not
/// close an open `<p>`.
pub(crate) fn build(src: &str, start: usize, end: usize, quirks: bool) -> Result<Vec<Item>, Bail> {
    build_with(src, start, end, quirks, false)
}

/// [`build`] without giving up, for inputs html5ever would take too long over (see
/// [`html5ever_cost_exceeds`]): foreign content is read as inline content and `<table>`
/// start tags nested deeper than [`MAX_TABLE_DEPTH`] are ignored (their rows and cells go
/// to the enclosing table).
pub(crate) fn build_lenient(src: &str, start: usize, end: usize, quirks: bool) -> Vec<Item> {
    build_with(src, start, end, quirks, true).unwrap_or_default()
}

/// Whether html5ever's tree builder would do more than `budget` steps of scope checking on
/// `src[start..end]`: it walks the stack of open elements for most start tags, so its cost
/// is the sum, over start tags, of the nesting depth, which 100 000 nested `<div>`s make
/// quadratic (minutes). Estimated from the tokens: elements the parser closes implicitly
/// (`p`, `li`, cells, rows, …) and void elements do not nest.
pub(crate) fn html5ever_cost_exceeds(src: &str, start: usize, end: usize, budget: u64) -> bool {
    let mut lx = Lexer::new(src, start, end);
    let (mut depth, mut cost) = (0u64, 0u64);
    let flat = |t: Tag| {
        matches!(
            t,
            Tag::P | Tag::Li | Tag::Dd | Tag::Dt | Tag::Td | Tag::Th | Tag::Tr | Tag::Tbody | Tag::Thead | Tag::Tfoot
                | Tag::Caption | Tag::Colgroup | Tag::Col | Tag::Html | Tag::Body | Tag::Head | Tag::Br | Tag::Hr
                | Tag::Input | Tag::Keygen | Tag::Meta
        )
    };
    while let Some(tok) = lx.next_token() {
        match tok {
            Token::Start { tag, void, .. } if !void && !flat(tag) => {
                depth += 1;
                cost += depth;
                if cost > budget {
                    return true;
                }
            }
            Token::End { tag, .. } if !flat(tag) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

fn build_with(src: &str, start: usize, end: usize, quirks: bool, lenient: bool) -> Result<Vec<Item>, Bail> {
    let mut b = Builder {
        quirks,
        lenient,
        frames: vec![Frame::C(Container::default(), CKind::Body)],
        skip: Skip::None,
        raw_visible: false,
        scratch: String::new(),
        spare: Vec::new(),
        spare_items: Vec::new(),
    };
    let mut lx = Lexer::new(src, start, end);
    while let Some(tok) = lx.next_token() {
        let mut guard = 0;
        loop {
            guard += 1;
            if guard > 16 {
                break; // reprocessing always makes progress; this is a safety net
            }
            match b.token(&tok)? {
                Flow::Done => break,
                Flow::Again => continue,
            }
        }
    }
    Ok(b.finish())
}

/// How far down the stack scope checks look. Chromium's parser stops nesting elements
/// beyond a depth of 512; looking no further keeps pathological nesting (100 000 open
/// `<div>`s) linear instead of quadratic.
const SCOPE_DEPTH: usize = 512;

fn in_scope(stack: &[Tag], pred: impl Fn(Tag) -> bool, extra: &[Tag]) -> bool {
    for &t in stack.iter().rev().take(SCOPE_DEPTH) {
        if pred(t) {
            return true;
        }
        if matches!(t, Tag::Applet | Tag::Marquee | Tag::Object | Tag::Html | Tag::Template) || extra.contains(&t) {
            return false;
        }
    }
    false
}

/// Pop until an element matching `pred` is popped; every popped block ends a line.
fn pop_until(c_stack: &mut Vec<Tag>, line: &mut LineBuf, items: &mut Vec<Item>, pred: impl Fn(Tag) -> bool) {
    while let Some(t) = c_stack.pop() {
        if t.is_block() {
            line.flush(items);
        }
        if pred(t) {
            break;
        }
    }
}

#[allow(clippy::collapsible_match)]
/// In-body rules for a start or end tag, with the line and items of one container and an
/// element stack (the container's own, or a table's foster stack).
fn body_tag(
    tok: &Token,
    stack: &mut Vec<Tag>,
    line: &mut LineBuf,
    items: &mut Vec<Item>,
    raw_visible: &mut bool,
    quirks: bool,
) -> BodyAct {
    let close_p = |stack: &mut Vec<Tag>, line: &mut LineBuf, items: &mut Vec<Item>| {
        if in_scope(stack, |t| t == Tag::P, &[Tag::Button]) {
            pop_until(stack, line, items, |t| t == Tag::P);
        }
    };
    match *tok {
        Token::Start { tag, .. } => match tag {
            Tag::Table => {
                if !quirks {
                    close_p(stack, line, items);
                }
                return BodyAct::OpenTable;
            }
            Tag::Br => line.flush(items),
            Tag::Hr => {
                close_p(stack, line, items);
                line.flush(items);
            }
            Tag::Li | Tag::Dd | Tag::Dt => {
                let same = |t: Tag| if tag == Tag::Li { t == Tag::Li } else { matches!(t, Tag::Dd | Tag::Dt) };
                let mut hit = None;
                for &t in stack.iter().rev().take(SCOPE_DEPTH) {
                    if same(t) {
                        hit = Some(t);
                        break;
                    }
                    if !matches!(t, Tag::Address | Tag::Div | Tag::P | Tag::Other) {
                        break;
                    }
                }
                if let Some(h) = hit {
                    pop_until(stack, line, items, |t| t == h);
                }
                close_p(stack, line, items);
                stack.push(tag);
                line.flush(items);
            }
            Tag::H(_) => {
                close_p(stack, line, items);
                if matches!(stack.last(), Some(Tag::H(_))) {
                    stack.pop();
                }
                stack.push(tag);
                line.flush(items);
            }
            t if t.is_block() => {
                close_p(stack, line, items);
                stack.push(tag);
                line.flush(items);
                if matches!(t, Tag::Xmp | Tag::Plaintext) {
                    *raw_visible = true;
                }
            }
            Tag::Applet | Tag::Marquee | Tag::Object => stack.push(tag),
            Tag::Button => {
                if in_scope(stack, |t| t == Tag::Button, &[]) {
                    pop_until(stack, line, items, |t| t == Tag::Button);
                }
                stack.push(tag);
            }
            Tag::Select => return BodyAct::Select,
            Tag::Template => return BodyAct::Template,
            Tag::Svg | Tag::Math => return BodyAct::Bail,
            // Inline elements are tracked only as "some element is open" (whitespace after
            // one in table context is visible; a block start closes a <p> through them).
            Tag::Other if !matches!(tok, Token::Start { void: true, .. }) => stack.push(Tag::Other),
            _ => {}
        },
        Token::End { tag, .. } => match tag {
            Tag::Br => line.flush(items),
            Tag::P => {
                if in_scope(stack, |t| t == Tag::P, &[Tag::Button]) {
                    pop_until(stack, line, items, |t| t == Tag::P);
                }
                line.flush(items);
            }
            Tag::Li => {
                if in_scope(stack, |t| t == Tag::Li, &[Tag::Ol, Tag::Ul]) {
                    pop_until(stack, line, items, |t| t == Tag::Li);
                }
            }
            Tag::H(_) => {
                if in_scope(stack, |t| matches!(t, Tag::H(_)), &[]) {
                    pop_until(stack, line, items, |t| matches!(t, Tag::H(_)));
                }
            }
            Tag::Form => {
                // The form element is removed from the stack; what it contains stays open.
                if in_scope(stack, |t| t == Tag::Form, &[]) {
                    let lo = stack.len().saturating_sub(SCOPE_DEPTH);
                    if let Some(i) = stack[lo..].iter().rposition(|&t| t == Tag::Form) {
                        stack.remove(lo + i);
                    }
                }
            }
            Tag::Other => {
                // "Any other end tag": the nearest open inline element, unless a special
                // element is open above it.
                if stack.last() == Some(&Tag::Other) {
                    stack.pop();
                }
            }
            t if t.is_block() || matches!(t, Tag::Applet | Tag::Marquee | Tag::Object | Tag::Button) => {
                if in_scope(stack, |x| x == t, &[]) {
                    pop_until(stack, line, items, |x| x == t);
                }
            }
            _ => {}
        },
        _ => {}
    }
    BodyAct::Done
}

impl Builder {
    fn finish(mut self) -> Vec<Item> {
        while self.frames.len() > 1 {
            match self.frames.last() {
                Some(Frame::T(_)) => self.close_table(),
                Some(Frame::C(_, CKind::Caption)) => self.close_caption(),
                Some(Frame::C(_, _)) => self.close_cell(),
                None => break,
            }
        }
        match self.frames.pop() {
            Some(Frame::C(mut c, _)) => {
                c.boundary();
                c.items
            }
            _ => Vec::new(),
        }
    }

    fn in_table_context(&self) -> bool {
        self.frames.iter().any(|f| matches!(f, Frame::T(_)))
    }

    /// Index of the container that receives content now (the top one, or the one below a
    /// table when content is foster-parented).
    fn content_idx(&self) -> usize {
        let n = self.frames.len();
        match self.frames.last() {
            Some(Frame::T(_)) => n.saturating_sub(2),
            _ => n.saturating_sub(1),
        }
    }

    fn push_text(&mut self, idx: usize, raw: &str, decode: bool) {
        let text: &str = if decode && memchr::memchr2(b'&', 0, raw.as_bytes()).is_some() {
            self.scratch.clear();
            decode_text(raw, &mut self.scratch);
            &self.scratch
        } else {
            raw
        };
        if let Some(Frame::C(c, _)) = self.frames.get_mut(idx) {
            c.line.push(text);
        }
    }

    fn token(&mut self, tok: &Token) -> Result<Flow, Bail> {
        if let Token::RawText(s) = tok {
            if std::mem::take(&mut self.raw_visible) {
                let idx = self.content_idx();
                self.push_text(idx, s, false);
            }
            return Ok(Flow::Done);
        }
        self.raw_visible = false;
        match self.skip {
            Skip::None => {}
            Skip::Template { depth } => {
                match tok {
                    Token::Start { tag: Tag::Template, .. } => self.skip = Skip::Template { depth: depth + 1 },
                    Token::End { tag: Tag::Template, .. } => {
                        self.skip = if depth <= 1 { Skip::None } else { Skip::Template { depth: depth - 1 } }
                    }
                    _ => {}
                }
                return Ok(Flow::Done);
            }
            Skip::Select { in_table } => {
                let table_tag = |t: Tag| {
                    matches!(t, Tag::Caption | Tag::Table | Tag::Tbody | Tag::Tfoot | Tag::Thead | Tag::Tr | Tag::Td | Tag::Th)
                };
                match *tok {
                    Token::Start { tag: Tag::Select, .. } | Token::End { tag: Tag::Select, .. } => {
                        self.skip = Skip::None;
                        return Ok(Flow::Done);
                    }
                    Token::Start { tag: Tag::Input | Tag::Keygen | Tag::Textarea, .. } => {
                        self.skip = Skip::None;
                        return Ok(Flow::Again);
                    }
                    Token::Start { tag, .. } | Token::End { tag, .. } if in_table && table_tag(tag) => {
                        self.skip = Skip::None;
                        return Ok(Flow::Again);
                    }
                    _ => return Ok(Flow::Done),
                }
            }
        }
        match self.frames.last() {
            Some(Frame::T(_)) => self.table_token(tok),
            Some(Frame::C(_, kind)) => {
                let kind = *kind;
                self.container_token(tok, kind)
            }
            None => Ok(Flow::Done),
        }
    }

    fn container_token(&mut self, tok: &Token, kind: CKind) -> Result<Flow, Bail> {
        // Cell and caption specifics first.
        match (kind, tok) {
            (
                CKind::Cell { .. },
                Token::Start {
                    tag: Tag::Caption | Tag::Col | Tag::Colgroup | Tag::Tbody | Tag::Td | Tag::Tfoot | Tag::Th | Tag::Thead | Tag::Tr,
                    ..
                },
            ) => {
                self.close_cell();
                return Ok(Flow::Again);
            }
            (CKind::Cell { header, .. }, Token::End { tag, .. }) => match tag {
                Tag::Td | Tag::Th => {
                    if (*tag == Tag::Th) == header {
                        self.close_cell();
                    }
                    return Ok(Flow::Done);
                }
                Tag::Body | Tag::Caption | Tag::Col | Tag::Colgroup | Tag::Html => return Ok(Flow::Done),
                Tag::Table | Tag::Tr => {
                    self.close_cell();
                    return Ok(Flow::Again);
                }
                Tag::Tbody | Tag::Thead | Tag::Tfoot => {
                    if self.current_section_is(*tag) {
                        self.close_cell();
                        return Ok(Flow::Again);
                    }
                    return Ok(Flow::Done);
                }
                _ => {}
            },
            (
                CKind::Caption,
                Token::Start {
                    tag: Tag::Caption | Tag::Col | Tag::Colgroup | Tag::Tbody | Tag::Td | Tag::Tfoot | Tag::Th | Tag::Thead | Tag::Tr,
                    ..
                },
            ) => {
                self.close_caption();
                return Ok(Flow::Again);
            }
            (CKind::Caption, Token::End { tag, .. }) => match tag {
                Tag::Table => {
                    self.close_caption();
                    return Ok(Flow::Again);
                }
                Tag::Caption => {
                    self.close_caption();
                    return Ok(Flow::Done);
                }
                Tag::Body | Tag::Col | Tag::Colgroup | Tag::Html | Tag::Tbody | Tag::Td | Tag::Tfoot | Tag::Th | Tag::Thead | Tag::Tr => {
                    return Ok(Flow::Done)
                }
                _ => {}
            },
            _ => {}
        }
        let n = self.frames.len();
        match tok {
            Token::Text(s) => {
                self.push_text(n - 1, s, true);
                Ok(Flow::Done)
            }
            Token::Start { .. } | Token::End { .. } => {
                let act = {
                    let Some(Frame::C(c, _)) = self.frames.last_mut() else { return Ok(Flow::Done) };
                    body_tag(tok, &mut c.stack, &mut c.line, &mut c.items, &mut self.raw_visible, self.quirks)
                };
                self.body_act(act, tok)
            }
            _ => Ok(Flow::Done),
        }
    }

    fn body_act(&mut self, act: BodyAct, tok: &Token) -> Result<Flow, Bail> {
        match act {
            BodyAct::Done => {}
            BodyAct::OpenTable => {
                let depth = self.frames.iter().filter(|f| matches!(f, Frame::T(_))).count();
                if depth >= MAX_TABLE_DEPTH {
                    if self.lenient {
                        return Ok(Flow::Done);
                    }
                    return Err(Bail);
                }
                let pos = match tok {
                    Token::Start { pos, .. } => Some(*pos),
                    _ => None,
                };
                self.frames.push(Frame::T(TableFrame {
                    node: TableNode { pos, ..Default::default() },
                    mode: Mode::Table,
                    foster: Vec::new(),
                    row: None,
                    last_row_len: 0,
                    section: None,
                }));
            }
            BodyAct::Select => self.skip = Skip::Select { in_table: self.in_table_context() },
            BodyAct::Template => self.skip = Skip::Template { depth: 1 },
            BodyAct::Bail => {
                // html5ever is quadratic on very deep nesting: keep such documents on the
                // streaming path, reading foreign content as inline content.
                let deep = self.frames.iter().any(|f| matches!(f, Frame::C(c, _) if c.stack.len() > SCOPE_DEPTH));
                if !deep && !self.lenient {
                    return Err(Bail);
                }
            }
        }
        Ok(Flow::Done)
    }

    fn current_section_is(&self, tag: Tag) -> bool {
        let want = match tag {
            Tag::Thead => SectionKind::Head,
            Tag::Tfoot => SectionKind::Foot,
            _ => SectionKind::Body,
        };
        for f in self.frames.iter().rev() {
            if let Frame::T(t) = f {
                return t.section.as_ref().is_some_and(|s| s.kind == want);
            }
        }
        false
    }

    fn table_mut(&mut self) -> Option<&mut TableFrame> {
        match self.frames.last_mut() {
            Some(Frame::T(t)) => Some(t),
            _ => None,
        }
    }

    /// Pop the elements foster parenting opened (each block popped ends a line of the
    /// container below the table).
    fn clear_foster(&mut self) {
        let n = self.frames.len();
        if n < 2 {
            return;
        }
        let (lo, hi) = self.frames.split_at_mut(n - 1);
        if let (Some(Frame::C(c, _)), Some(Frame::T(t))) = (lo.last_mut(), hi.last_mut()) {
            while let Some(tag) = t.foster.pop() {
                if tag.is_block() {
                    c.boundary();
                }
            }
        }
    }

    fn close_row(&mut self) {
        if let Some(t) = self.table_mut() {
            if let Some(r) = t.row.take() {
                t.last_row_len = r.len();
                t.section.get_or_insert(SectionNode { kind: SectionKind::Body, rows: Vec::new() }).rows.push(r);
            }
        }
    }

    fn close_section(&mut self) {
        self.close_row();
        if let Some(t) = self.table_mut() {
            if let Some(s) = t.section.take() {
                t.node.sections.push(s);
            }
        }
    }

    fn open_section(&mut self, kind: SectionKind) {
        self.close_section();
        if let Some(t) = self.table_mut() {
            t.section = Some(SectionNode { kind, rows: Vec::new() });
            t.mode = Mode::Section;
        }
    }

    fn open_row(&mut self) {
        self.close_row();
        if let Some(t) = self.table_mut() {
            if t.section.is_none() {
                t.section = Some(SectionNode { kind: SectionKind::Body, rows: Vec::new() });
            }
            t.row = Some(Vec::with_capacity(t.last_row_len.min(ROW_RESERVE_MAX)));
            t.mode = Mode::Row;
        }
    }

    fn set_mode(&mut self, m: Mode) {
        if let Some(t) = self.table_mut() {
            t.mode = m;
        }
    }

    /// An empty container for a cell or caption (with a reused stack and line buffer when
    /// some are spare).
    fn new_container(&mut self) -> Container {
        let (stack, buf) = self.spare.pop().unwrap_or_default();
        let items = self.spare_items.pop().unwrap_or_default();
        Container { stack, line: LineBuf::with_buffer(buf), items }
    }

    /// Keep a closed container's stack and line buffer for reuse.
    fn spare(&mut self, mut stack: Vec<Tag>, buf: String) {
        if stack.capacity() <= SPARE_STACK_CAP && buf.capacity() <= SPARE_LINE_CAP && stack.capacity() + buf.capacity() > 0 {
            stack.clear();
            self.spare.push((stack, buf));
        }
    }

    fn close_cell(&mut self) {
        let Some(Frame::C(c, CKind::Cell { header, colspan, rowspan })) = self.frames.pop() else { return };
        let Container { mut items, mut line, stack } = c;
        // A cell holding a single line keeps it as `text`; so does one whose only item is
        // a line (a paragraph, as Word writes every cell), and its item list is reused.
        let text = if items.is_empty() {
            line.take_line()
        } else {
            line.flush(&mut items);
            match items.as_mut_slice() {
                [Item::Line(l)] => {
                    let l = std::mem::take(l);
                    items.clear();
                    Some(l)
                }
                _ => None,
            }
        };
        if items.is_empty() && items.capacity() > 0 && items.capacity() <= SPARE_ITEMS_CAP {
            self.spare_items.push(std::mem::take(&mut items));
        }
        self.spare(stack, line.into_buffer());
        let cell = CellNode { header, colspan, rowspan, items, text };
        if let Some(t) = self.table_mut() {
            t.row.get_or_insert_with(|| Vec::with_capacity(t.last_row_len.min(ROW_RESERVE_MAX))).push(cell);
            t.mode = Mode::Row;
        }
    }

    fn close_caption(&mut self) {
        let Some(Frame::C(mut c, CKind::Caption)) = self.frames.pop() else { return };
        c.boundary();
        self.spare(std::mem::take(&mut c.stack), std::mem::take(&mut c.line).into_buffer());
        if let Some(t) = self.table_mut() {
            t.node.caption.append(&mut c.items);
            t.mode = Mode::Table;
        }
    }

    fn close_table(&mut self) {
        // Close anything open above the table first.
        while let Some(Frame::C(_, k)) = self.frames.last() {
            if *k == CKind::Body {
                return; // no table open
            }
            if *k == CKind::Caption {
                self.close_caption();
            } else {
                self.close_cell();
            }
        }
        self.clear_foster();
        self.close_section();
        let Some(Frame::T(t)) = self.frames.pop() else { return };
        if let Some(Frame::C(c, _)) = self.frames.last_mut() {
            c.boundary();
            c.items.push(Item::Table(Box::new(t.node)));
        }
    }

    fn table_token(&mut self, tok: &Token) -> Result<Flow, Bail> {
        let Some(mode) = self.table_mut().map(|t| t.mode) else { return Ok(Flow::Done) };
        match *tok {
            Token::Text(s) => {
                if mode == Mode::Colgroup {
                    if s.bytes().all(|c| matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')) {
                        return Ok(Flow::Done);
                    }
                    self.set_mode(Mode::Table);
                    return Ok(Flow::Again);
                }
                let fostered_open = self.table_mut().is_some_and(|t| !t.foster.is_empty());
                self.scratch.clear();
                decode_text(s, &mut self.scratch);
                let visible = fostered_open
                    || self.scratch.chars().any(|c| !matches!(c, '\t' | '\n' | '\x0c' | '\r' | ' '));
                if visible {
                    let idx = self.content_idx();
                    let text = std::mem::take(&mut self.scratch);
                    if let Some(Frame::C(c, _)) = self.frames.get_mut(idx) {
                        c.line.push(&text);
                    }
                    self.scratch = text;
                }
                Ok(Flow::Done)
            }
            Token::Start { tag, colspan, rowspan, .. } => {
                if mode == Mode::Colgroup {
                    if tag == Tag::Col {
                        return Ok(Flow::Done);
                    }
                    if tag == Tag::Template {
                        self.skip = Skip::Template { depth: 1 };
                        return Ok(Flow::Done);
                    }
                    self.set_mode(Mode::Table);
                    return Ok(Flow::Again);
                }
                match (mode, tag) {
                    (Mode::Row, Tag::Td | Tag::Th) => {
                        self.clear_foster();
                        let kind = CKind::Cell {
                            header: tag == Tag::Th,
                            colspan: colspan_of(colspan.map(decode_attr).as_deref()),
                            rowspan: rowspan_of(rowspan.map(decode_attr).as_deref()),
                        };
                        let c = self.new_container();
                        self.frames.push(Frame::C(c, kind));
                        Ok(Flow::Done)
                    }
                    (Mode::Row, Tag::Tr | Tag::Caption | Tag::Col | Tag::Colgroup | Tag::Tbody | Tag::Tfoot | Tag::Thead) => {
                        self.clear_foster();
                        self.close_row();
                        self.set_mode(Mode::Section);
                        Ok(Flow::Again)
                    }
                    (Mode::Section, Tag::Tr) => {
                        self.clear_foster();
                        self.open_row();
                        Ok(Flow::Done)
                    }
                    (Mode::Section, Tag::Td | Tag::Th) => {
                        self.clear_foster();
                        self.open_row();
                        Ok(Flow::Again)
                    }
                    (Mode::Section, Tag::Caption | Tag::Col | Tag::Colgroup | Tag::Tbody | Tag::Tfoot | Tag::Thead) => {
                        self.clear_foster();
                        self.close_section();
                        self.set_mode(Mode::Table);
                        Ok(Flow::Again)
                    }
                    (_, Tag::Caption) => {
                        self.clear_foster();
                        let c = self.new_container();
                        self.frames.push(Frame::C(c, CKind::Caption));
                        Ok(Flow::Done)
                    }
                    (_, Tag::Colgroup) => {
                        self.clear_foster();
                        self.set_mode(Mode::Colgroup);
                        Ok(Flow::Done)
                    }
                    (_, Tag::Col) => {
                        self.clear_foster();
                        self.set_mode(Mode::Colgroup);
                        Ok(Flow::Again)
                    }
                    (_, Tag::Tbody | Tag::Thead | Tag::Tfoot) => {
                        self.clear_foster();
                        let kind = match tag {
                            Tag::Thead => SectionKind::Head,
                            Tag::Tfoot => SectionKind::Foot,
                            _ => SectionKind::Body,
                        };
                        self.open_section(kind);
                        Ok(Flow::Done)
                    }
                    (_, Tag::Td | Tag::Th | Tag::Tr) => {
                        self.clear_foster();
                        self.open_section(SectionKind::Body);
                        Ok(Flow::Again)
                    }
                    (_, Tag::Table) => {
                        self.close_table();
                        Ok(Flow::Again)
                    }
                    (_, Tag::Script | Tag::Style | Tag::Input | Tag::Form) => Ok(Flow::Done),
                    (_, Tag::Template) => {
                        self.skip = Skip::Template { depth: 1 };
                        Ok(Flow::Done)
                    }
                    (_, Tag::Select) => {
                        self.skip = Skip::Select { in_table: true };
                        Ok(Flow::Done)
                    }
                    _ => self.foster_tag(tok),
                }
            }
            Token::End { tag, .. } => {
                if mode == Mode::Colgroup {
                    match tag {
                        Tag::Colgroup => {
                            self.set_mode(Mode::Table);
                            return Ok(Flow::Done);
                        }
                        Tag::Col => return Ok(Flow::Done),
                        _ => {
                            self.set_mode(Mode::Table);
                            return Ok(Flow::Again);
                        }
                    }
                }
                match (mode, tag) {
                    (_, Tag::Table) => {
                        self.close_table();
                        Ok(Flow::Done)
                    }
                    (Mode::Row, Tag::Tr) => {
                        self.clear_foster();
                        self.close_row();
                        self.set_mode(Mode::Section);
                        Ok(Flow::Done)
                    }
                    (Mode::Row, Tag::Tbody | Tag::Thead | Tag::Tfoot) => {
                        if self.current_section_is(tag) {
                            self.clear_foster();
                            self.close_row();
                            self.set_mode(Mode::Section);
                            return Ok(Flow::Again);
                        }
                        Ok(Flow::Done)
                    }
                    (Mode::Section, Tag::Tbody | Tag::Thead | Tag::Tfoot) => {
                        if self.current_section_is(tag) {
                            self.clear_foster();
                            self.close_section();
                            self.set_mode(Mode::Table);
                        }
                        Ok(Flow::Done)
                    }
                    (
                        _,
                        Tag::Body
                        | Tag::Caption
                        | Tag::Col
                        | Tag::Colgroup
                        | Tag::Html
                        | Tag::Td
                        | Tag::Th
                        | Tag::Tr
                        | Tag::Tbody
                        | Tag::Tfoot
                        | Tag::Thead
                        | Tag::Template,
                    ) => Ok(Flow::Done),
                    _ => self.foster_tag(tok),
                }
            }
            _ => Ok(Flow::Done),
        }
    }

    /// In-body rules for a tag in table context: the element goes before the table.
    fn foster_tag(&mut self, tok: &Token) -> Result<Flow, Bail> {
        let n = self.frames.len();
        if n < 2 {
            return Ok(Flow::Done);
        }
        let act = {
            let (lo, hi) = self.frames.split_at_mut(n - 1);
            match (lo.last_mut(), hi.last_mut()) {
                (Some(Frame::C(c, _)), Some(Frame::T(t))) => {
                    body_tag(tok, &mut t.foster, &mut c.line, &mut c.items, &mut self.raw_visible, self.quirks)
                }
                _ => BodyAct::Done,
            }
        };
        match act {
            BodyAct::OpenTable => Ok(Flow::Done), // unreachable: <table> is handled by table rules
            other => self.body_act(other, tok),
        }
    }
}

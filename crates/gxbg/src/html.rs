//! HTML front end: the located body region → blocks, every `<table>` → a [`Grid`].
//!
//! # Paths
//! * [`to_document`] (the pipeline's path): [`crate::locate`] finds the report body with a
//!   byte scan, then a streaming builder (`html::tree`) turns only that region into lines
//!   and tables without building a DOM. html5ever costs several milliseconds on a
//!   350 KB portal page (and still about one on the body alone), far over the pipeline's
//!   budget, so the streaming builder implements the parts of the HTML tree-construction
//!   algorithm that decide lines and cells (implied `<tbody>`/`<tr>`, cells closed by the
//!   next cell or row, foster parenting, ignored stray end tags, raw-text elements…). Where
//!   it meets something it does not emulate (foreign content: `<svg>`, `<math>`; tables
//!   nested more than 64 deep) it gives up and the region is parsed by html5ever instead —
//!   unless the region nests so deep that html5ever would be quadratic (100 000 open
//!   `<div>`s), when the builder goes on leniently (foreign content read as inline content,
//!   `<table>` tags nested deeper than 64 ignored).
//! * [`parse_whole_page`]: html5ever (through scraper) over the whole page, walked with the
//!   same line and table rules. Tests check that the located path yields the same tables
//!   and text as this path.
//! * [`grids_from_html`]: every table of a snippet laid out as a grid.
//!
//! # Lines
//! Text blocks are the lines a reader sees: block elements (`p`, `div`, `h1`–`h6`, `li`,
//! `table`, …) and `<br>` end lines, inline elements (`span`, `font`, `b`, `o:p`, …) do
//! not; whitespace (including `&nbsp;` and the ideographic space) collapses to one space;
//! empty lines are dropped.
//!
//! # Tables
//! Each table is laid out with the HTML table model as Chromium does it (see `html::table`).
//! A cell's text is its lines joined by one space (`商业<br>企业` → `商业 企业`, which the
//! mapper's label keys fold to 商业企业, while `1<br>2` stays `1 2`, never `12`); a nested
//! table contributes its cells' texts, in order, to the cell that holds it.
//!
//! **Layout tables.** Portal templates and Word-pasted pages wrap content in tables that
//! are not data: the whole article in one cell, or a page grid whose cells hold the report
//! and its tables. A table is treated as layout — not emitted as a grid, its cells' content
//! emitted as blocks in source order, nested tables recursively decided the same way — when
//! any of its cells holds a nested table, when it has a single cell, or when a cell holds
//! more than [`PROSE_CELL_CHARS`] characters of text (prose, not a label or a number).
//! Report tables have none of these: their longest cells (the 勾稽关系 corner, （六）1.'s
//! label) are well under 100 characters.

use crate::blocks::{Block, Document, InputKind, PageHints};
use crate::grid::Grid;
use scraper::Html;

mod dom;
pub(crate) mod lex;
pub(crate) mod model;
mod table;
mod tree;

use model::{items_text, Item, TableNode};

/// A cell with more text than this makes its table a layout table.
pub const PROSE_CELL_CHARS: usize = 300;

/// Split an HTML page into blocks: locate the report body, build its lines and tables.
pub fn to_document(html: &str) -> Document {
    let loc = crate::locate::locate(html);
    let mut items = build_items(html, loc.start, loc.end);
    if loc.found && !items.iter().any(|i| matches!(i, Item::Table(_))) && loc.end - loc.start < html.len() / 2 {
        // The located region holds no table at all: look at the whole page rather than
        // lose the tables to a bad guess.
        let whole = build_items(html, 0, html.len());
        if whole.iter().any(|i| matches!(i, Item::Table(_))) {
            items = whole;
        }
    }
    let mut blocks = Vec::new();
    let mut pos = CharPos::new(html);
    emit(items, &mut blocks, &mut pos);
    Document { kind: InputKind::Html, blocks, hints: loc.hints }
}

/// The whole page through html5ever's DOM (no location): every line and table of the page,
/// with the same line and layout-table rules as [`to_document`].
pub fn parse_whole_page(html: &str) -> Document {
    let dom = Html::parse_document(html);
    let items = dom::items(&dom);
    let mut blocks = Vec::new();
    emit(items, &mut blocks, &mut CharPos::new(""));
    Document { kind: InputKind::Html, blocks, hints: crate::locate::hints(html) }
}

/// The whole page through the streaming builder (no location); for tests comparing the
/// builder with html5ever.
#[doc(hidden)]
pub fn stream_whole_page(html: &str) -> Document {
    let items = build_items(html, 0, html.len());
    let mut blocks = Vec::new();
    emit(items, &mut blocks, &mut CharPos::new(html));
    Document { kind: InputKind::Html, blocks, hints: PageHints::default() }
}

/// Every `<table>` of an HTML snippet as a grid, outermost first, in document order
/// (nested tables included, right after the table that holds them; layout tables too).
pub fn grids_from_html(html: &str) -> Vec<Grid> {
    let mut items = build_items(html, 0, html.len());
    let mut out = Vec::new();
    let mut pos = CharPos::new(html);
    collect_grids(&mut items, &mut out, &mut pos);
    out
}

/// [`grids_from_html`] through html5ever's DOM (the reference for differential tests).
#[doc(hidden)]
pub fn grids_from_html_dom(html: &str) -> Vec<Grid> {
    let dom = Html::parse_document(html);
    let mut items = dom::items(&dom);
    let mut out = Vec::new();
    collect_grids(&mut items, &mut out, &mut CharPos::new(""));
    out
}

/// Whether a page is in quirks mode: decided by html5ever from the page's doctype (the first
/// token after whitespace and comments); no doctype means quirks.
fn quirks(html: &str) -> bool {
    let b = html.as_bytes();
    let mut i = 0;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || html[i..].starts_with('\u{feff}')) {
            i += if b[i].is_ascii_whitespace() { 1 } else { 3 };
        }
        if b[i..].starts_with(b"<!--") {
            i = lex::comment_end(b, i + 4);
            continue;
        }
        break;
    }
    if b.len() >= i + 9 && b[i..i + 9].eq_ignore_ascii_case(b"<!doctype") {
        // The HTML5 doctype (name `html`, no identifiers) is no-quirks: no need to ask.
        if b.get(i..i + 15).is_some_and(|d| d.eq_ignore_ascii_case(b"<!doctype html>")) {
            return false;
        }
        let end = lex::bogus_end(b, i);
        let doc = Html::parse_document(&html[i..end]);
        return doc.quirks_mode == html5ever::tree_builder::QuirksMode::Quirks;
    }
    true
}

/// Scope-check steps html5ever may take on a region the streaming builder gives up on;
/// past it (deep nesting: html5ever is quadratic in depth) the builder runs leniently.
const HTML5EVER_BUDGET: u64 = 20_000_000;

fn build_items(html: &str, start: usize, end: usize) -> Vec<Item> {
    match tree::build(html, start, end, quirks(html)) {
        Ok(items) => items,
        Err(tree::Bail) if tree::html5ever_cost_exceeds(html, start, end, HTML5EVER_BUDGET) => {
            tree::build_lenient(html, start, end, quirks(html))
        }
        Err(tree::Bail) => {
            let region = html.get(start..end).unwrap_or(html);
            dom::items(&Html::parse_document(region))
        }
    }
}

fn collect_grids(items: &mut [Item], out: &mut Vec<Grid>, pos: &mut CharPos) {
    for it in items {
        if let Item::Table(t) = it {
            // Layout takes the text of single-line cells; nested tables stay in their cells.
            let mut g = table::layout(t);
            g.offset = t.pos.and_then(|p| pos.chars_at(p));
            out.push(g);
            collect_grids(&mut t.caption, out, pos);
            for s in &mut t.sections {
                for r in &mut s.rows {
                    for c in r {
                        collect_grids(&mut c.items, out, pos);
                    }
                }
            }
        }
    }
}

/// Whether a table only lays content out (see the module docs).
fn is_layout(t: &TableNode) -> bool {
    let mut n = 0usize;
    for s in &t.sections {
        for r in &s.rows {
            for c in r {
                n += 1;
                if c.items.iter().any(|i| matches!(i, Item::Table(_))) {
                    return true;
                }
                let len: usize = c.items.iter().map(|i| if let Item::Line(l) = i { l.chars().count() } else { 0 }).sum::<usize>()
                    + c.text.as_ref().map_or(0, |l| l.chars().count());
                if len > PROSE_CELL_CHARS {
                    return true;
                }
            }
        }
    }
    n == 1
}

fn emit(items: Vec<Item>, out: &mut Vec<Block>, pos: &mut CharPos) {
    for it in items {
        match it {
            Item::Line(text) => out.push(Block::Text { text }),
            Item::Table(t) => {
                let mut t = *t;
                if is_layout(&t) {
                    emit(t.caption, out, pos);
                    for s in t.sections {
                        for r in s.rows {
                            for c in r {
                                emit(c.items, out, pos);
                                if let Some(text) = c.text {
                                    out.push(Block::Text { text });
                                }
                            }
                        }
                    }
                } else {
                    let mut g = table::layout(&mut t);
                    g.offset = t.pos.and_then(|p| pos.chars_at(p));
                    let caption = items_text(&t.caption);
                    if !caption.is_empty() {
                        out.push(Block::Text { text: caption });
                    }
                    if !g.cells.is_empty() {
                        out.push(Block::Table { grid: g });
                    }
                }
            }
        }
    }
}

/// Byte offsets → character offsets, counted incrementally (offsets mostly increase).
struct CharPos<'a> {
    src: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharPos<'a> {
    fn new(src: &'a str) -> Self {
        CharPos { src, byte: 0, chars: 0 }
    }
    fn chars_at(&mut self, p: usize) -> Option<usize> {
        if p > self.src.len() {
            return None;
        }
        if p < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += count_chars(&self.src.as_bytes()[self.byte..p]);
        self.byte = p;
        Some(self.chars)
    }
}

/// Number of UTF-8 characters in `b` (bytes that are not continuation bytes).
fn count_chars(b: &[u8]) -> usize {
    // Counted a byte at a time without branches (vectorised; about a sixth of the
    // instructions of `str::chars().count()`, which counts a word at a time).
    crate::decode::count_bytes(b, crate::decode::is_char_start)
}

#[cfg(test)]
mod tests {
    use super::CharPos;

    #[test]
    fn html5_doctype_shortcut_agrees_with_html5ever() {
        // (prefix, doctype): the shortcut's answer for the page must be html5ever's for the doctype.
        for (pre, d) in [("", "<!DOCTYPE html>"), ("", "<!doctype HTML>"), ("\u{feff} <!-- x -->", "<!DocType html>"), ("", "<!DOCTYPE html >"), ("", "<!DOCTYPE htmlx>"), ("\n", "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">")] {
            let slow = scraper::Html::parse_document(d).quirks_mode == html5ever::tree_builder::QuirksMode::Quirks;
            assert_eq!(super::quirks(&format!("{pre}{d}<p>x</p>")), slow, "{d}");
        }
        assert!(!super::quirks("<!DOCTYPE html>"));
    }

    #[test]
    fn char_positions_count_non_continuation_bytes() {
        let s = "ab总体情况😀x".repeat(100);
        let mut pos = CharPos::new(&s);
        // Increasing, inside a character (not a boundary), then back to an earlier offset.
        for p in [0, 5, 9, 40, 41, 3, 200, s.len()] {
            let want = s.as_bytes()[..p].iter().filter(|&&x| (x & 0xC0) != 0x80).count();
            assert_eq!(pos.chars_at(p), Some(want), "{p}");
        }
        assert_eq!(pos.chars_at(s.len() + 1), None);
    }
}

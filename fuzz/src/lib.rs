//! The fuzz targets' bodies, one function per target. `fuzz_targets/*.rs` call them under
//! libFuzzer; `crates/gxbg/tests/robustness.rs` includes this file and replays the seed
//! corpus and `fuzz/regressions/` through the same functions with a plain `cargo test`
//! (that is the CI smoke run). Each function panics only when gxbg breaks a property.

use gxbg::blocks::Block;
use gxbg::digits::{split_appeals_row, split_digits, split_request_row, Split};

/// The targets, by name (the names of `fuzz_targets/*.rs` and of the corpus folders).
pub const TARGETS: &[(&str, fn(&[u8]))] = &[
    ("parse_bytes", parse_bytes),
    ("html_grids", html_grids),
    ("text_document", text_document),
    ("digits", digits),
    ("normalize", normalize),
];

/// The whole pipeline from bytes: a result or a typed error; a result serialises to JSON
/// that names its tables.
pub fn parse_bytes(data: &[u8]) {
    let opts = gxbg::Options::default();
    match gxbg::parse_bytes(data, &opts) {
        Ok(report) => {
            let json = gxbg::output::to_json(&report);
            assert!(json.starts_with('{'), "JSON output is not an object");
        }
        Err(e) => {
            assert!(!e.code().is_empty());
            assert!(!e.to_string().is_empty());
        }
    }
}

/// The HTML grid builder on any text: every placed cell covers at least one slot and lies
/// inside its grid; the document builder (which locates the report body first) runs too.
pub fn html_grids(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    for g in gxbg::html::grids_from_html(&html) {
        for c in &g.cells {
            assert!(c.rowspan >= 1 && c.colspan >= 1, "a cell covers no slot");
            assert!(c.row < g.n_rows, "cell row {} outside the grid's {} rows", c.row, g.n_rows);
            assert!(
                c.col as u64 + c.colspan as u64 <= g.n_cols as u64,
                "cell columns {}+{} outside the grid's {} columns",
                c.col,
                c.colspan,
                g.n_cols
            );
        }
    }
    let _ = gxbg::html::to_document(&html);
}

/// The text front end on any text: grids keep their cells inside their rows.
pub fn text_document(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let doc = gxbg::text::to_document(&text);
    for b in &doc.blocks {
        if let Block::Table { grid } = b {
            for c in &grid.cells {
                assert!(c.row < grid.n_rows, "text grid cell row {} outside {} rows", c.row, grid.n_rows);
            }
        }
    }
}

fn check_cuts(run: &str, s: &Split) {
    let cuts: Vec<&Vec<u64>> = match s {
        Split::Unique(v) => vec![v],
        Split::Ambiguous(vs) => vs.iter().collect(),
        _ => Vec::new(),
    };
    let ascii: String = run
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    for v in cuts {
        let joined: String = v.iter().map(|n| n.to_string()).collect();
        assert_eq!(joined, ascii, "a cut does not read back as the run");
    }
}

/// The digit splitter: the first byte is the number of parts for `split_digits`, the rest
/// the run (digits, full-width digits or anything else); every cut returned reads back as
/// the run, and the identity rows satisfy their identities.
pub fn digits(data: &[u8]) {
    let Some((&parts, rest)) = data.split_first() else { return };
    let run = String::from_utf8_lossy(rest);
    let r = split_request_row(&run);
    check_cuts(&run, &r);
    if let Split::Unique(v) = &r {
        assert_eq!(v.len(), 7);
        assert_eq!(v[..6].iter().sum::<u64>(), v[6], "a table 三 row whose total is not its sum");
    }
    let a = split_appeals_row(&run);
    check_cuts(&run, &a);
    if let Split::Unique(v) = &a {
        assert_eq!(v.len(), 15);
        for g in v.chunks(5) {
            assert_eq!(g[..4].iter().sum::<u64>(), g[4], "a table 四 group whose total is not its sum");
        }
    }
    let d = split_digits(&run, parts as usize, &|v: &[u64]| v.iter().sum::<u64>() % 2 == 0, 20_000);
    check_cuts(&run, &d);
}

/// The normaliser on any text: conversion and width folding, and label keys.
pub fn normalize(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let (out, _conv) = gxbg::normalize::normalize_text(&s);
    let _ = gxbg::normalize::fold_width(&out);
    let _ = gxbg::normalize::label_key(&s);
    let _ = gxbg::normalize::normalize_cell(&s);
}

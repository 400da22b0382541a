//! gxbg's HTML grids against grids recorded from Chromium (tools/grid-diff, docs/GRID-DIFF.md).
//!
//! Each `tests/fixtures/grid-diff/**/NAME.html` has a `NAME.json` written by
//! `tools/grid-diff/run.mjs`: for every table of the page (by the character offset of its
//! `<table` tag), the cells as headless Chromium drew them — token (`T<k>_`, the start of the
//! cell's text), row, column, rowspan, colspan (uncut), `<th>` — and the numbers of rows and
//! columns. The test lays the same file out with [`grids_from_html`] and compares exactly
//! what the Chromium harness compares: the colspan Chromium draws is cut, as gxbg's
//! `PlacedCell` documents, where the cell would run over a cell spanning down from an
//! earlier row. Fixtures with a `known_disagreement` are a documented difference outside
//! the grid builder; they are checked (on demand) to still disagree, so the note stays true.
use gxbg::grid::Grid;
use gxbg::html::grids_from_html;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else { return };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
    let mut v = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/grid-diff"), &mut v);
    v.sort();
    v
}

/// (row, col, rowspan, colspan, header) per token.
type Cells = BTreeMap<String, (u64, u64, u64, u64, bool)>;

fn chromium_cells(t: &Value) -> Cells {
    let cells: Vec<(String, u64, u64, u64, u64, bool)> = t["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let n = |k: &str| c[k].as_u64().unwrap();
            (c["token"].as_str().unwrap().to_string(), n("row"), n("col"), n("rowspan"), n("colspan"), c["header"].as_bool().unwrap())
        })
        .collect();
    let mut out = Cells::new();
    for (i, x) in cells.iter().enumerate() {
        let mut cs = x.4;
        for (j, y) in cells.iter().enumerate() {
            if i != j && y.1 < x.1 && x.1 < y.1 + y.3 && y.2 > x.2 && y.2 < x.2 + cs {
                cs = y.2 - x.2;
            }
        }
        out.insert(x.0.clone(), (x.1, x.2, x.3, cs, x.5));
    }
    out
}

fn gxbg_cells(g: &Grid) -> Cells {
    let mut out = Cells::new();
    for c in &g.cells {
        let tok = c.text.split_whitespace().next().unwrap_or("").to_string();
        let tok = match tok.find('_') {
            Some(i) if tok.starts_with('T') => tok[..=i].to_string(),
            _ => tok,
        };
        out.insert(tok, (c.row as u64, c.col as u64, c.rowspan as u64, c.colspan as u64, c.header));
    }
    out
}

/// Differences between the fixture's tables and gxbg's grids of its page.
fn differences(json: &Path) -> (Value, Vec<String>) {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    let bytes = std::fs::read(json.with_extension("html")).unwrap();
    let text = gxbg::decode::decode(&bytes).unwrap().text;
    let grids = grids_from_html(&text);
    let by_offset = grids.iter().any(|g| g.offset.is_some());
    let mut d = Vec::new();
    for (i, t) in doc["tables"].as_array().unwrap().iter().enumerate() {
        let id = t["id"].as_str().unwrap();
        let off = t["offset"].as_u64().unwrap() as usize;
        let g = if by_offset { grids.iter().find(|g| g.offset == Some(off)) } else { grids.get(i) };
        let Some(g) = g else {
            d.push(format!("{id}: no gxbg grid"));
            continue;
        };
        let (want, got) = (chromium_cells(t), gxbg_cells(g));
        if want != got {
            d.push(format!("{id}: cells differ\n  Chromium {want:?}\n  gxbg     {got:?}"));
        }
        if t["n_rows"].as_u64() != Some(g.n_rows as u64) || t["n_cols"].as_u64() != Some(g.n_cols as u64) {
            d.push(format!("{id}: Chromium {}x{}, gxbg {}x{}", t["n_rows"], t["n_cols"], g.n_rows, g.n_cols));
        }
    }
    (doc, d)
}

#[test]
fn gxbg_grids_are_chromiums() {
    let all = fixtures();
    assert!(all.len() >= 10, "grid-diff fixtures missing: {}", all.len());
    let mut failed = Vec::new();
    for f in &all {
        let (doc, d) = differences(f);
        if doc.get("known_disagreement").is_none() && !d.is_empty() {
            failed.push(format!("{}:\n{}", f.display(), d.join("\n")));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

#[test]
#[ignore = "documents differences outside the grid builder; run with --ignored"]
fn known_disagreements_still_disagree() {
    for f in fixtures() {
        let (doc, d) = differences(&f);
        if doc.get("known_disagreement").is_some() {
            assert!(!d.is_empty(), "{} now agrees with Chromium: drop its known_disagreement note", f.display());
        }
    }
}

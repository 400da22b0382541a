//! Golden tests over the hand-made fixtures in tests/fixtures/{html,text}: each `NAME.ext`
//! has a sibling `NAME.expected.json`:
//!
//! ```json
//! {"format": "2021",
//!  "tables": {"requests": "present"},
//!  "cells": {"requests.new_received.total": 651, "requests.granted.commercial": "blank"},
//!  "findings": ["requests.balance"]}
//! ```
//! `cells` values are numbers (state `value` with that number) or a state name; `findings`
//! is the exact set of rule ids the report must yield (omit it to skip that check);
//! `figures` (optional) maps prose keys to the values stated.

use gxbg::{CellState, Options};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<(PathBuf, PathBuf)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut out = Vec::new();
    for sub in ["html", "text"] {
        let Ok(rd) = std::fs::read_dir(root.join(sub)) else { continue };
        let mut files: Vec<PathBuf> = rd.map(|e| e.unwrap().path()).collect();
        files.sort();
        for p in &files {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".expected.json") {
                continue;
            }
            let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(&name);
            let exp = p.with_file_name(format!("{stem}.expected.json"));
            if exp.exists() {
                out.push((p.clone(), exp));
            }
        }
    }
    out
}

fn check_one(input: &Path, expected: &Path) -> Vec<String> {
    let mut errs = Vec::new();
    let exp: Value = serde_json::from_str(&std::fs::read_to_string(expected).unwrap()).unwrap();
    let r = match gxbg::parse_file(input, &Options::default()) {
        Ok(r) => r,
        Err(e) => return vec![format!("parse error: {e}")],
    };
    if let Some(f) = exp.get("format").and_then(Value::as_str) {
        if r.format.as_str() != f {
            errs.push(format!("format {} != {f}", r.format.as_str()));
        }
    }
    if let Some(ts) = exp.get("tables").and_then(Value::as_object) {
        for (k, v) in ts {
            let got = r.tables.get(k).map(|t| serde_json::to_value(t.status).unwrap());
            if got.as_ref() != Some(v) {
                errs.push(format!("table {k}: {got:?} != {v}"));
            }
        }
    }
    if let Some(cells) = exp.get("cells").and_then(Value::as_object) {
        for (k, v) in cells {
            let Some(c) = r.tables.cell(k) else {
                errs.push(format!("{k}: no such cell"));
                continue;
            };
            match v {
                Value::Number(n) => {
                    let ok = c.state == CellState::Value
                        && c.value.map(|x| (x.as_f64() - n.as_f64().unwrap()).abs() < 1e-9).unwrap_or(false);
                    if !ok {
                        errs.push(format!("{k}: {:?} {:?} (raw {:?}) != {n}", c.state, c.value, c.raw));
                    }
                }
                Value::String(s) => {
                    if c.state.as_str() != s {
                        errs.push(format!("{k}: state {:?} (raw {:?}) != {s}", c.state, c.raw));
                    }
                }
                _ => errs.push(format!("{k}: bad expectation {v}")),
            }
        }
    }
    if let Some(fs) = exp.get("findings").and_then(Value::as_array) {
        let want: BTreeSet<String> = fs.iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
        let got: BTreeSet<String> = r.findings.iter().map(|f| f.rule.to_string()).collect();
        if want != got {
            errs.push(format!("findings {got:?} != {want:?}; {:#?}", r.findings.iter().map(|f| &f.message_en).collect::<Vec<_>>()));
        }
    }
    if let Some(fs) = exp.get("figures").and_then(Value::as_object) {
        for (k, v) in fs {
            let n = v.as_f64().unwrap_or(f64::NAN);
            if !r.figures.iter().any(|f| f.key == *k && (f.value.as_f64() - n).abs() < 1e-9) {
                errs.push(format!("figure {k} = {v} not found"));
            }
        }
    }
    errs
}

#[test]
fn every_fixture_matches_its_expectations() {
    let all = fixtures();
    let mut failures = Vec::new();
    for (input, exp) in &all {
        let errs = check_one(input, exp);
        if !errs.is_empty() {
            failures.push(format!("{}:\n  {}", input.display(), errs.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} fixtures differ:\n{}", failures.len(), all.len(), failures.join("\n"));
}

/// `write_csv` writes the rows borrowed, without building `CsvRow`s: its lines must be
/// those of `csv_rows` serialised one by one, with special characters in the source name
/// (quoted fields), and the count it returns their number.
#[test]
fn written_csv_is_csv_rows_serialised() {
    let mut reports = Vec::new();
    for (input, _) in fixtures() {
        let name = input.file_name().unwrap().to_string_lossy().to_string();
        let source = format!("dir, \"{name}\"\n");
        reports.push(gxbg::parse_file(&input, &Options { source: Some(source), ..Options::default() }).unwrap());
    }
    assert!(reports.len() >= 8);
    let refs: Vec<&gxbg::Report> = reports.iter().collect();
    let mut want = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    want.write_record(gxbg::output::CSV_COLUMNS).unwrap();
    let mut n = 0u64;
    for r in &refs {
        for row in gxbg::output::csv_rows(r) {
            want.serialize(&row).unwrap();
            n += 1;
        }
    }
    let want = want.into_inner().unwrap();
    let mut got = Vec::new();
    let written = gxbg::output::write_csv(&mut got, &refs, true).unwrap();
    assert_eq!(written, n);
    assert!(n > 1000, "{n}");
    assert_eq!(String::from_utf8(got).unwrap(), String::from_utf8(want).unwrap());
}

//! The located path on page shapes the repository has no real page of: the real portal page
//! pingtan-2021 dressed as other portals dress theirs (`benches/variants.rs`: layout tables,
//! a data: URI image, GBK, a Word style sheet, upper-case markup, a block of links before the
//! report). Each must parse to the source page's report, and the report body must still be
//! found by the cheap locating step rather than by building the whole page.

#[path = "../../../benches/variants.rs"]
mod variants;

use gxbg::{parse_bytes, Options};
use serde_json::Value;

fn page() -> String {
    std::fs::read_to_string(format!("{}/../../examples/reports/pingtan-2021.html", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The report as JSON, without `encoding` (the GBK copy differs there, by design).
fn report(bytes: &[u8]) -> Value {
    let r = parse_bytes(bytes, &Options::default()).unwrap();
    let mut v = serde_json::to_value(&r).unwrap();
    v.as_object_mut().unwrap().remove("encoding");
    v
}

#[test]
fn every_variant_parses_to_the_source_report() {
    let src = page();
    let expected = report(src.as_bytes());
    // The source itself: three tables, 207 canonical cells, text starting at the report.
    assert_eq!(expected["tables"].as_object().map(|t| t.len()), Some(3));
    let vs = variants::variants(&src).expect("pingtan-2021 has a body and 总体情况");
    assert_eq!(vs.len(), 6);
    for (name, bytes) in vs {
        assert_ne!(bytes, src.as_bytes(), "{name}: the variant changed nothing");
        let got = report(&bytes);
        if got != expected {
            let obj = got.as_object().unwrap();
            let differ: Vec<&String> = obj.keys().filter(|k| got[k.as_str()] != expected[k.as_str()]).collect();
            panic!("{name}: the report differs from the source page's in {differ:?}");
        }
    }
}

#[test]
fn the_report_body_is_located_in_every_variant() {
    let src = page();
    let base = gxbg::locate::locate(&src);
    assert!(base.found);
    for (name, bytes) in variants::variants(&src).unwrap() {
        let text = gxbg::decode::decode(&bytes).unwrap().text;
        let l = gxbg::locate::locate(&text);
        assert!(l.found, "{name}: no report anchor found");
        // The region is the report, not the page: no larger than the source's region plus
        // what the variant put inside the report itself (the image, the links).
        // (The share links stand before the heading: they are left out like the rest.)
        let inside = if name == "data-uri-image" { 300_100 } else { 0 };
        let len = l.end - l.start;
        assert!(
            len <= base.end - base.start + inside + 64,
            "{name}: region of {len} bytes (of a {}-byte page) against the source's {}",
            text.len(),
            base.end - base.start
        );
    }
}

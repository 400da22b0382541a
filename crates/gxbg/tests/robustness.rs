//! Issue 8: no input may crash, hang or exhaust gxbg.
//!
//! * `replay_*`: the seed corpus (tests/seeds, tests/fixtures/**, examples/reports) and the
//!   minimised fuzz finds under fuzz/regressions/ through every fuzz target's body (the
//!   same functions, included from fuzz/src/lib.rs). `scripts/fuzz.sh --smoke` runs these.
//! * proptest: parse never panics on arbitrary bytes, on table tag soup with hostile
//!   `colspan`/`rowspan` values, and the front ends, the digit splitter and the normaliser
//!   never panic on arbitrary text;
//! * the limits of docs/LIMITS.md that are about answers (binary files refused by name,
//!   NULs, invalid UTF-8 / GBK, deep nesting, span bombs, long lines, digit runs); memory is
//!   asserted in tests/limits_mem.rs and time only in benches/limits.rs;
//! * determinism: every fixture parsed 3× and on 4 threads gives the same JSON, byte for
//!   byte.

use gxbg::digits::{split_appeals_row, split_digits, split_request_row, Split};
use gxbg::{Error, Options};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

#[path = "../../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod fuzz_bodies;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file under `dir`, recursively, sorted (for stable test output).
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The seed corpus: every page and text the repository ships, and the expected JSON files
/// (as text, which the text front end must survive too).
fn seeds() -> Vec<(PathBuf, Vec<u8>)> {
    let mut paths = Vec::new();
    for d in ["tests/seeds", "tests/fixtures", "examples/reports"] {
        files_under(&root().join(d), &mut paths);
    }
    paths.retain(|p| !p.extension().is_some_and(|e| e == "py"));
    let v: Vec<(PathBuf, Vec<u8>)> = paths.into_iter().filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b))).collect();
    assert!(v.len() >= 20, "seed corpus not found under {}", root().display());
    v
}

fn regressions(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut paths = Vec::new();
    files_under(&root().join("fuzz/regressions").join(target), &mut paths);
    paths.into_iter().filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b))).collect()
}

fn replay(target: &str) {
    let Some((_, body)) = fuzz_bodies::TARGETS.iter().find(|(n, _)| *n == target) else {
        panic!("no fuzz target {target}")
    };
    let mut inputs = regressions(target);
    if target == "digits" {
        // Seed runs: the first byte is the number of parts.
        for run in ["640020470", "000000000000000", "111113222226333339", "１２３４５６７８９", &"9".repeat(200), &"10".repeat(100)] {
            for parts in [0u8, 1, 7, 15, 200, 255] {
                let mut v = vec![parts];
                v.extend_from_slice(run.as_bytes());
                inputs.push((PathBuf::from(format!("<digits {parts} {run}>")), v));
            }
        }
    } else {
        inputs.extend(seeds());
    }
    for (path, bytes) in &inputs {
        let r = std::panic::catch_unwind(|| body(bytes));
        assert!(r.is_ok(), "fuzz target {target} panics on {}", path.display());
    }
}

#[test]
fn replay_parse_bytes() {
    replay("parse_bytes");
}

#[test]
fn replay_html_grids() {
    replay("html_grids");
}

#[test]
fn replay_text_document() {
    replay("text_document");
}

#[test]
fn replay_digits() {
    replay("digits");
}

#[test]
fn replay_normalize() {
    replay("normalize");
}

// ---------------------------------------------------------------------------------------
// proptest

/// A hostile span value: missing, 0, huge, negative, garbage.
fn span() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        3 => Just(None),
        3 => (0u32..6).prop_map(|n| Some(n.to_string())),
        1 => Just(Some("-1".into())),
        1 => Just(Some("-99999".into())),
        1 => Just(Some("65534".into())),
        1 => Just(Some("65535".into())),
        1 => Just(Some("1000".into())),
        1 => Just(Some("4294967296".into())),
        1 => Just(Some("99999999999999999999999".into())),
        1 => Just(Some("abc".into())),
        1 => Just(Some("".into())),
        1 => Just(Some(" +3x".into())),
        1 => Just(Some("&#50;".into())),
        1 => Just(Some("\u{0}".into())),
        1 => "[0-9a-z +-]{0,8}".prop_map(Some),
    ]
}

fn attr(name: &'static str) -> impl Strategy<Value = String> {
    (span(), 0u8..3).prop_map(move |(v, q)| match v {
        None => String::new(),
        Some(v) => match q {
            0 => format!(" {name}={v}"),
            1 => format!(" {name}=\"{v}\""),
            _ => format!(" {name}='{v}'"),
        },
    })
}

/// A fragment of table tag soup: tags, hostile attributes, text, numbers, labels.
fn soup_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (prop_oneof![Just("td"), Just("th")], attr("colspan"), attr("rowspan")).prop_map(|(t, c, r)| format!("<{t}{c}{r}>")),
        2 => Just("<tr>".to_string()),
        1 => Just("</tr>".to_string()),
        1 => Just("</td>".to_string()),
        1 => Just("<table>".to_string()),
        1 => Just("</table>".to_string()),
        1 => prop_oneof![Just("<thead>"), Just("<tbody>"), Just("<tfoot>"), Just("</tbody>"), Just("<caption>"), Just("<colgroup><col span=3>")].prop_map(String::from),
        1 => prop_oneof![Just("<div>"), Just("</div>"), Just("<p>"), Just("<br>"), Just("<svg>"), Just("<select>"), Just("<template>"), Just("<!--"), Just("<script>")].prop_map(String::from),
        3 => (0u32..100_000).prop_map(|n| n.to_string()),
        2 => prop_oneof![
            Just("本年新收政府信息公开申请数量"),
            Just("三、收到和处理政府信息公开申请情况"),
            Just("自然人"),
            Just("商业企业"),
            Just("行政复议"),
            Just("总计"),
            Just("&nbsp;"),
            Just("&#x0;"),
            Just("\u{0}"),
            Just("\u{FFFD}"),
        ]
        .prop_map(String::from),
    ]
}

fn table_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(soup_piece(), 0..80)
        .prop_map(|v| format!("<html><body><p>政府信息公开工作年度报告</p><table>{}", v.concat()))
}

/// What every parse must give: a report that serialises, or a typed error.
fn parse_is_sane(bytes: &[u8]) {
    match gxbg::parse_bytes(bytes, &Options::default()) {
        Ok(r) => {
            let json = gxbg::output::to_json(&r);
            assert!(json.starts_with('{'));
        }
        Err(e) => assert!(!e.code().is_empty() && !e.to_string().is_empty()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        parse_is_sane(&bytes);
    }

    #[test]
    fn parse_never_panics_on_mostly_text(s in "[\\x00-\\x7f 一二三四五六七八九十〇|申请政府信息公开年度报告总计]{0,400}") {
        parse_is_sane(s.as_bytes());
        fuzz_bodies::text_document(s.as_bytes());
        fuzz_bodies::normalize(s.as_bytes());
    }

    #[test]
    fn parse_never_panics_on_table_soup(html in table_soup()) {
        parse_is_sane(html.as_bytes());
        fuzz_bodies::html_grids(html.as_bytes());
    }

    #[test]
    fn digit_splitting_never_panics(run in "[0-9０-９]{0,120}", parts in 0usize..40) {
        fuzz_bodies::digits(&[&[parts as u8][..], run.as_bytes()].concat());
    }
}

// ---------------------------------------------------------------------------------------
// limits (answers; memory in limits_mem.rs, time in benches/limits.rs)

const REPORT_HEAD: &str = "<html><body><p>政府信息公开工作年度报告</p>";

#[test]
fn binary_files_are_refused_by_name() {
    let cases: &[(&[u8], &str)] = &[
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00", "GIF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "OLE2"),
        (b"\x1f\x8b\x08\x00\x00\x00", "gzip"),
    ];
    for (bytes, name) in cases {
        match gxbg::parse_bytes(bytes, &Options::default()) {
            Err(e @ Error::Binary(_)) => {
                assert_eq!(e.code(), "binary");
                assert!(e.to_string().contains(name), "{e} does not name {name}");
            }
            other => panic!("{name}: expected a binary refusal, got {other:?}"),
        }
    }
    // The repository's own attachment fixture, and a PDF with a BOM or leading whitespace
    // in front of its magic (crawlers prepend both).
    let pdf = std::fs::read(root().join("tests/fixtures/batch/corpus/attachment.pdf")).unwrap_or_default();
    if !pdf.is_empty() {
        assert!(matches!(gxbg::parse_bytes(&pdf, &Options::default()), Err(Error::Binary("PDF"))));
    }
    for prefix in [&b"\xef\xbb\xbf"[..], b"\r\n", b"  \n\t"] {
        let mut v = prefix.to_vec();
        v.extend_from_slice(b"%PDF-1.4\n\x00\x01\x02\x03binary\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00");
        let r = gxbg::parse_bytes(&v, &Options::default());
        assert!(matches!(r, Err(Error::Binary("PDF"))), "{prefix:?} + PDF: {r:?}");
    }
}

#[test]
fn too_large_is_a_clear_error() {
    let opts = Options { max_bytes: 1000, ..Options::default() };
    let big = vec![b'a'; 1001];
    let e = gxbg::parse_bytes(&big, &opts).unwrap_err();
    assert_eq!(e.code(), "too_large");
    assert!(e.to_string().contains("1001"));
}

#[test]
fn nul_bytes_and_invalid_encodings_are_replaced_never_a_panic() {
    let page = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5\n";
    // NULs sprinkled through a text page: still parsed.
    let with_nuls: Vec<u8> = page.bytes().flat_map(|b| if b == b'|' { vec![0, b'|'] } else { vec![b] }).collect();
    let r = gxbg::parse_bytes(&with_nuls, &Options::default()).expect("a page with a few NULs parses");
    assert!(!r.text.is_empty());
    // Mostly NULs: refused as not text.
    assert_eq!(gxbg::parse_bytes(&[0u8; 4096], &Options::default()).unwrap_err().code(), "not_text");
    // Invalid UTF-8 inside a UTF-8 page (a page of 20 lines, broken sequences in its first
    // line): U+FFFD, the rest of the page read as UTF-8.
    let mut bad = page.repeat(20).into_bytes();
    bad.splice(10..10, [0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]);
    let r = gxbg::parse_bytes(&bad, &Options::default()).expect("a UTF-8 page with a bad sequence parses");
    assert!(r.text.contains('\u{FFFD}') && r.text.contains("本年新收"), "{} {}", r.encoding, r.text);
    // Invalid GBK: a declared gb2312 page with lone lead bytes and bad trail bytes.
    let src = format!(
        "<meta charset=gb2312>{REPORT_HEAD}<table>{}<tr><td>总计</td><td>5</td></tr></table>",
        "<tr><td>本年新收政府信息公开申请数量</td><td>5</td></tr>".repeat(10)
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&src);
    let mut gbk = gbk.into_owned();
    for at in [60, 61, 90] {
        if at < gbk.len() {
            gbk.insert(at, 0x81);
        }
    }
    gbk.extend_from_slice(&[0x81, 0x20, 0xfe, 0xff, 0x81]);
    let r = gxbg::parse_bytes(&gbk, &Options::default()).expect("a GBK page with a few bad sequences parses");
    assert!(r.text.contains('\u{FFFD}') && r.text.contains("总计"), "{} {}", r.encoding, r.text);
    // Truncated mid-character at the very end, in UTF-8 and in GB18030.
    let cut = &page.as_bytes()[..page.len() - 2];
    parse_is_sane(cut);
    let (g, _, _) = encoding_rs::GB18030.encode(page);
    parse_is_sane(&g[..g.len() - 1]);
}

#[test]
fn deep_nesting_is_bounded() {
    // 100 000 levels of the two that matter (blocks and tables; limits_mem.rs measures
    // their memory), 20 000 of the others (debug builds are slow).
    for (open, n) in [("<div>", 100_000), ("<table><tr><td>", 100_000), ("<table>", 20_000), ("<span>", 20_000), ("<li>", 20_000), ("<font>", 20_000), ("<blockquote>", 20_000), ("<svg>", 20_000)] {
        let mut s = String::from(REPORT_HEAD);
        for _ in 0..n {
            s.push_str(open);
        }
        s.push_str("x");
        parse_is_sane(s.as_bytes());
    }
    // Deep nesting after something the streaming builder hands to html5ever (foreign
    // content, tables nested more than 64 deep): html5ever is quadratic in depth, so these
    // must stay on the streaming path. (Before the fix: 43 s in a debug build for 20 000
    // <div>s, minutes for 100 000.)
    for prefix in ["<svg></svg>", &"<table><tr><td>".repeat(70)] {
        let mut s = String::from(REPORT_HEAD);
        s.push_str(prefix);
        s.push_str(&"<div>".repeat(30_000));
        s.push_str("<table><tr><td>总计</td><td>5</td></tr></table>");
        parse_is_sane(s.as_bytes());
        let grids = gxbg::html::grids_from_html(&s);
        assert!(!grids.is_empty());
    }
    // 400 nested tables: over the streaming builder's 64, under the html5ever budget, so
    // html5ever builds the DOM and the walk, the layout-table emission and the cell texts
    // recurse through all of them (on a test thread's 2 MiB stack, in a debug build).
    let mut s = String::from(REPORT_HEAD);
    s.push_str(&"<table><tr><td>".repeat(400));
    s.push_str("总计 5");
    parse_is_sane(s.as_bytes());
    assert!(!gxbg::html::grids_from_html(&s).is_empty());
    // Unmatched end tags under deep nesting: the locator's container matching looked all the
    // way down the open elements for each (before the fix: 45 s in a debug build for
    // 20 000 of each, quadratic).
    for close in ["</table>", "</td>", "</form>"] {
        let mut s = String::from(REPORT_HEAD);
        s.push_str(&"<div>".repeat(20_000));
        s.push_str(&close.repeat(20_000));
        parse_is_sane(s.as_bytes());
    }
    let mut s = String::from(REPORT_HEAD);
    s.push_str("<table>");
    s.push_str(&"<div>".repeat(20_000));
    s.push_str(&"<td>1</td>".repeat(20_000));
    parse_is_sane(s.as_bytes());
    // A 20 000-line outline of numbered items.
    let outline: String = (0..20_000).map(|i| format!("（{}）", i % 10)).collect::<Vec<_>>().join("\n");
    parse_is_sane(outline.as_bytes());
}

#[test]
fn span_bombs_are_laid_out_from_the_cells() {
    let mut s = String::from("<table><tr>");
    for _ in 0..1000 {
        s.push_str("<td colspan=1000 rowspan=65534>1</td>");
    }
    s.push_str("</tr>");
    s.push_str(&"<tr></tr>".repeat(2000));
    s.push_str("</table>");
    let grids = gxbg::html::grids_from_html(&s);
    let g = &grids[0];
    assert_eq!(g.cells.len(), 1000);
    assert_eq!(g.n_rows, 2001);
    assert_eq!(g.n_cols, 1_000_000);
    assert!(g.cells.iter().all(|c| c.colspan <= 1000 && c.rowspan <= 2001));
    let mut page = String::from(REPORT_HEAD);
    page.push_str(&s);
    parse_is_sane(page.as_bytes());

    // Rowspans "to the end of the group" on every row: a triangle of 10 000 rows.
    let mut s = String::from(REPORT_HEAD);
    s.push_str("<table>");
    s.push_str(&"<tr><td rowspan=0>1</td></tr>".repeat(10_000));
    s.push_str("</table>");
    parse_is_sane(s.as_bytes());
}

#[test]
fn long_lines_and_big_tables_parse() {
    // One 2 MB line (larger ones in limits_mem.rs and benches/limits.rs).
    let mut s = String::from("政府信息公开工作年度报告 ");
    while s.len() < 2_000_000 {
        s.push_str("一、本年新收政府信息公开申请数量 | 5 | ");
    }
    parse_is_sane(s.as_bytes());
    // Text shapes: one line of 200 000 `|` cells, 100 000 one-cell lines (a cell-per-line
    // dump), a 1 MB digit run, 50 000 numbered headings, a 1 MB line without a space.
    let head = "三、收到和处理政府信息公开申请情况\n";
    parse_is_sane(format!("{head}一、本年新收政府信息公开申请数量{}", " | 1".repeat(200_000)).as_bytes());
    parse_is_sane(format!("{head}{}", "1\n".repeat(100_000)).as_bytes());
    parse_is_sane(format!("{head}一、本年新收政府信息公开申请数量{}", "1234567890".repeat(100_000)).as_bytes());
    parse_is_sane(format!("{head}{}", "（一）申请\n".repeat(50_000)).as_bytes());
    parse_is_sane(format!("{head}{}", "申".repeat(350_000)).as_bytes());
    let mut h = String::from(REPORT_HEAD);
    while h.len() < 2_000_000 {
        h.push_str("申请 5 ");
    }
    parse_is_sane(h.as_bytes());
}

#[test]
fn digit_runs_have_bounded_work() {
    // 200-digit runs, which no cut fits, and the longest runs a cut fits.
    let long = "9".repeat(200);
    assert_eq!(split_request_row(&long), Split::TooLong);
    assert_eq!(split_appeals_row(&long), Split::TooLong);
    assert!(matches!(split_digits(&long, 7, &|_| true, 50_000), Split::TooLong));
    for run in ["1".repeat(84), "1".repeat(180), "10".repeat(42), "0".repeat(84)] {
        let _ = split_request_row(&run);
        let _ = split_appeals_row(&run);
        let _ = split_digits(&run, 15, &|_| true, 50_000);
    }
    // Many parts: the recursion is bounded by the parts count and the budget.
    let ones = "1".repeat(64);
    assert_eq!(split_digits(&ones, 64, &|_| true, 1_000_000), Split::Unique(vec![1; 64]));
    assert_eq!(split_digits(&"1".repeat(255), 255, &|_| true, 1_000_000), Split::TooLong);
    // A run of 100 000 digits cut into as many parts, with a budget as large: the search
    // must not recurse once per part on the stack.
    let ones = "1".repeat(100_000);
    assert_eq!(split_digits(&ones, 100_000, &|_| false, 1_000_000), Split::TooLong);
}

// ---------------------------------------------------------------------------------------
// determinism

#[test]
fn output_is_deterministic_across_runs_and_threads() {
    let pages: Vec<(PathBuf, Vec<u8>)> = seeds()
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html" || e == "txt"))
        .collect();
    assert!(pages.len() >= 10);
    let json = |b: &[u8]| match gxbg::parse_bytes(b, &Options::default()) {
        Ok(r) => gxbg::output::to_json(&r),
        Err(e) => format!("error {}: {e}", e.code()),
    };
    let first: Vec<String> = pages.iter().map(|(_, b)| json(b)).collect();
    for _ in 0..2 {
        for ((p, b), want) in pages.iter().zip(&first) {
            assert!(json(b) == *want, "{} gives different JSON on a second run", p.display());
        }
    }
    let pages = std::sync::Arc::new(pages);
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let pages = pages.clone();
            std::thread::spawn(move || {
                // Each thread walks the pages in a different order.
                let n = pages.len();
                let order = |i: usize| if t % 2 == 0 { (i + 3 * t) % n } else { n - 1 - (i + t) % n };
                (0..n).map(order).map(|i| (i, json(&pages[i].1))).collect::<Vec<_>>()
            })
        })
        .collect();
    for h in handles {
        let got = h.join().expect("a parsing thread panicked");
        for (i, j) in got {
            assert!(j == first[i], "{} gives different JSON on another thread", pages[i].0.display());
        }
    }
}

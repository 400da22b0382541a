//! Criterion benches of the pipeline's stages and of the whole parse, on the repository's
//! real pages and fixtures.
//!
//! ```text
//! cargo bench -p gxbg --bench stages                 # everything (a few minutes)
//! cargo bench -p gxbg --bench stages -- end_to_end   # criterion's name filter
//! ```
//!
//! Groups: `end_to_end` (`parse_bytes`: bytes → canonical tables, findings, normalised
//! text) on every page of `examples/reports`, `tests/seeds`, `tests/fixtures/{html,text}`;
//! then, on a few representative pages (the two real portal pages, a Traditional Big5
//! fixture, a seed text extraction), each stage alone with the previous stages' output as
//! input: `decode`, `locate`, `html_to_document`, `text_to_document`, `normalize`,
//! `meta`, `map`, `prose`, `check`, `json`, `csv`. Throughput is in input bytes.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gxbg::blocks::{Block, Document};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The files of a directory with one of the extensions, sorted; none if it is missing.
fn files(dir: &str, exts: &[&str]) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e)));
    v.sort();
    v
}

fn name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Every page the end-to-end group runs on (duplicates by content dropped).
fn all_pages() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    for p in files("examples/reports", &["html", "htm", "txt"])
        .into_iter()
        .chain(files("tests/seeds", &["txt"]))
        .chain(files("tests/fixtures/html", &["html"]))
        .chain(files("tests/fixtures/text", &["txt"]))
    {
        if let Ok(b) = std::fs::read(&p) {
            if !out.iter().any(|(_, x)| *x == b) {
                out.push((name(&p), b));
            }
        }
    }
    out
}

/// The pages each stage is measured on.
fn representative() -> Vec<(String, Vec<u8>)> {
    let picks = [
        "examples/reports/pingtan-2021.html",
        "examples/reports/pingtan-tourism-2019.html",
        "tests/fixtures/html/big5-traditional.html",
        "tests/seeds/004_4b8e8d36037636b6.txt",
    ];
    picks.iter().filter_map(|p| std::fs::read(root().join(p)).ok().map(|b| (name(Path::new(p)), b))).collect()
}

fn config() -> Criterion {
    // Short runs: the machine is shared; criterion's statistics still apply.
    Criterion::default().sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2))
}

fn end_to_end(c: &mut Criterion) {
    let opts = gxbg::Options::default();
    let mut g = c.benchmark_group("end_to_end");
    for (n, bytes) in all_pages() {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(&n, |b| b.iter(|| gxbg::parse_bytes(black_box(&bytes), &opts)));
    }
    g.finish();
}

/// What each stage needs, computed once per page.
struct Staged {
    name: String,
    bytes: Vec<u8>,
    text: String,
    html: bool,
    doc: Document,
    doc_norm: Document,
    norm_text: String,
    year: Option<i32>,
    report: Option<gxbg::Report>,
}

fn staged() -> Vec<Staged> {
    representative()
        .into_iter()
        .filter_map(|(name, bytes)| {
            let text = gxbg::decode::decode(&bytes).ok()?.text;
            let html = gxbg::looks_like_html(&text);
            let doc = if html { gxbg::html::to_document(&text) } else { gxbg::text::to_document(&text) };
            let report = gxbg::parse_bytes(&bytes, &gxbg::Options::default()).ok();
            // The mapper reads the normalised document: normalise a copy string by string
            // with the document's script (what parse_bytes does, in one call).
            let script = gxbg::normalize::t2s::detect_script(&doc.text());
            let mut doc_norm = doc.clone();
            let norm = |s: &mut String| *s = gxbg::normalize::normalize_as(s, script).0.into_owned();
            for b in &mut doc_norm.blocks {
                match b {
                    Block::Text { text } => norm(text),
                    Block::Table { grid } => grid.cells.iter_mut().for_each(|c| norm(&mut c.text)),
                }
            }
            let norm_text = doc_norm.text();
            let year = report.as_ref().and_then(|r| r.meta.year);
            Some(Staged { name, bytes, text, html, doc, doc_norm, norm_text, year, report })
        })
        .collect()
}

fn stages(c: &mut Criterion) {
    let pages = staged();
    let mut g = c.benchmark_group("stages");
    for p in &pages {
        let n = &p.name;
        g.throughput(Throughput::Bytes(p.bytes.len() as u64));
        g.bench_function(format!("decode/{n}"), |b| b.iter(|| gxbg::decode::decode(black_box(&p.bytes))));
        if p.html {
            g.bench_function(format!("locate/{n}"), |b| b.iter(|| gxbg::locate::locate(black_box(&p.text))));
            g.bench_function(format!("html_to_document/{n}"), |b| b.iter(|| gxbg::html::to_document(black_box(&p.text))));
        } else {
            g.bench_function(format!("text_to_document/{n}"), |b| b.iter(|| gxbg::text::to_document(black_box(&p.text))));
        }
        let raw_text = p.doc.text();
        g.bench_function(format!("document_text/{n}"), |b| b.iter(|| black_box(&p.doc).text()));
        g.bench_function(format!("normalize/{n}"), |b| b.iter(|| gxbg::normalize::normalize_text(black_box(&raw_text))));
        g.bench_function(format!("meta/{n}"), |b| {
            b.iter(|| (gxbg::meta::extract(black_box(&p.doc_norm), &p.norm_text), gxbg::meta::sections(&p.norm_text)))
        });
        g.bench_function(format!("map/{n}"), |b| b.iter(|| gxbg::mapping::map(black_box(&p.doc_norm), &p.norm_text, p.year)));
        g.bench_function(format!("prose/{n}"), |b| b.iter(|| gxbg::prose::figures(black_box(&p.norm_text))));
        if let Some(r) = &p.report {
            g.bench_function(format!("check/{n}"), |b| b.iter(|| gxbg::checks::check(black_box(&r.tables), &r.figures, r.format)));
            g.bench_function(format!("json/{n}"), |b| b.iter(|| gxbg::output::to_json(black_box(r))));
            g.bench_function(format!("csv/{n}"), |b| b.iter(|| gxbg::output::to_csv(&[black_box(r)])));
        }
    }
    g.finish();
}

criterion_group! { name = benches; config = config(); targets = end_to_end, stages }
criterion_main!(benches);

//! Time of the hostile inputs of docs/LIMITS.md (issue 8). Memory is asserted in
//! `crates/gxbg/tests/limits_mem.rs`; tests never time anything, this bench does.
//!
//! ```text
//! cargo bench -p gxbg --bench limits               # all cases (about two minutes)
//! cargo bench -p gxbg --bench limits -- span       # only the span bombs
//! ```
//!
//! Every case is `parse_bytes` end to end on a synthesised input: span bombs, deep nesting
//! (including the inputs that used to send the region to html5ever, which is quadratic in
//! nesting depth), a table of a million cells, a 50 MB single line, 200-digit runs, binary
//! files. The figures are recorded in docs/LIMITS.md.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

const HEAD: &str = "<html><body><p>政府信息公开工作年度报告</p>";

fn page(body: &str) -> Vec<u8> {
    let mut s = String::with_capacity(HEAD.len() + body.len());
    s.push_str(HEAD);
    s.push_str(body);
    s.into_bytes()
}

fn cases() -> Vec<(&'static str, Vec<u8>)> {
    let mut v = Vec::new();
    v.push((
        "span_bomb_1000_cells",
        page(&format!("<table><tr>{}</tr>{}</table>", "<td colspan=1000 rowspan=65534>1</td>".repeat(1000), "<tr></tr>".repeat(65_534))),
    ));
    v.push(("span_bomb_1000_rows", page(&format!("<table>{}</table>", "<tr><td colspan=1000 rowspan=65534>1</td></tr>".repeat(1000)))));
    v.push(("rowspan0_10000_rows", page(&format!("<table>{}</table>", "<tr><td rowspan=0>1</td></tr>".repeat(10_000)))));
    v.push(("deep_div_100k", page(&"<div>".repeat(100_000))));
    v.push(("deep_table_100k", page(&"<table><tr><td>".repeat(100_000))));
    v.push(("svg_then_div_100k", page(&format!("<svg></svg>{}", "<div>".repeat(100_000)))));
    v.push(("tables70_then_div_100k", page(&format!("{}{}", "<table><tr><td>".repeat(70), "<div>".repeat(100_000)))));
    v.push(("div_100k_then_end_table_100k", page(&format!("{}{}", "<div>".repeat(100_000), "</table>".repeat(100_000)))));
    let mut t = String::from("<table>");
    for r in 0..1000 {
        t.push_str("<tr>");
        for c in 0..1000 {
            t.push_str(if (r + c) % 7 == 0 { "<td>12" } else { "<td>0" });
        }
    }
    t.push_str("</table>");
    v.push(("table_1m_cells", page(&t)));
    let mut line = String::from("政府信息公开工作年度报告 ");
    while line.len() < 50_000_000 {
        line.push_str("一、本年新收政府信息公开申请数量 5 ");
    }
    v.push(("text_line_50mb", line.into_bytes()));
    let mut h = String::new();
    while h.len() < 50_000_000 {
        h.push_str("申请 5 ");
    }
    v.push(("html_line_50mb", page(&h)));
    v.push(("nul_4mb", {
        let mut b = "三、收到和处理政府信息公开申请情况\n".as_bytes().to_vec();
        b.resize(4 << 20, 0);
        b
    }));
    v.push(("pdf_magic", b"%PDF-1.7\n".iter().copied().chain(std::iter::repeat(7u8).take(1 << 20)).collect()));
    v
}

fn limits(c: &mut Criterion) {
    let mut g = c.benchmark_group("limits");
    g.sample_size(10).warm_up_time(Duration::from_millis(200)).measurement_time(Duration::from_secs(3));
    let opts = gxbg::Options::default();
    for (name, input) in cases() {
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_with_input(BenchmarkId::new("parse_bytes", name), &input, |b, input| {
            b.iter(|| black_box(gxbg::parse_bytes(black_box(input), &opts).is_ok()))
        });
    }
    g.finish();
}

fn digits(c: &mut Criterion) {
    let mut g = c.benchmark_group("digits");
    g.sample_size(20).measurement_time(Duration::from_secs(2));
    let runs = [("200_nines", "9".repeat(200)), ("84_ones", "1".repeat(84)), ("84_tens", "10".repeat(42)), ("180_ones", "1".repeat(180))];
    for (name, run) in &runs {
        g.bench_function(BenchmarkId::new("split_request_row", name), |b| b.iter(|| black_box(gxbg::digits::split_request_row(run))));
        g.bench_function(BenchmarkId::new("split_appeals_row", name), |b| b.iter(|| black_box(gxbg::digits::split_appeals_row(run))));
    }
    g.finish();
}

criterion_group!(benches, limits, digits);
criterion_main!(benches);

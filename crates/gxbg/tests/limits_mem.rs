//! Memory limits of docs/LIMITS.md, measured: a counting global allocator (wrapping the
//! system one) tracks the bytes live on the heap and their peak while one parse runs.
//!
//! Counts are per thread, so tests running at the same time do not see each other's
//! allocations; inputs are built before the measurement starts, so a peak is what parsing
//! adds on top of its input.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

// Per-thread accounting: the test harness runs tests on several threads at once, and the
// other tests' inputs (8 MB strings, a million-cell table) must not count in this thread's
// peak. `const` thread-locals of `Cell`s never allocate, so the allocator can use them.
thread_local! {
    static LIVE: Cell<i64> = const { Cell::new(0) };
    static PEAK: Cell<i64> = const { Cell::new(0) };
}

fn grew(by: usize) {
    let _ = LIVE.try_with(|l| {
        let now = l.get() + by as i64;
        l.set(now);
        let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
    });
}

fn shrank(by: usize) {
    let _ = LIVE.try_with(|l| l.set(l.get() - by as i64));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        shrank(layout.size());
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                shrank(layout.size() - new_size);
            }
        }
        p
    }
}

#[global_allocator]
static A: Counting = Counting;

/// Run `f` and return its result and the peak heap bytes it added on this thread (a parse
/// runs on the calling thread only).
fn peak_of<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let base = LIVE.with(|l| l.get());
    PEAK.with(|p| p.set(base));
    let r = f();
    let peak = PEAK.with(|p| p.get()) - base;
    (r, peak.max(0) as usize)
}

const MB: usize = 1 << 20;
const REPORT_HEAD: &str = "<html><body><p>政府信息公开工作年度报告</p>";

fn parse(bytes: &[u8]) -> bool {
    gxbg::parse_bytes(bytes, &gxbg::Options::default()).is_ok()
}

fn report(name: &str, input: usize, peak: usize) {
    eprintln!("{name}: input {input} bytes, peak {peak} bytes ({:.1} x input)", peak as f64 / input.max(1) as f64);
}

#[test]
fn span_bomb_of_1000_cells() {
    // 1000 cells of colspan=1000 rowspan=65534 in one row, over 2000 rows: 2 × 10^9 slots.
    let mut s = String::from(REPORT_HEAD);
    s.push_str("<table><tr>");
    s.push_str(&"<td colspan=1000 rowspan=65534>1</td>".repeat(1000));
    s.push_str("</tr>");
    s.push_str(&"<tr></tr>".repeat(2000));
    s.push_str("</table>");
    let (grids, peak) = peak_of(|| gxbg::html::grids_from_html(&s));
    report("span bomb grid", s.len(), peak);
    assert_eq!(grids.first().map(|g| g.cells.len()), Some(1000));
    assert!(peak < 2 * MB, "span bomb of 1000 cells: grid peak {peak} bytes");
    let (_, peak) = peak_of(|| parse(s.as_bytes()));
    report("span bomb parse", s.len(), peak);
    assert!(peak < 4 * MB, "span bomb of 1000 cells: parse peak {peak} bytes");
}

#[test]
fn span_bomb_rows() {
    // Every row a cell spanning 1000 columns and all rows below: 10^9 slots, a triangle of
    // 5 × 10^5 (row, cell) pairs.
    let mut s = String::from(REPORT_HEAD);
    s.push_str("<table>");
    s.push_str(&"<tr><td colspan=1000 rowspan=65534>1</td></tr>".repeat(1000));
    s.push_str("</table>");
    let (_, peak) = peak_of(|| parse(s.as_bytes()));
    report("span bomb rows parse", s.len(), peak);
    assert!(peak < 4 * MB, "span bomb rows: parse peak {peak} bytes");
    // rowspan=0 (to the end of the group) on each of 10 000 rows.
    let mut s = String::from(REPORT_HEAD);
    s.push_str("<table>");
    s.push_str(&"<tr><td rowspan=0>1</td></tr>".repeat(10_000));
    s.push_str("</table>");
    let (_, peak) = peak_of(|| parse(s.as_bytes()));
    report("rowspan=0 triangle parse", s.len(), peak);
    assert!(peak < 40 * s.len(), "rowspan=0 triangle: parse peak {peak} bytes for {} input", s.len());
}

#[test]
fn table_of_a_million_cells() {
    let mut s = String::from(REPORT_HEAD);
    s.push_str("<table>");
    for r in 0..1000 {
        s.push_str("<tr>");
        for c in 0..1000 {
            s.push_str(if (r + c) % 7 == 0 { "<td>12" } else { "<td>0" });
        }
    }
    s.push_str("</table>");
    let (_, peak) = peak_of(|| parse(s.as_bytes()));
    report("1M-cell table parse", s.len(), peak);
    assert!(peak < 60 * s.len(), "1M-cell table: parse peak {peak} bytes for {} input", s.len());
}

#[test]
fn deep_nesting() {
    for open in ["<div>", "<table><tr><td>", "<span>"] {
        let mut s = String::from(REPORT_HEAD);
        s.push_str(&open.repeat(100_000));
        s.push('x');
        let (_, peak) = peak_of(|| parse(s.as_bytes()));
        report(&format!("100k nested {open} parse"), s.len(), peak);
        assert!(peak < 30 * s.len(), "100k nested {open}: parse peak {peak} bytes for {} input", s.len());
    }
}

#[test]
fn long_single_line() {
    // An 8 MB single line of text (50 MB in benches/limits.rs: the factor is the same).
    let mut s = String::from("政府信息公开工作年度报告 ");
    while s.len() < 8 * MB {
        s.push_str("一、本年新收政府信息公开申请数量 5 ");
    }
    let (_, peak) = peak_of(|| parse(s.as_bytes()));
    report("8 MB text line parse", s.len(), peak);
    assert!(peak < 16 * s.len(), "8 MB line: parse peak {peak} bytes");
    let mut h = String::from(REPORT_HEAD);
    while h.len() < 8 * MB {
        h.push_str("申请 5 ");
    }
    let (_, peak) = peak_of(|| parse(h.as_bytes()));
    report("8 MB html line parse", h.len(), peak);
    assert!(peak < 16 * h.len(), "8 MB html line: parse peak {peak} bytes");
}

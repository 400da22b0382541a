//! The native side of the comparison harness (`benches/compare/run.py`, `scripts/bench.sh`).
//!
//! For every file given: gxbg `parse_bytes` end to end (bytes → canonical tables, findings,
//! normalised text), and — for HTML pages — the naive floor: html5ever's `Tokenizer` with a
//! no-op sink over the whole decoded page (no tree, no work). Prints one JSON object per
//! file on stdout: per-run median and minimum in milliseconds, and what was found (tables
//! and cells of the page, canonical tables and cells filled) so no side of the comparison
//! can win by doing less.
//!
//! ```text
//! cargo bench -p gxbg --bench native -- [--runs N] [--budget-ms MS] FILE...
//! cargo bench -p gxbg --bench native -- --loop N FILE     # N parses, no timing (callgrind)
//! cargo bench -p gxbg --bench native -- --no-floor FILE...  # gxbg only, no tokenizer
//! ```
//!
//! This binary allocates with the system allocator (what a program that embeds the library
//! gets by default). `benches/native_mimalloc.rs` is the same code with mimalloc, the
//! allocator the CLI and the Python extension ship with.
//!
//! Each measurement runs at least 5 times and at most `--runs` (default 50) times or until
//! `--budget-ms` (default 1500) of wall-clock per file and side is spent, after a warm-up (at least 3 runs and 300 ms).

use gxbg::blocks::Block;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer};
use std::time::{Duration, Instant};

/// Counts tokens and drops them: the tokenizer's own work, nothing else.
struct NoopSink(std::cell::Cell<u64>);

impl TokenSink for NoopSink {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        self.0.set(self.0.get() + 1);
        drop(token);
        TokenSinkResult::Continue
    }
}

/// Tokenize a whole page; returns the number of tokens.
fn tokenize(page: &str) -> u64 {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(page));
    let tok = Tokenizer::new(NoopSink(std::cell::Cell::new(0)), Default::default());
    while !input.is_empty() {
        // The no-op sink never asks for a script to run, so feed only returns when done.
        let _ = tok.feed(&input);
    }
    tok.end();
    tok.sink.0.get()
}

fn measure<F: FnMut()>(mut f: F, runs: usize, budget: Duration) -> Vec<f64> {
    // Warm-up (lazy tables, caches): at least 3 runs and 300 ms, at most 20 runs.
    let w0 = Instant::now();
    for i in 0..20 {
        if i >= 3 && w0.elapsed() > Duration::from_millis(300) {
            break;
        }
        f();
    }
    let start = Instant::now();
    let mut times = Vec::with_capacity(runs);
    while times.len() < runs && (times.len() < 5 || start.elapsed() < budget) {
        let t = Instant::now();
        f();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    times
}

fn median(v: &[f64]) -> f64 {
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

fn json_str(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

pub fn main() {
    let mut runs = 50usize;
    let mut budget_ms = 1500u64;
    let mut loop_n: Option<usize> = None;
    let mut floor = true;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--bench" => {} // passed by `cargo bench`
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).unwrap_or(runs),
            "--budget-ms" => budget_ms = args.next().and_then(|v| v.parse().ok()).unwrap_or(budget_ms),
            "--loop" => loop_n = args.next().and_then(|v| v.parse().ok()),
            "--no-floor" => floor = false,
            _ => files.push(a),
        }
    }
    let opts = gxbg::Options::default();
    if let Some(n) = loop_n {
        for f in &files {
            let bytes = std::fs::read(f).unwrap_or_default();
            for _ in 0..n {
                std::hint::black_box(gxbg::parse_bytes(&bytes, &opts).ok());
            }
        }
        return;
    }
    let budget = Duration::from_millis(budget_ms);
    for f in &files {
        let bytes = match std::fs::read(f) {
            Ok(b) => b,
            Err(e) => {
                println!("{{\"file\":{},\"error\":{}}}", json_str(f), json_str(&e.to_string()));
                continue;
            }
        };
        let report = gxbg::parse_bytes(&bytes, &opts);
        let (canon_tables, canon_cells) = match &report {
            Ok(r) => {
                let t = r.tables.iter();
                let found = t.iter().filter(|(_, t)| t.status != gxbg::TableStatus::Missing).count();
                let cells = t
                    .iter()
                    .flat_map(|(_, t)| t.rows.values().flat_map(|row| row.values()))
                    .filter(|c| c.state != gxbg::CellState::Missing)
                    .count();
                (found, cells)
            }
            Err(_) => (0, 0),
        };
        let gx = measure(|| drop(std::hint::black_box(gxbg::parse_bytes(&bytes, &opts))), runs, budget);

        // What the page holds (not timed): the tables gxbg rebuilt and their cells.
        let decoded = gxbg::decode::decode(&bytes).ok();
        let text = decoded.as_ref().map(|d| d.text.as_str()).unwrap_or("");
        let is_html = gxbg::looks_like_html(text);
        let doc = if is_html { gxbg::html::to_document(text) } else { gxbg::text::to_document(text) };
        let grids: Vec<_> =
            doc.blocks.iter().filter_map(|b| if let Block::Table { grid } = b { Some(grid) } else { None }).collect();
        let grid_cells: usize = grids.iter().map(|g| g.cells.len()).sum();

        let (tok_ms, tok_min, tokens) = if is_html && floor {
            let tokens = tokenize(text);
            let t = measure(|| { std::hint::black_box(tokenize(text)); }, runs, budget);
            (median(&t), t.first().copied().unwrap_or(f64::NAN), tokens)
        } else {
            (f64::NAN, f64::NAN, 0)
        };
        let num = |x: f64| if x.is_finite() { format!("{x:.4}") } else { "null".to_string() };
        println!(
            "{{\"file\":{},\"bytes\":{},\"html\":{},\"ok\":{},\"gxbg_ms\":{},\"gxbg_min_ms\":{},\"gxbg_runs\":{},\
             \"tables\":{},\"cells\":{},\"canonical_tables\":{},\"canonical_cells\":{},\
             \"tokenize_ms\":{},\"tokenize_min_ms\":{},\"tokens\":{}}}",
            json_str(f),
            bytes.len(),
            is_html,
            report.is_ok(),
            num(median(&gx)),
            num(gx.first().copied().unwrap_or(f64::NAN)),
            gx.len(),
            grids.len(),
            grid_cells,
            canon_tables,
            canon_cells,
            num(tok_ms),
            num(tok_min),
            tokens
        );
    }
}

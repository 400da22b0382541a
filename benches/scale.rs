//! Time and peak memory of `parse_bytes` against input size, 10 KB to 50 MB.
//!
//! ```text
//! cargo bench -p gxbg --bench scale                    # the whole series (about a minute)
//! cargo bench -p gxbg --bench scale -- --max-mb 5      # stop at 5 MB
//! cargo bench -p gxbg --bench scale -- --json out.json # also write the rows as JSON
//! ```
//!
//! Inputs are synthesised from the repository's pages: `html` is a report page whose body
//! (`tests/fixtures/html/wrong-total.html`: paragraphs and the three tables) is repeated
//! until the size is reached — from one report page to a page with thousands of tables
//! and megabytes of text; `text` is a text extraction (`tests/seeds/004…txt`) repeated the
//! same way. Each size runs in a child process of this binary, so that its peak resident
//! memory (`VmHWM` of `/proc/self/status`, Linux) is its own: the child reports the
//! resident size before parsing (the input is built by then) and the peak after.
//! Prints one row per input: bytes, median time, MB/s, ms per MB, peak RSS and the peak
//! above the resident size before parsing, per MB of input.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const SIZES: &[usize] = &[10_000, 100_000, 1_000_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// An input of about `size` bytes (at least one unit).
fn synthesise(kind: &str, size: usize) -> Vec<u8> {
    match kind {
        "html" => {
            let page = std::fs::read_to_string(root().join("tests/fixtures/html/wrong-total.html")).unwrap_or_default();
            let lower = page.to_ascii_lowercase();
            let body = match (lower.find("<body"), lower.rfind("</body>")) {
                (Some(b), Some(e)) if b < e => {
                    let open_end = lower[b..].find('>').map(|i| b + i + 1).unwrap_or(b);
                    &page[open_end..e]
                }
                _ => page.as_str(),
            };
            let head = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
                        <title>2023年政府信息公开工作年度报告</title></head><body>";
            let tail = "</body></html>";
            let mut s = String::with_capacity(size + body.len() + 200);
            s.push_str(head);
            loop {
                s.push_str(body);
                s.push('\n');
                if s.len() + tail.len() >= size {
                    break;
                }
            }
            s.push_str(tail);
            s.into_bytes()
        }
        _ => {
            let unit = std::fs::read_to_string(root().join("tests/seeds/004_4b8e8d36037636b6.txt")).unwrap_or_default();
            let mut s = String::with_capacity(size + unit.len() + 2);
            loop {
                s.push_str(&unit);
                s.push_str("\n\n");
                if s.len() >= size || unit.is_empty() {
                    break;
                }
            }
            s.into_bytes()
        }
    }
}

/// `VmRSS` and `VmHWM` of this process in bytes (0 where /proc is not there).
fn rss() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
            .map(|kb| kb * 1024)
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// The child: synthesise, parse `runs` times, print one JSON line.
fn child(kind: &str, size: usize, runs: usize) {
    let input = synthesise(kind, size);
    let (rss_before, _) = rss();
    let opts = gxbg::Options::default();
    let mut times = Vec::new();
    let mut summary = (false, 0usize, 0usize, 0usize);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let r = gxbg::parse_bytes(&input, &opts);
        times.push(t.elapsed().as_secs_f64() * 1e3);
        if let Ok(r) = &r {
            let tables = r.tables.iter().iter().filter(|(_, t)| t.status != gxbg::TableStatus::Missing).count();
            summary = (true, tables, r.figures.len(), r.text.len());
        }
        drop(r);
    }
    let (_, hwm) = rss();
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "{{\"kind\":\"{kind}\",\"bytes\":{},\"runs\":{},\"ms\":{median:.3},\"min_ms\":{:.3},\"rss_before\":{rss_before},\"peak_rss\":{hwm},\"ok\":{},\"tables\":{},\"figures\":{},\"text_bytes\":{}}}",
        input.len(),
        times.len(),
        times[0],
        summary.0,
        summary.1,
        summary.2,
        summary.3
    );
}

fn field(line: &str, name: &str) -> f64 {
    let key = format!("\"{name}\":");
    line.find(&key)
        .map(|i| &line[i + key.len()..])
        .map(|r| r.split([',', '}']).next().unwrap_or(""))
        .and_then(|v| v.trim().parse::<f64>().ok())
        .unwrap_or(f64::NAN)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if args.first().map(String::as_str) == Some("--child") {
        let kind = args.get(1).cloned().unwrap_or_default();
        let size = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(10_000);
        let runs = args.get(3).and_then(|v| v.parse().ok()).unwrap_or(1);
        child(&kind, size, runs);
        return;
    }
    let mut max_mb = f64::INFINITY;
    let mut json_out: Option<String> = None;
    let mut kinds = vec!["html".to_string(), "text".to_string()];
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--max-mb" => max_mb = it.next().and_then(|v| v.parse().ok()).unwrap_or(max_mb),
            "--json" => json_out = it.next().cloned(),
            "--kind" => kinds = it.next().map(|k| vec![k.clone()]).unwrap_or(kinds),
            _ => {} // criterion-style filters and flags are ignored
        }
    }
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("scale: cannot find this executable: {e}");
            std::process::exit(1);
        }
    };
    let mut rows = Vec::new();
    println!(
        "{:<5} {:>11} {:>4} {:>10} {:>8} {:>9} {:>10} {:>10} {:>10}  found",
        "kind", "bytes", "runs", "median ms", "MB/s", "ms/MB", "peak RSS", "peak-base", "extra/MB"
    );
    for kind in &kinds {
        for &size in SIZES {
            if size as f64 / 1e6 > max_mb {
                continue;
            }
            let runs = if size <= 1_000_000 { 7 } else if size <= 10_000_000 { 3 } else { 1 };
            let out = Command::new(&exe).args(["--child", kind, &size.to_string(), &runs.to_string()]).output();
            let line = match out {
                Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_string(),
                Ok(o) => format!("{{\"kind\":\"{kind}\",\"bytes\":{size},\"error\":\"child exited with {}\"}}", o.status),
                Err(e) => format!("{{\"kind\":\"{kind}\",\"bytes\":{size},\"error\":\"{e}\"}}"),
            };
            let bytes = field(&line, "bytes");
            let ms = field(&line, "ms");
            let peak = field(&line, "peak_rss");
            let base = field(&line, "rss_before");
            let mb = bytes / 1e6;
            println!(
                "{:<5} {:>11} {:>4} {:>10.2} {:>8.1} {:>9.2} {:>8.1}MB {:>8.1}MB {:>10.2}  {} tables, {} figures",
                kind,
                bytes,
                field(&line, "runs"),
                ms,
                mb / (ms / 1e3),
                ms / mb,
                peak / 1e6,
                (peak - base) / 1e6,
                (peak - base) / bytes,
                field(&line, "tables"),
                field(&line, "figures"),
            );
            rows.push(line);
        }
    }
    if let Some(p) = json_out {
        let body = format!("[\n{}\n]\n", rows.join(",\n"));
        if let Err(e) = std::fs::write(&p, body) {
            eprintln!("scale: cannot write {p}: {e}");
        }
    }
}

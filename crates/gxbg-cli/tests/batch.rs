//! `gxbg batch` end to end, on the built binary.
//!
//! The corpus is tests/fixtures/batch/corpus (see tests/fixtures/batch/README.md for what
//! is planted where).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_gxbg");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

fn corpus() -> String {
    "tests/fixtures/batch/corpus".to_string()
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("batch-tests").join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

fn gxbg(args: &[&str]) -> Output {
    Command::new(BIN).current_dir(root()).args(args).output().expect("run gxbg")
}

fn read_json(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).expect("summary written")).expect("summary is JSON")
}

fn base(s: &str) -> String {
    s.rsplit('/').next().unwrap_or(s).to_string()
}

fn read_csv(p: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut rd = csv::ReaderBuilder::new().has_headers(true).from_path(p).expect("open csv");
    let header: Vec<String> = rd.headers().expect("header").iter().map(str::to_string).collect();
    let rows: Vec<Vec<String>> =
        rd.records().map(|r| r.expect("complete CSV record").iter().map(str::to_string).collect()).collect();
    (header, rows)
}

#[test]
fn planted_cross_year_findings_and_failures() {
    let d = scratch("planted");
    let out = d.join("out.csv");
    let sum = d.join("summary.json");
    let o = gxbg(&["batch", &corpus(), "-o", out.to_str().unwrap(), "--summary", sum.to_str().unwrap(), "--jobs", "2"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "exit {:?}\n{stderr}", o.status);
    assert!(!stderr.contains("ETA"), "no progress bar when stderr is not a terminal:\n{stderr}");
    assert!(out.exists() && !d.join("out.csv.partial").exists());

    let s = read_json(&sum);
    assert_eq!(s["files"], 8);
    assert_eq!(s["parsed"], 5);
    assert_eq!(s["failed"], 3);
    assert_eq!(s["interrupted"], false);
    assert_eq!(s["output"]["complete"], true);
    assert_eq!(s["formats"]["2019"], 1);
    assert_eq!(s["with_all_tables"], 4);

    // The corrupt files are reported, each with its reason; the rest is parsed.
    let mut failures: Vec<(String, String)> = s["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert!(!f["reason"].as_str().unwrap_or("").is_empty());
            (base(f["source"].as_str().unwrap()), f["code"].as_str().unwrap().to_string())
        })
        .collect();
    failures.sort();
    assert_eq!(
        failures,
        vec![
            ("attachment.pdf".to_string(), "binary".to_string()),
            ("noise.txt".to_string(), "not_text".to_string()),
            ("scan.png".to_string(), "binary".to_string()),
        ]
    );
    assert!(stderr.contains("attachment.pdf"), "{stderr}");

    // Exactly the planted cross-year findings.
    let cy = &s["cross_year"];
    let mut got: Vec<(String, String, String, String)> = cy["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["finding"]["rule"].as_str().unwrap().to_string(),
                f["finding"]["severity"].as_str().unwrap().to_string(),
                base(f["source"].as_str().unwrap()),
                f["other_source"].as_str().map(base).unwrap_or_default(),
            )
        })
        .collect();
    got.sort();
    let want = |r: &str, s: &str, a: &str, b: &str| (r.to_string(), s.to_string(), a.to_string(), b.to_string());
    assert_eq!(
        got,
        vec![
            want("cross_year.carry_over", "error", "xuancheng-2023.txt", "xuancheng-2022.txt"),
            want("cross_year.duplicate", "info", "xuancheng-2023.txt", "jiedu-2023.txt"),
            want("cross_year.format", "warning", "shili-county-2022.txt", ""),
            want("cross_year.in_force", "info", "xuancheng-2023.txt", "xuancheng-2022.txt"),
            want("cross_year.in_force", "warning", "xuancheng-2023.txt", "xuancheng-2022.txt"),
        ]
    );
    let carry =
        cy["findings"].as_array().unwrap().iter().find(|f| f["finding"]["rule"] == "cross_year.carry_over").unwrap();
    let cells: Vec<&str> = carry["finding"]["cells"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    let a = "tests/fixtures/batch/corpus/xuancheng/xuancheng-2023.txt";
    let b = "tests/fixtures/batch/corpus/xuancheng/xuancheng-2022.txt";
    assert_eq!(
        cells,
        vec![
            format!("{a}#requests.carried_over.natural_person"),
            format!("{b}#requests.carried_forward.natural_person"),
            format!("{a}#requests.carried_over.total"),
            format!("{b}#requests.carried_forward.total"),
        ]
    );
    let msg = carry["finding"]["message"].as_str().unwrap();
    assert!(msg.contains(a) && msg.contains(b), "{msg}");
    assert_eq!((carry["year"].as_i64(), carry["other_year"].as_i64()), (Some(2023), Some(2022)));
    assert_eq!(carry["publisher"], "宣城市人民政府");
    // 2023 → 2024 holds; 2022 → 2023 does not.
    assert_eq!(cy["evaluated"]["cross_year.carry_over"]["evaluated"], 2);
    assert_eq!(cy["evaluated"]["cross_year.carry_over"]["holds"], 1);
    assert_eq!(cy["evaluated"]["cross_year.in_force"]["evaluated"], 4);
    assert_eq!(cy["evaluated"]["cross_year.in_force"]["holds"], 2);
    assert_eq!(cy["publishers"], 2);
}

#[test]
fn csv_round_trips_and_equals_parse_csv() {
    let d = scratch("csv");
    let out = d.join("out.csv");
    let sum = d.join("summary.json");
    let o = gxbg(&["batch", &corpus(), "-o", out.to_str().unwrap(), "--summary", sum.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (header, rows) = read_csv(&out);
    assert_eq!(header, ["source", "table", "row", "column", "value", "raw", "state"]);
    assert!(rows.iter().all(|r| r.len() == 7));
    let s = read_json(&sum);
    assert_eq!(rows.len() as u64, s["output"]["rows"].as_u64().unwrap());
    // A planted value reads back.
    assert!(rows.iter().any(|r| base(&r[0]) == "xuancheng-2023.txt"
        && r[1] == "requests"
        && r[2] == "carried_over"
        && r[3] == "natural_person"
        && r[4] == "12"
        && r[6] == "value"));
    // Sources appear in input order (folders walked sorted by path), each in one run.
    let mut order: Vec<String> = Vec::new();
    for r in &rows {
        if order.last() != Some(&r[0]) {
            assert!(!order.contains(&r[0]), "rows of {} are not contiguous", r[0]);
            order.push(r[0].clone());
        }
    }
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    // The same bytes as `gxbg parse --format csv` of the files that parse, in that order.
    let parsed = [
        "shili-county-2022.txt",
        "xuancheng/jiedu-2023.txt",
        "xuancheng/xuancheng-2022.txt",
        "xuancheng/xuancheng-2023.txt",
        "xuancheng/xuancheng-2024.txt",
    ]
    .map(|f| format!("{}/{f}", corpus()));
    let mut args = vec!["parse", "--format", "csv"];
    args.extend(parsed.iter().map(String::as_str));
    let p = gxbg(&args);
    assert!(p.status.success());
    assert_eq!(std::fs::read(&out).unwrap(), p.stdout);
    // stdout CSV without -o is the same.
    let o = gxbg(&["batch", &corpus(), "--no-cross-year"]);
    assert_eq!(o.stdout, p.stdout);
}

#[test]
fn output_does_not_depend_on_jobs_and_jsonl_lines_are_reports() {
    let d = scratch("jobs");
    let mut outs = Vec::new();
    for jobs in ["1", "2", "4"] {
        let out = d.join(format!("out-{jobs}.jsonl"));
        let o = gxbg(&["batch", &corpus(), "-o", out.to_str().unwrap(), "-j", jobs, "--no-cross-year"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        outs.push(std::fs::read_to_string(&out).unwrap());
    }
    assert_eq!(outs[0], outs[1]);
    assert_eq!(outs[0], outs[2]);
    let lines: Vec<Value> = outs[0].lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    assert_eq!(lines.len(), 5);
    assert!(lines.iter().all(|l| l["source"].is_string() && l["tables"]["requests"].is_object()));
}

#[test]
fn globs_flags_and_bad_arguments() {
    let d = scratch("flags");
    let sum = d.join("s.json");
    // A quoted glob is expanded by gxbg; a path that names nothing is a failure, not a stop.
    let pattern = format!("{}/*.txt", corpus());
    let o = gxbg(&["batch", &pattern, "no/such/file.html", "--no-cross-year", "--summary", sum.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = read_json(&sum);
    assert_eq!(s["parsed"], 1); // shili-county-2022.txt; noise.txt fails
    assert_eq!(s["failures_by_code"]["not_found"], 1);
    assert!(s["cross_year"].is_null());
    // --ext filters walked folders.
    let o = gxbg(&["batch", &corpus(), "--ext", "pdf,png", "--summary", sum.to_str().unwrap()]);
    assert!(o.status.success());
    let s = read_json(&sum);
    assert_eq!((s["files"].as_u64(), s["parsed"].as_u64()), (Some(2), Some(0)));
    // An output whose extension says no format, a missing publisher map, no input: exit 1.
    assert_eq!(gxbg(&["batch", &corpus(), "-o", d.join("x.json").to_str().unwrap()]).status.code(), Some(1));
    assert_eq!(gxbg(&["batch", &corpus(), "--publishers", "no/such.tsv"]).status.code(), Some(1));
    let empty = d.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    assert_eq!(gxbg(&["batch", empty.to_str().unwrap()]).status.code(), Some(1));
}

#[test]
fn publisher_map_overrides_names() {
    let d = scratch("map");
    let map = d.join("map.tsv");
    std::fs::write(&map, "# test map\nxuancheng/\t宣城（映射）\n").unwrap();
    let sum = d.join("s.json");
    let o = gxbg(&["batch", &corpus(), "--publishers", map.to_str().unwrap(), "--summary", sum.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = read_json(&sum);
    let f = s["cross_year"]["findings"].as_array().unwrap();
    assert!(f
        .iter()
        .filter(|f| f["source"].as_str().unwrap().contains("xuancheng/"))
        .all(|f| f["publisher"] == "宣城（映射）"));
    assert_eq!(f.len(), 5);
    // The example map in the repository is valid.
    let o = gxbg(&["batch", &corpus(), "--publishers", "examples/publisher-map.example.tsv", "--no-progress"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A corpus big enough that a run takes seconds in a debug build.
fn big_corpus(d: &Path, n: usize) -> Vec<PathBuf> {
    let src = std::fs::read(root().join("tests/fixtures/batch/corpus/xuancheng/xuancheng-2023.txt")).unwrap();
    let dir = d.join("in");
    std::fs::create_dir_all(&dir).unwrap();
    (0..n)
        .map(|i| {
            let p = dir.join(format!("r{i:04}.txt"));
            std::fs::write(&p, &src).unwrap();
            p
        })
        .collect()
}

/// Wait until the file has more than its header (a chunk was written), or give up.
fn wait_for_rows(p: &Path, child: &mut std::process::Child) -> bool {
    let t0 = Instant::now();
    while t0.elapsed() < Duration::from_secs(60) {
        if std::fs::metadata(p).map(|m| m.len() > 100).unwrap_or(false) {
            return true;
        }
        if let Ok(Some(_)) = child.try_wait() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

#[cfg(unix)]
#[test]
fn interrupted_run_leaves_a_loadable_prefix() {
    let d = scratch("interrupt");
    let files = big_corpus(&d, 400);
    let out = d.join("out.csv");
    let partial = d.join("out.csv.partial");
    let sum = d.join("s.json");
    let mut child = Command::new(BIN)
        .args(["batch", d.join("in").to_str().unwrap(), "-o", out.to_str().unwrap(), "-j", "1"])
        .args(["--summary", sum.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    assert!(wait_for_rows(&partial, &mut child), "no chunk written before the run ended");
    let k = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(k.success());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(130), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!out.exists(), "an interrupted run is not renamed to the final name");
    let s = read_json(&sum);
    assert_eq!(s["interrupted"], true);
    assert_eq!(s["output"]["complete"], false);
    let parsed = s["parsed"].as_u64().unwrap() as usize;
    assert!(parsed > 0 && parsed < files.len(), "parsed {parsed}");
    assert_eq!(s["not_processed"].as_u64().unwrap() as usize, files.len() - parsed);
    // The partial output loads, and holds exactly the first `parsed` files, complete.
    let (header, rows) = read_csv(&partial);
    assert_eq!(header.len(), 7);
    assert_eq!(rows.len() as u64, s["output"]["rows"].as_u64().unwrap());
    let mut sources: Vec<String> = rows.iter().map(|r| r[0].clone()).collect();
    sources.dedup();
    let want: Vec<String> = files[..parsed].iter().map(|p| p.display().to_string()).collect();
    assert_eq!(sources, want);
    let per_file = rows.len() / parsed;
    assert_eq!(rows.len(), per_file * parsed, "every file has all its rows");
}

#[cfg(unix)]
#[test]
fn killed_run_leaves_complete_lines() {
    let d = scratch("kill");
    big_corpus(&d, 400);
    let out = d.join("out.jsonl");
    let partial = d.join("out.jsonl.partial");
    let mut child = Command::new(BIN)
        .args(["batch", d.join("in").to_str().unwrap(), "-o", out.to_str().unwrap(), "-j", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    assert!(wait_for_rows(&partial, &mut child), "no chunk written before the run ended");
    child.kill().unwrap(); // SIGKILL: no handler runs
    let _ = child.wait();
    // The kernel may stop a write at a page boundary when SIGKILL arrives during it (this test
    // kills as soon as the first chunk starts to appear, so it often does): what is promised
    // is complete lines up to the last newline, and nothing but a cut last line after it.
    let bytes = std::fs::read(&partial).unwrap();
    let end = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let text = std::str::from_utf8(&bytes[..end]).expect("complete lines are UTF-8");
    let mut n = 0;
    for l in text.lines() {
        let v: Value = serde_json::from_str(l).expect("a complete JSON line");
        assert!(v["source"].is_string());
        n += 1;
    }
    assert!(n > 0 || end < bytes.len());
    assert!(!out.exists());
}

/// Run gxbg with stdout going to `out`, killed (and the test failed) if it has not ended
/// within 60 s.
#[cfg(unix)]
fn run_to(args: &[&str], out: std::fs::File) -> Output {
    let mut child = Command::new(BIN)
        .current_dir(root())
        .args(args)
        .stdout(out)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if t0.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("gxbg {args:?} did not end within 60 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

/// An output that refuses the very first write (the header) ends the run at once, with the
/// error: nothing is parsed for nobody to read. (The writer once waited for parsed chunks
/// from a parser thread that was never started.)
#[cfg(target_os = "linux")]
#[test]
fn output_refusing_the_header_ends_the_run() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let o = run_to(&["batch", &corpus(), "--no-progress"], full);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("No space left on device"), "{err}");
    assert!(err.contains("0 parsed"), "{err}");
}

/// Every file's rows reach the output, in input order, with several chunks in flight (the
/// writer takes chunk n while the parser threads parse chunk n + 1).
#[test]
fn many_chunks_arrive_whole_and_in_order() {
    let d = scratch("chunks");
    let files = big_corpus(&d, 150);
    let out = d.join("out.csv");
    let o = gxbg(&["batch", d.join("in").to_str().unwrap(), "-o", out.to_str().unwrap(), "-j", "2", "--no-cross-year"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (_, rows) = read_csv(&out);
    let mut sources: Vec<String> = rows.iter().map(|r| r[0].clone()).collect();
    sources.dedup();
    let want: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(sources, want);
    assert_eq!(rows.len() % files.len(), 0);
}

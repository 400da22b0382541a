//! `gxbg batch`: a corpus in one command.
//!
//! Walks folders (recursively, sorted by name) and globs, parses the files in parallel
//! (rayon, `--jobs` threads), writes one tidy CSV or JSONL in input order, and prints a
//! summary (with the cross-year checks of [`gxbg::crossyear`]) on stderr and, with
//! `--summary FILE`, as JSON.
//!
//! ## Order and memory
//! Inputs are taken in argument order; each folder or glob contributes its files sorted by
//! path; a file named twice is parsed once. Files are parsed in chunks of a few dozen: a
//! chunk is parsed in parallel, then written in input order, so the output is the same for
//! any `--jobs`, and only one chunk of full reports is in memory at a time (plus, for the
//! cross-year checks, a slim copy of each report: [`gxbg::crossyear::slim`]).
//!
//! ## Interruption
//! The output is written to `OUT.partial` and renamed to `OUT` when the run completes.
//! After each chunk the rows are flushed and synced, so `OUT.partial` always holds the
//! header and complete rows (CSV) or complete lines (JSONL) of a prefix of the inputs in
//! input order. Ctrl-C, SIGTERM or SIGHUP stop the run after the chunk being parsed: it is
//! written up to the first file not parsed, the summary (marked `interrupted`) is printed
//! and written, and the output stays at `OUT.partial` — the name tells every later reader
//! that the corpus is incomplete. A second Ctrl-C exits at once; a killed process (SIGKILL,
//! power loss) also leaves `OUT.partial` as of its last completed chunk, except that a kill
//! during the write of a chunk can leave that chunk cut (the kernel may stop a write at a
//! page boundary): every row ends with a newline, so everything up to the last newline is
//! complete rows, and a reader of such a file drops the bytes after it. An older `OUT` is
//! never touched until a new run completes.
//!
//! ## Exit status
//! 0 when the run completed (files that failed are in the summary and do not change it),
//! 1 on a fatal error (bad arguments, no input files, output not writable),
//! 130 when interrupted.

use gxbg::crossyear::{self, PublisherMap};
use gxbg::report::{Severity, TableStatus};
use gxbg::{output, Options, Report};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// Output format of `gxbg batch`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BatchFormat {
    Csv,
    Jsonl,
}

/// Arguments of `gxbg batch`.
#[derive(clap::Args, Debug)]
pub struct BatchArgs {
    /// Files, folders (walked recursively; hidden entries skipped) and glob patterns.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Output file: `.csv` for the tidy CSV, `.jsonl`/`.ndjson` for JSON Lines (one report a
    /// line). Without it (or with `-`) the CSV goes to stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output format, when the extension of -o does not say it (or for stdout).
    #[arg(long, value_enum)]
    pub format: Option<BatchFormat>,
    /// Parser threads (default: the number of cores).
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub jobs: Option<u16>,
    /// Also write the summary as JSON to this file.
    #[arg(long)]
    pub summary: Option<PathBuf>,
    /// Publisher overrides for the cross-year checks: TSV lines `pattern<TAB>publisher`.
    #[arg(long)]
    pub publishers: Option<PathBuf>,
    /// Skip the cross-year checks.
    #[arg(long)]
    pub no_cross_year: bool,
    /// Only files with these extensions from folders and globs (comma-separated, e.g.
    /// `html,htm,txt`); files named one by one are always taken.
    #[arg(long, value_delimiter = ',')]
    pub ext: Vec<String>,
    /// No progress bar (there is none anyway when stderr is not a terminal).
    #[arg(long)]
    pub no_progress: bool,
    /// Keep Traditional characters as they are.
    #[arg(long)]
    pub no_convert: bool,
}

/// One file that could not be parsed.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub source: String,
    /// `gxbg::Error::code()` (`binary`, `not_text`, `not_a_report`, `empty`, `too_large`,
    /// `io`), or `not_found` for an argument that names nothing.
    pub code: String,
    pub reason: String,
}

#[derive(Debug, Default, Serialize)]
struct RuleStats {
    /// Findings of this rule.
    findings: usize,
    /// Reports with at least one.
    reports: usize,
    error: usize,
    warning: usize,
    info: usize,
}

#[derive(Debug, Default, Serialize)]
struct TableStats {
    present: usize,
    present_without_values: usize,
    truncated: usize,
    missing: usize,
}

#[derive(Debug, Default, Serialize)]
struct OutputInfo {
    /// Where the rows are: the final path, `OUT.partial` when the run did not complete, or
    /// `-` for stdout.
    path: String,
    format: Option<BatchFormat>,
    /// CSV rows (without the header) or JSONL lines written.
    rows: u64,
    complete: bool,
    /// The reader of stdout went away before the end (`gxbg batch … | head`).
    closed_by_reader: bool,
}

#[derive(Debug, Default, Serialize)]
struct CrossYearSummary {
    /// Publishers with at least one report placed.
    publishers: usize,
    /// Publishers with reports of two or more years.
    publishers_with_several_years: usize,
    reports_placed: usize,
    unplaced: Vec<crossyear::Unplaced>,
    /// Per rule: comparisons made and how many hold.
    evaluated: BTreeMap<String, crossyear::RuleCount>,
    findings_by_rule: BTreeMap<String, RuleStats>,
    findings: Vec<crossyear::CrossYearFinding>,
}

/// The summary of a run (printed on stderr, written as JSON with `--summary`).
#[derive(Debug, Default, Serialize)]
struct Summary {
    /// Inputs: the files found, plus the arguments that name nothing (counted as failed).
    files: usize,
    parsed: usize,
    failed: usize,
    /// Files not reached because the run was interrupted or the output closed.
    not_processed: usize,
    interrupted: bool,
    elapsed_seconds: f64,
    files_per_second: f64,
    jobs: usize,
    output: OutputInfo,
    /// Parsed reports per format (`2019`, `2021`, `none`).
    formats: BTreeMap<String, usize>,
    /// Parsed reports per input kind (`html`, `text`).
    inputs: BTreeMap<String, usize>,
    /// Reports with at least one canonical table found (not `missing`).
    with_tables: usize,
    /// Reports with all three tables found.
    with_all_tables: usize,
    /// Per table: how many reports have it in each status.
    tables: BTreeMap<String, TableStats>,
    /// Reports with at least one finding.
    with_findings: usize,
    findings_by_rule: BTreeMap<String, RuleStats>,
    failures_by_code: BTreeMap<String, usize>,
    failures: Vec<Failure>,
    /// Absent with `--no-cross-year`.
    cross_year: Option<CrossYearSummary>,
}

impl Summary {
    fn add_report(&mut self, r: &Report) {
        self.parsed += 1;
        *self.formats.entry(r.format.as_str().to_string()).or_default() += 1;
        *self.inputs.entry(r.input.clone()).or_default() += 1;
        let mut found = 0;
        for (k, t) in r.tables.iter() {
            let s = self.tables.entry(k.to_string()).or_default();
            match t.status {
                TableStatus::Present => s.present += 1,
                TableStatus::PresentWithoutValues => s.present_without_values += 1,
                TableStatus::Truncated => s.truncated += 1,
                TableStatus::Missing => s.missing += 1,
            }
            if t.status != TableStatus::Missing {
                found += 1;
            }
        }
        self.with_tables += usize::from(found > 0);
        self.with_all_tables += usize::from(found == 3);
        self.with_findings += usize::from(!r.findings.is_empty());
        add_findings(&mut self.findings_by_rule, r.findings.iter());
    }

    fn add_failure(&mut self, f: Failure) {
        self.failed += 1;
        *self.failures_by_code.entry(f.code.clone()).or_default() += 1;
        self.failures.push(f);
    }
}

/// Count findings per rule; `reports` counts each distinct report once per rule (callers
/// pass the findings of one report at a time).
fn add_findings<'a>(by_rule: &mut BTreeMap<String, RuleStats>, findings: impl Iterator<Item = &'a gxbg::Finding>) {
    let mut seen: HashSet<&str> = HashSet::new();
    for f in findings {
        let s = by_rule.entry(f.rule.to_string()).or_default();
        s.findings += 1;
        match f.severity {
            Severity::Error => s.error += 1,
            Severity::Warning => s.warning += 1,
            Severity::Info => s.info += 1,
        }
        if seen.insert(&f.rule) {
            s.reports += 1;
        }
    }
}

/// The result of one file.
enum Outcome {
    Parsed(Box<Parsed>),
    Failed(Failure),
    /// Not parsed: the run was interrupted first.
    Skipped,
}

/// A parsed file, with what the writing thread needs from it prepared by the parser thread:
/// the report's output serialised, and its slim copy for the cross-year checks. (Done on the
/// writing thread, this work left the parser threads idle: a sixth of a batch's time.)
struct Parsed {
    report: Report,
    /// The report's CSV rows (no header) or its JSON line.
    out: Vec<u8>,
    /// Output rows: CSV lines, or 1 for a JSON line.
    rows: u64,
    /// Why the output could not be written, if it could not.
    out_error: Option<String>,
    /// [`crossyear::slim`] of the report, unless the cross-year checks are off.
    slim: Option<Report>,
}

impl Parsed {
    fn new(report: Report, format: BatchFormat, cross_year: bool) -> Parsed {
        let mut out = Vec::new();
        let mut out_error = None;
        let rows = match format {
            BatchFormat::Csv => output::write_csv(&mut out, &[&report], false).unwrap_or_else(|e| {
                out_error = Some(format!("writing CSV: {e}"));
                0
            }),
            BatchFormat::Jsonl => {
                out.extend_from_slice(output::to_json_line(&report).as_bytes());
                out.push(b'\n');
                1
            }
        };
        let slim = cross_year.then(|| crossyear::slim(&report));
        Parsed { report, out, rows, out_error, slim }
    }
}

/// Where rows go.
enum Sink {
    Stdout(std::io::Stdout),
    File { file: File, partial: PathBuf, target: PathBuf },
}

impl Sink {
    /// Write one chunk's bytes and push them out (flush, and sync for files).
    fn write_chunk(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Stdout(s) => {
                let mut l = s.lock();
                l.write_all(bytes)?;
                l.flush()
            }
            Sink::File { file, .. } => {
                file.write_all(bytes)?;
                file.flush()?;
                file.sync_data()
            }
        }
    }
}

fn fatal(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("gxbg batch: {msg}");
    ExitCode::from(1)
}

fn has_glob_chars(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

fn is_hidden(e: &walkdir::DirEntry) -> bool {
    e.depth() > 0 && e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
}

fn ext_ok(p: &Path, exts: &[String]) -> bool {
    if exts.is_empty() {
        return true;
    }
    let e = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    exts.iter().any(|x| x.trim_start_matches('.').eq_ignore_ascii_case(&e))
}

/// Files of a folder, recursively, sorted by path.
fn walk(dir: &Path, exts: &[String], out: &mut Vec<PathBuf>, failures: &mut Vec<Failure>) {
    let it = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter();
    for e in it.filter_entry(|e| !is_hidden(e)) {
        match e {
            Ok(e) if e.file_type().is_file() => {
                if ext_ok(e.path(), exts) {
                    out.push(e.path().to_path_buf());
                }
            }
            Ok(_) => {}
            Err(err) => failures.push(Failure {
                source: err.path().map(|p| p.display().to_string()).unwrap_or_else(|| dir.display().to_string()),
                code: "io".into(),
                reason: err.to_string(),
            }),
        }
    }
}

/// Expand the arguments into the list of files, in input order, each once.
fn collect_inputs(args: &[String], exts: &[String], exclude: &[PathBuf]) -> (Vec<PathBuf>, Vec<Failure>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for a in args {
        let p = Path::new(a);
        if p.is_dir() {
            walk(p, exts, &mut files, &mut failures);
        } else if p.exists() {
            files.push(p.to_path_buf());
        } else if has_glob_chars(a) {
            match glob::glob(a) {
                Ok(paths) => {
                    let mut matched: Vec<PathBuf> = Vec::new();
                    for m in paths {
                        match m {
                            Ok(m) => matched.push(m),
                            Err(e) => failures.push(Failure {
                                source: e.path().display().to_string(),
                                code: "io".into(),
                                reason: e.error().to_string(),
                            }),
                        }
                    }
                    matched.sort();
                    if matched.is_empty() {
                        failures.push(Failure {
                            source: a.clone(),
                            code: "not_found".into(),
                            reason: "the pattern matches no file".into(),
                        });
                    }
                    for m in matched {
                        if m.is_dir() {
                            walk(&m, exts, &mut files, &mut failures);
                        } else if ext_ok(&m, exts) {
                            files.push(m);
                        }
                    }
                }
                Err(e) => failures.push(Failure {
                    source: a.clone(),
                    code: "not_found".into(),
                    reason: format!("bad pattern: {e}"),
                }),
            }
        } else {
            failures.push(Failure {
                source: a.clone(),
                code: "not_found".into(),
                reason: "no such file or folder".into(),
            });
        }
    }
    let excluded: HashSet<PathBuf> = exclude.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let mut seen = HashSet::new();
    files.retain(|f| {
        let canon = f.canonicalize().unwrap_or_else(|_| f.clone());
        !excluded.contains(&canon) && seen.insert(canon)
    });
    (files, failures)
}

fn parse_path(path: &Path, convert: bool, format: BatchFormat, cross_year: bool) -> Outcome {
    let source = path.display().to_string();
    let opts = Options { convert_traditional: convert, source: Some(source.clone()), ..Options::default() };
    let fail =
        |code: &str, reason: String| Outcome::Failed(Failure { source: source.clone(), code: code.into(), reason });
    match std::fs::metadata(path) {
        Ok(m) if m.len() > opts.max_bytes as u64 => {
            let e =
                gxbg::Error::TooLarge { size: usize::try_from(m.len()).unwrap_or(usize::MAX), limit: opts.max_bytes };
            return fail(e.code(), e.to_string());
        }
        Ok(_) => {}
        Err(e) => return fail("io", format!("cannot read: {e}")),
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return fail("io", format!("cannot read: {e}")),
    };
    // A parser bug must not stop the batch: a panic (parsing, or writing the report's rows)
    // is reported as this file's failure.
    match std::panic::catch_unwind(|| gxbg::parse_bytes(&bytes, &opts).map(|r| Parsed::new(r, format, cross_year))) {
        Ok(Ok(p)) => Outcome::Parsed(Box::new(p)),
        Ok(Err(e)) => fail(e.code(), e.to_string()),
        Err(_) => fail("panic", "the parser panicked on this file (a bug: please report it)".into()),
    }
}

fn format_of(args: &BatchArgs) -> Result<BatchFormat, String> {
    if let Some(f) = args.format {
        return Ok(f);
    }
    match &args.output {
        None => Ok(BatchFormat::Csv),
        Some(p) if p.as_os_str() == "-" => Ok(BatchFormat::Csv),
        Some(p) => match p.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).as_deref() {
            Some("csv") => Ok(BatchFormat::Csv),
            Some("jsonl") | Some("ndjson") => Ok(BatchFormat::Jsonl),
            _ => Err(format!(
                "cannot tell the output format from {:?}: name it .csv or .jsonl, or give --format",
                p.display().to_string()
            )),
        },
    }
}

fn partial_path(p: &Path) -> PathBuf {
    let mut s = p.as_os_str().to_os_string();
    s.push(".partial");
    PathBuf::from(s)
}

/// Run `gxbg batch`.
pub fn run(args: BatchArgs) -> ExitCode {
    let t0 = Instant::now();
    let format = match format_of(&args) {
        Ok(f) => f,
        Err(e) => return fatal(e),
    };
    let overrides = match &args.publishers {
        None => None,
        Some(p) => match std::fs::read_to_string(p).map_err(|e| e.to_string()).and_then(|t| PublisherMap::from_tsv(&t))
        {
            Ok(m) => Some(m),
            Err(e) => return fatal(format!("{}: {e}", p.display())),
        },
    };
    let jobs = args
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(p) => p,
        Err(e) => return fatal(format!("cannot start {jobs} threads: {e}")),
    };

    let to_stdout = args.output.as_ref().map_or(true, |p| p.as_os_str() == "-");
    let mut exclude = Vec::new();
    if let Some(o) = args.output.as_ref().filter(|_| !to_stdout) {
        exclude.push(o.clone());
        exclude.push(partial_path(o));
    }
    if let Some(s) = &args.summary {
        exclude.push(s.clone());
    }
    let (files, arg_failures) = collect_inputs(&args.paths, &args.ext, &exclude);
    let mut summary = Summary { files: files.len() + arg_failures.len(), jobs, ..Summary::default() };
    for f in arg_failures {
        summary.add_failure(f);
    }
    if files.is_empty() {
        print_summary(&summary);
        return fatal("no input files");
    }

    let mut sink = if to_stdout {
        Sink::Stdout(std::io::stdout())
    } else {
        let target = args.output.clone().unwrap_or_default();
        let partial = partial_path(&target);
        match File::create(&partial) {
            Ok(file) => Sink::File { file, partial, target },
            Err(e) => return fatal(format!("cannot create {}: {e}", partial.display())),
        }
    };
    summary.output = OutputInfo {
        path: match &sink {
            Sink::Stdout(_) => "-".into(),
            Sink::File { partial, .. } => partial.display().to_string(),
        },
        format: Some(format),
        rows: 0,
        complete: false,
        closed_by_reader: false,
    };

    // Ctrl-C / SIGTERM / SIGHUP: finish the chunk being parsed, then stop. A second one exits.
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        let _ = ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    }

    let pb = if !args.no_progress && std::io::stderr().is_terminal() {
        let pb = ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files  {per_sec:1}  ETA {eta}  {msg}",
        ) {
            pb.set_style(style);
        }
        pb
    } else {
        ProgressBar::hidden()
    };

    // The first write error, and whether it is a closed pipe (`gxbg batch … | head`).
    let mut write_error: Option<(String, bool)> = None;
    let werr = |e: std::io::Error| Some((e.to_string(), e.kind() == std::io::ErrorKind::BrokenPipe));
    if format == BatchFormat::Csv {
        let mut head = Vec::new();
        if let Err(e) = output::write_csv(&mut head, &[], true) {
            return fatal(format!("writing CSV: {e}"));
        }
        if let Err(e) = sink.write_chunk(&head) {
            write_error = werr(e);
        }
    }

    let chunk_size = (jobs * 8).clamp(16, 256);
    let mut slims: Vec<Report> = Vec::new();
    let mut processed = 0usize;
    let convert = !args.no_convert;
    let cross_year = !args.no_cross_year;
    // Chunks are parsed on the pool by a feeder thread while this thread writes the chunk
    // before: the parser threads do not wait for the writing. The channel holds nothing (a
    // hand-over), so at most two chunks are held at once, the one being written and the next
    // one. The feeder stops when this thread stops reading (a write error, an interruption),
    // after the chunk it is parsing.
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Outcome>>(0);
        // No feeder when the header could not be written: `tx` is dropped here, so the loop
        // below ends at once.
        if let Some(tx) = write_error.is_none().then_some(tx) {
            let (pool, pb, stop, files) = (&pool, &pb, &stop, &files);
            scope.spawn(move || {
                for chunk in files.chunks(chunk_size) {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let outcomes: Vec<Outcome> = pool.install(|| {
                        chunk
                            .par_iter()
                            .map(|p| {
                                if stop.load(Ordering::SeqCst) {
                                    return Outcome::Skipped;
                                }
                                let o = parse_path(p, convert, format, cross_year);
                                pb.inc(1);
                                o
                            })
                            .collect()
                    });
                    if tx.send(outcomes).is_err() {
                        break;
                    }
                }
            });
        }
        for outcomes in rx {
            let mut buf: Vec<u8> = Vec::new();
            let mut rows = 0u64;
            let mut cut = false;
            for o in outcomes {
                match o {
                    Outcome::Parsed(p) => {
                        let Parsed { report, out, rows: n, out_error, slim } = *p;
                        if let Some(e) = out_error {
                            write_error.get_or_insert((e, false));
                        }
                        buf.extend_from_slice(&out);
                        rows += n;
                        summary.add_report(&report);
                        slims.extend(slim);
                    }
                    Outcome::Failed(f) => {
                        pb.set_message(format!("{} failed", summary.failed + 1));
                        summary.add_failure(f);
                    }
                    Outcome::Skipped => {
                        cut = true;
                        break;
                    }
                }
                processed += 1;
            }
            if let Err(e) = sink.write_chunk(&buf) {
                write_error = werr(e);
                break;
            }
            summary.output.rows += rows;
            if cut || write_error.is_some() {
                break;
            }
        }
    });
    pb.finish_and_clear();

    summary.not_processed = files.len().saturating_sub(processed);
    summary.interrupted = stop.load(Ordering::SeqCst) && summary.not_processed > 0;

    if !args.no_cross_year {
        let refs: Vec<&Report> = slims.iter().collect();
        let cy = crossyear::analyse(&refs, overrides.as_ref());
        let mut s = CrossYearSummary {
            publishers: cy.groups.len(),
            publishers_with_several_years: cy.groups.iter().filter(|g| g.years.len() > 1).count(),
            reports_placed: cy.groups.iter().map(|g| g.years.len()).sum(),
            unplaced: cy.unplaced,
            evaluated: cy.evaluated,
            ..CrossYearSummary::default()
        };
        // Count per rule; `reports` counts the report each finding is about.
        for f in &cy.findings {
            let st = s.findings_by_rule.entry(f.finding.rule.to_string()).or_default();
            st.findings += 1;
            match f.finding.severity {
                Severity::Error => st.error += 1,
                Severity::Warning => st.warning += 1,
                Severity::Info => st.info += 1,
            }
        }
        for (rule, st) in s.findings_by_rule.iter_mut() {
            let sources: HashSet<&str> =
                cy.findings.iter().filter(|f| &f.finding.rule == rule).map(|f| f.source.as_str()).collect();
            st.reports = sources.len();
        }
        s.findings = cy.findings;
        summary.cross_year = Some(s);
    }

    let complete = write_error.is_none() && summary.not_processed == 0;
    if let Sink::File { file, partial, target } = sink {
        drop(file);
        if complete {
            match std::fs::rename(&partial, &target) {
                Ok(()) => summary.output.path = target.display().to_string(),
                Err(e) => {
                    write_error =
                        Some((format!("cannot rename {} to {}: {e}", partial.display(), target.display()), false))
                }
            }
        }
    }
    summary.output.complete = complete && write_error.is_none();
    summary.output.closed_by_reader = matches!(write_error, Some((_, true)));
    let secs = t0.elapsed().as_secs_f64();
    summary.elapsed_seconds = (secs * 1000.0).round() / 1000.0;
    summary.files_per_second = if secs > 0.0 { ((processed as f64 / secs) * 10.0).round() / 10.0 } else { 0.0 };

    print_summary(&summary);
    if let Some(path) = &args.summary {
        let json = serde_json::to_string_pretty(&summary).unwrap_or_default();
        if let Err(e) = std::fs::write(path, json + "\n") {
            return fatal(format!("cannot write the summary to {}: {e}", path.display()));
        }
    }
    match write_error {
        // The reader went away (`| head`): not an error of ours.
        Some((_, true)) => {}
        Some((e, false)) => return fatal(format!("output: {e}")),
        None => {}
    }
    if summary.interrupted {
        return ExitCode::from(130);
    }
    ExitCode::SUCCESS
}

/// How many failures and cross-year findings are listed on stderr (all are in `--summary`).
const STDERR_LIST: usize = 20;

fn sev(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn print_summary(s: &Summary) {
    let mut e = std::io::stderr().lock();
    let _ = writeln!(
        e,
        "gxbg batch: {} files in {:.1} s ({} files/s, {} threads): {} parsed, {} failed{}",
        s.files,
        s.elapsed_seconds,
        s.files_per_second,
        s.jobs,
        s.parsed,
        s.failed,
        if s.not_processed > 0 { format!(", {} not processed", s.not_processed) } else { String::new() }
    );
    if s.interrupted {
        let _ = writeln!(e, "  INTERRUPTED: the output holds the files before the first one not processed");
    }
    if s.parsed > 0 {
        let join =
            |m: &BTreeMap<String, usize>| m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ");
        let _ = writeln!(e, "  formats: {}; inputs: {}", join(&s.formats), join(&s.inputs));
        let tables: Vec<String> = s
            .tables
            .iter()
            .map(|(k, t)| format!("{k} {}", t.present + t.present_without_values + t.truncated))
            .collect();
        let _ = writeln!(
            e,
            "  with tables: {} (all three: {}); found per table: {}",
            s.with_tables,
            s.with_all_tables,
            tables.join(", ")
        );
        let rules: Vec<String> = s.findings_by_rule.iter().map(|(k, v)| format!("{k} {}", v.findings)).collect();
        let _ = writeln!(
            e,
            "  with findings: {}{}{}",
            s.with_findings,
            if rules.is_empty() { "" } else { "; by rule: " },
            rules.join(", ")
        );
    }
    if s.failed > 0 {
        let codes: Vec<String> = s.failures_by_code.iter().map(|(k, v)| format!("{k} {v}")).collect();
        let _ = writeln!(e, "  failed: {}", codes.join(", "));
        for f in s.failures.iter().take(STDERR_LIST) {
            let _ = writeln!(e, "    {}: {}", f.source, f.reason);
        }
        if s.failures.len() > STDERR_LIST {
            let _ = writeln!(e, "    … and {} more (all in --summary)", s.failures.len() - STDERR_LIST);
        }
    }
    if let Some(cy) = &s.cross_year {
        let ev: Vec<String> = cy
            .evaluated
            .iter()
            .map(|(k, v)| format!("{} {}/{} hold", k.trim_start_matches("cross_year."), v.holds, v.evaluated))
            .collect();
        let _ = writeln!(
            e,
            "  cross-year: {} publishers ({} with several years), {} reports placed, {} unplaced; {}",
            cy.publishers,
            cy.publishers_with_several_years,
            cy.reports_placed,
            cy.unplaced.len(),
            ev.join(", ")
        );
        let rules: Vec<String> = cy.findings_by_rule.iter().map(|(k, v)| format!("{k} {}", v.findings)).collect();
        if !rules.is_empty() {
            let _ = writeln!(e, "    findings: {}", rules.join(", "));
        }
        // Errors first, then warnings, then info; otherwise in publisher and year order.
        let mut listed: Vec<&crossyear::CrossYearFinding> = cy.findings.iter().collect();
        listed.sort_by_key(|f| std::cmp::Reverse(f.finding.severity));
        for f in listed.into_iter().take(STDERR_LIST) {
            let _ = writeln!(e, "    {} [{}] {}", sev(f.finding.severity), f.finding.rule, f.finding.message);
        }
        if cy.findings.len() > STDERR_LIST {
            let _ = writeln!(e, "    … and {} more (all in --summary)", cy.findings.len() - STDERR_LIST);
        }
    }
    let _ = writeln!(
        e,
        "  output: {} ({} {}){}",
        s.output.path,
        s.output.rows,
        if s.output.format == Some(BatchFormat::Jsonl) { "lines" } else { "rows" },
        if s.output.closed_by_reader {
            " — closed by the reader"
        } else if s.output.complete {
            ""
        } else {
            " — incomplete"
        }
    );
}

//! `gxbg`: parse 政府信息公开工作年度报告 pages into canonical tables and findings.

mod batch;
mod grids;

use clap::{Parser, Subcommand, ValueEnum};
use gxbg::{output, Options, Report, Severity};
use std::io::{Read, Write};
use std::process::ExitCode;

/// mimalloc rather than the system allocator: a parse makes many small allocations (cell
/// keys, texts, check expressions) and glibc malloc/free were ~20 % of its instructions;
/// measured 15-20 % less time per report. The library leaves the choice to its binaries.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "gxbg", version, about = "Parse 政府信息公开工作年度报告 pages into checked canonical tables")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Clone, Copy, ValueEnum)]
enum Fmt {
    Json,
    Jsonl,
    Csv,
}

#[derive(Subcommand)]
enum Cmd {
    /// Parse reports (HTML pages or text extractions, any encoding; `-` for stdin).
    Parse {
        #[arg(required = true)]
        files: Vec<String>,
        /// Output format: pretty JSON (an array for several files), JSON Lines, or the tidy CSV.
        #[arg(long, short, value_enum, default_value = "json")]
        format: Fmt,
        /// Keep Traditional characters as they are.
        #[arg(long)]
        no_convert: bool,
    },
    /// Check reports: print every finding; exit status 1 when any is an error.
    Check {
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Parse a corpus (folders, globs) in parallel into one CSV/JSONL, with a summary and
    /// the checks across years of each publisher.
    Batch(batch::BatchArgs),
    /// Print the normalised (Simplified, width-folded) text of a report.
    Normalize {
        #[arg(default_value = "-")]
        file: String,
    },
    /// Debugging: every `<table>` of an HTML file laid out as a grid, as JSON.
    #[command(hide = true)]
    Grids(grids::GridsArgs),
}

fn read_input(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut v = Vec::new();
        std::io::stdin().read_to_end(&mut v).map_err(|e| format!("cannot read stdin: {e}"))?;
        Ok(v)
    } else {
        std::fs::read(path).map_err(|e| format!("cannot read: {e}"))
    }
}

fn parse_one(path: &str, convert: bool) -> Result<Report, String> {
    let bytes = read_input(path)?;
    let opts = Options { convert_traditional: convert, source: Some(path.to_string()), ..Options::default() };
    gxbg::parse_bytes(&bytes, &opts).map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut errors_found = false;
    match cli.cmd {
        Cmd::Parse { files, format, no_convert } => {
            let mut reports = Vec::new();
            for f in &files {
                match parse_one(f, !no_convert) {
                    Ok(r) => {
                        if let Fmt::Jsonl = format {
                            let _ = writeln!(out, "{}", output::to_json_line(&r));
                        } else {
                            reports.push(r);
                        }
                    }
                    Err(e) => {
                        failed = true;
                        eprintln!("gxbg: {f}: {e}");
                    }
                }
            }
            match format {
                Fmt::Json if files.len() == 1 => {
                    if let Some(r) = reports.first() {
                        let _ = writeln!(out, "{}", output::to_json(r));
                    }
                }
                Fmt::Json => {
                    let _ = writeln!(out, "{}", serde_json::to_string_pretty(&reports).unwrap_or_default());
                }
                Fmt::Csv => {
                    let refs: Vec<&Report> = reports.iter().collect();
                    if let Err(e) = output::write_csv(&mut out, &refs, true) {
                        eprintln!("gxbg: writing CSV: {e}");
                        failed = true;
                    }
                }
                Fmt::Jsonl => {}
            }
        }
        Cmd::Check { files } => {
            for f in &files {
                match parse_one(f, true) {
                    Ok(r) => {
                        let tables: Vec<String> =
                            r.tables.iter().iter().map(|(k, t)| format!("{k}: {}", serde_json::to_value(t.status).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default())).collect();
                        let _ = writeln!(
                            out,
                            "{f}: format {}, {}; {} checks, {} findings",
                            r.format.as_str(),
                            tables.join(", "),
                            r.checks.len(),
                            r.findings.len()
                        );
                        for x in &r.findings {
                            let sev = match x.severity {
                                Severity::Error => "error",
                                Severity::Warning => "warning",
                                Severity::Info => "info",
                            };
                            errors_found |= x.severity == Severity::Error;
                            let _ = writeln!(out, "  {sev} [{}] {}", x.rule, x.message);
                            let _ = writeln!(out, "      {}", x.message_en);
                            if !x.cells.is_empty() {
                                let _ = writeln!(out, "      cells: {}", x.cells.join(", "));
                            }
                        }
                    }
                    Err(e) => {
                        failed = true;
                        eprintln!("gxbg: {f}: {e}");
                    }
                }
            }
        }
        Cmd::Batch(args) => {
            drop(out);
            return batch::run(args);
        }
        Cmd::Grids(args) => {
            drop(out);
            return grids::run(args);
        }
        Cmd::Normalize { file } => match parse_one(&file, true) {
            Ok(r) => {
                let _ = out.write_all(r.text.as_bytes());
            }
            Err(e) => {
                failed = true;
                eprintln!("gxbg: {file}: {e}");
            }
        },
    }
    let _ = out.flush();
    if errors_found {
        ExitCode::from(1)
    } else if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

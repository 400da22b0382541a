//! Writes the portal-page variants of `benches/variants.rs` for the comparison harness
//! (`scripts/bench.sh --variants` runs it).
//!
//! ```text
//! cargo bench -p gxbg --bench portal_variants -- SOURCE.html OUTDIR
//! ```
//!
//! Writes `OUTDIR/<source stem>-<variant>.html` for every variant and prints their paths.

#[path = "variants.rs"]
mod variants;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; take the two paths that are not flags.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let [source, outdir] = args.as_slice() else {
        eprintln!("usage: portal_variants SOURCE.html OUTDIR");
        return ExitCode::from(2);
    };
    match write(Path::new(source), Path::new(outdir)) {
        Ok(paths) => {
            for p in paths {
                println!("{}", p.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("portal_variants: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write(source: &Path, outdir: &Path) -> Result<Vec<PathBuf>, String> {
    let page = std::fs::read_to_string(source).map_err(|e| format!("{}: {e}", source.display()))?;
    let vs = variants::variants(&page)
        .ok_or_else(|| format!("{}: no <body>, </head> or 总体情况 heading to build the variants around", source.display()))?;
    std::fs::create_dir_all(outdir).map_err(|e| format!("{}: {e}", outdir.display()))?;
    let stem = source.file_stem().map_or_else(|| "page".into(), |s| s.to_string_lossy().into_owned());
    let mut paths = Vec::new();
    for (name, bytes) in vs {
        let p = outdir.join(format!("{stem}-{name}.html"));
        std::fs::write(&p, bytes).map_err(|e| format!("{}: {e}", p.display()))?;
        paths.push(p);
    }
    Ok(paths)
}

//! `gxbg grids FILE|-` (hidden, for debugging and the differential test in
//! `tools/grid-diff`): every `<table>` of an HTML file laid out as a grid, printed as JSON.
//!
//! The file is decoded like any input (BOM, `<meta charset>`, sniffing), then
//! [`gxbg::html::grids_from_html`] lays out every table of the whole text — no report
//! location, no layout-table filtering, nested tables included right after the table that
//! holds them. Output: one JSON object `{"grids": [...]}`; each grid has `offset` (the
//! character offset of its `<table` start tag in the decoded text), `n_rows`, `n_cols`,
//! `truncated` and `cells` in source order, each `{row, col, rowspan, colspan, text,
//! header}` with spans clamped and clipped as the table model does, and `colspan` cut where
//! the cell would run over a cell spanning down from an earlier row (see `gxbg::html`'s
//! table module).

use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct GridsArgs {
    /// An HTML file, or `-` for stdin.
    #[arg(default_value = "-")]
    pub file: String,
    /// Lay the tables out from html5ever's DOM instead of the streaming builder (offsets
    /// are then unknown: `null`).
    #[arg(long)]
    pub dom: bool,
}

#[derive(serde::Serialize)]
struct Out<'a> {
    grids: &'a [gxbg::grid::Grid],
}

pub fn run(args: GridsArgs) -> ExitCode {
    let bytes = match crate::read_input(&args.file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("gxbg grids: {}: {e}", args.file);
            return ExitCode::from(2);
        }
    };
    let text = match gxbg::decode::decode(&bytes) {
        Ok(d) => d.text,
        Err(e) => {
            eprintln!("gxbg grids: {}: {e}", args.file);
            return ExitCode::from(2);
        }
    };
    let grids = if args.dom { gxbg::html::grids_from_html_dom(&text) } else { gxbg::html::grids_from_html(&text) };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let ok = serde_json::to_writer(&mut out, &Out { grids: &grids }).is_ok() && writeln!(out).is_ok() && out.flush().is_ok();
    if ok {
        ExitCode::SUCCESS
    } else {
        eprintln!("gxbg grids: cannot write the output");
        ExitCode::from(2)
    }
}

//! # gxbg — 政府信息公开工作年度报告 parser
//!
//! Takes the bytes of a report page (HTML in any Chinese encoding, or a text extraction)
//! and returns the canonical tables 二 主动公开 / 三 依申请 / 四 复议诉讼 of the 2019 and
//! 2021 formats, every accounting identity checked, the figures the narrative states,
//! metadata and sections.
//!
//! Data flows one way, one module per stage:
//! bytes →[`decode`]→ text →[`locate`]/[`html`] or [`text`]→ [`blocks`] (paragraphs,
//! [`grid`]s) →[`normalize`]→ Simplified →[`mapping`]→ canonical [`report::Tables`]
//! →[`checks`]→ findings →[`output`] (JSON, CSV).
//!
//! ```
//! let page = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5";
//! let report = gxbg::parse_str(page, &gxbg::Options::default()).unwrap();
//! let cell = report.tables.cell("requests.new_received.total").unwrap();
//! assert_eq!(cell.value, Some(gxbg::Number::Int(5)));
//! // Keys (`gxbg::Key`, a `Cow<'static, str>`) index and compare as `&str`.
//! assert_eq!(report.tables.requests.rows["new_received"]["total"], *cell);
//! let row_total = report.checks.iter().find(|c| c.rule == "requests.row_total").unwrap();
//! assert!(row_total.holds && row_total.cells[0] == "requests.new_received.total");
//! ```
//!
//! A parse makes about 1 400 small allocations (cell texts, keys, findings). The CLI and
//! the Python extension use mimalloc as the global allocator; with glibc's malloc a parse
//! took 12–22 % longer on the project's pages (docs/PERFORMANCE.md), so a program that
//! parses many reports may want to set one too.

pub mod blocks;
pub mod checks;
pub mod crossyear;
pub mod decode;
pub mod digits;
pub mod error;
pub mod grid;
pub mod html;
pub mod locate;
pub mod mapping;
pub mod meta;
pub mod normalize;
pub mod output;
pub mod prose;
pub mod report;
pub mod schema;
pub mod text;
pub mod value;

pub use error::Error;
pub use report::{
    CanonicalTable, Cell, CellState, Check, Conversion, DocumentKind, Figure, Finding, Key, Meta, Number, Report,
    Section, Severity, TableStatus, Tables, TextRef,
};
pub use schema::Format;

use blocks::{Block, Document, InputKind};

/// Parsing options. `Options::default()` is what the CLI and the bindings use.
#[derive(Debug, Clone)]
pub struct Options {
    /// Convert Traditional text to Simplified (with Taiwan-phrase reversal). Default true.
    pub convert_traditional: bool,
    /// The name reported as `Report::source` (a path, `-`, or anything the caller likes).
    pub source: Option<String>,
    /// Inputs larger than this are refused with [`Error::TooLarge`]. Default 256 MiB.
    pub max_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { convert_traditional: true, source: None, max_bytes: 256 << 20 }
    }
}

/// Parse raw bytes (an HTML page or a text extraction in any supported encoding).
pub fn parse_bytes(bytes: &[u8], opts: &Options) -> Result<Report, Error> {
    if bytes.len() > opts.max_bytes {
        return Err(Error::TooLarge { size: bytes.len(), limit: opts.max_bytes });
    }
    let d = decode::decode_borrowed(bytes)?;
    parse_decoded(&d.text, d.encoding, d.source, opts)
}

/// Parse text that is already decoded.
pub fn parse_str(text: &str, opts: &Options) -> Result<Report, Error> {
    if text.len() > opts.max_bytes {
        return Err(Error::TooLarge { size: text.len(), limit: opts.max_bytes });
    }
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    parse_decoded(text, "UTF-8", "caller", opts)
}

/// Read and parse a file; the error names the path.
pub fn parse_file(path: impl AsRef<std::path::Path>, opts: &Options) -> Result<Report, Error> {
    use std::io::Read;
    let path = path.as_ref();
    let io = |e| Error::Io { path: path.display().to_string(), source: e };
    // Read at most one byte past the limit, so /dev/zero or a 10 GB file is refused, not read.
    let mut bytes = Vec::new();
    std::fs::File::open(path).map_err(io)?.take(opts.max_bytes as u64 + 1).read_to_end(&mut bytes).map_err(io)?;
    let mut o = opts.clone();
    if o.source.is_none() {
        o.source = Some(path.display().to_string());
    }
    parse_bytes(&bytes, &o)
}

/// Whether decoded text is an HTML page rather than a text extraction.
pub fn looks_like_html(text: &str) -> bool {
    let ci_starts = |h: &str, pat: &str| h.len() >= pat.len() && h.as_bytes()[..pat.len()].eq_ignore_ascii_case(pat.as_bytes());
    const LEADS: &[&str] = &["<!doctype html", "<html", "<?xml"];
    // A leading marker counts when it ends within the first 2048 characters (most pages
    // start so: answered without counting them first).
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if let Some(p) = LEADS.iter().find(|p| ci_starts(t, p)) {
        let end = text.len() - t.len() + p.len();
        if text[..end].chars().count() <= 2048 {
            return true;
        }
    }
    // The first 2048 characters, compared ASCII-case-insensitively (no copy: this runs on
    // every input). A continuation byte (10xxxxxx) does not start a character.
    let mut chars = 0usize;
    let end = text.bytes().position(|b| {
        let starts = (b as i8) >= -0x40;
        chars += starts as usize;
        starts && chars > 2048
    });
    // (No leading marker within them: the one test above decided that for every text.)
    let head = &text[..end.unwrap_or(text.len())];
    const TAGS: &[&str] = &["<html", "<head", "<body", "<meta ", "<table", "<div", "<p>", "<p "];
    memchr::memchr_iter(b'<', head.as_bytes()).any(|i| TAGS.iter().any(|p| ci_starts(&head[i..], p)))
}

fn parse_decoded(text: &str, encoding: &str, encoding_source: &str, opts: &Options) -> Result<Report, Error> {
    let mut doc = if looks_like_html(text) { html::to_document(text) } else { text::to_document(text) };
    let original_text = doc.text();
    let (conversion, touched, traditional_chars) = normalize_document(&mut doc, opts.convert_traditional);
    // Most pages are Simplified already: when no string changed, the text is the same.
    let text = if touched { doc.text() } else { original_text.clone() };

    let meta = meta::extract(&doc, &text);
    let sections = meta::sections(&text);
    // A document that counted no Traditional-only character holds none after
    // normalisation either (width folding makes none; conversion only removes them).
    let mapped = mapping::map_with(&doc, &text, meta.year, traditional_chars > 0);
    let figures = prose::figures(&text);
    if !is_report(&text, &original_text, &mapped) {
        return Err(Error::NotAReport(
            "no statistical table and no wording of a 政府信息公开 annual report found".to_string(),
        ));
    }
    let (checks, mut findings) = checks::check(&mapped.tables, &figures, mapped.format);
    let mut all_findings = mapped.findings;
    all_findings.append(&mut findings);

    Ok(Report {
        source: opts.source.clone().unwrap_or_else(|| "<input>".to_string()),
        input: match doc.kind {
            InputKind::Html => "html",
            InputKind::Text => "text",
        }
        .to_string(),
        encoding: encoding.to_string(),
        encoding_source: encoding_source.to_string(),
        format: mapped.format,
        meta,
        conversion,
        tables: mapped.tables,
        findings: all_findings,
        checks,
        figures,
        sections,
        text,
        original_text,
    })
}

/// Whether the text is a report (or an interpretation of one) at all: a canonical table
/// was found, or the wording of an open-government report is there (in either script, so
/// that a failed conversion can never turn a report away).
fn is_report(text: &str, original: &str, mapped: &mapping::Mapped) -> bool {
    if mapped.tables.iter().iter().any(|(_, t)| t.status != TableStatus::Missing) {
        return true;
    }
    const SUBJECT: &[&str] = &["信息公开", "政务公开", "政府信息", "信息公開", "資訊公開", "政務公開", "政府資訊"];
    const KIND: &[&str] = &["年度报告", "年报", "工作报告", "申请", "年度報告", "年報", "申請"];
    let any = |t: &str, ws: &[&str]| ws.iter().any(|w| t.contains(w));
    (any(text, SUBJECT) || any(original, SUBJECT)) && (any(text, KIND) || any(original, KIND))
}

/// Normalise every text of the document in place (Traditional → Simplified, widths).
///
/// The script is decided once for the whole document and every string is converted in one
/// call, so the converter's document-level choices (e.g. keeping 资料 where the document
/// itself writes 数据 elsewhere) and short cells like 程式 follow the document, not the
/// few characters of one cell. Also says whether any string of the document changed, and
/// how many Traditional-only characters it held before.
fn normalize_document(doc: &mut Document, convert: bool) -> (Conversion, bool, usize) {
    const SEP: char = '\u{1E}'; // record separator: in no dictionary, untouched by folding
    let mut strings: Vec<&mut String> = Vec::new();
    for b in &mut doc.blocks {
        match b {
            Block::Text { text } => strings.push(text),
            Block::Table { grid } => strings.extend(grid.cells.iter_mut().map(|c| &mut c.text)),
        }
    }
    if let Some(t) = doc.hints.title.as_mut() {
        strings.push(t);
    }
    for (k, v) in doc.hints.fields.iter_mut().chain(doc.hints.meta.iter_mut()) {
        strings.push(k);
        strings.push(v);
    }
    let mut joined = String::with_capacity(strings.iter().map(|s| s.len() + 1).sum());
    for (i, s) in strings.iter().enumerate() {
        if i > 0 {
            joined.push(SEP);
        }
        joined.push_str(s);
    }
    let (script, traditional_chars) = normalize::t2s::detect_script_counted(&joined);
    if !convert {
        // Widths only; the script is still reported.
        let mut changed = 0;
        let mut touched = false;
        for s in strings {
            // (Owned only when a character changed, and how many did.)
            if let (std::borrow::Cow::Owned(o), n) = normalize::fold_width_counted(s) {
                changed += n;
                touched = true;
                *s = o;
            }
        }
        return (Conversion { script: script.as_str().to_string(), converted: false, changed_chars: changed }, touched, traditional_chars);
    }
    let (out, conv) = normalize::normalize_detected(&joined, script, traditional_chars);
    let mut touched = false;
    if let std::borrow::Cow::Owned(out) = out {
        // SEP is ASCII: split at its byte with memchr (SIMD) rather than str::split's
        // byte-at-a-time search; every such byte is a character boundary.
        let mut parts: Vec<&str> = Vec::with_capacity(strings.len());
        let mut from = 0;
        for i in memchr::memchr_iter(SEP as u8, out.as_bytes()) {
            parts.push(&out[from..i]);
            from = i + 1;
        }
        parts.push(&out[from..]);
        if parts.len() == strings.len() {
            for (s, p) in strings.into_iter().zip(parts) {
                if s.as_str() != p {
                    *s = p.to_string();
                    touched = true;
                }
            }
        } else {
            // The separator was touched (it never should be): convert string by string.
            for s in strings {
                let (o, _) = normalize::normalize_as(s, script);
                if let std::borrow::Cow::Owned(o) = o {
                    touched |= *s != o;
                    *s = o;
                }
            }
        }
    }
    (conv, touched, traditional_chars)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// The definition [`super::looks_like_html`] implements without copying the head.
    fn looks_like_html_reference(text: &str) -> bool {
        let head: String = text.chars().take(2048).collect::<String>().to_ascii_lowercase();
        let t = head.trim_start_matches('\u{feff}').trim_start();
        t.starts_with("<!doctype html")
            || t.starts_with("<html")
            || t.starts_with("<?xml")
            || ["<html", "<head", "<body", "<meta ", "<table", "<div", "<p>", "<p "].iter().any(|p| head.contains(p))
    }

    #[test]
    fn looks_like_html_looks_at_2048_characters() {
        for filler in ["a", "字", "\u{3000}"] {
            for pad in 2035..2050 {
                for tag in ["<html", "<p>", "<TABLE", "<meta "] {
                    let text = format!("{}{}", filler.repeat(pad), tag);
                    assert_eq!(super::looks_like_html(&text), looks_like_html_reference(&text), "{filler} × {pad} + {tag}");
                }
            }
        }
        assert!(super::looks_like_html(&format!("{}<p>", "字".repeat(2045))));
        assert!(!super::looks_like_html(&format!("{}<p>", "字".repeat(2046))));
    }

    proptest! {
        #[test]
        fn looks_like_html_matches_its_definition(
            parts in proptest::collection::vec(prop_oneof![
                Just("\u{feff}"), Just(" "), Just("\u{3000}"), Just("\n"), Just("<!DOCTYPE HTML>"), Just("<Html"),
                Just("<?xml"), Just("<P>"), Just("<p "), Just("<pre>"), Just("<META "), Just("<meta\t"), Just("<TaBlE"),
                Just("<di"), Just("v"), Just("<"), Just("政府信息公开"), Just("x"), Just("é"),
            ], 0..40),
            pad in 0usize..2100,
        ) {
            let body: String = parts.concat();
            for text in [body.clone(), format!("{}{}", "字".repeat(pad), body), format!("{}{}", "a".repeat(pad), body)] {
                prop_assert_eq!(super::looks_like_html(&text), looks_like_html_reference(&text), "{:?}", text);
            }
        }
    }
}

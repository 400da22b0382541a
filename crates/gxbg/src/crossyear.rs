//! Checks across years: the reports of one publisher for consecutive years must agree.
//!
//! A corpus (a folder of reports of a province for several years) allows checks that no
//! single report can:
//! - `cross_year.carry_over` (error): 二、上年结转 of year N equals 四、结转下年度继续办理 of
//!   year N−1, column by column (`requests.carried_over.*` of N vs
//!   `requests.carried_forward.*` of N−1). One finding per pair of reports, naming every
//!   column that disagrees.
//! - `cross_year.in_force` (2021 format in both years):
//!   现行有效件数 (N) = 现行有效件数 (N−1) + 本年制发件数 (N) − 本年废止件数 (N),
//!   for `proactive.regulations` and `proactive.normative_documents`. Revisions make this hold only "give or take", so a
//!   difference within [`in_force_tolerance`] is `info`, a larger one `warning`, never `error`.
//! - `cross_year.format` (warning): the format must be the one of the year: reports for 2019
//!   and 2020 use the 2019 format, reports for 2021 onwards the 2021 format. Reports whose
//!   format is `none`, or that have neither table 二 nor table 三, are not judged.
//! - `cross_year.duplicate` (info): several reports of one publisher for one year (typically
//!   a report and its 解读 page). One is kept for the comparisons — a
//!   [`DocumentKind::Report`] before an interpretation, then the one with more canonical
//!   tables found, then the first in input order — and the finding names the one set aside.
//!
//! Cells are compared as the identities of [`crate::checks`] do: blank and dash cells count
//! as 0; a `missing` or `text` cell is not compared.
//!
//! ## Naming both reports
//! Every finding names the reports in its message (source and year of both), in the
//! [`CrossYearFinding`] fields, and in [`Finding::cells`], where a cell of another report is
//! written `SOURCE#table.row.column` (the source as [`Report::source`] gives it, then `#`,
//! then the canonical key; split at the **last** `#`).
//!
//! ## Grouping reports by publisher
//! Reports are grouped by a publisher key, taken from, in order:
//! 1. the override map ([`PublisherMap`], `--publishers FILE` in the CLI), whose patterns are
//!    matched against the title, the 发布机构 and the source path;
//! 2. the title ([`Meta::title`](crate::report::Meta), or else a title line found at the top
//!    of [`Report::text`]): the name before the year (`宣城市人民政府2024年政府信息公开工作年度报告`
//!    → `宣城市人民政府`), or after it when the year comes first
//!    (`2019年罗庄区政府信息公开工作年度报告` → `罗庄区`);
//! 3. the 发布机构 ([`Meta::publisher`](crate::report::Meta)).
//!
//! The title comes before the 发布机构 because the title says whose report it is, while the
//! 发布机构 is the office that posted it: a portal's 政府办公室 posts the government's report
//! and its own, and the office's name changes with reorganisations.
//!
//! Names are compared after safe normalisations only ([`normalize_name`]): widths folded,
//! whitespace and enclosing punctuation dropped, `人民政府` read as `政府`, and a trailing
//! `政府` dropped after a place name (`宣城市人民政府` = `宣城市政府` = `宣城市`). Nothing
//! else is merged: `宣城市人民政府办公室` stays apart from `宣城市人民政府`. Where two
//! names of one publisher differ otherwise, a [`PublisherMap`] line joins them.
//!
//! The year is [`Meta::year`](crate::report::Meta), or else the year in the title. Reports
//! without a publisher key or a year take part in no cross-year check; [`analyse`] lists them.

use crate::normalize::fold_width;
use crate::report::{Cell, CellState, DocumentKind, Finding, Key, Report, Severity, TableStatus, Tables};
use crate::schema::{Format, REQUEST_COLUMNS};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many leading characters of [`Report::text`] are searched for a title line.
pub const TITLE_SCAN_CHARS: usize = 3000;
/// How many leading non-empty lines of [`Report::text`] are searched for a title line.
pub const TITLE_SCAN_LINES: usize = 20;

/// A cross-year finding: the finding plus the reports it compares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrossYearFinding {
    /// The publisher's name as shown by its most recent report (or the override).
    pub publisher: String,
    pub finding: Finding,
    /// The report the finding is about: year N of a pair, the report of `cross_year.format`,
    /// the report kept for `cross_year.duplicate`.
    pub source: String,
    pub year: i32,
    /// The report it is compared with: year N−1 of a pair, the report set aside for
    /// `cross_year.duplicate`; absent for `cross_year.format`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub other_source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub other_year: Option<i32>,
}

/// Publisher overrides: `pattern<TAB>publisher` lines.
///
/// A report takes the publisher of the first line (in file order) whose pattern occurs in
/// its title, its 发布机构 or its source path (after width folding and whitespace
/// removal on both sides). Reports mapped to the same publisher are one group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PublisherMap {
    entries: Vec<(String, String)>,
}

impl PublisherMap {
    pub fn new() -> Self {
        PublisherMap::default()
    }

    /// Add a line; an empty pattern (after folding) is ignored.
    pub fn insert(&mut self, pattern: &str, publisher: &str) {
        let p = squash(pattern);
        let name = publisher.trim();
        if !p.is_empty() && !name.is_empty() {
            self.entries.push((p, name.to_string()));
        }
    }

    /// Read the TSV form: one `pattern<TAB>publisher` per line; blank lines and lines
    /// starting with `#` are skipped. The error names the first bad line.
    pub fn from_tsv(text: &str) -> Result<Self, String> {
        let mut m = PublisherMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_start_matches('\u{feff}').trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let mut parts = line.splitn(2, '\t');
            let (pat, name) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            if squash(pat).is_empty() || name.trim().is_empty() || name.contains('\t') {
                return Err(format!(
                    "line {}: expected `pattern<TAB>publisher`, got {:?}",
                    i + 1,
                    line.chars().take(80).collect::<String>()
                ));
            }
            m.insert(pat, name);
        }
        Ok(m)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The publisher a report is mapped to, if any line matches.
    pub fn lookup(&self, report: &Report) -> Option<&str> {
        if self.entries.is_empty() {
            return None;
        }
        let fields: Vec<String> =
            [report.meta.title.clone(), title_line(report), report.meta.publisher.clone(), Some(report.source.clone())]
                .into_iter()
                .flatten()
                .map(|s| squash(&s))
                .collect();
        self.entries.iter().find(|(p, _)| fields.iter().any(|f| f.contains(p.as_str()))).map(|(_, n)| n.as_str())
    }
}

/// Where a report's publisher key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeySource {
    Override,
    Title,
    Publisher,
}

/// A report's place in the corpus: publisher key and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// The normalised name reports are grouped by.
    pub key: String,
    /// The name as the report shows it.
    pub name: String,
    pub key_source: KeySource,
    pub year: i32,
}

/// Why a report takes part in no cross-year check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unplaced {
    pub source: String,
    /// `no_publisher` (no title, 发布机构 or override) or `no_year`.
    pub reason: String,
}

/// The reports of one publisher, one per year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublisherGroup {
    pub key: String,
    pub publisher: String,
    /// `(year, source)` of the report kept for each year, by year.
    pub years: Vec<(i32, String)>,
}

/// Counts of one rule's comparisons.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleCount {
    /// Comparisons made (pairs or reports for which the rule could be evaluated).
    pub evaluated: usize,
    /// Comparisons that hold exactly.
    pub holds: usize,
}

/// Everything [`analyse`] finds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CrossYear {
    pub groups: Vec<PublisherGroup>,
    pub unplaced: Vec<Unplaced>,
    /// Per rule (`cross_year.carry_over`, `cross_year.in_force`, `cross_year.format`).
    pub evaluated: BTreeMap<String, RuleCount>,
    pub findings: Vec<CrossYearFinding>,
}

/// The cross-year findings of a set of reports (any order; the result does not depend on
/// it except for which of two equal duplicates is kept).
pub fn cross_year(reports: &[&Report], overrides: Option<&PublisherMap>) -> Vec<CrossYearFinding> {
    analyse(reports, overrides).findings
}

/// Group the reports by publisher and year and run every cross-year check.
///
/// Findings come grouped by publisher key (sorted), then by year.
pub fn analyse(reports: &[&Report], overrides: Option<&PublisherMap>) -> CrossYear {
    let mut out = CrossYear::default();
    for rule in ["cross_year.carry_over", "cross_year.in_force", "cross_year.format"] {
        out.evaluated.insert(rule.to_string(), RuleCount::default());
    }
    // key → year → candidates (input index)
    let mut groups: BTreeMap<String, BTreeMap<i32, Vec<usize>>> = BTreeMap::new();
    let mut names: BTreeMap<String, (i32, String)> = BTreeMap::new();
    for (i, r) in reports.iter().enumerate() {
        match placement(r, overrides) {
            Ok(p) => {
                let e = names.entry(p.key.clone()).or_insert((p.year, p.name.clone()));
                if p.year > e.0 || p.key_source == KeySource::Override {
                    *e = (p.year, p.name.clone());
                }
                groups.entry(p.key).or_default().entry(p.year).or_default().push(i);
            }
            Err(reason) => out.unplaced.push(Unplaced { source: r.source.clone(), reason: reason.to_string() }),
        }
    }

    for (key, years) in &groups {
        let publisher = names.get(key).map(|(_, n)| n.clone()).unwrap_or_else(|| key.clone());
        let mut kept: Vec<(i32, &Report)> = Vec::new();
        for (&year, cands) in years {
            let mut c: Vec<usize> = cands.clone();
            c.sort_by_key(|&i| (kind_rank(reports[i]), std::cmp::Reverse(tables_rank(reports[i])), i));
            let Some(&best) = c.first() else { continue };
            let keep = reports[best];
            for &other in c.iter().skip(1) {
                out.findings.push(duplicate_finding(&publisher, year, keep, reports[other]));
            }
            kept.push((year, keep));
        }
        out.groups.push(PublisherGroup {
            key: key.clone(),
            publisher: publisher.clone(),
            years: kept.iter().map(|(y, r)| (*y, r.source.clone())).collect(),
        });
        for (idx, &(year, r)) in kept.iter().enumerate() {
            if let Some(f) = format_finding(&publisher, year, r, &mut out.evaluated) {
                out.findings.push(f);
            }
            let Some(&(py, prev)) = idx.checked_sub(1).and_then(|j| kept.get(j)) else { continue };
            if py != year - 1 {
                continue;
            }
            if let Some(f) = carry_over(&publisher, (year, r), (py, prev), &mut out.evaluated) {
                out.findings.push(f);
            }
            out.findings.extend(in_force(&publisher, (year, r), (py, prev), &mut out.evaluated));
        }
    }
    out
}

/// The publisher key and year of a report, or why it has none.
pub fn placement(r: &Report, overrides: Option<&PublisherMap>) -> Result<Placement, &'static str> {
    let title = r.meta.title.clone().filter(|t| !t.trim().is_empty()).or_else(|| title_line(r));
    let year = r.meta.year.or_else(|| title.as_deref().and_then(title_year));
    let from_override = overrides.and_then(|m| m.lookup(r)).map(|n| (n.to_string(), KeySource::Override));
    let from_title = || title.as_deref().and_then(name_from_title).map(|n| (n, KeySource::Title));
    let from_publisher =
        || r.meta.publisher.as_deref().map(clean_name).filter(|n| !n.is_empty()).map(|n| (n, KeySource::Publisher));
    let Some((name, key_source)) = from_override.or_else(from_title).or_else(from_publisher) else {
        return Err("no_publisher");
    };
    let key = if key_source == KeySource::Override { squash(&name) } else { normalize_name(&name) };
    if key.is_empty() {
        return Err("no_publisher");
    }
    let Some(year) = year else { return Err("no_year") };
    Ok(Placement { key, name, key_source, year })
}

/// A copy of the report holding only what [`analyse`] reads: source, format, metadata,
/// table statuses, the rows `requests.carried_over`, `requests.carried_forward`,
/// `proactive.regulations`, `proactive.normative_documents` (without raw text), and the
/// first [`TITLE_SCAN_CHARS`] characters of the text. A corpus of 50,000 reports kept this
/// way takes a few KiB per report; `analyse` gives the same result on slim copies.
pub fn slim(r: &Report) -> Report {
    let keep_rows = |t: &crate::report::CanonicalTable, rows: &[&str]| {
        let mut t2 = crate::report::CanonicalTable { status: t.status, rows: IndexMap::new() };
        for &k in rows {
            if let Some((rk, row)) = t.rows.get_key_value(k) {
                let row: IndexMap<Key, Cell> =
                    row.iter().map(|(c, cell)| (c.clone(), Cell { raw: None, ..cell.clone() })).collect();
                t2.rows.insert(rk.clone(), row);
            }
        }
        t2
    };
    let text: String = match r.text.char_indices().nth(TITLE_SCAN_CHARS) {
        Some((b, _)) => r.text.get(..b).unwrap_or("").to_string(),
        None => r.text.clone(),
    };
    Report {
        source: r.source.clone(),
        input: r.input.clone(),
        encoding: r.encoding.clone(),
        encoding_source: r.encoding_source.clone(),
        format: r.format,
        meta: r.meta.clone(),
        conversion: r.conversion.clone(),
        tables: Tables {
            proactive: keep_rows(&r.tables.proactive, &["regulations", "normative_documents"]),
            requests: keep_rows(&r.tables.requests, &["carried_over", "carried_forward"]),
            appeals: crate::report::CanonicalTable { status: r.tables.appeals.status, rows: IndexMap::new() },
        },
        findings: Vec::new(),
        checks: Vec::new(),
        figures: Vec::new(),
        sections: Vec::new(),
        text,
        original_text: String::new(),
    }
}

/// The allowed difference of `cross_year.in_force` before it is a warning:
/// max(1, 2 % of the larger of the two counts, rounded up).
pub fn in_force_tolerance(expected: f64, actual: f64) -> f64 {
    (expected.abs().max(actual.abs()) * 0.02).ceil().max(1.0)
}

// ---------------------------------------------------------------------------------------
// Names and titles

/// Width-folded, whitespace removed.
fn squash(s: &str) -> String {
    fold_width(s).chars().filter(|c| !c.is_whitespace()).collect()
}

const EDGE_PUNCT: &[char] = &[
    '《', '》', '“', '”', '"', '\'', '‘', '’', '(', ')', '（', '）', '【', '】', '[', ']', '<', '>', ':', '：', ',',
    '，', '.', '。', '、', ';', '；', '-', '—', '_', '·', '/', '|',
];

/// A name as displayed: width folded, whitespace removed, enclosing punctuation dropped.
fn clean_name(s: &str) -> String {
    squash(s).trim_matches(EDGE_PUNCT).to_string()
}

/// The grouping form of a publisher name: see the module documentation. Only
/// normalisations that cannot merge two different publishers are made.
pub fn normalize_name(s: &str) -> String {
    let mut n = clean_name(s).replace("人民政府", "政府");
    for suffix in ["政府"] {
        if let Some(stem) = n.strip_suffix(suffix) {
            if stem.chars().last().is_some_and(is_place_suffix) && stem.chars().count() >= 2 {
                n = stem.to_string();
            }
        }
    }
    n
}

/// Last characters of a place name (省市县区州盟旗镇乡, 街道 ends in 道).
fn is_place_suffix(c: char) -> bool {
    matches!(c, '省' | '市' | '县' | '区' | '州' | '盟' | '旗' | '镇' | '乡')
}

/// Words that end the name and start the report's own title.
const TITLE_BOILERPLATE: &[&str] =
    &["政府信息公开", "政务公开", "信息公开", "年度报告", "工作年度报告", "工作报告", "年报"];
/// Words that announce a report title.
const REPORT_WORDS: &[&str] = &["年度报告", "年报", "工作报告"];
/// Prefixes of interpretation titles, dropped from names.
const INTERPRETATION_PREFIXES: &[&str] = &["一图读懂", "音频解读", "视频解读", "政策解读", "图解", "解读"];

/// The `(byte offset, year)` of every `YYYY年` in `s` (years 1990–2100, not part of a longer
/// digit run).
fn year_tokens(s: &str) -> Vec<(usize, usize, i32)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        let is4 = b[i..i + 4].iter().all(u8::is_ascii_digit);
        let before_ok = i == 0 || !b[i - 1].is_ascii_digit();
        if is4 && before_ok && s.get(i + 4..).is_some_and(|r| r.starts_with('年')) {
            let y: i32 = s.get(i..i + 4).and_then(|d| d.parse().ok()).unwrap_or(0);
            if (1990..=2100).contains(&y) {
                let mut end = i + 4 + '年'.len_utf8();
                if s.get(end..).is_some_and(|r| r.starts_with('度')) {
                    end += '度'.len_utf8();
                }
                out.push((i, end, y));
            }
        }
        i += 1;
    }
    out
}

/// The year a title names (the last `YYYY年` before the report word).
pub fn title_year(title: &str) -> Option<i32> {
    let t = squash(title);
    let cut = REPORT_WORDS.iter().filter_map(|w| t.find(w)).min().unwrap_or(t.len());
    let years = year_tokens(&t);
    years.iter().rev().find(|(s, _, _)| *s < cut).or_else(|| years.first()).map(|(_, _, y)| *y)
}

/// The publisher named by a report title, as printed (not normalised): the words before
/// the year, or after it when the title starts with the year.
pub fn name_from_title(title: &str) -> Option<String> {
    let mut t = squash(title);
    // A title quoted inside an interpretation's title: 音频解读:《2019年…年度报告》.
    if let (Some(a), Some(b)) = (t.find('《'), t.rfind('》')) {
        if a < b {
            let inner = t.get(a + '《'.len_utf8()..b).unwrap_or("");
            if REPORT_WORDS.iter().any(|w| inner.contains(w)) {
                t = inner.to_string();
            }
        }
    }
    let cut = REPORT_WORDS.iter().filter_map(|w| t.find(w)).min().unwrap_or(t.len());
    let (ys, ye, _) = year_tokens(&t).into_iter().rev().find(|(s, _, _)| *s < cut)?;
    let before = t.get(..ys).unwrap_or("");
    // The name is the run before the year, after any label or prefix (标题：…, 图解：…).
    let before = before.rsplit([':', '：', '|', ',', '，', '。', ';', '；']).next().unwrap_or(before);
    let mut name = strip_name_edges(before);
    if name.is_empty() {
        let after = t.get(ye..).unwrap_or("");
        let end = TITLE_BOILERPLATE.iter().filter_map(|w| after.find(w)).min().unwrap_or(after.len());
        name = strip_name_edges(after.get(..end).unwrap_or(""));
    }
    (!name.is_empty()).then_some(name)
}

fn strip_name_edges(s: &str) -> String {
    let mut n = s.trim_matches(EDGE_PUNCT).to_string();
    loop {
        let before = n.clone();
        for p in INTERPRETATION_PREFIXES {
            if let Some(rest) = n.strip_prefix(p) {
                n = rest.to_string();
            }
        }
        for p in ["标题", "信息名称", "名称", "关于"] {
            if let Some(rest) = n.strip_prefix(p) {
                n = rest.to_string();
            }
        }
        for s in ["关于", "的", "公布", "发布"] {
            if let Some(rest) = n.strip_suffix(s) {
                n = rest.to_string();
            }
        }
        n = n.trim_matches(EDGE_PUNCT).to_string();
        if n == before {
            return n;
        }
    }
}

/// A title line at the top of the report text, for reports whose metadata has no title:
/// the first segment (of a line split at `|` and tabs) within the first
/// [`TITLE_SCAN_LINES`] lines that has a year and a report word, is short (≤ 80
/// characters) and is not a sentence of the body (根据…, 本年报…). A title split over two
/// lines (`临沂市人民政府` / `2024年政府信息公开工作年度报告`) is joined.
pub fn title_line(r: &Report) -> Option<String> {
    let head: String = r.text.chars().take(TITLE_SCAN_CHARS).collect();
    let mut prev: Option<String> = None;
    for line in head.lines().map(str::trim).filter(|l| !l.is_empty()).take(TITLE_SCAN_LINES) {
        for seg in line.split(['|', '\t']).map(str::trim).filter(|s| !s.is_empty()) {
            let s = squash(seg);
            let n = s.chars().count();
            if n > 80 || s.starts_with("根据") || s.starts_with("本年报") || s.starts_with("本报告") {
                continue;
            }
            if !REPORT_WORDS.iter().any(|w| s.contains(w)) || year_tokens(&s).is_empty() {
                continue;
            }
            if name_from_title(&s).is_none() {
                if let Some(p) = prev.as_deref() {
                    let joined = format!("{p}{s}");
                    if name_from_title(&joined).is_some() {
                        return Some(joined);
                    }
                }
            }
            return Some(s);
        }
        // A short line without punctuation may be the first half of a split title.
        let s = squash(line);
        prev = (s.chars().count() <= 30 && !s.chars().any(|c| "|,，。;；:：!！?？".contains(c))).then_some(s);
    }
    None
}

/// The document kind: the metadata's, or an interpretation when the title says 解读/图解.
pub fn document_kind(r: &Report) -> DocumentKind {
    if let Some(k) = r.meta.document_kind {
        return k;
    }
    let title = r.meta.title.clone().or_else(|| title_line(r)).unwrap_or_default();
    if ["解读", "图解", "一图读懂"].iter().any(|w| title.contains(w)) {
        DocumentKind::Interpretation
    } else {
        DocumentKind::Report
    }
}

fn kind_rank(r: &Report) -> u8 {
    match document_kind(r) {
        DocumentKind::Report => 0,
        DocumentKind::Interpretation => 1,
    }
}

fn tables_rank(r: &Report) -> u32 {
    r.tables
        .iter()
        .iter()
        .map(|(_, t)| match t.status {
            TableStatus::Present => 3,
            TableStatus::Truncated => 2,
            TableStatus::PresentWithoutValues => 1,
            TableStatus::Missing => 0,
        })
        .sum()
}

// ---------------------------------------------------------------------------------------
// The checks

/// A cell's number for a comparison: blank and dash as 0, missing and text as not comparable.
fn num(t: &Tables, key: &str) -> Option<f64> {
    let c = t.cell(key)?;
    match c.state {
        CellState::Value => c.value.map(|v| v.as_f64()),
        CellState::Blank | CellState::Dash => Some(0.0),
        CellState::Missing | CellState::Text => None,
    }
}

fn fmt(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn cell_ref(source: &str, key: &str) -> Key {
    format!("{source}#{key}").into()
}

fn kind_name(k: DocumentKind) -> (&'static str, &'static str) {
    match k {
        DocumentKind::Report => ("报告", "report"),
        DocumentKind::Interpretation => ("解读", "interpretation"),
    }
}

fn duplicate_finding(publisher: &str, year: i32, keep: &Report, other: &Report) -> CrossYearFinding {
    let (kz, ke) = kind_name(document_kind(keep));
    let (oz, oe) = kind_name(document_kind(other));
    CrossYearFinding {
        publisher: publisher.to_string(),
        finding: Finding {
            rule: "cross_year.duplicate".into(),
            severity: Severity::Info,
            message: format!(
                "{publisher} {year} 年有多份报告：跨年度核对采用 {}（{kz}），未采用 {}（{oz}）",
                keep.source, other.source
            ),
            message_en: format!(
                "{publisher} has several reports for {year}: the cross-year checks use {} ({ke}), not {} ({oe})",
                keep.source, other.source
            ),
            cells: Vec::new(),
        },
        source: keep.source.clone(),
        year,
        other_source: Some(other.source.clone()),
        other_year: Some(year),
    }
}

fn format_finding(
    publisher: &str,
    year: i32,
    r: &Report,
    ev: &mut BTreeMap<String, RuleCount>,
) -> Option<CrossYearFinding> {
    let expected = match year {
        2019 | 2020 => Format::F2019,
        y if y >= 2021 => Format::F2021,
        _ => return None,
    };
    // Without table 二 or 三 the format is a guess (from the year or the notice cited), not evidence.
    if r.format == Format::None
        || (r.tables.proactive.status == TableStatus::Missing && r.tables.requests.status == TableStatus::Missing)
    {
        return None;
    }
    let c = ev.entry("cross_year.format".into()).or_default();
    c.evaluated += 1;
    if r.format == expected {
        c.holds += 1;
        return None;
    }
    let (f, e) = (r.format.as_str(), expected.as_str());
    Some(CrossYearFinding {
        publisher: publisher.to_string(),
        finding: Finding {
            rule: "cross_year.format".into(),
            severity: Severity::Warning,
            message: format!("{publisher} {year} 年报告 {} 使用 {f} 年格式，该年度应使用 {e} 年格式", r.source),
            message_en: format!(
                "{publisher}'s report for {year} ({}) uses the {f} format; reports for {year} use the {e} format",
                r.source
            ),
            cells: Vec::new(),
        },
        source: r.source.clone(),
        year,
        other_source: None,
        other_year: None,
    })
}

fn carry_over(
    publisher: &str,
    (year, cur): (i32, &Report),
    (py, prev): (i32, &Report),
    ev: &mut BTreeMap<String, RuleCount>,
) -> Option<CrossYearFinding> {
    if cur.tables.requests.status == TableStatus::Missing || prev.tables.requests.status == TableStatus::Missing {
        return None;
    }
    let mut compared = 0;
    let mut diffs: Vec<(&str, &str, f64, f64)> = Vec::new();
    for col in REQUEST_COLUMNS {
        let a = num(&cur.tables, &format!("requests.carried_over.{}", col.key));
        let b = num(&prev.tables, &format!("requests.carried_forward.{}", col.key));
        if let (Some(a), Some(b)) = (a, b) {
            compared += 1;
            if a != b {
                diffs.push((col.key, col.label, a, b));
            }
        }
    }
    if compared == 0 {
        return None;
    }
    let c = ev.entry("cross_year.carry_over".into()).or_default();
    c.evaluated += 1;
    if diffs.is_empty() {
        c.holds += 1;
        return None;
    }
    let zh: Vec<String> = diffs.iter().map(|(_, l, a, b)| format!("{l} {} ≠ {}", fmt(*a), fmt(*b))).collect();
    let en: Vec<String> = diffs.iter().map(|(k, _, a, b)| format!("{k} {} vs {}", fmt(*a), fmt(*b))).collect();
    let mut cells = Vec::new();
    for (k, ..) in &diffs {
        cells.push(cell_ref(&cur.source, &format!("requests.carried_over.{k}")));
        cells.push(cell_ref(&prev.source, &format!("requests.carried_forward.{k}")));
    }
    Some(CrossYearFinding {
        publisher: publisher.to_string(),
        finding: Finding {
            rule: "cross_year.carry_over".into(),
            severity: Severity::Error,
            message: format!(
                "{publisher} {year} 年报告（{}）的“上年结转政府信息公开申请数量”与 {py} 年报告（{}）的“结转下年度继续办理”不一致：{}",
                cur.source,
                prev.source,
                zh.join("，")
            ),
            message_en: format!(
                "{publisher}: applications carried over in the {year} report ({}) differ from those carried forward in the {py} report ({}): {}",
                cur.source,
                prev.source,
                en.join(", ")
            ),
            cells,
        },
        source: cur.source.clone(),
        year,
        other_source: Some(prev.source.clone()),
        other_year: Some(py),
    })
}

fn in_force(
    publisher: &str,
    (year, cur): (i32, &Report),
    (py, prev): (i32, &Report),
    ev: &mut BTreeMap<String, RuleCount>,
) -> Vec<CrossYearFinding> {
    let mut out = Vec::new();
    if cur.format != Format::F2021 || prev.format != Format::F2021 {
        return out;
    }
    for (row, label) in [("regulations", "规章"), ("normative_documents", "行政规范性文件")] {
        let k = |c: &str| format!("proactive.{row}.{c}");
        let (Some(now), Some(before), Some(issued), Some(repealed)) = (
            num(&cur.tables, &k("in_force")),
            num(&prev.tables, &k("in_force")),
            num(&cur.tables, &k("issued")),
            num(&cur.tables, &k("repealed")),
        ) else {
            continue;
        };
        let c = ev.entry("cross_year.in_force".into()).or_default();
        c.evaluated += 1;
        let expected = before + issued - repealed;
        if expected == now {
            c.holds += 1;
            continue;
        }
        let diff = now - expected;
        let tol = in_force_tolerance(expected, now);
        let severity = if diff.abs() <= tol { Severity::Info } else { Severity::Warning };
        let expr = format!("{} + {} − {} = {}", fmt(before), fmt(issued), fmt(repealed), fmt(expected));
        out.push(CrossYearFinding {
            publisher: publisher.to_string(),
            finding: Finding {
                rule: "cross_year.in_force".into(),
                severity,
                message: format!(
                    "{publisher} {label}：{year} 年报告（{}）现行有效件数为 {}，而 {py} 年报告（{}）的现行有效件数加本年制发减本年废止为 {expr}（相差 {}）",
                    cur.source,
                    fmt(now),
                    prev.source,
                    fmt(diff)
                ),
                message_en: format!(
                    "{publisher}, {row}: {} in force in the {year} report ({}), but in force in the {py} report ({}) + issued − repealed gives {expr} (difference {})",
                    fmt(now),
                    cur.source,
                    prev.source,
                    fmt(diff)
                ),
                cells: vec![
                    cell_ref(&cur.source, &k("in_force")),
                    cell_ref(&prev.source, &k("in_force")),
                    cell_ref(&cur.source, &k("issued")),
                    cell_ref(&cur.source, &k("repealed")),
                ],
            },
            source: cur.source.clone(),
            year,
            other_source: Some(prev.source.clone()),
            other_year: Some(py),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{CanonicalTable, Conversion, Meta, Number};

    fn table(rows: &[(&str, &[(&str, Option<i64>)])]) -> CanonicalTable {
        let mut t = CanonicalTable { status: TableStatus::Present, rows: IndexMap::new() };
        for (r, cells) in rows {
            let row = cells
                .iter()
                .map(|(c, v)| {
                    let cell = match v {
                        Some(v) => Cell {
                            state: CellState::Value,
                            value: Some(Number::Int(*v)),
                            raw: Some(v.to_string()),
                            unit: None,
                            derived: false,
                        },
                        None => Cell {
                            state: CellState::Blank,
                            value: None,
                            raw: Some(String::new()),
                            unit: None,
                            derived: false,
                        },
                    };
                    (c.to_string().into(), cell)
                })
                .collect();
            t.rows.insert(r.to_string().into(), row);
        }
        t
    }

    fn requests_row(v: [i64; 7]) -> Vec<(&'static str, Option<i64>)> {
        REQUEST_COLUMNS.iter().zip(v).map(|(c, v)| (c.key, Some(v))).collect()
    }

    fn report(source: &str, title: &str, format: Format, over: [i64; 7], fwd: [i64; 7], regs: [i64; 3]) -> Report {
        let over = requests_row(over);
        let fwd = requests_row(fwd);
        let regs: Vec<(&str, Option<i64>)> =
            vec![("issued", Some(regs[0])), ("repealed", Some(regs[1])), ("in_force", Some(regs[2]))];
        Report {
            source: source.into(),
            input: "text".into(),
            encoding: "UTF-8".into(),
            encoding_source: "caller".into(),
            format,
            meta: Meta { title: Some(title.into()), ..Meta::default() },
            conversion: Conversion::default(),
            tables: Tables {
                proactive: table(&[("regulations", &regs)]),
                requests: table(&[("carried_over", &over), ("carried_forward", &fwd)]),
                appeals: CanonicalTable::missing(),
            },
            findings: vec![],
            checks: vec![],
            figures: vec![],
            sections: vec![],
            text: String::new(),
            original_text: String::new(),
        }
    }

    #[test]
    fn names_from_titles() {
        let n = |t: &str| name_from_title(t);
        assert_eq!(n("宣城市人民政府2024年政府信息公开工作年度报告").as_deref(), Some("宣城市人民政府"));
        assert_eq!(n("2019年罗庄区政府信息公开工作年度报告").as_deref(), Some("罗庄区"));
        assert_eq!(n("音频解读:《2019年罗庄区政府信息公开工作年度报告》").as_deref(), Some("罗庄区"));
        assert_eq!(n("宣城市教育局关于2023年度政府信息公开工作的年度报告").as_deref(), Some("宣城市教育局"));
        assert_eq!(n("标题：宣城市 2023 年政府信息公开工作年度报告").as_deref(), Some("宣城市"));
        assert_eq!(n("图解：宣城市人民政府2023年政府信息公开工作年度报告").as_deref(), Some("宣城市人民政府"));
        assert_eq!(n("２０２３年政府信息公开工作年度报告"), None);
        assert_eq!(n("没有年份的标题"), None);
        assert_eq!(title_year("宣城市人民政府2024年政府信息公开工作年度报告"), Some(2024));
        assert_eq!(title_year("临沂市人民政府２０２２年度政府信息公开工作年度报告"), Some(2022));
        assert_eq!(title_year("12024年报"), None);
    }

    #[test]
    fn name_normalisation_is_safe() {
        assert_eq!(normalize_name("宣城市人民政府"), "宣城市");
        assert_eq!(normalize_name("宣城市政府"), "宣城市");
        assert_eq!(normalize_name(" 宣城市 "), "宣城市");
        assert_eq!(normalize_name("临沂市人民政府办公室"), normalize_name("临沂市政府办公室"));
        assert_ne!(normalize_name("临沂市人民政府办公室"), normalize_name("临沂市人民政府"));
        assert_ne!(normalize_name("宣城市教育局"), normalize_name("宣城市"));
        assert_eq!(normalize_name("政府"), "政府");
    }

    #[test]
    fn title_lines_in_text() {
        let mut r = report("a", "x", Format::F2021, [0; 7], [0; 7], [0; 3]);
        r.meta.title = None;
        r.text = "欢迎访问临沂市政府网站!\n索引号 | 1585729837/zfb/2025-0000050 | 发布机构 | 临沂市政府办公室 |\n标题 | 临沂市人民政府2024年政府信息公开工作年度报告 |\n".into();
        assert_eq!(title_line(&r).as_deref(), Some("临沂市人民政府2024年政府信息公开工作年度报告"));
        r.text =
            "登录 注册\n临沂市人民政府\n2024年政府信息公开工作年度报告\n根据《条例》2024年的年度报告如下。\n".into();
        assert_eq!(title_line(&r).as_deref(), Some("临沂市人民政府2024年政府信息公开工作年度报告"));
        r.text =
            "本年报根据《中华人民共和国政府信息公开条例》编制,使用数据统计时间为2024年1月1日至12月31日。年度报告\n"
                .into();
        assert_eq!(title_line(&r), None);
        assert!(placement(&r, None).is_err());
    }

    #[test]
    fn planted_pairs() {
        let r22 = report(
            "a/2022.txt",
            "宣城市人民政府2022年政府信息公开工作年度报告",
            Format::F2021,
            [9, 0, 0, 0, 0, 0, 9],
            [11, 0, 0, 0, 0, 0, 11],
            [1, 0, 7],
        );
        let r23 = report(
            "b/2023.txt",
            "宣城市政府2023年政府信息公开工作年度报告",
            Format::F2021,
            [12, 0, 0, 0, 0, 0, 12],
            [17, 0, 0, 0, 0, 0, 17],
            [1, 0, 9],
        );
        let r24 = report(
            "c/2024.txt",
            "宣城市人民政府2024年政府信息公开工作年度报告",
            Format::F2021,
            [17, 0, 0, 0, 0, 0, 17],
            [1; 7],
            [2, 1, 10],
        );
        let other =
            report("d/2021.txt", "宣城市教育局2021年政府信息公开工作年度报告", Format::F2019, [0; 7], [0; 7], [0; 3]);
        // Input order does not matter.
        let a = analyse(&[&r24, &other, &r22, &r23], None);
        let b = analyse(&[&r22, &r23, &r24, &other], None);
        assert_eq!(a.findings, b.findings);
        let rules: Vec<(&str, Severity, &str)> =
            a.findings.iter().map(|f| (&*f.finding.rule, f.finding.severity, f.source.as_str())).collect();
        assert_eq!(
            rules,
            vec![
                ("cross_year.carry_over", Severity::Error, "b/2023.txt"),
                ("cross_year.in_force", Severity::Info, "b/2023.txt"),
                ("cross_year.format", Severity::Warning, "d/2021.txt"),
            ]
        );
        let co = &a.findings[0];
        assert_eq!(co.other_source.as_deref(), Some("a/2022.txt"));
        assert_eq!((co.year, co.other_year), (2023, Some(2022)));
        assert_eq!(
            co.finding.cells,
            vec![
                "b/2023.txt#requests.carried_over.natural_person",
                "a/2022.txt#requests.carried_forward.natural_person",
                "b/2023.txt#requests.carried_over.total",
                "a/2022.txt#requests.carried_forward.total",
            ]
        );
        assert!(co.finding.message.contains("a/2022.txt") && co.finding.message.contains("b/2023.txt"));
        assert_eq!(a.groups.len(), 2);
        assert_eq!(a.evaluated["cross_year.carry_over"], RuleCount { evaluated: 2, holds: 1 });
        assert_eq!(a.evaluated["cross_year.in_force"], RuleCount { evaluated: 2, holds: 1 });
        // The same on slim copies.
        let slims: Vec<Report> = [&r22, &r23, &r24, &other].iter().map(|r| slim(r)).collect();
        let refs: Vec<&Report> = slims.iter().collect();
        assert_eq!(analyse(&refs, None).findings, b.findings);
    }

    #[test]
    fn in_force_severity() {
        let prev = report("p", "甲县2022年政府信息公开工作年度报告", Format::F2021, [0; 7], [0; 7], [0, 0, 100]);
        let near = report("n", "甲县2023年政府信息公开工作年度报告", Format::F2021, [0; 7], [0; 7], [10, 5, 107]);
        let far = report("n", "甲县2023年政府信息公开工作年度报告", Format::F2021, [0; 7], [0; 7], [10, 5, 150]);
        let f = cross_year(&[&prev, &near], None);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].finding.severity, Severity::Info);
        let f = cross_year(&[&prev, &far], None);
        assert_eq!(f[0].finding.severity, Severity::Warning);
        assert!(f.iter().all(|x| x.finding.severity != Severity::Error));
    }

    #[test]
    fn gaps_and_blank_cells() {
        let mut r22 =
            report("a", "乙县2022年政府信息公开工作年度报告", Format::F2021, [0; 7], [3, 0, 0, 0, 0, 0, 3], [0, 0, 0]);
        let r24 = report("c", "乙县2024年政府信息公开工作年度报告", Format::F2021, [5; 7], [0; 7], [0, 0, 9]);
        // 2022 → 2024 is not a consecutive pair.
        assert!(cross_year(&[&r22, &r24], None).is_empty());
        // Blank counts as 0: blank carried_forward vs 0 carried_over holds.
        let r23 = report("b", "乙县2023年政府信息公开工作年度报告", Format::F2021, [0; 7], [0; 7], [0, 0, 0]);
        if let Some(row) = r22.tables.requests.rows.get_mut("carried_forward") {
            for c in row.values_mut() {
                *c =
                    Cell { state: CellState::Blank, value: None, raw: Some(String::new()), unit: None, derived: false };
            }
        }
        let f = cross_year(&[&r22, &r23], None);
        assert!(f.is_empty(), "{f:?}");
        // A missing cell is not compared.
        let mut r23m = r23.clone();
        if let Some(row) = r23m.tables.requests.rows.get_mut("carried_over") {
            for c in row.values_mut() {
                *c = Cell::missing();
            }
        }
        let a = analyse(&[&r22, &r23m], None);
        assert_eq!(a.evaluated["cross_year.carry_over"].evaluated, 0);
    }

    #[test]
    fn duplicates_prefer_the_report() {
        let mut rep =
            report("rep.html", "丙市人民政府2023年政府信息公开工作年度报告", Format::F2021, [0; 7], [0; 7], [0; 3]);
        rep.meta.document_kind = Some(DocumentKind::Report);
        let mut interp =
            report("jd.html", "图解：丙市人民政府2023年政府信息公开工作年度报告", Format::None, [0; 7], [0; 7], [0; 3]);
        interp.meta.document_kind = None; // inferred from the title
        let a = analyse(&[&interp, &rep], None);
        assert_eq!(a.findings.len(), 1);
        let d = &a.findings[0];
        assert_eq!(d.finding.rule, "cross_year.duplicate");
        assert_eq!(d.source, "rep.html");
        assert_eq!(d.other_source.as_deref(), Some("jd.html"));
        assert_eq!(a.groups[0].years, vec![(2023, "rep.html".to_string())]);
    }

    #[test]
    fn overrides_join_names() {
        let r22 = report(
            "x/2022.txt",
            "宣城市人民政府2022年政府信息公开工作年度报告",
            Format::F2021,
            [0; 7],
            [4, 0, 0, 0, 0, 0, 4],
            [0, 0, 0],
        );
        let r23 = report(
            "y/2023.txt",
            "宣城市政府办公室2023年政府信息公开工作年度报告",
            Format::F2021,
            [0; 7],
            [0; 7],
            [0, 0, 0],
        );
        assert!(cross_year(&[&r22, &r23], None).is_empty());
        let m = PublisherMap::from_tsv("# comment\n宣城市政府办公室\t宣城市人民政府\n宣城市人民政府\t宣城市人民政府\n")
            .unwrap();
        assert_eq!(m.len(), 2);
        let f = cross_year(&[&r22, &r23], Some(&m));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].finding.rule, "cross_year.carry_over");
        assert_eq!(f[0].publisher, "宣城市人民政府");
        assert!(PublisherMap::from_tsv("no tab here\n").is_err());
        assert!(PublisherMap::from_tsv("a\tb\tc\n").is_err());
        // Source paths match too.
        let m = PublisherMap::from_tsv("x/\t甲\ny/\t甲\n").unwrap();
        assert_eq!(cross_year(&[&r22, &r23], Some(&m)).len(), 1);
    }
}

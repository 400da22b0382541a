//! Accounting identities (勾稽关系) → checks and findings.
//!
//! Every identity of report-format.md is evaluated where all its cells are present:
//! - `requests.balance`: 一 + 二 = （七）总计 + 四, per column;
//! - `requests.results_sum`: （七）总计 = （一）+（二）+ Σ（三）+ Σ（四）+ Σ（五）+ Σ（六）, per column;
//! - `requests.row_total`: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他, per row;
//! - `appeals.total`: each 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (three groups).
//!
//! Blank and dash cells count as 0 and are listed in `assumed_zero`; a check with a
//! missing or text cell is not evaluated. A total left blank while its parts are not all
//! zero is the finding `*.blank_total` (the publisher left it out), not a failed identity.
//! Figures from prose are checked among themselves (`prose.balance`, `prose.results_sum`,
//! `prose.appeals_total`) and against the table (`prose.mismatch`).

use crate::report::{Cell, CellState, Check, Figure, Finding, Key, Severity, Tables};
use crate::schema::{self, Format, Group};
use indexmap::IndexMap;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A cell an identity reads: its canonical key (as reported), where to look it up, and
/// where it sits when the tables have the mapper's layout (see [`Layout`]): the positions
/// of its row among the format's rows of its table and of its column in the schema.
struct CellRef {
    full: String,
    table: &'static str,
    row: &'static str,
    col: String,
    at: Option<(usize, usize)>,
}

impl CellRef {
    fn new(table: &'static str, row: &'static str, col: &str, at: Option<(usize, usize)>) -> CellRef {
        CellRef { full: schema::cell_key(table, row, col), table, row, col: col.to_string(), at }
    }

    /// The cell, if the tables have it: by position where [`Layout`] vouches for it, by
    /// key otherwise.
    fn cell<'t>(&self, t: &'t Tables, layout: &Layout<'t>) -> Option<&'t Cell> {
        if let Some((ri, ci)) = self.at {
            let row = match self.table {
                "requests" => layout.requests.get(ri).copied().flatten(),
                "appeals" if ri == 0 => layout.appeals,
                _ => None,
            };
            if let Some(row) = row {
                return row.get_index(ci).map(|(_, c)| c);
            }
        }
        t.get(self.table)?.cell(self.row, &self.col)
    }
}

/// The rows of the tables found where the mapper puts them, with their columns in schema
/// order: checked once per [`check`], so that identities read cells by position.
struct Layout<'t> {
    /// Per row of the format's table 三, in schema order: the row at that position when
    /// its key and its columns' keys are the schema's.
    requests: Vec<Option<&'t IndexMap<Key, Cell>>>,
    /// Table 四's row `count`, when first and with the schema's columns.
    appeals: Option<&'t IndexMap<Key, Cell>>,
}

impl<'t> Layout<'t> {
    fn of(t: &'t Tables, format: Format) -> Self {
        let cols_ok = |r: &IndexMap<Key, Cell>, defs: &[schema::ColumnDef]| {
            r.len() >= defs.len() && r.keys().zip(defs).all(|(k, d)| k == d.key)
        };
        let requests = schema::REQUESTS
            .rows_in(format)
            .enumerate()
            .map(|(i, d)| match t.requests.rows.get_index(i) {
                Some((k, r)) if k == d.key && cols_ok(r, schema::REQUEST_COLUMNS) => Some(r),
                _ => None,
            })
            .collect();
        let appeals = match t.appeals.rows.get_index(0) {
            Some((k, r)) if k == "count" && cols_ok(r, schema::APPEAL_COLUMNS) => Some(r),
            _ => None,
        };
        Layout { requests, appeals }
    }
}

/// What an identity says, for the message of a finding (formatted only when it fails).
enum Desc {
    Balance(&'static str),
    ResultsSum(&'static str),
    RowTotal(&'static str, &'static str),
    Appeals(&'static str, &'static str),
}

impl Desc {
    fn words(&self) -> (String, String) {
        match *self {
            Desc::Balance(c) => (
                format!("表三“{}”列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度", col_label(c)),
                format!("table 三, column {c}: new_received + carried_over = results_total + carried_forward"),
            ),
            Desc::ResultsSum(c) => (
                format!("表三“{}”列：（七）总计 = 各项办理结果之和", col_label(c)),
                format!("table 三, column {c}: results_total = sum of the results"),
            ),
            Desc::RowTotal(key, label) => (
                format!("表三“{label}”行：总计 = 自然人 + 法人或其他组织各列"),
                format!("table 三, row {key}: total = sum of the six applicant columns"),
            ),
            Desc::Appeals(g, zh) => (
                format!("表四{zh}：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"),
                format!("table 四, {g}: total = upheld + corrected + other + pending"),
            ),
        }
    }
}

/// One identity over table cells: `lhs = rhs`.
struct Identity {
    rule: &'static str,
    lhs: Vec<CellRef>,
    rhs: Vec<CellRef>,
    desc: Desc,
    /// The rule of the finding when a single total on the left is blank (see
    /// [`Ctx::identity`]).
    blank_total_rule: Option<&'static str>,
}

/// The identities of a format, built once per process (keys are strings of the output).
fn identities(format: Format) -> &'static [Identity] {
    static F2019: OnceLock<Vec<Identity>> = OnceLock::new();
    static F2021: OnceLock<Vec<Identity>> = OnceLock::new();
    match format {
        Format::F2019 => F2019.get_or_init(|| build_identities(Format::F2019)),
        Format::F2021 => F2021.get_or_init(|| build_identities(Format::F2021)),
        Format::None => &[],
    }
}

fn build_identities(format: Format) -> Vec<Identity> {
    // Where the mapper puts rows and columns: table 三's rows of the format in schema
    // order, its columns in printed order; table 四's one row with its columns in order.
    let row_at = |row: &str| schema::REQUESTS.rows_in(format).position(|r| r.key == row);
    let col_at = |col: &str| schema::REQUEST_COLUMNS.iter().position(|c| c.key == col);
    let rk = |row: &'static str, col: &str| CellRef::new("requests", row, col, row_at(row).zip(col_at(col)));
    let cols: Vec<&'static str> = schema::REQUEST_COLUMNS.iter().map(|c| c.key).collect();
    let results = result_rows(format);
    let mut out = Vec::new();
    for &c in &cols {
        out.push(Identity {
            rule: "requests.balance",
            lhs: vec![rk("new_received", c), rk("carried_over", c)],
            rhs: vec![rk("results_total", c), rk("carried_forward", c)],
            desc: Desc::Balance(c),
            blank_total_rule: None,
        });
    }
    for &c in &cols {
        out.push(Identity {
            rule: "requests.results_sum",
            lhs: vec![rk("results_total", c)],
            rhs: results.iter().map(|r| rk(r, c)).collect(),
            desc: Desc::ResultsSum(c),
            blank_total_rule: Some("requests.blank_total"),
        });
    }
    for r in schema::REQUESTS.rows_in(format) {
        if r.key == "other_handling" && format == Format::F2021 {
            continue; // derived from its sub-rows, checked through them
        }
        out.push(Identity {
            rule: "requests.row_total",
            lhs: vec![rk(r.key, "total")],
            rhs: cols[..6].iter().map(|c| rk(r.key, c)).collect(),
            desc: Desc::RowTotal(r.key, r.label),
            blank_total_rule: Some("requests.blank_total"),
        });
    }
    for (g, zh) in [("review", "行政复议"), ("direct_suit", "行政诉讼（未经复议直接起诉）"), ("post_review_suit", "行政诉讼（复议后起诉）")] {
        let k = |s: &str| {
            let col = format!("{g}_{s}");
            let at = schema::APPEAL_COLUMNS.iter().position(|c| c.key == col);
            CellRef::new("appeals", "count", &col, at.map(|ci| (0, ci)))
        };
        out.push(Identity {
            rule: "appeals.total",
            lhs: vec![k("total")],
            rhs: vec![k("upheld"), k("corrected"), k("other"), k("pending")],
            desc: Desc::Appeals(g, zh),
            blank_total_rule: Some("appeals.blank_total"),
        });
    }
    out
}

/// A cell read for a check: its value (blank/dash as 0) and whether it was assumed 0;
/// `None` for a cell that stops the check (missing, text, or no such row).
fn term(t: &Tables, layout: &Layout, k: &CellRef) -> Option<(f64, bool)> {
    let c = k.cell(t, layout)?;
    match c.state {
        CellState::Value => c.value.map(|v| (v.as_f64(), false)),
        CellState::Blank | CellState::Dash => Some((0.0, true)),
        _ => None,
    }
}

fn fmt(v: f64) -> String {
    let mut s = String::new();
    push_num(&mut s, v);
    s
}

fn push_num(s: &mut String, v: f64) {
    use std::fmt::Write;
    // (`v.fract() == 0.0`, tested without calling `trunc`: below 1e15 every integer is
    // exact in both types.)
    if v.abs() < 1e15 && (v as i64) as f64 == v {
        push_int(s, v as i64);
    } else {
        let _ = write!(s, "{v}");
    }
}

/// `write!(s, "{n}")` for an integer, without the formatting machinery.
fn push_int(s: &mut String, n: i64) {
    if (0..10).contains(&n) {
        s.push(char::from(b'0' + n as u8));
        return;
    }
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut m = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        s.push('-');
    }
    s.reserve(buf.len() - i);
    for &b in &buf[i..] {
        s.push(char::from(b));
    }
}

fn push_sum(s: &mut String, vs: &[(f64, bool)]) {
    for (i, (v, _)) in vs.iter().enumerate() {
        if i > 0 {
            s.push_str(" + ");
        }
        push_num(s, *v);
    }
}

struct Ctx<'a> {
    /// Scratch buffer of [`Ctx::identity`].
    terms: Vec<(f64, bool)>,
    checks: Vec<Check>,
    findings: Vec<Finding>,
    tables: &'a Tables,
    layout: Layout<'a>,
}

impl Ctx<'_> {
    /// Evaluate `lhs = rhs` over table cells (nothing is recorded when a cell is missing or
    /// text). The identity's wording is formatted only when it fails.
    fn identity(&mut self, id: &'static Identity) {
        // The terms of both sides in one buffer reused across identities.
        let mut terms = std::mem::take(&mut self.terms);
        terms.clear();
        for k in id.lhs.iter().chain(id.rhs.iter()) {
            match term(self.tables, &self.layout, k) {
                Some(t) => terms.push(t),
                None => {
                    self.terms = terms;
                    return;
                }
            }
        }
        self.evaluate(id, &terms);
        self.terms = terms;
    }

    /// [`Ctx::identity`] once every term is read: `terms` are the left side's, then the
    /// right side's.
    fn evaluate(&mut self, id: &'static Identity, terms: &[(f64, bool)]) {
        let (l, r) = terms.split_at(id.lhs.len());
        let ls: f64 = l.iter().map(|t| t.0).sum();
        let rs: f64 = r.iter().map(|t| t.0).sum();
        let keys = || id.lhs.iter().chain(id.rhs.iter());
        // (The identities live for the process: their keys are lent, not copied.)
        let cells: Vec<Key> = keys().map(|k| Key::Borrowed(k.full.as_str())).collect();
        let assumed: Vec<Key> =
            keys().zip(l.iter().chain(r.iter())).filter(|(_, t)| t.1).map(|(k, _)| Key::Borrowed(k.full.as_str())).collect();
        // A single blank total on the left while the parts on the right are not all zero.
        if let Some(rule_bt) = id.blank_total_rule {
            if l.len() == 1 && l[0].1 && rs != 0.0 {
                let k = &id.lhs[0];
                let state = k.cell(self.tables, &self.layout).map(|c| c.state);
                if state == Some(CellState::Blank) {
                    self.findings.push(Finding {
                        rule: rule_bt.into(),
                        severity: Severity::Warning,
                        message: format!("{} 留空，但其各项之和为 {}", k.full, fmt(rs)),
                        message_en: format!("{} is left blank while its parts add up to {}", k.full, fmt(rs)),
                        cells,
                    });
                    return;
                }
            }
        }
        let holds = (ls - rs).abs() < 1e-6;
        let mut expression = String::with_capacity(16 * (l.len() + r.len()));
        push_sum(&mut expression, l);
        expression.push_str(if holds { " = " } else { " ≠ " });
        push_sum(&mut expression, r);
        if !holds {
            expression.push_str(" (");
            push_num(&mut expression, ls);
            expression.push_str(" vs ");
            push_num(&mut expression, rs);
            expression.push(')');
            let (zh, en) = id.desc.words();
            let zero_note_zh = if assumed.is_empty() { String::new() } else { format!("（空白或“—”按 0 计：{}）", assumed.join("、")) };
            let zero_note_en =
                if assumed.is_empty() { String::new() } else { format!(" (blank or dash counted as 0: {})", assumed.join(", ")) };
            self.findings.push(Finding {
                rule: id.rule.into(),
                severity: Severity::Error,
                message: format!("{}不成立：{}{}", zh, expression, zero_note_zh),
                message_en: format!("{} does not hold: {}{}", en, expression, zero_note_en),
                cells: cells.clone(),
            });
        }
        self.checks.push(Check { rule: id.rule.into(), on: "table".into(), holds, expression, cells, assumed_zero: assumed });
    }
}

/// The rows whose sum is （七）总计 in a format.
fn result_rows(format: Format) -> Vec<&'static str> {
    let mut v = vec!["granted", "partially_granted"];
    for r in schema::REQUESTS.rows_in(format) {
        if let Some(g) = r.group {
            if format == Format::F2019 && g == Group::Other {
                continue;
            }
            v.push(r.key);
        }
    }
    if format == Format::F2019 {
        v.push("other_handling");
    }
    v
}

/// Evaluate every identity on the tables and on the prose figures.
pub fn check(t: &Tables, figures: &[Figure], format: Format) -> (Vec<Check>, Vec<Finding>) {
    let layout = Layout::of(t, format);
    let mut cx = Ctx { terms: Vec::new(), checks: Vec::new(), findings: Vec::new(), tables: t, layout };
    for id in identities(format) {
        cx.identity(id);
    }
    prose_checks(&mut cx, figures, format);
    (cx.checks, merge_blank_totals(cx.findings))
}

/// One `*.blank_total` finding per rule and column: a publisher who leaves the 总计 column
/// blank does so in every row, and 22 findings saying so would bury the others.
fn merge_blank_totals(findings: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    let mut groups: Vec<(Key, String, Vec<Finding>)> = Vec::new();
    for f in findings {
        if !f.rule.ends_with(".blank_total") {
            out.push(f);
            continue;
        }
        let col = f.cells.first().and_then(|c| c.rsplit('.').next()).unwrap_or("").to_string();
        match groups.iter_mut().find(|(r, c, _)| *r == f.rule && *c == col) {
            Some(g) => g.2.push(f),
            None => groups.push((f.rule.clone(), col, vec![f])),
        }
    }
    for (rule, _, mut fs) in groups {
        if fs.len() == 1 {
            out.extend(fs.pop());
            continue;
        }
        let totals: Vec<&str> = fs.iter().filter_map(|f| f.cells.first().map(|c| &**c)).collect();
        let mut cells: Vec<Key> = Vec::new();
        for f in &fs {
            for c in &f.cells {
                if !cells.contains(c) {
                    cells.push(c.clone());
                }
            }
        }
        out.push(Finding {
            rule,
            severity: Severity::Warning,
            message: format!("{} 个合计单元格留空，但其各项之和不为 0：{}", totals.len(), totals.join("、")),
            message_en: format!("{} totals are left blank while their parts are not all zero: {}", totals.len(), totals.join(", ")),
            cells,
        });
    }
    out
}

fn col_label(c: &str) -> &'static str {
    schema::REQUEST_COLUMNS.iter().find(|d| d.key == c).map(|d| d.label).unwrap_or("")
}

/// Identities among prose figures, and prose figures against the table.
fn prose_checks(cx: &mut Ctx, figures: &[Figure], format: Format) {
    // The first figure stated for a key counts.
    let mut by_key: HashMap<&str, &Figure> = HashMap::new();
    for f in figures {
        by_key.entry(f.key.as_str()).or_insert(f);
    }
    // The keys are written as the checks report them, `prose:table.row.column`, so that
    // they are lent rather than built for every report.
    let get = |k: &str| by_key.get(k.strip_prefix("prose:").unwrap_or(k)).map(|f| f.value.as_f64());
    let mut prose_identity = |rule: &'static str, lhs: &[&'static str], rhs: &[&'static str], zh: &str, en: &str| {
        let l: Option<Vec<f64>> = lhs.iter().map(|k| get(k)).collect();
        let r: Option<Vec<f64>> = rhs.iter().map(|k| get(k)).collect();
        let (Some(l), Some(r)) = (l, r) else { return };
        let (ls, rs): (f64, f64) = (l.iter().sum(), r.iter().sum());
        let holds = (ls - rs).abs() < 1e-6;
        let j = |v: &[f64]| v.iter().map(|x| fmt(*x)).collect::<Vec<_>>().join(" + ");
        let expression =
            if holds { format!("{} = {}", j(&l), j(&r)) } else { format!("{} ≠ {} ({} vs {})", j(&l), j(&r), fmt(ls), fmt(rs)) };
        let cells: Vec<Key> = lhs.iter().chain(rhs.iter()).map(|&k| Key::Borrowed(k)).collect();
        if !holds {
            cx.findings.push(Finding {
                rule: rule.into(),
                severity: Severity::Warning,
                message: format!("正文数字{}不成立：{}", zh, expression),
                message_en: format!("figures in the text: {} does not hold: {}", en, expression),
                cells: cells.clone(),
            });
        }
        cx.checks.push(Check { rule: rule.into(), on: "prose".into(), holds, expression, cells, assumed_zero: vec![] });
    };
    prose_identity(
        "prose.balance",
        &["prose:requests.new_received.total", "prose:requests.carried_over.total"],
        &["prose:requests.results_total.total", "prose:requests.carried_forward.total"],
        "本年新收 + 上年结转 = 办结 + 结转下年",
        "new + carried over = handled + carried forward",
    );
    let results = [
        "prose:requests.granted.total",
        "prose:requests.partially_granted.total",
        "prose:requests.denied.total",
        "prose:requests.unavailable.total",
        "prose:requests.rejected.total",
        "prose:requests.other_handling.total",
    ];
    prose_identity("prose.results_sum", &["prose:requests.results_total.total"], &results, "办结 = 各项办理结果之和", "handled = sum of the results");
    prose_identity(
        "prose.appeals_total",
        &["prose:appeals.count.review_total"],
        &["prose:appeals.count.review_upheld", "prose:appeals.count.review_corrected", "prose:appeals.count.review_other", "prose:appeals.count.review_pending"],
        "行政复议总数 = 维持 + 纠正 + 其他 + 尚未审结",
        "administrative reviews = upheld + corrected + other + pending",
    );
    prose_identity(
        "prose.appeals_total",
        &["prose:appeals.count.suit_total"],
        &["prose:appeals.count.direct_suit_total", "prose:appeals.count.post_review_suit_total"],
        "行政诉讼总数 = 未经复议直接起诉 + 复议后起诉",
        "lawsuits = direct + after review",
    );

    // Against the table: a prose figure whose canonical cell holds a number.
    if format == Format::None {
        return;
    }
    let mut seen = std::collections::HashSet::new();
    for f in figures {
        if !seen.insert((f.key.as_str(), f.value.as_f64().to_bits())) {
            continue;
        }
        let Some(cell) = cx.tables.cell(&f.key) else { continue };
        let tv = match cell.state {
            CellState::Value => match cell.value {
                Some(v) => v.as_f64(),
                None => continue,
            },
            // A blank or dash cell is not a stated number: the text may well fill it in.
            _ => continue,
        };
        if (tv - f.value.as_f64()).abs() > 1e-6 {
            cx.findings.push(Finding {
                rule: "prose.mismatch".into(),
                severity: Severity::Warning,
                message: format!("正文称“{}”（{}），但表中 {} 为 {}", f.raw, fmt(f.value.as_f64()), f.key, fmt(tv)),
                message_en: format!("the text says \"{}\" ({}) but the table has {} = {}", f.raw, fmt(f.value.as_f64()), f.key, fmt(tv)),
                cells: vec![f.key.clone().into(), format!("prose:{}", f.key).into()],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`push_num`] writes what `{}` of the integer (or of the float) writes.
    #[test]
    fn numbers_format_as_display() {
        let vals = [
            0.0, -0.0, 1.0, 9.0, 10.0, -1.0, -10.0, 99.0, 651.0, 1184388.0, 999_999_999_999_999.0, -999_999_999_999_999.0,
            1e15, -1e15, 1e16, 0.5, -2.25, 3.5, 1.0 / 3.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 123456.75,
        ];
        for v in vals {
            let want = if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") };
            assert_eq!(fmt(v), want, "{v}");
        }
        for n in [i64::MIN, i64::MAX, -9, 10, 100, -100, 1_000_000_007] {
            let mut s = String::from("x");
            push_int(&mut s, n);
            assert_eq!(s, format!("x{n}"));
        }
    }
}

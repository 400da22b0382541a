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

use crate::report::{CellState, Check, Figure, Finding, Severity, Tables};
use crate::schema::{self, Format, Group};
use std::collections::HashMap;

/// One side of an identity: cells and their values.
struct Term {
    key: String,
    value: f64,
    assumed_zero: bool,
}

/// Read a table cell for a check: `Ok(Some)` a number (blank/dash as 0), `Ok(None)` a cell
/// that stops the check (missing or text), `Err` the table lacks the row.
fn term(t: &Tables, key: &str) -> Option<Term> {
    let c = t.cell(key)?;
    match c.state {
        CellState::Value => c.value.map(|v| Term { key: key.to_string(), value: v.as_f64(), assumed_zero: false }),
        CellState::Blank | CellState::Dash => Some(Term { key: key.to_string(), value: 0.0, assumed_zero: true }),
        _ => None,
    }
}

fn fmt(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn sum_expr(ts: &[Term]) -> String {
    ts.iter().map(|t| fmt(t.value)).collect::<Vec<_>>().join(" + ")
}

struct Ctx<'a> {
    checks: Vec<Check>,
    findings: Vec<Finding>,
    tables: &'a Tables,
}

impl Ctx<'_> {
    /// Evaluate `lhs = rhs` over table cells (nothing is recorded when a cell is missing or
    /// text). `describe` gives the identity's Chinese and English wording, needed (and
    /// formatted) only when it fails.
    fn identity<D: FnOnce() -> (String, String)>(
        &mut self,
        rule: &str,
        lhs: &[String],
        rhs: &[String],
        describe: D,
        blank_total_rule: Option<&str>,
    ) {
        let l: Option<Vec<Term>> = lhs.iter().map(|k| term(self.tables, k)).collect();
        let r: Option<Vec<Term>> = rhs.iter().map(|k| term(self.tables, k)).collect();
        let (Some(l), Some(r)) = (l, r) else { return };
        let ls: f64 = l.iter().map(|t| t.value).sum();
        let rs: f64 = r.iter().map(|t| t.value).sum();
        let cells: Vec<String> = lhs.iter().chain(rhs.iter()).cloned().collect();
        let assumed: Vec<String> = l.iter().chain(r.iter()).filter(|t| t.assumed_zero).map(|t| t.key.clone()).collect();
        // A single blank total on the left while the parts on the right are not all zero.
        if let Some(rule_bt) = blank_total_rule {
            if l.len() == 1 && l[0].assumed_zero && rs != 0.0 {
                let state = self.tables.cell(&l[0].key).map(|c| c.state).unwrap_or(CellState::Missing);
                if state == CellState::Blank {
                    self.findings.push(Finding {
                        rule: rule_bt.to_string(),
                        severity: Severity::Warning,
                        message: format!("{} 留空，但其各项之和为 {}", l[0].key, fmt(rs)),
                        message_en: format!("{} is left blank while its parts add up to {}", l[0].key, fmt(rs)),
                        cells: cells.clone(),
                    });
                    return;
                }
            }
        }
        let holds = (ls - rs).abs() < 1e-6;
        let expression = if holds {
            format!("{} = {}", sum_expr(&l), sum_expr(&r))
        } else {
            format!("{} ≠ {} ({} vs {})", sum_expr(&l), sum_expr(&r), fmt(ls), fmt(rs))
        };
        if !holds {
            let (zh, en) = describe();
            let zero_note_zh = if assumed.is_empty() { String::new() } else { format!("（空白或“—”按 0 计：{}）", assumed.join("、")) };
            let zero_note_en =
                if assumed.is_empty() { String::new() } else { format!(" (blank or dash counted as 0: {})", assumed.join(", ")) };
            self.findings.push(Finding {
                rule: rule.to_string(),
                severity: Severity::Error,
                message: format!("{}不成立：{}{}", zh, expression, zero_note_zh),
                message_en: format!("{} does not hold: {}{}", en, expression, zero_note_en),
                cells: cells.clone(),
            });
        }
        self.checks.push(Check { rule: rule.to_string(), on: "table".into(), holds, expression, cells, assumed_zero: assumed });
    }
}

fn rk(row: &str, col: &str) -> String {
    schema::cell_key("requests", row, col)
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
    let mut cx = Ctx { checks: Vec::new(), findings: Vec::new(), tables: t };
    if format != Format::None {
        let cols: Vec<&str> = schema::REQUEST_COLUMNS.iter().map(|c| c.key).collect();
        let results = result_rows(format);
        for c in &cols {
            cx.identity(
                "requests.balance",
                &[rk("new_received", c), rk("carried_over", c)],
                &[rk("results_total", c), rk("carried_forward", c)],
                || {
                    (
                        format!("表三“{}”列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度", col_label(c)),
                        format!("table 三, column {c}: new_received + carried_over = results_total + carried_forward"),
                    )
                },
                None,
            );
        }
        for c in &cols {
            let parts: Vec<String> = results.iter().map(|r| rk(r, c)).collect();
            cx.identity(
                "requests.results_sum",
                &[rk("results_total", c)],
                &parts,
                || {
                    (
                        format!("表三“{}”列：（七）总计 = 各项办理结果之和", col_label(c)),
                        format!("table 三, column {c}: results_total = sum of the results"),
                    )
                },
                Some("requests.blank_total"),
            );
        }
        for r in schema::REQUESTS.rows_in(format) {
            if r.key == "other_handling" && format == Format::F2021 {
                continue; // derived from its sub-rows, checked through them
            }
            let parts: Vec<String> = cols[..6].iter().map(|c| rk(r.key, c)).collect();
            cx.identity(
                "requests.row_total",
                &[rk(r.key, "total")],
                &parts,
                || {
                    (
                        format!("表三“{}”行：总计 = 自然人 + 法人或其他组织各列", r.label),
                        format!("table 三, row {}: total = sum of the six applicant columns", r.key),
                    )
                },
                Some("requests.blank_total"),
            );
        }
        for (g, zh) in [("review", "行政复议"), ("direct_suit", "行政诉讼（未经复议直接起诉）"), ("post_review_suit", "行政诉讼（复议后起诉）")] {
            let k = |s: &str| schema::cell_key("appeals", "count", &format!("{g}_{s}"));
            cx.identity(
                "appeals.total",
                &[k("total")],
                &[k("upheld"), k("corrected"), k("other"), k("pending")],
                || {
                    (
                        format!("表四{zh}：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"),
                        format!("table 四, {g}: total = upheld + corrected + other + pending"),
                    )
                },
                Some("appeals.blank_total"),
            );
        }
    }
    prose_checks(&mut cx, figures, format);
    (cx.checks, merge_blank_totals(cx.findings))
}

/// One `*.blank_total` finding per rule and column: a publisher who leaves the 总计 column
/// blank does so in every row, and 22 findings saying so would bury the others.
fn merge_blank_totals(findings: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    let mut groups: Vec<(String, String, Vec<Finding>)> = Vec::new();
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
        let totals: Vec<String> = fs.iter().filter_map(|f| f.cells.first().cloned()).collect();
        let mut cells: Vec<String> = Vec::new();
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
    let get = |k: &str| by_key.get(k).map(|f| f.value.as_f64());
    let mut prose_identity = |rule: &str, lhs: &[&str], rhs: &[&str], zh: &str, en: &str| {
        let l: Option<Vec<f64>> = lhs.iter().map(|k| get(k)).collect();
        let r: Option<Vec<f64>> = rhs.iter().map(|k| get(k)).collect();
        let (Some(l), Some(r)) = (l, r) else { return };
        let (ls, rs): (f64, f64) = (l.iter().sum(), r.iter().sum());
        let holds = (ls - rs).abs() < 1e-6;
        let j = |v: &[f64]| v.iter().map(|x| fmt(*x)).collect::<Vec<_>>().join(" + ");
        let expression =
            if holds { format!("{} = {}", j(&l), j(&r)) } else { format!("{} ≠ {} ({} vs {})", j(&l), j(&r), fmt(ls), fmt(rs)) };
        let cells: Vec<String> = lhs.iter().chain(rhs.iter()).map(|k| format!("prose:{k}")).collect();
        if !holds {
            cx.findings.push(Finding {
                rule: rule.to_string(),
                severity: Severity::Warning,
                message: format!("正文数字{}不成立：{}", zh, expression),
                message_en: format!("figures in the text: {} does not hold: {}", en, expression),
                cells: cells.clone(),
            });
        }
        cx.checks.push(Check { rule: rule.to_string(), on: "prose".into(), holds, expression, cells, assumed_zero: vec![] });
    };
    prose_identity(
        "prose.balance",
        &["requests.new_received.total", "requests.carried_over.total"],
        &["requests.results_total.total", "requests.carried_forward.total"],
        "本年新收 + 上年结转 = 办结 + 结转下年",
        "new + carried over = handled + carried forward",
    );
    let results = [
        "requests.granted.total",
        "requests.partially_granted.total",
        "requests.denied.total",
        "requests.unavailable.total",
        "requests.rejected.total",
        "requests.other_handling.total",
    ];
    prose_identity("prose.results_sum", &["requests.results_total.total"], &results, "办结 = 各项办理结果之和", "handled = sum of the results");
    prose_identity(
        "prose.appeals_total",
        &["appeals.count.review_total"],
        &["appeals.count.review_upheld", "appeals.count.review_corrected", "appeals.count.review_other", "appeals.count.review_pending"],
        "行政复议总数 = 维持 + 纠正 + 其他 + 尚未审结",
        "administrative reviews = upheld + corrected + other + pending",
    );
    prose_identity(
        "prose.appeals_total",
        &["appeals.count.suit_total"],
        &["appeals.count.direct_suit_total", "appeals.count.post_review_suit_total"],
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
                cells: vec![f.key.clone(), format!("prose:{}", f.key)],
            });
        }
    }
}

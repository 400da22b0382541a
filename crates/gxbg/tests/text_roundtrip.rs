//! Round trip through the text front end and the mapper: random canonical tables 三 and 四
//! that satisfy every identity are rendered the three ways text extractions show them —
//! `|` rows with dropped spans and artifact cells, one cell per line, cells separated by
//! spaces or tabs, digits run together —
//! and `gxbg::parse_str` must give the numbers back, or say explicitly that a run of digits
//! could not be split (`table.ambiguous_digits` naming the row's cells).

use gxbg::{CellState, Number, Options, Report};
use proptest::prelude::*;
use std::collections::HashSet;

const COLS: [&str; 7] = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"];

/// Table 三 rows of the 2021 format: (key, group label printed before the first sub-row, label).
const ROWS: [(&str, &str, &str); 25] = [
    ("new_received", "", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "", "二、上年结转政府信息公开申请数量"),
    ("granted", "三、本年度办理结果", "（一）予以公开"),
    ("partially_granted", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied_state_secret", "（三）不予公开", "1.属于国家秘密"),
    ("denied_law_prohibited", "", "2.其他法律行政法规禁止公开"),
    ("denied_three_safeties", "", "3.危及“三安全一稳定”"),
    ("denied_third_party", "", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "", "5.属于三类内部事务信息"),
    ("denied_process_info", "", "6.属于四类过程性信息"),
    ("denied_enforcement_file", "", "7.属于行政执法案卷"),
    ("denied_query_item", "", "8.属于行政查询事项"),
    ("unavailable_not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "", "3.补正后申请内容仍不明确"),
    ("rejected_complaint", "（五）不予处理", "1.信访举报投诉类申请"),
    ("rejected_duplicate", "", "2.重复申请"),
    ("rejected_publication", "", "3.要求提供公开出版物"),
    ("rejected_excessive", "", "4.无正当理由大量反复申请"),
    ("rejected_confirmation", "", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_no_correction", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_no_fee", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_other", "", "3.其他"),
    ("results_total", "", "（七）总计"),
    ("carried_forward", "", "四、结转下年度继续办理"),
];

const APPEAL_KEYS: [&str; 15] = [
    "review_upheld",
    "review_corrected",
    "review_other",
    "review_pending",
    "review_total",
    "direct_suit_upheld",
    "direct_suit_corrected",
    "direct_suit_other",
    "direct_suit_pending",
    "direct_suit_total",
    "post_review_suit_upheld",
    "post_review_suit_corrected",
    "post_review_suit_other",
    "post_review_suit_pending",
    "post_review_suit_total",
];

const CORNER: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// A report's tables 三 and 四.
#[derive(Debug, Clone)]
struct Tables {
    /// 25 rows × 7 values, in `ROWS` order.
    requests: Vec<[u64; 7]>,
    appeals: [u64; 15],
}

fn count() -> impl Strategy<Value = u64> {
    prop_oneof![6 => Just(0u64), 3 => 1u64..20, 1 => 20u64..800]
}

fn six() -> impl Strategy<Value = [u64; 6]> {
    prop::array::uniform6(count())
}

fn with_total(v: [u64; 6]) -> [u64; 7] {
    let mut r = [0u64; 7];
    r[..6].copy_from_slice(&v);
    r[6] = v.iter().sum();
    r
}

/// Tables 三 and 四 from their free cells: the 21 result rows, 四、结转下年度 and a wish for
/// 二、上年结转 (capped so that 一、本年新收 = （七） + 四 − 二 stays ≥ 0), and table 四's
/// twelve parts.
fn make(results: &[[u64; 6]], forward: [u64; 6], over: [u64; 6], app: [u64; 12]) -> Tables {
    let mut rt = [0u64; 6];
    for r in results {
        for c in 0..6 {
            rt[c] += r[c];
        }
    }
    let mut carried_over = [0u64; 6];
    let mut new_received = [0u64; 6];
    for c in 0..6 {
        carried_over[c] = over[c].min(rt[c] + forward[c]);
        new_received[c] = rt[c] + forward[c] - carried_over[c];
    }
    let mut requests = vec![with_total(new_received), with_total(carried_over)];
    requests.extend(results.iter().map(|r| with_total(*r)));
    requests.push(with_total(rt));
    requests.push(with_total(forward));
    let mut appeals = [0u64; 15];
    for g in 0..3 {
        let parts = &app[g * 4..g * 4 + 4];
        appeals[g * 5..g * 5 + 4].copy_from_slice(parts);
        appeals[g * 5 + 4] = parts.iter().sum();
    }
    Tables { requests, appeals }
}

prop_compose! {
    fn tables()(results in prop::collection::vec(six(), 21), forward in six(), over in six(), app in prop::array::uniform12(count())) -> Tables {
        make(&results, forward, over, app)
    }
}

fn page(t3: &str, t4: &str) -> String {
    format!(
        "某市人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本市依法做好政府信息公开工作，全年办理情况见下表。\n\
         三、收到和处理政府信息公开申请情况\n{t3}\n四、政府信息公开行政复议、行政诉讼情况\n{t4}\n\
         五、存在的主要问题及改进情况\n信息公开工作仍有不足，将进一步加强。\n"
    )
}

/// `|` rows as crawlers print them: merged cells dropped (group labels only on the first
/// sub-row, the label column collapsed), a random number of `| |` artifacts at the end, a
/// trailing `|` or not, zeros printed as `0` or left blank.
fn render_pipes(t: &Tables, style: &[u8]) -> String {
    let mut out = vec![
        format!("{CORNER} | 申请人情况 | ||||||||"),
        "自然人 | 法人或其他组织 | 总计 | |||||||".to_string(),
        "商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||".to_string(),
    ];
    for (i, (_, group, label)) in ROWS.iter().enumerate() {
        let s = style[i % style.len()];
        let mut cells: Vec<String> = Vec::new();
        if !group.is_empty() {
            cells.push(group.to_string());
        }
        cells.push(label.to_string());
        for (c, v) in t.requests[i].iter().enumerate() {
            // Blank zeros, but never in the total column (a blank total is its own finding).
            cells.push(if *v == 0 && c < 6 && s % 3 == 0 { String::new() } else { v.to_string() });
        }
        for _ in 0..(s % 4) {
            cells.push(String::new());
        }
        let mut line = cells.join(" | ");
        if s % 2 == 0 {
            line.push_str(" |");
        }
        out.push(line);
    }
    let t3 = out.join("\n");
    let t4 = [
        "行政复议 | 行政诉讼 | |||||||||||||".to_string(),
        "结果维持 | 结果 纠正 | 其他 结果 | 尚未 审结 | 总计 | 未经复议直接起诉 | 复议后起诉 | ||||||||".to_string(),
        "结果 维持 | 结果 纠正 | 其他 结果 | 尚未 审结 | 总计 | 结果 维持 | 结果 纠正 | 其他 结果 | 尚未 审结 | 总计 | |||||".to_string(),
        t.appeals.iter().map(u64::to_string).collect::<Vec<_>>().join(" | ") + " |",
    ]
    .join("\n");
    page(&t3, &t4)
}

/// One cell per line, with `sep` blank lines between cells; zeros as `0` or `—`.
fn render_cells(t: &Tables, sep: usize, dash_zero: bool) -> String {
    let mut cells: Vec<String> = vec![CORNER.into(), "申请人情况".into(), "自然人".into(), "法人或其他组织".into(), "总计".into()];
    cells.extend(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].map(String::from));
    for (i, (_, group, label)) in ROWS.iter().enumerate() {
        if !group.is_empty() {
            cells.push(group.to_string());
        }
        cells.push(label.to_string());
        for v in t.requests[i] {
            cells.push(if v == 0 && dash_zero { "—".into() } else { v.to_string() });
        }
    }
    let mut c4: Vec<String> = ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"]
        .map(String::from)
        .to_vec();
    for _ in 0..2 {
        c4.extend(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].map(String::from));
    }
    c4.extend(t.appeals.iter().map(u64::to_string));
    let joiner = "\n".repeat(sep + 1);
    page(&cells.join(&joiner), &c4.join(&joiner))
}

/// Each row on one line with its numbers run together after the label.
fn render_run_together(t: &Tables) -> String {
    let mut out = vec![format!("{CORNER}申请人情况"), "自然人法人或其他组织总计".into(), "商业企业科研机构社会公益组织法律服务机构其他".into()];
    for (i, (_, group, label)) in ROWS.iter().enumerate() {
        let digits: String = t.requests[i].iter().map(u64::to_string).collect();
        out.push(format!("{group}{label}{digits}"));
    }
    let t4 = [
        "行政复议行政诉讼".to_string(),
        "结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉".into(),
        "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计".into(),
        t.appeals.iter().map(u64::to_string).collect(),
    ]
    .join("\n");
    page(&out.join("\n"), &t4)
}

/// Each row on one line, cells separated by `sep` (spaces, or tabs as a browser copy gives
/// them); the group label on its own line before the first sub-row when `group_line`.
fn render_separated(t: &Tables, sep: &str, group_line: bool) -> String {
    let words = |w: &[&str]| w.join(sep);
    let mut out = vec![
        words(&[CORNER, "申请人情况"]),
        words(&["自然人", "法人或其他组织", "总计"]),
        words(&["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]),
    ];
    for (i, (_, group, label)) in ROWS.iter().enumerate() {
        let mut cells: Vec<String> = Vec::new();
        if !group.is_empty() {
            if group_line {
                out.push(group.to_string());
            } else {
                cells.push(group.to_string());
            }
        }
        cells.push(label.to_string());
        cells.extend(t.requests[i].iter().map(u64::to_string));
        out.push(cells.join(sep));
    }
    let t4 = [
        words(&["行政复议", "行政诉讼"]),
        words(&["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"]),
        words(&["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]),
        t.appeals.iter().map(u64::to_string).collect::<Vec<_>>().join(sep),
    ]
    .join("\n");
    page(&out.join("\n"), &t4)
}

/// Cells named by `table.ambiguous_digits` findings.
fn ambiguous_cells(r: &Report) -> HashSet<String> {
    r.findings.iter().filter(|f| f.rule == "table.ambiguous_digits").flat_map(|f| f.cells.iter().map(|c| c.to_string())).collect()
}

/// Compare the report with the tables; `allow_ambiguous` lets cells named by an ambiguity
/// finding be absent.
fn check(r: &Report, t: &Tables, allow_ambiguous: bool, text: &str) -> Result<(), TestCaseError> {
    let amb = ambiguous_cells(r);
    prop_assert!(allow_ambiguous || amb.is_empty(), "unexpected ambiguity {:?}\n{}", amb, text);
    let mut expect: Vec<(String, u64)> = Vec::new();
    for (i, (key, _, _)) in ROWS.iter().enumerate() {
        for (c, col) in COLS.iter().enumerate() {
            expect.push((format!("requests.{key}.{col}"), t.requests[i][c]));
        }
    }
    for (k, v) in APPEAL_KEYS.iter().zip(t.appeals) {
        expect.push((format!("appeals.count.{k}"), v));
    }
    for (key, want) in expect {
        if amb.contains(&key) {
            continue;
        }
        let cell = r.tables.cell(&key);
        prop_assert!(cell.is_some(), "{key}: no cell\n{text}");
        let cell = cell.unwrap();
        let ok = match cell.state {
            CellState::Value => cell.value == Some(Number::Int(want as i64)),
            CellState::Blank | CellState::Dash => want == 0,
            _ => false,
        };
        prop_assert!(ok, "{key}: {:?} {:?} (raw {:?}), want {want}\n{text}", cell.state, cell.value, cell.raw);
    }
    // No identity may fail: the tables satisfy them all.
    let failed: Vec<&str> = r.checks.iter().filter(|c| !c.holds).map(|c| c.expression.as_str()).collect();
    prop_assert!(failed.is_empty(), "failed checks {failed:?}\n{text}");
    Ok(())
}

fn parse(text: &str) -> Report {
    gxbg::parse_str(text, &Options::default()).expect("parses")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn pipe_rows_round_trip(t in tables(), style in prop::collection::vec(0u8..12, 1..8)) {
        let text = render_pipes(&t, &style);
        check(&parse(&text), &t, false, &text)?;
    }

    #[test]
    fn cell_per_line_round_trip(t in tables(), sep in 0usize..3, dash in any::<bool>()) {
        let text = render_cells(&t, sep, dash);
        check(&parse(&text), &t, false, &text)?;
    }

    #[test]
    fn separated_rows_round_trip(t in tables(), sep in prop::sample::select(vec![" ", "  ", "\t", " \u{3000}"]), group_line in any::<bool>()) {
        let text = render_separated(&t, sep, group_line);
        check(&parse(&text), &t, false, &text)?;
    }

    #[test]
    fn run_together_round_trip(t in tables()) {
        let text = render_run_together(&t);
        let r = parse(&text);
        check(&r, &t, true, &text)?;
        // A row the splitter cuts uniquely must not be reported ambiguous.
        let amb = ambiguous_cells(&r);
        for (i, (key, _, _)) in ROWS.iter().enumerate() {
            let run: String = t.requests[i].iter().map(u64::to_string).collect();
            if let gxbg::digits::Split::Unique(_) = gxbg::digits::split_request_row(&run) {
                prop_assert!(!amb.contains(&format!("requests.{key}.total")), "{key} {run} split uniquely but was reported ambiguous");
            }
        }
    }
}

#[test]
fn the_renderings_of_one_table_parse_the_same() {
    // A fixed table (seed 004's numbers) through all three renderings.
    let mut results = vec![[0u64; 6]; 21];
    for (i, r) in [
        (0, [326, 0, 0, 0, 1, 0]),
        (1, [110, 1, 0, 0, 0, 0]),
        (2, [1, 0, 0, 0, 0, 0]),
        (3, [3, 0, 0, 0, 0, 0]),
        (5, [7, 0, 0, 0, 0, 0]),
        (6, [2, 0, 0, 0, 0, 0]),
        (7, [2, 0, 0, 0, 0, 0]),
        (8, [4, 0, 0, 0, 0, 0]),
        (9, [5, 0, 0, 0, 0, 0]),
        (10, [157, 1, 0, 0, 5, 0]),
        (11, [7, 0, 0, 0, 0, 0]),
        (13, [1, 0, 0, 0, 0, 0]),
        (14, [3, 0, 0, 0, 0, 0]),
        (18, [4, 0, 0, 0, 0, 0]),
        (20, [10, 0, 0, 0, 0, 0]),
    ] {
        results[i] = r;
    }
    let t = make(&results, [17, 1, 0, 0, 0, 0], [17, 0, 0, 0, 0, 0], [28, 9, 3, 1, 6, 0, 2, 0, 1, 0, 0, 0]);
    assert_eq!(t.requests[0], [642, 3, 0, 0, 6, 0, 651]);
    assert_eq!(t.requests[23], [642, 2, 0, 0, 6, 0, 650]);
    assert_eq!(t.appeals, [28, 9, 3, 1, 41, 6, 0, 2, 0, 8, 1, 0, 0, 0, 1]);
    for text in [render_pipes(&t, &[0, 1, 2, 3, 5]), render_cells(&t, 1, false), render_cells(&t, 0, true)] {
        let r = parse(&text);
        check(&r, &t, false, &text).unwrap();
    }
    let text = render_run_together(&t);
    check(&parse(&text), &t, true, &text).unwrap();
}

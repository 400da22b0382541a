//! The five seed reports (tests/seeds, from shared/seeds) and what a correct parse of
//! each yields (tests/seeds/SEEDS.md).

use gxbg::{CellState, Format, Number, Options, Report, TableStatus};
use std::path::PathBuf;

fn seed(prefix: &str) -> Report {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/seeds");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("seed {prefix} not found"));
    gxbg::parse_file(&path, &Options::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn val(r: &Report, key: &str) -> Option<i64> {
    let c = r.tables.cell(key).unwrap_or_else(|| panic!("no cell {key}"));
    assert_eq!(c.state, CellState::Value, "{key}: {c:?}");
    c.value.and_then(Number::as_i64)
}

fn row(r: &Report, row: &str) -> Vec<i64> {
    ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
        .iter()
        .map(|c| val(r, &format!("requests.{row}.{c}")).unwrap())
        .collect()
}

fn figure(r: &Report, key: &str) -> Vec<i64> {
    r.figures.iter().filter(|f| f.key == key).filter_map(|f| f.value.as_i64()).collect()
}

#[test]
fn seed_004_xuancheng_complete_tables_no_finding() {
    let r = seed("004");
    assert_eq!(r.format, Format::F2021);
    for (k, v) in [
        ("proactive.regulations.issued", 2),
        ("proactive.regulations.repealed", 1),
        ("proactive.regulations.in_force", 10),
        ("proactive.normative_documents.issued", 150),
        ("proactive.normative_documents.repealed", 136),
        ("proactive.normative_documents.in_force", 819),
        ("proactive.licensing.decisions", 1184388),
        ("proactive.penalty.decisions", 2463842),
        ("proactive.coercion.decisions", 6547),
        ("proactive.fees.amount_10k_yuan", 32788),
    ] {
        assert_eq!(val(&r, k), Some(v), "{k}");
    }
    assert_eq!(row(&r, "new_received"), [642, 3, 0, 0, 6, 0, 651]);
    assert_eq!(row(&r, "carried_over"), [17, 0, 0, 0, 0, 0, 17]);
    assert_eq!(row(&r, "granted"), [326, 0, 0, 0, 1, 0, 327]);
    assert_eq!(row(&r, "partially_granted"), [110, 1, 0, 0, 0, 0, 111]);
    for (k, v) in [
        ("denied_state_secret", 1),
        ("denied_law_prohibited", 3),
        ("denied_three_safeties", 0),
        ("denied_third_party", 7),
        ("denied_internal_affairs", 2),
        ("denied_process_info", 2),
        ("denied_enforcement_file", 4),
        ("denied_query_item", 5),
        ("unavailable_needs_creation", 7),
        ("unavailable_unclear", 0),
        ("rejected_complaint", 1),
        ("rejected_duplicate", 3),
        ("rejected_publication", 0),
        ("rejected_excessive", 0),
        ("rejected_confirmation", 0),
        ("other_no_correction", 4),
        ("other_no_fee", 0),
        ("other_other", 10),
    ] {
        assert_eq!(row(&r, k), [v, 0, 0, 0, 0, 0, v], "{k}");
    }
    assert_eq!(row(&r, "unavailable_not_held"), [157, 1, 0, 0, 5, 0, 163]);
    assert_eq!(row(&r, "results_total"), [642, 2, 0, 0, 6, 0, 650]);
    assert_eq!(row(&r, "carried_forward"), [17, 1, 0, 0, 0, 0, 18]);
    // In the 2021 format other_handling is derived from its three sub-rows.
    assert_eq!(row(&r, "other_handling"), [14, 0, 0, 0, 0, 0, 14]);
    assert!(r.tables.cell("requests.other_handling.total").unwrap().derived);
    let appeals: Vec<i64> = gxbg::schema::APPEAL_COLUMNS
        .iter()
        .map(|c| val(&r, &format!("appeals.count.{}", c.key)).unwrap())
        .collect();
    assert_eq!(appeals, [28, 9, 3, 1, 41, 6, 0, 2, 0, 8, 1, 0, 0, 0, 1]);
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    let balance = r.checks.iter().find(|c| c.rule == "requests.balance" && c.cells[0].ends_with(".total")).unwrap();
    assert!(balance.holds);
    assert_eq!(balance.expression, "651 + 17 = 650 + 18");
    assert!(r.checks.iter().filter(|c| c.on == "table").all(|c| c.holds));
    // 7 balance + 7 results-sum + 25 row totals (other_handling is derived) + 3 appeals totals.
    assert_eq!(r.checks.iter().filter(|c| c.on == "table").count(), 7 + 7 + 25 + 3);
}

#[test]
fn seed_003_liaoyuan_truncated_table_two() {
    let r = seed("003");
    assert_eq!(r.format, Format::F2021);
    assert_eq!(r.tables.proactive.status, TableStatus::Truncated);
    assert_eq!(val(&r, "proactive.regulations.issued"), Some(1));
    assert_eq!(val(&r, "proactive.regulations.repealed"), Some(1));
    assert_eq!(val(&r, "proactive.regulations.in_force"), Some(2));
    assert_eq!(val(&r, "proactive.normative_documents.issued"), Some(6));
    for k in ["proactive.normative_documents.repealed", "proactive.normative_documents.in_force", "proactive.licensing.decisions"] {
        assert_eq!(r.tables.cell(k).unwrap().state, CellState::Missing, "{k}");
    }
    let f = r.findings.iter().find(|f| f.rule == "table.truncated").expect("truncation finding");
    assert!(f.cells.iter().any(|c| c == "proactive.normative_documents.repealed"));
    assert_eq!(r.tables.requests.status, TableStatus::Missing);
    assert_eq!(r.tables.appeals.status, TableStatus::Missing);
    assert_eq!(r.meta.title.as_deref(), Some("辽源市人民政府2023年政府信息公开工作年度报告"));
    assert_eq!(r.meta.publish_date.as_deref(), Some("2024-02-29"));
    assert_eq!(figure(&r, "requests.new_received.total"), [315]);
    assert_eq!(figure(&r, "requests.new_received.natural_person"), [312]);
    assert_eq!(figure(&r, "requests.carried_over.total"), [8]);
    assert_eq!(figure(&r, "requests.results_total.total"), [317]);
    assert_eq!(figure(&r, "requests.carried_forward.total"), [6]);
    assert_eq!(figure(&r, "requests.granted.total"), [174]);
    assert_eq!(figure(&r, "requests.partially_granted.total"), [14]);
    let balance = r.checks.iter().find(|c| c.rule == "prose.balance").expect("prose balance");
    assert!(balance.holds, "{balance:?}");
    assert_eq!(balance.expression, "315 + 8 = 317 + 6");
}

#[test]
fn seed_002_luozhuang_interpretation_prose_only() {
    let r = seed("002");
    assert_eq!(r.meta.document_kind, Some(gxbg::DocumentKind::Interpretation));
    assert_eq!(r.meta.index_number.as_deref(), Some("luozhuangqulz201/2020-0000160"));
    assert_eq!(r.meta.publish_date.as_deref(), Some("2020-02-05"));
    assert_eq!(r.meta.publisher.as_deref(), Some("罗庄区政府办公室"));
    assert_eq!(r.meta.year, Some(2019));
    assert_eq!(r.format, Format::F2019);
    for (_, t) in r.tables.iter() {
        assert_eq!(t.status, TableStatus::Missing);
    }
    for (k, v) in [
        ("requests.new_received.total", 95),
        ("requests.granted.total", 36),
        ("requests.partially_granted.total", 12),
        ("appeals.count.review_total", 23),
        ("appeals.count.review_upheld", 10),
        ("appeals.count.review_corrected", 10),
        ("appeals.count.review_other", 1),
        ("appeals.count.review_pending", 2),
    ] {
        assert_eq!(figure(&r, k), [v], "{k}");
    }
    let appeals = r.checks.iter().find(|c| c.rule == "prose.appeals_total").expect("appeals check");
    assert!(appeals.holds);
}

#[test]
fn seed_001_qingdao_traditional_label_only() {
    let r = seed("001");
    for w in ["申请", "规范性文件", "程序", "优化", "智能"] {
        assert!(r.text.contains(w), "{w}");
    }
    for w in ["申請", "規範性檔案", "程式", "最佳化", "智慧型"] {
        assert!(!r.text.contains(w), "{w} left");
    }
    assert!(r.conversion.converted);
    assert_eq!(r.tables.requests.status, TableStatus::PresentWithoutValues);
    for row in r.tables.requests.rows.values() {
        for c in row.values() {
            assert_eq!(c.state, CellState::Missing);
        }
    }
    assert_eq!(r.format, Format::F2021);
    for (k, v) in [
        ("requests.new_received.total", 8643),
        ("requests.carried_over.total", 183),
        ("requests.results_total.total", 8550),
        ("requests.carried_forward.total", 276),
        ("requests.granted.total", 2764),
        ("requests.partially_granted.total", 1129),
        ("requests.other_handling.total", 404),
        ("appeals.count.review_total", 286),
    ] {
        assert_eq!(figure(&r, k), [v], "{k}");
    }
    let balance = r.checks.iter().find(|c| c.rule == "prose.balance").unwrap();
    assert!(balance.holds);
    assert_eq!(balance.expression, "8643 + 183 = 8550 + 276");
    let sum = r.checks.iter().find(|c| c.rule == "prose.results_sum").unwrap();
    assert!(sum.holds, "{sum:?}");
}

#[test]
fn seed_000_linyi_tables_lost() {
    let r = seed("000");
    assert_eq!(r.format, Format::F2021);
    for (_, t) in r.tables.iter() {
        assert_eq!(t.status, TableStatus::Missing);
    }
    assert_eq!(r.meta.index_number.as_deref(), Some("1585729837/zfb/2025-0000050"));
    assert_eq!(r.meta.publisher.as_deref(), Some("临沂市政府办公室"));
    assert_eq!(r.meta.publish_date.as_deref(), Some("2025-03-05"));
    assert_eq!(r.meta.title.as_deref(), Some("临沂市人民政府2024年政府信息公开工作年度报告"));
    assert_eq!(r.meta.year, Some(2024));
    assert_eq!(figure(&r, "requests.new_received.total"), [4530]);
    assert_eq!(figure(&r, "appeals.count.review_total"), [356]);
    assert_eq!(figure(&r, "appeals.count.direct_suit_total"), [47]);
    assert_eq!(figure(&r, "appeals.count.post_review_suit_total"), [113]);
    // CSV: no table rows for lost tables, prose figures marked as such.
    let csv = gxbg::output::to_csv(&[&r]);
    assert!(csv.starts_with("source,table,row,column,value,raw,state\n"));
    assert!(csv.lines().skip(1).all(|l| l.split(',').nth(1).unwrap().starts_with("prose:")));
}

#[test]
fn simplified_seeds_are_not_converted() {
    for p in ["000", "002", "003", "004"] {
        let r = seed(p);
        assert!(!r.conversion.converted, "{p}");
        assert_eq!(r.conversion.script, "simplified", "{p}");
    }
}

#[test]
fn conversion_can_be_switched_off() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/seeds/001_5365a28e3cd647f6.txt");
    let opts = Options { convert_traditional: false, ..Options::default() };
    let r = gxbg::parse_file(dir, &opts).unwrap();
    assert!(!r.conversion.converted);
    assert_eq!(r.conversion.script, "traditional");
    assert!(r.text.contains("申請"));
}

//! Figures from prose, metadata and sections on the five seeds and the two corpus pages,
//! through the whole pipeline and through the functions alone.

use gxbg::blocks::{Document, InputKind, PageHints};
use gxbg::{DocumentKind, Figure, Options, Report};
use proptest::prelude::*;

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed_path(prefix: &str) -> std::path::PathBuf {
    let dir = root().join("tests/seeds");
    std::fs::read_dir(&dir)
        .expect("seeds directory")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
        .expect("seed file")
}

fn seed_raw(prefix: &str) -> String {
    std::fs::read_to_string(seed_path(prefix)).expect("read seed")
}

/// The seed as the pipeline's normaliser sees it.
fn seed_text(prefix: &str) -> String {
    gxbg::normalize::normalize_text(&seed_raw(prefix)).0
}

fn parse(prefix: &str) -> Report {
    gxbg::parse_file(seed_path(prefix), &Options::default()).expect("seed parses")
}

fn corpus(name: &str) -> Report {
    gxbg::parse_file(root().join("examples/reports").join(name), &Options::default()).expect("corpus page parses")
}

fn pairs(f: &[Figure]) -> Vec<(String, f64)> {
    f.iter().map(|f| (f.key.clone(), f.value.as_f64())).collect()
}

fn expect(f: &[Figure], want: &[(&str, f64)]) {
    let got = pairs(f);
    let want: Vec<(String, f64)> = want.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    assert_eq!(got, want, "\n got: {got:#?}");
}

/// Every figure's `raw` is at its character offset in `text`, inside its sentence.
fn offsets_hold(text: &str, f: &[Figure]) {
    for x in f {
        let at: String = text.chars().skip(x.offset).take(x.raw.chars().count()).collect();
        assert_eq!(at, x.raw, "{x:?}");
        assert!(x.sentence.contains(&x.raw));
    }
}

const SEED_003: &[(&str, f64)] = &[
    ("requests.new_received.total", 315.0),
    ("requests.new_received.natural_person", 312.0),
    ("requests.new_received.organizations", 3.0),
    ("requests.carried_over.total", 8.0),
    ("requests.results_total.total", 317.0),
    ("requests.carried_forward.total", 6.0),
    ("requests.granted.total", 174.0),
    ("requests.partially_granted.total", 14.0),
    ("requests.denied.total", 15.0),
    ("requests.unavailable.total", 100.0),
    ("requests.rejected_or_other.total", 14.0),
];

const SEED_002: &[(&str, f64)] = &[
    ("requests.new_received.total", 95.0),
    ("requests.granted.total", 36.0),
    ("requests.partially_granted.total", 12.0),
    ("requests.denied.total", 17.0),
    ("requests.unavailable.total", 26.0),
    ("requests.rejected.total", 3.0),
    ("requests.carried_forward.total", 1.0),
    ("appeals.count.review_total", 23.0),
    ("appeals.count.review_upheld", 10.0),
    ("appeals.count.review_corrected", 10.0),
    ("appeals.count.review_other", 1.0),
    ("appeals.count.review_pending", 2.0),
    ("appeals.count.suit_total", 8.0),
    ("appeals.count.suit_upheld", 6.0),
    ("appeals.count.suit_other", 2.0),
];

const SEED_001: &[(&str, f64)] = &[
    ("requests.new_received.total", 8643.0),
    ("requests.carried_over.total", 183.0),
    ("requests.results_total.total", 8550.0),
    ("requests.carried_forward.total", 276.0),
    ("requests.granted.total", 2764.0),
    ("requests.partially_granted.total", 1129.0),
    ("requests.denied.total", 657.0),
    ("requests.unavailable.total", 3431.0),
    ("requests.rejected.total", 165.0),
    ("requests.other_handling.total", 404.0),
    ("appeals.count.review_total", 286.0),
    ("appeals.count.suit_total", 241.0),
    ("requests.fees.yuan", 1500.0),
];

const SEED_000: &[(&str, f64)] = &[
    ("requests.new_received.total", 4530.0),
    ("appeals.count.review_total", 356.0),
    ("appeals.count.suit_total", 160.0),
    ("appeals.count.direct_suit_total", 47.0),
    ("appeals.count.post_review_suit_total", 113.0),
    // 全市各级各部门未收取依申请公开信息处理费.
    ("requests.fees.yuan", 0.0),
];

// 004 states no request figures (全市共办理…申请668件 is new + carried over: ambiguous,
// deliberately no figure); 本年度没有产生信息公开处理费 is a stated zero.
const SEED_004: &[(&str, f64)] = &[("requests.fees.yuan", 0.0)];

#[test]
fn seed_figures_from_text() {
    for (seed, want) in [("000", SEED_000), ("001", SEED_001), ("002", SEED_002), ("003", SEED_003), ("004", SEED_004)] {
        let text = seed_text(seed);
        let f = gxbg::prose::figures(&text);
        offsets_hold(&text, &f);
        expect(&f, want);
    }
}

#[test]
fn seed_figures_through_the_pipeline() {
    for (seed, want) in [("000", SEED_000), ("001", SEED_001), ("002", SEED_002), ("003", SEED_003), ("004", SEED_004)] {
        let r = parse(seed);
        offsets_hold(&r.text, &r.figures);
        expect(&r.figures, want);
    }
}

#[test]
fn seed_figure_words() {
    let text = seed_text("001");
    let f = gxbg::prose::figures(&text);
    assert_eq!(f[0].raw, "新收到政府信息公开申请8643件");
    assert!(f[0].sentence.starts_with("全年新收到政府信息公开申请8643件"));
    assert_eq!(f[0].unit.as_deref(), Some("件"));
    let fee = f.iter().find(|x| x.key == "requests.fees.yuan").expect("fee");
    assert_eq!((fee.raw.as_str(), fee.unit.as_deref()), ("收取信息处理费1500元", Some("元")));
    let text = seed_text("002");
    let f = gxbg::prose::figures(&text);
    let suit = f.iter().find(|x| x.key == "appeals.count.suit_total").expect("suits");
    assert_eq!(suit.raw, "受理8件因政府信息公开申请提起的行政诉讼");
}

#[test]
fn prose_identities_hold_on_the_seeds() {
    // The balance 新收 + 上年结转 = 办结 + 结转下年 holds on the figures of 001 and 003.
    for seed in ["001", "003"] {
        let r = parse(seed);
        let c = r.checks.iter().find(|c| c.rule == "prose.balance" && c.on == "prose").expect("prose balance evaluated");
        assert!(c.holds, "{seed}: {}", c.expression);
    }
}

fn meta_of(prefix: &str) -> gxbg::Meta {
    parse(prefix).meta
}

/// The text path alone: no hints, the raw header lines in the text.
fn meta_from_text(prefix: &str) -> gxbg::Meta {
    let text = seed_text(prefix);
    let doc = Document { kind: InputKind::Text, blocks: Vec::new(), hints: PageHints::default() };
    gxbg::meta::extract(&doc, &text)
}

#[test]
fn seed_metadata() {
    for m in [meta_of("000"), meta_from_text("000")] {
        assert_eq!(m.index_number.as_deref(), Some("1585729837/zfb/2025-0000050"));
        assert_eq!(m.publisher.as_deref(), Some("临沂市政府办公室"));
        assert_eq!(m.publish_date.as_deref(), Some("2025-03-05"));
        assert_eq!(m.title.as_deref(), Some("临沂市人民政府2024年政府信息公开工作年度报告"));
        assert_eq!(m.year, Some(2024));
        assert_eq!(m.document_kind, Some(DocumentKind::Report));
    }
    for m in [meta_of("001"), meta_from_text("001")] {
        assert_eq!(m.year, Some(2023));
        assert_eq!(m.title, None);
        assert_eq!(m.document_kind, Some(DocumentKind::Report));
    }
    for m in [meta_of("002"), meta_from_text("002")] {
        assert_eq!(m.index_number.as_deref(), Some("luozhuangqulz201/2020-0000160"));
        assert_eq!(m.publish_date.as_deref(), Some("2020-02-05"));
        assert_eq!(m.publisher.as_deref(), Some("罗庄区政府办公室"));
        assert_eq!(m.year, Some(2019));
        assert_eq!(m.document_kind, Some(DocumentKind::Interpretation));
        assert!(m.title.as_deref().is_some_and(|t| t.contains("2019年罗庄区政府信息公开工作年度报告")));
    }
    for m in [meta_of("003"), meta_from_text("003")] {
        assert_eq!(m.title.as_deref(), Some("辽源市人民政府2023年政府信息公开工作年度报告"));
        assert_eq!(m.publish_date.as_deref(), Some("2024-02-29"));
        assert_eq!(m.publisher.as_deref(), Some("辽源市人民政府"));
        assert_eq!(m.year, Some(2023));
        assert_eq!(m.index_number, None);
        assert_eq!(m.document_kind, Some(DocumentKind::Report));
    }
    for m in [meta_of("004"), meta_from_text("004")] {
        assert_eq!(m.year, Some(2024));
        assert_eq!(m.publish_date, None);
        assert_eq!(m.document_kind, Some(DocumentKind::Report));
    }
}

fn titles(r: &Report) -> Vec<(String, String)> {
    r.sections.iter().map(|s| (s.numeral.clone(), s.title.clone())).collect()
}

fn six(titles: [&str; 6]) -> Vec<(String, String)> {
    ["一", "二", "三", "四", "五", "六"].iter().zip(titles).map(|(n, t)| (n.to_string(), t.to_string())).collect()
}

const STD: [&str; 6] = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
];

#[test]
fn seed_sections() {
    let r = parse("000");
    assert_eq!(titles(&r), six(STD));
    // Inline headings in the one-line body; offsets point at the numeral.
    for s in &r.sections {
        let at: String = r.text.chars().skip(s.offset).take(1).collect();
        assert_eq!(at, s.numeral);
    }
    assert!(r.sections[0].text.starts_with("2024年,临沂市坚持"));
    assert!(r.sections[5].text.starts_with("(一)依申请公开信息处理费收费情况"));

    let r = parse("001");
    let mut want = six(STD);
    want[3].1 = "因政府信息公开工作被申请行政复议、提起行政诉讼情况".into();
    want[4].1 = "政府信息公开工作存在的主要问题及改进情况".into();
    assert_eq!(titles(&r), want);

    let r = parse("002");
    assert_eq!(
        titles(&r),
        vec![("一".to_string(), "总体情况".to_string()), ("二".to_string(), "存在的主要问题及改进情况".to_string())]
    );

    // 003 is cut off inside table 二.
    let r = parse("003");
    assert_eq!(titles(&r), six(STD)[..2].to_vec());

    // 004: the table rows 一、本年新收… 二、上年结转… 四、结转下年度… are not sections.
    let r = parse("004");
    let mut want = six(STD);
    want[4].1 = "存在的主要问题及改进举措".into();
    assert_eq!(titles(&r), want);
    assert!(r.sections[2].text.contains("本年新收政府信息公开申请数量"));
}

#[test]
fn corpus_pingtan_2021() {
    let r = corpus("pingtan-2021.html");
    offsets_hold(&r.text, &r.figures);
    expect(
        &r.figures,
        &[
            ("requests.new_received.total", 70.0),
            ("requests.results_total.total", 69.0),
            ("requests.carried_forward.total", 1.0),
            ("requests.fees.yuan", 0.0),
        ],
    );
    let m = &r.meta;
    assert_eq!(m.title.as_deref(), Some("平潭综合实验区2021年度政府信息公开工作年度报告"));
    assert_eq!(m.year, Some(2021));
    assert_eq!(m.publish_date.as_deref(), Some("2022-02-08"));
    assert_eq!(m.document_kind, Some(DocumentKind::Report));
    assert!(m.publisher.is_some());
    assert_eq!(titles(&r), six(STD));
}

#[test]
fn corpus_pingtan_tourism_2019() {
    let r = corpus("pingtan-tourism-2019.html");
    offsets_hold(&r.text, &r.figures);
    // 未收到信息公开申请: a stated zero.
    expect(&r.figures, &[("requests.new_received.total", 0.0)]);
    let m = &r.meta;
    assert_eq!(m.title.as_deref(), Some("平潭综合实验区旅游与文化体育局2019年度政府信息公开工作年度报告"));
    assert_eq!(m.publisher.as_deref(), Some("平潭综合实验区旅游与文化体育局"));
    assert_eq!(m.year, Some(2019));
    assert_eq!(m.publish_date.as_deref(), Some("2020-01-06"));
    // The page numbers two sections 二: both are kept, in order.
    let t = titles(&r);
    assert_eq!(t.len(), 6, "{t:?}");
    assert_eq!(t[2], ("二".to_string(), "收到和处理政府信息公开申请情况".to_string()));
}

const VOCAB: &[&str] = &[
    "收到", "申请", "政府信息公开", "件", "个", "元", "万", "余", "，", "。", "；", "、", "(", ")", "|", "\n", " ", "1", "2", "0", ",", ".",
    "%", "二十", "一", "三、", "四、", "行政复议", "行政诉讼", "维持", "纠错", "其他", "尚未审结", "予以公开", "不予处理", "和",
    "其他处理", "结转", "上年", "下年", "继续办理", "办结", "自然人", "法人或其他组织", "未收取", "信息处理费", "未发生", "因", "无",
    "制发", "规章", "规范性文件", "总体情况", "索引号", "发布日期", ":", "2024-02-29", "标题", "2023年", "年度报告", "解读",
    "未经复议", "直接起诉", "复议后起诉", "“", "”", "第", "占", "比上年", "增长",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn never_panics_and_offsets_hold(parts in proptest::collection::vec(0..VOCAB.len(), 0..80)) {
        let text: String = parts.iter().map(|&i| VOCAB[i]).collect();
        let f = gxbg::prose::figures(&text);
        offsets_hold(&text, &f);
        let s = gxbg::meta::sections(&text);
        for x in &s {
            let at: String = text.chars().skip(x.offset).take(x.numeral.chars().count()).collect();
            prop_assert_eq!(at, x.numeral.clone());
        }
        let doc = Document { kind: InputKind::Text, blocks: Vec::new(), hints: PageHints::default() };
        let _ = gxbg::meta::extract(&doc, &text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = gxbg::prose::figures(&text);
        let _ = gxbg::meta::sections(&text);
        let doc = Document {
            kind: InputKind::Html,
            blocks: Vec::new(),
            hints: PageHints { title: Some(text.clone()), meta: vec![("PubDate".into(), text.clone())], fields: vec![(text.clone(), text.clone())] },
        };
        let _ = gxbg::meta::extract(&doc, &text);
    }
}

use super::*;
use crate::blocks::{Document, InputKind, PageHints};

fn doc(hints: PageHints) -> Document {
    Document { kind: InputKind::Html, blocks: Vec::new(), hints }
}

#[test]
fn dates() {
    assert_eq!(normalize_date("2025/03/05").as_deref(), Some("2025-03-05"));
    assert_eq!(normalize_date("2024-02-29").as_deref(), Some("2024-02-29"));
    assert_eq!(normalize_date("2025年3月5日").as_deref(), Some("2025-03-05"));
    assert_eq!(normalize_date("2022-02-08 16:34").as_deref(), Some("2022-02-08"));
    assert_eq!(normalize_date("发布时间：2025.3.5 10:00").as_deref(), Some("2025-03-05"));
    assert_eq!(normalize_date("2023-02-29"), None);
    assert_eq!(normalize_date("2023-13-01"), None);
    assert_eq!(normalize_date("12345-01-01"), None);
    assert_eq!(normalize_date("点击数:"), None);
    assert_eq!(normalize_date("2024年"), None);
}

#[test]
fn fields_in_text_lines() {
    let f = text_fields("索引号 | 1585729837/zfb/2025-0000050 | 发布机构 | 临沂市政府办公室 |\n文号 | 公开方式 | 主动公开 |");
    assert!(f.contains(&("索引号".into(), "1585729837/zfb/2025-0000050".into())));
    assert!(f.contains(&("发布机构".into(), "临沂市政府办公室".into())));
    assert!(f.contains(&("文号".into(), "".into())));
    assert!(f.contains(&("公开方式".into(), "主动公开".into())));
    let f = line_fields(" 索 引 号  luozhuangqulz201/2020-0000160  公开方式  主动公开");
    assert_eq!(f[0], ("索引号".into(), "luozhuangqulz201/2020-0000160".into()));
    let f = line_fields("发布日期:2024-02-29    点击数:");
    assert_eq!(f[0], ("发布日期".into(), "2024-02-29".into()));
    let f = line_fields(" 来源：平潭县人民政府");
    assert_eq!(f, vec![("来源".to_string(), "平潭县人民政府".to_string())]);
    // Not labels: words inside a sentence.
    assert!(line_fields("使用数据统计时间为2024年1月1日至12月31日").is_empty());
    assert!(line_fields("标题党").is_empty());
}

#[test]
fn hints_first_then_text_then_meta() {
    let hints = PageHints {
        title: Some("平潭综合实验区2021年度政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会".into()),
        meta: vec![
            ("ArticleTitle".into(), "平潭综合实验区2021年度政府信息公开工作年度报告".into()),
            ("PubDate".into(), "2022-02-08 16:34".into()),
            ("ContentSource".into(), "".into()),
            ("Author".into(), "管委会办公室".into()),
        ],
        fields: vec![("来源".into(), "平潭县人民政府".into()), ("时间".into(), "2022-02-08 16:34".into())],
    };
    let m = extract(&doc(hints), "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。");
    assert_eq!(m.title.as_deref(), Some("平潭综合实验区2021年度政府信息公开工作年度报告"));
    assert_eq!(m.publisher.as_deref(), Some("平潭县人民政府"));
    assert_eq!(m.year, Some(2021));
    assert_eq!(m.publish_date.as_deref(), Some("2022-02-08"));
    assert_eq!(m.document_kind, Some(DocumentKind::Report));

    // A 发布机构 field beats ContentSource; ContentSource beats 来源 and the title.
    let hints = PageHints {
        title: None,
        meta: vec![("contentsource".into(), "某某市交通运输局".into())],
        fields: vec![("来源".into(), "某某市人民政府".into())],
    };
    let m = extract(&doc(hints.clone()), "");
    assert_eq!(m.publisher.as_deref(), Some("某某市交通运输局"));
    let mut h2 = hints;
    h2.fields.push(("发布机构：".into(), "某某市交通运输局办公室".into()));
    assert_eq!(extract(&doc(h2), "").publisher.as_deref(), Some("某某市交通运输局办公室"));
}

#[test]
fn html_title_suffixes() {
    assert_eq!(
        title_from_html_title("平潭综合实验区2021年度政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会").as_deref(),
        Some("平潭综合实验区2021年度政府信息公开工作年度报告")
    );
    assert_eq!(title_from_html_title("\n\t部门文件_\n\t平潭综合实验区党工委管委会\n"), None);
    assert_eq!(
        title_from_html_title("某区2022年政府信息公开工作年度报告 - 某区人民政府").as_deref(),
        Some("某区2022年政府信息公开工作年度报告")
    );
}

#[test]
fn title_line_in_text() {
    let t = "欢迎访问\n临沂市人民政府\n2024年政府信息公开工作年度报告\n本报告根据……";
    assert_eq!(title_from_text(t).as_deref(), Some("临沂市人民政府2024年政府信息公开工作年度报告"));
    let t = "登录 注册\n\n辽源市人民政府2023年政府信息公开工作年度报告\n\n发布日期:2024-02-29";
    assert_eq!(title_from_text(t).as_deref(), Some("辽源市人民政府2023年政府信息公开工作年度报告"));
    // A sentence that mentions a report is not a title.
    assert_eq!(title_from_text("编制完成2019年度政府信息公开工作年度报告，现予公布。"), None);
}

#[test]
fn publisher_from_titles() {
    assert_eq!(publisher_from_title("临沂市人民政府2024年政府信息公开工作年度报告").as_deref(), Some("临沂市人民政府"));
    assert_eq!(publisher_from_title("音频解读:《2019年罗庄区政府信息公开工作年度报告》").as_deref(), Some("罗庄区"));
    assert_eq!(publisher_from_title("2023年政府信息公开工作年度报告"), None);
}

#[test]
fn years() {
    assert_eq!(year_from_period("使用数据统计时间为2024年1月1日至12月31日,可在…"), Some(2024));
    assert_eq!(year_from_period("统计期限为2019年9月1日至2019年12月31日。"), Some(2019));
    assert_eq!(year_from_period("本报告中所列数据统计期限为2023年1月1日至12月31日。"), Some(2023));
    assert_eq!(year_from_period("截至12月31日"), None);
    assert_eq!(year_from_text_title("编制《2019年罗庄区政府信息公开工作年度报告》"), None);
    assert_eq!(year_from_text_title("编制了2023年度政府信息公开工作年度报告"), Some(2023));
    assert_eq!(year_from_overview("一、总体情况\n2023年,青岛市深入贯彻…\n二、主动公开政府信息情况"), Some(2023));
}

#[test]
fn interpretation_pages() {
    assert_eq!(kind(Some("音频解读:《2019年罗庄区政府信息公开工作年度报告》"), ""), DocumentKind::Interpretation);
    assert_eq!(kind(Some("图解：2023年某县政府信息公开工作年度报告"), ""), DocumentKind::Interpretation);
    assert_eq!(kind(Some("某市2023年政府信息公开工作年度报告"), "不断优化政策解读方式，发布解读材料62件。"), DocumentKind::Report);
    assert_eq!(kind(None, "《2023年某区政府信息公开工作年度报告》解读\n正文"), DocumentKind::Interpretation);
    assert_eq!(kind(Some("某区年报"), "编制年度报告。现解读如下:"), DocumentKind::Interpretation);
}

#[test]
fn sections_inline_and_by_line() {
    let t = "前言。内容包括6个部分。 一、总体情况 2024年,全市……一是加强领导;二是规范。 (一)主动公开 ……。 二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 | 5 | 0\n四、结转下年度继续办理 | 0\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况 问题……\n六、其他需要报告的事项 无。";
    let s = sections(t);
    let got: Vec<(&str, &str)> = s.iter().map(|s| (s.numeral.as_str(), s.title.as_str())).collect();
    assert_eq!(
        got,
        [
            ("一", "总体情况"),
            ("二", "主动公开政府信息情况"),
            ("三", "收到和处理政府信息公开申请情况"),
            ("四", "政府信息公开行政复议、行政诉讼情况"),
            ("五", "存在的主要问题及改进情况"),
            ("六", "其他需要报告的事项"),
        ]
    );
    for sec in &s {
        let at: String = t.chars().skip(sec.offset).take(sec.numeral.chars().count()).collect();
        assert_eq!(at, sec.numeral);
    }
    assert!(s[0].text.starts_with("2024年,全市"));
    assert!(s[0].text.ends_with("(一)主动公开 ……。"));
    assert!(s[2].text.contains("一、本年新收"));
    assert_eq!(s[5].text, "无。");
}

#[test]
fn sections_misnumbered_and_nested() {
    // A repeated numeral with known titles in order (pingtan-tourism-2019).
    let t = "一、总体情况\n甲\n二、主动公开政府信息情况\n乙\n二、收到和处理政府信息公开申请情况\n丙\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n无";
    assert_eq!(sections(t).len(), 6);
    // An interpretation page numbering its own preface (seed 002).
    let t = "一、《年度报告》起草背景和要求\n背景\n二、报告主要内容\n具体情况如下:\n一、总体情况\n情况\n二、存在的主要问题及改进情况\n问题";
    let s = sections(t);
    assert_eq!(s.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(), ["总体情况", "存在的主要问题及改进情况"]);
    // A free-format (pre-2019) report with seven sections.
    let t = "一、概述\n甲\n二、主动公开政府信息情况\n乙\n三、依申请公开政府信息情况\n丙\n四、政府信息公开的收费及减免情况\n丁\n五、因政府信息公开申请提起行政复议、行政诉讼的情况\n戊\n六、政府信息公开工作存在的主要问题及改进情况\n己\n七、其他需要报告的事项\n庚";
    assert_eq!(sections(t).iter().map(|s| s.numeral.as_str()).collect::<Vec<_>>(), ["一", "二", "三", "四", "五", "六", "七"]);
    assert!(sections("一是加强领导。二是规范管理。").is_empty());
    assert!(sections("(一)主动公开\n(二)依申请公开").is_empty());
    assert!(sections("").is_empty());
}

#[test]
fn sections_title_cut_and_contents_list() {
    let t = "本报告包括：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况。\n一、总体情况(一)主动公开方面。全年…\n二．主动公开政府信息情况\n表\n三、收到和处理政府信息公开申请情况\n表";
    let s = sections(t);
    assert_eq!(s.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(), ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况"]);
    assert!(s[0].text.starts_with("(一)主动公开方面"));
    assert!(t.chars().skip(s[0].offset).collect::<String>().starts_with("一、总体情况(一)"));
}

#[test]
fn more_header_shapes() {
    // Spaced labels inside `|` cells, 发文日期 as the only date.
    let t = "索 引 号 | 014416330/2018-04736 | 分 类 | 政府信息公开年报 综合政务 |\n发布机构 | 市政府办 | 发文日期 | 2018-02-28 |\n文 号 | 有 效 性 |";
    let d = Document { kind: InputKind::Text, blocks: Vec::new(), hints: PageHints::default() };
    let m = extract(&d, t);
    assert_eq!(m.index_number.as_deref(), Some("014416330/2018-04736"));
    assert_eq!(m.publisher.as_deref(), Some("市政府办"));
    assert_eq!(m.publish_date.as_deref(), Some("2018-02-28"));
    // Two pairs on one line, one space apart.
    let f = line_fields("来源:区人民政府办公室 时间:2017-01-12 10:01");
    assert_eq!(f, vec![("来源".to_string(), "区人民政府办公室".to_string()), ("时间".to_string(), "2017-01-12 10:01".to_string())]);
}

#[test]
fn spaced_section_titles() {
    let t = "引 言\n本年报……\n一、概 述\n2014年我区……\n二、主动公开政府信息情况\n……";
    let s = sections(t);
    assert_eq!(s.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(), ["概述", "主动公开政府信息情况"]);
    assert!(s[0].text.starts_with("2014年"));
}

/// `as_label` and `label_hits` skip ASCII-only strings: no label may be ASCII, and a label
/// cell written with ASCII separators is still found.
#[test]
fn labels_are_not_ascii() {
    assert!(LABELS.iter().all(|l| !l.is_ascii()));
    assert_eq!(as_label("145"), None);
    assert!(label_hits("145 | 22", false).is_empty());
    assert_eq!(as_label(" 索 引 号: "), Some("索引号"));
    assert_eq!(label_hits("x 发布日期: 2024-02-29", false).len(), 1);
}

//! The text front end on the seed reports and the text fixtures: the blocks and grids
//! `gxbg::text::to_document` rebuilds (before normalisation and mapping).

use gxbg::blocks::{Block, Document};
use gxbg::grid::{Grid, GridKind};
use std::path::PathBuf;

fn read(rel: &str, prefix: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel);
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("{prefix} not found in {}", dir.display()));
    std::fs::read_to_string(path).unwrap()
}

fn seed(prefix: &str) -> Document {
    gxbg::text::to_document(&read("tests/seeds", prefix))
}

fn fixture(name: &str) -> Document {
    gxbg::text::to_document(&read("tests/fixtures/text", &format!("{name}.txt")))
}

fn tables(d: &Document) -> Vec<&Grid> {
    d.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table { grid } => Some(grid),
            Block::Text { .. } => None,
        })
        .collect()
}

fn texts(d: &Document) -> Vec<&str> {
    d.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Text { text } => Some(text.as_str()),
            Block::Table { .. } => None,
        })
        .collect()
}

fn rows(g: &Grid) -> Vec<Vec<String>> {
    g.rows().iter().map(|r| r.iter().map(|c| c.text.clone()).collect()).collect()
}

fn field<'a>(d: &'a Document, k: &str) -> Option<&'a str> {
    d.hints.fields.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str())
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn well_formed(d: &Document) {
    for b in &d.blocks {
        match b {
            Block::Text { text } => {
                assert!(!text.is_empty());
                assert_eq!(text.trim(), text);
                assert!(!text.contains("  ") && !text.contains('\n'), "{text:?}");
            }
            Block::Table { grid } => {
                assert!(grid.n_rows > 0 && !grid.cells.is_empty());
                assert!(grid.cells.iter().all(|c| c.row < grid.n_rows && c.col < grid.n_cols));
            }
        }
    }
}

#[test]
fn seed_004_three_pipe_tables_as_written() {
    let d = seed("004");
    well_formed(&d);
    let t = tables(&d);
    assert_eq!(t.len(), 3);
    assert!(t.iter().all(|g| g.kind == GridKind::PipeText && !g.truncated));

    // 二: the four 第二十条 blocks in one grid, cells as written (empty ones kept).
    let r = rows(t[0]);
    assert_eq!(r.len(), 14);
    assert_eq!(r[0], s(&["第二十条第(一)项", "", "", ""]));
    assert_eq!(r[1], s(&["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]));
    assert_eq!(r[2], s(&["规章", "2", "1", "10"]));
    assert_eq!(r[3], s(&["行政规范性文件", "150", "136", "819"]));
    assert_eq!(r[6], s(&["行政许可", "1184388", "", ""]));
    assert_eq!(r[13], s(&["行政事业性收费", "32788"]));

    // 三: 28 rows with the varying cell counts of the dropped spans.
    let r = rows(t[1]);
    assert_eq!(r.len(), 28);
    assert_eq!(r[0][1], "申请人情况");
    assert_eq!(r[2][..2], s(&["商业 企业", "科研 机构"]));
    assert_eq!(r[3][..8], s(&["一、本年新收政府信息公开申请数量", "642", "3", "0", "0", "6", "0", "651"]));
    assert_eq!(r[5][..3], s(&["三、本年度办理结果", "(一)予以公开", "326"]));
    assert_eq!(r[7][..3], s(&["(三)不予公开", "1.属于国家秘密", "1"]));
    assert_eq!(r[8][..2], s(&["2.其他法律行政法规禁止公开", "3"]));
    assert_eq!(r[27], s(&["四、结转下年度继续办理", "17", "1", "0", "0", "0", "0", "18"]));
    assert!(r.iter().map(Vec::len).collect::<std::collections::BTreeSet<_>>().len() > 1);

    // 四: header rows and the 15 values.
    let r = rows(t[2]);
    assert_eq!(r.len(), 4);
    assert_eq!(r[3], s(&["28", "9", "3", "1", "41", "6", "0", "2", "0", "8", "1", "0", "0", "0", "1"]));

    // Section headings around them are text blocks, in order.
    let tx = texts(&d);
    let pos = |w: &str| tx.iter().position(|t| t.starts_with(w)).unwrap();
    assert!(pos("二、主动公开") < pos("三、收到和处理") && pos("三、收到和处理") < pos("四、政府信息公开行政复议"));
    assert!(d.hints.fields.is_empty());
}

#[test]
fn seed_003_cell_per_line_table_two_truncated() {
    let d = seed("003");
    well_formed(&d);
    let t = tables(&d);
    assert_eq!(t.len(), 1);
    let g = t[0];
    assert_eq!(g.kind, GridKind::CellPerLine);
    assert!(g.truncated);
    assert_eq!(
        rows(g),
        vec![
            s(&["第二十条第(一)项"]),
            s(&["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
            s(&["规章", "1", "1", "2"]),
            s(&["行政规范性文件", "6"]),
        ]
    );
    assert!(g.cells.iter().filter(|c| c.row == 1).all(|c| c.header));
    assert_eq!(field(&d, "发布日期"), Some("2024-02-29"));
    assert!(texts(&d).contains(&"二、主动公开政府信息情况"));
    assert!(texts(&d).contains(&"辽源市人民政府2023年政府信息公开工作年度报告"));
}

#[test]
fn seed_001_label_only_table() {
    let d = seed("001");
    well_formed(&d);
    let t = tables(&d);
    assert_eq!(t.len(), 1);
    let g = t[0];
    assert_eq!(g.kind, GridKind::PipeText);
    assert!(!g.truncated);
    let r = rows(g);
    assert_eq!(r.len(), 28);
    // Traditional text kept as written; labels and empty cells only, never a number.
    assert_eq!(r[6][0], "(二)部分公開(區分處理的,只計這一情形,不計其他情形)");
    assert_eq!(r[23][1], "1.申請人無正當理由逾期不補正、行政機關不再處理其政府信息公開申請");
    assert!(g.cells.iter().all(|c| !c.text.chars().any(|ch| ch.is_ascii_digit()) || c.text.contains('.')));
    let labelled = g.cells.iter().filter(|c| !c.text.is_empty()).count();
    assert_eq!(labelled, 4);
    assert!(texts(&d).iter().any(|t| t.starts_with("四、因政府信息公開工作被申請行政複議")));
}

#[test]
fn seed_000_lost_tables_and_chrome() {
    let d = seed("000");
    well_formed(&d);
    assert!(tables(&d).is_empty());
    assert_eq!(field(&d, "索引号"), Some("1585729837/zfb/2025-0000050"));
    assert_eq!(field(&d, "发布机构"), Some("临沂市政府办公室"));
    assert_eq!(field(&d, "发布日期"), Some("2025/03/05"));
    assert_eq!(field(&d, "公开目录"), Some("市政府年报"));
    assert_eq!(field(&d, "公开方式"), Some("主动公开"));
    assert_eq!(d.hints.title.as_deref(), Some("临沂市人民政府2024年政府信息公开工作年度报告"));
    let tx = texts(&d);
    assert!(tx.iter().all(|t| !t.contains('|')), "stray bars dropped");
    assert!(!tx.iter().any(|t| t.contains("1585729837")), "the header is chrome, not text");
    assert!(tx.contains(&"三、收到和处理政府信息公开申请情况"));
    assert!(tx.contains(&"四、政府信息公开行政复议、行政诉讼情况"));
    // The giant paragraph ending in a stray `|` is one text block.
    assert!(tx.iter().any(|t| t.starts_with("五、存在的主要问题") && t.ends_with("无。")));
    assert_eq!(tx.last(), Some(&"【关闭窗口】 【字体: 大 中 小】 【打印本文】"));
}

#[test]
fn seed_002_space_separated_header() {
    let d = seed("002");
    well_formed(&d);
    assert!(tables(&d).is_empty());
    assert_eq!(field(&d, "索引号"), Some("luozhuangqulz201/2020-0000160"));
    assert_eq!(field(&d, "发布机构"), Some("罗庄区政府办公室"));
    assert_eq!(field(&d, "成文日期"), Some("2020-02-05"));
    assert_eq!(field(&d, "公开日期"), Some("2020-02-05"));
    assert_eq!(d.hints.title.as_deref(), Some("音频解读:《2019年罗庄区政府信息公开工作年度报告》"));
    assert!(texts(&d).contains(&"一、总体情况"));
}

#[test]
fn fixture_cell_per_line_three_tables() {
    let d = fixture("cell_per_line_2021");
    well_formed(&d);
    let t = tables(&d);
    assert_eq!(t.len(), 3);
    assert!(t.iter().all(|g| g.kind == GridKind::CellPerLine && !g.truncated));
    let r3 = rows(t[1]);
    assert_eq!(r3[0].len(), 10, "the three header rows of table 三 as one header row: {:?}", r3[0]);
    assert_eq!(r3.len(), 1 + 25);
    assert!(r3[1..].iter().all(|r| r.len() >= 8), "every row carries its seven values");
    let r4 = rows(t[2]);
    assert_eq!(r4.last().map(Vec::len), Some(15));
    assert_eq!(field(&d, "发布日期"), Some("2024-01-25"));
}

#[test]
fn fixture_truncated_inside_table_three() {
    let d = fixture("cell_per_line_truncated");
    let t = tables(&d);
    assert_eq!(t.len(), 2);
    assert!(!t[0].truncated);
    assert!(t[1].truncated);
    assert_eq!(rows(t[1]).last().unwrap(), &s(&["4.保护第三方合法权益", "3", "0"]));
}

#[test]
fn fixture_run_together_rows() {
    let d = fixture("run_together_unique");
    well_formed(&d);
    let t = tables(&d);
    assert_eq!(t.len(), 3);
    let r2 = rows(t[0]);
    assert!(r2.contains(&s(&["规章", "3", "1", "25"])));
    assert!(r2.contains(&s(&["行政许可", "85210"])));
    assert!(r2.contains(&s(&["行政事业性收费", "156.32"])));
    let r3 = rows(t[1]);
    assert!(r3.contains(&s(&["（三）不予公开1.属于国家秘密", "0000000"])));
    assert!(r3.contains(&s(&["3.其他", "2000002"])));
    assert!(r3.iter().any(|r| r[0] == "一、本年新收政府信息公开申请数量" && r.len() == 2));
    let r4 = rows(t[2]);
    assert_eq!(r4.last().map(|r| r.len()), Some(1));
}

#[test]
fn fixture_pipe_and_tabs() {
    for name in ["pipe_2019_dropped", "tab_copy_2021"] {
        let d = fixture(name);
        well_formed(&d);
        let t = tables(&d);
        assert_eq!(t.len(), 3, "{name}");
        assert!(t.iter().all(|g| g.kind == GridKind::PipeText && !g.truncated), "{name}");
    }
    // The separator line and the chrome with a stray bar give no table.
    let d = fixture("pipe_2019_dropped");
    assert_eq!(texts(&d).last(), Some(&"【关闭窗口】 【打印本文】"));
}

//! HTML front end: grid builder cases through the public API, corpus pages and fixtures,
//! the located path against the whole-page (html5ever) path.
use gxbg::blocks::{Block, Document};
use gxbg::grid::{Grid, PlacedCell};
use gxbg::html::{grids_from_html, grids_from_html_dom, parse_whole_page, stream_whole_page, to_document};

fn root() -> String {
    format!("{}/../..", env!("CARGO_MANIFEST_DIR"))
}

fn corpus(name: &str) -> String {
    std::fs::read_to_string(format!("{}/examples/reports/{}", root(), name)).unwrap()
}

/// Every HTML fixture (decoded with the crate's decoder) plus the corpus pages.
fn pages() -> Vec<(String, String)> {
    let mut v = vec![
        ("pingtan-2021.html".to_string(), corpus("pingtan-2021.html")),
        ("pingtan-tourism-2019.html".to_string(), corpus("pingtan-tourism-2019.html")),
    ];
    let dir = format!("{}/tests/fixtures/html", root());
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut names: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "html")).collect();
        names.sort();
        for p in names {
            let bytes = std::fs::read(&p).unwrap();
            let d = gxbg::decode::decode(&bytes).unwrap();
            v.push((p.file_name().unwrap().to_string_lossy().to_string(), d.text));
        }
    }
    v
}

/// Blocks with offsets cleared (the DOM path does not know them).
fn norm(d: &Document) -> Vec<Block> {
    d.blocks
        .iter()
        .cloned()
        .map(|b| match b {
            Block::Table { mut grid } => {
                grid.offset = None;
                Block::Table { grid }
            }
            t => t,
        })
        .collect()
}

/// A table of the report (二, 三 or 四) rather than chrome.
fn is_report_table(g: &Grid) -> bool {
    let t = g.to_text();
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    ["本年新收", "结果维持", "結果維持", "第二十条", "第二十條"].iter().any(|m| t.contains(m))
}

fn tables(blocks: &[Block]) -> Vec<&Grid> {
    blocks.iter().filter_map(|b| if let Block::Table { grid } = b { Some(grid) } else { None }).collect()
}

#[test]
fn streaming_builder_equals_html5ever_on_every_page() {
    for (name, html) in pages() {
        let fast = norm(&stream_whole_page(&html));
        let dom = norm(&parse_whole_page(&html));
        if fast != dom {
            for (i, (a, b)) in fast.iter().zip(dom.iter()).enumerate() {
                if a != b {
                    panic!("{name}: first difference at block {i}:\nfast {a:?}\ndom  {b:?}");
                }
            }
            panic!("{name}: {} blocks vs {} blocks", fast.len(), dom.len());
        }
    }
}

#[test]
fn located_path_is_a_slice_of_the_whole_page() {
    for (name, html) in pages() {
        let located = norm(&to_document(&html));
        let whole = norm(&parse_whole_page(&html));
        assert!(!located.is_empty(), "{name}: nothing located");
        let n = located.len();
        let i = (0..whole.len().saturating_sub(n - 1))
            .find(|&i| whole[i..i + n] == located[..])
            .unwrap_or_else(|| panic!("{name}: the {n} located blocks are not a contiguous slice of the {} whole-page blocks", whole.len()));
        // The located blocks hold no page chrome.
        for b in &located {
            if let Block::Text { text } = b {
                for chrome in ["首页", "版权所有", "关闭窗口", "打印本页", "ICP", "网站标识码", "无障碍", "主办"] {
                    assert!(!text.contains(chrome), "{name}: chrome in the located text: {text}");
                }
            }
        }
        // Every table outside the located slice is chrome, not a report table.
        for (j, b) in whole.iter().enumerate() {
            if j >= i && j < i + located.len() {
                continue;
            }
            if let Block::Table { grid } = b {
                let t = grid.to_text();
                assert!(
                    !is_report_table(grid),
                    "{name}: a report table was left outside the located region:\n{t}"
                );
            }
            if let Block::Text { text } = b {
                assert!(!text.contains("总体情况") || text.chars().count() > 60, "{name}: section heading outside region: {text}");
            }
        }
        let n_located = tables(&located).iter().filter(|g| is_report_table(g)).count();
        assert!(n_located >= 1, "{name}: no report table located");
        assert_eq!(n_located, tables(&whole).iter().filter(|g| is_report_table(g)).count(), "{name}");
    }
}

#[test]
fn corpus_pages_have_their_tables() {
    let d = to_document(&corpus("pingtan-2021.html"));
    let g = tables(&d.blocks);
    assert_eq!(g.len(), 3);
    let t = g[1].to_text();
    assert!(t.contains("一、本年新收政府信息公开申请数量 | 64 | 0 | 0 | 2 | 0 | 4 | 70"), "{t}");
    assert!(t.contains("（七）总计 | 63 | 0 | 0 | 2 | 0 | 4 | 69"), "{t}");
    assert!(g[0].to_text().contains("行政规范性文件 | 69 | 3 | 665"));
    assert!(g[2].to_text().contains("1 | 0 | 2 | 0 | 3 | 12 | 0 | 0 | 0 | 12"));
    // The located region drops the chrome: no navigation lines.
    assert!(!d.blocks.iter().any(|b| matches!(b, Block::Text { text } if text.contains("无障碍") || text.contains("省人大"))));
    assert_eq!(d.hints.meta.iter().find(|(k, _)| k == "ArticleTitle").map(|(_, v)| v.as_str()), Some("平潭综合实验区2021年度政府信息公开工作年度报告"));

    // The tourism page has three separate tables too (二 with the 2019 columns, 三, 四).
    let d = to_document(&corpus("pingtan-tourism-2019.html"));
    let g = tables(&d.blocks);
    assert_eq!(g.len(), 3);
    assert!(g[0].to_text().contains("政府集中采购 | 1个 | 246900元"));
    assert!(g[1].to_text().contains("（六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0"));
    assert_eq!((g[2].n_rows, g[2].n_cols), (4, 15));
}

fn cell(g: &Grid, r: u32, c: u32) -> &PlacedCell {
    g.cells
        .iter()
        .find(|x| x.row <= r && r < x.row + x.rowspan && x.col <= c && c < x.col + x.colspan)
        .unwrap_or_else(|| panic!("no cell at {r},{c}"))
}

fn one(html: &str) -> Grid {
    let g = grids_from_html(html);
    assert_eq!(g, clear(grids_from_html_dom(html), &g), "fast and DOM builders differ on {html}");
    g.into_iter().next().expect("a table")
}

/// DOM grids have no offsets; copy the fast ones for comparison.
fn clear(mut dom: Vec<Grid>, fast: &[Grid]) -> Vec<Grid> {
    for (d, f) in dom.iter_mut().zip(fast) {
        d.offset = f.offset;
    }
    dom
}

#[test]
fn spans() {
    let g = one("<table><tr><td rowspan=2>a</td><td colspan=2>b</td></tr><tr><td>c</td><td>d</td></tr></table>");
    assert_eq!((g.n_rows, g.n_cols), (2, 3));
    assert_eq!(cell(&g, 1, 0).text, "a");
    assert_eq!(cell(&g, 1, 1).text, "c");
    assert_eq!(cell(&g, 1, 2).text, "d");
    assert_eq!(cell(&g, 0, 2).text, "b");
}

#[test]
fn span_attribute_parsing() {
    // digits prefix, whitespace, plus sign, invalid, zero, negative, huge
    let g = one("<table><tr><td colspan='2abc'>a</td><td colspan=' 3'>b</td><td colspan=+2>c</td><td colspan=x>d</td><td colspan=0>e</td><td colspan=-1>f</td><td colspan=99999999999>g</td></tr></table>");
    let spans: Vec<u32> = g.cells.iter().map(|c| c.colspan).collect();
    assert_eq!(spans, vec![2, 3, 2, 1, 1, 1, 1000]);
    assert_eq!(g.n_cols, 2 + 3 + 2 + 1 + 1 + 1 + 1000);
    // rowspan 0 spans to the end of its row group, and rowspans stop at the group's end
    let g = one("<table><tbody><tr><td rowspan=0>a</td><td>b</td></tr><tr><td>c</td></tr><tr><td>d</td></tr></tbody><tbody><tr><td>e</td><td rowspan=5>f</td></tr><tr><td>g</td></tr></tbody></table>");
    assert_eq!(cell(&g, 0, 0).rowspan, 3);
    assert_eq!(cell(&g, 2, 1).text, "d");
    assert_eq!(cell(&g, 3, 0).text, "e");
    assert_eq!(cell(&g, 3, 1).rowspan, 2);
    assert_eq!(g.n_rows, 5);
    let g = one("<table><tr><td rowspan=70000>a</td></tr></table>");
    assert_eq!(g.cells[0].rowspan, 1);
}

#[test]
fn overlapping_spans_are_cut_not_stacked() {
    // b spans down into row 1, where c's colspan would run over it.
    let g = one("<table><tr><td>a</td><td rowspan=2>b</td></tr><tr><td colspan=3>c</td><td>d</td></tr></table>");
    let c = g.cells.iter().find(|x| x.text == "c").unwrap();
    assert_eq!((c.row, c.col, c.colspan), (1, 0, 1));
    // Chromium still places d after c's full colspan.
    let d = g.cells.iter().find(|x| x.text == "d").unwrap();
    assert_eq!((d.row, d.col), (1, 3));
    assert_eq!(g.n_cols, 4);
}

#[test]
fn short_rows_and_headers() {
    let g = one("<table><tr><th>h1</th><th>h2</th><th>h3</th></tr><tr><td>x</td></tr></table>");
    assert_eq!((g.n_rows, g.n_cols, g.cells.len()), (2, 3, 4));
    assert!(g.cells[0].header && !g.cells[3].header);
}

#[test]
fn cell_text_fragments() {
    let g = one("<table><tr><td>商业<br>企业</td><td><p>1</p><p>2</p></td><td><span>12</span><span>3</span></td><td>&nbsp;</td><td> a&nbsp;&nbsp; b </td><td><p class=MsoNormal><span>5<o:p></o:p></span></p></td></tr></table>");
    let t: Vec<&str> = g.cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(t, vec!["商业 企业", "1 2", "123", "", "a b", "5"]);
}

#[test]
fn implied_structure_and_thead_tfoot_order() {
    // Missing </td>, </tr>, <tbody>; tfoot written first is laid out last; first thead on top.
    let g = one("<table><tfoot><tr><td>F</td></tr></tfoot><tr><td>a<td>b<tr><td>c</table>");
    assert_eq!(cell(&g, 0, 0).text, "a");
    assert_eq!(cell(&g, 0, 1).text, "b");
    assert_eq!(cell(&g, 1, 0).text, "c");
    assert_eq!(cell(&g, 2, 0).text, "F");
    let g = one("<table><tbody><tr><td>b</td></tr></tbody><thead><tr><td>H</td></tr></thead></table>");
    assert_eq!(cell(&g, 0, 0).text, "H");
    // </th> does not close a <td>; </tbody> inside a thead is ignored.
    let g = one("<table><thead><tr><td>a</th>b</td></tbody><td>c</td></tr></thead></table>");
    assert_eq!(cell(&g, 0, 0).text, "ab");
    assert_eq!(cell(&g, 0, 1).text, "c");
}

#[test]
fn nested_tables_and_foster_parenting() {
    let html = "<table><tr><td>x<table><tr><td>in1</td><td>in2</td></tr></table>y</td><td>z</td></tr></table>";
    let gs = grids_from_html(html);
    assert_eq!(gs.len(), 2);
    assert_eq!(gs[0].cells[0].text, "x in1 in2 y");
    assert_eq!(gs[1].cells[1].text, "in2");
    // Text in table context outside cells goes before the table.
    let d = stream_whole_page("<div>ab<table>cd<tr><td>1</td><td>2</td></tr></table>ef</div>");
    let dom = parse_whole_page("<div>ab<table>cd<tr><td>1</td><td>2</td></tr></table>ef</div>");
    assert_eq!(norm(&d), norm(&dom));
    assert!(matches!(&d.blocks[0], Block::Text { text } if text == "abcd"));
}

#[test]
fn layout_tables_are_unwrapped() {
    let html = "<table><tr><td><p>一、总体情况</p><p>正文</p><table><tr><td>规章</td><td>1</td></tr><tr><td>行政规范性文件</td><td>2</td></tr></table><p>六、其他需要报告的事项</p></td></tr></table>";
    let d = stream_whole_page(html);
    assert_eq!(norm(&d), norm(&parse_whole_page(html)));
    assert_eq!(tables(&d.blocks).len(), 1);
    assert!(matches!(&d.blocks[0], Block::Text { text } if text == "一、总体情况"));
}

#[test]
fn stray_end_tags_and_raw_text() {
    for html in [
        "<table><tr><td><div>a</td></div>b</td></tr></table>",
        "<p>a</div>b</p><p>c<script>x='</p>'</script>d</p><xmp><b>e</b></xmp><select><option>zz</select>f",
        "<ul><li>a<li>b</ul><h2>c<h3>d</h2>e<dl><dt>f<dd>g</dl>",
        "<table><tr><td>a</td><p>fost</p><td>b</td></tr><caption>cap</caption></table>",
        "<table><colgroup><col span=3></colgroup><tr><td>a</td></tr></table><table><td>b</table>",
    ] {
        assert_eq!(norm(&stream_whole_page(html)), norm(&parse_whole_page(html)), "{html}");
    }
}

#[test]
fn span_bomb_is_cheap() {
    let mut s = String::from("<table>");
    for _ in 0..1000 {
        s.push_str("<tr><td colspan=1000 rowspan=65534>x</td></tr>");
    }
    s.push_str("</table><table><tr>");
    for _ in 0..1000 {
        s.push_str("<td colspan=1000 rowspan=65534>y</td>");
    }
    s.push_str("</tr></table>");
    let t = std::time::Instant::now();
    let g = grids_from_html(&s);
    assert!(t.elapsed().as_secs_f64() < 5.0);
    assert_eq!(g[0].cells.len(), 1000);
    assert_eq!(g[0].n_rows, 1000);
    assert_eq!(g[0].n_cols, 1_000_000);
    assert_eq!(g[1].n_cols, 1_000_000);
    assert_eq!(g[1].n_rows, 1);
}

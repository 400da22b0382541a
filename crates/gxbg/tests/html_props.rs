//! Properties of the HTML grid builder and the streaming builder.
//!
//! * every slot is covered by at most one cell, every cell lies inside `n_rows × n_cols`, spans
//!   stay within Chromium's clamps;
//! * the streaming builder gives the same grids (and the same blocks) as html5ever's DOM on
//!   random tables and random tag soup;
//! * the output does not depend on attribute order, quoting or whitespace between tags;
//! * span bombs build quickly with memory proportional to the cells.
use gxbg::blocks::Block;
use gxbg::grid::Grid;
use gxbg::html::{grids_from_html, grids_from_html_dom, parse_whole_page, stream_whole_page};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Cell {
    th: bool,
    colspan: Option<String>,
    rowspan: Option<String>,
    text: String,
    close: bool,
}

#[derive(Debug, Clone)]
struct Row {
    cells: Vec<Cell>,
    close: bool,
}

#[derive(Debug, Clone)]
struct Section {
    kind: u8, // 0 none (bare rows), 1 thead, 2 tbody, 3 tfoot
    rows: Vec<Row>,
}

fn span_value() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        4 => Just(None),
        4 => (1u32..5).prop_map(|n| Some(n.to_string())),
        1 => Just(Some("0".to_string())),
        1 => Just(Some("-1".to_string())),
        1 => Just(Some("abc".to_string())),
        1 => Just(Some(" 2".to_string())),
        1 => Just(Some("3px".to_string())),
        1 => Just(Some("+2".to_string())),
        1 => Just(Some("".to_string())),
        1 => Just(Some("70000".to_string())),
        1 => Just(Some("1001".to_string())),
        1 => Just(Some("99999999999999".to_string())),
    ]
}

fn cell_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("&nbsp;".to_string()),
        Just("12".to_string()),
        Just("商业<br>企业".to_string()),
        Just("<p>1</p><p>2</p>".to_string()),
        Just("<span>a</span><span>b</span>".to_string()),
        Just(" x &amp; y ".to_string()),
        Just("<p class=MsoNormal><span>5<o:p></o:p></span></p>".to_string()),
        Just("<div>d</div>e".to_string()),
    ]
}

fn cell() -> impl Strategy<Value = Cell> {
    (any::<bool>(), span_value(), span_value(), cell_text(), prop::bool::weighted(0.8))
        .prop_map(|(th, colspan, rowspan, text, close)| Cell { th, colspan, rowspan, text, close })
}

fn table() -> impl Strategy<Value = Vec<Section>> {
    let row = (prop::collection::vec(cell(), 0..5), prop::bool::weighted(0.8)).prop_map(|(cells, close)| Row { cells, close });
    let section = (0u8..4, prop::collection::vec(row, 0..5)).prop_map(|(kind, rows)| Section { kind, rows });
    prop::collection::vec(section, 1..4)
}

/// Render a table; `variant` changes attribute order, quoting and whitespace between tags.
fn render(t: &[Section], variant: u8) -> String {
    let ws = match variant % 3 {
        0 => "",
        1 => "\n  ",
        _ => " \t",
    };
    let mut s = String::from("<table border=1>");
    for sec in t {
        let (open, close) = match sec.kind {
            1 => ("<thead>", "</thead>"),
            2 => ("<tbody>", "</tbody>"),
            3 => ("<tfoot>", "</tfoot>"),
            _ => ("", ""),
        };
        s.push_str(ws);
        s.push_str(open);
        for r in &sec.rows {
            s.push_str(ws);
            s.push_str("<tr>");
            for c in &r.cells {
                s.push_str(ws);
                let tag = if c.th { "th" } else { "td" };
                let mut attrs: Vec<String> = Vec::new();
                let q = |v: &str| match variant % 4 {
                    0 => format!("\"{v}\""),
                    1 => format!("'{v}'"),
                    _ if !v.is_empty() && !v.contains(' ') => v.to_string(),
                    _ => format!("\"{v}\""),
                };
                if let Some(v) = &c.colspan {
                    attrs.push(format!("colspan={}", q(v)));
                }
                if let Some(v) = &c.rowspan {
                    attrs.push(format!("rowspan={}", q(v)));
                }
                attrs.push(format!("style={}", q("border:solid 1pt")));
                if variant % 2 == 1 {
                    attrs.reverse();
                }
                let sep = if variant % 3 == 2 { "  " } else { " " };
                s.push_str(&format!("<{tag}{sep}{}>{}", attrs.join(sep), c.text));
                if c.close {
                    s.push_str(&format!("</{tag}>"));
                }
            }
            if r.close {
                s.push_str(ws);
                s.push_str("</tr>");
            }
        }
        s.push_str(ws);
        s.push_str(close);
    }
    s.push_str(ws);
    s.push_str("</table>");
    s
}

fn check_invariants(g: &Grid) -> Result<(), TestCaseError> {
    for c in &g.cells {
        prop_assert!(c.colspan >= 1 && c.colspan <= 1000, "colspan {}", c.colspan);
        prop_assert!(c.rowspan >= 1 && c.rowspan <= 65534, "rowspan {}", c.rowspan);
        prop_assert!(c.row as u64 + c.rowspan as u64 <= g.n_rows as u64, "cell below the grid: {c:?} in {}", g.n_rows);
        prop_assert!(c.col as u64 + c.colspan as u64 <= g.n_cols as u64, "cell right of the grid: {c:?} in {}", g.n_cols);
    }
    for (i, a) in g.cells.iter().enumerate() {
        for b in &g.cells[i + 1..] {
            let rows = a.row < b.row + b.rowspan && b.row < a.row + a.rowspan;
            let cols = a.col < b.col + b.colspan && b.col < a.col + a.colspan;
            prop_assert!(!(rows && cols), "overlap: {a:?} and {b:?}");
        }
    }
    Ok(())
}

/// Grids without offsets (the DOM path has none).
fn strip(mut v: Vec<Grid>) -> Vec<Grid> {
    for g in &mut v {
        g.offset = None;
    }
    v
}

fn strip_blocks(v: Vec<Block>) -> Vec<Block> {
    v.into_iter()
        .map(|b| match b {
            Block::Table { mut grid } => {
                grid.offset = None;
                Block::Table { grid }
            }
            t => t,
        })
        .collect()
}

/// Random tag soup: table parts, blocks, inline elements, text, in any order and nesting.
fn soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<table>"), Just("</table>"), Just("<tr>"), Just("</tr>"), Just("<td>"), Just("</td>"), Just("<th>"),
        Just("</th>"), Just("<tbody>"), Just("</tbody>"), Just("<thead>"), Just("</thead>"), Just("<tfoot>"),
        Just("<caption>"), Just("</caption>"), Just("<colgroup>"), Just("<col>"), Just("<p>"), Just("</p>"),
        Just("<div>"), Just("</div>"), Just("<br>"), Just("</br>"), Just("<span>"), Just("</span>"), Just("<li>"),
        Just("<ul>"), Just("</ul>"), Just("<h2>"), Just("</h3>"), Just("text"), Just("中文"), Just(" "), Just("&nbsp;"),
        Just("<td colspan=2>"), Just("<td rowspan=0>"), Just("<o:p></o:p>"), Just("<script>x</script>"),
        Just("<!-- c -->"), Just("<font>"), Just("</font>"), Just("<center>"), Just("</center>"), Just("<hr>"),
        Just("<pre>"), Just("</pre>"), Just("<dl><dt>"), Just("<dd>"),
    ];
    let doctype = prop_oneof![Just(""), Just("<!DOCTYPE html>"), Just("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">")];
    (doctype, prop::collection::vec(piece, 0..40)).prop_map(|(d, v)| format!("{d}{}", v.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn grids_are_consistent_and_match_html5ever(t in table(), variant in 0u8..12) {
        let html = render(&t, variant);
        let fast = grids_from_html(&html);
        for g in &fast {
            check_invariants(g)?;
        }
        let dom = grids_from_html_dom(&html);
        prop_assert_eq!(strip(fast.clone()), strip(dom), "{}", html);
        // Attribute order, quoting and whitespace between tags do not matter.
        let other = grids_from_html(&render(&t, variant + 1));
        prop_assert_eq!(strip(fast), strip(other));
    }

    #[test]
    fn tag_soup_matches_html5ever(s in soup()) {
        let fast = strip_blocks(stream_whole_page(&s).blocks);
        let dom = strip_blocks(parse_whole_page(&s).blocks);
        prop_assert_eq!(fast, dom, "{}", s);
        for g in grids_from_html(&s) {
            check_invariants(&g)?;
        }
    }

    #[test]
    fn arbitrary_input_never_panics(s in "\\PC{0,200}") {
        let _ = gxbg::html::to_document(&s);
        let _ = grids_from_html(&s);
    }
}

#[test]
fn span_bomb_memory_is_proportional_to_cells() {
    // 1000 cells, each colspan=1000 rowspan=65534, one per row: a dense grid would be
    // 1000 × 1,000,000 slots; the grid holds 1000 cells.
    let mut s = String::from("<table>");
    for _ in 0..1000 {
        s.push_str("<tr><td colspan=1000 rowspan=65534>x</td></tr>");
    }
    s.push_str("</table>");
    let t = std::time::Instant::now();
    let g = grids_from_html(&s);
    assert!(t.elapsed().as_secs_f64() < 5.0, "took {:?}", t.elapsed());
    assert_eq!(g.len(), 1);
    let g = &g[0];
    assert_eq!(g.cells.len(), 1000);
    assert_eq!((g.n_rows, g.n_cols), (1000, 1_000_000));
    // Each row's cell goes right of all the cells spanning down from above.
    for (i, c) in g.cells.iter().enumerate() {
        assert_eq!((c.row, c.col), (i as u32, 1000 * i as u32));
        assert_eq!(c.rowspan, 1000 - i as u32);
    }
    // The placed cells are the only allocation proportional to the table.
    assert!(g.cells.capacity() < 4096);
}

#[test]
fn deep_nesting_does_not_overflow() {
    let mut s = String::new();
    for _ in 0..1000 {
        s.push_str("<table><tr><td>");
    }
    s.push('x');
    let d = gxbg::html::to_document(&s);
    let _ = d.text();
    let mut s = String::new();
    for _ in 0..100_000 {
        s.push_str("<div>");
    }
    s.push('y');
    assert_eq!(gxbg::html::to_document(&s).text(), "y\n");
}

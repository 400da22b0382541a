//! Text front end: text extractions → blocks.
//!
//! Many reports reach analysts as the text a crawler or a copy-paste made of the page. The
//! tables survive in one of a few shapes, and this module rebuilds each as a [`Grid`]:
//!
//! - **`|`-separated rows** (also `｜`, or tabs as a browser copy gives them): consecutive
//!   row lines form one table ([`GridKind::PipeText`]), with a table sub-heading
//!   (第二十条第（一）项) printed between them as a one-cell row; cells are kept as
//!   written, empty ones included, except the empty cell after a final `|`. Lines made only
//!   of bars (or Markdown rules `|---|`) are page chrome and give nothing, unless they sit
//!   inside a table with content (a row whose every cell was lost, as in label-only
//!   tables). A line whose one cell is a paragraph is prose with a stray bar.
//! - **one cell per line** (often with blank lines between): a region of short lines that
//!   starts at a table heading (第二十条第（一）项), a header word (信息内容, 申请人情况,
//!   行政复议 …) or labels mixed with numbers, and ends at prose or a section heading.
//!   Rows are rebuilt ([`GridKind::CellPerLine`]): header words form header rows
//!   (`header: true` cells), a label starts a row and the values after it join it, a
//!   sub-label right after a group label joins the same row (三、本年度办理结果 +
//!   （一）予以公开, （三）不予公开 + 1.属于国家秘密) as the row is printed, and so does the
//!   second line of a wrapped label. Where cells are separated by blank lines, extra blank
//!   lines before a value stand for empty cells.
//! - **label + values on one line** (`规章 2 1 10`) or **run together** (`规章2110`,
//!   `一、本年新收政府信息公开申请数量640020470`): each line is a row, cut into its label and
//!   its trailing numbers; a trailing run of digits glued to the label becomes one cell for
//!   the mapper to split with [`crate::digits`]. Digits inside a label (（三）1.属于…) are
//!   never cut.
//!
//! A table the text ends inside is marked `truncated` unless its last row is complete (the
//! 结转下年度 row of table 三, table 四's fifteen values, the last row of table 二).
//!
//! The portal's information header (索引号 / 发布机构 / 发布日期 … as `|` cells, as
//! `label：value` or as space-separated pairs) goes to [`PageHints::fields`] (and 标题 /
//! 信息名称 to [`PageHints::title`]); those lines give no block. Everything else is a text
//! block per line, whitespace collapsed. Stray `|` in prose lines are dropped.
//!
//! Grids carry the character offset of their first line in the input (`Grid::offset`).
//! Classification looks at Simplified label keys (the page may be Traditional: lines are
//! converted for matching only); cell and block texts stay as written — the normaliser
//! runs later. Work is linear in the input.

use crate::blocks::{Block, Document, InputKind, PageHints};
use crate::grid::{Grid, GridKind};
use crate::normalize::{fold_width, label_key, t2s, Script};
use crate::value::is_value_text;

/// Split a text extraction into blocks.
pub fn to_document(text: &str) -> Document {
    // The script decides whether labels are converted for matching; a page is written in
    // one script, so its first part tells (and bounds the cost on huge inputs).
    let sample = match text.char_indices().nth(SCRIPT_SAMPLE) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let trad = matches!(t2s::detect_script(sample), Script::Traditional | Script::Mixed);
    let raw = split_lines(text);
    let mut lines: Vec<Line> = Vec::with_capacity(raw.len());
    for (t, offset, gap) in raw {
        lines.push(classify(t, offset, gap, trad));
    }
    let mut hints = PageHints::default();
    mark_chrome(&mut lines, &mut hints, trad);
    let blocks = Builder { lines: &lines, trad, blocks: Vec::new() }.run();
    Document { kind: InputKind::Text, blocks, hints }
}

// ---------------------------------------------------------------------------------------
// Lines

/// A non-blank line, trimmed, with what it looks like.
#[derive(Debug, Clone)]
struct Line<'a> {
    text: &'a str,
    /// The text as a block or cell shows it: whitespace collapsed, stray `|` dropped.
    shown: String,
    /// Character offset of the line in the input.
    offset: usize,
    /// Blank lines before it.
    gap: usize,
    kind: Kind,
    /// Label key of the line (Simplified, folded), for short lines.
    key: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// Cells separated by `|`, `｜`, `│` or tabs (the empty cell after a final bar dropped).
    Row(Vec<String>),
    /// A line of bars only (with spaces, or Markdown rules `---`): the number of cells.
    Bars(usize),
    /// A sentence or paragraph (long, or with sentence punctuation); the text to emit.
    Prose(String),
    /// A report section heading (一、总体情况 … 六、其他需要报告的事项).
    Section,
    /// A table sub-heading: 第二十条第（一）项.
    Heading,
    /// A column header word (信息内容, 自然人, 结果维持 …); `strong` if it cannot be a row
    /// label (总计 / 其他 alone can).
    Header { strong: bool },
    /// Only numbers / dashes.
    Values(Vec<String>),
    /// A label followed by numbers (spaced, or a digit run glued to it).
    LabelValues(String, Vec<String>),
    /// Any other short line.
    Label,
    /// Page-header chrome moved to the hints.
    Chrome,
}

/// Lines of the input: `(trimmed text, char offset, blank lines before)`, non-blank only.
/// `\n`, `\r\n`, `\r` and the Unicode line/paragraph separators all end a line.
fn split_lines(text: &str) -> Vec<(&str, usize, usize)> {
    fn finish<'t>(line: &'t str, start_char: usize, gap: &mut usize, out: &mut Vec<(&'t str, usize, usize)>) {
        let t = trim(line);
        if t.is_empty() {
            *gap += 1;
        } else {
            out.push((t, start_char + leading_chars(line), *gap));
            *gap = 0;
        }
    }
    let mut out = Vec::new();
    let mut start = 0usize; // byte index of the current line
    let mut start_char = 0usize;
    let mut chars = 0usize;
    let mut gap = 0usize;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        chars += 1;
        if !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' | '\u{85}') {
            continue;
        }
        finish(&text[start..i], start_char, &mut gap, &mut out);
        let mut next = i + c.len_utf8();
        if c == '\r' {
            if let Some(&(j, '\n')) = it.peek() {
                it.next();
                chars += 1;
                next = j + 1;
            }
        }
        start = next;
        start_char = chars;
    }
    finish(&text[start..], start_char, &mut gap, &mut out);
    out
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}')
}

fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

fn leading_chars(s: &str) -> usize {
    s.chars().take_while(|&c| is_space(c)).count()
}

/// Whitespace runs → one space, trimmed.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Characters of the input looked at to tell its script.
const SCRIPT_SAMPLE: usize = 100_000;

/// Lines longer than this (characters, label part) are prose.
const MAX_SHORT: usize = 72;
/// A `|` cell longer than this makes its line prose.
const MAX_CELL: usize = 100;
/// A line of bars with more cells than this is a separator, never a table row.
const MAX_BAR_CELLS: usize = 40;

fn classify(t: &str, offset: usize, gap: usize, trad: bool) -> Line<'_> {
    let mut line = Line { text: t, shown: String::new(), offset, gap, kind: Kind::Label, key: String::new() };
    let sep = ['|', '｜', '│', '\t'].into_iter().find(|&c| t.contains(c));
    if let Some(sep) = sep {
        let mut cells: Vec<String> = t.split(sep).map(collapse).collect();
        if sep != '\t' && t.ends_with(sep) {
            cells.pop();
        }
        line.shown = join_nonempty(&cells);
        // Markdown / ASCII-art rules (|---|:--:|) are bars too.
        let rule = |c: &String| c.chars().count() >= 3 && c.chars().all(|x| matches!(x, '-' | '=' | ':' | '+' | '─' | '━'));
        if cells.iter().all(|c| c.is_empty() || rule(c)) {
            line.shown.clear();
            line.kind = Kind::Bars(cells.len());
            return line;
        }
        if cells.iter().any(|c| c.chars().count() > MAX_CELL) {
            line.kind = Kind::Prose(line.shown.clone());
            return line;
        }
        if cells.len() >= 2 {
            line.key = key_of(&line.shown, trad);
            line.kind = Kind::Row(cells);
            return line;
        }
        // A single cell: a plain line with stray bars.
    }
    let plain = if sep.is_some() { collapse(&t.replace(['|', '｜', '│'], " ")) } else { collapse(t) };
    line.shown = plain.clone();
    let n = plain.chars().count();
    if plain.contains(['。', '！', '？', '；', '!', '?', ';']) || n > 2 * MAX_SHORT {
        line.kind = Kind::Prose(plain);
        return line;
    }
    line.key = key_of(&plain, trad);
    let k = line.key.as_str();
    if is_section(&plain, k) {
        line.kind = Kind::Section;
        return line;
    }
    if is_heading(k) {
        line.kind = Kind::Heading;
        return line;
    }
    if let Some(vals) = values_only(&plain) {
        line.kind = Kind::Values(vals);
        return line;
    }
    if let Some((label, vals)) = label_values(&plain) {
        if label.chars().count() <= MAX_SHORT {
            line.kind = Kind::LabelValues(label, vals);
            return line;
        }
    }
    if n > MAX_SHORT {
        line.kind = Kind::Prose(plain);
        return line;
    }
    if let Some(strong) = header_word(&plain, k) {
        line.kind = Kind::Header { strong };
        return line;
    }
    line
}

fn join_nonempty(cells: &[String]) -> String {
    cells.iter().filter(|c| !c.is_empty()).map(String::as_str).collect::<Vec<_>>().join(" ")
}

/// The label key of a short text, Simplified for matching.
fn key_of(s: &str, trad: bool) -> String {
    if s.chars().count() > 4 * MAX_SHORT {
        return String::new();
    }
    let mut k = if trad { label_key(&t2s::to_simplified(s)) } else { label_key(s) };
    k.retain(|c| c != '/' && c != '\\');
    k
}

// ---------------------------------------------------------------------------------------
// Vocabulary

const NUMERALS: &str = "一二三四五六七八九十";

/// Markers (in label keys) of table rows: their lines are table material.
const ROW_MARKERS: &[&str] = &[
    // 表二
    "规章", "规范性文件", "行政许可", "对外管理服务", "行政处罚", "行政强制", "事业性收费", "集中采购",
    // 表三
    "本年新收", "上年结转", "办理结果", "予以公开", "部分公开", "不予公开", "国家秘密", "禁止公开", "三安全",
    "第三方", "内部事务", "过程性", "执法案卷", "查询事项", "无法提供", "不掌握", "另行制作", "仍不明确",
    "不予处理", "信访", "举报投诉", "重复申请", "出版物", "大量反复", "重新出具", "其他处理", "不补正",
    "缴纳费用", "结转下年", "继续办理",
];

/// Markers of rows of table 三 whose labels start with 一、二、三、四、 like section headings.
const NUMBERED_ROW_MARKERS: &[&str] = &["本年新收", "新收", "上年结转", "办理结果", "结转下年", "继续办理", "申请数量"];

/// Header words that are never row labels.
const STRONG_HEADERS: &[&str] = &[
    "信息内容", "本年制发", "本年废止", "现行有效", "处理决定数量", "收费金额", "新制作数量", "新公开数量",
    "对外公开总数", "上一年项目数", "本年增减", "采购项目数", "采购总金额", "申请人情况", "自然人", "法人或其他组织",
    "商业企业", "科研机构", "社会公益组织", "法律服务机构", "勾稽关系", "行政复议", "行政诉讼", "结果维持", "结果纠正",
    "其他结果", "尚未审结", "未经复议", "复议后起诉", "直接起诉",
];

/// Header fragments that may also be a row label (总计, 其他) or are pieces of a header word
/// broken over lines (商业 / 企业, 结果 / 纠正).
const WEAK_HEADERS: &[&str] = &[
    "总计", "合计", "其他", "商业", "企业", "科研", "机构", "社会公益", "组织", "法律服务", "结果", "纠正", "维持", "尚未",
    "审结", "件数", "数量", "本年", "单位万元", "万元",
];

/// `Some(strong)` if a text (with its key) is a column header word.
fn header_word(text: &str, k: &str) -> Option<bool> {
    if k.is_empty() || !matches!(numbering(text), Level::Plain | Level::Cont) {
        return None;
    }
    if STRONG_HEADERS.iter().any(|m| k.contains(m)) {
        return Some(true);
    }
    if WEAK_HEADERS.contains(&k) {
        return Some(false);
    }
    None
}

/// A report section heading: 一、… with a section's wording (not one of table 三's
/// numbered rows), or a section title without its numeral.
fn is_section(plain: &str, k: &str) -> bool {
    let n = plain.chars().count();
    if n > 60 {
        return false;
    }
    let rest = plain.trim_start_matches(|c: char| NUMERALS.contains(c));
    let numbered = rest.len() < plain.len() && rest.starts_with(['、', '.', '．', '，', ',', ' ']);
    if numbered {
        return !NUMBERED_ROW_MARKERS.iter().any(|m| k.contains(m));
    }
    const TITLES: &[&str] =
        &["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "行政复议行政诉讼情况", "存在的主要问题", "其他需要报告的事项"];
    n <= 30 && TITLES.iter().any(|t| k.starts_with(t) || k == *t)
}

/// 第二十条第（一）项.
fn is_heading(k: &str) -> bool {
    k.starts_with('第') && k.contains("条第") && k.ends_with('项') && k.chars().count() <= 14
}

/// How a label is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    /// 一、
    Top,
    /// （一）
    Paren,
    /// 1.
    Item,
    /// （区分处理的…）: a continuation of the label before.
    Cont,
    Plain,
}

/// The numbering of a label (on its text or key).
fn numbering(s: &str) -> Level {
    let f = fold_width(s);
    let t = f.trim_start();
    let mut it = t.chars();
    let first = it.next();
    match first {
        Some(c) if NUMERALS.contains(c) => {
            let rest = t.trim_start_matches(|c: char| NUMERALS.contains(c));
            if rest.starts_with(['、', '.', '，', ',']) {
                Level::Top
            } else {
                Level::Plain
            }
        }
        Some(c @ ('(' | '（')) => {
            let inner = &t[c.len_utf8()..];
            let after = inner.trim_start_matches(|c: char| NUMERALS.contains(c));
            if after.len() < inner.len() && after.starts_with([')', '）']) {
                Level::Paren
            } else {
                Level::Cont
            }
        }
        Some(c) if c.is_ascii_digit() => {
            let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
            if rest.starts_with(['.', '、', '．']) && !rest[rest.chars().next().map_or(0, char::len_utf8)..].starts_with(|c: char| c.is_ascii_digit()) {
                Level::Item
            } else {
                Level::Plain
            }
        }
        _ => Level::Plain,
    }
}

/// Whether a label key names a row of the official tables.
fn has_row_marker(k: &str) -> bool {
    ROW_MARKERS.iter().any(|m| k.contains(m))
}

/// Whether a label is table material (a row marker, or a numbered label like a row's).
fn is_row_label(label: &str, k: &str) -> bool {
    has_row_marker(k) || (matches!(numbering(label), Level::Top | Level::Paren | Level::Item) && (2..=40).contains(&k.chars().count()))
}

// ---------------------------------------------------------------------------------------
// Numbers at the end of a line

/// A value token: number (with thousands separators, decimals, a unit), a dash, or a run
/// of digits of any length (a row's numbers run together).
fn is_value_token(tok: &str) -> bool {
    if tok.is_empty() || tok == "一" {
        return false;
    }
    if tok.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return true;
    }
    let f = fold_width(tok);
    is_value_text(&f) && !f.trim().is_empty()
}

/// The line is only value tokens.
fn values_only(plain: &str) -> Option<Vec<String>> {
    let toks: Vec<&str> = plain.split(is_space).filter(|w| !w.is_empty()).collect();
    if toks.is_empty() || !toks.iter().all(|t| is_value_token(t)) {
        return None;
    }
    Some(toks.iter().map(|s| s.to_string()).collect())
}

/// A label followed by numbers: spaced tokens at the end, and/or a digit run glued to the
/// label (`规章112` → `规章`, `112`). The label must contain a Han character and must not
/// end in 第 / 表 / 图 / an ASCII letter / punctuation that makes the digits its own
/// (附表1, 第3, IPv6, 号-1, 码:3418…).
fn label_values(plain: &str) -> Option<(String, Vec<String>)> {
    let mut rest = plain.trim_end_matches(is_space);
    let mut vals: Vec<String> = Vec::new();
    loop {
        let cut = rest.rfind(is_space);
        let (head, tok) = match cut {
            Some(i) => (&rest[..i], rest[i..].trim_matches(is_space)),
            None => break,
        };
        if !is_value_token(tok) {
            break;
        }
        vals.push(tok.to_string());
        rest = head.trim_end_matches(is_space);
    }
    vals.reverse();
    // A digit run glued to the label.
    let run_start = trailing_run(rest);
    if let Some(i) = run_start {
        let label = rest[..i].trim_end_matches(is_space);
        let run = &rest[i..];
        let before = label.chars().last();
        let glued_ok = match before {
            None => false,
            Some(c) => !(c.is_ascii_alphanumeric() || "第表图附号-－—/:：._·、".contains(c)),
        };
        if glued_ok && has_han(label) {
            vals.insert(0, run.to_string());
            rest = label;
        }
    }
    if vals.is_empty() || rest.is_empty() || !has_han(rest) {
        return None;
    }
    Some((rest.to_string(), vals))
}

/// Start (byte index) of a trailing run of digits (ASCII or full-width, with thousands
/// separators or a decimal point between digits) that forms one number.
fn trailing_run(s: &str) -> Option<usize> {
    let is_d = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut start = None;
    let mut prev_digit = false;
    for (i, c) in s.char_indices().rev() {
        if is_d(c) {
            start = Some(i);
            prev_digit = true;
        } else if matches!(c, ',' | '.' | '，' | '．') && prev_digit {
            // Keep going only if a digit comes before it; else stop at the digit after.
            prev_digit = false;
            continue;
        } else {
            break;
        }
    }
    let i = start?;
    let run = &s[i..];
    if is_value_token(run) {
        Some(i)
    } else {
        // Not a well-formed number with separators: take the pure digit suffix.
        let j = s.char_indices().rev().take_while(|&(_, c)| is_d(c)).last().map(|(j, _)| j)?;
        Some(j)
    }
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c))
}

// ---------------------------------------------------------------------------------------
// Page-header chrome

/// Information-header labels: (key, label reported in the hints).
const FIELD_LABELS: &[(&str, &str)] = &[
    ("信息索引号", "索引号"),
    ("索引号", "索引号"),
    ("发布机构", "发布机构"),
    ("发布单位", "发布机构"),
    ("发文机关", "发文机关"),
    ("发布日期", "发布日期"),
    ("发布时间", "发布日期"),
    ("公开目录", "公开目录"),
    ("发文字号", "文号"),
    ("文号", "文号"),
    ("公开方式", "公开方式"),
    ("公开形式", "公开方式"),
    ("信息名称", "信息名称"),
    ("标题", "标题"),
    ("成文日期", "成文日期"),
    ("公开日期", "公开日期"),
    ("生成日期", "生成日期"),
    ("主题分类", "主题分类"),
    ("组配分类", "组配分类"),
    ("体裁分类", "体裁分类"),
    ("主题词", "主题词"),
    ("公开范围", "公开范围"),
    ("公开时限", "公开时限"),
    ("有效性", "有效性"),
    ("效力状态", "有效性"),
    ("所属机构", "所属机构"),
    ("信息来源", "来源"),
    ("来源", "来源"),
    ("点击数", "点击数"),
    ("浏览次数", "点击数"),
    ("访问量", "点击数"),
    ("作者", "作者"),
    ("责任部门", "责任部门"),
    ("公开责任部门", "责任部门"),
    ("统一编号", "统一编号"),
    ("文件编号", "文号"),
];

/// The reported label if a token is an information-header label.
fn field_label(tok: &str, trad: bool) -> Option<&'static str> {
    let k = key_of(tok, trad);
    FIELD_LABELS.iter().find(|(m, _)| k == *m).map(|(_, l)| *l)
}

/// Label/value pairs of a header line; `labels` counts the labels seen.
fn field_pairs(tokens: &[String], trad: bool, joiner: &str) -> (Vec<(String, String)>, usize) {
    let mut pairs = Vec::new();
    let mut labels = 0;
    let mut i = 0;
    while i < tokens.len() {
        let Some(label) = field_label(&tokens[i], trad) else {
            i += 1;
            continue;
        };
        labels += 1;
        let mut j = i + 1;
        let mut vals: Vec<&str> = Vec::new();
        while j < tokens.len() && field_label(&tokens[j], trad).is_none() {
            if !tokens[j].is_empty() {
                vals.push(&tokens[j]);
            }
            j += 1;
            if joiner.is_empty() {
                break; // `|` cells: one value cell per label
            }
        }
        // Skip further stray cells up to the next label.
        while j < tokens.len() && field_label(&tokens[j], trad).is_none() {
            j += 1;
        }
        let v = vals.join(if joiner.is_empty() { " " } else { joiner });
        if !v.is_empty() {
            pairs.push((label.to_string(), v));
        }
        i = j;
    }
    (pairs, labels)
}

/// Whitespace/colon tokens of a plain header line: `索 引 号` (single Han characters spaced
/// out) is merged back into one token, `发布日期：2024-02-29` is split at the colon.
fn header_tokens(s: &str, trad: bool) -> Vec<String> {
    let mut toks: Vec<String> = Vec::new();
    let mut single_run = false;
    for w in s.split(is_space).filter(|w| !w.is_empty()) {
        let one_han = w.chars().count() == 1 && has_han(w);
        if one_han && single_run {
            if let Some(last) = toks.last_mut() {
                last.push_str(w);
                continue;
            }
        }
        single_run = one_han;
        // label：value glued
        if let Some(i) = w.find([':', '：']) {
            let (a, b) = (&w[..i], &w[i..]);
            let b = b.trim_start_matches([':', '：']);
            if field_label(a, trad).is_some() {
                toks.push(a.to_string());
                if !b.is_empty() {
                    toks.push(b.to_string());
                }
                single_run = false;
                continue;
            }
        }
        toks.push(w.to_string());
    }
    toks
}

/// Move information-header lines into the hints.
fn mark_chrome(lines: &mut [Line], hints: &mut PageHints, trad: bool) {
    let mut zone_open = true;
    let mut prev_chrome = false;
    for line in lines.iter_mut() {
        let found = match &line.kind {
            Kind::Row(cells) => {
                let first = cells.iter().find(|c| !c.is_empty());
                if first.is_some_and(|c| field_label(c, trad).is_some()) {
                    Some(field_pairs(cells, trad, ""))
                } else {
                    None
                }
            }
            Kind::Label | Kind::LabelValues(..) | Kind::Values(_) | Kind::Header { .. } | Kind::Heading => {
                if FIELD_LABELS.iter().any(|(m, _)| line.key.starts_with(m)) && line.text.chars().count() <= 200 {
                    let toks = header_tokens(line.text, trad);
                    if toks.first().is_some_and(|t| field_label(t, trad).is_some()) {
                        Some(field_pairs(&toks, trad, " "))
                    } else {
                        None
                    }
                } else {
                    None
                }
            }
            Kind::Section => {
                zone_open = false;
                None
            }
            Kind::Prose(p) => {
                if p.chars().count() > 100 {
                    zone_open = false;
                }
                None
            }
            _ => None,
        };
        match found {
            Some((pairs, labels)) if !pairs.is_empty() && (labels >= 2 || zone_open || prev_chrome) => {
                for (k, v) in pairs {
                    if (k == "标题" || k == "信息名称") && hints.title.is_none() {
                        hints.title = Some(v.clone());
                    }
                    if !hints.fields.iter().any(|(a, b)| *a == k && *b == v) {
                        hints.fields.push((k, v));
                    }
                }
                line.kind = Kind::Chrome;
                prev_chrome = true;
            }
            _ => prev_chrome = false,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Blocks

struct Builder<'a, 'b> {
    lines: &'b [Line<'a>],
    trad: bool,
    blocks: Vec<Block>,
}

impl Builder<'_, '_> {
    fn run(mut self) -> Vec<Block> {
        let lines = self.lines;
        let mut i = 0;
        while i < lines.len() {
            match &lines[i].kind {
                Kind::Chrome => i += 1,
                _ if starts_rows(lines, i) => {
                    let mut j = i;
                    while j < lines.len() && starts_rows(lines, j) {
                        j += 1;
                    }
                    self.pipe_group(i, j);
                    i = j;
                }
                Kind::Prose(p) => {
                    self.text(p);
                    i += 1;
                }
                Kind::Section => {
                    self.text(&lines[i].shown);
                    i += 1;
                }
                _ => {
                    let mut j = i;
                    while j < lines.len() && is_short(&lines[j].kind) {
                        j += 1;
                    }
                    self.short_run(i, j);
                    i = j;
                }
            }
        }
        self.blocks
    }

    fn text(&mut self, s: &str) {
        let t = collapse(s);
        if !t.is_empty() {
            self.blocks.push(Block::Text { text: t });
        }
    }

    /// Whether nothing but blank lines follows line `j - 1`.
    fn at_end(&self, j: usize) -> bool {
        j >= self.lines.len()
    }

    /// Consecutive `|` / tab rows `lines[i..j]`.
    fn pipe_group(&mut self, i: usize, j: usize) {
        let lines = self.lines;
        let content: Vec<usize> = (i..j).filter(|&x| matches!(lines[x].kind, Kind::Row(_) | Kind::Heading)).collect();
        let Some(&first) = content.first() else {
            return; // separator chrome
        };
        if content.len() == 1 {
            if let Kind::Row(cells) = &lines[first].kind {
                let nonempty: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
                if nonempty.len() <= 1 {
                    // A lone line with one cell and stray bars: an ordinary line.
                    let t = join_nonempty(cells);
                    let l = classify(&t, lines[first].offset, 0, self.trad);
                    match l.kind {
                        Kind::LabelValues(label, vals) if is_row_label(&label, &l.key) => {
                            let mut row = vec![label];
                            row.extend(vals);
                            self.push_grid(GridKind::PipeText, vec![RowBuf::data(row)], lines[first].offset, self.at_end(j));
                        }
                        _ => self.text(&t),
                    }
                    return;
                }
            }
        }
        let mut rows: Vec<RowBuf> = Vec::new();
        for (x, line) in lines.iter().enumerate().take(j).skip(i) {
            match &line.kind {
                Kind::Row(cells) => {
                    let nonempty: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
                    // A row whose only cell holds a label with its numbers run together.
                    if nonempty.len() == 1 {
                        if let Some((label, vals)) = label_values(nonempty[0]) {
                            if is_row_label(&label, &key_of(&label, self.trad)) {
                                let mut row = vec![label];
                                row.extend(vals);
                                rows.push(RowBuf::data(row));
                                continue;
                            }
                        }
                    }
                    rows.push(RowBuf::data(cells.clone()));
                }
                Kind::Heading => rows.push(RowBuf::data(vec![line.shown.clone()])),
                // Inside a table (after its first row): a row whose every cell is empty, its
                // labels and values lost.
                Kind::Bars(n) if (2..=MAX_BAR_CELLS).contains(n) && x > first => {
                    rows.push(RowBuf::data(vec![String::new(); *n]));
                }
                _ => {}
            }
        }
        self.push_grid(GridKind::PipeText, rows, lines[first].offset, self.at_end(j));
    }

    /// A run of short lines `lines[i..j]`: a table, or text lines.
    fn short_run(&mut self, i: usize, j: usize) {
        let lines = self.lines;
        let tableish = |l: &Line| match &l.kind {
            Kind::Heading | Kind::Values(_) => true,
            Kind::Header { strong } => *strong,
            Kind::LabelValues(label, _) => is_row_label(label, &l.key) || header_word(label, &l.key).is_some(),
            Kind::Label => is_row_label(&l.shown, &l.key),
            _ => false,
        };
        let mut values = 0;
        let mut labels = 0;
        let mut glued = 0;
        for l in &lines[i..j] {
            match &l.kind {
                Kind::Values(_) => values += 1,
                Kind::LabelValues(..) if tableish(l) => glued += 1,
                Kind::Heading | Kind::Header { strong: true } => labels += 1,
                // Numbered sub-headings alone (（一）主要问题) do not make a table.
                Kind::Label if has_row_marker(&l.key) => labels += 1,
                _ => {}
            }
        }
        let is_table = (values >= 2 && labels + glued >= 1) || labels >= 3 || glued >= 2 || (glued >= 1 && labels >= 1);
        if !is_table {
            for l in &lines[i..j] {
                self.text(&l.shown);
            }
            return;
        }
        // Trim lines that are not table material off both ends.
        let mut a = i;
        while a < j && !tableish(&lines[a]) {
            self.text(&lines[a].shown);
            a += 1;
        }
        let mut b = j;
        while b > a && !(tableish(&lines[b - 1]) || matches!(lines[b - 1].kind, Kind::Header { .. })) {
            b -= 1;
        }
        let rows_per_line = glued > 0 && glued >= values;
        let (kind, rows) = if rows_per_line { (GridKind::PipeText, line_rows(&lines[a..b])) } else { (GridKind::CellPerLine, cell_rows(&lines[a..b])) };
        self.push_grid(kind, rows, lines[a].offset, self.at_end(b));
        for l in &lines[b..j] {
            self.text(&l.shown);
        }
    }

    fn push_grid(&mut self, kind: GridKind, rows: Vec<RowBuf>, offset: usize, at_end: bool) {
        if rows.is_empty() {
            return;
        }
        let texts: Vec<Vec<String>> = rows.iter().map(|r| r.cells.clone()).collect();
        let mut grid = Grid::from_text_rows(kind, &texts);
        for c in &mut grid.cells {
            if rows.get(c.row as usize).is_some_and(|r| r.header) {
                c.header = true;
            }
        }
        grid.offset = Some(offset);
        grid.truncated = at_end && !looks_complete(&rows, self.trad);
        self.blocks.push(Block::Table { grid });
    }
}

/// Whether line `i` belongs to a group of `|` / tab rows: a row, a line of bars, or a
/// table sub-heading (第二十条第（一）项, which a copied table gives without separators)
/// followed by a row.
fn starts_rows(lines: &[Line], i: usize) -> bool {
    match lines.get(i).map(|l| &l.kind) {
        Some(Kind::Row(_) | Kind::Bars(_)) => true,
        Some(Kind::Heading) => matches!(lines.get(i + 1).map(|l| &l.kind), Some(Kind::Row(_))),
        _ => false,
    }
}

fn is_short(k: &Kind) -> bool {
    matches!(k, Kind::Heading | Kind::Header { .. } | Kind::Values(_) | Kind::LabelValues(..) | Kind::Label)
}

/// A row being rebuilt.
#[derive(Debug, Clone, Default)]
struct RowBuf {
    cells: Vec<String>,
    header: bool,
    /// Value cells in it.
    values: usize,
    /// Numbering of its last label.
    level: Option<Level>,
}

impl RowBuf {
    fn data(cells: Vec<String>) -> Self {
        let values = cells.iter().filter(|c| is_value_token(c)).count();
        RowBuf { cells, header: false, values, level: None }
    }
}

/// Rows of a region whose lines are rows (label + values on one line). A line with a
/// label only joins the next line's row when that one continues it (a group label before
/// its first sub-row, a label wrapped onto the next line).
fn line_rows(lines: &[Line]) -> Vec<RowBuf> {
    let mut rows: Vec<RowBuf> = Vec::new();
    let mut cur: Option<RowBuf> = None;
    for l in lines {
        match &l.kind {
            Kind::LabelValues(label, vals) => {
                start_or_join_label(&mut cur, &mut rows, label.clone(), label_level(label, &l.key));
                if let Some(r) = cur.as_mut() {
                    r.values += vals.len();
                    r.cells.extend(vals.iter().cloned());
                }
            }
            Kind::Label => start_or_join_label(&mut cur, &mut rows, l.shown.clone(), label_level(&l.shown, &l.key)),
            Kind::Values(vals) => {
                flush_row(&mut cur, &mut rows);
                rows.push(RowBuf::data(vals.clone()));
            }
            Kind::Header { .. } => {
                flush_row(&mut cur, &mut rows);
                rows.push(RowBuf { cells: vec![l.shown.clone()], header: true, ..Default::default() });
            }
            _ => {
                flush_row(&mut cur, &mut rows);
                rows.push(RowBuf::data(vec![l.shown.clone()]));
            }
        }
        // Each line is a row: a row with values is complete.
        if cur.as_ref().is_some_and(|r| r.values > 0) {
            flush_row(&mut cur, &mut rows);
        }
    }
    flush_row(&mut cur, &mut rows);
    rows
}

fn flush_row(cur: &mut Option<RowBuf>, rows: &mut Vec<RowBuf>) {
    if let Some(r) = cur.take() {
        if !r.cells.is_empty() {
            rows.push(r);
        }
    }
}

/// The numbering of a row label, with unnumbered labels that name no row of their own
/// (不计其他情形）, the second line of a wrapped label) as continuations.
fn label_level(label: &str, k: &str) -> Level {
    match numbering(label) {
        Level::Plain if !has_row_marker(k) && header_word(label, k).is_none() => Level::Cont,
        l => l,
    }
}

/// Rows of a one-cell-per-line region.
fn cell_rows(lines: &[Line]) -> Vec<RowBuf> {
    // The usual number of blank lines between cells; more than that before a value means
    // empty cells were there.
    let mut counts = [0usize; 3];
    for l in lines.iter().skip(1) {
        if l.gap < 3 {
            counts[l.gap] += 1;
        }
    }
    let usual = (0..3).max_by_key(|&g| (counts[g], std::cmp::Reverse(g))).unwrap_or(0);
    let mut rows: Vec<RowBuf> = Vec::new();
    let mut cur: Option<RowBuf> = None;
    let flush = flush_row;
    for (idx, l) in lines.iter().enumerate() {
        let text = l.shown.clone();
        match &l.kind {
            Kind::Heading => {
                flush(&mut cur, &mut rows);
                rows.push(RowBuf::data(vec![text]));
            }
            Kind::Header { strong } => {
                let in_header = cur.as_ref().is_some_and(|r| r.header);
                if in_header {
                    if let Some(r) = cur.as_mut() {
                        r.cells.push(text);
                    }
                } else if *strong {
                    flush(&mut cur, &mut rows);
                    cur = Some(RowBuf { cells: vec![text], header: true, ..Default::default() });
                } else {
                    // 总计 / 其他 outside a header: a row label.
                    start_or_join_label(&mut cur, &mut rows, text, Level::Plain);
                }
            }
            Kind::Values(vals) => {
                let data_row = cur.as_ref().is_some_and(|r| !r.header);
                if !data_row {
                    flush(&mut cur, &mut rows);
                    cur = Some(RowBuf::default());
                }
                if let Some(r) = cur.as_mut() {
                    if idx > 0 && l.gap > usual {
                        let empties = ((l.gap - usual) / (usual + 1)).min(16);
                        for _ in 0..empties {
                            r.cells.push(String::new());
                        }
                    }
                    r.values += vals.len();
                    r.cells.extend(vals.iter().cloned());
                }
            }
            Kind::LabelValues(label, vals) => {
                start_or_join_label(&mut cur, &mut rows, label.clone(), label_level(label, &l.key));
                if let Some(r) = cur.as_mut() {
                    r.values += vals.len();
                    r.cells.extend(vals.iter().cloned());
                }
            }
            _ => {
                let level = label_level(&text, &l.key);
                // A header word continued on the next line: （单位：万元）, or the second half
                // of the corner cell (…等于第三项加第四项之和）).
                let header_cont = numbering(&text) == Level::Cont || (level == Level::Cont && text.ends_with([')', '）']));
                if header_cont && cur.as_ref().is_some_and(|r| r.header) {
                    if let Some(r) = cur.as_mut() {
                        r.cells.push(text);
                    }
                    continue;
                }
                start_or_join_label(&mut cur, &mut rows, text, level);
            }
        }
    }
    flush(&mut cur, &mut rows);
    rows
}

/// A label starts a new row, unless it is a sub-label of the current row's label and no
/// value came yet (三、本年度办理结果 + （一）予以公开; （三）不予公开 + 1.属于国家秘密;
/// a label continued in parentheses on the next line).
fn start_or_join_label(cur: &mut Option<RowBuf>, rows: &mut Vec<RowBuf>, text: String, level: Level) {
    let joins = cur.as_ref().is_some_and(|r| {
        !r.header
            && r.values == 0
            && !r.cells.is_empty()
            && matches!(
                (r.level, level),
                (_, Level::Cont) | (Some(Level::Top), Level::Paren | Level::Item) | (Some(Level::Paren), Level::Item)
            )
    });
    if joins {
        if let Some(r) = cur.as_mut() {
            r.cells.push(text);
            if level != Level::Cont {
                r.level = Some(level);
            }
        }
        return;
    }
    if let Some(r) = cur.take() {
        if !r.cells.is_empty() {
            rows.push(r);
        }
    }
    *cur = Some(RowBuf { cells: vec![text], header: false, values: 0, level: Some(level) });
}

/// Whether a table's last row is the last row of an official table, complete: table 三's
/// 结转下年度继续办理 with its seven values, table 四's fifteen values, table 二's
/// 行政事业性收费 (2021) or 政府集中采购 (2019). A run of digits counts as a complete row.
fn looks_complete(rows: &[RowBuf], trad: bool) -> bool {
    let Some(last) = rows.iter().rev().find(|r| !r.header && r.cells.iter().any(|c| !c.is_empty())) else {
        return true;
    };
    let label: String = last.cells.iter().filter(|c| !is_value_token(c) && !c.is_empty()).map(|c| key_of(c, trad)).collect();
    let vals: Vec<&String> = last.cells.iter().filter(|c| is_value_token(c)).collect();
    let run = vals.len() == 1 && vals[0].chars().count() >= 2 && vals[0].chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let n = vals.len();
    // 2019 format: table 二 ends with 政府集中采购, not with 行政事业性收费.
    let is2019 = || {
        rows.iter().any(|r| {
            r.cells.iter().filter(|c| c.chars().count() <= MAX_SHORT && !is_value_token(c)).any(|c| {
                let k = key_of(c, trad);
                k.contains("新制作") || k.contains("上一年") || k.contains("采购")
            })
        })
    };
    if label.contains("继续办理") || label.contains("结转下年") {
        return n >= 7 || run;
    }
    if label.is_empty() {
        return n >= 15 || (run && vals[0].chars().count() >= 15);
    }
    if label.contains("采购") {
        return n >= 2 || run;
    }
    if label.contains("收费") && !is2019() {
        return n >= 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::PlacedCell;

    fn doc(s: &str) -> Document {
        to_document(s)
    }

    fn tables(d: &Document) -> Vec<&Grid> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table { grid } => Some(grid),
                _ => None,
            })
            .collect()
    }

    fn rows(g: &Grid) -> Vec<Vec<String>> {
        g.rows().iter().map(|r| r.iter().map(|c: &&PlacedCell| c.text.clone()).collect()).collect()
    }

    fn texts(d: &Document) -> Vec<&str> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Text { text } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn lines_and_offsets() {
        let l = split_lines("a\r\n\r\n  b \rc\u{2028}d\n\n\n");
        assert_eq!(l, vec![("a", 0, 0), ("b", 7, 1), ("c", 10, 0), ("d", 12, 0)]);
        assert!(split_lines("").is_empty());
        assert!(split_lines("\n \n\t\n").is_empty());
    }

    #[test]
    fn pipe_rows_keep_their_cells() {
        let d = doc("二、主动公开政府信息情况\n第二十条第(一)项 | |||\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 | 2 | 1 | 10 |\n五、存在的主要问题");
        let t = tables(&d);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].kind, GridKind::PipeText);
        assert_eq!(
            rows(t[0]),
            vec![
                vec!["第二十条第(一)项", "", "", ""],
                vec!["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                vec!["规章", "2", "1", "10"],
            ]
        );
        assert!(!t[0].truncated);
        assert_eq!(texts(&d), vec!["二、主动公开政府信息情况", "五、存在的主要问题"]);
    }

    #[test]
    fn bars_only_lines_are_chrome() {
        let d = doc("标题\n|\n||||||||||||||||||||||||||||||||||||||||||||||||||||||||||\n正文。");
        assert!(tables(&d).is_empty());
        assert_eq!(texts(&d), vec!["标题", "正文。"]);
    }

    #[test]
    fn prose_with_a_stray_bar_is_text() {
        let long = "本报告根据条例编制。".repeat(20);
        let d = doc(&format!("{long} |\n【关闭窗口】 【打印本文】 |"));
        assert!(tables(&d).is_empty());
        assert_eq!(texts(&d), vec![long.as_str(), "【关闭窗口】 【打印本文】"]);
    }

    #[test]
    fn header_fields_from_bars_colons_and_spaces() {
        let d = doc("索引号 | 1585729837/zfb/2025-0000050 | 发布机构 | 临沂市政府办公室 |\n文号 | 公开方式 | 主动公开 |\n标题 | 某市2024年政府信息公开工作年度报告 |\n正文");
        assert!(tables(&d).is_empty());
        assert_eq!(
            d.hints.fields,
            vec![
                ("索引号".to_string(), "1585729837/zfb/2025-0000050".to_string()),
                ("发布机构".into(), "临沂市政府办公室".into()),
                ("公开方式".into(), "主动公开".into()),
                ("标题".into(), "某市2024年政府信息公开工作年度报告".into()),
            ]
        );
        assert_eq!(d.hints.title.as_deref(), Some("某市2024年政府信息公开工作年度报告"));
        let d = doc("\u{a0}索\u{a0}引\u{a0}号\u{a0} abc/2020-01\u{a0} 公开方式\u{a0} 主动公开\n发布日期:2024-02-29    点击数:\n正文");
        assert_eq!(
            d.hints.fields,
            vec![
                ("索引号".to_string(), "abc/2020-01".to_string()),
                ("公开方式".into(), "主动公开".into()),
                ("发布日期".into(), "2024-02-29".into()),
            ]
        );
        assert_eq!(texts(&d), vec!["正文"]);
    }

    #[test]
    fn cell_per_line_rebuilds_rows_and_truncation() {
        let d = doc("二、主动公开政府信息情况\n\n第二十条第(一)项\n\n信息内容\n\n本年制发件数\n\n本年废止件数\n\n现行有效件数\n\n规章\n\n1\n\n1\n\n2\n\n行政规范性文件\n\n6");
        let t = tables(&d);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].kind, GridKind::CellPerLine);
        assert_eq!(
            rows(t[0]),
            vec![
                vec!["第二十条第(一)项"],
                vec!["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                vec!["规章", "1", "1", "2"],
                vec!["行政规范性文件", "6"],
            ]
        );
        assert!(t[0].truncated);
        assert!(t[0].cells.iter().filter(|c| c.row == 1).all(|c| c.header));
        assert!(t[0].cells.iter().filter(|c| c.row == 2).all(|c| !c.header));
    }

    #[test]
    fn request_rows_join_group_labels() {
        let s = "三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n申请人情况\n自然人\n法人或其他组织\n总计\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n一、本年新收政府信息公开申请数量\n5\n0\n0\n0\n0\n0\n5\n三、本年度办理结果\n（一）予以公开\n3\n0\n0\n0\n0\n0\n3\n（三）不予公开\n1.属于国家秘密\n0\n0\n0\n0\n0\n0\n0\n（七）总计\n5\n0\n0\n0\n0\n0\n5\n四、结转下年度继续办理\n0\n0\n0\n0\n0\n0\n0";
        let d = doc(s);
        let t = tables(&d);
        assert_eq!(t.len(), 1);
        let r = rows(t[0]);
        assert_eq!(r[0].len(), 10); // one header row
        assert_eq!(r[1], vec!["一、本年新收政府信息公开申请数量", "5", "0", "0", "0", "0", "0", "5"]);
        assert_eq!(r[2][..3], ["三、本年度办理结果", "（一）予以公开", "3"]);
        assert_eq!(r[3][..3], ["（三）不予公开", "1.属于国家秘密", "0"]);
        assert_eq!(r[4][0], "（七）总计");
        assert_eq!(r[5].len(), 8);
        assert!(!t[0].truncated, "ends with a complete 结转下年度 row");
    }

    #[test]
    fn run_together_and_spaced_rows() {
        let d = doc("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量640020470\n二、上年结转政府信息公开申请数量 17 0 0 0 0 0 17\n（三）1.属于国家秘密\n五、存在的问题");
        let t = tables(&d);
        assert_eq!(t.len(), 1);
        assert_eq!(
            rows(t[0]),
            vec![
                vec!["一、本年新收政府信息公开申请数量", "640020470"],
                vec!["二、上年结转政府信息公开申请数量", "17", "0", "0", "0", "0", "0", "17"],
                vec!["（三）1.属于国家秘密"],
            ]
        );
        assert_eq!(label_values("规章112"), Some(("规章".into(), vec!["112".into()])));
        assert_eq!(label_values("（三）1.属于国家秘密"), None);
        assert_eq!(label_values("皖ICP备05002996号-1"), None);
        assert_eq!(label_values("网站标识码:3418000001"), None);
        assert_eq!(label_values("行政许可 1,184,388"), Some(("行政许可".into(), vec!["1,184,388".into()])));
        assert_eq!(label_values("规章１１２"), Some(("规章".into(), vec!["１１２".into()])));
        assert_eq!(label_values("3.其他10"), Some(("3.其他".into(), vec!["10".into()])));
    }

    #[test]
    fn short_text_is_not_a_table() {
        let d = doc("登录 注册\n\n某市人民政府2023年政府信息公开工作年度报告\n\n（一）主要问题\n2024年我市政务公开工作奋力推进，取得显著成效。");
        assert!(tables(&d).is_empty());
        assert_eq!(texts(&d).len(), 4);
    }

    #[test]
    fn label_only_pipe_table() {
        let d = doc("三、收到和處理政府資訊公開申請情況\n(本列數據的勾稽關係為:第一項加第二項之和, 等於第三項加第四項之和) | |\n| | |\n| | | | |\n(二)部分公開 | | | |\n| | | |\n四、因政府資訊公開工作被申請行政複議、提起行政訴訟情況");
        let t = tables(&d);
        assert_eq!(t.len(), 1);
        let r = rows(t[0]);
        assert_eq!(r.len(), 5);
        assert_eq!(r[1], vec!["", "", ""]);
        assert_eq!(r[3][0], "(二)部分公開");
        assert!(!t[0].truncated);
    }

    #[test]
    fn empty_cells_from_extra_blank_lines() {
        // Cells separated by one blank line; three blank lines hold an empty cell.
        let d = doc("第二十条第（一）项\n\n信息内容\n\n本年制发件数\n\n本年废止件数\n\n现行有效件数\n\n规章\n\n1\n\n\n\n2\n\n行政规范性文件\n\n3\n\n0\n\n4\n\n三、收到和处理政府信息公开申请情况");
        let r = rows(tables(&d)[0]);
        assert_eq!(r[2], vec!["规章", "1", "", "2"]);
        assert_eq!(r[3], vec!["行政规范性文件", "3", "0", "4"]);
    }

    #[test]
    fn wrapped_labels_and_other_separators() {
        // A label wrapped onto a second line, and a group label on its own line.
        let d = doc("三、收到和处理政府信息公开申请情况\n三、本年度办理结果\n（一）予以公开 3 0 0 0 0 0 3\n（二）部分公开（区分处理的，只计这一情形，\n不计其他情形） 1 0 0 0 0 0 1\n四、结转下年度继续办理 0 0 0 0 0 0 0");
        let r = rows(tables(&d)[0]);
        assert_eq!(r[0][..3], ["三、本年度办理结果", "（一）予以公开", "3"]);
        assert_eq!(r[1][..3], ["（二）部分公开（区分处理的，只计这一情形，", "不计其他情形）", "1"]);
        assert_eq!(r.len(), 3);
        // Full-width bars and a Markdown rule line.
        let d = doc("| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|:---:|---|---|\n｜规章｜2｜1｜10｜\n\n正文。");
        let t = tables(&d);
        assert_eq!(t.len(), 1);
        let r = rows(t[0]);
        assert_eq!(r[0], vec!["", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]);
        assert_eq!(r[1], vec!["", "", "", "", ""]);
        assert_eq!(r[2], vec!["", "规章", "2", "1", "10"]);
        // The corner cell broken over two lines stays in the header row.
        let d = doc("（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）\n申请人情况\n自然人\n一、本年新收政府信息公开申请数量\n1\n0\n0\n0\n0\n0\n1");
        let r = rows(tables(&d)[0]);
        assert_eq!(r[0].len(), 4, "{r:?}");
        assert_eq!(r[1].len(), 8);
    }

    #[test]
    fn traditional_cell_per_line() {
        let d = doc("發佈機構：青島市人民政府辦公廳\n二、主動公開政府資訊情況\n第二十條第（一）項\n資訊內容\n本年製發件數\n本年廢止件數\n現行有效件數\n規章\n1\n0\n3\n行政規範性檔案\n6\n2\n40\n三、收到和處理政府資訊公開申請情況\n");
        let t = tables(&d);
        assert_eq!(t.len(), 1);
        let r = rows(t[0]);
        assert_eq!(r[0], vec!["第二十條第（一）項"]);
        assert!(t[0].cells.iter().filter(|c| c.row == 1).all(|c| c.header), "{r:?}");
        assert_eq!(r[2], vec!["規章", "1", "0", "3"]);
        assert_eq!(r[3], vec!["行政規範性檔案", "6", "2", "40"]);
        assert!(!t[0].truncated);
        assert_eq!(d.hints.fields, vec![("发布机构".to_string(), "青島市人民政府辦公廳".to_string())]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "|", "||", "\t", "a\tb", "１２３", "一、", "（", "(一", "1.", "第条第项", "\r", "\u{2028}", "　|　", "规章|", "|规章112",
            "（三）", "9999999999999999999999999999", "一、本年新收政府信息公开申请数量", "总计\n总计\n1\n2",
        ] {
            let _ = doc(s);
        }
        let big = "规章 | 1 |\n".repeat(2000) + &"|".repeat(10_000);
        let d = doc(&big);
        assert_eq!(tables(&d).len(), 1);
    }
}

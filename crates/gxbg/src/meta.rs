//! Metadata (title, publisher, year, date, 索引号, report vs interpretation) and sections.
//!
//! # Where metadata comes from
//! Three sources, read in this order, the first non-empty value per label winning:
//! 1. `doc.hints.fields`: label/value pairs the front end found in the page chrome;
//! 2. label/value pairs in the head of `text` (its first 80 lines of at most 300 characters):
//!    `索引号 | 1585729837/zfb/2025-0000050 | 发布机构 | …` rows, `发布日期:2024-02-29`,
//!    ` 索 引 号  luozhuangqulz201/…  公开方式  主动公开` (labels may be spaced out, values
//!    end at the next label, two spaces or the line end);
//! 3. `doc.hints.meta` (`ArticleTitle`, `PubDate`, `ContentSource`, `Author` …) and
//!    `doc.hints.title` (`<title>`).
//!
//! Precedence per item:
//! - **title**: field 标题 / 信息名称 / 名称 / 文件名称 → meta `ArticleTitle` (or `dc.title`,
//!   `title`) → the part of `<title>` that reads like a report title (site suffixes `_栏目_站点`
//!   dropped) → the first short line of the text that reads `…20xx年(度)…政府信息公开…年度报告`
//!   (joined with a preceding line that is just an organisation name, as in seed 000).
//! - **publisher**: field 发布机构 / 发文机关 / 发布单位 / 公开主体 → meta `ContentSource` →
//!   field 来源 / 信息来源 → the title's words before the year (`临沂市人民政府2024年…` →
//!   `临沂市人民政府`) or, for titles that start with the year, between the year and
//!   政府信息公开 (`2019年罗庄区政府信息公开…` → `罗庄区`) → meta `Author`.
//! - **year**: the title's `20xx年` → the text's statistics period (`统计时间为2024年1月1日至
//!   12月31日`, `2019年9月1日至2019年12月31日`: the end year) → the first
//!   `20xx年(度)政府信息公开工作年度报告` in the text.
//! - **publish date** (`YYYY-MM-DD`, from `2025/03/05`, `2024-02-29`, `2025年3月5日`,
//!   `2022-02-08 16:34`, `2025.3.5`): field 发布日期 / 公开日期 / 发布时间 → meta `PubDate`
//!   (`publishdate`, `firstpublishedtime`, …) → field 生成日期 / 时间 / 日期 → field 成文日期 /
//!   发文日期 / 印发日期 (the document's date, used only when nothing says when it was published).
//! - **index number**: field 索引号 (spaces removed).
//! - **document kind**: `interpretation` when the title names a 解读 / 图解 / 一图读懂 (or,
//!   without a title, the first lines do), or the text says `解读如下`; else `report`.
use crate::blocks::Document;
use crate::prose::{num, words_table, Words};
use crate::report::{DocumentKind, Meta, Section};

/// Labels of the information header, longest first where one contains another.
const LABELS: &[&str] = &[
    "索引号",
    "主题分类",
    "体裁分类",
    "组配分类",
    "服务对象",
    "发布机构",
    "发文机关",
    "发布单位",
    "公开主体",
    "发布主体",
    "成文日期",
    "发文日期",
    "印发日期",
    "发布日期",
    "公开日期",
    "生成日期",
    "发布时间",
    "发文字号",
    "文号",
    "信息名称",
    "文件名称",
    "标题",
    "名称",
    "公开方式",
    "公开目录",
    "公开范围",
    "公开时限",
    "公开形式",
    "有效性",
    "时效",
    "信息来源",
    "来源",
    "时间",
    "日期",
    "点击数",
    "浏览次数",
    "访问量",
    "关键词",
    "主题词",
    "分类",
    "作者",
    "字号",
];

/// [`LABELS`] as a table, to know which characters may start one.
const LABEL_TABLE: Words<{ LABELS.len() }> = words_table!(LABELS);

/// Metadata from page hints and text.
pub fn extract(doc: &Document, text: &str) -> Meta {
    let mut fields: Vec<(String, String)> = Vec::new();
    for (k, v) in &doc.hints.fields {
        let k = norm_label(k);
        let v = clean_value(v);
        if !k.is_empty() {
            fields.push((k, v));
        }
    }
    fields.extend(text_fields(text));
    let field = |labels: &[&str]| -> Option<String> {
        for l in labels {
            if let Some((_, v)) = fields.iter().find(|(k, v)| k == l && !v.is_empty()) {
                return Some(v.clone());
            }
        }
        None
    };
    let meta = |names: &[&str]| -> Option<String> {
        for n in names {
            if let Some((_, v)) = doc.hints.meta.iter().find(|(k, v)| k.trim().eq_ignore_ascii_case(n) && !v.trim().is_empty()) {
                return Some(clean_value(v));
            }
        }
        None
    };

    // Title.
    let title = field(&["标题", "信息名称", "名称", "文件名称"])
        .map(|t| clean_title(&t))
        .filter(|t| !t.is_empty())
        .or_else(|| meta(&["ArticleTitle", "dc.title", "title"]).map(|t| clean_title(&t)).filter(|t| !t.is_empty()))
        .or_else(|| doc.hints.title.as_deref().and_then(title_from_html_title))
        .or_else(|| title_from_text(text));

    // Publisher.
    let publisher = field(&["发布机构", "发文机关", "发布单位", "公开主体", "发布主体"])
        .or_else(|| meta(&["ContentSource", "source"]))
        .or_else(|| field(&["来源", "信息来源"]))
        .or_else(|| title.as_deref().and_then(publisher_from_title))
        .or_else(|| meta(&["Author"]))
        .map(|p| clean_title(&p))
        .filter(|p| !p.is_empty());

    // Year.
    let year = title
        .as_deref()
        .and_then(year_from_title)
        .or_else(|| year_from_period(text))
        .or_else(|| year_from_text_title(text))
        .or_else(|| year_from_overview(text));

    // Publish date.
    let publish_date = ["发布日期", "公开日期", "发布时间"]
        .iter()
        .find_map(|l| field(&[l]).and_then(|v| normalize_date(&v)))
        .or_else(|| {
            meta(&["PubDate", "publishdate", "PublishDate", "firstpublishedtime", "pubtime", "PublishTime", "dc.date"])
                .and_then(|v| normalize_date(&v))
        })
        .or_else(|| {
            ["生成日期", "时间", "日期", "成文日期", "发文日期", "印发日期"].iter().find_map(|l| field(&[l]).and_then(|v| normalize_date(&v)))
        });

    // 索引号.
    let index_number = field(&["索引号"]).map(|v| v.chars().filter(|c| !c.is_whitespace()).collect::<String>()).filter(|v| {
        !v.is_empty() && v.chars().any(|c| c.is_ascii_alphanumeric())
    });

    let document_kind = Some(kind(title.as_deref(), text));

    Meta { title, publisher, year, publish_date, index_number, document_kind }
}

/// Whether `w` occurs in `h` (`h.contains(w)`, by a memchr search: faster on the short
/// strings asked here).
fn has(h: &str, w: &str) -> bool {
    crate::prose::find(h, w).is_some()
}

/// `索 引 号：` → `索引号`.
fn norm_label(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：' | '|' | '【' | '】' | '[' | ']')).collect()
}

fn clean_value(s: &str) -> String {
    let t = s.trim().trim_matches(|c: char| c == '|' || c.is_whitespace());
    collapse_ws(t)
}

fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut ws = false;
    for c in s.chars() {
        if c.is_whitespace() {
            ws = true;
        } else {
            if ws && !out.is_empty() {
                out.push(' ');
            }
            ws = false;
            out.push(c);
        }
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x3000..=0x303F | 0xFF00..=0xFFEF) || "《》“”（）：，".contains(c)
}

/// Whitespace collapsed, and dropped between CJK characters (`临沂市人民政府 2024年` keeps
/// no space either: a space next to CJK is layout).
fn clean_title(s: &str) -> String {
    let c = collapse_ws(s);
    let chars: Vec<char> = c.chars().collect();
    let mut out = String::with_capacity(c.len());
    for (i, ch) in chars.iter().enumerate() {
        if *ch == ' ' {
            let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let next = chars.get(i + 1).copied();
            if prev.is_some_and(is_cjk) || next.is_some_and(is_cjk) {
                continue;
            }
        }
        out.push(*ch);
    }
    let out = out.trim().to_string();
    out.chars().take(200).collect()
}

/// Label/value pairs in the head of the text.
fn text_fields(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut cells: Vec<&str> = Vec::new();
    for line in text.lines().take(80) {
        if line.len() > 300 && line.chars().count() > 300 {
            continue;
        }
        if line.contains('|') {
            cells.clear();
            cells.extend(line.split('|').map(str::trim));
            let mut i = 0;
            while i < cells.len() {
                let c = cells[i];
                if let Some(l) = as_label(c) {
                    let next = cells.get(i + 1).copied().unwrap_or("");
                    let next_is_label = as_label(next).is_some() || !label_hits(next, true).is_empty();
                    if next_is_label {
                        out.push((l.to_string(), String::new()));
                        i += 1;
                    } else {
                        out.push((l.to_string(), clean_value(next)));
                        i += 2;
                    }
                    continue;
                }
                out.extend(line_fields(c));
                i += 1;
            }
        } else {
            out.extend(line_fields(line));
        }
    }
    out
}

/// Match `label` at byte `at` of `s`, allowing single spaces between its characters.
/// Returns the end of the match.
fn match_spaced(s: &str, at: usize, label: &str) -> Option<usize> {
    let mut i = at;
    let mut first = true;
    for lc in label.chars() {
        if !first {
            let rest = &s[i..];
            let trimmed = rest.trim_start_matches([' ', '\u{3000}']);
            if rest.len() - trimmed.len() <= 2 {
                i += rest.len() - trimmed.len();
            }
        }
        first = false;
        let c = s[i..].chars().next()?;
        if c != lc {
            return None;
        }
        i += c.len_utf8();
    }
    Some(i)
}

/// The longest of [`LABELS`], in bytes.
const MAX_LABEL: usize = {
    let mut m = 0;
    let mut k = 0;
    while k < LABELS.len() {
        if LABELS[k].len() > m {
            m = LABELS[k].len();
        }
        k += 1;
    }
    m
};

/// The label `s` is (`norm_label(s)` when [`LABELS`] has it), without building a string.
fn as_label(s: &str) -> Option<&'static str> {
    if s.is_ascii() {
        return None; // (most table cells: no label is ASCII)
    }
    let mut buf = [0u8; MAX_LABEL];
    let mut n = 0;
    for c in s.chars() {
        if c.is_whitespace() || matches!(c, ':' | '：' | '|' | '【' | '】' | '[' | ']') {
            continue;
        }
        if n == 0 && !LABEL_TABLE.may_start(c) {
            return None; // (most cells: no label starts so)
        }
        let e = n + c.len_utf8();
        c.encode_utf8(buf.get_mut(n..e)?); // longer than any label
        n = e;
    }
    let w = &buf[..n];
    LABELS.iter().copied().find(|l| l.as_bytes() == w)
}

/// `label:value` / `label  value` pairs in one line (or cell).
fn line_fields(line: &str) -> Vec<(String, String)> {
    let hits = label_hits(line, false);
    let mut out = Vec::new();
    for (n, (_, vs, l)) in hits.iter().enumerate() {
        let ve = hits.get(n + 1).map(|h| h.0).unwrap_or(line.len());
        let raw = line.get(*vs..ve.max(*vs)).unwrap_or("");
        // A value ends at two spaces (or a tab): what follows is another, unknown label.
        let cut = raw.find("  ").into_iter().chain(raw.find('\t')).chain(raw.find("\u{3000}\u{3000}")).min().unwrap_or(raw.len());
        out.push((l.to_string(), clean_value(&raw[..cut])));
    }
    out
}

/// The labels of [`line_fields`]: (label start, value start, label); only the first one when
/// `first_only` (whether there is any).
fn label_hits(line: &str, first_only: bool) -> Vec<(usize, usize, &'static str)> {
    // Label occurrences: at the line start or after whitespace, followed by a colon or whitespace.
    let mut hits: Vec<(usize, usize, &'static str)> = Vec::new(); // (label start, value start, label)
    if line.is_ascii() {
        return hits; // (most table cells: no label is ASCII)
    }
    let mut i = 0;
    // Whether the character before `i` may precede a label (or `i` is the line start).
    let sep = |p: char| !(0x4E00..=0x9FFF).contains(&(p as u32)) && (p.is_whitespace() || matches!(p, '】' | ']' | '|'));
    let mut after_sep = true;
    let h = line.as_bytes();
    while i < line.len() {
        // (Most positions follow a character that no label may follow (an ideograph): that
        // rules them out before the character at `i` is even decoded.)
        if !after_sep {
            let b0 = h[i];
            if b0 < 0x80 {
                after_sep = sep(b0 as char);
                i += 1;
            } else if matches!(b0, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
                // The lead bytes of the non-ASCII whitespace (U+0085, U+00A0, U+1680,
                // U+2000…U+205F, U+3000) and of 】 (U+3011).
                let Some(c) = line[i..].chars().next() else { break };
                after_sep = sep(c);
                i += c.len_utf8();
            } else {
                i += if b0 >= 0xF0 {
                    4
                } else if b0 >= 0xE0 {
                    3
                } else {
                    2
                };
            }
            continue;
        }
        let Some(c) = line[i..].chars().next() else { break };
        if !c.is_whitespace() && LABEL_TABLE.may_start(c) {
            let mut best: Option<(usize, &'static str)> = None;
            // Only the labels starting with `c` can match at `i`.
            for (l, _) in LABELS.iter().zip(LABEL_TABLE.firsts).filter(|(_, f)| *f == c) {
                if let Some(e) = match_spaced(line, i, l) {
                    if best.map_or(true, |b| e > b.0) {
                        best = Some((e, l));
                    }
                }
            }
            if let Some((e, l)) = best {
                let rest = &line[e..];
                let t = rest.trim_start_matches([' ', '\t', '\u{3000}']);
                let sep_len = if t.starts_with(':') || t.starts_with('：') {
                    Some(rest.len() - t.len() + t.chars().next().map(char::len_utf8).unwrap_or(0))
                } else if rest.is_empty() || rest.len() != t.len() {
                    Some(rest.len() - t.len())
                } else {
                    None
                };
                if let Some(sep_len) = sep_len {
                    hits.push((i, e + sep_len, l));
                    if first_only {
                        return hits;
                    }
                    i = e + sep_len;
                    after_sep = line[..i].chars().next_back().is_some_and(sep);
                    continue;
                }
            }
        }
        after_sep = sep(c);
        i += c.len_utf8();
    }
    hits
}

/// Whether a string reads like a report title.
fn looks_like_report_title(s: &str) -> bool {
    (has(s, "信息公开") || has(s, "政务公开"))
        && (has(s, "年度报告") || has(s, "年报") || has(s, "工作报告"))
        && find_year(s).is_some()
}

fn title_from_html_title(t: &str) -> Option<String> {
    let t = collapse_ws(t);
    let parts: Vec<&str> = t.split(['_', '|']).flat_map(|p| p.split(" - ")).flat_map(|p| p.split(" — ")).map(str::trim).collect();
    parts.iter().find(|p| looks_like_report_title(p)).map(|p| clean_title(p))
}

fn title_from_text(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).take(60).collect();
    for (i, l) in lines.iter().enumerate() {
        let n = l.chars().count();
        if !(6..=100).contains(&n) || !looks_like_report_title(l) || l.contains('|') {
            continue;
        }
        // Must end as a title does (…报告, …年报, 》, )).
        let end = l.trim_end_matches(['》', ')', '）', '"', '”']);
        if !(end.ends_with("报告") || end.ends_with("年报")) {
            continue;
        }
        let mut title = l.to_string();
        // `临沂市人民政府` on the line before a title that starts with the year.
        if l.starts_with(|c: char| c.is_ascii_digit()) && i > 0 {
            let prev = lines[i - 1];
            let pn = prev.chars().count();
            if (2..=30).contains(&pn)
                && prev.chars().all(|c| is_cjk(c) && !"，。：；《》“”（）".contains(c))
                && ["政府", "局", "委员会", "委", "办公室", "办", "厅", "区", "县", "市", "镇", "乡", "街道", "中心", "院", "署", "部"]
                    .iter()
                    .any(|s| prev.ends_with(s))
            {
                title = format!("{prev}{l}");
            }
        }
        return Some(clean_title(&title));
    }
    None
}

/// The first `20xx年` in `s`: (byte start, year).
fn find_year(s: &str) -> Option<(usize, i32)> {
    for (i, _) in s.match_indices('年') {
        let b = &s.as_bytes()[..i];
        let digits = b.iter().rev().take_while(|c| c.is_ascii_digit()).count();
        if digits == 4 {
            let start = i - 4;
            if let Ok(y) = s[start..i].parse::<i32>() {
                if (1990..=2100).contains(&y) {
                    return Some((start, y));
                }
            }
        }
    }
    None
}

fn year_from_title(t: &str) -> Option<i32> {
    find_year(t).map(|x| x.1)
}

fn publisher_from_title(t: &str) -> Option<String> {
    // Drop an interpretation prefix (音频解读:《…》).
    let t = match t.find('《') {
        Some(i) if t[i..].contains('》') => &t[i + '《'.len_utf8()..],
        _ => t,
    };
    let (ys, _) = find_year(t)?;
    let before = t[..ys].trim().trim_start_matches("关于").trim_matches(|c: char| "《》“”\"': ：".contains(c));
    if !before.is_empty() && before.chars().count() <= 40 {
        return Some(before.to_string());
    }
    let after = t[ys + 4..].trim_start_matches('年').trim_start_matches('度');
    let end = ["政府信息公开", "政务公开", "信息公开"].iter().filter_map(|w| after.find(w)).min()?;
    let p = after[..end].trim();
    (!p.is_empty() && p.chars().count() <= 40).then(|| p.to_string())
}

/// The statistics period `20xx年M月D日(起)至(20yy年)12月31日`: the end year.
fn year_from_period(text: &str) -> Option<i32> {
    let mut from = 0;
    let mut tries = 0;
    while let Some(rel) = memchr::memmem::find(&text.as_bytes()[from..], "12月31日".as_bytes()) {
        tries += 1;
        if tries > 50 {
            break;
        }
        let at = from + rel;
        from = at + "12月31日".len();
        // Up to 30 bytes before: the start date and an optional end year.
        let mut ws = at.saturating_sub(40);
        while !text.is_char_boundary(ws) {
            ws += 1;
        }
        let window = &text[ws..at];
        let Some(mark) = ["至", "到", "—", "-", "~", "～"].iter().filter_map(|m| window.rfind(m)).max() else { continue };
        let before = &window[..mark];
        let after_mark = window[mark..].chars().skip(1).collect::<String>();
        if !(before.ends_with('日') || before.ends_with("日起")) || !before.contains("月") {
            continue;
        }
        if let Some((_, y)) = find_year(&after_mark) {
            return Some(y);
        }
        if let Some(y) = all_years(before).last() {
            return Some(*y);
        }
    }
    None
}

fn all_years(s: &str) -> Vec<i32> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some((i, y)) = find_year(rest) {
        out.push(y);
        rest = rest.get(i + 4 + '年'.len_utf8()..).unwrap_or("");
    }
    out
}

fn year_from_text_title(text: &str) -> Option<i32> {
    for w in ["政府信息公开工作年度报告", "政府信息公开年度报告", "政务公开工作年度报告"] {
        if let Some(i) = memchr::memmem::find(text.as_bytes(), w.as_bytes()) {
            let before = text[..i].trim_end_matches('度').trim_end_matches('年');
            let b = before.as_bytes();
            let digits = b.iter().rev().take_while(|c| c.is_ascii_digit()).count();
            if digits == 4 && before.len() < text[..i].len() {
                if let Ok(y) = before[before.len() - 4..].parse::<i32>() {
                    if (1990..=2100).contains(&y) {
                        return Some(y);
                    }
                }
            }
        }
    }
    None
}

/// Section 一、总体情况 opening with `20xx年，` (seed 001: `一、总体情况\n2023年,青岛市…`).
fn year_from_overview(text: &str) -> Option<i32> {
    let s = sections(text);
    let first = s.iter().find(|s| s.title.contains("总体情况") || s.title.starts_with("概述"))?;
    let body = first.text.trim_start();
    let (i, y) = find_year(prefix(body, 12))?;
    (i == 0 && body[i + 4 + '年'.len_utf8()..].starts_with([',', '，', '度'])).then_some(y)
}

fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// `2025/03/05`, `2024-02-29`, `2025年3月5日`, `2025.3.5`, `2022-02-08 16:34` → `YYYY-MM-DD`.
pub fn normalize_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit) && (i == 0 || !b[i - 1].is_ascii_digit()) {
            if let Some(d) = date_at(s, i) {
                return Some(d);
            }
        }
        i += 1;
    }
    None
}

fn date_at(s: &str, i: usize) -> Option<String> {
    let y: i32 = s.get(i..i + 4)?.parse().ok()?;
    if !(1990..=2100).contains(&y) {
        return None;
    }
    let rest = s.get(i + 4..)?;
    let (sep_len, cn) = if rest.starts_with('年') {
        ('年'.len_utf8(), true)
    } else if rest.starts_with(['-', '/', '.']) {
        (1, false)
    } else {
        return None;
    };
    let rest = &rest[sep_len..];
    let md = rest.bytes().take_while(u8::is_ascii_digit).count();
    if md == 0 || md > 2 {
        return None;
    }
    let m: u32 = rest[..md].parse().ok()?;
    let rest = &rest[md..];
    let sep2 = if cn {
        rest.strip_prefix('月')?
    } else {
        rest.strip_prefix(['-', '/', '.'])?
    };
    let dd = sep2.bytes().take_while(u8::is_ascii_digit).count();
    if dd == 0 || dd > 2 {
        return None;
    }
    let d: u32 = sep2[..dd].parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if d == 0 || d > days {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

const INTERPRETATION_WORDS: &[&str] = &["解读", "图解", "一图读懂", "一图看懂", "图说"];

fn kind(title: Option<&str>, text: &str) -> DocumentKind {
    let interp = |s: &str| INTERPRETATION_WORDS.iter().any(|w| has(s, w));
    let by_title = match title {
        Some(t) => interp(t),
        None => {
            let head: String = text.lines().map(str::trim).filter(|l| !l.is_empty()).take(3).collect::<Vec<_>>().join("\n");
            head.chars().count() < 600 && interp(&head) && (head.contains("报告") || head.contains("年报"))
        }
    };
    if by_title || memchr::memmem::find(text.as_bytes(), "解读如下".as_bytes()).is_some() {
        DocumentKind::Interpretation
    } else {
        DocumentKind::Report
    }
}

// ---------------------------------------------------------------------------------------
// Sections

/// Which of the six sections a title names (1–6), if it is one of them.
fn section_slot(title: &str) -> Option<u8> {
    let t = title;
    if has(t, "总体情况") || has(t, "概述") || has(t, "基本情况") || t == "总体" {
        return Some(1);
    }
    if has(t, "主动公开") {
        return Some(2);
    }
    if has(t, "收到和处理") || (has(t, "申请") && !has(t, "复议") && !has(t, "诉讼")) || has(t, "依申请") {
        return Some(3);
    }
    if has(t, "行政复议") || has(t, "行政诉讼") {
        return Some(4);
    }
    if has(t, "存在的主要问题") || has(t, "主要问题") || has(t, "存在问题") || has(t, "改进") || has(t, "不足") {
        return Some(5);
    }
    if has(t, "其他需要报告") || has(t, "其他事项") || has(t, "需要报告的") {
        return Some(6);
    }
    None
}

/// Row labels of table 三 written like headings (一、本年新收… / 四、结转下年度…).
const TABLE_ROW_TITLES: &[&str] = &["本年新收", "上年结转", "本年度办理结果", "结转下年", "本年办理结果", "本年度新收"];

#[derive(Debug, Clone)]
struct Cand {
    /// Byte offset of the numeral.
    at: usize,
    numeral: String,
    value: u64,
    title: String,
    /// Byte offset just past the title.
    title_end: usize,
    slot: Option<u8>,
}

/// Sections 一…六 (or further numerals in free-format reports) with their text.
///
/// A heading is `<numeral>、<title>` at the start of a line or inline after a sentence end
/// (seed 000 runs the whole report into one line). Never headings: `一是`, `（一）`, table
/// rows (a line with `|`, or the 表三 row labels `一、本年新收…`, `四、结转下年度…`), and
/// titles longer than 40 characters that are not one of the six known titles. Of the
/// candidates, the best chain with increasing numerals is kept, a known title (总体情况,
/// 主动公开, 收到和处理…申请, 行政复议/行政诉讼, 存在的主要问题, 其他需要报告的事项) counting
/// three times an unknown one, known titles also in their fixed order; a repeated numeral
/// is accepted when both titles are known and in order (a misnumbered `二、收到和处理…`).
/// `text` is the section body after the title, up to the next heading, trimmed.
pub fn sections(text: &str) -> Vec<Section> {
    let cands = heading_candidates(text);
    if cands.is_empty() {
        return Vec::new();
    }
    // Best chain (weighted longest increasing subsequence), O(n²) on at most 1000 candidates.
    let n = cands.len();
    let weight = |c: &Cand| if c.slot.is_some() { 3u32 } else { 1 };
    let follows = |a: &Cand, b: &Cand| -> bool {
        match (a.slot, b.slot) {
            (Some(sa), Some(sb)) => sb > sa && b.value >= a.value,
            _ => b.value > a.value,
        }
    };
    let mut best: Vec<u32> = vec![0; n];
    let mut prev: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        best[i] = weight(&cands[i]);
        for j in 0..i {
            if follows(&cands[j], &cands[i]) && best[j] + weight(&cands[i]) > best[i] {
                best[i] = best[j] + weight(&cands[i]);
                prev[i] = Some(j);
            }
        }
    }
    // On a tie the chain that ends later wins (the body's headings come after any contents list).
    let Some(mut k) = (0..n).max_by_key(|&i| (best[i], i)) else { return Vec::new() };
    let mut chain = vec![k];
    while let Some(p) = prev[k] {
        chain.push(p);
        k = p;
    }
    chain.reverse();

    // Byte → char offsets.
    let mut out = Vec::with_capacity(chain.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    for (ci, &idx) in chain.iter().enumerate() {
        let c = &cands[idx];
        chars += text[byte..c.at].chars().count();
        byte = c.at;
        let end = chain.get(ci + 1).map(|&j| cands[j].at).unwrap_or(text.len());
        let body = text.get(c.title_end..end.max(c.title_end)).unwrap_or("");
        out.push(Section { numeral: c.numeral.clone(), title: c.title.clone(), text: body.trim().to_string(), offset: chars });
    }
    out
}

/// The six titles as printed (and common variants), to cut an inline title that runs on
/// into its first sentence.
const KNOWN_TITLES: &[&str] = &[
    "总体情况",
    "概述",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
    "政府信息公开工作存在的主要问题及改进情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
];

fn heading_candidates(text: &str) -> Vec<Cand> {
    let mut out = Vec::new();
    let h = text.as_bytes();
    // A heading starts at a line start or after a sentence end (。！？!?), after spaces.
    // (Not after ；: a contents list 包括：一、总体情况；二、… is not the sections.) Only
    // those places are looked at: the line ends and the sentence ends are found by memchr
    // (。 is E3 80 82, ！ EF BC 81, ？ EF BC 9F).
    let mut visit = |a: usize| {
        if out.len() >= 1000 {
            return;
        }
        let Some(rest) = text.get(a..) else { return };
        let t = rest.trim_start_matches([' ', '\t', '\u{3000}']);
        let Some(c) = t.chars().next() else { return };
        if !num::is_cn_numeral_char(c) || c == '万' || c == '亿' || c == '两' || c == '零' || c == '〇' {
            return;
        }
        if let Some(cand) = heading_at(text, a + (rest.len() - t.len())) {
            out.push(cand);
        }
    };
    visit(0);
    crate::prose::for_each_byte(h, [b'\n', 0xE3, 0xEF], [b'!', b'?'], |p| {
        let len = match h[p] {
            b'\n' | b'!' | b'?' => 1,
            _ if h[p..].starts_with("。".as_bytes()) || h[p..].starts_with("！".as_bytes()) || h[p..].starts_with("？".as_bytes()) => 3,
            _ => return,
        };
        visit(p + len);
    });
    out
}

/// The heading candidate whose numeral starts at byte `i` (a Chinese numeral at a place a
/// heading may start), if it reads as one.
fn heading_at(text: &str, i: usize) -> Option<Cand> {
    // Numeral run (一 … 二十), then 、.
    let run: usize = text[i..].chars().take_while(|c| matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')).map(char::len_utf8).sum();
    let numeral = &text[i..i + run];
    let rest = &text[i + run..];
    let after = rest.strip_prefix(['、', '.', '．'])?;
    let value = num::parse_chinese(numeral)?;
    if value == 0 || value > 20 {
        return None;
    }
    let title_start = i + run + (rest.len() - after.len());
    // The line must not be a table row.
    // (Only the first 120 characters matter: bounded work on run-on lines.)
    let line_end = memchr::memchr(b'\n', after.as_bytes()).unwrap_or(after.len());
    let full = prefix(&after[..line_end], 120);
    // A table row: the label cell ends in `|` (seed 000's one-line body ends in ` |` far away).
    if full.chars().take(80).any(|c| c == '|') {
        return None;
    }
    let lead = full.len() - full.trim_start().len();
    let line = &full[lead..];
    // Title: a known title at the start, else up to a space / 。/ ： / end of line.
    let known = KNOWN_TITLES.iter().filter(|k| line.starts_with(**k)).max_by_key(|k| k.len());
    let natural_end = line
        .char_indices()
        .find(|(_, c)| matches!(c, ' ' | '\t' | '。' | '：' | ':' | '；' | '\u{3000}'))
        .map(|(j, _)| j)
        .unwrap_or(line.len());
    let mut natural = &line[..natural_end];
    // A title spaced out character by character (一、概 述 / 引 言): up to 8 characters.
    let mut spaced: Option<(String, usize)> = None;
    if natural.chars().count() == 1 {
        let mut joined = String::new();
        let mut end = 0;
        let mut it = line.char_indices().peekable();
        while let Some((j, ch)) = it.next() {
            if !is_cjk(ch) || joined.chars().count() >= 8 {
                break;
            }
            joined.push(ch);
            end = j + ch.len_utf8();
            match (it.next(), it.peek()) {
                (Some((_, ' ')), Some((_, n))) if is_cjk(*n) && !"，。：；".contains(*n) => {}
                _ => break,
            }
        }
        if joined.chars().count() > 1 {
            spaced = Some((joined, end));
            natural = &line[..end];
        }
    }
    let title = match known {
        // A known title running on into its first words: 总体情况(一)主动公开…, 总体情况2024年…
        Some(k)
            if natural.chars().count() > 40
                || natural.len() < k.len()
                || natural[k.len()..].starts_with(|c: char| {
                    c == '(' || c == '（' || c == '【' || c.is_ascii_digit() || "一二三四五六七八九十".contains(c)
                }) =>
        {
            *k
        }
        _ => natural,
    };
    let title = title.trim();
    let (title, title_len) = match &spaced {
        Some((joined, end)) if title.len() == *end => (joined.as_str(), *end),
        _ => (title, title.len()),
    };
    let tn = title.chars().count();
    if tn == 0 || tn > 40 {
        return None;
    }
    if TABLE_ROW_TITLES.iter().any(|r| title.starts_with(r)) {
        return None;
    }
    // A title is words, not a list item sentence: no clause commas inside.
    if title.contains('，') || title.contains(',') {
        return None;
    }
    Some(Cand {
        at: i,
        numeral: numeral.to_string(),
        value,
        title: title.to_string(),
        title_end: title_start + lead + title_len,
        slot: section_slot(title),
    })
}

#[cfg(test)]
mod tests;

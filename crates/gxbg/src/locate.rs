//! Locating the report body and its tables in a portal page, by a cheap byte scan,
//! before any tree is built. (Owned by the HTML front end; see [`crate::html`].)
//!
//! A portal page is mostly chrome: navigation, scripts, styles, footers. The scan:
//! 1. one pass over the `<` of the page ([`memchr`], after an 8-byte probe for the many
//!    short hops from one tag to the next) records where container elements
//!    (`div`, `td`, `th`, `table`, `section`, `article`, `main`, `center`, `form`, `body`)
//!    open and close, and which byte ranges are comments, scripts, styles and other raw text;
//!    it also reads `<title>` and `<meta name=… content=…>`. A tag whose first two name
//!    bytes rule all of those out (`span`, `p`, `a`, `o:p`, …) is not classified further;
//! 2. the body *anchor* is the first occurrence, in text (not in markup or a script), of
//!    总体情况 (or 主动公开政府信息 / 收到和处理政府信息公开申请, Simplified or Traditional);
//!    the *end* is the last occurrence of 其他需要报告 (section 六), else 主要问题 (五), else
//!    行政复议 (四), else the anchor itself;
//! 3. the region runs from the start of the innermost container holding the anchor (when
//!    that container starts within 32 KB of it; otherwise from the tag just before the
//!    anchor) to the end of the innermost container holding the end, widened so that no
//!    table that closes inside the region is cut at its start and no table that opens inside
//!    it is cut at its end, and — when the end marker is 四's heading (no 五/六 found) — so
//!    that a table opening within 4 KB after it (table 四 itself) is inside.
//!
//! When no anchor is found the region is the whole page ([`Located::found`] is false).
//! The region always starts and ends at a `<`, so the tokenizer starts in the data state.
//!
//! [`hints`] collects the page's title, meta pairs and the information header's
//! label/value pairs (索引号, 发布机构, 发布日期, 成文日期, 文号, 主题分类, 标题 …).

use crate::blocks::PageHints;
use crate::html::lex;
use memchr::{memchr, memmem, memrchr};

/// The located region of a page.
#[derive(Debug, Clone)]
pub struct Located {
    /// Byte range of the region (at `<` boundaries or the ends of the page).
    pub start: usize,
    pub end: usize,
    /// Whether a report anchor was found (otherwise the region is the whole page).
    pub found: bool,
    pub hints: PageHints,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum C {
    Div,
    Td,
    Th,
    Tr,
    Table,
    Section,
    Article,
    Main,
    Center,
    Form,
    Body,
}

impl C {
    fn of_tag(t: lex::Tag) -> Option<C> {
        use lex::Tag;
        Some(match t {
            Tag::Div => C::Div,
            Tag::Td => C::Td,
            Tag::Th => C::Th,
            Tag::Tr => C::Tr,
            Tag::Table => C::Table,
            Tag::Section => C::Section,
            Tag::Article => C::Article,
            Tag::Main => C::Main,
            Tag::Center => C::Center,
            Tag::Form => C::Form,
            Tag::Body => C::Body,
            _ => return None,
        })
    }
}

/// A container element: where it opens and (after matching) closes.
#[derive(Debug, Clone, Copy)]
struct El {
    kind: C,
    open: usize,
    close: usize,
}

#[derive(Debug, Default)]
struct Skeleton {
    els: Vec<El>,
    /// Byte ranges that are not text: comments, raw-text elements (sorted, disjoint).
    skips: Vec<(usize, usize)>,
    body: Option<usize>,
    title: Option<String>,
    meta: Vec<(String, String)>,
}

fn name_end(b: &[u8], from: usize) -> usize {
    lex::tag_name_end(b, from)
}

/// Whitespace runs collapsed to one space, leading and trailing space dropped.
fn collapse(s: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    let flush = |out: &mut String, space: &mut bool, r: &str| {
        if !r.is_empty() {
            if *space {
                out.push(' ');
                *space = false;
            }
            out.push_str(r);
        }
    };
    let tail = crate::html::model::space_runs(s, false, |run, _| {
        flush(&mut out, &mut space, run);
        space = !out.is_empty();
    });
    flush(&mut out, &mut space, tail);
    out
}

fn decoded(s: &str) -> String {
    let mut d = String::new();
    lex::decode_text(s, &mut d);
    collapse(&d)
}

/// Whether a tag name whose first two bytes are `c1 c2` (any case; `c2` is whatever follows
/// a one-byte name) can name a container ([`C`]): `div`, `td`, `th`, `tr`, `table`,
/// `section`, `article`, `main`, `center`, `form`, `body`. A cheap filter before
/// [`lex::Tag::classify`]: most tags of a page (`span`, `p`, `a`, `o:p`, `li`, …) fail it.
#[inline]
fn may_be_container(c1: u8, c2: u8) -> bool {
    // `x | 0x20` is a given lowercase letter only when `x` is that letter in either case.
    matches!(
        (c1 | 0x20, c2 | 0x20),
        (b'd', b'i') | (b't', b'd' | b'h' | b'r' | b'a') | (b's', b'e') | (b'a', b'r') | (b'm', b'a') | (b'c', b'e') | (b'f', b'o') | (b'b', b'o')
    )
}

/// [`may_be_container`], or the first two bytes of a raw-text element's name (`script`,
/// `style`, `xmp`, `iframe`, `noembed`, `noframes`, `noscript`, `textarea`, `title`,
/// `plaintext`) or of `meta`: the start tags [`skeleton`] acts on.
#[inline]
fn may_matter(c1: u8, c2: u8) -> bool {
    may_be_container(c1, c2)
        || matches!(
            (c1 | 0x20, c2 | 0x20),
            (b's', b'c' | b't') | (b'x', b'm') | (b'i', b'f') | (b'n', b'o') | (b't', b'e' | b'i') | (b'p', b'l') | (b'm', b'e')
        )
}

/// Pass 1: containers, skip ranges, title, meta.
fn skeleton(html: &str) -> Skeleton {
    let b = html.as_bytes();
    let mut sk = Skeleton::default();
    // Open containers (indices into sk.els) for matching closes.
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while let Some(k) = lex::find_byte(b'<', &b[i.min(b.len())..]) {
        let lt = i + k;
        let next = b.get(lt + 1).copied().unwrap_or(0);
        if next == b'!' {
            let e = if b[lt..].starts_with(b"<!--") { lex::comment_end(b, lt + 4) } else { lex::bogus_end(b, lt + 2) };
            sk.skips.push((lt, e));
            i = e;
            continue;
        }
        if next == b'?' {
            let e = lex::bogus_end(b, lt + 1);
            sk.skips.push((lt, e));
            i = e;
            continue;
        }
        if next == b'/' {
            if let Some(c) = b.get(lt + 2).filter(|&&c| may_be_container(c, b.get(lt + 3).copied().unwrap_or(0))).and_then(|_| {
                let ne = name_end(b, lt + 2);
                C::of_tag(lex::Tag::classify(&b[lt + 2..ne], b, lt + 2).0)
            }) {
                close(&mut sk.els, &mut open, c, lt);
            }
            i = lt + 2;
            continue;
        }
        if !next.is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let ne = name_end(b, lt + 1);
        if !may_matter(next, b.get(lt + 2).copied().unwrap_or(0)) {
            i = ne;
            continue;
        }
        let name = &b[lt + 1..ne];
        let tag = lex::Tag::classify(name, b, lt + 1).0;
        if let Some(c) = C::of_tag(tag) {
            // Implied closes of table parts.
            match c {
                C::Td | C::Th => implied(&mut sk.els, &mut open, &[C::Td, C::Th], &[C::Tr, C::Table], lt),
                C::Tr => implied(&mut sk.els, &mut open, &[C::Tr, C::Td, C::Th], &[C::Table], lt),
                _ => {}
            }
            if c == C::Body && sk.body.is_none() {
                sk.body = Some(lt);
            }
            open.push(sk.els.len());
            sk.els.push(El { kind: c, open: lt, close: usize::MAX });
            i = ne;
            continue;
        }
        match tag.raw_kind() {
            Some(raw) => {
                let te = lex::tag_end_fast(b, lt);
                let ce = match raw {
                    lex::Raw::Script => lex::script_end(b, te),
                    lex::Raw::Plaintext => b.len(),
                    _ => lex::raw_end(b, te, &name.to_ascii_lowercase()),
                };
                if tag == lex::Tag::Title && sk.title.is_none() {
                    let t = decoded(&html[te.min(ce)..ce]);
                    if !t.is_empty() {
                        sk.title = Some(t);
                    }
                }
                let e = lex::bogus_end(b, ce);
                sk.skips.push((lt, e));
                i = e;
            }
            None => {
                if tag == lex::Tag::Meta && sk.body.is_none() {
                    let mut name_v: Option<String> = None;
                    let mut content: Option<String> = None;
                    let e = lex::scan_attrs(html, ne, b.len(), |n, v| {
                        let v = v.unwrap_or("");
                        if (n.eq_ignore_ascii_case(b"name") || n.eq_ignore_ascii_case(b"property")) && name_v.is_none() {
                            name_v = Some(collapse(&lex::decode_attr(v)));
                        } else if n.eq_ignore_ascii_case(b"content") && content.is_none() {
                            content = Some(collapse(&lex::decode_attr(v)));
                        }
                    });
                    if let (Some(n), Some(c)) = (name_v, content) {
                        if !n.is_empty() {
                            sk.meta.push((n, c));
                        }
                    }
                    i = e.unwrap_or(b.len());
                } else {
                    i = ne;
                }
            }
        }
    }
    sk
}

/// How far down the open containers a close or an implied close looks (as the streaming
/// builder's scope checks do): an end tag with no open element to match under 100 000 open
/// `<div>`s must not walk all of them, or the scan turns quadratic.
const OPEN_DEPTH: usize = 512;

fn close(els: &mut [El], open: &mut Vec<usize>, c: C, at: usize) {
    let lo = open.len().saturating_sub(OPEN_DEPTH);
    if let Some(p) = open[lo..].iter().rposition(|&ix| els[ix].kind == c).map(|p| lo + p) {
        // A table end does not close containers outside it; any other end tag closes what
        // is open above its element.
        for ix in open.drain(p..) {
            els[ix].close = at;
        }
    }
}

/// A cell (row) start closes the open cell (row) of the same table.
fn implied(els: &mut [El], open: &mut Vec<usize>, closes: &[C], stops: &[C], at: usize) {
    for p in (open.len().saturating_sub(OPEN_DEPTH)..open.len()).rev() {
        let k = els[open[p]].kind;
        if stops.contains(&k) {
            return;
        }
        if closes.contains(&k) {
            for ix in open.drain(p..) {
                els[ix].close = at;
            }
            return;
        }
    }
}

impl Skeleton {
    fn in_skip(&self, p: usize) -> bool {
        let i = self.skips.partition_point(|&(s, _)| s <= p);
        i > 0 && p < self.skips[i - 1].1
    }
}

/// Whether a byte position is in text (not in a tag, comment or raw-text element).
fn in_text(b: &[u8], sk: &Skeleton, p: usize) -> bool {
    if sk.in_skip(p) {
        return false;
    }
    let lo = p.saturating_sub(65536);
    let w = &b[lo..p];
    match (memrchr(b'<', w), memrchr(b'>', w)) {
        (Some(l), Some(g)) => g > l,
        (Some(_), None) => false,
        _ => true,
    }
}

fn first_in_text(b: &[u8], sk: &Skeleton, needle: &str) -> Option<usize> {
    memmem::find_iter(b, needle.as_bytes()).find(|&p| in_text(b, sk, p))
}

fn last_in_text(b: &[u8], sk: &Skeleton, needle: &str, min: usize) -> Option<usize> {
    memmem::rfind_iter(b, needle.as_bytes()).take_while(|&p| p >= min).find(|&p| in_text(b, sk, p))
}

/// Anchors and end markers, Simplified then Traditional (the script of the anchor that is
/// found decides which end markers are searched).
const ANCHORS: [&[&str]; 2] = [&["总体情况"], &["總體情況", "总体情況"]];
const ANCHORS2: [&[&str]; 2] = [
    &["主动公开政府信息", "收到和处理政府信息公开申请"],
    &["主動公開政府資訊", "主動公開政府信息", "收到和處理政府資訊公開申請", "收到和處理政府信息公開申請"],
];
const ENDS: [&[&[&str]]; 2] = [
    &[&["其他需要报告"], &["主要问题"], &["行政复议"]],
    &[&["其他需要報告", "其他需要报告"], &["主要問題", "主要问题"], &["行政復議", "行政覆議", "行政复议"]],
];

/// The first anchor in text, and the script (0 Simplified, 1 Traditional) it is written in.
fn find_anchor(b: &[u8], sk: &Skeleton) -> Option<(usize, usize)> {
    for set in [&ANCHORS, &ANCHORS2] {
        for (script, needles) in set.iter().enumerate() {
            if let Some(p) = needles.iter().filter_map(|n| first_in_text(b, sk, n)).min() {
                return Some((p, script));
            }
        }
    }
    None
}

/// Locate the report body of a page.
pub fn locate(html: &str) -> Located {
    let b = html.as_bytes();
    let sk = skeleton(html);
    let Some((a, script)) = find_anchor(b, &sk) else {
        return Located { start: 0, end: b.len(), found: false, hints: hints_with(html, &sk, b.len().min(131072)) };
    };
    let mut e = a;
    let mut table_follows = true;
    for (gi, group) in ENDS[script].iter().enumerate() {
        if let Some(p) = group.iter().filter_map(|n| last_in_text(b, &sk, n, a)).max() {
            e = p;
            // Only the heading of 四 is followed by a table that belongs to the report.
            table_follows = gi == 2;
            break;
        }
    }
    let (start, end) = region(b, &sk, a, e, table_follows);
    let hints = hints_with(html, &sk, (start.max(a) + 2048).min(b.len()));
    Located { start, end, found: true, hints }
}

/// The region for anchor `a` and end marker `e` (see the module docs).
fn region(b: &[u8], sk: &Skeleton, a: usize, e: usize, table_follows: bool) -> (usize, usize) {
    let innermost = |p: usize| -> Option<&El> {
        sk.els.iter().filter(|el| el.open < p && p < el.close && el.kind != C::Tr && el.kind != C::Table).max_by_key(|el| el.open)
    };
    let mut start = match innermost(a) {
        Some(el) if a - el.open <= 32 * 1024 => el.open,
        _ => block_start_before(b, sk, a),
    };
    let mut end = match innermost(e) {
        Some(el) if el.close != usize::MAX => el.close,
        _ => b.len(),
    };
    // Table four after its heading (when the end marker is that heading).
    for el in &sk.els {
        if table_follows && el.kind == C::Table && el.open >= e && el.open <= e.saturating_add(4096) {
            end = end.max(el.close.min(b.len()));
        }
    }
    // Do not cut tables.
    for _ in 0..4 {
        let mut changed = false;
        for el in &sk.els {
            if el.kind != C::Table {
                continue;
            }
            let close = el.close.min(b.len());
            if el.open < start && start < close && close <= end {
                start = el.open;
                changed = true;
            }
            if el.open >= start && el.open < end && close > end {
                end = close;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    if start >= end {
        return (0, b.len());
    }
    (start, end)
}

/// The `<` of the nearest block-level start tag before `p` (within 64 tags), so that the
/// line holding `p` is not cut; the tag just before `p` when none is found.
fn block_start_before(b: &[u8], sk: &Skeleton, p: usize) -> usize {
    let mut hi = p;
    let mut first = None;
    for _ in 0..64 {
        let Some(lt) = memrchr(b'<', &b[..hi]) else { break };
        hi = lt;
        if sk.in_skip(lt) {
            continue;
        }
        first.get_or_insert(lt);
        let ns = lt + 1;
        if b.get(ns).is_some_and(|c| c.is_ascii_alphabetic()) {
            let tag = lex::Tag::from_name(&b[ns..name_end(b, ns)]);
            if tag.is_block() || matches!(tag, lex::Tag::Br | lex::Tag::Td | lex::Tag::Th | lex::Tag::Body) {
                return lt;
            }
        }
    }
    first.unwrap_or(0)
}

/// Page hints only (title, meta, header fields), for callers that parse the whole page.
pub fn hints(html: &str) -> PageHints {
    let sk = skeleton(html);
    let b = html.as_bytes();
    let limit = find_anchor(b, &sk).map(|(a, _)| (a + 2048).min(b.len())).unwrap_or(b.len().min(131072));
    hints_with(html, &sk, limit)
}

/// Labels of the information header, longest first where one is a prefix of another.
const LABELS: &[&str] = &[
    "索引号", "索引號", "发布机构", "發佈機構", "發布機構", "发文机关", "發文機關", "发布日期", "發佈日期", "發布日期",
    "发布时间", "發佈時間", "發布時間", "成文日期", "公开日期", "公開日期", "生成日期", "印发日期", "发文字号", "發文字號",
    "文号", "文號", "主题分类", "主題分類", "主题词", "主題詞", "信息名称", "信息名稱", "资讯名称", "資訊名稱", "文件名称",
    "文件名稱", "标题", "標題", "名称", "名稱", "信息来源", "信息來源", "資訊來源", "来源", "來源", "体裁分类", "體裁分類",
    "组配分类", "組配分類", "公开方式", "公開方式", "公开范围", "公開範圍", "公开时限", "公開時限", "有效性", "所属机构",
    "所屬機構", "时间", "時間",
];

fn hints_with(html: &str, sk: &Skeleton, limit: usize) -> PageHints {
    PageHints { title: sk.title.clone(), meta: sk.meta.clone(), fields: fields(html, sk, limit) }
}

/// Label/value pairs of the information header in `[body, limit)`.
fn fields(html: &str, sk: &Skeleton, limit: usize) -> Vec<(String, String)> {
    let b = html.as_bytes();
    let limit = limit.min(b.len());
    let mut out: Vec<(String, String)> = Vec::new();
    let mut i = sk.body.unwrap_or(0);
    let mut si = 0usize;
    // The `<` that ended the previous text run (the next tag), when known.
    let mut next_lt: Option<usize> = None;
    while i < limit {
        let lt = match next_lt.take() {
            Some(p) if p >= i && p < limit => p,
            _ => match lex::find_byte(b'<', &b[i..limit]) {
                Some(k) => i + k,
                None => break,
            },
        };
        while si < sk.skips.len() && sk.skips[si].1 <= lt {
            si += 1;
        }
        if si < sk.skips.len() && sk.skips[si].0 <= lt {
            i = sk.skips[si].1;
            continue;
        }
        let te = lex::tag_end_fast(b, lt);
        let run_end = lex::find_byte(b'<', &b[te.min(b.len())..]).map(|k| te + k).unwrap_or(b.len());
        if run_end < b.len() {
            next_lt = Some(run_end);
        }
        let run = &b[te.min(run_end)..run_end];
        if run.len() < 2048 && run.iter().any(|&c| c >= 0x80) && starts_with_label_char(&html[te..run_end]) {
            let text = decoded(&html[te..run_end]);
            if let Some((label, rest)) = match_label(&text) {
                if !out.iter().any(|(l, _)| l == label) {
                    let value = if rest.is_empty() { value_after(html, sk, run_end) } else { rest };
                    let value = cut_at_next_label(&value);
                    if !value.is_empty() && value.chars().count() <= 200 {
                        out.push((label.to_string(), value));
                    }
                }
            }
        }
        i = te.max(lt + 1);
    }
    out
}

/// Whether the first non-space character of a raw run can start a label.
fn starts_with_label_char(raw: &str) -> bool {
    let mut t = raw;
    loop {
        if let Some(rest) = t.strip_prefix(|c: char| c.is_ascii_whitespace()) {
            t = rest;
        } else if let Some(rest) = t.strip_prefix("&nbsp;") {
            t = rest;
        } else if let Some(rest) = t.strip_prefix('\u{3000}') {
            t = rest;
        } else {
            break;
        }
    }
    t.chars().next().is_some_and(|c| LABEL_FIRST.contains(&c))
}

/// First characters of [`LABELS`].
const LABEL_FIRST: &[char] = &[
    '索', '发', '發', '成', '公', '生', '印', '文', '主', '信', '资', '資', '标', '標', '名', '来', '來', '体', '體', '组', '組', '有',
    '所', '时', '時',
];

/// A text run that starts with a label: the label and the text after its colon (empty when
/// the run is the label alone, with or without a colon).
fn match_label(text: &str) -> Option<(&'static str, String)> {
    // A label can only match when its first character is the text's first non-space one.
    let first = text.chars().find(|&c| c != ' ')?;
    let mut enc = [0u8; 4];
    let first: &[u8] = first.encode_utf8(&mut enc).as_bytes();
    for &l in LABELS {
        // The label's first character is `first` exactly when its bytes start with
        // `first`'s (UTF-8 is prefix-free); comparing bytes saves decoding every label.
        if !l.as_bytes().starts_with(first) {
            continue;
        }
        // Match the label's characters allowing spaces between them ("索 引 号").
        let mut chars = text.chars();
        let mut ok = true;
        for lc in l.chars() {
            while chars.as_str().starts_with(' ') {
                chars.next();
            }
            if chars.next() != Some(lc) {
                ok = false;
                break;
            }
        }
        if !ok {
            continue;
        }
        let rest = chars.as_str().trim_start();
        if rest.is_empty() {
            return Some((l, String::new()));
        }
        let after = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':'));
        if let Some(v) = after {
            return Some((l, v.trim().to_string()));
        }
        // The label word followed by more text (prose): not a label.
        return None;
    }
    None
}

/// The value of a label that stands alone: the text of the following runs, skipping
/// markup, up to the end of the element that holds it (at most a few tags / 1 KB).
fn value_after(html: &str, sk: &Skeleton, from: usize) -> String {
    let b = html.as_bytes();
    let mut i = from;
    let mut value = String::new();
    // A character boundary: the text runs below are sliced up to `stop` (found by fuzzing:
    // a run cut inside 运 panicked).
    let mut stop = (from + 1024).min(b.len());
    while !html.is_char_boundary(stop) {
        stop -= 1;
    }
    let mut tags = 0;
    while i < stop && tags < 8 {
        if b[i] != b'<' {
            let run_end = memchr(b'<', &b[i..stop]).map(|k| i + k).unwrap_or(stop);
            let t = decoded(&html[i..run_end]);
            if match_label(&t).is_some() {
                break; // the next label: this one has no value
            }
            if let Some(t) = t.strip_prefix('：').or_else(|| t.strip_prefix(':')).map(str::trim).or(Some(t.as_str())) {
                if !t.is_empty() {
                    if !value.is_empty() {
                        value.push(' ');
                    }
                    value.push_str(t);
                }
            }
            i = run_end;
            continue;
        }
        if sk.in_skip(i) {
            break;
        }
        let te = lex::tag_end_fast(b, i);
        let is_end = b.get(i + 1) == Some(&b'/');
        let name_start = if is_end { i + 2 } else { i + 1 };
        let nm = &b[name_start.min(b.len())..name_end(b, name_start.min(b.len()))];
        let tag = lex::Tag::from_name(nm);
        let block = tag.is_block() || matches!(tag, lex::Tag::Td | lex::Tag::Th | lex::Tag::Tr | lex::Tag::Br | lex::Tag::Table);
        if !value.is_empty() && (is_end || block) {
            break;
        }
        tags += 1;
        i = te;
    }
    value
}

fn cut_at_next_label(v: &str) -> String {
    // The earliest position past the start where a label of two characters or more is
    // followed by a colon. (No label overlaps itself — see the tests — so this is the
    // minimum, over labels, of their first such occurrence.)
    let mut cut = v.len();
    'scan: for (at, c) in v.char_indices() {
        if at == 0 || !LABEL_FIRST.contains(&c) {
            continue;
        }
        let rest = &v[at..];
        for &l in LABELS {
            if let Some(after) = rest.strip_prefix(l) {
                if l.chars().count() >= 2 && (after.starts_with('：') || after.starts_with(':')) {
                    cut = at;
                    break 'scan;
                }
            }
        }
    }
    v[..cut].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(match_label("索 引 号：1234/2022-01"), Some(("索引号", "1234/2022-01".to_string())));
        assert_eq!(match_label("发布机构"), Some(("发布机构", String::new())));
        assert_eq!(match_label("时间安排很紧"), None);
        assert_eq!(cut_at_next_label("2022-02-08 来源：某某局"), "2022-02-08");
    }

    #[test]
    fn collapse_matches_per_char_rules() {
        fn reference(s: &str) -> String {
            let mut out = String::new();
            let mut space = false;
            for c in s.chars() {
                if crate::html::model::is_space(c) {
                    space = !out.is_empty();
                } else {
                    if space {
                        out.push(' ');
                        space = false;
                    }
                    out.push(c);
                }
            }
            out
        }
        for s in ["", " ", "  a  b ", "\u{3000}总体\u{a0}情况\u{200b}\u{feff}x\0 y\0", "é\u{85}\u{1680}ā \u{e000}", "a\t\n", "\0 \0"] {
            assert_eq!(collapse(s), reference(s), "{s:?}");
        }
    }

    #[test]
    fn label_table_properties() {
        // cut_at_next_label relies on these.
        for l in LABELS {
            let c: Vec<char> = l.chars().collect();
            assert!(c.len() >= 2, "{l}");
            assert!(LABEL_FIRST.contains(&c[0]), "{l}");
            for k in 1..c.len() {
                assert_ne!(c[..k], c[c.len() - k..], "{l} overlaps itself");
            }
        }
        assert_eq!(cut_at_next_label("发布机构：甲 索引号：1"), "发布机构：甲");
        assert_eq!(cut_at_next_label("2022 时间:3 来源：乙"), "2022");
        assert_eq!(cut_at_next_label("来源乙 时间 x"), "来源乙 时间 x");
    }

    #[test]
    fn header_fields_and_meta() {
        let page = "<html><head><title> 某某区2022年度报告 </title><meta name=\"ArticleTitle\" content=\"某某&amp;报告\">\
            <script>var x='<div>总体情况</div>';</script></head><body><div class=nav>首页</div>\
            <table class=info><tr><td>索引号：</td><td>11350/2023-001</td><td>发布机构：</td><td>某某区政府办公室</td></tr>\
            <tr><th>成文日期</th><td>2023-01-20</td></tr></table>\
            <ul><li><span>发布日期：</span>2023-01-31</li></ul>\
            <div class=content><p>一、总体情况</p><p>正文</p><table><tr><td>a</td></tr></table>\
            <p>六、其他需要报告的事项</p><p>无。</p></div><div class=footer>版权所有</div></body></html>";
        let loc = locate(page);
        assert!(loc.found);
        assert_eq!(loc.hints.title.as_deref(), Some("某某区2022年度报告"));
        assert_eq!(loc.hints.meta, vec![("ArticleTitle".to_string(), "某某&报告".to_string())]);
        let f = &loc.hints.fields;
        assert!(f.contains(&("索引号".to_string(), "11350/2023-001".to_string())), "{f:?}");
        assert!(f.contains(&("发布机构".to_string(), "某某区政府办公室".to_string())), "{f:?}");
        assert!(f.contains(&("成文日期".to_string(), "2023-01-20".to_string())), "{f:?}");
        assert!(f.contains(&("发布日期".to_string(), "2023-01-31".to_string())), "{f:?}");
        let region = &page[loc.start..loc.end];
        assert!(region.starts_with("<div class=content>"), "{region}");
        assert!(region.contains("无。"));
        assert!(!region.contains("版权所有"));
        assert!(!region.contains("首页"));
    }

    #[test]
    fn anchor_in_script_is_ignored_and_no_anchor_means_whole_page() {
        let page = "<script>总体情况</script><p>hello</p>";
        let loc = locate(page);
        assert!(!loc.found);
        assert_eq!((loc.start, loc.end), (0, page.len()));
    }

    #[test]
    fn giant_container_starts_at_the_anchor_line() {
        let filler = "导航链接 ".repeat(5000);
        let page = format!("<body><div class=page><p>{filler}</p><p class=x>一、<span>总体情况</span></p><p>其他需要报告</p></div></body>");
        let loc = locate(&page);
        assert!(page[loc.start..loc.end].starts_with("<p class=x>一、"), "{}", &page[loc.start..loc.start + 40]);
    }

    #[test]
    fn label_start_matches_the_byte_window_rule() {
        // The rule this replaced: the first character decoded from a 4-byte (else 3-byte)
        // window after the skipped spaces.
        fn reference(raw: &str) -> bool {
            let mut t = raw.as_bytes();
            loop {
                if let Some((c, rest)) = t.split_first() {
                    if c.is_ascii_whitespace() {
                        t = rest;
                        continue;
                    }
                }
                if t.starts_with(b"&nbsp;") {
                    t = &t[6..];
                    continue;
                }
                if t.starts_with("\u{3000}".as_bytes()) {
                    t = &t[3..];
                    continue;
                }
                break;
            }
            match std::str::from_utf8(&t[..t.len().min(4)]).ok().and_then(|s| s.chars().next()).or_else(|| {
                std::str::from_utf8(&t[..t.len().min(3)]).ok().and_then(|s| s.chars().next())
            }) {
                Some(c) => LABEL_FIRST.contains(&c),
                None => false,
            }
        }
        for s in ["", " ", "索引号", " \t&nbsp;\u{3000}发布", "é发", "x索", "&nbsp", "\u{3000}", "\u{3000}\u{3000}时", "😀来", "時", "\n\r 有效", "a"] {
            assert_eq!(starts_with_label_char(s), reference(s), "{s:?}");
        }
    }

    #[test]
    fn two_byte_filter_keeps_every_tag_the_skeleton_acts_on() {
        let names = "p tr td th dl dd dt h1 h6 hr li ol ul br col dir div nav pre xmp svg form main menu html body head \
            math meta table thead tbody tfoot aside style title input center dialog figure footer header hgroup search \
            applet object button script iframe select keygen caption address article details listing section summary \
            marquee noembed colgroup fieldset template textarea noframes noscript plaintext blockquote figcaption area \
            base basefont bgsound embed img image link param source track wbr frame span font a o:p";
        let mut n = 0;
        for name in names.split_whitespace() {
            for v in [name.to_string(), name.to_ascii_uppercase()] {
                let b = v.as_bytes();
                let tag = lex::Tag::from_name(b);
                let (c1, c2) = (b[0], b.get(1).copied().unwrap_or(b'>'));
                if C::of_tag(tag).is_some() {
                    assert!(may_be_container(c1, c2), "{v}");
                    n += 1;
                }
                if C::of_tag(tag).is_some() || tag.raw_kind().is_some() || tag == lex::Tag::Meta {
                    assert!(may_matter(c1, c2), "{v}");
                }
            }
        }
        assert_eq!(n, 22);
        for (c1, c2) in [(b'p', b'>'), (b's', b'p'), (b'a', b' '), (b'o', b':'), (b'l', b'i'), (b'D', b'@')] {
            assert!(!may_matter(c1, c2), "{}{}", c1 as char, c2 as char);
        }
    }

    #[test]
    fn region_does_not_cut_tables() {
        // The anchor sits inside a data table that closes before the end marker.
        let page = "<body><p>nav</p><table><tr><td>一、总体情况</td><td>x</td></tr></table><p>其他需要报告</p></body>";
        let loc = locate(page);
        assert!(page[loc.start..loc.end].starts_with("<table>"), "{}", &page[loc.start..loc.end]);
    }
}

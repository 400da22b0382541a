//! Figures stated in the narrative, with the sentence and offset they came from.
//!
//! Reports restate their key figures in 一、总体情况 (and interpretation pages carry *only*
//! these): `全年新收到政府信息公开申请8643件`, `其中予以公开36件、部分公开12件`,
//! `行政复议23件，其中维持具体行政行为10件`. [`figures`] reads them sentence by sentence.
//!
//! # How a number becomes a figure
//! Every number followed by a counting unit (`件`, `个`, `宗`, `起` …, or `元` for money) is a
//! *token*. A token's words are the text before it back to the previous token or the start
//! of its clause (clauses end at `，,；;：:|`; `、` and parentheses do not end one), plus —
//! for the "number before noun" order (`共收到70件申请`, `受理8件因…提起的行政诉讼`) — a
//! few characters after it. A figure is emitted only when those words carry the report's own
//! vocabulary for a cell; the sentence's *topic* (requests, 行政复议, 行政诉讼), set by the
//! words seen so far and carried into the next sentence of the same paragraph, decides what
//! bare result words (`维持`, `纠错`, `其他情形`, `尚未审结`, `自然人`, `办结`) refer to.
//!
//! Never figures: percentages (`占32.3%`), changes (`比上年增长59件`, `同比`, `较…减少`),
//! approximations (`300余场`, `近600家`, `约`, `以上`: a figure is compared for equality with
//! its table cell, an approximation cannot be), ordinals (`第3`), averages, counts of other
//! things (`发布信息5468条`, `点击量…次`, `收到留言336条`, `收到政协提案641件`).
//!
//! # Keys
//! Canonical cells use their `table.row.column` key (`shared/reference/keys.md`). Where the
//! narrative states a figure the tables only hold in parts, a *prose-only* key is used; no
//! table cell has these keys:
//! - `requests.denied.total`, `requests.unavailable.total`, `requests.rejected.total`: the
//!   totals of groups （三） 不予公开, （四） 无法提供, （五） 不予处理 (`other_handling` is
//!   canonical);
//! - `requests.rejected_or_other.total`: a combined `不予处理和其他处理14件`;
//! - `requests.<row>.organizations`: a combined `法人或其他组织` / `商业企业或其他组织` figure
//!   (all applicants that are not natural persons; no single canonical column);
//! - `requests.fees.yuan`: 信息处理费 collected, in 元 (`0.5万元` → 5000);
//! - `appeals.count.suit_total`: all lawsuits (direct + after review; appeals keys other than
//!   these `suit_*` ones are the canonical 15 columns), and
//!   `appeals.count.suit_upheld` / `suit_corrected` / `suit_other` / `suit_pending` for suit
//!   results when the sentence does not say which kind of suit (if it names exactly one kind,
//!   `direct_suit_*` or `post_review_suit_*` is used).
//!
//! Sub-rows named in the prose use their canonical rows (`本机关不掌握相关政府信息90件` →
//! `requests.unavailable_not_held.total`). `unit` is the counting unit written (`件`, `个` …);
//! amounts in 万元 are converted to 元 (value and unit).
//!
//! # Decisions
//! - `全市共办理…申请668件`: bare 办理/处理 is ambiguous (it counts new + carried over in
//!   seed 004): no figure. 办结 / 办理完成 / 处理完成 / 答复 mean `results_total`.
//! - `结转处理1件` among the results is `carried_forward`; `20xx年结转至20yy年…` with the
//!   year before 结转 is `carried_over`; `结转至20yy年继续办理` is `carried_forward`.
//! - 规章 / 规范性文件 counts become `proactive.{regulations,normative_documents}.issued`
//!   only when their clause says they were made (制发, 制定, 出台, 印发); `废止` gives
//!   `repealed`, `现行有效` gives `in_force`. Published (`公开`, `发布`) counts are not
//!   本年制发 (seed 004: `共发布政策文件…政府规章10件` while 10 is 现行有效) and give nothing.
//!   The keys are the 2021 format's columns.
//! - Stated zeros: `未收取/没有产生/无收取…信息处理费` gives `requests.fees.yuan` = 0;
//!   `未收到…信息公开申请` gives `new_received.total` = 0; `未发生/没有/无因…引起的行政复议、
//!   行政诉讼` gives `review_total` and/or `suit_total` = 0 (not when the clause speaks of
//!   纠错/败诉, which is a result, not the total). `raw` is then the phrase itself.
//! - A combination other than 不予处理+其他处理 (e.g. `予以公开和部分公开共20件`), and
//!   appeals phrases naming both kinds (`行政复议、行政诉讼各1件`), give nothing.
//! - A key is stated once per sentence: a second `…收到申请20件` after `全市共收到…500件`
//!   in the same sentence is a part (其中市政府…), not the total, and gives nothing.
//! - Applicant breakdowns (`其中自然人申请312件`) need a row total earlier in the sentence
//!   (or the one before): they break down the last of 新收 / 上年结转 / 办结 / 结转下年 stated.
//!
//! `sentence` is the sentence (split at 。！？ and line ends); for run-on text longer than
//! 600 characters it is the 150 characters either side of `raw`.
use crate::report::{Figure, Number, TextRef};

pub mod num;

/// A [`Words`] table of a `const` list: of words, or of tuples whose field `$f` is the word
/// (`words_table!(RESULT_WORDS, 0)`). Evaluated at compile time.
macro_rules! words_table {
    ($list:expr $(, $f:tt)?) => {{
        let mut w = [""; $list.len()];
        let mut k = 0;
        while k < w.len() {
            w[k] = $list[k]$(.$f)?;
            k += 1;
        }
        $crate::prose::Words::new(w)
    }};
}
pub(crate) use words_table;

/// Prose-only key: total of （三） 不予公开.
pub const KEY_DENIED_TOTAL: &str = "requests.denied.total";
/// Prose-only key: total of （四） 无法提供.
pub const KEY_UNAVAILABLE_TOTAL: &str = "requests.unavailable.total";
/// Prose-only key: total of （五） 不予处理.
pub const KEY_REJECTED_TOTAL: &str = "requests.rejected.total";
/// Prose-only key: （五） 不予处理 and （六） 其他处理 stated together.
pub const KEY_REJECTED_OR_OTHER_TOTAL: &str = "requests.rejected_or_other.total";
/// Prose-only key: 信息处理费 collected, in 元.
pub const KEY_FEES_YUAN: &str = "requests.fees.yuan";
/// Prose-only key: all lawsuits (未经复议直接起诉 + 复议后起诉).
pub const KEY_SUIT_TOTAL: &str = "appeals.count.suit_total";

/// Extract the figures the narrative states for canonical cells (and the prose-only group
/// keys listed in the module documentation), in text order.
pub fn figures(text: &str) -> Vec<Figure> {
    let mut found: Vec<(usize, Figure)> = Vec::new();
    let mut carry: Option<Carry> = None;
    // Buffers reused from sentence to sentence.
    let mut scratch = Scratch::default();
    for s in sentences(text) {
        let sentence = text[s.start..s.end].trim();
        if sentence.is_empty() {
            carry = None;
            continue;
        }
        let lead = text[s.start..s.end].len() - text[s.start..s.end].trim_start().len();
        let sent = Sentence { text: sentence, at: s.start + lead };
        let mut st = State::new(carry.take());
        let before = found.len();
        scratch.idx.refill(text, s.start, s.end);
        process_sentence(text, s.start, s.end, &sent, &mut st, &mut found, &mut scratch);
        zero_statements(text, s.start, s.end, &sent, &scratch.idx, &mut st, &mut found);
        if (found.len() > before || st.topic != Topic::None) && !s.ends_paragraph {
            carry = Some(Carry { topic: st.topic, req_row: st.req_row, suit_kind: st.single_suit_kind() });
        }
    }
    found.sort_by_key(|(b, _)| *b);
    // Byte offsets → character offsets, in one pass.
    let mut out = Vec::with_capacity(found.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    for (b, mut f) in found {
        if b >= byte {
            chars += text.get(byte..b).map(|s| s.chars().count()).unwrap_or(0);
            byte = b;
        }
        f.offset = chars;
        out.push(f);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Sentences, clauses, tokens

/// Longer sentences (run-on text without 。) are quoted as the words around `raw`.
const MAX_SENTENCE: usize = 600;

/// The trimmed sentence a figure is quoted from.
struct Sentence<'a> {
    text: &'a str,
    /// Byte offset of `text` in the document.
    at: usize,
}

impl Sentence<'_> {
    /// The sentence, or for a run-on one the 150 characters either side of `[start, end)`.
    fn quote(&self, doc: &str, start: usize, end: usize) -> String {
        // (Asked only here, for the few sentences that state a figure.)
        let long = self.text.len() > MAX_SENTENCE && self.text.chars().nth(MAX_SENTENCE).is_some();
        if !long {
            return self.text.to_string();
        }
        let (lo, hi) = (self.at, self.at + self.text.len());
        let a = doc[lo..start.clamp(lo, hi)].char_indices().rev().nth(149).map(|(j, _)| lo + j).unwrap_or(lo);
        let e = end.clamp(lo, hi);
        let b = doc[e..hi].char_indices().nth(150).map(|(j, _)| e + j).unwrap_or(hi);
        doc[a..b].to_string()
    }
}

struct Span {
    start: usize,
    end: usize,
    /// The sentence ends a line (the topic is not carried over).
    ends_paragraph: bool,
}

/// Sentences: split at 。！？!? (kept with the sentence) and at line ends.
#[inline(never)]
fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let h = text.as_bytes();
    // 。 is E3 80 82, ！ EF BC 81, ？ EF BC 9F: only their lead bytes (rare in Chinese text:
    // punctuation) and the ASCII ones are looked at, by memchr.
    for_each_byte(h, [b'\n', 0xE3, 0xEF], [b'!', b'?'], |i| {
        let len = match h[i] {
            b'\n' => {
                out.push(Span { start, end: i, ends_paragraph: true });
                start = i + 1;
                return;
            }
            b'!' | b'?' => 1,
            _ if h[i..].starts_with("。".as_bytes()) || h[i..].starts_with("！".as_bytes()) || h[i..].starts_with("？".as_bytes()) => 3,
            _ => return,
        };
        out.push(Span { start, end: i + len, ends_paragraph: false });
        start = i + len;
    });
    if start < text.len() {
        out.push(Span { start, end: text.len(), ends_paragraph: true });
    }
    out
}

/// Calls `f` with the offsets of the bytes `three` and `two` in `h`, in order: two memchr
/// searches (SIMD) merged, for bytes that are rare in the text.
#[inline]
pub(crate) fn for_each_byte(h: &[u8], three: [u8; 3], two: [u8; 2], mut f: impl FnMut(usize)) {
    let mut x = memchr::memchr3_iter(three[0], three[1], three[2], h).peekable();
    let mut y = memchr::memchr2_iter(two[0], two[1], h).peekable();
    loop {
        let i = match (x.peek().copied(), y.peek().copied()) {
            (Some(p), Some(q)) if q < p => {
                y.next();
                q
            }
            (Some(p), _) => {
                x.next();
                p
            }
            (None, Some(q)) => {
                y.next();
                q
            }
            (None, None) => break,
        };
        f(i);
    }
}

/// Calls `f(at, len)` for the clause breaks ([`is_clause_break`]) of `text[start..end]`, in
/// order (`，` EF BC 8C, `；` EF BC 9B, `：` EF BC 9A: only lead bytes EF are looked at).
#[inline]
fn for_each_clause_break(text: &str, start: usize, end: usize, mut f: impl FnMut(usize, usize)) {
    let Some(seg) = text.as_bytes().get(start..end) else { return };
    for_each_byte(seg, [0xEF, b'|', b','], [b';', b':'], |j| {
        let at = start + j;
        match seg[j] {
            0xEF => {
                let t = &seg[j..];
                if t.starts_with("，".as_bytes()) || t.starts_with("；".as_bytes()) || t.starts_with("：".as_bytes()) {
                    f(at, 3);
                }
            }
            b',' => {
                if is_clause_break(text, at, ',') {
                    f(at, 1);
                }
            }
            _ => f(at, 1),
        }
    });
}

#[inline(always)]
fn is_clause_break(text: &str, i: usize, c: char) -> bool {
    match c {
        '，' | '；' | ';' | '：' | ':' | '|' => true,
        ',' => {
            // `1,234`: a thousands separator, not a clause break.
            let before = text[..i].chars().next_back().is_some_and(|p| p.is_ascii_digit());
            let after = text.get(i + 1..).unwrap_or("");
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            !(before && digits == 3)
        }
        _ => false,
    }
}

/// A number with a counting unit.
#[derive(Debug, Clone)]
struct Token {
    start: usize,
    /// End of the unit.
    end: usize,
    value: f64,
    integer: bool,
    unit: &'static str,
    /// Approximate (余, 多, 近, 约, 以上 …) or ordinal (第): never a figure.
    unusable: bool,
}

/// Counting units, longest first.
const UNITS: &[&str] = &[
    "万元", "人次", "件次", "批次", "件", "个", "宗", "起", "例", "份", "项", "次", "条", "部", "元", "篇", "场", "期", "家",
    "名", "户", "家次",
];
/// [`UNITS`] as a table (their first characters).
const UNIT_TABLE: Words<{ UNITS.len() }> = words_table!(UNITS);
const REQUEST_UNITS: &[&str] = &["件", "个", "宗", "份", "项"];
const APPEAL_UNITS: &[&str] = &["件", "个", "宗", "起", "例", "次"];
const DOC_UNITS: &[&str] = &["件", "部", "个", "项", "份", "篇"];

/// Where, in one sentence, numbers start and the words looked for again and again in its
/// parts (topic, change and negation words) occur: one pass over the sentence instead of
/// one per part and word list.
#[derive(Default)]
struct SentenceIndex {
    /// Byte offsets (in the document) of the characters that start a number: an ASCII digit
    /// not after a letter, a digit, `.`, `/` or `-`; a Chinese numeral not after another.
    /// (A clause break before one is none of those, so this is the same within a clause.)
    numbers: Vec<usize>,
    /// Every occurrence of a word of [`INDEX_WORDS`], overlapping ones included, by start:
    /// (start, end, class) in document bytes.
    /// (start, end, class, k: the word is `INDEX_WORDS.words[k]`).
    words: Vec<(usize, usize, u8, u8)>,
}

/// [`INDEX_WORDS`] classes.
/// The appeals words ([`APPEAL_WORDS`]).
const W_APPEAL: u8 = 1;
/// 申请.
const W_REQ: u8 = 16;
/// The topic words of [`update_topic`].
const W_TOPIC: u8 = W_APPEAL | W_REQ;
const W_CHANGE: u8 = 2;
/// 处理费
const W_FEE: u8 = 4;
/// 未, 没, 无: the first characters of the negations of [`zero_statements`].
const W_NEG: u8 = 8;

/// The topic words of [`update_topic`] (the appeals words and 申请), the [`CHANGE_WORDS`]
/// and the words [`zero_statements`] needs, with their classes in [`INDEX_CLASSES`].
const INDEX_WORDS: Words<{ APPEAL_WORDS.words.len() + 1 + CHANGE_WORDS.words.len() + NEEDED_WORDS.len() }> = {
    let mut w = [""; APPEAL_WORDS.words.len() + 1 + CHANGE_WORDS.words.len() + NEEDED_WORDS.len()];
    let mut n = 0;
    let mut k = 0;
    while k < APPEAL_WORDS.words.len() {
        w[n] = APPEAL_WORDS.words[k];
        n += 1;
        k += 1;
    }
    w[n] = "申请";
    n += 1;
    k = 0;
    while k < CHANGE_WORDS.words.len() {
        w[n] = CHANGE_WORDS.words[k];
        n += 1;
        k += 1;
    }
    k = 0;
    while k < NEEDED_WORDS.len() {
        w[n] = NEEDED_WORDS[k];
        n += 1;
        k += 1;
    }
    Words::new(w)
};
const INDEX_CLASSES: [u8; INDEX_WORDS.words.len()] = {
    let mut c = [0u8; INDEX_WORDS.words.len()];
    let mut n = 0;
    while n < c.len() {
        c[n] = if n < APPEAL_WORDS.words.len() {
            W_APPEAL
        } else if n == APPEAL_WORDS.words.len() {
            W_REQ // 申请
        } else if n <= APPEAL_WORDS.words.len() + CHANGE_WORDS.words.len() {
            W_CHANGE
        } else if n == APPEAL_WORDS.words.len() + CHANGE_WORDS.words.len() + 1 {
            W_FEE // NEEDED_WORDS[0]
        } else {
            W_NEG
        };
        n += 1;
    }
    c
};
/// [`INDEX_WORDS`] by their first character `c`'s bucket `c % 1024`: bucket `b` has the
/// words `INDEX_DISPATCH.1[INDEX_DISPATCH.0[b]..INDEX_DISPATCH.0[b + 1]]` (most have none).
static INDEX_DISPATCH: ([u8; 1025], [u8; INDEX_WORDS.words.len()]) = {
    const N: usize = INDEX_WORDS.words.len();
    let mut start = [0u8; 1025];
    let mut k = 0;
    while k < N {
        start[INDEX_WORDS.firsts[k] as usize % 1024 + 1] += 1;
        k += 1;
    }
    let mut b = 0;
    while b < 1024 {
        start[b + 1] += start[b];
        b += 1;
    }
    let mut fill = start;
    let mut order = [0u8; N];
    k = 0;
    while k < N {
        let b = INDEX_WORDS.firsts[k] as usize % 1024;
        order[fill[b] as usize] = k as u8;
        fill[b] += 1;
        k += 1;
    }
    (start, order)
};
/// Bit `c % 4096` is set for the Chinese numerals' characters and the first characters of
/// [`INDEX_WORDS`]: all three-byte characters, whose `c % 4096` are their last two bytes'
/// payload bits (checked here at compile time).
static INDEX_INTEREST: [u64; 64] = {
    let mut m = [0u64; 64];
    let numerals = num::NUMERAL_CHARS;
    let mut k = 0;
    while k < numerals.len() {
        let c = numerals[k] as usize;
        assert!(c >= 0x800 && c < 0x10000);
        m[(c % 4096) >> 6] |= 1 << (c % 64);
        k += 1;
    }
    k = 0;
    while k < INDEX_WORDS.firsts.len() {
        let c = INDEX_WORDS.firsts[k] as usize;
        assert!(c >= 0x800 && c < 0x10000);
        m[(c % 4096) >> 6] |= 1 << (c % 64);
        k += 1;
    }
    m
};
/// Every statement of [`zero_statements`] needs 处理费 or a negation starting with 未/没/无.
const NEEDED_WORDS: [&str; 4] = ["处理费", "未", "没", "无"];

impl SentenceIndex {
    #[cfg(test)]
    fn new(text: &str, start: usize, end: usize) -> Self {
        let mut idx = SentenceIndex::default();
        idx.refill(text, start, end);
        idx
    }

    /// Index `text[start..end]`, reusing the index's buffers (one index serves every
    /// sentence of a document).
    fn refill(&mut self, text: &str, start: usize, end: usize) {
        let seg = text.get(start..end).unwrap_or("");
        let h = seg.as_bytes();
        let SentenceIndex { numbers, words } = self;
        numbers.clear();
        words.clear();
        // The previous character is a Chinese numeral.
        let mut prev_cn = false;
        // Byte by byte rather than char by char: a three-byte character's last two bytes
        // rule out (with [`INDEX_INTEREST`]) most characters that are neither a numeral nor
        // start an index word, without decoding them. (All those are three-byte characters.)
        let mut i = 0;
        while i < h.len() {
            let b0 = h[i];
            if b0 < 0x80 {
                // The character before, when it is not ASCII, ends in a continuation byte:
                // not a letter, digit, `.`, `/` or `-`.
                if b0.is_ascii_digit() && !(i > 0 && matches!(h[i - 1], b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'.' | b'/' | b'-')) {
                    numbers.push(start + i);
                }
                prev_cn = false;
                i += 1;
                continue;
            }
            let len = if b0 >= 0xF0 {
                4
            } else if b0 >= 0xE0 {
                3
            } else {
                2
            };
            let mut cn = false;
            if len == 3 {
                let Some(&[b1, b2]) = h.get(i + 1..i + 3) else { break };
                let key = ((b1 as usize & 0x3F) << 6) | (b2 as usize & 0x3F);
                if (INDEX_INTEREST[key >> 6] >> (key & 63)) & 1 == 1 {
                    let Some(c) = seg.get(i..).and_then(|r| r.chars().next()) else { break };
                    cn = num::is_cn_numeral_char(c);
                    if cn && !prev_cn {
                        numbers.push(start + i);
                    }
                    if INDEX_WORDS.may_start_hint(c) {
                        let b = c as usize % 1024;
                        let (lo, hi) = (INDEX_DISPATCH.0[b] as usize, INDEX_DISPATCH.0[b + 1] as usize);
                        for &k in INDEX_DISPATCH.1.get(lo..hi).unwrap_or(&[]) {
                            let k = k as usize;
                            let w = INDEX_WORDS.words[k];
                            if INDEX_WORDS.firsts[k] == c && h[i..].starts_with(w.as_bytes()) {
                                words.push((start + i, start + i + w.len(), INDEX_CLASSES[k], k as u8));
                            }
                        }
                    }
                }
            }
            prev_cn = cn;
            i += len;
        }
    }

    /// Whether a word of `class` lies in the document bytes `[start, end)`.
    fn any(&self, class: u8, start: usize, end: usize) -> bool {
        let k = self.words.partition_point(|w| w.0 < start);
        self.words[k..].iter().take_while(|w| w.0 < end).any(|w| w.2 & class != 0 && w.1 <= end)
    }
}

/// The tokens of `text[start..end]`, a clause of the sentence `idx` indexes, into `out`
/// (cleared first).
#[inline(never)]
fn tokens(text: &str, start: usize, end: usize, idx: &SentenceIndex, out: &mut Vec<Token>) {
    out.clear();
    let seg = &text[start..end];
    let mut i = 0;
    let mut n = idx.numbers.partition_point(|&b| b < start);
    while i < seg.len() {
        // The next character that starts a number (the index has them).
        while idx.numbers.get(n).is_some_and(|&b| b < start + i) {
            n += 1;
        }
        let Some(&b) = idx.numbers.get(n).filter(|&&b| b < end) else { break };
        let at = b - start;
        let Some(c) = seg.get(at..).and_then(|r| r.chars().next()) else { break };
        i = at;
        if c.is_ascii_digit() {
            // Digits (with `.` and `,`) followed, after spaces, by ASCII or the clause end
            // (most table cells): no unit can follow (units, 万/亿 and 余/多/几 are not
            // ASCII), so no number starting in the run is a token. Skip it unparsed.
            let sb = seg.as_bytes();
            let mut j = at;
            while j < sb.len() && matches!(sb[j], b'0'..=b'9' | b'.' | b',') {
                j += 1;
            }
            let mut k = j;
            while k < sb.len() && matches!(sb[k], b' ' | b'\t') {
                k += 1;
            }
            if k == sb.len() || sb[k] < 0x80 {
                i = j;
                continue;
            }
        }
        let Some(p) = num::parse_at(seg, i) else {
            i += seg[i..].chars().take_while(|c| c.is_ascii_digit() || num::is_cn_numeral_char(*c)).map(char::len_utf8).sum::<usize>().max(c.len_utf8());
            continue;
        };
        // Unit, after optional spaces.
        let after = &seg[p.end..];
        let ws = after.len() - after.trim_start_matches([' ', '\t']).len();
        let rest = &after[ws..];
        let unit = rest.chars().next().and_then(|f| {
            (0..UNITS.len()).find(|&k| UNIT_TABLE.firsts[k] == f && rest.starts_with(UNITS[k])).map(|k| UNITS[k])
        });
        let Some(unit) = unit else {
            i = p.end.max(i + c.len_utf8());
            continue;
        };
        let uend = p.end + ws + unit.len();
        let before = seg[..i].trim_end_matches([' ', '\t']);
        let approx_before = ["近", "约", "逾", "超过", "超", "大约", "将近", "上万", "数"].iter().any(|w| before.ends_with(w));
        let tail = &seg[uend..];
        let approx_after = ["以上", "左右", "多", "余"].iter().any(|w| tail.starts_with(w));
        let ordinal = before.ends_with('第');
        // A unit followed by another numeral (“三个一”, 一件一档) or a number opening a quoted
        // name is part of a name, not a count.
        let named = tail.starts_with(|c: char| c.is_ascii_digit() || (num::is_cn_numeral_char(c) && c != '万'))
            || (p.chinese && before.ends_with(['“', '"', '「', '『', '《', '‘']));
        out.push(Token {
            start: start + i,
            end: start + uend,
            value: p.value,
            integer: p.integer,
            unit,
            unusable: p.approx || approx_before || approx_after || ordinal || named,
        });
        i = uend;
    }
}

/// [`figures`]' buffers, kept from sentence to sentence.
#[derive(Default)]
struct Scratch {
    /// The index of the sentence being read.
    idx: SentenceIndex,
    clauses: Vec<(usize, usize)>,
    tokens: Vec<Token>,
}

// ---------------------------------------------------------------------------------------
// State

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Topic {
    None,
    Requests,
    Review,
    Suit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SuitKind {
    Any,
    Direct,
    PostReview,
}

#[derive(Debug, Clone, Copy)]
struct Carry {
    topic: Topic,
    req_row: Option<&'static str>,
    suit_kind: SuitKind,
}

struct State {
    topic: Topic,
    /// The request row the sentence last gave a total for (breakdowns by applicant refer to it).
    req_row: Option<&'static str>,
    direct_seen: bool,
    post_seen: bool,
    /// Keys already stated in this sentence.
    keys: Vec<String>,
}

impl State {
    fn new(carry: Option<Carry>) -> Self {
        match carry {
            Some(c) => State {
                topic: c.topic,
                req_row: c.req_row,
                direct_seen: c.suit_kind == SuitKind::Direct,
                post_seen: c.suit_kind == SuitKind::PostReview,
                keys: Vec::new(),
            },
            None => State { topic: Topic::None, req_row: None, direct_seen: false, post_seen: false, keys: Vec::new() },
        }
    }
    fn single_suit_kind(&self) -> SuitKind {
        match (self.direct_seen, self.post_seen) {
            (true, false) => SuitKind::Direct,
            (false, true) => SuitKind::PostReview,
            _ => SuitKind::Any,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Vocabulary

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AppealMark {
    Review,
    Suit,
    Direct,
    PostReview,
}

/// Byte ranges of `seg` already taken by a word (linear, unlike comparing every pair).
/// The flags are allocated at the first claim (most segments have no word at all).
struct Claims(Vec<bool>, usize);

impl Claims {
    fn new(len: usize) -> Self {
        Claims(Vec::new(), len)
    }
    /// Take `[s, e)` unless any of it is taken.
    fn take(&mut self, s: usize, e: usize) -> bool {
        if self.0.is_empty() {
            self.0 = vec![false; self.1];
        }
        let Some(r) = self.0.get_mut(s..e) else { return false };
        if r.iter().any(|b| *b) {
            return false;
        }
        r.iter_mut().for_each(|b| *b = true);
        true
    }
}

/// Appeals words, the specific ones first (they claim their bytes before the words they
/// contain), with their kinds in [`APPEAL_KINDS`].
const APPEAL_WORDS: Words<15> = Words::new([
    "未经行政复议",
    "未经复议",
    "直接起诉",
    "直接提起",
    "行政复议后",
    "复议后",
    "经行政复议",
    "经复议",
    "行政复议",
    "复议",
    "行政诉讼",
    "行政应诉",
    "诉讼",
    "起诉",
    "应诉",
]);
const APPEAL_KINDS: [AppealMark; 15] = [
    AppealMark::Direct,
    AppealMark::Direct,
    AppealMark::Direct,
    AppealMark::Direct,
    AppealMark::PostReview,
    AppealMark::PostReview,
    AppealMark::PostReview,
    AppealMark::PostReview,
    AppealMark::Review,
    AppealMark::Review,
    AppealMark::Suit,
    AppealMark::Suit,
    AppealMark::Suit,
    AppealMark::Suit,
    AppealMark::Suit,
];

/// Appeals words in `seg` with their byte ranges, the specific ones claimed first.
fn appeal_marks(seg: &str) -> Vec<(usize, usize, AppealMark)> {
    appeal_marks_of(APPEAL_WORDS.claimed(seg))
}

fn appeal_marks_of(claimed: Vec<(usize, usize)>) -> Vec<(usize, usize, AppealMark)> {
    let mut out: Vec<(usize, usize, AppealMark)> =
        claimed.into_iter().map(|(k, i)| (i, i + APPEAL_WORDS.words[k].len(), APPEAL_KINDS[k])).collect();
    out.sort_by_key(|m| m.0);
    out
}

/// [`appeal_marks`] of the document bytes `[at, end)` of the sentence `idx` indexes, from
/// the index (offsets relative to `at`). The index has every occurrence of every word, and
/// no appeals word overlaps itself (no character repeats in one), so these are the
/// occurrences `Words::scan` finds.
fn appeal_marks_at(idx: &SentenceIndex, at: usize, end: usize) -> Vec<(usize, usize, AppealMark)> {
    let from = idx.words.partition_point(|w| w.0 < at);
    let hits: Vec<(usize, usize)> = idx.words[from..]
        .iter()
        .take_while(|w| w.0 < end)
        .filter(|w| w.2 == W_APPEAL && w.1 <= end)
        .map(|w| (w.3 as usize, w.0 - at))
        .collect();
    appeal_marks_of(APPEAL_WORDS.claim(hits, end - at))
}

/// Positions of `申请` that speak of information requests (not 申请人, not 申请行政复议).
fn request_marks(seg: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in find_all(seg, "申请") {
        let e = i + "申请".len();
        let after = &seg[e..];
        let before = &seg[..i];
        if after.starts_with('人') || after.starts_with("行政复议") || after.starts_with("复议") {
            continue;
        }
        if before.ends_with("复议") || before.ends_with("诉讼") {
            continue;
        }
        out.push((i, e));
    }
    out
}

/// Update the topic from the last topic word in `seg`, the document bytes `[at, at +
/// seg.len())` of the sentence `idx` indexes.
fn update_topic(seg: &str, at: usize, idx: &SentenceIndex, st: &mut State) {
    // Most segments name no topic (no appeals word, no 申请): the index says so.
    if !idx.any(W_TOPIC, at, at + seg.len()) {
        return;
    }
    // (Either list is empty when the index has none of its words.)
    let last_appeal = if idx.any(W_APPEAL, at, at + seg.len()) {
        appeal_marks_at(idx, at, at + seg.len()).into_iter().max_by_key(|m| m.1)
    } else {
        None
    };
    let last_req = if idx.any(W_REQ, at, at + seg.len()) { request_marks(seg).into_iter().map(|m| m.1).max() } else { None };
    match (last_appeal, last_req) {
        (Some(a), r) if r.map_or(true, |r| a.1 > r) => {
            set_appeal_topic(st, a.2);
        }
        (_, Some(_)) => st.topic = Topic::Requests,
        _ => {}
    }
}

fn set_appeal_topic(st: &mut State, m: AppealMark) {
    match m {
        AppealMark::Review => st.topic = Topic::Review,
        AppealMark::Suit => st.topic = Topic::Suit,
        AppealMark::Direct => {
            st.topic = Topic::Suit;
            st.direct_seen = true;
        }
        AppealMark::PostReview => {
            st.topic = Topic::Suit;
            st.post_seen = true;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Upheld,
    Corrected,
    Other,
    Pending,
}

impl Outcome {
    fn suffix(self) -> &'static str {
        match self {
            Outcome::Upheld => "upheld",
            Outcome::Corrected => "corrected",
            Outcome::Other => "other",
            Outcome::Pending => "pending",
        }
    }
}

/// Appeal outcomes named in `seg`: (first word's start, last word's start, outcome).
/// `None` when two different outcomes are named (a combined phrase), `Some(None)` when none is.
fn outcome(seg: &str) -> Option<Option<(usize, usize, Outcome)>> {
    const WORDS: &[(&str, Outcome)] = &[
        ("尚未审结", Outcome::Pending),
        ("未审结", Outcome::Pending),
        ("尚在审理", Outcome::Pending),
        ("正在审理", Outcome::Pending),
        ("审理中", Outcome::Pending),
        ("尚未结案", Outcome::Pending),
        ("未结案", Outcome::Pending),
        ("维持", Outcome::Upheld),
        ("驳回", Outcome::Upheld),
        ("纠正", Outcome::Corrected),
        ("纠错", Outcome::Corrected),
        ("撤销", Outcome::Corrected),
        ("确认违法", Outcome::Corrected),
        ("败诉", Outcome::Corrected),
        ("责令", Outcome::Corrected),
        ("其他", Outcome::Other),
        ("其它", Outcome::Other),
    ];
    const TABLE: Words<{ WORDS.len() }> = words_table!(WORDS, 0);
    let mut found: Option<(usize, usize, Outcome)> = None;
    for (k, i) in TABLE.claimed(seg) {
        let (w, o) = &WORDS[k];
        {
            let e = i + w.len();
            let before = seg[..i].trim_end_matches(['被', '依', '法']);
            if *o != Outcome::Pending && (before.ends_with('未') || before.ends_with('无') || before.ends_with("没有")) {
                continue; // 未被纠错: not an outcome
            }
            // 其他 only as 其他情形 / 其他结果 / 其他1件 (not 其他处理, 其他需要报告的事项 …).
            if *o == Outcome::Other {
                let after = &seg[e..];
                let ok = after.is_empty()
                    || ["情形", "结果", "情况", "原因", "类", "的", "方式结案", "结案"].iter().any(|x| after.starts_with(x))
                    || after.starts_with(|c: char| c.is_ascii_digit() || c == ' ');
                if !ok {
                    continue;
                }
            }
            match found {
                Some((_, _, f)) if f != *o => return None,
                Some((s, l, f)) => found = Some((s.min(i), l.max(i), f)),
                None => found = Some((i, i, *o)),
            }
        }
    }
    Some(found)
}

/// Whether an outcome word at byte `i` of `pre` is close enough to the number that ends
/// `pre` to be its label (at most 12 characters between them).
fn close_to_end(pre: &str, i: usize) -> bool {
    pre.get(i..).is_some_and(|t| t.chars().count() <= 16)
}

/// The groups of table 三's results, as the narrative names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ResultGroup {
    Granted,
    Partial,
    Denied,
    Unavailable,
    Rejected,
    Other,
}

/// Result words: (word, group, key). Sub-rows name their canonical row.
const RESULT_WORDS: &[(&str, ResultGroup, &str)] = &[
    ("不予以公开", ResultGroup::Denied, KEY_DENIED_TOTAL),
    ("不予公开", ResultGroup::Denied, KEY_DENIED_TOTAL),
    ("予以公开", ResultGroup::Granted, "requests.granted.total"),
    ("同意公开", ResultGroup::Granted, "requests.granted.total"),
    ("准予公开", ResultGroup::Granted, "requests.granted.total"),
    ("全部公开", ResultGroup::Granted, "requests.granted.total"),
    ("部分公开", ResultGroup::Partial, "requests.partially_granted.total"),
    ("无法提供", ResultGroup::Unavailable, KEY_UNAVAILABLE_TOTAL),
    ("不予处理", ResultGroup::Rejected, KEY_REJECTED_TOTAL),
    ("其他处理", ResultGroup::Other, "requests.other_handling.total"),
    ("国家秘密", ResultGroup::Denied, "requests.denied_state_secret.total"),
    ("行政法规禁止", ResultGroup::Denied, "requests.denied_law_prohibited.total"),
    ("法律法规禁止", ResultGroup::Denied, "requests.denied_law_prohibited.total"),
    ("三安全一稳定", ResultGroup::Denied, "requests.denied_three_safeties.total"),
    ("第三方合法权益", ResultGroup::Denied, "requests.denied_third_party.total"),
    ("内部事务", ResultGroup::Denied, "requests.denied_internal_affairs.total"),
    ("过程性信息", ResultGroup::Denied, "requests.denied_process_info.total"),
    ("行政执法案卷", ResultGroup::Denied, "requests.denied_enforcement_file.total"),
    ("行政查询事项", ResultGroup::Denied, "requests.denied_query_item.total"),
    ("不掌握", ResultGroup::Unavailable, "requests.unavailable_not_held.total"),
    ("另行制作", ResultGroup::Unavailable, "requests.unavailable_needs_creation.total"),
    ("没有现成信息", ResultGroup::Unavailable, "requests.unavailable_needs_creation.total"),
    ("仍不明确", ResultGroup::Unavailable, "requests.unavailable_unclear.total"),
    ("信访举报投诉", ResultGroup::Rejected, "requests.rejected_complaint.total"),
    ("重复申请", ResultGroup::Rejected, "requests.rejected_duplicate.total"),
    ("公开出版物", ResultGroup::Rejected, "requests.rejected_publication.total"),
    ("大量反复", ResultGroup::Rejected, "requests.rejected_excessive.total"),
    ("重新出具", ResultGroup::Rejected, "requests.rejected_confirmation.total"),
    ("逾期不补正", ResultGroup::Other, "requests.other_no_correction.total"),
    ("未按收费通知", ResultGroup::Other, "requests.other_no_fee.total"),
];

/// Result words in `seg`: (start, end, group, key), overlapping words claimed by the first.
fn result_words(seg: &str) -> Vec<(usize, usize, ResultGroup, &'static str)> {
    const TABLE: Words<{ RESULT_WORDS.len() }> = words_table!(RESULT_WORDS, 0);
    let mut out: Vec<(usize, usize, ResultGroup, &'static str)> = Vec::new();
    for (n, i) in TABLE.claimed(seg) {
        let (w, g, k) = &RESULT_WORDS[n];
        {
            let e = i + w.len();
            // 不全部公开 / 不同意公开 are not grants.
            if *g == ResultGroup::Granted && seg[..i].ends_with('不') {
                continue;
            }
            out.push((i, e, *g, k));
        }
    }
    out.sort_by_key(|m| m.0);
    out
}

/// Applicant words: (word, column). The combined organisation words come first.
const APPLICANT_WORDS: &[(&str, &str)] = &[
    ("法人或其他组织", "organizations"),
    ("法人或者其他组织", "organizations"),
    ("法人和其他组织", "organizations"),
    ("法人及其他组织", "organizations"),
    ("企业或其他组织", "organizations"),
    ("企业和其他组织", "organizations"),
    ("企业及其他组织", "organizations"),
    ("自然人", "natural_person"),
    ("商业企业", "commercial"),
    ("科研机构", "research"),
    ("社会公益组织", "social_welfare"),
    ("法律服务机构", "legal_service"),
];

/// A table of words looked for together, in one pass over the text rather than one search
/// per word (the words are a few characters and the texts short clauses, searched again
/// and again: per-word searches were most of the cost of [`figures`]).
pub(crate) struct Words<const N: usize> {
    pub(crate) words: [&'static str; N],
    /// The first character of each word.
    pub(crate) firsts: [char; N],
    /// Bit `c % 1024` is set for the first character `c` of every word.
    mask: [u64; 16],
}

impl<const N: usize> Words<N> {
    pub(crate) const fn new(words: [&'static str; N]) -> Self {
        let mut firsts = ['\0'; N];
        let mut mask = [0u64; 16];
        let mut k = 0;
        while k < N {
            let c = first_char(words[k]);
            firsts[k] = c;
            mask[(c as usize >> 6) % 16] |= 1 << (c as u32 % 64);
            k += 1;
        }
        Words { words, firsts, mask }
    }

    /// Whether some word starts with `c`.
    #[inline]
    pub(crate) fn may_start(&self, c: char) -> bool {
        self.may_start_hint(c) && self.firsts.contains(&c)
    }

    /// False only when no word starts with `c` (true for most characters that start one).
    #[inline(always)]
    pub(crate) fn may_start_hint(&self, c: char) -> bool {
        (self.mask[(c as usize >> 6) % 16] >> (c as u32 % 64)) & 1 == 1
    }

    /// Calls `f(k, start)` for the occurrences of word `k` in `hay` that
    /// `find_all(hay, words[k])` gives, ordered by start, then by `k`, until `f` returns
    /// `true`.
    #[inline]
    fn scan(&self, hay: &str, mut f: impl FnMut(usize, usize) -> bool) {
        let bytes = hay.as_bytes();
        // No occurrence of word k may start before next[k] (find_all's are non-overlapping).
        let mut next = [0usize; N];
        for (i, c) in hay.char_indices() {
            if !self.may_start_hint(c) {
                continue;
            }
            for (k, from) in next.iter_mut().enumerate() {
                if self.firsts[k] == c && i >= *from && bytes[i..].starts_with(self.words[k].as_bytes()) {
                    *from = i + self.words[k].len();
                    if f(k, i) {
                        return;
                    }
                }
            }
        }
    }

    /// Whether any of the words occurs in `hay` ([`has_any`]).
    fn any_in(&self, hay: &str) -> bool {
        let mut found = false;
        self.scan(hay, |_, _| {
            found = true;
            true
        });
        found
    }

    /// The earliest occurrence of any of the words, the first word listed on a tie
    /// ([`first_of`]): (start, end).
    fn first_in(&self, hay: &str) -> Option<(usize, usize)> {
        let mut found = None;
        self.scan(hay, |k, i| {
            found = Some((i, i + self.words[k].len()));
            true
        });
        found
    }

    /// The occurrences each word claims when the words, in table order, take their
    /// occurrences left to right unless a word taken before overlaps them: (k, start), in
    /// that order (word, then position).
    fn claimed(&self, seg: &str) -> Vec<(usize, usize)> {
        let mut hits: Vec<(usize, usize)> = Vec::new();
        self.scan(seg, |k, i| {
            hits.push((k, i));
            false
        });
        self.claim(hits, seg.len())
    }

    /// [`Words::claimed`] of the occurrences `hits` ((k, start), any order, no duplicates)
    /// in a text of `len` bytes.
    fn claim(&self, mut hits: Vec<(usize, usize)>, len: usize) -> Vec<(usize, usize)> {
        if hits.is_empty() {
            return hits;
        }
        hits.sort_unstable();
        let end = |(k, i): (usize, usize)| i + self.words[k].len();
        let mut kept = 0;
        if hits.len() <= 16 {
            for n in 0..hits.len() {
                let h = hits[n];
                if hits[..kept].iter().all(|&o| end(h) <= o.1 || end(o) <= h.1) {
                    hits[kept] = h;
                    kept += 1;
                }
            }
        } else {
            // Many words: the taken bytes as flags (linear, unlike comparing every pair).
            let mut claims = Claims::new(len);
            for n in 0..hits.len() {
                let h = hits[n];
                if claims.take(h.1, end(h)) {
                    hits[kept] = h;
                    kept += 1;
                }
            }
        }
        hits.truncate(kept);
        hits
    }
}

/// The first character of a non-empty word (at compile time).
const fn first_char(w: &str) -> char {
    let b = w.as_bytes();
    assert!(!b.is_empty());
    let cp = if b[0] < 0x80 {
        b[0] as u32
    } else if b[0] < 0xE0 {
        ((b[0] as u32 & 0x1F) << 6) | (b[1] as u32 & 0x3F)
    } else if b[0] < 0xF0 {
        ((b[0] as u32 & 0x0F) << 12) | ((b[1] as u32 & 0x3F) << 6) | (b[2] as u32 & 0x3F)
    } else {
        ((b[0] as u32 & 0x07) << 18) | ((b[1] as u32 & 0x3F) << 12) | ((b[2] as u32 & 0x3F) << 6) | (b[3] as u32 & 0x3F)
    };
    match char::from_u32(cp) {
        Some(c) => c,
        None => panic!("not a character"),
    }
}

fn first_of(seg: &str, words: &[&str]) -> Option<(usize, usize)> {
    words.iter().filter_map(|w| find(seg, w).map(|i| (i, i + w.len()))).min_by_key(|m| m.0)
}

fn has_any(seg: &str, words: &[&str]) -> bool {
    words.iter().any(|w| find(seg, w).is_some())
}

/// The byte offsets of the non-overlapping occurrences of `pat` in `hay`, left to right:
/// what `hay.match_indices(pat)` gives. The words searched for here are a few characters
/// and the segments short clauses, where setting up `str`'s searcher for every word and
/// segment cost more than the search (a fifth of a whole parse); this looks for the last
/// byte of `pat` with `memchr` and compares. An empty `pat` matches nowhere.
fn find_all<'a>(hay: &'a str, pat: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0usize; // no match may start before this (matches do not overlap)
    occurrences(hay, pat).filter(move |&s| {
        if s < from {
            return false;
        }
        from = s + pat.len();
        true
    })
}

/// Every occurrence of `pat` in `hay`, overlapping ones included, by start offset (see
/// [`find_all`]). An empty `pat` matches nowhere.
fn occurrences<'a>(hay: &'a str, pat: &'a str) -> impl Iterator<Item = usize> + 'a {
    let (h, p) = (hay.as_bytes(), pat.as_bytes());
    let last = p.last().copied().unwrap_or(0);
    memchr::memchr_iter(last, h).filter_map(move |e| {
        let s = (e + 1).checked_sub(p.len())?;
        (!p.is_empty() && h.get(s..=e)? == p).then_some(s)
    })
}

/// The first occurrence of `pat` in `hay` (`hay.find(pat)`; see [`find_all`]).
pub(crate) fn find(hay: &str, pat: &str) -> Option<usize> {
    find_all(hay, pat).next()
}

const CHANGE_WORDS: Words<20> = Words::new([
    "增长", "增加", "减少", "下降", "上升", "同比", "环比", "比上年", "较上年", "比去年", "较去年", "较同期", "增幅", "降幅",
    "增长了", "多出", "平均", "日均", "人均", "月均",
]);
const RECEIVE_VERBS: Words<8> = Words::new(["新收到", "新收", "收到", "受理", "接收", "接到", "收悉", "共收"]);
const HANDLED_VERBS: Words<6> = Words::new(["办结", "办理完成", "处理完成", "办理完毕", "处理完毕", "答复"]);
const FORWARD_STRONG: Words<10> = Words::new([
    "结转下年", "结转下一年", "结转到下", "结转至下", "转入下年", "转入下一年", "下年度继续", "下一年度继续", "继续办理", "继续处理",
]);
const CARRIED_OVER: Words<9> = Words::new([
    "上年结转", "上年度结转", "上一年结转", "上一年度结转", "结转上年", "上年度遗留", "上年遗留", "往年结转", "上年度转结",
]);
const CHANNEL_WORDS: Words<12> =
    Words::new(["当面", "网上", "网络", "在线", "信函", "邮寄", "传真", "电子邮件", "现场", "线上", "线下", "电话"]);
const MAKE_VERBS: &[&str] = &["制发", "制定", "出台", "印发"];

/// `20xx年结转` / `20xx年度结转`: carried over from that year.
fn year_before_carry(seg: &str) -> Option<usize> {
    for (i, _) in seg.match_indices("结转") {
        let before = seg[..i].trim_end_matches('度');
        if let Some(b) = before.strip_suffix('年') {
            let digits = b.bytes().rev().take_while(u8::is_ascii_digit).count();
            if digits == 4 {
                return Some(b.len() - 4);
            }
        }
    }
    None
}

/// `规章` (not 规章制度) or `规范性文件` in `seg`: the last one, with its row.
fn doc_noun(seg: &str) -> Option<(usize, &'static str)> {
    let mut best: Option<(usize, &'static str)> = None;
    for (i, _) in seg.match_indices("规章") {
        if seg[i + "规章".len()..].starts_with("制度") {
            continue;
        }
        if best.map_or(true, |b| i > b.0) {
            best = Some((i, "regulations"));
        }
    }
    for (i, _) in seg.match_indices("规范性文件") {
        if best.map_or(true, |b| i > b.0) {
            best = Some((i, "normative_documents"));
        }
    }
    best
}

// ---------------------------------------------------------------------------------------
// Classification

/// What a token states: the key and the byte range of the words (`raw`).
struct Hit {
    key: String,
    start: usize,
    end: usize,
}

fn process_sentence(
    text: &str,
    s_start: usize,
    s_end: usize,
    sentence: &Sentence,
    st: &mut State,
    out: &mut Vec<(usize, Figure)>,
    scratch: &mut Scratch,
) {
    // Clauses.
    let Scratch { idx, clauses, tokens: toks } = scratch;
    let idx = &*idx;
    clauses.clear();
    let mut cs = s_start;
    for_each_clause_break(text, s_start, s_end, |at, len| {
        clauses.push((cs, at));
        cs = at + len;
    });
    clauses.push((cs, s_end));

    for &(c_start, c_end) in clauses.iter() {
        tokens(text, c_start, c_end, idx, toks);
        let mut prev_end = c_start;
        for (n, t) in toks.iter().enumerate() {
            let pre = &text[prev_end..t.start];
            let post_end = toks.get(n + 1).map(|x| x.start).unwrap_or(c_end);
            let post = &text[t.end..post_end.max(t.end)];
            let clause_before = &text[c_start..t.start];
            if !t.unusable && !idx.any(W_CHANGE, prev_end, t.start) {
                if let Some(h) = classify(pre, prev_end, post, t.end, clause_before, c_start, t, idx, st) {
                    // A key stated again in the same sentence is a part (其中市本级收到申请20件)
                    // or a repeat: the first statement stands.
                    if !st.keys.contains(&h.key) {
                        st.keys.push(h.key.clone());
                        push_figure(text, sentence, t, h, out);
                    }
                }
            }
            update_topic(pre, prev_end, idx, st);
            prev_end = t.end;
        }
        update_topic(&text[prev_end..c_end], prev_end, idx, st);
    }
}

fn push_figure(text: &str, sentence: &Sentence, t: &Token, h: Hit, out: &mut Vec<(usize, Figure)>) {
    let mut start = h.start.min(t.start);
    let end = h.end.max(t.end);
    // Take an opening quote in: “予以公开”2764件.
    if let Some(q) = text[..start].chars().next_back() {
        if matches!(q, '“' | '"' | '「' | '‘') {
            start -= q.len_utf8();
        }
    }
    let (value, unit) = if t.unit == "万元" {
        (t.value * 10_000.0, "元")
    } else {
        (t.value, t.unit)
    };
    let value = if t.integer || value.fract() == 0.0 { Number::Int(value as i64) } else { Number::Dec(value) };
    out.push((
        start,
        Figure {
            key: h.key,
            value,
            raw: text[start..end].to_string(),
            unit: Some(unit.to_string()),
            sentence: sentence.quote(text, start, end),
            offset: 0,
            offset_in: TextRef::Normalized,
        },
    ));
}

#[allow(clippy::too_many_arguments)]
fn classify(
    pre: &str,
    pre_at: usize,
    post: &str,
    post_at: usize,
    clause_before: &str,
    clause_at: usize,
    t: &Token,
    idx: &SentenceIndex,
    st: &mut State,
) -> Option<Hit> {
    let unit = t.unit;
    // Money: only the information-processing fee.
    if unit == "元" || unit == "万元" {
        let (i, _) = first_of(pre, &["信息处理费", "处理费"])?;
        let i = first_of(pre, &["收取"]).map(|m| m.0.min(i)).unwrap_or(i);
        return Some(Hit { key: KEY_FEES_YUAN.into(), start: pre_at + i, end: 0 });
    }
    // Post: the words right after the unit, for "number before noun".
    let post_short = prefix_chars(post, 24);

    if APPEAL_UNITS.contains(&unit) {
        if let Some(h) = classify_appeal(pre, pre_at, post_short, post_at, idx, st) {
            return Some(h);
        }
    }
    if REQUEST_UNITS.contains(&unit) {
        if let Some(h) = classify_request(pre, pre_at, post_short, post_at, idx, st) {
            return Some(h);
        }
    }
    if DOC_UNITS.contains(&unit) && request_marks(pre).is_empty() {
        if let Some(h) = classify_docs(pre, pre_at, clause_before, clause_at) {
            return Some(h);
        }
    }
    None
}

fn prefix_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn appeal_key(m: AppealMark, o: Option<Outcome>, st: &State) -> String {
    let prefix = match m {
        AppealMark::Review => "review",
        AppealMark::Direct => "direct_suit",
        AppealMark::PostReview => "post_review_suit",
        AppealMark::Suit => match st.single_suit_kind() {
            SuitKind::Direct if o.is_some() => "direct_suit",
            SuitKind::PostReview if o.is_some() => "post_review_suit",
            _ => "suit",
        },
    };
    let suffix = o.map(Outcome::suffix).unwrap_or("total");
    format!("appeals.count.{prefix}_{suffix}")
}

/// (`pre` and `post` are the document bytes at `pre_at` and `post_at` of the sentence `idx`
/// indexes.)
fn classify_appeal(pre: &str, pre_at: usize, post: &str, post_at: usize, idx: &SentenceIndex, st: &mut State) -> Option<Hit> {
    let marks = appeal_marks_at(idx, pre_at, pre_at + pre.len());
    if !marks.is_empty() {
        let has = |k: AppealMark| marks.iter().any(|x| x.2 == k);
        // The specific kinds win over the words they contain (复议后起诉 is not 起诉 alone).
        let m = if has(AppealMark::Direct) && has(AppealMark::PostReview) {
            return None;
        } else if has(AppealMark::Direct) {
            AppealMark::Direct
        } else if has(AppealMark::PostReview) {
            AppealMark::PostReview
        } else if has(AppealMark::Review) && has(AppealMark::Suit) {
            // 行政复议、行政诉讼各1件 / 共3件, 复议…又起诉: no single cell.
            return None;
        } else if has(AppealMark::Review) {
            AppealMark::Review
        } else {
            AppealMark::Suit
        };
        if !result_words(pre).is_empty() {
            return None; // 因不予公开引发的行政复议: a request result is named, not an appeal cell
        }
        // Outcome words anywhere in the words (结果维持的行政复议 / 行政复议维持).
        let o = outcome(pre)?.filter(|x| close_to_end(pre, x.1));
        set_appeal_topic(st, m);
        if o.is_none() && m == AppealMark::Suit {
            st.direct_seen = false;
            st.post_seen = false;
        }
        let start = marks.first().map(|x| x.0).unwrap_or(0);
        let start = o.map(|x| x.0.min(start)).unwrap_or(start);
        let key = appeal_key(m, o.map(|x| x.2), st);
        return Some(Hit { key, start: pre_at + start, end: 0 });
    }
    if !result_words(pre).is_empty() || !applicant_free(pre) {
        return None;
    }
    if matches!(st.topic, Topic::Review | Topic::Suit) {
        if let Some(Some((i, last, o))) = outcome(pre) {
            if !close_to_end(pre, last) {
                return None;
            }
            let m = if st.topic == Topic::Review { AppealMark::Review } else { AppealMark::Suit };
            return Some(Hit { key: appeal_key(m, Some(o), st), start: pre_at + i, end: 0 });
        }
    }
    // Number before noun: 受理8件因政府信息公开申请提起的行政诉讼.
    let pmarks = appeal_marks_at(idx, post_at, post_at + post.len());
    if let Some(&(_, me, m)) = pmarks.first() {
        if pmarks.iter().all(|x| x.2 == m) && result_words(&post[..me]).is_empty() {
            let o = outcome(&post[..me])?;
            set_appeal_topic(st, m);
            let key = appeal_key(m, o.map(|x| x.2), st);
            let start = first_of(pre, &["受理", "收到", "发生", "办理", "共"]).map(|x| x.0).unwrap_or(pre.len());
            return Some(Hit { key, start: pre_at + start, end: post_at + me });
        }
    }
    if matches!(st.topic, Topic::Review | Topic::Suit) {
        let head = prefix_chars(post, 8);
        if let Some(Some((i, _, o))) = outcome(head) {
            let m = if st.topic == Topic::Review { AppealMark::Review } else { AppealMark::Suit };
            let word_end = post[i..].char_indices().nth(2).map(|(j, _)| i + j).unwrap_or(post.len());
            return Some(Hit { key: appeal_key(m, Some(o), st), start: pre_at + pre.len(), end: post_at + word_end });
        }
    }
    None
}

fn applicant_free(seg: &str) -> bool {
    !APPLICANT_WORDS.iter().any(|(w, _)| find(seg, w).is_some())
}

/// (`pre` and `post` as for [`classify_appeal`].)
fn classify_request(pre: &str, pre_at: usize, post: &str, post_at: usize, idx: &SentenceIndex, st: &mut State) -> Option<Hit> {
    if idx.any(W_APPEAL, pre_at, pre_at + pre.len()) {
        return None;
    }
    // 1. Results (予以公开 …), alone or combined.
    let rw = result_words(pre);
    if !rw.is_empty() {
        let mut groups: Vec<ResultGroup> = rw.iter().map(|x| x.2).collect();
        groups.dedup();
        groups.sort_by_key(|g| *g as u8);
        groups.dedup();
        st.topic = Topic::Requests;
        let start = rw.first().map(|x| x.0).unwrap_or(0);
        if groups.len() > 1 {
            if groups == [ResultGroup::Rejected, ResultGroup::Other] {
                return Some(Hit { key: KEY_REJECTED_OR_OTHER_TOTAL.into(), start: pre_at + start, end: 0 });
            }
            return None;
        }
        // The word closest to the number (a sub-row over its group).
        let (s, _, _, key) = *rw.iter().max_by_key(|x| x.1)?;
        return Some(Hit { key: key.into(), start: pre_at + s, end: 0 });
    }
    // 2. Applicants (自然人 / 法人或其他组织 …) break the last total of the sentence down.
    let applicants: Vec<(usize, &str)> =
        APPLICANT_WORDS.iter().filter_map(|(w, c)| find(pre, w).map(|i| (i, *c))).collect();
    if !applicants.is_empty() {
        let start = applicants.iter().map(|x| x.0).min().unwrap_or(0);
        // A combined 法人或其他组织 / 商业企业或其他组织 covers the single words it contains.
        let col = match applicants.iter().find(|x| x.1 == "organizations") {
            Some(x) => x.1,
            None => {
                let cols: Vec<&str> = applicants.iter().map(|x| x.1).collect();
                if cols.iter().any(|c| *c != cols[0]) {
                    return None; // 自然人和商业企业共5件
                }
                cols[0]
            }
        };
        let row = st.req_row?;
        return Some(Hit { key: format!("requests.{row}.{col}"), start: pre_at + start, end: 0 });
    }
    let req_here = !request_marks(pre).is_empty() || pre.contains("依申请");
    let requests = req_here || st.topic == Topic::Requests;
    let row_hit = |row: &'static str, i: usize, st: &mut State| {
        st.topic = Topic::Requests;
        st.req_row = Some(row);
        Some(Hit { key: format!("requests.{row}.total"), start: pre_at + i, end: 0 })
    };
    // 3. Carried forward / over.
    if let Some((i, _)) = FORWARD_STRONG.first_in(pre) {
        if requests || pre.contains("结转") {
            let i = pre.find("结转").map(|j| j.min(i)).unwrap_or(i);
            return row_hit("carried_forward", i, st);
        }
        return None;
    }
    if let Some((i, _)) = CARRIED_OVER.first_in(pre) {
        return row_hit("carried_over", i, st);
    }
    if let Some(i) = year_before_carry(pre) {
        if requests {
            return row_hit("carried_over", i, st);
        }
        return None;
    }
    // 4. Handled (办结 …), unless receiving is named too (收到并办结: ambiguous).
    let recv = RECEIVE_VERBS.first_in(pre);
    if let Some((i, _)) = HANDLED_VERBS.first_in(pre) {
        if recv.is_some() || !requests {
            return None;
        }
        return row_hit("results_total", i, st);
    }
    // 5. Received: a receiving verb with the request noun, before or right after the number.
    if let Some((i, _)) = recv {
        if st.req_row == Some("new_received") && CHANNEL_WORDS.any_in(pre) {
            return None; // a breakdown by channel (其中当面申请 / 网上收到)
        }
        if req_here {
            // The request noun must label the number (收到…申请95件, …申请数量为12件), not an
            // earlier clause of a long run (…回复申请的“三个一”…).
            let last = request_marks(pre).last().map(|m| m.1).unwrap_or(0).max(pre.rfind("依申请").map(|j| j + 9).unwrap_or(0));
            if pre[last.min(pre.len())..].chars().count() > 12 {
                return None;
            }
            return row_hit("new_received", i, st);
        }
        let head = prefix_chars(post, 12);
        if let Some(&(_, e)) = request_marks(head).first() {
            if !idx.any(W_APPEAL, post_at, post_at + post.len()) {
                let mut h = row_hit("new_received", i, st)?;
                h.end = post_at + e;
                return Some(h);
            }
        }
        return None;
    }
    // 6. Number before noun: 1件结转下年度继续办理, 69件办结.
    if pre.trim().is_empty() || pre.trim_start_matches(['其', '中', '共', '有', ' ']).is_empty() {
        let head = prefix_chars(post, 12);
        if FORWARD_STRONG.first_in(head).is_some() {
            let e = FORWARD_STRONG.words.iter().filter_map(|w| head.find(w).map(|i| i + w.len())).max().unwrap_or(0);
            if requests || head.contains("结转") {
                let mut h = row_hit("carried_forward", pre.len(), st)?;
                h.end = post_at + e;
                return Some(h);
            }
        }
    }
    // 7. A bare 结转 among the results (结转处理1件).
    if requests {
        if let Some(i) = pre.find("结转") {
            return row_hit("carried_forward", i, st);
        }
    }
    None
}

fn classify_docs(pre: &str, pre_at: usize, clause_before: &str, clause_at: usize) -> Option<Hit> {
    let (ni, row) = doc_noun(pre)?;
    let noun_abs = pre_at + ni;
    // The last verb in the clause before the number decides the column (at most 200 bytes
    // back, to keep the work bounded on run-on text).
    let mut from = clause_before.len().saturating_sub(200);
    while !clause_before.is_char_boundary(from) {
        from += 1;
    }
    let head = &clause_before[from..];
    let verbs: [(&[&str], &str); 3] = [(MAKE_VERBS, "issued"), (&["废止"], "repealed"), (&["现行有效"], "in_force")];
    let mut best: Option<(usize, &str)> = None;
    for (ws, col) in verbs {
        for w in ws {
            if let Some(i) = head.rfind(w) {
                if best.map_or(true, |b| i > b.0) {
                    best = Some((from + i, col));
                }
            }
        }
    }
    let (vi, col) = best?;
    let start = (clause_at + vi).min(noun_abs);
    Some(Hit { key: format!("proactive.{row}.{col}"), start, end: 0 })
}

// ---------------------------------------------------------------------------------------
// Stated zeros

#[inline(never)]
fn zero_statements(
    text: &str,
    s_start: usize,
    s_end: usize,
    sentence: &Sentence,
    idx: &SentenceIndex,
    st: &mut State,
    out: &mut Vec<(usize, Figure)>,
) {
    let s = &text[s_start..s_end];
    // Every statement below needs 处理费 or a negation starting with 未/没/无 (NEG_RECV,
    // NEG_APPEAL, [`NEEDED_WORDS`]): most sentences have none, as the index says.
    if !idx.any(W_FEE | W_NEG, s_start, s_end) {
        return;
    }
    // Where 未, 没, 无 are (in `s`): every negation below starts with one of them.
    let k = idx.words.partition_point(|w| w.0 < s_start);
    let neg: Vec<usize> =
        idx.words[k..].iter().take_while(|w| w.0 < s_end).filter(|w| w.2 == W_NEG).map(|w| w.0 - s_start).collect();
    let mut push = |start: usize, end: usize, key: &str, unit: &str| {
        // Once per key and sentence, like stated figures.
        if st.keys.iter().any(|k| k == key) {
            return;
        }
        st.keys.push(key.to_string());
        out.push((
            s_start + start,
            Figure {
                key: key.to_string(),
                value: Number::Int(0),
                raw: s[start..end].to_string(),
                unit: Some(unit.to_string()),
                sentence: sentence.quote(text, s_start + start, s_start + end),
                offset: 0,
                offset_in: TextRef::Normalized,
            },
        ));
    };
    // Clause boundaries once (when first asked), looked up by binary search.
    let mut breaks: Option<Vec<(usize, usize)>> = None;
    let mut clause_of = |i: usize| -> (usize, usize) {
        let breaks = breaks.get_or_insert_with(|| {
            let mut v = Vec::new();
            for_each_clause_break(s, 0, s.len(), |j, len| v.push((j, j + len)));
            v
        });
        let k = breaks.partition_point(|b| b.0 < i);
        let a = if k == 0 { 0 } else { breaks[k - 1].1 };
        let b = breaks.get(k).map(|b| b.0).unwrap_or(s.len());
        (a, b)
    };
    let no_digits = |w: &str| !w.chars().any(|c| c.is_ascii_digit());

    // 未收取 / 没有产生 / 无收取 … 信息处理费
    for i in find_all(s, "处理费") {
        let e = i + "处理费".len();
        let (ca, cb) = clause_of(i);
        let window_start = s[..i].char_indices().rev().nth(15).map(|(j, _)| j).unwrap_or(0).max(ca);
        let w = &s[window_start..i];
        // A negated verb (未收取, 未向申请人收取, 没有产生, 不存在收取) or 无 right before.
        let verb = ["收取", "产生", "发生", "收缴"].iter().filter_map(|v| w.rfind(v)).max();
        let upto = verb.unwrap_or(w.len());
        const NEG: &[&str] = &["未", "没有", "无", "不存在", "从未"];
        let neg = NEG.iter().filter_map(|n| w[..upto].rfind(n).map(|j| (j, *n))).max_by_key(|x| x.0);
        let Some((j, n)) = neg else { continue };
        let gap = w[j + n.len()..upto].chars().count();
        if gap > 6 || (verb.is_none() && n != "无") || w[j + n.len()..].contains(['，', ',', '；', '。']) {
            continue;
        }
        let after = prefix_chars(&s[e..cb], 40);
        if no_digits(&w[j..]) && no_digits(after) && !after.contains('元') {
            push(window_start + j, e, KEY_FEES_YUAN, "元");
        }
    }
    // 未收到 … 信息公开申请
    const NEG_RECV: &[&str] = &["未收到", "没有收到", "未接到", "没有接到", "未接收到", "未受理"];
    for n in NEG_RECV {
        // (find_all: these words cannot overlap themselves.)
        for &i in neg.iter().filter(|&&i| s[i..].starts_with(n)) {
            let (_, cb) = clause_of(i);
            let from = i + n.len();
            let w = prefix_chars(&s[from..cb], 30);
            let Some(&(_, me)) = request_marks(w).first() else { continue };
            let phrase = &w[..me];
            if !appeal_marks(w).is_empty()
                || !no_digits(phrase)
                || !(phrase.contains("公开申请") || phrase.contains("依申请") || phrase.contains("公开的申请"))
                || has_any(phrase, &["答复", "回复", "结果"])
            {
                continue;
            }
            push(i, from + me, "requests.new_received.total", "件");
        }
    }
    // 未发生 / 没有 / 无 … 行政复议、行政诉讼
    const NEG_APPEAL: &[&str] = &["未发生", "没有发生", "未出现", "未收到", "没有收到", "未有", "没有", "无"];
    let mut taken = 0usize;
    // Only where a negation starts (rather than trying every word at every character).
    for &i in &neg {
        if i < taken {
            continue;
        }
        let Some(n) = NEG_APPEAL.iter().find(|n| s[i..].starts_with(**n)) else { continue };
        let from = i + n.len();
        if *n == "无" || *n == "没有" {
            // 无 only as 无因…引起的 / 无行政复议: 无法, 无正当理由 … are not negations of a count.
            // (Asked of `s[from..]` rather than `rest`: the same, as these words hold no
            // clause break, and the clause is not needed to rule most out.)
            if !["因", "行政复议", "行政诉讼", "涉及", "政府信息公开", "信息公开"].iter().any(|p| s[from..].starts_with(p)) {
                continue;
            }
        }
        let (_, cb) = clause_of(i);
        let rest = prefix_chars(&s[from..cb], 60);
        let w = prefix_chars(rest, 40);
        let marks = appeal_marks(w);
        if marks.is_empty() || !no_digits(w) || has_any(rest, &["纠错", "纠正", "败诉", "撤销", "确认违法", "被诉", "申请人"]) {
            continue;
        }
        // Only the words right up to the appeal words (they must follow closely).
        let first = marks[0].0;
        if w[..first].chars().count() > 24 {
            continue;
        }
        let last_end = marks.iter().map(|m| m.1).max().unwrap_or(first);
        let review = marks.iter().any(|m| m.2 == AppealMark::Review);
        let suit = marks.iter().any(|m| m.2 == AppealMark::Suit);
        if marks.iter().any(|m| matches!(m.2, AppealMark::Direct | AppealMark::PostReview)) {
            continue;
        }
        let end = from + last_end;
        if review {
            push(i, end, "appeals.count.review_total", "件");
        }
        if suit {
            push(i, end, KEY_SUIT_TOTAL, "件");
        }
        taken = end;
    }
}

#[cfg(test)]
mod tests;

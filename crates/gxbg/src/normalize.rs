//! Text normalisation: Traditional → Simplified, widths and punctuation, label keys.
//!
//! Three layers, applied in this order by [`normalize_text`]:
//! 1. script detection ([`t2s::detect_script`]): text without Traditional-only characters
//!    passes the T→S step byte-identical;
//! 2. Traditional → Simplified with Taiwan-phrase reversal, Taiwan's 「」『』 → “”‘’ in
//!    converted text (the Simplified originals use “”‘’; text that is already Simplified
//!    keeps whatever marks it has) — see [`t2s`];
//! 3. width folding: full-width digits/letters/parentheses/space → ASCII, ideographic space
//!    → space (see [`fold_width`]).
//!
//! Entry points: [`normalize_text`] decides the script from the text itself;
//! [`normalize_as`] takes a script decided once for a whole document (a Traditional
//! document's short cells, like 程式, hold no Traditional-only character of their own);
//! [`normalize_cell`] is the cheap one for a lone short string.
//!
//! [`label_key`] is a further, lossy folding used only to *match* labels (it also drops the
//! spaces crawlers put inside labels, 商业 企业).

use crate::report::Conversion;
use std::borrow::Cow;

pub mod t2s;

/// The script a text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Simplified,
    Traditional,
    Mixed,
    /// No Han characters that tell the scripts apart.
    None,
}

impl Script {
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Simplified => "simplified",
            Script::Traditional => "traditional",
            Script::Mixed => "mixed",
            Script::None => "none",
        }
    }
}

/// Fold full-width ASCII variants (digits, letters, punctuation, parentheses) to ASCII and
/// ideographic/no-break spaces to a plain space. Chinese punctuation that has no ASCII
/// twin in report text (、，。：；“”) is kept.
pub fn fold_width(s: &str) -> Cow<'_, str> {
    fold_width_counted(s).0
}

pub(crate) fn needs_fold(c: char) -> bool {
    matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200B}' | '\u{FEFF}')
}

pub(crate) fn fold_char(c: char) -> char {
    match c {
        // Keep the full-width comma, colon, semicolon, question/exclamation marks: they are
        // ordinary Chinese punctuation; fold digits, letters, parentheses and the rest.
        '，' | '：' | '；' | '！' | '？' => c,
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' => ' ',
        '\u{200B}' | '\u{FEFF}' => ' ',
        _ => c,
    }
}

/// The key a label is matched by: widths folded, Traditional converted, whitespace and
/// punctuation (including numbering parentheses and dots) removed. `"（二）部分公开 (区分…)"`
/// and `"(二)部分 公开"` give the same key prefix.
pub fn label_key(s: &str) -> String {
    let folded = normalize_cell(s);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_whitespace() || is_label_punct(c) {
            continue;
        }
        out.push(c);
    }
    out
}

pub(crate) fn is_label_punct(c: char) -> bool {
    matches!(
        c,
        '(' | ')' | '[' | ']' | '.' | ',' | ':' | ';' | '、' | '，' | '：' | '；' | '。' | '．' | '“' | '”' | '"' | '\''
            | '‘' | '’' | '「' | '」' | '『' | '』' | '【' | '】' | '〔' | '〕' | '《' | '》' | '<' | '>' | '|' | '*'
            | '_' | '-' | '—' | '–' | '·' | '・'
    )
}

/// Normalise a whole text: Traditional → Simplified where it is Traditional (decided by
/// [`t2s::detect_script`] on this text), then width folding. Returns the text and what was
/// done. Text without any Traditional-only character comes back from the T→S step
/// byte-identical.
pub fn normalize_text(s: &str) -> (String, Conversion) {
    let script = t2s::detect_script(s);
    let (out, conv) = normalize_as(s, script);
    (out.into_owned(), conv)
}

/// Normalise `s` as part of a document whose script was detected once for the whole
/// document (see [`t2s::convert_as`]: in a Traditional document even a cell like 程式, which
/// has no Traditional-only character, is converted). Returns the text and what was done.
pub fn normalize_as(s: &str, script: Script) -> (Cow<'_, str>, Conversion) {
    normalize_detected(s, script, usize::MAX)
}

/// [`normalize_as`] for a text whose Traditional-only characters were counted when its
/// script was detected ([`t2s::detect_script_counted`]): with none, no character can
/// convert in a `Simplified` or `None` text, and the T→S step (and its scan) is skipped.
pub(crate) fn normalize_detected(s: &str, script: Script, traditional_chars: usize) -> (Cow<'_, str>, Conversion) {
    let skip = traditional_chars == 0 && matches!(script, Script::Simplified | Script::None);
    let converted = if skip { Cow::Borrowed(s) } else { t2s::convert_as(s, script) };
    let was_converted = matches!(converted, Cow::Owned(_)) && converted.as_ref() != s;
    let (folded, changed): (Cow<'_, str>, usize) = match converted {
        // Width folding alone maps character to character (never to or from a line
        // break): the characters it changed are the characters that differ.
        Cow::Borrowed(b) => fold_width_counted(b),
        Cow::Owned(o) => {
            let folded = fold_width(&o).into_owned();
            let changed = if folded == s { 0 } else { count_changed(s, &folded) };
            (Cow::Owned(folded), changed)
        }
    };
    let conv = Conversion { script: script.as_str().to_string(), converted: was_converted, changed_chars: changed };
    (folded, conv)
}

/// [`fold_width`] and how many characters it changed, in one pass; borrowed when it
/// changes none (so `Owned` means changed).
///
/// Every character [`needs_fold`] names is encoded with lead byte C2 (U+00A0), E2
/// (U+2002–U+200B), E3 (U+3000) or EF (U+FF01–U+FF5E, U+FEFF): the text between such bytes
/// is copied as it is, found with memchr (SIMD), instead of character by character. A text
/// with a C2 byte anywhere takes the character loop.
pub(crate) fn fold_width_counted(s: &str) -> (Cow<'_, str>, usize) {
    let b = s.as_bytes();
    if memchr::memchr(0xC2, b).is_some() {
        return fold_width_chars(s);
    }
    let mut out: Option<String> = None;
    let (mut copied, mut changed) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = b.get(i..).and_then(|r| memchr::memchr3(0xE2, 0xE3, 0xEF, r)) {
        let at = i + off;
        // (A lead byte: `at` is a character boundary.)
        let Some(c) = s.get(at..).and_then(|r| r.chars().next()) else { break };
        i = at + c.len_utf8();
        let f = fold_char(c);
        if f != c {
            let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
            o.push_str(&s[copied..at]);
            o.push(f);
            copied = i;
            changed += 1;
        }
    }
    match out {
        None => (Cow::Borrowed(s), 0),
        Some(mut o) => {
            o.push_str(&s[copied..]);
            (Cow::Owned(o), changed)
        }
    }
}

/// [`fold_width_counted`] character by character.
fn fold_width_chars(s: &str) -> (Cow<'_, str>, usize) {
    let Some((at, _)) = s.char_indices().find(|&(_, c)| needs_fold(c) && fold_char(c) != c) else {
        return (Cow::Borrowed(s), 0);
    };
    let (head, tail) = s.split_at(at);
    let mut out = String::with_capacity(s.len());
    out.push_str(head);
    let mut changed = 0;
    for c in tail.chars() {
        let f = fold_char(c);
        changed += (f != c) as usize;
        out.push(f);
    }
    (Cow::Owned(out), changed)
}

/// Normalise a short string on its own (a table cell, a label): converted when it holds a
/// Traditional-only character, widths folded; borrowed when nothing changes.
pub fn normalize_cell(s: &str) -> Cow<'_, str> {
    let converted = if t2s::has_traditional(s) { t2s::to_simplified(s) } else { Cow::Borrowed(s) };
    match converted {
        Cow::Borrowed(b) => fold_width(b),
        Cow::Owned(o) => Cow::Owned(fold_width(&o).into_owned()),
    }
}

/// Characters that differ, line by line: position by position where a line kept its
/// length, otherwise the longer of the two differing middles (common prefix and suffix
/// removed). Linear in the input.
fn count_changed(a: &str, b: &str) -> usize {
    let (la, lb) = (a.split('\n'), b.split('\n'));
    if a.matches('\n').count() != b.matches('\n').count() {
        return count_changed_line(a, b);
    }
    la.zip(lb).map(|(x, y)| if x == y { 0 } else { count_changed_line(x, y) }).sum()
}

fn count_changed_line(a: &str, b: &str) -> usize {
    let (na, nb) = (a.chars().count(), b.chars().count());
    if na == nb {
        return a.chars().zip(b.chars()).filter(|(x, y)| x != y).count();
    }
    let pre = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let room = na.min(nb) - pre;
    let suf = a.chars().rev().zip(b.chars().rev()).take(room).take_while(|(x, y)| x == y).count();
    (na - pre - suf).max(nb - pre - suf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(fold_width("（一）予以公开　１２３"), "(一)予以公开 123");
        assert_eq!(fold_width("总计，合计"), "总计，合计");
        assert!(matches!(fold_width("plain 中文"), Cow::Borrowed(_)));
    }

    proptest::proptest! {
        /// One pass gives what `fold_width` then `count_changed` give.
        #[test]
        fn fold_counted_is_fold_then_count(t in "[a-z1１２Ａ（）()　\u{A0}\u{2003}\u{200B}\u{FEFF}\n ，：总计合·—“、。～｟\u{2000}\u{200C}\u{3001}\u{FF00}\u{FF5F}\u{FEFE}]{0,24}") {
            let (f, n) = fold_width_counted(&t);
            // The definition: every character folded.
            let want: String = t.chars().map(fold_char).collect();
            proptest::prop_assert_eq!(&f, &want);
            proptest::prop_assert_eq!(&fold_width(&t), &want);
            proptest::prop_assert_eq!(&fold_width_chars(&t).0, &want);
            proptest::prop_assert_eq!(n, if f == t { 0 } else { count_changed(&t, &f) });
            proptest::prop_assert_eq!(matches!(f, Cow::Borrowed(_)), f == t);
        }
    }

    #[test]
    fn changed_counts() {
        assert_eq!(count_changed("规范性檔案", "规范性文件"), 2);
        assert_eq!(count_changed("最佳化营商", "优化营商"), 2);
        assert_eq!(count_changed("a\nb", "a\nc"), 1);
        assert_eq!(count_changed("", "ab"), 2);
    }

    #[test]
    fn label_keys() {
        assert_eq!(label_key("（二）部分公开（区分处理的）"), label_key("(二)部分 公开(区分处理的)"));
        assert_eq!(label_key("商业 企业"), "商业企业");
        assert_eq!(label_key("3.危及“三安全一稳定”"), "3危及三安全一稳定");
    }
}

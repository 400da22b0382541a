//! Text normalisation: Traditional → Simplified, widths and punctuation, label keys.
//!
//! Three layers, applied in this order by [`normalize_text`]:
//! 1. script detection: text that is already Simplified is returned byte-identical;
//! 2. Traditional → Simplified with Taiwan-phrase reversal (see [`t2s`]);
//! 3. width folding: full-width digits/letters/parentheses/space → ASCII, ideographic space
//!    → space (see [`fold_width`]).
//!
//! [`label_key`] is a further, lossy folding used only to *match* labels.

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
    if !s.chars().any(needs_fold) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(fold_char).collect())
}

fn needs_fold(c: char) -> bool {
    matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200B}' | '\u{FEFF}')
}

fn fold_char(c: char) -> char {
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
    let folded = fold_width(s);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_whitespace() || is_label_punct(c) {
            continue;
        }
        out.push(c);
    }
    out
}

fn is_label_punct(c: char) -> bool {
    matches!(
        c,
        '(' | ')' | '[' | ']' | '.' | ',' | ':' | ';' | '、' | '，' | '：' | '；' | '。' | '．' | '“' | '”' | '"' | '\''
            | '‘' | '’' | '「' | '」' | '『' | '』' | '【' | '】' | '〔' | '〕' | '《' | '》' | '<' | '>' | '|' | '*'
            | '_' | '-' | '—' | '–' | '·' | '・'
    )
}

/// Normalise a whole text: Traditional → Simplified where it is Traditional, then width
/// folding. Returns the text and what was done.
pub fn normalize_text(s: &str) -> (String, Conversion) {
    let script = t2s::detect_script(s);
    let converted: Cow<'_, str> = match script {
        Script::Traditional | Script::Mixed => t2s::to_simplified(s),
        _ => Cow::Borrowed(s),
    };
    let folded = fold_width(&converted).into_owned();
    let changed = if folded.len() == s.len() && folded == s {
        0
    } else {
        count_changed(s, &folded)
    };
    let conv = Conversion {
        script: script.as_str().to_string(),
        converted: !matches!(converted, Cow::Borrowed(_)) && converted.as_ref() != s,
        changed_chars: changed,
    };
    (folded, conv)
}

/// Characters that differ, position by position (an approximation where lengths differ).
fn count_changed(a: &str, b: &str) -> usize {
    let mut n = 0;
    let (mut ia, mut ib) = (a.chars(), b.chars());
    loop {
        match (ia.next(), ib.next()) {
            (None, None) => return n,
            (Some(x), Some(y)) => n += (x != y) as usize,
            _ => n += 1,
        }
    }
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

    #[test]
    fn label_keys() {
        assert_eq!(label_key("（二）部分公开（区分处理的）"), label_key("(二)部分 公开(区分处理的)"));
        assert_eq!(label_key("商业 企业"), "商业企业");
        assert_eq!(label_key("3.危及“三安全一稳定”"), "3危及三安全一稳定");
    }
}

//! Cell text → cell value: a number (with its unit), blank, dash, or text.
//!
//! Blank, 0, dash and missing are four different things and stay so: `&nbsp;` is
//! [`CellState::Blank`], `0` is a value, `—`/`-`/`/`/`无` are [`CellState::Dash`], and
//! a cell the source does not have is [`CellState::Missing`] (never produced here).

use crate::report::{Cell, CellState, Number};

/// Units publishers append to numbers; stripped and recorded on the cell.
const UNITS: &[&str] = &["万元", "元", "件", "个", "条", "项", "次", "人", "家", "份", "宗", "起", "部", "篇"];

/// Texts that stand for "nothing" in a value cell.
const DASHES: &[&str] = &["—", "——", "-", "--", "－", "–", "/", "／", "\\", "无", "一", "×", "空", "…", "/ /"];

/// Whether a cell text is a value-ish cell (number, blank or dash) rather than a label.
pub fn is_value_text(s: &str) -> bool {
    matches!(state_of(s).0, CellState::Value | CellState::Blank | CellState::Dash)
}

/// The trimmed text [`parse_cell`] classifies: whitespace (which includes U+00A0 and
/// U+3000) removed from both ends, as [`str::trim`] does; a text whose first and last
/// characters are plainly not whitespace (most cells) is returned without the Unicode
/// lookups.
pub(crate) fn trimmed(raw: &str) -> &str {
    /// Not whitespace, known without a table: ASCII other than `\t`–`\r` and space, or
    /// U+4000 and above (the last whitespace character is U+3000).
    fn plain(c: Option<char>) -> bool {
        match c {
            Some(c) if c.is_ascii() => !matches!(c, '\t'..='\r' | ' '),
            Some(c) => c >= '\u{4000}',
            None => false,
        }
    }
    if plain(raw.chars().next()) && plain(raw.chars().next_back()) {
        raw
    } else {
        raw.trim()
    }
}

/// Whether `t` (trimmed, non-empty) is one of [`DASHES`]. No dash starts with an ASCII
/// digit, so numbers skip the list.
fn is_dash(t: &str) -> bool {
    !t.as_bytes().first().is_some_and(u8::is_ascii_digit) && DASHES.contains(&t)
}

/// The state [`parse_cell`] gives `raw`, with the number and unit of a value; allocates
/// nothing.
fn state_of(raw: &str) -> (CellState, Option<(Number, Option<&'static str>)>) {
    state_of_trimmed(trimmed(raw))
}

/// [`state_of`] of a text already [`trimmed`].
fn state_of_trimmed(t: &str) -> (CellState, Option<(Number, Option<&'static str>)>) {
    if t.is_empty() {
        return (CellState::Blank, None);
    }
    if is_dash(t) {
        return (CellState::Dash, None);
    }
    match parse_number(t) {
        Some(n) => (CellState::Value, Some(n)),
        None => (CellState::Text, None),
    }
}

/// Parse a cell's text (already Simplified and width-folded). `amount` allows decimals
/// without flagging them (money columns); counts with decimals are still numbers.
pub fn parse_cell(raw: &str, amount: bool) -> Cell {
    let _ = amount;
    let t = trimmed(raw);
    let (state, num) = state_of_trimmed(t);
    let (value, unit) = match num {
        Some((n, u)) => (Some(n), u.map(str::to_string)),
        None => (None, None),
    };
    Cell { state, value, raw: Some(t.to_string()), unit, derived: false }
}

/// Whether [`parse_cell`] would give this text the state `value`, without building the cell.
pub fn is_number(raw: &str) -> bool {
    state_of(raw).0 == CellState::Value
}

/// Parse a number with optional sign, thousands separators, decimals and a trailing unit.
/// Returns `None` for anything else (labels, sentences, percentages, ranges).
pub fn parse_number(t: &str) -> Option<(Number, Option<&'static str>)> {
    let mut s = trimmed(t);
    // A number starts with a digit or a sign and a digit (a unit is stripped from the end
    // only, and all of `s` taken by one leaves no digit): anything else is no number.
    let lead = match s.as_bytes() {
        [b'-' | b'+', d, ..] => *d,
        [d, ..] => *d,
        [] => return None,
    };
    if !lead.is_ascii_digit() {
        return None;
    }
    let mut unit = None;
    // Every unit is non-ASCII: a text ending in an ASCII byte has none.
    if !s.as_bytes().last().is_some_and(u8::is_ascii) {
        for u in UNITS {
            if let Some(rest) = s.strip_suffix(u) {
                s = rest.trim_end();
                unit = Some(*u);
                break;
            }
        }
    }
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if body.is_empty() || body.len() > 24 {
        return None;
    }
    let b = body.as_bytes();
    if !b[0].is_ascii_digit() || !b[b.len() - 1].is_ascii_digit() {
        return None;
    }
    // The digits (and the dot) without separators, on the stack: `body` has at most 24 bytes.
    let mut digits = [0u8; 24];
    let mut nd = 0usize;
    let mut seen_dot = false;
    let mut group_len: Option<usize> = None; // digits since the last thousands separator
    let mut had_sep = false;
    // The integer so far: what `str::parse::<i64>` gives for the digits, `None` on overflow.
    let mut int: Option<i64> = Some(0);
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                digits[nd] = c;
                nd += 1;
                int = int.and_then(|v| v.checked_mul(10)?.checked_add((c - b'0') as i64));
                if let Some(g) = group_len.as_mut() {
                    *g += 1;
                }
            }
            b',' => {
                // Thousands separator: at most 3 digits before the first, exactly 3 between.
                if seen_dot || i == 0 {
                    return None;
                }
                match group_len {
                    Some(3) => {}
                    Some(_) => return None,
                    None if nd <= 3 => {}
                    None => return None,
                }
                group_len = Some(0);
                had_sep = true;
            }
            b'.' => {
                if seen_dot {
                    return None;
                }
                if had_sep && group_len != Some(3) {
                    return None;
                }
                group_len = None;
                seen_dot = true;
                digits[nd] = b'.';
                nd += 1;
            }
            _ => return None,
        }
    }
    if had_sep && !seen_dot && group_len != Some(3) {
        return None;
    }
    let digits = &digits[..nd];
    let n = if seen_dot {
        let v: f64 = std::str::from_utf8(digits).ok()?.parse().ok()?;
        Number::Dec(if neg { -v } else { v })
    } else {
        let v = int?;
        Number::Int(if neg { -v } else { v })
    };
    Some((n, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(s: &str) -> CellState {
        parse_cell(s, false).state
    }

    #[test]
    fn states() {
        assert_eq!(st(""), CellState::Blank);
        assert_eq!(st(" \u{a0} "), CellState::Blank);
        assert_eq!(st("0"), CellState::Value);
        assert_eq!(st("—"), CellState::Dash);
        assert_eq!(st("/"), CellState::Dash);
        assert_eq!(st("无"), CellState::Dash);
        assert_eq!(st("规章"), CellState::Text);
        assert_eq!(st("32.3%"), CellState::Text);
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("1,184,388"), Some((Number::Int(1184388), None)));
        assert_eq!(parse_number("251000元"), Some((Number::Int(251000), Some("元"))));
        assert_eq!(parse_number("3.5万元"), Some((Number::Dec(3.5), Some("万元"))));
        assert_eq!(parse_number("-3"), Some((Number::Int(-3), None)));
        assert_eq!(parse_number("12件"), Some((Number::Int(12), Some("件"))));
        assert_eq!(parse_number("1,18"), None);
        assert_eq!(parse_number("1.2.3"), None);
        assert_eq!(parse_number("2019-2020"), None);
        assert_eq!(parse_number("9223372036854775807"), Some((Number::Int(i64::MAX), None)));
        assert_eq!(parse_number("-9223372036854775807"), Some((Number::Int(-i64::MAX), None)));
        assert_eq!(parse_number("9223372036854775808"), None);
        assert_eq!(parse_number("000123"), Some((Number::Int(123), None)));
        assert_eq!(parse_number("1,234.5"), Some((Number::Dec(1234.5), None)));
        assert_eq!(parse_number("+7 件"), Some((Number::Int(7), Some("件"))));
        for t in ["", "+", "-", "元", "-元", "- 5", "--5", "5-", ".5", "5.", "件5", "１２"] {
            assert_eq!(parse_number(t), None, "{t}");
        }
    }

    /// [`trimmed`] is [`str::trim`], on every character at either end.
    #[test]
    fn trimmed_is_trim() {
        let mut buf = String::new();
        for u in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(u) else { continue };
            for t in [format!("{c}"), format!("{c}a{c}"), format!("中{c}"), format!("{c}中")] {
                buf.clear();
                buf.push_str(&t);
                assert_eq!(trimmed(&buf), buf.trim(), "U+{u:04X}");
            }
        }
    }

    /// The allocation-free classification agrees with the cell [`parse_cell`] builds.
    #[test]
    fn states_agree() {
        for t in ["", " ", "\u{3000}1\u{a0}", "—", " / ", "无", "12", "1,234", "3.5万元", "abc", "一", "12%", "-", "0", "\u{b}5\u{85}", "件 "] {
            let c = parse_cell(t, false);
            assert_eq!(is_value_text(t), matches!(c.state, CellState::Value | CellState::Blank | CellState::Dash), "{t:?}");
            assert_eq!(is_number(t), c.state == CellState::Value, "{t:?}");
            assert_eq!(c.raw.as_deref(), Some(t.trim()));
        }
    }
}

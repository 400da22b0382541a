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
    let c = parse_cell(s, true);
    matches!(c.state, CellState::Value | CellState::Blank | CellState::Dash)
}

/// Parse a cell's text (already Simplified and width-folded). `amount` allows decimals
/// without flagging them (money columns); counts with decimals are still numbers.
pub fn parse_cell(raw: &str, amount: bool) -> Cell {
    let _ = amount;
    let t = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}');
    let mut cell = Cell { state: CellState::Text, value: None, raw: Some(raw.trim().to_string()), unit: None, derived: false };
    if t.is_empty() {
        cell.state = CellState::Blank;
        return cell;
    }
    if DASHES.contains(&t) {
        cell.state = CellState::Dash;
        return cell;
    }
    if let Some((n, unit)) = parse_number(t) {
        cell.state = CellState::Value;
        cell.value = Some(n);
        cell.unit = unit.map(str::to_string);
    }
    cell
}

/// Whether [`parse_cell`] would give this text the state `value`, without building the cell.
pub fn is_number(raw: &str) -> bool {
    let t = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}');
    !t.is_empty() && !DASHES.contains(&t) && parse_number(t).is_some()
}

/// Parse a number with optional sign, thousands separators, decimals and a trailing unit.
/// Returns `None` for anything else (labels, sentences, percentages, ranges).
pub fn parse_number(t: &str) -> Option<(Number, Option<&'static str>)> {
    let mut s = t.trim();
    let mut unit = None;
    for u in UNITS {
        if let Some(rest) = s.strip_suffix(u) {
            s = rest.trim_end();
            unit = Some(*u);
            break;
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
    let mut digits = String::with_capacity(body.len());
    let mut seen_dot = false;
    let mut group_len: Option<usize> = None; // digits since the last thousands separator
    let mut had_sep = false;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                digits.push(c as char);
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
                    None if digits.len() <= 3 => {}
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
                digits.push('.');
            }
            _ => return None,
        }
    }
    if had_sep && !seen_dot && group_len != Some(3) {
        return None;
    }
    let n = if seen_dot {
        let v: f64 = digits.parse().ok()?;
        Number::Dec(if neg { -v } else { v })
    } else {
        let v: i64 = digits.parse().ok()?;
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
    }
}

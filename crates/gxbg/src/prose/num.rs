//! Numbers as reports write them: `1,234`, `3.8万`, `二十三`, `一百零五`, `两千`, with the
//! approximation markers (`余`, `多`, `近`, `约` …) noted rather than dropped.

/// A number found in the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parsed {
    /// The value with any `万`/`亿` multiplier applied.
    pub value: f64,
    /// Whether the digits are an integer (no decimal part written, or one that vanished
    /// under the multiplier: `3.8万` is the integer 38000).
    pub integer: bool,
    /// Byte offset just past the number, its multiplier and any `余`/`多` suffix.
    pub end: usize,
    /// `余`, `多`, `几` after the digits, or a prefix such as `近`/`约` (set by the caller).
    pub approx: bool,
    /// Written with Chinese numerals.
    pub chinese: bool,
}

/// The digits [`cn_digit`] knows (as a table, for the test that they agree).
#[cfg(test)]
const CN_DIGITS: &[(char, u64)] = &[
    ('零', 0),
    ('〇', 0),
    ('○', 0),
    ('一', 1),
    ('二', 2),
    ('两', 2),
    ('三', 3),
    ('四', 4),
    ('五', 5),
    ('六', 6),
    ('七', 7),
    ('八', 8),
    ('九', 9),
];

fn cn_digit(c: char) -> Option<u64> {
    // (Hot: every character of the prose is asked. `CN_DIGITS` as a match.)
    Some(match c {
        '零' | '〇' | '○' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn cn_unit(c: char) -> Option<u64> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

/// Whether `c` can be part of a Chinese numeral.
#[inline]
pub fn is_cn_numeral_char(c: char) -> bool {
    // None is below ○ (U+25CB): one comparison rules out ASCII and most punctuation; of
    // the ideographs, one bit of [`NUMERAL_MASK`] rules out all but a few.
    (c as u32) >= 0x25CB
        && (NUMERAL_MASK[(c as usize >> 6) % 16] >> (c as u32 % 64)) & 1 == 1
        && (cn_digit(c).is_some() || cn_unit(c).is_some() || c == '万' || c == '亿')
}

/// The characters of Chinese numerals ([`is_cn_numeral_char`]).
pub(crate) const NUMERAL_CHARS: [char; 18] = ['零', '〇', '○', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿'];

/// Bit `c % 1024` is set for every character `c` of a Chinese numeral.
const NUMERAL_MASK: [u64; 16] = {
    let chars = NUMERAL_CHARS;
    let mut mask = [0u64; 16];
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        mask[(c as usize >> 6) % 16] |= 1 << (c as u32 % 64);
        k += 1;
    }
    mask
};

/// Value of a Chinese numeral (`二十三` → 23, `一百零五` → 105, `两千` → 2000,
/// `一万二千` → 12000, `二〇二四` → 2024). `None` for strings that are not a well-formed
/// numeral (e.g. `二二十`).
pub fn parse_chinese(s: &str) -> Option<u64> {
    // (No copy of the characters: this runs for every numeral in the prose.)
    let n = s.chars().take(25).count();
    if n == 0 || n > 24 {
        return None;
    }
    // A bare digit string (二〇二四) is read digit by digit.
    if n > 1 && s.chars().all(|c| cn_digit(c).is_some()) {
        let mut v: u64 = 0;
        for c in s.chars() {
            v = v.checked_mul(10)?.checked_add(cn_digit(c)?)?;
        }
        return Some(v);
    }
    let mut total: u64 = 0; // completed 亿 sections
    let mut section: u64 = 0; // completed 万 groups inside the current 亿 section
    let mut group: u64 = 0; // the current group below 万
    let mut digit: Option<u64> = None;
    let mut last_unit = u64::MAX; // units must decrease inside a group
    for c in s.chars() {
        if let Some(d) = cn_digit(c) {
            if digit.is_some() && d != 0 {
                return None; // two digits in a row (二二十)
            }
            digit = if d == 0 { None } else { Some(d) };
        } else if let Some(u) = cn_unit(c) {
            if u >= last_unit {
                return None;
            }
            let d = digit.take().unwrap_or(if group == 0 && u == 10 { 1 } else { 0 });
            if d == 0 {
                return None; // 百 without a digit in the middle of a number
            }
            group += d * u;
            last_unit = u;
        } else if c == '万' {
            group += digit.take().unwrap_or(0);
            if group == 0 && section == 0 {
                return None;
            }
            section = section.checked_add(group)?.checked_mul(10_000)?;
            group = 0;
            last_unit = u64::MAX;
        } else if c == '亿' {
            group += digit.take().unwrap_or(0);
            let v = section.checked_add(group)?;
            if v == 0 && total == 0 {
                return None;
            }
            total = total.checked_add(v)?.checked_mul(100_000_000)?;
            section = 0;
            group = 0;
            last_unit = u64::MAX;
        } else {
            return None;
        }
    }
    if let Some(d) = digit {
        // 二百五 style abbreviation is not used in reports: a trailing digit adds itself.
        group += d;
    }
    total.checked_add(section)?.checked_add(group)
}

/// Parse the number starting at byte `at` of `s` (an ASCII digit or a Chinese numeral).
/// Thousands separators (`1,234,567`), decimals, the multipliers `万`/`亿` and the
/// suffixes `余`/`多`/`几` are taken in.
pub fn parse_at(s: &str, at: usize) -> Option<Parsed> {
    let rest = s.get(at..)?;
    let first = rest.chars().next()?;
    let (mut value, mut integer, mut end, chinese) = if first.is_ascii_digit() {
        let (v, int, len) = arabic(rest)?;
        (v, int, at + len, false)
    } else if is_cn_numeral_char(first) {
        let len: usize = rest.chars().take_while(|c| is_cn_numeral_char(*c)).map(char::len_utf8).sum();
        let v = parse_chinese(&rest[..len])?;
        (v as f64, true, at + len, true)
    } else {
        return None;
    };
    // Multiplier after Arabic digits (3.8万, 1.2亿).
    if !chinese {
        let tail = &s[end..];
        if let Some(c) = tail.chars().next() {
            let m = match c {
                '万' => Some(10_000.0),
                '亿' => Some(100_000_000.0),
                _ => None,
            };
            if let Some(m) = m {
                value *= m;
                integer = (value - value.round()).abs() < 1e-9;
                if integer {
                    value = value.round();
                }
                end += c.len_utf8();
            }
        }
    }
    let mut approx = false;
    if let Some(c) = s[end..].chars().next() {
        if matches!(c, '余' | '多' | '几') {
            approx = true;
            end += c.len_utf8();
        }
    }
    Some(Parsed { value, integer, end, approx, chinese })
}

/// Arabic digits with optional thousands separators and decimals: (value, integer, byte length).
fn arabic(s: &str) -> Option<(f64, bool, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == 0 {
        return None;
    }
    // The number as written without separators, on the stack: more than 18 characters
    // (digits and the point) is no number.
    let mut digits = Digits { buf: [0; 18], len: 0 };
    digits.push(&b[..i])?;
    // Thousands groups: only after a first group of 1–3 digits, each exactly 3 digits.
    if i <= 3 {
        let mut j = i;
        while j + 4 <= b.len()
            && b[j] == b','
            && b[j + 1..j + 4].iter().all(u8::is_ascii_digit)
            && !(j + 4 < b.len() && b[j + 4].is_ascii_digit())
        {
            digits.push(&b[j + 1..j + 4])?;
            j += 4;
        }
        i = j;
    }
    let mut integer = true;
    if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
        let mut j = i + 1;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        digits.push(&b[i..j])?;
        i = j;
        integer = false;
    }
    let written = &digits.buf[..digits.len];
    let v: f64 = if integer {
        // At most 18 digits fit a u64; `as` rounds to nearest like parsing the digits does.
        written.iter().fold(0u64, |v, d| v * 10 + u64::from(d - b'0')) as f64
    } else {
        std::str::from_utf8(written).ok()?.parse().ok()?
    };
    Some((v, integer, i))
}

/// The characters of a number being read, at most 18.
struct Digits {
    buf: [u8; 18],
    len: usize,
}

impl Digits {
    /// Append `bytes`; `None` when the number gets longer than 18 characters.
    fn push(&mut self, bytes: &[u8]) -> Option<()> {
        let end = self.len + bytes.len();
        self.buf.get_mut(self.len..end)?.copy_from_slice(bytes);
        self.len = end;
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_match_agrees_with_table() {
        for c in ['零', '〇', '○', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '万', '亿', 'a', '0', '件', '○']
            .into_iter()
            .chain((0u32..0x11000).filter_map(char::from_u32))
        {
            let table = CN_DIGITS.iter().find(|(d, _)| *d == c).map(|(_, v)| *v);
            assert_eq!(cn_digit(c), table, "{c}");
            let slow = table.is_some() || cn_unit(c).is_some() || c == '万' || c == '亿';
            assert_eq!(is_cn_numeral_char(c), slow, "{c}");
            assert_eq!(NUMERAL_CHARS.contains(&c), slow, "{c}");
        }
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_chinese("二十三"), Some(23));
        assert_eq!(parse_chinese("十"), Some(10));
        assert_eq!(parse_chinese("十五"), Some(15));
        assert_eq!(parse_chinese("一百零五"), Some(105));
        assert_eq!(parse_chinese("两千"), Some(2000));
        assert_eq!(parse_chinese("一千二百三十四"), Some(1234));
        assert_eq!(parse_chinese("一万二千"), Some(12000));
        assert_eq!(parse_chinese("三亿五千万"), Some(350_000_000));
        assert_eq!(parse_chinese("二〇二四"), Some(2024));
        assert_eq!(parse_chinese("零"), Some(0));
        assert_eq!(parse_chinese("二二十"), None);
        assert_eq!(parse_chinese("十百"), None);
        assert_eq!(parse_chinese("万"), None);
    }

    #[test]
    fn arabic_numbers() {
        let p = parse_at("1,234件", 0).unwrap();
        assert_eq!((p.value, p.integer, &"1,234件"[p.end..]), (1234.0, true, "件"));
        let p = parse_at("1,184,388件", 0).unwrap();
        assert_eq!(p.value, 1_184_388.0);
        // A clause comma is not a thousands separator.
        let p = parse_at("95,其中", 0).unwrap();
        assert_eq!((p.value, &"95,其中"[p.end..]), (95.0, ",其中"));
        let p = parse_at("12,3456件", 0).unwrap();
        assert_eq!(p.value, 12.0);
        let p = parse_at("3.8万余条", 0).unwrap();
        assert_eq!((p.value, p.integer, p.approx, &"3.8万余条"[p.end..]), (38000.0, true, true, "条"));
        let p = parse_at("54.89%", 0).unwrap();
        assert_eq!((p.value, p.integer), (54.89, false));
        let p = parse_at("99.%", 0).unwrap();
        assert_eq!((p.value, &"99.%"[p.end..]), (99.0, ".%"));
        assert!(parse_at("99999999999999999999件", 0).is_none());
    }

    #[test]
    fn chinese_in_text() {
        let s = "申请二十三件";
        let at = s.find('二').unwrap();
        let p = parse_at(s, at).unwrap();
        assert_eq!((p.value, p.chinese, &s[p.end..]), (23.0, true, "件"));
    }
}

//! Bytes → text: BOM, then `<meta charset>` / `http-equiv`, then sniffing.
//!
//! Pages lie about their encoding (a `gb2312` meta on a UTF-8 page, or no meta at all),
//! so a declared encoding is only believed when the bytes decode under it without
//! errors; otherwise valid UTF-8 is UTF-8, then text with only a few broken sequences
//! (16 valid non-ASCII characters to one) is taken as UTF-8 or else as the declared
//! encoding, and only then does chardetng guess from the bytes. GB2312/GBK declarations decode as
//! GB18030 (a superset; encoding_rs maps `gb2312` to GBK, whose decoder is GB18030's).
//! Invalid sequences become U+FFFD, never a panic.

use crate::error::Error;
use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;

/// A decoded input.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// The encoding's WHATWG name, e.g. `UTF-8`, `GBK`, `gb18030`, `Big5`.
    pub encoding: &'static str,
    /// `bom`, `meta` (declared; `had_errors` when a few sequences were broken), `utf8`
    /// (UTF-8 without a declaration, valid or with a few broken sequences) or `sniffed`.
    pub source: &'static str,
    /// Whether decoding replaced malformed sequences with U+FFFD.
    pub had_errors: bool,
}

/// Magic numbers of files that are certainly not reports.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP (or DOCX/XLSX)"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 (DOC/XLS)"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x7fELF", "ELF executable"),
    (b"RIFF", "RIFF (WebP/WAV/AVI)"),
    (b"{\\rtf", "RTF"),
];

/// Recognise a binary format by its magic number (after a UTF-8 BOM and ASCII whitespace,
/// which servers and crawlers put in front of files: `\r\n%PDF-…`).
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let skip = bytes.iter().take(1024).take_while(|b| b.is_ascii_whitespace()).count();
    let bytes = bytes.get(skip..).unwrap_or_default();
    let head = &bytes[..bytes.len().min(16)];
    MAGIC.iter().find(|(m, _)| head.starts_with(m)).map(|(_, k)| *k)
}

/// Find `charset=` in the first 4 KiB (meta charset or http-equiv content-type).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut i = from + pos + 7;
        while i < lower.len() && (lower[i] == b' ' || lower[i] == b'\t') {
            i += 1;
        }
        if i < lower.len() && lower[i] == b'=' {
            i += 1;
            while i < lower.len() && matches!(lower[i], b' ' | b'\t' | b'"' | b'\'') {
                i += 1;
            }
            let start = i;
            while i < lower.len() && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b'.' | b':')) {
                i += 1;
            }
            if i > start {
                if let Some(e) = Encoding::for_label(&lower[start..i]) {
                    // A page cannot really be UTF-16 if we found ASCII "charset" in it.
                    if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                        return Some(UTF_8);
                    }
                    return Some(e);
                }
            }
        }
        from += pos + 7;
    }
    None
}

/// Decode bytes to text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, Error> {
    let d = decode_borrowed(bytes)?;
    Ok(Decoded { text: d.text.into_owned(), encoding: d.encoding, source: d.source, had_errors: d.had_errors })
}

/// [`Decoded`] whose text borrows the input when the input is that text already (a UTF-8
/// page without broken sequences): what [`crate::parse_bytes`] reads, so that a page is not
/// copied before parsing.
pub(crate) struct DecodedRef<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
    pub source: &'static str,
    pub had_errors: bool,
}

/// [`decode`], borrowing the text from `bytes` when it needs no conversion.
pub(crate) fn decode_borrowed(bytes: &[u8]) -> Result<DecodedRef<'_>, Error> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty);
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(Error::Binary(kind));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(text, enc, "bom", had_errors);
    }
    let declared = declared_charset(bytes).map(widen);
    if let Some(enc) = declared {
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            return finish(text, enc, "meta", false);
        }
        // The declaration lies (or the page is damaged): fall through to sniffing, but a
        // page that is valid UTF-8 is taken as UTF-8.
    }
    // encoding_rs validates with SIMD (simdutf8); std's from_utf8 is scalar.
    if let Some(s) = UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        return finish(s, UTF_8, "utf8", false);
    }
    if let Some(s) = mostly_decodes(UTF_8, bytes) {
        return finish(Cow::Owned(s), UTF_8, "utf8", true);
    }
    if let Some(enc) = declared {
        if let Some(s) = mostly_decodes(enc, bytes) {
            return finish(Cow::Owned(s), enc, "meta", true);
        }
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = widen(det.guess(None, chardetng::Utf8Detection::Allow));
    let (text, _, had_errors) = guess.decode(bytes);
    finish(text, guess, "sniffed", had_errors)
}

/// Text in `enc` with a few broken sequences (a damaged or truncated download, a fragment
/// pasted in another encoding): decoded with U+FFFD when the valid non-ASCII characters
/// outnumber the broken sequences 16 to 1. Sniffing would otherwise guess another encoding
/// for the whole page (chardetng rules UTF-8 out at the first invalid byte). Tried for UTF-8
/// first, then for the declared encoding: GBK, Big5 or Latin-1 bytes read as UTF-8 are
/// almost all broken sequences, so they do not pass for UTF-8.
fn mostly_decodes(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let (mut good, mut bad) = (0usize, 0usize);
    for c in text.chars() {
        if c == '\u{FFFD}' {
            bad += 1;
        } else if !c.is_ascii() {
            good += 1;
        }
    }
    (good >= 16 * bad.max(1)).then(|| text.into_owned())
}

/// GBK and gb2312 pages routinely contain GB18030-only characters: decode them as GB18030.
fn widen(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        enc
    }
}

fn finish<'a>(text: Cow<'a, str>, enc: &'static Encoding, source: &'static str, had_errors: bool) -> Result<DecodedRef<'a>, Error> {
    // Most pages pass the bound (line breaks and tabs, which it counts too, are far fewer
    // than a tenth of the characters); only a page that fails it is counted exactly.
    let (bound, sampled) = control_bound(&text, CONTROL_SAMPLE);
    if bound * 10 > sampled.max(1) {
        let (control, sampled) = control_count(&text, CONTROL_SAMPLE);
        let sampled = sampled.max(1);
        if control * 10 > sampled {
            return Err(Error::NotText(format!(
                "{} of the first {} characters are control bytes or undecodable as {}",
                control,
                sampled,
                enc.name()
            )));
        }
    }
    Ok(DecodedRef { text, encoding: enc.name(), source, had_errors })
}

/// How many characters [`finish`] looks at.
const CONTROL_SAMPLE: usize = 65536;

/// How many bytes of `b` satisfy `f`: sixteen byte-sized counters side by side, fifteen
/// rounds at a time (so no counter passes 255), which the compiler turns into vector
/// compares and adds — about a quarter of an instruction a byte for a simple test, where a
/// sum over each chunk left a scalar tail in every chunk and cost two to three times that.
#[inline(always)]
pub(crate) fn count_bytes(b: &[u8], f: impl Fn(u8) -> bool) -> usize {
    const LANES: usize = 16;
    const ROUNDS: usize = 15;
    let mut blocks = b.chunks_exact(LANES * ROUNDS);
    let mut n = 0usize;
    for block in &mut blocks {
        let mut acc = [0u8; LANES];
        for row in block.chunks_exact(LANES) {
            for (a, &x) in acc.iter_mut().zip(row) {
                *a += f(x) as u8;
            }
        }
        n += acc.iter().map(|&a| a as usize).sum::<usize>();
    }
    n + blocks.remainder().iter().filter(|&&x| f(x)).count()
}

/// Whether a byte starts a UTF-8 character (is not a continuation byte, 10xxxxxx).
#[inline(always)]
pub(crate) fn is_char_start(x: u8) -> bool {
    (x as i8) >= -0x40
}

/// The byte length of the first `limit` characters of `b` (all of it when it has fewer),
/// and how many characters that is.
fn head_of(b: &[u8], limit: usize) -> (usize, usize) {
    const BLOCK: usize = 240;
    let mut end = 0usize;
    let mut chars = 0usize;
    for chunk in b.chunks(BLOCK) {
        let n = count_bytes(chunk, is_char_start);
        if chars + n <= limit {
            chars += n;
            end += chunk.len();
            continue;
        }
        for (i, &x) in chunk.iter().enumerate() {
            if is_char_start(x) {
                if chars == limit {
                    end += i;
                    break;
                }
                chars += 1;
            }
        }
        break;
    }
    (end.min(b.len()), chars)
}

/// U+0080–U+009F (C2 80–C2 9F) and U+FFFD (EF BF BD) in `head`.
fn c1_and_replacements(head: &[u8]) -> usize {
    let mut n = 0;
    for i in memchr::memchr2_iter(0xc2, 0xef, head) {
        let hit = match head[i] {
            0xc2 => head.get(i + 1).is_some_and(|y| (0x80..=0x9f).contains(y)),
            _ => head.get(i + 1..i + 3) == Some(&[0xbf, 0xbd]),
        };
        n += hit as usize;
    }
    n
}

/// [`control_count`]'s count or more (it also counts `\n \r \t \x0c`), cheaper: a test
/// of one compare a byte. The characters looked at are the same.
fn control_bound(text: &str, limit: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let (end, chars) = head_of(b, limit);
    let head = &b[..end];
    (count_bytes(head, |x| (x < 0x20) | (x == 0x7f)) + c1_and_replacements(head), chars)
}

/// Among the first `limit` characters of `text`: how many are control characters (other
/// than `\n \r \t \x0c`) or U+FFFD, and how many characters were looked at. Works on the
/// bytes; [`finish`] asks only when [`control_bound`] fails.
fn control_count(text: &str, limit: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let (end, chars) = head_of(b, limit);
    let head = &b[..end];
    // C0 controls and DEL are single bytes.
    let c0 = count_bytes(head, |x| (x < 0x20 && !matches!(x, b'\n' | b'\r' | b'\t' | 0x0c)) || x == 0x7f);
    (c0 + c1_and_replacements(head), chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_pages_are_borrowed_others_converted() {
        // Valid UTF-8, declared or not, and behind a BOM: the text is the input's bytes.
        let utf8 = "<html><head><meta charset=utf-8></head><body>政府信息公开</body></html>";
        let bom = format!("\u{feff}{utf8}");
        for bytes in [utf8.as_bytes(), "政府信息公开工作年度报告".as_bytes(), bom.as_bytes()] {
            let d = decode_borrowed(bytes).unwrap();
            assert!(matches!(d.text, Cow::Borrowed(_)), "{:?}", d.source);
            assert_eq!(decode(bytes).unwrap().text, *d.text);
        }
        // GBK, and UTF-8 with a broken sequence: converted, and decode() says the same.
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=gbk>政府信息公开工作年度报告");
        let mut broken = "政府信息公开工作年度报告，".repeat(4).into_bytes();
        broken.push(0xff);
        for bytes in [&gbk[..], &broken[..]] {
            let d = decode_borrowed(bytes).unwrap();
            assert!(matches!(d.text, Cow::Owned(_)), "{:?}", d.source);
            let o = decode(bytes).unwrap();
            assert_eq!((o.text.as_str(), o.encoding, o.source, o.had_errors), (&*d.text, d.encoding, d.source, d.had_errors));
        }
    }

    #[test]
    fn gbk_with_meta() {
        let (bytes, _, _) = encoding_rs::GBK.encode("<html><head><meta charset=gb2312></head><body>政府信息公开</body></html>");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.source, "meta");
        assert_eq!(d.encoding, "gb18030");
        assert!(d.text.contains("政府信息公开"));
    }

    #[test]
    fn lying_meta_on_utf8() {
        let html = "<meta charset=gbk><p>收到和处理政府信息公开申请情况，全年新收申请数量</p>";
        let d = decode(html.as_bytes()).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("收到和处理"));
    }

    #[test]
    fn sniffed_gbk_and_big5() {
        let s = "本年新收政府信息公开申请数量，上年结转政府信息公开申请数量，予以公开，部分公开。";
        let (g, _, _) = encoding_rs::GBK.encode(s);
        let d = decode(&g).unwrap();
        assert_eq!(d.source, "sniffed");
        assert_eq!(d.text, s);
        let t = "本年新收政府資訊公開申請數量，上年結轉政府資訊公開申請數量，予以公開，部分公開。";
        let (b, _, _) = encoding_rs::BIG5.encode(t);
        let d = decode(&b).unwrap();
        assert_eq!(d.encoding, "Big5");
        assert_eq!(d.text, t);
    }

    #[test]
    fn control_count_matches_char_by_char() {
        let reference = |s: &str, limit: usize| {
            let control = s
                .chars()
                .take(limit)
                .filter(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c')) || *c == '\u{FFFD}')
                .count();
            (control, s.chars().take(limit).count())
        };
        let samples = ["", "abc", "a\u{0}b\u{7f}\u{85}\u{9f}\u{a0}c\u{FFFD}\u{FFFC}\n\r\t\x0c", "政府\u{1}信息\u{FFFD}公开，１２"];
        for s in samples {
            for limit in [0, 1, 2, 3, 5, 8, 65536] {
                assert_eq!(control_count(s, limit), reference(s, limit), "{s:?} {limit}");
            }
        }
        let long: String = "信\u{1}a\u{FFFD}".repeat(5000);
        for limit in [4095, 4096, 4097, 10_000, 65536] {
            assert_eq!(control_count(&long, limit), reference(&long, limit), "{limit}");
        }
    }

    proptest::proptest! {
        #[test]
        fn control_bound_is_a_bound(s in "[a\u{0}\u{1}\n\r\t\u{c}\u{1f} \u{7f}\u{80}\u{85}\u{9f}\u{a0}信，\u{FFFD}\u{FFFC}]{0,600}", limit in 0usize..700) {
            let (exact, chars) = control_count(&s, limit);
            let (bound, bound_chars) = control_bound(&s, limit);
            let ws = s.chars().take(limit).filter(|c| matches!(c, '\n' | '\r' | '\t' | '\x0c')).count();
            proptest::prop_assert_eq!(chars, bound_chars);
            proptest::prop_assert_eq!(bound, exact + ws);
        }

        #[test]
        fn count_bytes_counts(v in proptest::collection::vec(proptest::num::u8::ANY, 0..1000)) {
            proptest::prop_assert_eq!(count_bytes(&v, is_char_start), v.iter().filter(|&&x| (x & 0xC0) != 0x80).count());
            proptest::prop_assert_eq!(count_bytes(&v, |x| x < 0x20), v.iter().filter(|&&x| x < 0x20).count());
        }
    }

    #[test]
    fn bom_and_binaries() {
        let mut v = vec![0xEF, 0xBB, 0xBF];
        v.extend_from_slice("年度报告".as_bytes());
        assert_eq!(decode(&v).unwrap().source, "bom");
        assert!(matches!(decode(b"%PDF-1.7\n..."), Err(Error::Binary("PDF"))));
        assert!(matches!(decode(b"PK\x03\x04abc"), Err(Error::Binary(_))));
        assert!(matches!(decode(b"  \n"), Err(Error::Empty)));
        assert!(matches!(decode(&[0u8; 100]), Err(Error::NotText(_))));
    }
}

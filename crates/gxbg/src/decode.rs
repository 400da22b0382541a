//! Bytes → text: BOM, then `<meta charset>` / `http-equiv`, then sniffing.
//!
//! Pages lie about their encoding (a `gb2312` meta on a UTF-8 page, or no meta at all),
//! so a declared encoding is only believed when the bytes decode under it without
//! errors; otherwise chardetng guesses from the bytes. GB2312/GBK declarations decode as
//! GB18030 (a superset; encoding_rs maps `gb2312` to GBK, whose decoder is GB18030's).
//! Invalid sequences become U+FFFD, never a panic.

use crate::error::Error;
use encoding_rs::{Encoding, UTF_8};

/// A decoded input.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// The encoding's WHATWG name, e.g. `UTF-8`, `GBK`, `gb18030`, `Big5`.
    pub encoding: &'static str,
    /// `bom`, `meta`, `utf8` (valid UTF-8 without a declaration) or `sniffed`.
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

/// Recognise a binary format by its magic number.
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
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
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty);
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(Error::Binary(kind));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(text.into_owned(), enc, "bom", had_errors);
    }
    if let Some(enc) = declared_charset(bytes) {
        let enc = widen(enc);
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            return finish(text.into_owned(), enc, "meta", false);
        }
        // The declaration lies (or the page is damaged): fall through to sniffing, but a
        // page that is valid UTF-8 is taken as UTF-8.
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return finish(s.to_string(), UTF_8, "utf8", false);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = widen(det.guess(None, chardetng::Utf8Detection::Allow));
    let (text, _, had_errors) = guess.decode(bytes);
    finish(text.into_owned(), guess, "sniffed", had_errors)
}

/// GBK and gb2312 pages routinely contain GB18030-only characters: decode them as GB18030.
fn widen(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        enc
    }
}

fn finish(text: String, enc: &'static Encoding, source: &'static str, had_errors: bool) -> Result<Decoded, Error> {
    let control = text
        .chars()
        .take(65536)
        .filter(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c')) || *c == '\u{FFFD}')
        .count();
    let sampled = text.chars().take(65536).count().max(1);
    if control * 10 > sampled {
        return Err(Error::NotText(format!(
            "{} of the first {} characters are control bytes or undecodable as {}",
            control,
            sampled,
            enc.name()
        )));
    }
    Ok(Decoded { text, encoding: enc.name(), source, had_errors })
}

#[cfg(test)]
mod tests {
    use super::*;

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

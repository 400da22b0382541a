//! A byte-level HTML tokenizer for the fast path.
//!
//! It follows the tokenizer states of the HTML Living Standard where they decide *what is
//! markup*: tag open / end tag open, attribute names and quoted / unquoted values (a `>`
//! inside a quoted value does not end the tag), comments (`<!-->`, `--!>`), bogus comments
//! (`<!…>`, `<?…>`, `</ …>`), raw text (`script` with its escaped / double-escaped states,
//! `style`, `xmp`, `iframe`, `noembed`, `noframes`, `noscript` — scripting is on, as in
//! html5ever's default) and RCDATA (`title`, `textarea`), and `plaintext`. Text is
//! returned raw; [`decode_text`] resolves character references with html5ever's own table.
//!
//! All slicing happens at ASCII bytes (`<`, `>`, quotes, whitespace), so every `&str`
//! handed out is on a character boundary.

use memchr::{memchr, memchr2, memchr3, memmem};

/// The elements the tree builder tells apart; everything else is [`Tag::Other`] (inline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    // table model
    Table,
    Caption,
    Colgroup,
    Col,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Td,
    Th,
    // block ("special") elements that end a line
    Address,
    Article,
    Aside,
    Blockquote,
    Center,
    Details,
    Dialog,
    Dir,
    Div,
    Dl,
    Dd,
    Dt,
    Fieldset,
    Figcaption,
    Figure,
    Footer,
    Form,
    Header,
    Hgroup,
    H(u8),
    Hr,
    Li,
    Listing,
    Main,
    Menu,
    Nav,
    Ol,
    P,
    Pre,
    Search,
    Section,
    Summary,
    Ul,
    Plaintext,
    Xmp,
    Br,
    // scope markers
    Applet,
    Marquee,
    Object,
    Button,
    Html,
    Body,
    Head,
    Template,
    // raw text / RCDATA that renders nothing
    Script,
    Style,
    Textarea,
    Title,
    Iframe,
    Noembed,
    Noframes,
    Noscript,
    // select
    Select,
    Input,
    Keygen,
    // foreign content
    Svg,
    Math,
    Meta,
    Other,
}

/// The packed key of a lowercase tag name of 1 to 8 bytes (see [`Tag::from_name`]).
const fn name_key(s: &[u8]) -> u64 {
    let mut k = 0u64;
    let mut i = 0;
    while i < s.len() {
        k |= (s[i] as u64) << (8 * i);
        i += 1;
    }
    if s.len() < 8 {
        k |= (s.len() as u64) << 56;
    }
    k
}

/// ASCII uppercase letters of the 8 bytes of `k` to lowercase, every other byte unchanged.
#[inline]
fn ascii_lower8(k: u64) -> u64 {
    const HI: u64 = 0x8080_8080_8080_8080;
    let low7 = k & !HI;
    let ge_a = low7 + 0x3f3f_3f3f_3f3f_3f3f; // bit 7 set where the byte is >= b'A'
    let gt_z = low7 + 0x2525_2525_2525_2525; // bit 7 set where the byte is > b'Z'
    let upper = ge_a & !gt_z & !k & HI;
    k | (upper >> 2)
}

/// The names [`Tag::classify`] knows in 8 bytes or fewer: the [`Tag`]s and the void
/// elements that are [`Tag::Other`]s.
const NAMES: [(&[u8], Tag, bool); 83] = [
    (b"p", Tag::P, false),
    (b"tr", Tag::Tr, false),
    (b"td", Tag::Td, false),
    (b"th", Tag::Th, false),
    (b"dl", Tag::Dl, false),
    (b"dd", Tag::Dd, false),
    (b"dt", Tag::Dt, false),
    (b"h1", Tag::H(1), false),
    (b"h2", Tag::H(2), false),
    (b"h3", Tag::H(3), false),
    (b"h4", Tag::H(4), false),
    (b"h5", Tag::H(5), false),
    (b"h6", Tag::H(6), false),
    (b"hr", Tag::Hr, false),
    (b"li", Tag::Li, false),
    (b"ol", Tag::Ol, false),
    (b"ul", Tag::Ul, false),
    (b"br", Tag::Br, false),
    (b"col", Tag::Col, false),
    (b"dir", Tag::Dir, false),
    (b"div", Tag::Div, false),
    (b"nav", Tag::Nav, false),
    (b"pre", Tag::Pre, false),
    (b"xmp", Tag::Xmp, false),
    (b"svg", Tag::Svg, false),
    (b"form", Tag::Form, false),
    (b"main", Tag::Main, false),
    (b"menu", Tag::Menu, false),
    (b"html", Tag::Html, false),
    (b"body", Tag::Body, false),
    (b"head", Tag::Head, false),
    (b"math", Tag::Math, false),
    (b"meta", Tag::Meta, false),
    (b"table", Tag::Table, false),
    (b"thead", Tag::Thead, false),
    (b"tbody", Tag::Tbody, false),
    (b"tfoot", Tag::Tfoot, false),
    (b"aside", Tag::Aside, false),
    (b"style", Tag::Style, false),
    (b"title", Tag::Title, false),
    (b"input", Tag::Input, false),
    (b"center", Tag::Center, false),
    (b"dialog", Tag::Dialog, false),
    (b"figure", Tag::Figure, false),
    (b"footer", Tag::Footer, false),
    (b"header", Tag::Header, false),
    (b"hgroup", Tag::Hgroup, false),
    (b"search", Tag::Search, false),
    (b"applet", Tag::Applet, false),
    (b"object", Tag::Object, false),
    (b"button", Tag::Button, false),
    (b"script", Tag::Script, false),
    (b"iframe", Tag::Iframe, false),
    (b"select", Tag::Select, false),
    (b"keygen", Tag::Keygen, false),
    (b"caption", Tag::Caption, false),
    (b"address", Tag::Address, false),
    (b"article", Tag::Article, false),
    (b"details", Tag::Details, false),
    (b"listing", Tag::Listing, false),
    (b"section", Tag::Section, false),
    (b"summary", Tag::Summary, false),
    (b"marquee", Tag::Marquee, false),
    (b"noembed", Tag::Noembed, false),
    (b"colgroup", Tag::Colgroup, false),
    (b"fieldset", Tag::Fieldset, false),
    (b"template", Tag::Template, false),
    (b"textarea", Tag::Textarea, false),
    (b"noframes", Tag::Noframes, false),
    (b"noscript", Tag::Noscript, false),
    (b"area", Tag::Other, true),
    (b"base", Tag::Other, true),
    (b"basefont", Tag::Other, true),
    (b"bgsound", Tag::Other, true),
    (b"embed", Tag::Other, true),
    (b"img", Tag::Other, true),
    (b"image", Tag::Other, true),
    (b"link", Tag::Other, true),
    (b"param", Tag::Other, true),
    (b"source", Tag::Other, true),
    (b"track", Tag::Other, true),
    (b"wbr", Tag::Other, true),
    (b"frame", Tag::Other, true),
];

#[derive(Clone, Copy)]
struct NameSlot {
    key: u64,
    tag: Tag,
    void: bool,
}

/// A multiplier that sends the keys of [`NAMES`] to distinct slots (checked when the table
/// is built, at compile time).
const NAME_HASH_MUL: u64 = 0xfa2a_d409_0ade_7691;
const NAME_HASH_SHIFT: u32 = 55;

/// [`NAMES`] by hashed key (a perfect hash: one slot per name, key 0 = empty).
static NAME_SLOTS: [NameSlot; 512] = {
    let mut t = [NameSlot { key: 0, tag: Tag::Other, void: false }; 512];
    let mut i = 0;
    while i < NAMES.len() {
        let (name, tag, void) = NAMES[i];
        let k = name_key(name);
        let h = (k.wrapping_mul(NAME_HASH_MUL) >> NAME_HASH_SHIFT) as usize;
        assert!(t[h].key == 0, "tag name hash collision");
        t[h] = NameSlot { key: k, tag, void };
        i += 1;
    }
    t
};

impl Tag {
    /// Map a tag name (any case) to a [`Tag`].
    pub(crate) fn from_name(name: &[u8]) -> Tag {
        Tag::classify(name, name, 0).0
    }

    /// [`Tag::from_name`] of `name`, and whether it is a void element among the
    /// [`Tag::Other`]s. `name` lies in `src` at `at`: when 8 bytes can be read there,
    /// the name is packed with one load.
    #[inline]
    pub(crate) fn classify(name: &[u8], src: &[u8], at: usize) -> (Tag, bool) {
        let n = name.len();
        if n == 0 || n > 8 {
            return (Tag::from_long_name(name), false);
        }
        let raw = match src.get(at..at + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
            Some(w) if src.as_ptr().wrapping_add(at) == name.as_ptr() => u64::from_le_bytes(w) & (u64::MAX >> (64 - 8 * n as u32)),
            _ => {
                let mut k = 0u64;
                for (i, &c) in name.iter().enumerate() {
                    k |= (c as u64) << (8 * i);
                }
                k
            }
        };
        let mut k = ascii_lower8(raw);
        if n < 8 {
            k |= (n as u64) << 56;
        } else if k >> 56 < 8 {
            return (Tag::Other, false); // would collide with a shorter name's length byte
        }
        let slot = &NAME_SLOTS[(k.wrapping_mul(NAME_HASH_MUL) >> NAME_HASH_SHIFT) as usize % NAME_SLOTS.len()];
        if slot.key == k {
            (slot.tag, slot.void)
        } else {
            (Tag::Other, false)
        }
    }

    /// The names longer than 8 bytes.
    #[cold]
    #[inline(never)]
    fn from_long_name(name: &[u8]) -> Tag {
        if name.eq_ignore_ascii_case(b"plaintext") {
            Tag::Plaintext
        } else if name.eq_ignore_ascii_case(b"blockquote") {
            Tag::Blockquote
        } else if name.eq_ignore_ascii_case(b"figcaption") {
            Tag::Figcaption
        } else {
            Tag::Other
        }
    }

    /// Block-level elements: their start and end break a line (the DOM walk and the
    /// streaming builder use this same set).
    pub(crate) fn is_block(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Address
                | Article
                | Aside
                | Blockquote
                | Center
                | Details
                | Dialog
                | Dir
                | Div
                | Dl
                | Dd
                | Dt
                | Fieldset
                | Figcaption
                | Figure
                | Footer
                | Form
                | Header
                | Hgroup
                | H(_)
                | Hr
                | Li
                | Listing
                | Main
                | Menu
                | Nav
                | Ol
                | P
                | Pre
                | Search
                | Section
                | Summary
                | Ul
                | Plaintext
                | Xmp
        )
    }

    /// Elements whose content is skipped entirely (raw text or RCDATA not rendered, inert
    /// templates).
    pub(crate) fn is_invisible(self) -> bool {
        use Tag::*;
        matches!(self, Script | Style | Textarea | Title | Iframe | Noembed | Noframes | Noscript | Template | Head)
    }

    /// Raw-text / RCDATA elements: the tokenizer does not see tags inside them.
    pub(crate) fn raw_kind(self) -> Option<Raw> {
        use Tag::*;
        match self {
            Script => Some(Raw::Script),
            Style | Xmp | Iframe | Noembed | Noframes | Noscript => Some(Raw::Text),
            Textarea | Title => Some(Raw::RcData),
            Plaintext => Some(Raw::Plaintext),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Raw {
    Script,
    Text,
    RcData,
    Plaintext,
}

/// A token. Attributes are kept only as far as the table model needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// Text between markup, character references not yet decoded.
    Text(&'a str),
    /// The content of a raw-text / RCDATA / plaintext element (emitted right after its
    /// start tag; possibly empty).
    RawText(&'a str),
    /// `void`: an element without content (`img`, `wbr`, `link`, …) among the [`Tag::Other`]s.
    Start { tag: Tag, pos: usize, colspan: Option<&'a str>, rowspan: Option<&'a str>, void: bool },
    End { tag: Tag, pos: usize },
    /// A comment, doctype or bogus comment (ignored by the builders, but it ends a text run).
    Comment,
}

/// The tokenizer over `src[pos..end]`.
pub(crate) struct Lexer<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    end: usize,
    /// Raw text to hand out after the start tag just returned.
    pending_raw: Option<(Tag, Raw)>,
}

/// Byte classes for the tag scanner ([`CLASS`]).
const C_WS: u8 = 1;
const C_SLASH: u8 = 2;
const C_GT: u8 = 4;
const C_EQ: u8 = 8;

/// The class bits of every byte: HTML whitespace, `/`, `>`, `=`.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'\t' as usize] = C_WS;
    t[b'\n' as usize] = C_WS;
    t[0x0c] = C_WS;
    t[b'\r' as usize] = C_WS;
    t[b' ' as usize] = C_WS;
    t[b'/' as usize] = C_SLASH;
    t[b'>' as usize] = C_GT;
    t[b'=' as usize] = C_EQ;
    t
};

/// The end of a tag name starting at `from`: the first HTML whitespace, `/` or `>` (or
/// `b.len()`).
#[inline]
pub(crate) fn tag_name_end(b: &[u8], from: usize) -> usize {
    // A slice search (measured cheaper in `locate`'s scan than `skip_while`'s indexed loop,
    // which is the cheaper one inside the tokenizer's loops).
    match b.get(from..) {
        Some(rest) => from + rest.iter().position(|&c| CLASS[c as usize] & (C_WS | C_SLASH | C_GT) != 0).unwrap_or(rest.len()),
        None => from,
    }
}

/// The first position at or after `i` whose byte's class fails `keep` (or `b.len()`).
#[inline(always)]
fn skip_while(b: &[u8], mut i: usize, keep: impl Fn(u8) -> bool) -> usize {
    while let Some(&c) = b.get(i) {
        if !keep(CLASS[c as usize]) {
            break;
        }
        i += 1;
    }
    i
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The zero-byte test on 8 bytes at once: the high bit of the lowest zero byte of `x` is
/// set (bytes above it may be flagged too — a borrow only flags bytes above a zero one), so
/// `trailing_zeros() / 8` of a non-zero result is the first zero byte; 0 when there is none.
/// Searches XOR the needle into every byte first, so that bytes equal to it become zero.
#[inline]
fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// The first `q` in `hay`: the first 8 bytes are tested at once (short values and short
/// hops between tags end there), the rest with `memchr`, whose setup costs more than a
/// short search.
#[inline(always)]
pub(crate) fn find_byte(q: u8, hay: &[u8]) -> Option<usize> {
    match hay.get(..8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        Some(w) => {
            let z = zero_bytes(u64::from_le_bytes(w) ^ (ONES * q as u64));
            if z != 0 {
                Some((z.trailing_zeros() / 8) as usize)
            } else if q == b'<' {
                find_lt(&hay[8..]).map(|k| k + 8)
            } else {
                memchr(q, &hay[8..]).map(|k| k + 8)
            }
        }
        None => hay.iter().position(|&c| c == q),
    }
}

/// The first `<` in `hay`: `memchr`'s AVX2 searcher called directly where the CPU has
/// AVX2, skipping the crate's dispatch through a function pointer on every call (a fifth of
/// a short search's instructions; the scans make thousands of them a page: pingtan-2021
/// 5.43 -> 5.37 M instructions a parse, its time within 1 %); `memchr` elsewhere. (The same
/// for the quotes that end attribute values measured 5.43 M against 5.37 M.)
#[inline]
pub(crate) fn find_lt(hay: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    {
        use memchr::arch::x86_64::avx2::memchr::One;
        static LT: std::sync::OnceLock<Option<One>> = std::sync::OnceLock::new();
        if let Some(one) = LT.get_or_init(|| One::new(b'<')) {
            return one.find(hay);
        }
    }
    memchr(b'<', hay)
}

#[inline]
fn is_ws(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(src: &'a str, start: usize, end: usize) -> Self {
        let end = end.min(src.len());
        Lexer { src, b: src.as_bytes(), pos: start.min(end), end, pending_raw: None }
    }

    /// The next token, or `None` at the end.
    pub(crate) fn next_token(&mut self) -> Option<Token<'a>> {
        if let Some((tag, raw)) = self.pending_raw.take() {
            return Some(self.raw_text(tag, raw));
        }
        loop {
            let len = self.end;
            let start = self.pos;
            if start >= len {
                return None;
            }
            let b = &self.b[..len];
            if b[start] == b'<' {
                if let Some(t) = self.markup(start) {
                    return Some(t);
                }
                if self.pos != start {
                    continue; // an empty `</>` was skipped
                }
            }
            // Text up to the next '<' that opens markup.
            let mut i = if b[start] == b'<' { start + 1 } else { start };
            loop {
                match find_lt(&b[i.min(len)..]) {
                    None => {
                        self.pos = len;
                        return Some(Token::Text(&self.src[start..len]));
                    }
                    Some(k) => {
                        let lt = i + k;
                        if self.opens_markup(lt) {
                            self.pos = lt;
                            return Some(Token::Text(&self.src[start..lt]));
                        }
                        i = lt + 1;
                    }
                }
            }
        }
    }

    /// Whether the `<` at `lt` starts markup (a tag, an end tag, a comment or a bogus
    /// comment) rather than being text.
    fn opens_markup(&self, lt: usize) -> bool {
        let b = &self.b[..self.end];
        match b.get(lt + 1) {
            Some(c) if c.is_ascii_alphabetic() => true,
            Some(b'!') | Some(b'?') => true,
            Some(b'/') => b.get(lt + 2).is_some(),
            _ => false,
        }
    }

    /// Tokenize the markup at `lt` (which is `self.pos`). Returns `None` when the `<` is
    /// text (self.pos unchanged) or when an empty `</>` was skipped (self.pos moved).
    fn markup(&mut self, lt: usize) -> Option<Token<'a>> {
        let b = &self.b[..self.end];
        match b.get(lt + 1).copied() {
            Some(c) if c.is_ascii_alphabetic() => Some(self.tag(lt, false)),
            Some(b'/') => match b.get(lt + 2).copied() {
                Some(c) if c.is_ascii_alphabetic() => Some(self.tag(lt, true)),
                Some(b'>') => {
                    self.pos = lt + 3;
                    None
                }
                Some(_) => {
                    self.pos = bogus_end(b, lt + 2);
                    Some(Token::Comment)
                }
                None => None,
            },
            Some(b'!') => {
                if b[lt + 2..].starts_with(b"--") {
                    self.pos = comment_end(b, lt + 4);
                } else {
                    self.pos = bogus_end(b, lt + 2);
                }
                Some(Token::Comment)
            }
            Some(b'?') => {
                self.pos = bogus_end(b, lt + 1);
                Some(Token::Comment)
            }
            _ => None,
        }
    }

    /// A start or end tag at `lt`.
    fn tag(&mut self, lt: usize, end_tag: bool) -> Token<'a> {
        let b = &self.b[..self.end];
        let name_start = lt + if end_tag { 2 } else { 1 };
        let mut i = skip_while(b, name_start, |c| c & (C_WS | C_SLASH | C_GT) == 0);
        let (tag, void) = Tag::classify(&b[name_start..i], b, name_start);
        let want_spans = !end_tag && matches!(tag, Tag::Td | Tag::Th);
        let mut colspan = None;
        let mut rowspan = None;
        // Attributes.
        let mut seen_col = false;
        let mut seen_row = false;
        loop {
            i = skip_while(b, i, |c| c & (C_WS | C_SLASH) != 0);
            if i >= b.len() {
                // EOF inside a tag: the tag is dropped.
                self.pos = b.len();
                return Token::Comment;
            }
            if b[i] == b'>' {
                i += 1;
                break;
            }
            // Attribute name (the first character may be anything but ws / '/' / '>').
            let an = i;
            i = skip_while(b, i + 1, |c| c & (C_WS | C_SLASH | C_GT | C_EQ) == 0);
            let name = &b[an..i];
            i = skip_while(b, i, |c| c & C_WS != 0);
            let mut value: Option<&'a str> = None;
            if i < b.len() && b[i] == b'=' {
                i = skip_while(b, i + 1, |c| c & C_WS != 0);
                if i >= b.len() {
                    self.pos = b.len();
                    return Token::Comment;
                }
                match b[i] {
                    q @ (b'"' | b'\'') => {
                        let vs = i + 1;
                        match find_byte(q, &b[vs..]) {
                            Some(k) => {
                                if want_spans {
                                    value = Some(self.src.get(vs..vs + k).unwrap_or(""));
                                }
                                i = vs + k + 1;
                            }
                            None => {
                                self.pos = b.len();
                                return Token::Comment;
                            }
                        }
                    }
                    b'>' => {
                        value = Some("");
                    }
                    _ => {
                        let vs = i;
                        i = skip_while(b, i, |c| c & (C_WS | C_GT) == 0);
                        if want_spans {
                            value = Some(self.src.get(vs..i).unwrap_or(""));
                        }
                    }
                }
            }
            if want_spans {
                if name.eq_ignore_ascii_case(b"colspan") && !seen_col {
                    seen_col = true;
                    colspan = Some(value.unwrap_or(""));
                } else if name.eq_ignore_ascii_case(b"rowspan") && !seen_row {
                    seen_row = true;
                    rowspan = Some(value.unwrap_or(""));
                }
            }
        }
        self.pos = i;
        if end_tag {
            return Token::End { tag, pos: lt };
        }
        if let Some(raw) = tag.raw_kind() {
            self.pending_raw = Some((tag, raw));
        }
        Token::Start { tag, pos: lt, colspan, rowspan, void }
    }

    /// The content of a raw-text element whose start tag ended at `self.pos`.
    fn raw_text(&mut self, tag: Tag, raw: Raw) -> Token<'a> {
        let b = &self.b[..self.end];
        let start = self.pos;
        let end = match raw {
            Raw::Plaintext => b.len(),
            Raw::Script => script_end(b, start),
            Raw::Text | Raw::RcData => raw_end(b, start, tag_name_of(tag)),
        };
        self.pos = end;
        Token::RawText(&self.src[start..end])
    }
}

fn tag_name_of(tag: Tag) -> &'static [u8] {
    match tag {
        Tag::Style => b"style",
        Tag::Xmp => b"xmp",
        Tag::Iframe => b"iframe",
        Tag::Noembed => b"noembed",
        Tag::Noframes => b"noframes",
        Tag::Noscript => b"noscript",
        Tag::Textarea => b"textarea",
        Tag::Title => b"title",
        Tag::Script => b"script",
        _ => b"",
    }
}

/// End of a bogus comment starting at `from`: after the next `>`.
pub(crate) fn bogus_end(b: &[u8], from: usize) -> usize {
    match memchr(b'>', &b[from.min(b.len())..]) {
        Some(k) => from + k + 1,
        None => b.len(),
    }
}

/// End of a comment whose `<!--` ended at `from` (handles `<!-->`, `<!--->`, `--!>`).
pub(crate) fn comment_end(b: &[u8], from: usize) -> usize {
    if from >= b.len() {
        return b.len();
    }
    if b[from] == b'>' {
        return from + 1;
    }
    if b[from..].starts_with(b"->") {
        return from + 2;
    }
    let mut i = from;
    while let Some(k) = memmem::find(&b[i..], b"--") {
        let j = i + k + 2;
        // Skip extra dashes: "--->" ends too.
        let mut m = j;
        while m < b.len() && b[m] == b'-' {
            m += 1;
        }
        if m < b.len() && b[m] == b'>' {
            return m + 1;
        }
        if b[m..].starts_with(b"!>") {
            return m + 2;
        }
        i = m.max(i + k + 1);
        if i >= b.len() {
            break;
        }
    }
    b.len()
}

/// Whether `b[at..]` is `</name` followed by whitespace, `/` or `>` (an "appropriate end
/// tag" of a raw-text element).
fn is_end_tag(b: &[u8], at: usize, name: &[u8]) -> bool {
    let n = name.len();
    b.len() > at + 2 + n
        && b[at] == b'<'
        && b[at + 1] == b'/'
        && b[at + 2..at + 2 + n].eq_ignore_ascii_case(name)
        && matches!(b[at + 2 + n], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>')
}

/// Where the content of a raw-text / RCDATA element starting at `from` ends: at its
/// appropriate end tag, or at the end of input.
pub(crate) fn raw_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(k) = memchr(b'<', &b[i.min(b.len())..]) {
        let at = i + k;
        if is_end_tag(b, at, name) {
            return at;
        }
        i = at + 1;
    }
    b.len()
}

/// Where script content starting at `from` ends, following the script data, escaped and
/// double-escaped states (`<!-- … <script> … </script> … -->` inside a script does not end it).
pub(crate) fn script_end(b: &[u8], from: usize) -> usize {
    #[derive(PartialEq)]
    enum S {
        Data,
        Escaped,
        Double,
    }
    let mut s = S::Data;
    let mut i = from;
    while i < b.len() {
        let j = match memchr2(b'<', b'-', &b[i..]) {
            Some(k) => i + k,
            None => return b.len(),
        };
        if b[j] == b'-' {
            if s != S::Data && b[j..].starts_with(b"-->") {
                s = S::Data;
                i = j + 3;
            } else {
                i = j + 1;
            }
            continue;
        }
        match s {
            S::Data => {
                if b[j..].starts_with(b"<!--") {
                    s = S::Escaped;
                    let mut m = j + 4;
                    while m < b.len() && b[m] == b'-' {
                        m += 1;
                    }
                    if m < b.len() && b[m] == b'>' {
                        s = S::Data;
                        m += 1;
                    }
                    i = m;
                    continue;
                }
                if is_end_tag(b, j, b"script") {
                    return j;
                }
            }
            S::Escaped => {
                if is_end_tag(b, j, b"script") {
                    return j;
                }
                let n = 6;
                if b.len() > j + 1 + n
                    && b[j + 1..j + 1 + n].eq_ignore_ascii_case(b"script")
                    && matches!(b[j + 1 + n], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>')
                {
                    s = S::Double;
                    i = j + 1 + n;
                    continue;
                }
            }
            S::Double => {
                if is_end_tag(b, j, b"script") {
                    s = S::Escaped;
                    i = j + 8;
                    continue;
                }
            }
        }
        i = j + 1;
    }
    b.len()
}

/// Parse the attributes of a tag whose name ends at `i`, calling `f(name, value)` for each;
/// returns the position after the closing `>`, or `None` when the input ends first.
pub(crate) fn scan_attrs<'a>(src: &'a str, mut i: usize, end: usize, mut f: impl FnMut(&'a [u8], Option<&'a str>)) -> Option<usize> {
    let b = &src.as_bytes()[..end.min(src.len())];
    loop {
        while i < b.len() && (is_ws(b[i]) || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        if b[i] == b'>' {
            return Some(i + 1);
        }
        let an = i;
        i += 1;
        while i < b.len() && !is_ws(b[i]) && b[i] != b'/' && b[i] != b'>' && b[i] != b'=' {
            i += 1;
        }
        let name = &b[an..i];
        while i < b.len() && is_ws(b[i]) {
            i += 1;
        }
        let mut value = None;
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && is_ws(b[i]) {
                i += 1;
            }
            if i >= b.len() {
                return None;
            }
            match b[i] {
                q @ (b'"' | b'\'') => {
                    let vs = i + 1;
                    let k = memchr(q, &b[vs..])?;
                    value = Some(&src[vs..vs + k]);
                    i = vs + k + 1;
                }
                b'>' => value = Some(""),
                _ => {
                    let vs = i;
                    while i < b.len() && !is_ws(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                    value = Some(&src[vs..i]);
                }
            }
        }
        f(name, value);
    }
}

/// The first `>`, `"` or `'` in `hay`: the first 16 bytes tested 8 at a time (short tags
/// end there, and a header page's `<a href="` reaches its quote in the second 8), the rest
/// with `memchr3`.
#[inline]
fn find_gt_or_quote(hay: &[u8]) -> Option<usize> {
    // The 8 bytes at `at`, each needle's zero-byte test OR-ed: the lowest flagged byte of each
    // test is that needle's first occurrence, so the lowest of the three is the first of any.
    let probe = |at: usize| {
        let w = u64::from_le_bytes(<[u8; 8]>::try_from(hay.get(at..at + 8)?).ok()?);
        Some(zero_bytes(w ^ (ONES * b'>' as u64)) | zero_bytes(w ^ (ONES * b'"' as u64)) | zero_bytes(w ^ (ONES * b'\'' as u64)))
    };
    match probe(0) {
        None => hay.iter().position(|&c| matches!(c, b'>' | b'"' | b'\'')),
        Some(z) if z != 0 => Some((z.trailing_zeros() / 8) as usize),
        Some(_) => match probe(8) {
            Some(z) if z != 0 => Some(8 + (z.trailing_zeros() / 8) as usize),
            Some(_) => memchr3(b'>', b'"', b'\'', &hay[16..]).map(|k| k + 16),
            None => memchr3(b'>', b'"', b'\'', &hay[8..]).map(|k| k + 8),
        },
    }
}

/// Find the `>` that ends the tag starting at `lt`, quote-aware (used by the cheap scan;
/// a quote only opens a value right after `=`).
pub(crate) fn tag_end_fast(b: &[u8], lt: usize) -> usize {
    let mut i = lt + 1;
    while i < b.len() {
        let j = match find_gt_or_quote(&b[i..]) {
            Some(k) => i + k,
            None => return b.len(),
        };
        if b[j] == b'>' {
            return j + 1;
        }
        // A quote: a value only if the previous non-space byte is '='.
        let mut p = j;
        while p > lt && is_ws(b[p - 1]) {
            p -= 1;
        }
        if p > lt && b[p - 1] == b'=' {
            match find_byte(b[j], &b[j + 1..]) {
                Some(k) => i = j + 1 + k + 1,
                None => return b.len(),
            }
        } else {
            i = j + 1;
        }
    }
    b.len()
}

/// Decode character references in text content and append the result to `out`
/// (html5ever's named-reference table, longest match, legacy names without `;`; numeric
/// references with the C1 and invalid-code-point replacements). NUL characters are dropped,
/// as the tree builder does in body text.
pub(crate) fn decode_text(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let Some(k) = memchr2(b'&', 0, &b[i..]) else {
            out.push_str(&s[i..]);
            return;
        };
        let at = i + k;
        out.push_str(&s[i..at]);
        if b[at] == 0 {
            i = at + 1;
            continue;
        }
        let (used, c1, c2) = char_ref(&b[at + 1..], false);
        if used == 0 {
            out.push('&');
            i = at + 1;
        } else {
            out.push(c1);
            if let Some(c) = c2 {
                out.push(c);
            }
            i = at + 1 + used;
        }
    }
}

/// Decode an attribute value (character references in attribute mode).
pub(crate) fn decode_attr(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let Some(k) = memchr(b'&', &b[i..]) else {
            out.push_str(&s[i..]);
            break;
        };
        let at = i + k;
        out.push_str(&s[i..at]);
        let (used, c1, c2) = char_ref(&b[at + 1..], true);
        if used == 0 {
            out.push('&');
            i = at + 1;
        } else {
            out.push(c1);
            if let Some(c) = c2 {
                out.push(c);
            }
            i = at + 1 + used;
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A character reference after `&`: bytes consumed (0 = not a reference) and the
/// character(s).
fn char_ref(b: &[u8], in_attr: bool) -> (usize, char, Option<char>) {
    match b.first() {
        Some(b'#') => numeric_ref(b),
        Some(c) if c.is_ascii_alphanumeric() => named_ref(b, in_attr),
        _ => (0, '&', None),
    }
}

fn numeric_ref(b: &[u8]) -> (usize, char, Option<char>) {
    let (hex, mut i) = match b.get(1) {
        Some(b'x') | Some(b'X') => (true, 2),
        _ => (false, 1),
    };
    let ds = i;
    let mut v: u32 = 0;
    let mut overflow = false;
    while i < b.len() {
        let d = match (hex, b[i]) {
            (_, c @ b'0'..=b'9') => (c - b'0') as u32,
            (true, c @ b'a'..=b'f') => (c - b'a' + 10) as u32,
            (true, c @ b'A'..=b'F') => (c - b'A' + 10) as u32,
            _ => break,
        };
        v = match v.checked_mul(if hex { 16 } else { 10 }).and_then(|x| x.checked_add(d)) {
            Some(x) if x <= 0x10FFFF => x,
            _ => {
                overflow = true;
                0x110000
            }
        };
        i += 1;
    }
    if i == ds {
        return (0, '&', None); // "&#" / "&#x" without digits: not a reference
    }
    if b.get(i) == Some(&b';') {
        i += 1;
    }
    let c = if overflow || v == 0 || v > 0x10FFFF || (0xD800..=0xDFFF).contains(&v) {
        '\u{FFFD}'
    } else if (0x80..=0x9F).contains(&v) {
        html5ever::data::C1_REPLACEMENTS[(v - 0x80) as usize].unwrap_or_else(|| char::from_u32(v).unwrap_or('\u{FFFD}'))
    } else {
        char::from_u32(v).unwrap_or('\u{FFFD}')
    };
    (i, c, None)
}

fn named_ref(b: &[u8], in_attr: bool) -> (usize, char, Option<char>) {
    let map = &html5ever::data::NAMED_ENTITIES;
    let mut best: Option<(usize, u32, u32)> = None;
    let mut n = 0;
    // Longest entity name is 32 bytes ("CounterClockwiseContourIntegral;").
    while n < b.len() && n < 40 {
        n += 1;
        let Ok(key) = std::str::from_utf8(&b[..n]) else { break };
        match map.get(key) {
            Some(&(c1, c2)) => {
                if c1 != 0 {
                    best = Some((n, c1, c2));
                }
            }
            None => break,
        }
    }
    let Some((len, c1, c2)) = best else { return (0, '&', None) };
    if in_attr && b[len - 1] != b';' {
        if let Some(&next) = b.get(len) {
            if next == b'=' || next.is_ascii_alphanumeric() {
                return (0, '&', None);
            }
        }
    }
    let ch1 = char::from_u32(c1).unwrap_or('\u{FFFD}');
    let ch2 = if c2 != 0 { char::from_u32(c2) } else { None };
    (len, ch1, ch2)
}

/// The "rules for parsing non-negative integers" as Chromium applies them to spans:
/// leading HTML whitespace, an optional `+` (or `-` before zeros), then digits, trailing
/// garbage ignored. `None` on error; overflow saturates to `u32::MAX`.
pub(crate) fn parse_non_negative(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && is_ws(b[i]) {
        i += 1;
    }
    let mut negative = false;
    match b.get(i) {
        Some(b'+') => i += 1,
        Some(b'-') => {
            negative = true;
            i += 1;
        }
        _ => {}
    }
    let ds = i;
    let mut v: u64 = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        v = (v * 10 + (b[i] - b'0') as u64).min(u64::from(u32::MAX) + 1);
        i += 1;
    }
    if i == ds {
        return None;
    }
    if negative {
        return if v == 0 { Some(0) } else { None };
    }
    Some(v.min(u64::from(u32::MAX)) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Token<'_>> {
        let mut l = Lexer::new(s, 0, s.len());
        let mut v = Vec::new();
        while let Some(t) = l.next_token() {
            v.push(t);
        }
        v
    }

fn from_name_reference(name: &[u8]) -> Tag {
        let mut buf = [0u8; 12];
        if name.len() > buf.len() {
            return Tag::Other;
        }
        for (d, s) in buf.iter_mut().zip(name) {
            *d = s.to_ascii_lowercase();
        }
        let n = &buf[..name.len()];
        match name.len() {
            1 => match n {
                b"p" => Tag::P,
                _ => Tag::Other,
            },
            2 => match n {
                b"tr" => Tag::Tr,
                b"td" => Tag::Td,
                b"th" => Tag::Th,
                b"dl" => Tag::Dl,
                b"dd" => Tag::Dd,
                b"dt" => Tag::Dt,
                b"h1" => Tag::H(1),
                b"h2" => Tag::H(2),
                b"h3" => Tag::H(3),
                b"h4" => Tag::H(4),
                b"h5" => Tag::H(5),
                b"h6" => Tag::H(6),
                b"hr" => Tag::Hr,
                b"li" => Tag::Li,
                b"ol" => Tag::Ol,
                b"ul" => Tag::Ul,
                b"br" => Tag::Br,
                _ => Tag::Other,
            },
            3 => match n {
                b"col" => Tag::Col,
                b"dir" => Tag::Dir,
                b"div" => Tag::Div,
                b"nav" => Tag::Nav,
                b"pre" => Tag::Pre,
                b"xmp" => Tag::Xmp,
                b"svg" => Tag::Svg,
                _ => Tag::Other,
            },
            4 => match n {
                b"form" => Tag::Form,
                b"main" => Tag::Main,
                b"menu" => Tag::Menu,
                b"html" => Tag::Html,
                b"body" => Tag::Body,
                b"head" => Tag::Head,
                b"math" => Tag::Math,
                b"meta" => Tag::Meta,
                _ => Tag::Other,
            },
            5 => match n {
                b"table" => Tag::Table,
                b"thead" => Tag::Thead,
                b"tbody" => Tag::Tbody,
                b"tfoot" => Tag::Tfoot,
                b"aside" => Tag::Aside,
                b"style" => Tag::Style,
                b"title" => Tag::Title,
                b"input" => Tag::Input,
                _ => Tag::Other,
            },
            6 => match n {
                b"center" => Tag::Center,
                b"dialog" => Tag::Dialog,
                b"figure" => Tag::Figure,
                b"footer" => Tag::Footer,
                b"header" => Tag::Header,
                b"hgroup" => Tag::Hgroup,
                b"search" => Tag::Search,
                b"applet" => Tag::Applet,
                b"object" => Tag::Object,
                b"button" => Tag::Button,
                b"script" => Tag::Script,
                b"iframe" => Tag::Iframe,
                b"select" => Tag::Select,
                b"keygen" => Tag::Keygen,
                _ => Tag::Other,
            },
            7 => match n {
                b"caption" => Tag::Caption,
                b"address" => Tag::Address,
                b"article" => Tag::Article,
                b"details" => Tag::Details,
                b"listing" => Tag::Listing,
                b"section" => Tag::Section,
                b"summary" => Tag::Summary,
                b"marquee" => Tag::Marquee,
                b"noembed" => Tag::Noembed,
                _ => Tag::Other,
            },
            8 => match n {
                b"colgroup" => Tag::Colgroup,
                b"fieldset" => Tag::Fieldset,
                b"template" => Tag::Template,
                b"textarea" => Tag::Textarea,
                b"noframes" => Tag::Noframes,
                b"noscript" => Tag::Noscript,
                _ => Tag::Other,
            },
            9 => match n {
                b"plaintext" => Tag::Plaintext,
                _ => Tag::Other,
            },
            10 => match n {
                b"blockquote" => Tag::Blockquote,
                b"figcaption" => Tag::Figcaption,
                _ => Tag::Other,
            },
            _ => Tag::Other,
        }
    }

    #[test]
    fn tag_names_match_the_reference() {
        let mut names: Vec<Vec<u8>> = Vec::new();
        for n in [
            "p", "P", "tr", "TD", "Th", "h1", "H6", "h7", "h0", "div", "DIV", "span", "table", "tAbLe", "colgroup",
            "COLGROUP", "colgroupx", "plaintext", "PlainText", "blockquote", "figcaption", "figcaptionx", "svg", "math",
            "o:p", "font", "template", "noscript", "textarea", "", "x", "p\0", "div\0\0\0\0\x03", "h\x11", "[", "{",
            "caption", "address", "marquee", "keygen", "meta", "search", "hgroup", "listing", "summary", "xmp",
        ] {
            names.push(n.as_bytes().to_vec());
        }
        for c in 0u8..=255 {
            names.push(vec![c]);
            names.push(vec![b'h', c]);
            names.push(vec![b'd', b'i', c]);
            names.push(vec![b'c', b'o', b'l', b'g', b'r', b'o', b'u', c]);
        }
        const VOID: &[&[u8]] = &[
            b"area", b"base", b"basefont", b"bgsound", b"embed", b"img", b"image", b"link", b"param", b"source", b"track",
            b"wbr", b"frame",
        ];
        for v in VOID {
            names.push(v.to_vec());
            names.push(v.to_ascii_uppercase());
            names.push([*v, b"x".as_slice()].concat());
        }
        for n in &names {
            assert_eq!(Tag::from_name(n), from_name_reference(n), "{n:?}");
            // In a buffer, with bytes after the name (the one-load path).
            let src = [b"<".as_slice(), n, b" class=x>".as_slice()].concat();
            let (tag, void) = Tag::classify(&src[1..1 + n.len()], &src, 1);
            assert_eq!(tag, from_name_reference(n), "{n:?}");
            assert_eq!(void, tag == Tag::Other && VOID.iter().any(|v| v.eq_ignore_ascii_case(n)), "{n:?}");
        }
    }

    #[test]
    fn find_byte_matches_position() {
        let hay: Vec<u8> = b"ab\"c'\x22\x80\xa2\"\"xyz'0123456789abcdef\"".to_vec();
        for start in 0..hay.len() {
            for end in start..=hay.len() {
                let h = &hay[start..end];
                for q in [b'"', b'\'', b'z', 0x80, 0xa2, b'Q', b'<'] {
                    assert_eq!(find_byte(q, h), h.iter().position(|&c| c == q), "{start}..{end} {q}");
                }
            }
        }
        // `<` (its own searcher) at every position of haystacks longer than a vector.
        for len in [0, 1, 15, 16, 31, 32, 33, 63, 64, 65, 200] {
            for at in 0..=len {
                let mut h = vec![b'a'; len];
                if at < len {
                    h[at] = b'<';
                }
                let want = (at < len).then_some(at);
                assert_eq!(find_lt(&h), want, "{len} {at}");
                assert_eq!(find_byte(b'<', &h), want, "{len} {at}");
            }
        }
    }

    #[test]
    fn find_gt_or_quote_matches_position() {
        let hay: Vec<u8> = b"ab>c'\x22\x80\xbe\"\">yz'0123456789abcdef\"\xa2\x3e".to_vec();
        for start in 0..hay.len() {
            for end in start..=hay.len() {
                let h = &hay[start..end];
                assert_eq!(find_gt_or_quote(h), h.iter().position(|&c| matches!(c, b'>' | b'"' | b'\'')), "{start}..{end}");
            }
        }
    }

    #[test]
    fn tags_and_quotes() {
        let t = toks(r#"a<td style="x>y" colspan = 2 ROWSPAN='3'>b</TD>c"#);
        assert_eq!(t[0], Token::Text("a"));
        assert_eq!(t[1], Token::Start { tag: Tag::Td, pos: 1, colspan: Some("2"), rowspan: Some("3"), void: false });
        assert_eq!(t[2], Token::Text("b"));
        assert!(matches!(t[3], Token::End { tag: Tag::Td, .. }));
        assert_eq!(t[4], Token::Text("c"));
        let t = toks(r#"<th rowspan colspan=x colspan="4" rowspan=5><td colspan=>"#);
        assert_eq!(t[0], Token::Start { tag: Tag::Th, pos: 0, colspan: Some("x"), rowspan: Some(""), void: false });
        assert_eq!(t[1], Token::Start { tag: Tag::Td, pos: 44, colspan: Some(""), rowspan: None, void: false });
        assert_eq!(toks(r#"<td colspan="2"#), vec![Token::Comment]);
    }

    #[test]
    fn text_lt_and_comments() {
        let t = toks("1 < 2<!-- <p> -->x<!-->y</ >z</>w");
        assert_eq!(t[0], Token::Text("1 < 2"));
        assert_eq!(t[1], Token::Comment);
        assert_eq!(t[2], Token::Text("x"));
        assert_eq!(t[3], Token::Comment);
        assert_eq!(t[4], Token::Text("y"));
        assert_eq!(t[5], Token::Comment);
        assert_eq!(t[6], Token::Text("z"));
        assert_eq!(t[7], Token::Text("w"));
    }

    #[test]
    fn scripts() {
        let s = "<script>document.write('<script src=a></script>');</script>x";
        let t = toks(s);
        assert_eq!(t[1], Token::RawText("document.write('<script src=a>"));
        let s = "<script><!-- document.write('<script src=a></script>'); //--></script>x";
        let t = toks(s);
        assert_eq!(t[1], Token::RawText("<!-- document.write('<script src=a></script>'); //-->"));
        assert_eq!(t[3], Token::Text("x"));
        let t = toks("<title>a</b></title>x<style>p>q{}</style >y");
        assert_eq!(t[1], Token::RawText("a</b>"));
        assert_eq!(t[3], Token::Text("x"));
        assert_eq!(t[5], Token::RawText("p>q{}"));
        assert_eq!(t[7], Token::Text("y"));
    }

    #[test]
    fn entities() {
        let mut s = String::new();
        decode_text("a&nbsp;b&amp;c&lt&#x4e00;&#20108;&#128;&notit;&bogus;&", &mut s);
        assert_eq!(s, "a\u{a0}b&c<一二€¬it;&bogus;&");
        assert_eq!(decode_attr("2&amp=3"), "2&amp=3");
        assert_eq!(decode_attr("&#50;"), "2");
    }

    #[test]
    fn non_negative_integers() {
        assert_eq!(parse_non_negative(" 2abc"), Some(2));
        assert_eq!(parse_non_negative("+3"), Some(3));
        assert_eq!(parse_non_negative("-0"), Some(0));
        assert_eq!(parse_non_negative("-1"), None);
        assert_eq!(parse_non_negative("x"), None);
        assert_eq!(parse_non_negative(""), None);
        assert_eq!(parse_non_negative("99999999999999999999"), Some(u32::MAX));
    }
}

//! Traditional → Simplified with Taiwan-phrase reversal, and script detection.
//!
//! Converter: ferrous-opencc (pure Rust, OpenCC's own dictionaries, Apache-2.0). It is
//! chosen over opencc-rust (binds the C++ library: does not build for wasm32, and its 2.x
//! needs OpenCC ≥ 1.4 while Debian ships 1.1.6) and over zhconv (GPL). Only its t2s
//! features are compiled in, to keep the wasm module small.
//!
//! Of its built-in configurations, `Tw2s` (Taiwan variant characters, then OpenCC's
//! Traditional → Simplified phrases and characters) is the base. It is used once per
//! process, at first use (~3 ms): the keys of its dictionaries ([`base_keys.txt`](self),
//! listed by `t2s-eval base-keys`) are converted with it, and gxbg then matches them
//! itself, with its own phrases, in one pass (about 3× faster than calling ferrous-opencc
//! on the text, which allocates for every character; a test checks both give the same). Its `Tw2sp` adds OpenCC's
//! Taiwan-phrase reversals wholesale, which break government text (建立→创建, 查询→查找,
//! 互动→交互, 执行→运行, 资料→数据 where the original said 资料 …); instead gxbg applies its
//! own reversal table first, [`tw_phrases.tsv`](self), chosen from data by
//! `tools/t2s-eval/build_phrases.py` (every Simplified word of a general lexicon and of the
//! report corpus in `tests/t2s` sent through OpenCC `s2twp`; where several originals give
//! the same Taiwan phrasing, the most frequent one wins; longer entries keep context, e.g.
//! 檔案館 → 档案馆 while 檔案 → 文件). Measured with `cargo run -p t2s-eval -- score --opencc`.
//!
//! The table also holds context entries learned from the corpus (線上平 → 线上平 while
//! 線上 → 在线), each kept only if it lowered the errors on the training documents.
//!
//! A reversal is dropped for a document that contradicts it: if the converted text holds
//! the mainland word over twice as often outside the reversals as inside (the document
//! says 數據 five times and 資料 once), the converter that made it did not turn 数据 into
//! 資料, so its 資料 is 资料 (see `contradicted`).
//!
//! Script detection uses [`script_chars.txt`](self): the characters that exist only in
//! Traditional writing (OpenCC's T→S changes them and no T→S alternative is them) and only
//! in Simplified writing, derived from OpenCC's dictionaries by `t2s-eval script-chars`.
//!
//! Granularity of mixed input ([`convert_mixed`]): sentences (a line, cut after 。！？；!?;).
//! A sentence with at least as many Traditional-only as Simplified-only characters is
//! converted whole, phrases included; in any other sentence only runs of Traditional-only
//! characters are converted, character by character. Text with no Traditional-only
//! character is never changed.

use super::Script;
use ferrous_opencc::{config::BuiltinConfig, OpenCC};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A fast non-cryptographic hasher (the Fx hash of rustc) for the tables' short keys;
/// the keys are our own data, not attacker-chosen.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(w));
        }
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

const SCRIPT_CHARS: &str = include_str!("script_chars.txt");
const TW_PHRASES: &str = include_str!("tw_phrases.tsv");
const BASE_KEYS: &str = include_str!("base_keys.txt");

/// ferrous-opencc's `Tw2s` (dictionary load, once per process). Used once, to build
/// [`Tables`]; kept for tests that check the fast path against it.
fn converter() -> Option<&'static OpenCC> {
    static CONV: OnceLock<Option<OpenCC>> = OnceLock::new();
    CONV.get_or_init(|| OpenCC::from_config(BuiltinConfig::Tw2s).ok()).as_ref()
}

// ---------------------------------------------------------------------------------------
// Character sets

/// First code point covered by the bit set; no character before it is converted or
/// counted (OpenCC's dictionaries start at U+346E).
const SET_LO: u32 = 0x3400;
/// End of the bit set (CJK Compatibility Ideographs end at U+FAFF).
const SET_HI: u32 = 0xFB00;
/// Supplementary ideographs (Extension B and after) start here; nothing between SET_HI and
/// it is Han.
const SUPP_LO: u32 = 0x20000;

/// A set of characters: a bit set over the BMP Han blocks, a hash set for the rest.
struct CharSet {
    bits: Vec<u64>,
    other: HashSet<char>,
}

impl CharSet {
    fn new() -> Self {
        CharSet { bits: vec![0u64; ((SET_HI - SET_LO) as usize).div_ceil(64)], other: HashSet::new() }
    }

    fn from_chars(chars: &str) -> Self {
        let mut set = Self::new();
        chars.chars().for_each(|c| set.insert(c));
        set
    }

    fn insert(&mut self, c: char) {
        let u = c as u32;
        if (SET_LO..SET_HI).contains(&u) {
            let i = (u - SET_LO) as usize;
            if let Some(w) = self.bits.get_mut(i / 64) {
                *w |= 1 << (i % 64);
            }
        } else if u >= SUPP_LO {
            self.other.insert(c);
        }
    }

    #[inline]
    fn contains(&self, c: char) -> bool {
        let u = c as u32;
        if u < SET_LO {
            false
        } else if u < SET_HI {
            let i = (u - SET_LO) as usize;
            self.bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
        } else if u < SUPP_LO {
            false
        } else {
            self.other.contains(&c)
        }
    }
}

struct ScriptSets {
    trad: CharSet,
    simp: CharSet,
}

fn script_sets() -> &'static ScriptSets {
    static SETS: OnceLock<ScriptSets> = OnceLock::new();
    SETS.get_or_init(|| ScriptSets { trad: CharSet::from_chars(data_line(SCRIPT_CHARS, "T")), simp: CharSet::from_chars(data_line(SCRIPT_CHARS, "S")) })
}

/// The characters on the line `TAG\t…` of a data file.
fn data_line(data: &'static str, tag: &str) -> &'static str {
    data.lines().find_map(|l| l.strip_prefix(tag).and_then(|r| r.strip_prefix('\t'))).unwrap_or("")
}

/// Whether `c` is written only in Traditional (e.g. 與 個 們 規 檔), never in Simplified.
pub fn is_traditional_only(c: char) -> bool {
    script_sets().trad.contains(c)
}

/// Whether `c` is written only in Simplified (e.g. 与 个 们 规 档), never in Traditional.
pub fn is_simplified_only(c: char) -> bool {
    script_sets().simp.contains(c)
}

/// Whether the text holds any Traditional-only character: a fast scan, the test that
/// decides whether anything needs converting at all.
pub fn has_traditional(s: &str) -> bool {
    // Han characters are 3 or 4 bytes long in UTF-8, with a lead byte ≥ 0xE3.
    if !s.bytes().any(|b| b >= 0xE3) {
        return false;
    }
    let sets = script_sets();
    s.chars().any(|c| sets.trad.contains(c))
}

/// Counts of Traditional-only and Simplified-only characters.
pub fn script_counts(s: &str) -> (usize, usize) {
    let sets = script_sets();
    let (mut t, mut si) = (0usize, 0usize);
    for c in s.chars() {
        if (c as u32) < SET_LO {
            continue;
        }
        if sets.trad.contains(c) {
            t += 1;
        } else if sets.simp.contains(c) {
            si += 1;
        }
    }
    (t, si)
}

/// The dominant script of a text, by counting characters that exist in only one script:
/// `Traditional` or `Simplified` when one has at least 95 % of them, `Mixed` when neither
/// does, `None` when there are none (no Han text, or only characters both scripts share).
pub fn detect_script(s: &str) -> Script {
    classify(script_counts(s))
}

/// [`detect_script`] and the number of Traditional-only characters it counted.
pub(crate) fn detect_script_counted(s: &str) -> (Script, usize) {
    let counts = script_counts(s);
    (classify(counts), counts.0)
}

fn classify((t, si): (usize, usize)) -> Script {
    match (t, si) {
        (0, 0) => Script::None,
        (_, 0) => Script::Traditional,
        (0, _) => Script::Simplified,
        (t, s) if t >= 19 * s => Script::Traditional,
        (t, s) if s >= 19 * t => Script::Simplified,
        _ => Script::Mixed,
    }
}

// ---------------------------------------------------------------------------------------
// Conversion tables

/// One key of the conversion.
struct Entry {
    value: Box<str>,
    /// From gxbg's phrase table (else one of OpenCC's tw2s phrases).
    own: bool,
    /// An own entry whose value differs from the plain conversion of its key (a Taiwan
    /// phrase reversed, 檔案 → 文件), as opposed to a guard (檔案館 → 档案馆).
    reversal: bool,
}

/// Everything the conversion matches, built once from ferrous-opencc and the data files.
struct Tables {
    /// Characters the plain conversion changes, and to what.
    chars: FxMap<char, Box<str>>,
    changed: CharSet,
    /// Phrases: OpenCC's tw2s phrases (their conversion by ferrous-opencc) and gxbg's own.
    phrases: FxMap<&'static str, Entry>,
    /// First characters of phrases, and for each the lengths (in characters, as bits:
    /// bit n = a phrase of n characters) of the phrases it starts.
    firsts: CharSet,
    lengths: FxMap<char, u64>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(build_tables)
}

fn build_tables() -> Tables {
    let conv = converter();
    let convert = |s: &str| conv.map(|c| c.convert(s)).unwrap_or_else(|| s.to_string());
    // Characters: converted one per line, in one call (no phrase can span a line break).
    let keys: Vec<char> = data_line(BASE_KEYS, "C").chars().collect();
    let joined: String = keys.iter().flat_map(|&c| [c, '\n']).collect();
    let converted = convert(&joined);
    let mut chars: FxMap<char, Box<str>> = FxMap::default();
    let mut changed = CharSet::new();
    for (c, v) in keys.iter().zip(converted.split('\n')) {
        if v != c.encode_utf8(&mut [0; 4]) && !v.is_empty() {
            chars.insert(*c, Box::from(v));
            changed.insert(*c);
        }
    }
    let plain = |s: &str| -> String {
        s.chars().map(|c| chars.get(&c).map(|v| v.to_string()).unwrap_or_else(|| c.to_string())).collect()
    };
    let mut phrases: FxMap<&'static str, Entry> = FxMap::default();
    for line in BASE_KEYS.lines() {
        if line.starts_with('#') || line.starts_with("C\t") || line.chars().count() < 2 {
            continue;
        }
        let value = convert(line);
        // Phrases whose conversion is the character-by-character one need no entry.
        if value != plain(line) {
            phrases.insert(line, Entry { value: value.into(), own: false, reversal: false });
        }
    }
    for line in TW_PHRASES.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(k), Some(v)) = (f.next(), f.next()) else { continue };
        if k.is_empty() || v.is_empty() {
            continue;
        }
        let reversal = plain(k) != v && convert(k) != v;
        phrases.insert(k, Entry { value: v.into(), own: true, reversal });
    }
    // Phrases of 64 characters or more cannot be represented in the length bits: drop them
    // (OpenCC's longest is 42).
    phrases.retain(|k, _| k.chars().count() < 64);
    let mut firsts = CharSet::new();
    let mut lengths: FxMap<char, u64> = FxMap::default();
    for k in phrases.keys() {
        if let Some(c) = k.chars().next() {
            firsts.insert(c);
            *lengths.entry(c).or_insert(0) |= 1u64 << k.chars().count();
        }
    }
    Tables { chars, changed, phrases, firsts, lengths }
}

/// An own phrase entry that matched: (key, value, reversal).
type Hit = (&'static str, &'static str, bool);

/// The conversion proper, in one left-to-right pass: at each position the longest phrase
/// (gxbg's Taiwan-phrase reversals, unless `own` is false or the value is `disabled`, and
/// OpenCC's tw2s phrases), else the character's conversion. Returns the text and the own
/// entries that matched.
fn convert_with(s: &str, own: bool, disabled: &[&str]) -> (String, Vec<Hit>) {
    let t = tables();
    let mut out = String::with_capacity(s.len());
    let mut hits: Vec<Hit> = Vec::new();
    let mut ends: Vec<usize> = Vec::new();
    let mut i = 0usize;
    while i < s.len() {
        let Some(c) = s[i..].chars().next() else { break };
        if t.firsts.contains(c) {
            let lens = t.lengths.get(&c).copied().unwrap_or(0);
            let maxn = 64 - lens.leading_zeros() as usize; // longest length + 1
            ends.clear();
            // ends[n] = byte end of the n-character candidate (ends[0] unused).
            ends.push(i);
            for (off, ch) in s[i..].char_indices().take(maxn.saturating_sub(1)) {
                ends.push(i + off + ch.len_utf8());
            }
            let hit = (1..ends.len()).rev().filter(|&n| lens & (1u64 << n) != 0).find_map(|n| {
                let e = ends[n];
                let (k, entry) = t.phrases.get_key_value(&s[i..e])?;
                if entry.own && (!own || disabled.contains(&entry.value.as_ref())) {
                    return None;
                }
                Some((e, *k, entry))
            });
            if let Some((e, k, entry)) = hit {
                out.push_str(&entry.value);
                if entry.own {
                    hits.push((k, &entry.value, entry.reversal));
                }
                i = e;
                continue;
            }
        }
        match t.changed.contains(c).then(|| t.chars.get(&c)).flatten() {
            Some(v) => out.push_str(v),
            None => out.push(c),
        }
        i += c.len_utf8();
    }
    (out, hits)
}

/// Values of reversals the document itself contradicts. A converter is deterministic: if
/// the converted text holds a mainland word M more than twice as often outside the
/// phrase layer's output as inside it (数据 left as 數據, 集成 left as 集成), the converter
/// that made the document does not turn M into its Taiwan phrasing, so that phrasing
/// (資料, 整合) is literal here and must not be reversed. This is what tells older
/// OpenCC releases and character-only converters (the 繁體 views of portals) from
/// today's `s2twp`.
fn contradicted(out: &str, hits: &[Hit]) -> Vec<&'static str> {
    // Reversals, by value.
    let mut produced: HashMap<&'static str, usize> = HashMap::new();
    for &(_, v, reversal) in hits {
        if reversal && v.chars().count() >= 2 {
            produced.entry(v).or_insert(0);
        }
    }
    if produced.is_empty() {
        return Vec::new();
    }
    let values: Vec<&'static str> = produced.keys().copied().collect();
    // How many of each value the phrase layer wrote (inside any value it wrote).
    for &(_, v, _) in hits {
        for m in &values {
            let n = v.matches(m).count();
            if n > 0 {
                if let Some(p) = produced.get_mut(m) {
                    *p += n;
                }
            }
        }
    }
    // How many the whole text holds: one pass, candidates by first character.
    let mut firsts = CharSet::new();
    values.iter().filter_map(|m| m.chars().next()).for_each(|c| firsts.insert(c));
    let mut present: HashMap<&'static str, usize> = HashMap::new();
    for (i, c) in out.char_indices() {
        if firsts.contains(c) {
            for m in &values {
                if out[i..].starts_with(m) {
                    *present.entry(m).or_insert(0) += 1;
                }
            }
        }
    }
    let mut bad: Vec<&'static str> = produced
        .iter()
        // Literal occurrences must outnumber the reversals twice over: today's s2twp, too,
        // leaves a few mainland words inside its own phrases (公開發布, 大數據), and a word
        // can be counted across a word boundary (事項目錄 holds 項目).
        .filter(|(m, n)| present.get(*m).copied().unwrap_or(0).saturating_sub(**n) > 2 * **n)
        .map(|(m, _)| *m)
        .collect();
    bad.sort_unstable();
    bad
}

/// Corner brackets (Taiwan's quotation marks) → the mainland's curly quotes.
fn mainland_quotes(s: &mut String) {
    if s.contains(['「', '」', '『', '』']) {
        *s = s
            .chars()
            .map(|c| match c {
                '「' => '“',
                '」' => '”',
                '『' => '‘',
                '』' => '’',
                _ => c,
            })
            .collect();
    }
}

fn owned_if_changed(s: &str, out: String) -> Cow<'_, str> {
    if out == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(out)
    }
}

/// Convert Traditional (Taiwan phrasing or not) text to Simplified, all of it: Taiwan
/// phrases reversed, characters converted, 「」『』 → “”‘’. Use it on text known to be
/// Traditional; [`convert_mixed`] decides sentence by sentence.
pub fn to_simplified(s: &str) -> Cow<'_, str> {
    if !s.bytes().any(|b| b >= 0xE3) {
        return Cow::Borrowed(s); // no Han character, no corner bracket
    }
    let (mut out, hits) = convert_with(s, true, &[]);
    let bad = contradicted(&out, &hits);
    if !bad.is_empty() {
        out = convert_with(s, true, &bad).0;
    }
    mainland_quotes(&mut out);
    owned_if_changed(s, out)
}

/// OpenCC's plain `tw2s` conversion (characters and OpenCC's own phrases, no Taiwan-phrase
/// reversal), by gxbg's matcher: the same result as ferrous-opencc's `Tw2s`, much faster.
pub fn base_convert(s: &str) -> Cow<'_, str> {
    if !s.bytes().any(|b| b >= 0xE3) {
        return Cow::Borrowed(s);
    }
    let out = convert_with(s, false, &[]).0;
    owned_if_changed(s, out)
}

/// Convert only the runs of Traditional-only characters, character by character (no
/// phrases): for stray Traditional characters in Simplified text.
pub fn convert_runs(s: &str) -> Cow<'_, str> {
    if !has_traditional(s) {
        return Cow::Borrowed(s);
    }
    let (sets, t) = (script_sets(), tables());
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match sets.trad.contains(c).then(|| t.chars.get(&c)).flatten() {
            Some(v) => out.push_str(v),
            None => out.push(c),
        }
    }
    owned_if_changed(s, out)
}

/// Convert mixed text sentence by sentence (see the module documentation): a sentence
/// that is mostly Traditional is converted whole, stray Traditional characters elsewhere
/// one by one, Simplified text is left byte-identical.
pub fn convert_mixed(s: &str) -> Cow<'_, str> {
    if !has_traditional(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for sentence in sentences(s) {
        let (t, si) = script_counts(sentence);
        if t == 0 {
            out.push_str(sentence);
        } else if t >= si {
            out.push_str(&to_simplified(sentence));
        } else {
            out.push_str(&convert_runs(sentence));
        }
    }
    if out == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(out)
    }
}

/// Split after line breaks and sentence-final punctuation; the pieces concatenate to `s`.
fn sentences(s: &str) -> impl Iterator<Item = &str> {
    s.split_inclusive(['\n', '。', '！', '？', '；', '!', '?', ';'])
}

/// Convert `s` as text of a document whose script is `script` (as [`detect_script`] found
/// for the whole document): `Traditional` converts everything (short cells such as 程式
/// have no Traditional-only character of their own), `Mixed` sentence by sentence,
/// `Simplified`/`None` only stray Traditional-only characters.
pub fn convert_as(s: &str, script: Script) -> Cow<'_, str> {
    match script {
        Script::Traditional => to_simplified(s),
        Script::Mixed => convert_mixed(s),
        Script::Simplified | Script::None => convert_runs(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_are_loaded_and_disjoint() {
        let sets = script_sets();
        for c in "與個們規範檔請資訊開發關體".chars() {
            assert!(sets.trad.contains(c), "{c}");
            assert!(!sets.simp.contains(c), "{c}");
        }
        for c in "与个们规范档请资讯开发关体".chars() {
            assert!(!sets.trad.contains(c), "{c}");
        }
        for c in "们规档请资讯开发关".chars() {
            assert!(sets.simp.contains(c), "{c}");
        }
        // Shared characters belong to neither.
        for c in "政府信息公开年度报告台程序的一二三乾著".chars() {
            assert!(!sets.trad.contains(c), "{c}");
        }
        for c in "政府公年度台程序的一二三乾著".chars() {
            assert!(!sets.simp.contains(c), "{c}");
        }
    }

    #[test]
    fn detect() {
        assert_eq!(detect_script("政府資訊公開工作年度報告"), Script::Traditional);
        assert_eq!(detect_script("政府信息公开工作年度报告"), Script::Simplified);
        assert_eq!(detect_script("123 abc"), Script::None);
        assert_eq!(detect_script("程序"), Script::None);
        assert_eq!(detect_script("政府信息公开工作年度报告。政府資訊公開工作年度報告"), Script::Mixed);
    }

    #[test]
    fn seed_words() {
        assert_eq!(to_simplified("申請"), "申请");
        assert_eq!(to_simplified("規範性檔案"), "规范性文件");
        assert_eq!(to_simplified("解讀制發程式"), "解读制发程序");
        assert_eq!(to_simplified("最佳化營商環境"), "优化营商环境");
        assert_eq!(to_simplified("歷史申請智慧型查重"), "历史申请智能查重");
        assert_eq!(to_simplified("「青傾公開」"), "“青倾公开”");
    }

    #[test]
    fn simplified_unchanged() {
        // (to_simplified is for text known to be Traditional: it would reverse 整合 here.)
        let s = "建立健全政府信息公开工作机制，查询资料，整合数据，互动交流。";
        assert!(matches!(convert_mixed(s), Cow::Borrowed(_)));
        assert!(matches!(convert_runs(s), Cow::Borrowed(_)));
    }

    #[test]
    fn mixed_by_sentence() {
        // The Simplified sentence keeps 建立 (tw2sp would make it 创建); the Traditional
        // sentence gets its phrases reversed; a stray Traditional character is converted.
        let s = "建立工作机制。規範性檔案72件。建立健全後续机制";
        assert_eq!(convert_mixed(s), "建立工作机制。规范性文件72件。建立健全后续机制");
    }

    #[test]
    fn phrase_values_are_simplified() {
        // What the phrase layer writes is Simplified: plain conversion leaves it alone.
        for (k, e) in tables().phrases.iter().filter(|(_, e)| e.own) {
            assert_eq!(base_convert(&e.value), e.value.as_ref(), "{k} → {}", e.value);
        }
    }

    #[test]
    fn fast_path_equals_ferrous() {
        let Some(c) = converter() else { panic!("converter") };
        let texts = [
            include_str!("../../../../tests/t2s/corpus.s2twp.txt"),
            include_str!("../../../../tests/seeds/001_5365a28e3cd647f6.txt"),
            "乾隆皇帝的著作。一目瞭然，不瞭解；么麼小丑。後來他們說：「這個程式很好」。",
        ];
        for t in texts {
            let ours = base_convert(t);
            let theirs = c.convert(t);
            if ours != theirs {
                let (a, b): (Vec<char>, Vec<char>) = (ours.chars().collect(), theirs.chars().collect());
                let i = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
                let ctx = |v: &[char]| v[i.saturating_sub(10)..(i + 10).min(v.len())].iter().collect::<String>();
                panic!("differs at char {i}: ours {:?} ferrous {:?}", ctx(&a), ctx(&b));
            }
        }
    }

    #[test]
    fn script_chars_match_the_dictionary() {
        // Every Traditional-only character is one the base converter changes.
        let Some(c) = converter() else { panic!("converter") };
        let trad: Vec<char> = SCRIPT_CHARS
            .lines()
            .find_map(|l| l.strip_prefix("T\t"))
            .unwrap_or("")
            .chars()
            .collect();
        assert!(trad.len() > 2000, "{}", trad.len());
        let joined: String = trad.iter().flat_map(|&ch| [ch, '\n']).collect();
        let out = c.convert(&joined);
        for (t, s) in trad.iter().zip(out.split('\n')) {
            assert_ne!(t.to_string(), s, "{t} is not converted");
        }
    }

    #[test]
    fn odd_input() {
        for s in ["", "\u{FEFF}", "「", "𠀀𪚥", "a\u{0}b", "檔", "程式\n\n"] {
            let _ = to_simplified(s);
            let _ = convert_mixed(s);
            let _ = convert_runs(s);
            let _ = detect_script(s);
        }
    }
}

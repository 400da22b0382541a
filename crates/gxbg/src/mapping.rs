//! Grids → canonical tables.
//!
//! Tables are recognised by their labels, not by their position: every row of every grid
//! is read as *label cells* followed by *value cells*, the row is matched to a canonical
//! row by the markers of [`crate::schema`] (after [`label_key`] folding), and its values
//! are put in canonical columns
//! - by column position, when the grid is an HTML table whose header row names the
//!   columns (the browser's layout is exact);
//! - by order otherwise (text extractions whose merged cells were dropped), after
//!   trimming the empty cells that dropped spans leave behind.
//!
//! Which table a row belongs to follows a context that section headings (二、主动公开…,
//! 三、收到和处理…, 四、…行政复议…), header rows (信息内容 / 申请人情况 / 行政复议) and
//! unambiguous row labels move forward, so it does not matter whether the three tables are
//! one `<table>` each, glued into one, or table 二 split in four.
//!
//! The format (2019 / 2021) is decided from what the tables show (header words, rows that
//! exist in one format only), then from the report year, then from the format notice the
//! text cites; reports for 2018 and earlier get `Format::None` and no canonical tables.

use crate::blocks::{Block, Document};
use crate::digits::{self, Split};
use crate::grid::{Grid, GridKind, PlacedCell};
use crate::normalize::{fold_char, is_label_punct, label_key, needs_fold};
use crate::report::{CanonicalTable, Cell, CellState, Finding, Key, Number, Severity, TableStatus, Tables};
use crate::schema::{self, ColumnDef, Format, Group, RowDef, TableDef, APPEAL_COLUMNS, REQUEST_COLUMNS};
use crate::value::{is_number, is_value_text, parse_cell};
use indexmap::IndexMap;

/// The result of mapping a document onto the canonical tables.
#[derive(Debug, Clone)]
pub struct Mapped {
    pub format: Format,
    pub tables: Tables,
    pub findings: Vec<Finding>,
}

/// Which canonical table a row is read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Proactive,
    Requests,
    Appeals,
}

/// The label key used for matching: [`label_key`] plus `/` dropped (本年增/减).
fn key(s: &str) -> String {
    let mut k = label_key(s);
    k.retain(|c| c != '/' && c != '\\');
    k
}

/// [`key`] without allocating when the text is already its own key (numbers, plain
/// labels). Text holding a Traditional-only character goes through [`key`] itself;
/// otherwise the folding is per character (width fold, then whitespace, label punctuation
/// and `/` `\` dropped), which is what [`key`] does for such text. `trad` false says the
/// document holds no Traditional-only character (so `s` is not tested for one).
fn key_cow(s: &str, trad: bool) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if trad && crate::normalize::t2s::has_traditional(s) {
        return Cow::Owned(key(s));
    }
    // The first character that changes; the text before it is copied as it is.
    let i = kept_prefix(s);
    let Some((j, _)) = s[i..].char_indices().find(|&(_, c)| needs_fold(c) || !keep_in_key(c)) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..i + j]);
    let mut rest = &s[i + j..];
    while !rest.is_empty() {
        let k = kept_prefix(rest);
        out.push_str(&rest[..k]);
        let mut it = rest[k..].chars();
        if let Some(c) = it.next().map(fold_char) {
            if keep_in_key(c) {
                out.push(c);
            }
        }
        rest = it.as_str();
    }
    Cow::Owned(out)
}

/// The length of the longest prefix of `s` made of ASCII letters and digits and of
/// characters U+4000–U+9FFF (CJK ideographs): characters that [`key`] keeps unchanged
/// (not folded, not dropped). Always on a character boundary.
fn kept_prefix(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x.is_ascii_alphanumeric() {
            i += 1;
        } else if (0xE4..=0xE9).contains(&x) {
            // The lead byte of a three-byte character U+4000–U+9FFF.
            i += 3;
        } else {
            break;
        }
    }
    i.min(b.len())
}

/// [`key`] of `s` when it has at most `cap` characters, `None` when it has more (found
/// without folding the rest of a long text). `trad` as for [`key_cow`].
fn key_capped(s: &str, cap: usize, trad: bool) -> Option<String> {
    if trad && crate::normalize::t2s::has_traditional(s) {
        let k = key(s);
        return (k.chars().count() <= cap).then_some(k);
    }
    // At most `cap` characters of at most 4 bytes are pushed.
    let mut out = String::with_capacity(s.len().min(cap.saturating_mul(4)));
    let mut n = 0usize;
    for c in s.chars().map(fold_char) {
        if keep_in_key(c) {
            n += 1;
            if n > cap {
                return None;
            }
            out.push(c);
        }
    }
    Some(out)
}

/// A folded character that [`key`] keeps: not whitespace, label punctuation, `/` or `\`.
fn keep_in_key(c: char) -> bool {
    // CJK ideographs and ASCII letters and digits (most of a label) are kept.
    if ('\u{4000}'..='\u{9FFF}').contains(&c) || c.is_ascii_alphanumeric() {
        return true;
    }
    !(c.is_whitespace() || is_label_punct(c) || c == '/' || c == '\\')
}

/// A key with a 64-bit set of the characters it holds: [`Hay::has`] answers most
/// `contains` questions about the many markers without a substring search.
struct Hay<'a> {
    s: &'a str,
    set: u64,
}

/// The bit of `c` in a [`Hay`]'s set.
fn char_bit(c: char) -> u64 {
    1u64 << ((c as u32).wrapping_mul(0x9E37_79B9) >> 26)
}

impl<'a> Hay<'a> {
    fn new(s: &'a str) -> Self {
        Hay { s, set: s.chars().fold(0u64, |set, c| set | char_bit(c)) }
    }
    /// `self.s.contains(m)`: a marker whose first or last character is not in the set is
    /// not in the key.
    fn has(&self, m: &str) -> bool {
        self.has_masked(m, marker_mask(m))
    }
    /// [`Hay::has`] with `need` = [`marker_mask`]`(m)` computed beforehand.
    fn has_masked(&self, m: &str, need: u64) -> bool {
        self.set & need == need && self.s.contains(m)
    }
}

/// The bits of a marker's first and last characters (0 for an empty marker, which every
/// key contains).
fn marker_mask(m: &str) -> u64 {
    let mut it = m.chars();
    match it.next() {
        Some(a) => char_bit(a) | it.next_back().map_or(0, char_bit),
        None => 0,
    }
}

/// [`marker_mask`] of every marker of a table's rows, by row then marker: computed once.
fn row_masks(t: &'static TableDef) -> &'static [Vec<u64>] {
    static MASKS: std::sync::OnceLock<[Vec<Vec<u64>>; 3]> = std::sync::OnceLock::new();
    let all = MASKS.get_or_init(|| schema::TABLES.map(|t| t.rows.iter().map(|r| r.markers.iter().map(|m| marker_mask(m)).collect()).collect()));
    match schema::TABLES.iter().position(|x| std::ptr::eq(*x, t)) {
        Some(i) => all[i].as_slice(),
        None => &[],
    }
}

/// Whether a row's markers `ms` (with their masks `mask`, when known) include one the key
/// holds.
fn any_marker(h: &Hay, ms: &[&str], mask: Option<&Vec<u64>>) -> bool {
    match mask {
        Some(mask) if mask.len() == ms.len() => ms.iter().zip(mask).any(|(m, &k)| h.has_masked(m, k)),
        _ => ms.iter().any(|m| h.has(m)),
    }
}

/// [`key`] of a string of the schema (labels, markers): computed once per process, since
/// the mapper compares every row with them.
///
/// The cache is keyed by the string's address and length (the schema's strings are
/// `'static`), so a lookup hashes two words instead of the text; a string not in the cache
/// (or at another address) gets its key computed, which is the same value.
fn schema_key(s: &'static str) -> std::borrow::Cow<'static, str> {
    use std::collections::HashMap;
    type AddrMap = HashMap<(usize, usize), String, std::hash::BuildHasherDefault<AddrHasher>>;
    static KEYS: std::sync::OnceLock<AddrMap> = std::sync::OnceLock::new();
    let addr = |s: &'static str| (s.as_ptr() as usize, s.len());
    let keys = KEYS.get_or_init(|| {
        let mut m = AddrMap::default();
        let mut add = |s: &'static str| {
            m.entry(addr(s)).or_insert_with(|| key(s));
        };
        for t in schema::TABLES {
            t.heading_markers.iter().for_each(|x| add(x));
            for r in t.rows {
                add(r.label);
                r.markers.iter().for_each(|x| add(x));
                for c in r.columns {
                    add(c.label);
                    c.markers.iter().for_each(|x| add(x));
                }
            }
        }
        REQUEST_COLUMNS.iter().chain(APPEAL_COLUMNS).for_each(|c| {
            add(c.label);
            c.markers.iter().for_each(|x| add(x));
        });
        m
    });
    match keys.get(&addr(s)) {
        Some(k) => std::borrow::Cow::Borrowed(k.as_str()),
        None => std::borrow::Cow::Owned(key(s)),
    }
}

/// A multiply-rotate hasher for [`schema_key`]'s address keys (not for untrusted text).
#[derive(Default)]
struct AddrHasher(u64);

impl std::hash::Hasher for AddrHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A cell of a row as the mapper sees it.
#[derive(Debug, Clone)]
struct RCell<'a> {
    text: &'a str,
    key: std::borrow::Cow<'a, str>,
    col: u32,
    colspan: u32,
    /// The cell starts in this row (not a rowspan continuing from above).
    own: bool,
    value_like: bool,
}

/// One row of one grid, split into labels and values.
#[derive(Debug, Clone)]
struct Row<'a> {
    block: usize,
    kind: GridKind,
    labels: Vec<RCell<'a>>,
    values: Vec<RCell<'a>>,
    /// Last row of a grid whose source was cut off.
    truncated: bool,
    /// [`Row::has_number`], once asked.
    number: std::cell::OnceCell<bool>,
}

impl Row<'_> {
    /// The joined label keys.
    fn label_key(&self) -> std::borrow::Cow<'_, str> {
        match self.labels.as_slice() {
            [one] => std::borrow::Cow::Borrowed(one.key.as_ref()),
            ls => std::borrow::Cow::Owned(ls.iter().map(|c| c.key.as_ref()).collect()),
        }
    }
    /// The key of the last (most specific) label cell.
    fn leaf_key(&self) -> &str {
        self.labels.last().map(|c| c.key.as_ref()).unwrap_or("")
    }
    fn has_number(&self) -> bool {
        *self.number.get_or_init(|| self.values.iter().any(|c| c.value_like && !c.key.is_empty() && is_number(c.text)))
    }
}

/// Grids whose cells cover more (row, cell) pairs than this are not read: no report table
/// comes near (they have a few hundred), and every covered pair costs a label key.
pub const MAX_ROW_SLOTS: u64 = 200_000;

/// How many (row, cell) pairs [`Grid::rows`] would produce: each cell counted once per row
/// it covers. Stops counting past [`MAX_ROW_SLOTS`]; cost proportional to the cells.
fn row_slots(grid: &Grid) -> u64 {
    let mut n = 0u64;
    for c in &grid.cells {
        let end = (c.row as u64 + c.rowspan.max(1) as u64).min(grid.n_rows as u64);
        n += end.saturating_sub(c.row as u64);
        if n > MAX_ROW_SLOTS {
            break;
        }
    }
    n
}

/// [`Grid::rows`] laid out flat: row `r`'s cells (each cell once per row it covers,
/// ordered by column) are `slots[starts[r]..starts[r + 1]]`. Two allocations instead of
/// one per row.
fn grid_rows(grid: &Grid) -> (Vec<&PlacedCell>, Vec<usize>) {
    let n = grid.n_rows as usize;
    // The rows a cell covers, within the grid.
    let span = |c: &PlacedCell| {
        let a = (c.row as u64).min(n as u64);
        let b = (c.row as u64 + c.rowspan.max(1) as u64).min(n as u64);
        (a as usize, b as usize)
    };
    let mut starts = vec![0usize; n + 1];
    for c in &grid.cells {
        let (a, b) = span(c);
        for r in a..b {
            starts[r + 1] += 1;
        }
    }
    for r in 0..n {
        starts[r + 1] += starts[r];
    }
    let Some(first) = grid.cells.first() else { return (Vec::new(), starts) };
    let mut fill = starts.clone();
    let mut slots: Vec<&PlacedCell> = vec![first; starts[n]];
    for c in &grid.cells {
        let (a, b) = span(c);
        for f in fill.get_mut(a..b).unwrap_or_default() {
            if let Some(s) = slots.get_mut(*f) {
                *s = c;
            }
            *f += 1;
        }
    }
    for w in starts.windows(2) {
        if let Some(row) = slots.get_mut(w[0]..w[1]) {
            row.sort_by_key(|c| (c.col, c.row));
        }
    }
    (slots, starts)
}

/// Split a grid row into label cells and value cells.
fn read_row<'a>(cells: &[&'a PlacedCell], r: u32, trad: bool) -> (Vec<RCell<'a>>, Vec<RCell<'a>>) {
    let mut rc: Vec<RCell<'a>> = cells
        .iter()
        .map(|c| {
            let digits = !c.text.is_empty() && c.text.bytes().all(|b| b.is_ascii_digit());
            RCell {
                text: c.text.as_str(),
                // ASCII digits are their own key.
                key: if digits { std::borrow::Cow::Borrowed(c.text.as_str()) } else { key_cow(&c.text, trad) },
                col: c.col,
                colspan: c.colspan,
                own: c.row == r,
                // A run of digits too long to be one number is still a value cell: a row's
                // numbers run together, split in resolve().
                value_like: digits || {
                    let t = crate::value::trimmed(&c.text);
                    is_value_text(t) || (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
                },
            }
        })
        .collect();
    let mut i = 0;
    // Leading empty cells (a dropped or blank corner) are not values of this row.
    while i < rc.len() && rc[i].value_like && rc[i].key.is_empty() {
        i += 1;
    }
    let start = i;
    while i < rc.len() && !rc[i].value_like {
        i += 1;
    }
    if i == start {
        // No label at all: every cell is a value (table 四's value row), keep leading blanks.
        return (Vec::new(), rc);
    }
    let values = rc.split_off(i);
    rc.drain(..start);
    (rc, values)
}

/// Header words: a row containing one of them (and no numbers) is a header row.
const HEADER_MARKERS: &[&str] = &[
    "信息内容", "申请人情况", "自然人", "法人或其他组织", "商业企业", "行政复议", "行政诉讼", "结果维持", "未经复议",
    "复议后起诉", "本年制发", "本年废止", "现行有效", "新制作", "新公开", "对外公开总数", "处理决定", "收费金额",
    "上一年项目", "采购项目", "勾稽关系",
];

/// `k` is the row's [`Row::label_key`].
fn is_header(row: &Row, k: &Hay) -> bool {
    if row.has_number() {
        return false;
    }
    static MASKS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let masks = MASKS.get_or_init(|| HEADER_MARKERS.iter().map(|m| marker_mask(m)).collect());
    any_marker(k, HEADER_MARKERS, Some(masks))
}

/// A header that announces a table.
fn header_ctx(k: &Hay) -> Option<Ctx> {
    if k.has("第二十条") || k.has("信息内容") {
        return Some(Ctx::Proactive);
    }
    if k.has("申请人情况") || k.has("自然人") || k.has("勾稽关系") || k.has("法人或其他组织") {
        return Some(Ctx::Requests);
    }
    if k.has("行政复议") || k.has("行政诉讼") || k.has("结果维持") {
        return Some(Ctx::Appeals);
    }
    None
}

/// A section heading (text block or spanning row) that announces a table.
fn heading_ctx(k: &str) -> Option<Ctx> {
    let tables: [(&TableDef, Ctx); 3] =
        [(&schema::PROACTIVE, Ctx::Proactive), (&schema::REQUESTS, Ctx::Requests), (&schema::APPEALS, Ctx::Appeals)];
    if k.len() > 60 && k.chars().count() > 60 {
        return None;
    }
    // The markers' keys, per table, computed once.
    static HEADING_KEYS: std::sync::OnceLock<[Vec<String>; 3]> = std::sync::OnceLock::new();
    let heading_keys =
        HEADING_KEYS.get_or_init(|| tables.map(|(t, _)| t.heading_markers.iter().map(|m| key(m)).collect::<Vec<String>>()));
    // The first characters of those keys: a key holding none of them contains no marker
    // (no filter when a marker key is empty).
    static FIRSTS: std::sync::OnceLock<Option<Vec<char>>> = std::sync::OnceLock::new();
    let firsts = FIRSTS.get_or_init(|| heading_keys.iter().flatten().map(|m| m.chars().next()).collect());
    if let Some(f) = firsts {
        // (Their bits first: most characters have none of them.)
        let bits = f.iter().fold(0u64, |b, &c| b | char_bit(c));
        if !k.chars().any(|c| char_bit(c) & bits != 0 && f.contains(&c)) {
            return None;
        }
    }
    for ((_, c), keys) in tables.into_iter().zip(heading_keys) {
        if keys.iter().any(|m| k.contains(m.as_str())) {
            // 四、结转下年度继续办理 and 三、本年度办理结果 are rows, not headings.
            if c == Ctx::Appeals && !(k.contains("行政复议") && (k.contains("诉讼") || k.contains("情况"))) {
                continue;
            }
            return Some(c);
        }
    }
    None
}

/// Column keys named by a header row, with their column ranges.
fn header_columns(row: &Row, defs: &[ColKeys]) -> Vec<(u32, u32, &'static str)> {
    let mut out = Vec::new();
    for c in row.labels.iter().chain(row.values.iter()) {
        if let Some(d) = match_column(&Hay::new(&c.key), defs) {
            if !out.iter().any(|&(_, _, k)| k == d.key) {
                out.push((c.col, c.col + c.colspan.max(1), d.key));
            }
        }
    }
    out
}

/// A column with the [`schema_key`]s of its label and markers, for [`match_column`].
struct ColKeys {
    def: &'static ColumnDef,
    label: std::borrow::Cow<'static, str>,
    /// Each marker's key, and whether the marker has more than one character.
    markers: Vec<(std::borrow::Cow<'static, str>, bool)>,
}

impl ColKeys {
    fn of(defs: impl Iterator<Item = &'static ColumnDef>) -> Vec<ColKeys> {
        defs.map(|def| ColKeys {
            def,
            label: schema_key(def.label),
            markers: def.markers.iter().map(|m| (schema_key(m), m.chars().count() > 1)).collect(),
        })
        .collect()
    }
}

/// The columns of table 二 (each key once, first definition wins) and of table 三, with
/// their keys: computed once.
fn column_keys() -> &'static (Vec<ColKeys>, Vec<ColKeys>) {
    static KEYS: std::sync::OnceLock<(Vec<ColKeys>, Vec<ColKeys>)> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let mut v: Vec<&'static ColumnDef> = Vec::new();
        for r in schema::PROACTIVE.rows {
            for c in r.columns {
                if !v.iter().any(|x| x.key == c.key) {
                    v.push(c);
                }
            }
        }
        (ColKeys::of(v.into_iter()), ColKeys::of(REQUEST_COLUMNS.iter()))
    })
}

fn match_column(h: &Hay, defs: &[ColKeys]) -> Option<&'static ColumnDef> {
    let k = h.s;
    if k.is_empty() || h.has("法人或其他组织") || h.has("申请人情况") || h.has("信息内容") {
        return None;
    }
    // Exact label first (其他 = other_org, not 其他结果 / 法人或其他组织), then markers.
    if let Some(d) = defs.iter().find(|d| d.label == k || d.markers.iter().any(|(m, _)| m == k)) {
        return Some(d.def);
    }
    defs.iter().find(|d| d.markers.iter().any(|(m, long)| *long && h.has(m))).map(|d| d.def)
}

/// Column ranges a header row names: (first column, end column, column key).
type HeaderCols = Vec<(u32, u32, &'static str)>;

/// A row assigned to a canonical row, with its values still as cells.
#[derive(Debug, Clone)]
struct Assigned<'a> {
    table: Ctx,
    /// Candidates for the canonical row (table 二 has one per format).
    rows: Vec<&'static RowDef>,
    values: Vec<RCell<'a>>,
    /// Header column ranges in force for this row (HTML grids only).
    /// (Shared with the header's other rows; `None` for none.)
    header: Option<std::rc::Rc<HeaderCols>>,
    kind: GridKind,
    truncated: bool,
    block: usize,
}

/// Evidence for each format.
#[derive(Debug, Default)]
struct Votes {
    f2019: u32,
    f2021: u32,
}

/// Map a normalised document onto the canonical tables. `year` is the report year when
/// the metadata knows it.
pub fn map(doc: &Document, text: &str, year: Option<i32>) -> Mapped {
    map_with(doc, text, year, true)
}

/// [`map`], told whether the document may hold Traditional-only characters (`trad`):
/// `false` (the normalisation counted none) spares the test of every label for one.
pub(crate) fn map_with(doc: &Document, text: &str, year: Option<i32>, trad: bool) -> Mapped {
    let mut assigned: Vec<Assigned> = Vec::new();
    let mut votes = Votes::default();
    let mut truncated_tables: Vec<Ctx> = Vec::new();
    let mut ctx: Option<Ctx> = None;
    let mut group: Option<Group> = None;
    let mut last_request_row: Option<&'static str> = None;
    // Header column ranges per table, with the block they were read in: positions only
    // mean something within the grid that holds them.
    // (Table 二's, then table 三's.)
    let mut headers: [Option<(usize, std::rc::Rc<HeaderCols>)>; 2] = [None, None];

    let (proactive_cols, request_cols) = column_keys();

    for (bi, b) in doc.blocks.iter().enumerate() {
        let grid: &Grid = match b {
            Block::Text { text } => {
                // heading_ctx() rejects keys over 60 characters: longer text is not folded.
                let k = key_capped(text, 60, trad);
                let heading_like = starts_section(text) || k.as_ref().is_some_and(|k| k.chars().count() <= 30);
                if let Some(c) = k.as_deref().filter(|_| heading_like).and_then(heading_ctx) {
                    ctx = Some(c);
                    group = None;
                } else if starts_section(text) {
                    // 五、存在的主要问题… and any other section heading ends a table context.
                    ctx = None;
                }
                continue;
            }
            Block::Table { grid } => grid,
        };
        if row_slots(grid) > MAX_ROW_SLOTS {
            continue; // not a report table; keeps pathological inputs (span bombs) cheap
        }
        let (slots, starts) = grid_rows(grid);
        let n = grid.n_rows as usize;
        for ri in 0..n {
            let cells = starts.get(ri..ri + 2).and_then(|w| slots.get(w[0]..w[1])).unwrap_or_default();
            let (labels, values) = read_row(cells, ri as u32, trad);
            let row = Row {
                block: bi,
                kind: grid.kind,
                labels,
                values,
                truncated: grid.truncated && ri + 1 == n,
                number: std::cell::OnceCell::new(),
            };
            let lk = row.label_key();
            let lkh = Hay::new(&lk);
            if row.labels.is_empty() && row.values.iter().all(|c| c.key.is_empty()) {
                if row.truncated && ctx.is_some() {
                    truncated_tables.extend(ctx);
                }
                continue;
            }
            // (heading_ctx() is pure: the cheap conditions are tested first.)
            if let Some(c) = (row.labels.len() <= 2 && !row.has_number()).then(|| heading_ctx(&lk)).flatten() {
                ctx = Some(c);
                group = None;
                continue;
            }
            if is_header(&row, &lkh) {
                if let Some(c) = header_ctx(&lkh) {
                    if ctx != Some(c) && !(ctx == Some(Ctx::Appeals) && c == Ctx::Appeals) {
                        group = None;
                    }
                    ctx = Some(c);
                }
                match ctx {
                    Some(Ctx::Proactive) => {
                        let h = header_columns(&row, proactive_cols);
                        vote_proactive_header(&h, &mut votes);
                        if !h.is_empty() {
                            headers[0] = Some((bi, std::rc::Rc::new(h)));
                        }
                    }
                    Some(Ctx::Requests) => {
                        let h = header_columns(&row, request_cols);
                        let e = headers[1].get_or_insert_with(|| (bi, Default::default()));
                        if e.0 != bi {
                            *e = (bi, Default::default());
                        }
                        // (A copy when a data row holds the current one.)
                        let e = std::rc::Rc::make_mut(&mut e.1);
                        for x in h {
                            if !e.iter().any(|y| y.2 == x.2) {
                                e.push(x);
                            }
                        }
                    }
                    _ => {}
                }
                continue;
            }
            // A data row: find its table and canonical row.
            if lkh.has("第二十条") {
                ctx = Some(Ctx::Proactive);
                continue;
            }
            let target = classify(&row, &lkh, ctx, &mut group, last_request_row, &mut votes);
            let Some((table, defs)) = target else {
                // (A digit run of ≥ 15 digits is table 四's row run together; resolve() splits it.)
                let run15 = row.values.len() == 1 && {
                    let t = row.values[0].text.trim();
                    t.len() >= 15 && t.bytes().all(|b| b.is_ascii_digit())
                };
                if ctx == Some(Ctx::Appeals) && row.labels.len() <= 1 && (row.values.len() >= 4 || run15) {
                    assigned.push(Assigned {
                        table: Ctx::Appeals,
                        rows: vec![&schema::APPEALS.rows[0]],
                        values: row.values,
                        header: None,
                        kind: row.kind,
                        truncated: row.truncated,
                        block: row.block,
                    });
                } else if row.truncated && ctx.is_some() {
                    truncated_tables.extend(ctx);
                }
                continue;
            };
            ctx = Some(table);
            if table == Ctx::Requests {
                last_request_row = defs.first().map(|d| d.key);
            }
            let header = if row.kind == GridKind::Html {
                let hk = usize::from(table == Ctx::Requests);
                headers[hk].as_ref().filter(|(b, _)| *b == bi).map(|(_, h)| std::rc::Rc::clone(h))
            } else {
                None
            };
            assigned.push(Assigned {
                table,
                rows: defs,
                values: row.values,
                header,
                kind: row.kind,
                truncated: row.truncated,
                block: row.block,
            });
        }
        if grid.truncated {
            if let Some(c) = ctx {
                if !truncated_tables.contains(&c) {
                    truncated_tables.push(c);
                }
            }
        }
    }

    let format = decide_format(&votes, &assigned, year, text);
    build(format, &assigned, &truncated_tables)
}

/// A line that starts a numbered report section (一、… to 十、…).
fn starts_section(text: &str) -> bool {
    let t = text.trim_start();
    let mut it = t.chars();
    let first = it.next();
    let second = it.next();
    matches!(first, Some('一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'))
        && matches!(second, Some('、' | '.' | '，' | ' '))
        && t.chars().count() < 60
}

/// Table 三's result groups, in the order their markers are tried.
const GROUPS: [Group; 4] = [Group::Denied, Group::Unavailable, Group::Rejected, Group::Other];

/// Find the canonical table and row(s) of a data row.
fn classify(
    row: &Row,
    lk: &Hay,
    ctx: Option<Ctx>,
    group: &mut Option<Group>,
    last_request_row: Option<&'static str>,
    votes: &mut Votes,
) -> Option<(Ctx, Vec<&'static RowDef>)> {
    if row.labels.is_empty() {
        return None;
    }
    let leaf = row.leaf_key();
    // With one label cell the leaf is the whole label.
    let leaf = if row.labels.len() == 1 { Hay { s: leaf, set: lk.set } } else { Hay::new(leaf) };
    // Group context for table 三's numbered sub-rows.
    static GROUP_MASKS: std::sync::OnceLock<Vec<Vec<u64>>> = std::sync::OnceLock::new();
    let group_masks = GROUP_MASKS.get_or_init(|| GROUPS.map(|g| g.markers().iter().map(|m| marker_mask(m)).collect()).to_vec());
    for l in &row.labels {
        let l = if row.labels.len() == 1 { Hay { s: leaf.s, set: leaf.set } } else { Hay::new(&l.key) };
        for (gi, g) in GROUPS.into_iter().enumerate() {
            if any_marker(&l, g.markers(), group_masks.get(gi)) {
                *group = Some(g);
            }
        }
    }
    let requests_first = matches!(ctx, Some(Ctx::Requests) | None | Some(Ctx::Appeals));
    let try_requests = |group: &Option<Group>| -> Option<&'static RowDef> {
        match_request_row(&leaf, lk, *group, last_request_row)
    };
    let try_proactive = || -> Vec<&'static RowDef> {
        let masks = row_masks(&schema::PROACTIVE);
        let matches = |(r, m): &(&RowDef, Option<&Vec<u64>>)| {
            any_marker(&leaf, r.markers, *m) || (leaf.s.is_empty() && any_marker(lk, r.markers, *m))
        };
        let rows = || schema::PROACTIVE.rows.iter().enumerate().map(|(i, r)| (r, masks.get(i)));
        // The first marker family that matches wins (规范性文件 before 规章 etc.): every
        // matching row with the first match's key.
        match rows().find(|x| matches(x)) {
            Some((first, _)) => rows().filter(|x| x.0.key == first.key && matches(x)).map(|x| x.0).collect(),
            None => Vec::new(),
        }
    };
    if ctx == Some(Ctx::Proactive) {
        let p = try_proactive();
        if !p.is_empty() {
            if p.iter().any(|r| r.key == "other_services" || r.key == "procurement") {
                votes.f2019 += 2;
            }
            return Some((Ctx::Proactive, p));
        }
    }
    if requests_first || ctx == Some(Ctx::Proactive) {
        if let Some(r) = try_requests(group) {
            // A request row outside the requests context needs an unambiguous label.
            if ctx == Some(Ctx::Requests) || strong_request_label(r) {
                match r.key {
                    "other_no_correction" | "other_no_fee" | "other_other" => votes.f2021 += 2,
                    "other_handling" if row.has_number() && !lk.has("1") => votes.f2019 += 1,
                    _ => {}
                }
                return Some((Ctx::Requests, vec![r]));
            }
        }
    }
    if ctx.is_none() {
        let p = try_proactive();
        if !p.is_empty() && leaf.s.chars().count() <= 12 {
            return Some((Ctx::Proactive, p));
        }
    }
    None
}

fn strong_request_label(r: &RowDef) -> bool {
    !matches!(r.key, "other_other" | "results_total" | "other_handling")
}

/// Match a table 三 row label.
fn match_request_row(
    leaf: &Hay,
    all: &Hay,
    group: Option<Group>,
    last: Option<&'static str>,
) -> Option<&'static RowDef> {
    let rows = schema::REQUESTS.rows;
    let masks = row_masks(&schema::REQUESTS);
    let find = |k: &str| rows.iter().find(|r| r.key == k);
    // Leaf label first, then the whole label (a label split over cells).
    for l in [leaf, all] {
        if l.s.is_empty() {
            continue;
        }
        // 总计 alone is the results total; 其他 alone is (六)3 only inside group (六).
        if (l.has("总计") || l.has("合计")) && !l.has("结转") && !l.has("新收") {
            return find("results_total");
        }
        for (i, r) in rows.iter().enumerate() {
            if r.key == "other_other" || r.key == "results_total" || r.key == "other_handling" {
                continue;
            }
            if any_marker(l, r.markers, masks.get(i)) {
                // 其他处理 wording in a (六)1/2 label must not shadow the sub-row itself.
                return Some(r);
            }
        }
        let bare = l.s.trim_start_matches(|c: char| c.is_ascii_digit());
        if (bare == "其他" || bare.ends_with("3其他") || bare == "其他情形")
            && (group == Some(Group::Other) || matches!(last, Some("other_no_fee" | "other_no_correction")))
        {
            return find("other_other");
        }
        if l.has("其他处理") {
            return find("other_handling");
        }
    }
    None
}

fn vote_proactive_header(h: &[(u32, u32, &'static str)], votes: &mut Votes) {
    for &(_, _, k) in h {
        match k {
            "issued" | "repealed" | "in_force" | "amount_10k_yuan" => votes.f2021 += 3,
            "made" | "published" | "public_total" | "previous_year" | "change" | "projects" | "amount" => {
                votes.f2019 += 3
            }
            _ => {}
        }
    }
}

fn decide_format(v: &Votes, assigned: &[Assigned], year: Option<i32>, text: &str) -> Format {
    if let Some(y) = year {
        if y <= 2018 {
            return Format::None;
        }
    }
    if v.f2021 > v.f2019 {
        return Format::F2021;
    }
    if v.f2019 > v.f2021 {
        return Format::F2019;
    }
    match year {
        Some(y) if y >= 2021 => return Format::F2021,
        Some(2019 | 2020) => return Format::F2019,
        _ => {}
    }
    if text.contains("〔2021〕30号") || text.contains("[2021]30号") {
        return Format::F2021;
    }
    if text.contains("〔2019〕60号") || text.contains("[2019]60号") {
        return Format::F2019;
    }
    if !assigned.is_empty() {
        return Format::F2021;
    }
    Format::None
}

/// Columns and cells of one assigned row, resolved into canonical cells.
fn resolve(a: &Assigned, def: &RowDef, findings: &mut Vec<Finding>, table_key: &str) -> IndexMap<Key, Cell> {
    let mut out: IndexMap<Key, Cell> = def.columns.iter().map(|c| (c.key.into(), Cell::missing())).collect();
    resolve_into(a, def, findings, table_key, &mut out);
    out
}

/// Set `out[k]` (keeping its position when present, appended otherwise). `i` is where `k`
/// is expected (its column index): checked, then found by hashing when elsewhere.
fn put(out: &mut IndexMap<Key, Cell>, i: usize, k: &'static str, cell: Cell) {
    if let Some((ok, v)) = out.get_index_mut(i) {
        if ok == k {
            *v = cell;
            return;
        }
    }
    match out.get_mut(k) {
        Some(v) => *v = cell,
        None => {
            out.insert(k.into(), cell);
        }
    }
}

/// [`resolve`] into `out`, which must hold exactly `def`'s columns, in order, all missing.
fn resolve_into(a: &Assigned, def: &RowDef, findings: &mut Vec<Finding>, table_key: &str, out: &mut IndexMap<Key, Cell>) {
    let cols = def.columns;
    let n = cols.len();

    // Positional: an HTML grid with a header naming (most of) this row's columns.
    let header = a.header.as_deref().map_or(&[][..], Vec::as_slice);
    if a.kind == GridKind::Html && !header.is_empty() {
        let named = || header.iter().filter(|h| cols.iter().any(|c| c.key == h.2));
        let n_named = named().count();
        if n_named * 2 > n || (n == 1 && n_named == 1) {
            for h in named() {
                let def = cols.iter().enumerate().find(|(_, c)| c.key == h.2);
                // Word tables give header and value cells different spans (自然人 over two
                // columns, the value below it over one): take the value cell that overlaps
                // the header's columns most, the one starting at the same column on a tie.
                let overlap = |c: &RCell| {
                    let (s, e) = (c.col.max(h.0), (c.col + c.colspan.max(1)).min(h.1));
                    e.saturating_sub(s)
                };
                let cell = a
                    .values
                    .iter()
                    .filter(|c| c.own && overlap(c) > 0)
                    .max_by_key(|c| (overlap(c), c.col == h.0, std::cmp::Reverse(c.col)));
                if let (Some((di, d)), Some(c)) = (def, cell) {
                    put(out, di, d.key, parse_cell(c.text, d.amount));
                }
            }
            return;
        }
    }

    // By order.
    let mut vals: Vec<&RCell> = a.values.iter().filter(|c| c.own || a.kind != GridKind::Html).collect();
    while vals.len() > n && vals.last().is_some_and(|c| c.key.is_empty()) {
        vals.pop();
    }
    while vals.len() > n && vals.first().is_some_and(|c| c.key.is_empty()) {
        vals.remove(0);
    }
    // Run-together digits: one cell holding the whole row.
    if n > 1 && vals.len() == 1 {
        let t = vals[0].text.trim();
        if t.len() >= n && t.bytes().all(|b| b.is_ascii_digit()) {
            let split = match table_key {
                "requests" => digits::split_request_row(t),
                "appeals" => digits::split_appeals_row(t),
                _ => digits::split_digits(t, n, &|_| true, 100_000),
            };
            match split {
                Split::Unique(parts) => {
                    for (i, (c, v)) in cols.iter().zip(parts).enumerate() {
                        let mut cell = parse_cell(&v.to_string(), c.amount);
                        cell.raw = Some(t.to_string());
                        put(out, i, c.key, cell);
                    }
                    return;
                }
                other => {
                    let why = match other {
                        Split::Ambiguous(c) => format!("{} ways", c.len().max(2)),
                        _ => "no way".to_string(),
                    };
                    findings.push(Finding {
                        rule: "table.ambiguous_digits".into(),
                        severity: Severity::Warning,
                        message: format!("{}.{} 的数字连在一起（{}），无法唯一拆分（{}），保留原文", table_key, def.key, t, why),
                        message_en: format!(
                            "the digits of {}.{} run together ({}) and cannot be split uniquely ({}); kept as text",
                            table_key, def.key, t, why
                        ),
                        cells: cols.iter().map(|c| schema::cell_key(table_key, def.key, c.key).into()).collect(),
                    });
                    let mut cell = parse_cell(t, false);
                    cell.state = CellState::Text;
                    cell.value = None;
                    if let Some(c0) = cols.first() {
                        put(out, 0, c0.key, cell);
                    }
                    return;
                }
            }
        }
    }
    if vals.len() > n {
        findings.push(Finding {
            rule: "table.extra_cells".into(),
            severity: Severity::Warning,
            message: format!("{}.{} 有 {} 个数值单元格，多于 {} 列，按顺序取前 {} 个", table_key, def.key, vals.len(), n, n),
            message_en: format!(
                "{}.{} has {} value cells for {} columns; the first {} were taken in order",
                table_key,
                def.key,
                vals.len(),
                n,
                n
            ),
            cells: cols.iter().map(|c| schema::cell_key(table_key, def.key, c.key).into()).collect(),
        });
    }
    for (i, (c, v)) in cols.iter().zip(vals.iter()).enumerate() {
        put(out, i, c.key, parse_cell(v.text, c.amount));
    }
    if vals.len() < n && !a.truncated && vals.iter().any(|c| !c.key.is_empty()) {
        findings.push(Finding {
            rule: "table.short_row".into(),
            severity: Severity::Warning,
            message: format!("{}.{} 只有 {} 个数值单元格（应为 {} 个），缺少的列记为缺失", table_key, def.key, vals.len(), n),
            message_en: format!(
                "{}.{} has only {} value cells for {} columns; the rest are missing",
                table_key,
                def.key,
                vals.len(),
                n
            ),
            cells: cols[vals.len()..].iter().map(|c| schema::cell_key(table_key, def.key, c.key).into()).collect(),
        });
    }
}

fn build(format: Format, assigned: &[Assigned], truncated: &[Ctx]) -> Mapped {
    let mut findings = Vec::new();
    let mut tables = Tables {
        proactive: CanonicalTable::missing(),
        requests: CanonicalTable::missing(),
        appeals: CanonicalTable::missing(),
    };
    if format == Format::None {
        return Mapped { format, tables, findings };
    }
    for (ctx, def) in [(Ctx::Proactive, &schema::PROACTIVE), (Ctx::Requests, &schema::REQUESTS), (Ctx::Appeals, &schema::APPEALS)] {
        let rows: Vec<&Assigned> = assigned.iter().filter(|a| a.table == ctx).collect();
        if rows.is_empty() {
            continue;
        }
        let mut t = CanonicalTable { status: TableStatus::Present, rows: missing_rows(def, format) };
        let mut filled: Vec<&'static str> = Vec::new();
        if ctx == Ctx::Appeals {
            fill_appeals(&rows, &mut t, &mut findings);
        } else {
            for a in &rows {
                let Some(rdef) = a.rows.iter().find(|r| r.formats.has(format)).copied() else { continue };
                if filled.contains(&rdef.key) {
                    continue; // the first occurrence wins (a repeated label later is prose-like)
                }
                filled.push(rdef.key);
                // The row pre-filled above (once: `filled`) is what resolve() would start
                // from: fill it in place.
                match t.rows.get_mut(rdef.key) {
                    Some(r) => {
                        debug_assert!(
                            r.len() == rdef.columns.len()
                                && r.iter().zip(rdef.columns).all(|((k, c), d)| k == d.key && *c == Cell::missing())
                        );
                        resolve_into(a, rdef, &mut findings, def.key, r)
                    }
                    None => {
                        let cells = resolve(a, rdef, &mut findings, def.key);
                        t.rows.insert(rdef.key.into(), cells);
                    }
                }
            }
            if ctx == Ctx::Requests {
                split_runs_by_columns(&mut t, format, &mut findings);
            }
        }
        let any_value = t.rows.values().flat_map(|r| r.values()).any(|c| matches!(c.state, CellState::Value | CellState::Dash | CellState::Text));
        if !any_value {
            // Labels survive but every number was lost (seed 001): present without values,
            // never zeros — an all-empty table is an extraction loss, not a table of blanks.
            for r in t.rows.values_mut() {
                for c in r.values_mut() {
                    *c = Cell::missing();
                }
            }
            t.status = TableStatus::PresentWithoutValues;
        } else if truncated.contains(&ctx) {
            t.status = TableStatus::Truncated;
            let missing: Vec<Key> = t
                .rows
                .iter()
                .flat_map(|(rk, r)| {
                    r.iter().filter(|(_, c)| c.state == CellState::Missing).map(move |(ck, _)| schema::cell_key(def.key, rk, ck).into())
                })
                .collect();
            findings.push(Finding {
                rule: "table.truncated".into(),
                severity: Severity::Warning,
                message: format!("表{}（{}）在原文中被截断，之后的 {} 个单元格缺失", def.numeral, def.label, missing.len()),
                message_en: format!(
                    "table {} ({}) is cut off in the source; the {} cells after the cut are missing",
                    def.numeral,
                    def.key,
                    missing.len()
                ),
                cells: missing,
            });
        } else if ctx == Ctx::Requests {
            let absent: Vec<&str> = t
                .rows
                .iter()
                .filter(|(rk, r)| *rk != "other_handling" && r.values().all(|c| c.state == CellState::Missing))
                .map(|(rk, _)| &**rk)
                .collect();
            if !absent.is_empty() {
                findings.push(Finding {
                    rule: "table.rows_missing".into(),
                    severity: Severity::Warning,
                    message: format!("表三缺少以下行：{}", absent.join("、")),
                    message_en: format!("table 三 (requests) lacks the rows: {}", absent.join(", ")),
                    cells: absent.iter().map(|r| format!("requests.{r}.*").into()).collect(),
                });
            }
        }
        if ctx == Ctx::Requests && format == Format::F2021 {
            derive_other_handling(&mut t);
        }
        match ctx {
            Ctx::Proactive => tables.proactive = t,
            Ctx::Requests => tables.requests = t,
            Ctx::Appeals => tables.appeals = t,
        }
    }
    Mapped { format, tables, findings }
}

/// The rows of `def` in `format`, every cell missing: what [`build`] starts a table from,
/// built once per process for the schema's tables and cloned (which copies the keys'
/// hashes instead of hashing them again).
fn missing_rows(def: &TableDef, format: Format) -> IndexMap<Key, IndexMap<Key, Cell>> {
    type Rows = IndexMap<Key, IndexMap<Key, Cell>>;
    static ROWS: [[std::sync::OnceLock<Rows>; 2]; 3] = [const { [const { std::sync::OnceLock::new() }; 2] }; 3];
    let fresh = || {
        let mut rows = Rows::new();
        for r in def.rows_in(format) {
            rows.insert(r.key.into(), r.columns.iter().map(|c| (c.key.into(), Cell::missing())).collect());
        }
        rows
    };
    let ti = schema::TABLES.iter().position(|t| std::ptr::eq(*t, def));
    let fi = match format {
        Format::F2019 => Some(0),
        Format::F2021 => Some(1),
        Format::None => None,
    };
    match (ti, fi) {
        (Some(ti), Some(fi)) => ROWS[ti][fi].get_or_init(fresh).clone(),
        _ => fresh(),
    }
}

/// Table 四: the value row(s) after its header, 15 cells in the official order.
fn fill_appeals(rows: &[&Assigned], t: &mut CanonicalTable, findings: &mut Vec<Finding>) {
    // Concatenate consecutive value rows until 15 values (a table split over lines).
    let mut vals: Vec<&RCell> = Vec::new();
    let first_block = rows.first().map(|a| a.block);
    for a in rows {
        if Some(a.block) != first_block && vals.len() >= 15 {
            break;
        }
        let mut v: Vec<&RCell> = a.values.iter().filter(|c| c.own || a.kind != GridKind::Html).collect();
        while v.last().is_some_and(|c| c.key.is_empty()) && vals.len() + v.len() > 15 {
            v.pop();
        }
        vals.extend(v);
        if vals.len() >= 15 {
            break;
        }
    }
    let holder = Assigned {
        table: Ctx::Appeals,
        rows: vec![&schema::APPEALS.rows[0]],
        values: vals.into_iter().cloned().collect(),
        header: None,
        kind: rows.first().map(|a| a.kind).unwrap_or(GridKind::PipeText),
        truncated: rows.last().is_some_and(|a| a.truncated),
        block: first_block.unwrap_or(0),
    };
    let def = &schema::APPEALS.rows[0];
    // The pre-filled row is what resolve() would start from: fill it in place.
    match t.rows.get_mut("count").filter(|r| is_missing_row(r, def)) {
        Some(r) => resolve_into(&holder, def, findings, "appeals", r),
        None => {
            let cells = resolve(&holder, def, findings, "appeals");
            t.rows.insert("count".into(), cells);
        }
    }
    let _ = APPEAL_COLUMNS;
}

/// Whether `r` holds exactly `def`'s columns, in order, all missing (what [`resolve_into`]
/// needs).
fn is_missing_row(r: &IndexMap<Key, Cell>, def: &RowDef) -> bool {
    r.len() == def.columns.len() && r.iter().zip(def.columns).all(|((k, c), d)| k == d.key && c.state == CellState::Missing && *c == Cell::missing())
}

/// In the 2021 format （六）其他处理 is the sum of its three sub-rows.
fn derive_other_handling(t: &mut CanonicalTable) {
    let subs = ["other_no_correction", "other_no_fee", "other_other"];
    let mut derived: Vec<Cell> = Vec::with_capacity(REQUEST_COLUMNS.len());
    for c in REQUEST_COLUMNS {
        let mut sum = 0i64;
        let mut ok = true;
        let mut any_value = false;
        for s in subs {
            match t.cell(s, c.key) {
                Some(cell) => match cell.state {
                    CellState::Value => match cell.value.and_then(Number::as_i64) {
                        Some(v) => {
                            sum += v;
                            any_value = true;
                        }
                        None => ok = false,
                    },
                    CellState::Blank | CellState::Dash => {}
                    _ => ok = false,
                },
                None => ok = false,
            }
        }
        let cell = if ok && any_value {
            Cell { state: CellState::Value, value: Some(Number::Int(sum)), raw: None, unit: None, derived: true }
        } else if ok {
            Cell { state: CellState::Blank, value: None, raw: None, unit: None, derived: true }
        } else {
            Cell::missing()
        };
        derived.push(cell);
    }
    // The row, with its columns in order, gets the derived cells in place; otherwise it is
    // replaced by them.
    match t.rows.get_mut("other_handling") {
        Some(r) if r.len() == REQUEST_COLUMNS.len() && r.keys().zip(REQUEST_COLUMNS).all(|(k, c)| k == c.key) => {
            for (slot, cell) in r.values_mut().zip(derived) {
                *slot = cell;
            }
        }
        _ => {
            let row: IndexMap<Key, Cell> = REQUEST_COLUMNS.iter().map(|c| Key::Borrowed(c.key)).zip(derived).collect();
            t.rows.insert("other_handling".into(), row);
        }
    }
}

/// Run-together digits that the row's own identity cannot split uniquely (`171000018`:
/// 17 1 0 0 0 0 18 or 1 7 10 0 0 0 18) are tried against the columns' identities
/// (一 + 二 = （七）+ 四 and （七）= Σ results, per column): when exactly one combination of
/// the ambiguous rows' candidate cuts makes every evaluable column identity hold — and each
/// ambiguous row takes part in one — those cuts are taken and the ambiguity finding goes.
fn split_runs_by_columns(t: &mut CanonicalTable, format: Format, findings: &mut Vec<Finding>) {
    const MAX_COMBINATIONS: usize = 512;
    let mut amb: Vec<(Key, String, Vec<Vec<u64>>)> = Vec::new();
    for (rk, row) in &t.rows {
        let Some(first) = row.get("natural_person") else { continue };
        let Some(raw) = first.raw.as_deref() else { continue };
        if first.state != CellState::Text || raw.len() < 7 || !raw.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if row.values().skip(1).any(|c| c.state != CellState::Missing) {
            continue;
        }
        if let Ok(c) = digits::request_candidates(raw, digits::DEFAULT_BUDGET, 64) {
            if c.len() >= 2 {
                amb.push((rk.clone(), raw.to_string(), c));
            }
        }
    }
    if amb.is_empty() {
        return;
    }
    let total = amb.iter().try_fold(1usize, |acc, a| acc.checked_mul(a.2.len()).filter(|n| *n <= MAX_COMBINATIONS));
    let Some(total) = total else { return };
    let fill = |t: &mut CanonicalTable, row: &str, raw: &str, parts: &[u64]| {
        if let Some(r) = t.rows.get_mut(row) {
            for (c, v) in REQUEST_COLUMNS.iter().zip(parts) {
                let mut cell = parse_cell(&v.to_string(), false);
                cell.raw = Some(raw.to_string());
                r.insert(c.key.into(), cell);
            }
        }
    };
    let mut winners: Vec<Vec<usize>> = Vec::new();
    for n in 0..total {
        let mut pick = Vec::with_capacity(amb.len());
        let mut k = n;
        for a in &amb {
            pick.push(k % a.2.len());
            k /= a.2.len();
        }
        let mut trial = t.clone();
        for (a, &i) in amb.iter().zip(&pick) {
            fill(&mut trial, &a.0, &a.1, &a.2[i]);
        }
        let tables = Tables { proactive: CanonicalTable::missing(), requests: trial, appeals: CanonicalTable::missing() };
        let (checks, _) = crate::checks::check(&tables, &[], format);
        let column_checks: Vec<_> =
            checks.iter().filter(|c| c.rule == "requests.balance" || c.rule == "requests.results_sum").collect();
        let all_hold = column_checks.iter().all(|c| c.holds);
        let each_constrained = amb.iter().all(|a| {
            let prefix = format!("requests.{}.", a.0);
            column_checks.iter().any(|c| c.cells.iter().any(|k| k.starts_with(&prefix)))
        });
        if all_hold && each_constrained {
            winners.push(pick);
            if winners.len() > 1 {
                return;
            }
        }
    }
    let [pick] = winners.as_slice() else { return };
    for (a, &i) in amb.iter().zip(pick) {
        fill(t, &a.0, &a.1, &a.2[i]);
        let prefix = format!("requests.{}.", a.0);
        findings.retain(|f| !(f.rule == "table.ambiguous_digits" && f.cells.first().is_some_and(|c| c.starts_with(&prefix))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`grid_rows`] lays out exactly what [`Grid::rows`] gives, spans and stray cells included.
    #[test]
    fn grid_rows_match_rows() {
        let cell = |row, col, rowspan, colspan, text: &str| PlacedCell { row, col, rowspan, colspan, text: text.into(), header: false };
        let mut g = Grid::new(GridKind::Html);
        g.n_rows = 4;
        g.n_cols = 4;
        g.cells = vec![
            cell(0, 0, 3, 1, "a"),
            cell(0, 1, 1, 3, "b"),
            cell(1, 2, 1, 1, "c"),
            cell(1, 1, 0, 1, "d"),
            cell(2, 1, 9, 2, "e"),
            cell(3, 0, 1, 1, "f"),
            cell(7, 0, 1, 1, "beyond"),
            cell(u32::MAX, 0, u32::MAX, 1, "far"),
        ];
        for grid in [g.clone(), Grid::new(GridKind::PipeText), Grid::from_text_rows(GridKind::PipeText, &[vec!["x", "1"], vec![], vec!["y"]])] {
            let (slots, starts) = grid_rows(&grid);
            let want = grid.rows();
            assert_eq!(starts.len(), want.len() + 1);
            for (r, w) in want.iter().enumerate() {
                let got = &slots[starts[r]..starts[r + 1]];
                assert!(got.len() == w.len() && got.iter().zip(w).all(|(a, b)| std::ptr::eq(*a, *b)), "row {r}");
            }
        }
    }

    /// The allocation-free keys agree with [`key`] on every character and on mixed text.
    #[test]
    fn fast_keys_match_key() {
        let mut buf = String::new();
        for u in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(u) else { continue };
            buf.clear();
            buf.push(c);
            if crate::normalize::t2s::has_traditional(&buf) {
                continue; // such text goes through key() itself
            }
            assert_eq!(key_cow(&buf, true), key(&buf), "U+{u:04X}");
            assert_eq!(key_cow(&buf, false), key(&buf), "U+{u:04X}");
        }
        let samples = [
            "",
            "0",
            " 12 ",
            "１２３",
            "（二）部分公开（区分处理的）",
            "本年增/减",
            "a\\b",
            "規範性檔案",
            "最佳化營商環境",
            "三、收到和处理政府信息公开申请情况",
            "　\u{00A0}\u{200B}\u{FEFF}—·・",
            "四、政府信息公开行政复议、行政诉讼情况",
            "（一）予以公开",
            "本年 新收\u{3000}申请（件）abc/1２",
            "ABC１２３def·ghi",
            "䷀䷁㐀一丁\u{9FFF}\u{A000}",
            "é中 文ü—",
        ];
        for s in samples {
            // (`false` is what a document without Traditional-only characters passes.)
            let trads: &[bool] = if crate::normalize::t2s::has_traditional(s) { &[true] } else { &[true, false] };
            for &trad in trads {
                assert_eq!(key_cow(s, trad), key(s), "{s}");
                for cap in [0, 1, 3, 5, 60] {
                    let k = key(s);
                    let want = (k.chars().count() <= cap).then_some(k);
                    assert_eq!(key_capped(s, cap, trad), want, "{s} {cap}");
                }
            }
        }
        let long = "二、主动公开政府信息情况".repeat(20);
        for trad in [true, false] {
            assert_eq!(key_capped(&long, 60, trad), None);
            assert_eq!(key_capped(&long, 10_000, trad), Some(key(&long)));
        }
    }
}

//! Splitting run-together digits (`640020470` → 64, 0, 0, 2, 0, 4, 70) under identities.
//!
//! Some crawlers concatenate a table row's cells without separators, so the row
//! `一、本年新收… | 64 | 0 | 0 | 2 | 0 | 4 | 70` reaches us as `…数量640020470`. The text
//! front end ([`crate::text`]) cuts such a line into a label cell and the digit run; the
//! mapper calls the functions here to cut the run into the row's numbers.
//!
//! A cut is a sequence of numbers written without leading zeros (a lone `0` is fine), each
//! at most [`MAX_PART_DIGITS`] digits long. Without constraints most runs can be cut in
//! many ways; the identities of the official tables remove nearly all of them and also
//! prune the search:
//! - a table 三 row ([`split_request_row`]) is six numbers and their total: the total is a
//!   suffix of the run (at most [`MAX_PART_DIGITS`] choices), no part is longer than it,
//!   the parts' digit sum must agree with it modulo 9 (a number is congruent to its digit
//!   sum, however the digits are cut), and the parts are searched left to right with the
//!   smallest and largest sums the remaining digits can still make (a small table computed
//!   once per total) bounding every step;
//! - table 四's row ([`split_appeals_row`]) is three groups of five, each group's fifth the
//!   sum of its first four: the first group is anchored at the start of the run and the
//!   last at its end, each found the same way, and the middle group must fill the gap
//!   between a first and a last group exactly.
//!
//! Every search counts its steps and gives up after a budget (`TooLong` / [`Exhausted`]),
//! so no input costs more than a bounded amount of work: a step is at most a dozen integer
//! operations, and the default budget ([`DEFAULT_BUDGET`]) is a fraction of a millisecond
//! even when a search uses it up. Runs longer than `parts ×` [`MAX_PART_DIGITS`] are
//! refused without searching. Ambiguous runs stay ambiguous: the caller gets the first few
//! candidates and decides (column identities across rows) or keeps the raw text.

/// The outcome of a split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    /// Exactly one cut satisfies the identities.
    Unique(Vec<u64>),
    /// Several cuts do (the first few are listed, in search order).
    Ambiguous(Vec<Vec<u64>>),
    /// None does (including runs shorter than the number of parts, and runs that are not
    /// all digits).
    NoSolution,
    /// The run is too long for the parts (more than `parts ×` [`MAX_PART_DIGITS`] digits),
    /// more than [`MAX_PARTS`] parts were asked for, or the work budget ran out before the
    /// search finished.
    TooLong,
}

/// The work budget was exhausted before the search finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exhausted;

/// Longest number a part may have. Counts in these reports stay far below 10^12 (the
/// largest seen are the 行政许可/行政处罚 decision counts of a province, ~10^7), and the
/// cap keeps every sum of a few parts inside `u64`.
pub const MAX_PART_DIGITS: usize = 12;

/// Most parts a generic cut ([`candidates`], [`split_digits`]) may have: the search
/// recurses once per part, so this bounds its stack depth. Table rows have at most 15.
pub const MAX_PARTS: usize = 64;

/// Steps the identity-pruned searches ([`split_request_row`], [`split_appeals_row`]) may
/// take. Measured on random rows that satisfy the identities, a 7-part row of 50 digits
/// (parts up to 10^7) needs at most ~30 000 steps and a 15-part row of 100 digits ~3 000;
/// real rows (mostly zeros, a few counts below 10^4) need a few hundred.
pub const DEFAULT_BUDGET: usize = 50_000;

/// How many candidates an [`Split::Ambiguous`] lists.
pub const SHOWN_CANDIDATES: usize = 4;

/// The run as digit values: ASCII digits, and full-width digits folded. `None` if it holds
/// anything else or is empty.
fn digits_of(run: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(run.len());
    for c in run.chars() {
        match c {
            '0'..='9' => out.push(c as u8 - b'0'),
            '０'..='９' => out.push((c as u32 - '０' as u32) as u8),
            _ => return None,
        }
    }
    if out.is_empty() {
        None
    } else {
        Some(out)
    }
}

/// Value of a digit slice (at most [`MAX_PART_DIGITS`] long, so it fits).
fn value(d: &[u8]) -> u64 {
    d.iter().fold(0u64, |v, &x| v * 10 + x as u64)
}

/// Step counter shared by a search.
struct Budget {
    left: usize,
}

impl Budget {
    fn step(&mut self) -> Result<(), Exhausted> {
        if self.left == 0 {
            return Err(Exhausted);
        }
        self.left -= 1;
        Ok(())
    }
}

/// Enumerate cuts of `run` into `parts` numbers (no leading zeros except a lone 0, each at
/// most [`MAX_PART_DIGITS`] digits) that `accept` keeps, at most `limit` of them, within
/// `budget` steps. `accept` sees complete cuts only, so the search is exhaustive over all
/// cuts: use the identity-specific functions for table rows. Runs that are not all digits,
/// or whose length no cut fits, and more than [`MAX_PARTS`] parts, give an empty list.
pub fn candidates(
    run: &str,
    parts: usize,
    accept: &dyn Fn(&[u64]) -> bool,
    budget: usize,
    limit: usize,
) -> Result<Vec<Vec<u64>>, Exhausted> {
    let mut out = Vec::new();
    let Some(d) = digits_of(run) else { return Ok(out) };
    if parts == 0 || parts > MAX_PARTS || limit == 0 || d.len() < parts || d.len() > parts.saturating_mul(MAX_PART_DIGITS) {
        return Ok(out);
    }
    let mut b = Budget { left: budget };
    let mut cur = Vec::with_capacity(parts);
    generic(&d, 0, parts, &mut cur, accept, &mut b, limit, &mut out)?;
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn generic(
    d: &[u8],
    pos: usize,
    parts: usize,
    cur: &mut Vec<u64>,
    accept: &dyn Fn(&[u64]) -> bool,
    b: &mut Budget,
    limit: usize,
    out: &mut Vec<Vec<u64>>,
) -> Result<(), Exhausted> {
    b.step()?;
    let left = parts - cur.len();
    let rest = d.len() - pos;
    if left == 0 {
        if rest == 0 && accept(cur) {
            out.push(cur.clone());
        }
        return Ok(());
    }
    if rest < left || rest > left * MAX_PART_DIGITS {
        return Ok(());
    }
    let max_len = if d[pos] == 0 { 1 } else { MAX_PART_DIGITS.min(rest - (left - 1)) };
    // The remaining parts can take at most (left - 1) × MAX digits.
    let min_len = rest.saturating_sub((left - 1) * MAX_PART_DIGITS).max(1);
    for len in min_len..=max_len {
        cur.push(value(&d[pos..pos + len]));
        generic(d, pos + len, parts, cur, accept, b, limit, out)?;
        cur.pop();
        if out.len() >= limit {
            return Ok(());
        }
    }
    Ok(())
}

/// Classify a candidate list.
fn to_split(r: Result<Vec<Vec<u64>>, Exhausted>) -> Split {
    match r {
        Err(Exhausted) => Split::TooLong,
        Ok(mut c) => match c.len() {
            0 => Split::NoSolution,
            1 => Split::Unique(c.remove(0)),
            _ => Split::Ambiguous(c),
        },
    }
}

/// Cut `run` (ASCII digits; full-width digits are accepted too) into `parts` numbers, no
/// leading zeros except a lone 0, keeping cuts accepted by `accept`; work bounded by
/// `budget` steps. Returns `TooLong` if the budget runs out, the run has more than
/// `parts ×` [`MAX_PART_DIGITS`] digits or more than [`MAX_PARTS`] parts are asked for,
/// `NoSolution` if it is shorter than `parts` or not all digits.
pub fn split_digits(run: &str, parts: usize, accept: &dyn Fn(&[u64]) -> bool, budget: usize) -> Split {
    let Some(d) = digits_of(run) else { return Split::NoSolution };
    if parts == 0 || d.len() < parts {
        return Split::NoSolution;
    }
    if parts > MAX_PARTS || d.len() > parts.saturating_mul(MAX_PART_DIGITS) {
        return Split::TooLong;
    }
    to_split(candidates(run, parts, accept, budget, SHOWN_CANDIDATES))
}

/// Cuts of a table 三 row: seven numbers, the last the sum of the first six. At most
/// `limit` cuts, in order of the total's length, then of the parts' lengths.
pub fn request_candidates(run: &str, budget: usize, limit: usize) -> Result<Vec<Vec<u64>>, Exhausted> {
    let mut out = Vec::new();
    let Some(d) = digits_of(run) else { return Ok(out) };
    let n = d.len();
    if limit == 0 || !(7..=7 * MAX_PART_DIGITS).contains(&n) {
        return Ok(out);
    }
    let mut b = Budget { left: budget };
    let mut cur: Vec<u64> = Vec::with_capacity(7);
    let dsum = digit_sums(&d);
    for tl in 1..=MAX_PART_DIGITS.min(n - 6) {
        b.step()?;
        let s = n - tl;
        if tl > 1 && d[s] == 0 {
            continue;
        }
        // Every part is at most the total, so at most `tl` digits long.
        if s > 6 * tl {
            continue;
        }
        let total = value(&d[s..]);
        // A number is congruent to its digit sum modulo 9, so the parts' sum is congruent
        // to the digit sum of the digits they are cut from, however they are cut.
        if (dsum[s] - dsum[0]) % 9 != total % 9 {
            continue;
        }
        let bounds = SuffixBounds::new(&d[..s], 0, s, 6, tl, &mut b)?;
        cur.clear();
        sum_parts(&d[..s], 0, 6, total, &bounds, &mut cur, &mut b, &mut |parts: &[u64]| {
            let mut v = parts.to_vec();
            v.push(total);
            out.push(v);
            out.len() >= limit
        })?;
        if out.len() >= limit {
            break;
        }
    }
    Ok(out)
}

/// `out[i]` = sum of the digits before position `i`.
fn digit_sums(d: &[u8]) -> Vec<u64> {
    let mut out = Vec::with_capacity(d.len() + 1);
    let mut acc = 0u64;
    out.push(0);
    for &x in d {
        acc += x as u64;
        out.push(acc);
    }
    out
}

/// The smallest and largest sums that cutting `d[pos..end)` into `left` parts (each at
/// most `max_part` digits, no leading zeros) can give, for `pos` in `lo..=end` and
/// `left ≤ parts`. A group of `parts` parts of at most `max_part` digits spans at most
/// `parts × max_part` digits, so callers pass `lo = end - parts × max_part` (or 0) and the
/// table stays small however long the run is.
struct SuffixBounds {
    lo: usize,
    parts: usize,
    /// `(min, max)` at `(pos - lo) * (parts + 1) + left`; `None` where no cut exists.
    table: Vec<Option<(u64, u64)>>,
}

impl SuffixBounds {
    fn new(d: &[u8], lo: usize, end: usize, parts: usize, max_part: usize, b: &mut Budget) -> Result<Self, Exhausted> {
        let w = parts + 1;
        let mut table = vec![None; (end - lo + 1) * w];
        table[(end - lo) * w] = Some((0, 0));
        for pos in (lo..end).rev() {
            for left in 1..=parts {
                b.step()?;
                let mut best: Option<(u64, u64)> = None;
                let hi = if d[pos] == 0 { 1 } else { max_part.min(end - pos) };
                let mut v = 0u64;
                for len in 1..=hi {
                    v = v * 10 + d[pos + len - 1] as u64;
                    if let Some((lo2, hi2)) = table[(pos + len - lo) * w + left - 1] {
                        best = Some(widen(best, v + lo2, v + hi2));
                    }
                }
                table[(pos - lo) * w + left] = best;
            }
        }
        Ok(SuffixBounds { lo, parts, table })
    }

    fn get(&self, pos: usize, left: usize) -> Option<(u64, u64)> {
        let i = pos.checked_sub(self.lo)?;
        self.table.get(i * (self.parts + 1) + left).copied().flatten()
    }

    fn admits(&self, pos: usize, left: usize, sum: u64) -> bool {
        matches!(self.get(pos, left), Some((lo, hi)) if lo <= sum && sum <= hi)
    }
}

/// The same bounds for cutting `d[0..e)` into `left` parts, for `e ≤ end`.
struct PrefixBounds {
    parts: usize,
    table: Vec<Option<(u64, u64)>>,
}

impl PrefixBounds {
    fn new(d: &[u8], end: usize, parts: usize, max_part: usize, b: &mut Budget) -> Result<Self, Exhausted> {
        let w = parts + 1;
        let mut table = vec![None; (end + 1) * w];
        table[0] = Some((0, 0));
        for e in 1..=end {
            for left in 1..=parts {
                b.step()?;
                let mut best: Option<(u64, u64)> = None;
                let (mut v, mut scale) = (0u64, 1u64);
                for len in 1..=max_part.min(e) {
                    let p = e - len;
                    v += d[p] as u64 * scale;
                    scale *= 10;
                    if len > 1 && d[p] == 0 {
                        continue;
                    }
                    if let Some((lo2, hi2)) = table[p * w + left - 1] {
                        best = Some(widen(best, v + lo2, v + hi2));
                    }
                }
                table[e * w + left] = best;
            }
        }
        Ok(PrefixBounds { parts, table })
    }

    fn admits(&self, e: usize, left: usize, sum: u64) -> bool {
        matches!(self.table.get(e * (self.parts + 1) + left).copied().flatten(), Some((lo, hi)) if lo <= sum && sum <= hi)
    }
}

fn widen(best: Option<(u64, u64)>, lo: u64, hi: u64) -> (u64, u64) {
    match best {
        None => (lo, hi),
        Some((a, c)) => (a.min(lo), c.max(hi)),
    }
}

/// Cut all of `d[pos..]` into `left` more parts summing to `rem`, calling `found` with the
/// complete parts (`cur` plus the new ones); `found` returns true to stop the search.
/// `bounds` are for `d` (its end is `d.len()`). Returns whether the search was stopped.
#[allow(clippy::too_many_arguments)]
fn sum_parts(
    d: &[u8],
    pos: usize,
    left: usize,
    rem: u64,
    bounds: &SuffixBounds,
    cur: &mut Vec<u64>,
    b: &mut Budget,
    found: &mut dyn FnMut(&[u64]) -> bool,
) -> Result<bool, Exhausted> {
    b.step()?;
    if !bounds.admits(pos, left, rem) {
        return Ok(false);
    }
    if left == 0 {
        return Ok(d.len() == pos && rem == 0 && found(cur));
    }
    if left == 1 {
        let last = &d[pos..];
        if last.len() <= MAX_PART_DIGITS && (last.len() == 1 || last[0] != 0) && value(last) == rem {
            cur.push(rem);
            let stop = found(cur);
            cur.pop();
            return Ok(stop);
        }
        return Ok(false);
    }
    let r = d.len() - pos;
    let hi = if d[pos] == 0 { 1 } else { MAX_PART_DIGITS.min(r - (left - 1)) };
    let mut v = 0u64;
    for len in 1..=hi {
        v = v * 10 + d[pos + len - 1] as u64;
        if v > rem {
            break; // longer prefixes are larger still
        }
        if !bounds.admits(pos + len, left - 1, rem - v) {
            continue;
        }
        cur.push(v);
        let stop = sum_parts(d, pos + len, left - 1, rem - v, bounds, cur, b, found)?;
        cur.pop();
        if stop {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Cut all of `d[0..e)` into `left` parts summing to `rem`, choosing parts from the right;
/// `rev` collects them right to left, and `found` gets them in reading order.
#[allow(clippy::too_many_arguments)]
fn sum_parts_back(
    d: &[u8],
    e: usize,
    left: usize,
    rem: u64,
    bounds: &PrefixBounds,
    rev: &mut Vec<u64>,
    b: &mut Budget,
    found: &mut dyn FnMut(&[u64]),
) -> Result<(), Exhausted> {
    b.step()?;
    if !bounds.admits(e, left, rem) {
        return Ok(());
    }
    if left == 1 {
        let first = &d[..e];
        if first.len() <= MAX_PART_DIGITS && (first.len() == 1 || first[0] != 0) && value(first) == rem {
            rev.push(rem);
            let parts: Vec<u64> = rev.iter().rev().copied().collect();
            found(&parts);
            rev.pop();
        }
        return Ok(());
    }
    for len in 1..=MAX_PART_DIGITS.min(e.saturating_sub(left - 1)) {
        let p = e - len;
        if len > 1 && d[p] == 0 {
            continue;
        }
        let v = value(&d[p..e]);
        if v > rem {
            break;
        }
        if !bounds.admits(p, left - 1, rem - v) {
            continue;
        }
        rev.push(v);
        sum_parts_back(d, p, left - 1, rem - v, bounds, rev, b, found)?;
        rev.pop();
    }
    Ok(())
}

/// Cuts of table 四's row: fifteen numbers, three groups of five, each group's fifth the sum
/// of its first four. At most `limit` cuts.
///
/// The first group is anchored at the start of the run and the last at its end: each is
/// found from its total's length (≤ [`MAX_PART_DIGITS`] choices), a digit-sum test modulo 9
/// and sum bounds, and the middle group must then fill the gap between them exactly.
pub fn appeals_candidates(run: &str, budget: usize, limit: usize) -> Result<Vec<Vec<u64>>, Exhausted> {
    let mut out = Vec::new();
    let Some(d) = digits_of(run) else { return Ok(out) };
    let n = d.len();
    if limit == 0 || !(15..=15 * MAX_PART_DIGITS).contains(&n) {
        return Ok(out);
    }
    let mut b = Budget { left: budget };
    let dsum = digit_sums(&d);
    let m9 = |from: usize, to: usize| (dsum[to] - dsum[from]) % 9;

    // First groups: (end, parts).
    let mut firsts: Vec<(usize, Vec<u64>)> = Vec::new();
    for tl in 1..=MAX_PART_DIGITS {
        let end_max = (4 * tl).min(n.saturating_sub(10 + tl));
        let mut bounds: Option<PrefixBounds> = None;
        for e in 4..=end_max {
            b.step()?;
            if tl > 1 && d[e] == 0 {
                continue;
            }
            let total = value(&d[e..e + tl]);
            if m9(0, e) != total % 9 {
                continue;
            }
            if bounds.is_none() {
                bounds = Some(PrefixBounds::new(&d, end_max, 4, tl, &mut b)?);
            }
            let Some(pb) = bounds.as_ref() else { continue };
            let mut rev = Vec::with_capacity(4);
            sum_parts_back(&d, e, 4, total, pb, &mut rev, &mut b, &mut |parts: &[u64]| {
                let mut g = parts.to_vec();
                g.push(total);
                firsts.push((e + tl, g));
            })?;
        }
    }
    if firsts.is_empty() {
        return Ok(out);
    }

    // Last groups: (start, parts).
    let mut lasts: Vec<(usize, Vec<u64>)> = Vec::new();
    for tl in 1..=MAX_PART_DIGITS.min(n - 10) {
        let s = n - tl;
        if tl > 1 && d[s] == 0 {
            continue;
        }
        let total = value(&d[s..]);
        let lo = s.saturating_sub(4 * tl).max(10);
        if lo + 4 > s {
            continue;
        }
        let mut bounds: Option<SuffixBounds> = None;
        for p in lo..=s - 4 {
            b.step()?;
            if m9(p, s) != total % 9 {
                continue;
            }
            if bounds.is_none() {
                bounds = Some(SuffixBounds::new(&d[..s], lo, s, 4, tl, &mut b)?);
            }
            let Some(bounds) = bounds.as_ref() else { continue };
            if !bounds.admits(p, 4, total) {
                continue;
            }
            let mut cur = Vec::with_capacity(5);
            sum_parts(&d[..s], p, 4, total, bounds, &mut cur, &mut b, &mut |parts: &[u64]| {
                let mut g = parts.to_vec();
                g.push(total);
                lasts.push((p, g));
                false
            })?;
        }
    }

    // Middle groups between each pair.
    let mut cache: Vec<Option<SuffixBounds>> = (0..(n + 1) * (MAX_PART_DIGITS + 1)).map(|_| None).collect();
    for (q, first) in &firsts {
        for (p, last) in &lasts {
            let (q, p) = (*q, *p);
            if p < q + 5 || p - q > 5 * MAX_PART_DIGITS {
                continue;
            }
            for tl in 1..=MAX_PART_DIGITS.min(p - q - 4) {
                b.step()?;
                let e = p - tl;
                if (tl > 1 && d[e] == 0) || e - q > 4 * tl {
                    continue;
                }
                let total = value(&d[e..p]);
                if m9(q, e) != total % 9 {
                    continue;
                }
                let idx = e * (MAX_PART_DIGITS + 1) + tl;
                if cache[idx].is_none() {
                    cache[idx] = Some(SuffixBounds::new(&d[..e], e.saturating_sub(4 * tl), e, 4, tl, &mut b)?);
                }
                let Some(bounds) = cache[idx].as_ref() else { continue };
                let mut cur = first.clone();
                let stop = sum_parts(&d[..e], q, 4, total, bounds, &mut cur, &mut b, &mut |parts: &[u64]| {
                    let mut v = parts.to_vec();
                    v.push(total);
                    v.extend_from_slice(last);
                    out.push(v);
                    out.len() >= limit
                })?;
                if stop {
                    return Ok(out);
                }
            }
        }
    }
    Ok(out)
}

/// A table 三 row: seven numbers, the last the sum of the first six.
pub fn split_request_row(run: &str) -> Split {
    let Some(d) = digits_of(run) else { return Split::NoSolution };
    if d.len() > 7 * MAX_PART_DIGITS {
        return Split::TooLong;
    }
    to_split(request_candidates(run, DEFAULT_BUDGET, SHOWN_CANDIDATES))
}

/// Table 四's row: fifteen numbers, three groups of five, each group's last the sum of
/// its first four.
pub fn split_appeals_row(run: &str) -> Split {
    let Some(d) = digits_of(run) else { return Split::NoSolution };
    if d.len() > 15 * MAX_PART_DIGITS {
        return Split::TooLong;
    }
    to_split(appeals_candidates(run, DEFAULT_BUDGET, SHOWN_CANDIDATES))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(v: &[u64]) -> String {
        v.iter().map(|x| x.to_string()).collect()
    }

    /// All cuts by brute force (small runs only), for cross-checking the pruned searches.
    fn brute(run: &str, parts: usize, ok: &dyn Fn(&[u64]) -> bool) -> Vec<Vec<u64>> {
        candidates(run, parts, ok, usize::MAX, usize::MAX).unwrap()
    }

    fn request_ok(v: &[u64]) -> bool {
        v[..6].iter().sum::<u64>() == v[6]
    }
    fn appeals_ok(v: &[u64]) -> bool {
        v.chunks(5).all(|g| g[..4].iter().sum::<u64>() == g[4])
    }

    #[test]
    fn issue_example() {
        assert_eq!(split_request_row("640020470"), Split::Unique(vec![64, 0, 0, 2, 0, 4, 70]));
        // Full-width digits are the same run.
        assert_eq!(split_request_row("６４００２０４７０"), Split::Unique(vec![64, 0, 0, 2, 0, 4, 70]));
    }

    #[test]
    fn seed_004_rows() {
        let unique: [&[u64]; 4] = [
            &[642, 3, 0, 0, 6, 0, 651],
            &[17, 0, 0, 0, 0, 0, 17],
            &[326, 0, 0, 0, 1, 0, 327],
            &[642, 2, 0, 0, 6, 0, 650],
        ];
        for r in unique {
            assert_eq!(split_request_row(&join(r)), Split::Unique(r.to_vec()), "{r:?}");
        }
        // 17 1 0 0 0 0 18 reads as 1 7 10 0 0 0 18 too: the identity alone cannot tell.
        match split_request_row("171000018") {
            Split::Ambiguous(c) => {
                assert!(c.contains(&vec![17, 1, 0, 0, 0, 0, 18]));
                assert!(c.contains(&vec![1, 7, 10, 0, 0, 0, 18]));
            }
            other => panic!("{other:?}"),
        }
        let appeals = [28, 9, 3, 1, 41, 6, 0, 2, 0, 8, 1, 0, 0, 0, 1];
        assert_eq!(split_appeals_row(&join(&appeals)), Split::Unique(appeals.to_vec()));
    }

    #[test]
    fn ambiguous_runs_stay_ambiguous() {
        // 1 0 0 0 0 10 11 and 10 0 0 0 1 0 11 read the same.
        let all = request_candidates("100001011", DEFAULT_BUDGET, 100).unwrap();
        assert!(all.contains(&vec![1, 0, 0, 0, 0, 10, 11]), "{all:?}");
        assert!(all.contains(&vec![10, 0, 0, 0, 1, 0, 11]), "{all:?}");
        assert!(all.iter().all(|v| request_ok(v)));
        match split_request_row("100001011") {
            Split::Ambiguous(c) => assert_eq!(c.len(), SHOWN_CANDIDATES.min(all.len())),
            other => panic!("{other:?}"),
        }
        // Without an identity, 2110 in three parts: 2 1 10, 2 11 0, 21 1 0.
        match split_digits("2110", 3, &|_| true, 1000) {
            Split::Ambiguous(c) => assert_eq!(c.len(), 3),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn impossible_and_odd_inputs() {
        assert_eq!(split_request_row("11112"), Split::NoSolution); // fewer digits than parts
        assert_eq!(split_request_row("1234567"), Split::NoSolution);
        assert_eq!(split_request_row(""), Split::NoSolution);
        assert_eq!(split_request_row("12a4567"), Split::NoSolution);
        assert_eq!(split_appeals_row("0000000000000000"), Split::NoSolution); // 16 zeros
        assert_eq!(split_appeals_row(&"0".repeat(15)), Split::Unique(vec![0; 15]));
        assert_eq!(split_request_row("0000000"), Split::Unique(vec![0; 7]));
        assert_eq!(split_digits("007", 2, &|_| true, 100), Split::NoSolution);
        assert_eq!(split_digits("12", 0, &|_| true, 100), Split::NoSolution);
        assert_eq!(split_digits("1", 1, &|_| true, 0), Split::TooLong); // no budget at all
    }

    #[test]
    fn pruned_searches_agree_with_brute_force() {
        // Every 7-to-10-digit run from a small generator: the pruned request search finds
        // exactly the cuts brute force does.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..400 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = 7 + (x % 5) as usize;
            let mut s: String = (0..len).map(|i| char::from(b'0' + ((x >> (i * 3)) % 4) as u8)).collect();
            if x % 3 == 0 {
                // A real row, so that solutions exist.
                let v: Vec<u64> = (0..6).map(|i| (x >> (i * 5)) % 13).collect();
                let mut row = v.clone();
                row.push(v.iter().sum());
                s = join(&row);
            }
            let mut want = brute(&s, 7, &request_ok);
            let mut got = request_candidates(&s, usize::MAX, usize::MAX).unwrap();
            want.sort();
            got.sort();
            assert_eq!(got, want, "{s}");
        }
        for seed in 0..60u64 {
            let v: Vec<u64> = (0..12).map(|i| ((seed * 7919 + i * 104_729) >> (i % 5)) % if i % 4 == 0 { 30 } else { 4 }).collect();
            let mut row = Vec::new();
            for g in v.chunks(4) {
                row.extend_from_slice(g);
                row.push(g.iter().sum());
            }
            let s = join(&row);
            let mut want = brute(&s, 15, &appeals_ok);
            let mut got = appeals_candidates(&s, usize::MAX, usize::MAX).unwrap();
            want.sort();
            got.sort();
            assert_eq!(got, want, "{s}");
            assert!(got.contains(&row));
        }
    }

    #[test]
    fn long_runs_are_bounded() {
        for run in ["1".repeat(200), "9".repeat(200), "10".repeat(100), "0".repeat(200)] {
            assert_eq!(split_request_row(&run), Split::TooLong);
            assert_eq!(split_appeals_row(&run), Split::TooLong);
            assert_eq!(split_digits(&run, 7, &|_| true, 10_000), Split::TooLong);
            // Refused by length alone: not a single step of search.
            assert_eq!(request_candidates(&run, 0, 4), Ok(vec![]));
            assert_eq!(appeals_candidates(&run, 0, 4), Ok(vec![]));
            assert_eq!(candidates(&run, 7, &|_| true, 0, 4), Ok(vec![]));
        }
        // The longest runs still searched end within the budget (an answer or TooLong);
        // a generous wall-clock bound catches an exponential search even in a debug build
        // on a busy machine (release: well under a millisecond, see the module docs).
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for len in [30usize, 60, 84, 120, 180] {
            for _ in 0..5 {
                let run: String = (0..len)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        char::from(b'0' + (x % 10) as u8)
                    })
                    .collect();
                let t = std::time::Instant::now();
                let _ = split_request_row(&run[..len.min(84)]);
                let _ = split_appeals_row(&run);
                assert!(t.elapsed().as_secs() < 2, "{run}: {:?}", t.elapsed());
            }
        }
        let budget_hit = request_candidates(&"12".repeat(25), 5, 4);
        assert_eq!(budget_hit, Err(Exhausted));
    }
}

//! Splitting run-together digits (`640020470` → 64, 0, 0, 2, 0, 4, 70) under identities.
//!
//! (Interface placed by the lead so the mapper compiles; the text front end owns this
//! module and may rework its internals.)

/// The outcome of a split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    /// Exactly one cut satisfies the identities.
    Unique(Vec<u64>),
    /// Several cuts do (the first few are listed).
    Ambiguous(Vec<Vec<u64>>),
    /// None does.
    NoSolution,
    /// The run is too long for the parts, or the work budget ran out.
    TooLong,
}

/// The work budget was exhausted before the search finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exhausted;

/// Longest number a part may have (counts in reports stay far below 10^12).
const MAX_PART_DIGITS: usize = 12;

/// Enumerate cuts of `run` into `parts` numbers (no leading zeros except a lone 0) that
/// `accept` keeps, at most `limit` of them, within `budget` steps.
pub fn candidates(
    run: &str,
    parts: usize,
    accept: &dyn Fn(&[u64]) -> bool,
    budget: usize,
    limit: usize,
) -> Result<Vec<Vec<u64>>, Exhausted> {
    let b = run.as_bytes();
    let mut out = Vec::new();
    if parts == 0 || b.is_empty() || !b.iter().all(u8::is_ascii_digit) || b.len() < parts || b.len() > parts * MAX_PART_DIGITS {
        return Ok(out);
    }
    let mut steps = 0usize;
    let mut cur: Vec<u64> = Vec::with_capacity(parts);
    fn go(
        b: &[u8],
        pos: usize,
        parts: usize,
        cur: &mut Vec<u64>,
        accept: &dyn Fn(&[u64]) -> bool,
        steps: &mut usize,
        budget: usize,
        limit: usize,
        out: &mut Vec<Vec<u64>>,
    ) -> Result<(), Exhausted> {
        *steps += 1;
        if *steps > budget {
            return Err(Exhausted);
        }
        let left = parts - cur.len();
        let rest = b.len() - pos;
        if left == 0 {
            if rest == 0 && accept(cur) {
                out.push(cur.clone());
            }
            return Ok(());
        }
        if rest < left || rest > left * MAX_PART_DIGITS {
            return Ok(());
        }
        let max_len = if b[pos] == b'0' { 1 } else { MAX_PART_DIGITS.min(rest - (left - 1)) };
        for len in 1..=max_len {
            let mut v = 0u64;
            for &d in &b[pos..pos + len] {
                v = v * 10 + (d - b'0') as u64;
            }
            cur.push(v);
            go(b, pos + len, parts, cur, accept, steps, budget, limit, out)?;
            cur.pop();
            if out.len() >= limit {
                return Ok(());
            }
        }
        Ok(())
    }
    go(b, 0, parts, &mut cur, accept, &mut steps, budget, limit, &mut out)?;
    Ok(out)
}

/// Cut `run` into `parts` numbers accepted by `accept`, within `budget` steps.
pub fn split_digits(run: &str, parts: usize, accept: &dyn Fn(&[u64]) -> bool, budget: usize) -> Split {
    if run.len() > parts * MAX_PART_DIGITS || run.len() < parts {
        return Split::TooLong;
    }
    match candidates(run, parts, accept, budget, 4) {
        Err(Exhausted) => Split::TooLong,
        Ok(c) if c.is_empty() => Split::NoSolution,
        Ok(mut c) if c.len() == 1 => Split::Unique(c.remove(0)),
        Ok(c) => Split::Ambiguous(c),
    }
}

/// A table 三 row: seven numbers, the last the sum of the first six.
pub fn split_request_row(run: &str) -> Split {
    split_digits(run, 7, &|v| v[..6].iter().sum::<u64>() == v[6], 2_000_000)
}

/// Table 四's row: fifteen numbers, three groups of five, each group's last the sum of
/// its first four.
pub fn split_appeals_row(run: &str) -> Split {
    split_digits(
        run,
        15,
        &|v| v.chunks(5).all(|g| g[..4].iter().sum::<u64>() == g[4]),
        2_000_000,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_example() {
        assert_eq!(split_request_row("640020470"), Split::Unique(vec![64, 0, 0, 2, 0, 4, 70]));
    }

    #[test]
    fn long_runs_are_bounded() {
        let run = "1".repeat(200);
        assert_eq!(split_request_row(&run), Split::TooLong);
    }
}

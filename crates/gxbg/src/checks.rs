//! Accounting identities (勾稽关系) → checks and findings.
use crate::report::{Check, Figure, Finding, Tables};
use crate::schema::Format;

/// Evaluate every identity.
pub fn check(_t: &Tables, _f: &[Figure], _fmt: Format) -> (Vec<Check>, Vec<Finding>) {
    (Vec::new(), Vec::new())
}

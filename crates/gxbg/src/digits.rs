//! Splitting run-together digits (`640020470` → 64, 0, 0, 2, 0, 4, 70) under identities.

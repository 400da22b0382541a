//! Outputs: JSON and the tidy long CSV.

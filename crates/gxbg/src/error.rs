//! Typed errors of the core. Every binding maps them; none of them is a panic.

/// Why an input could not be parsed as a report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input has no bytes (or only whitespace).
    #[error("empty input")]
    Empty,
    /// The input is a known binary format, not a page or a text.
    #[error("not a report: the input is a {0} file, not an HTML page or text")]
    Binary(&'static str),
    /// The bytes do not decode to text (mostly control bytes / NULs).
    #[error("not text: {0}")]
    NotText(String),
    /// Larger than the configured limit.
    #[error("input too large: {size} bytes (limit {limit} bytes)")]
    TooLarge { size: usize, limit: usize },
    /// Text that shows nothing of a government-information-disclosure report.
    #[error("not a report: {0}")]
    NotAReport(String),
    /// Reading a file failed.
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// A stable machine-readable code, the same in every binding.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Empty => "empty",
            Error::Binary(_) => "binary",
            Error::NotText(_) => "not_text",
            Error::TooLarge { .. } => "too_large",
            Error::NotAReport(_) => "not_a_report",
            Error::Io { .. } => "io",
        }
    }
}

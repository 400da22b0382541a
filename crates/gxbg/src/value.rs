//! Cell text → cell value (number, blank, dash, text).

#![no_main]
use libfuzzer_sys::fuzz_target;

// The body lives in fuzz/src/lib.rs, shared with the replay in crates/gxbg/tests/robustness.rs.
fuzz_target!(|data: &[u8]| gxbg_fuzz::text_document(data));

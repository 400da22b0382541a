//! WebAssembly bindings of gxbg: the raw exports behind the npm package `gxbg`.
//!
//! The JavaScript wrapper (`bindings/wasm/js/`) is the public API; these exports are its
//! internals. Reports cross the boundary as the core's JSON text (serde_json), which the
//! wrapper turns into plain objects with `JSON.parse`: the object has exactly the keys,
//! key order and values of the JSON output. The parse exports hand the text over as
//! UTF-16 code units (see [`utf16`]). Reports come back (for `toCSV`) as JS strings.
//!
//! Errors are thrown as JS `Error` objects whose `code` property is the core's
//! [`gxbg::Error::code`]. wasm32-unknown-unknown aborts on panic (a trap, which leaves the
//! instance unusable), so a panic hook first hands the panic message to JS through
//! `globalThis.__gxbgRecordPanic`; the wrapper then turns the trap into an `Error` with code
//! `panic` and re-instantiates the module (see `js/core.js`).

use wasm_bindgen::prelude::*;

/// Talc instead of the default dlmalloc: a parse makes thousands of small allocations
/// (strings, maps); 2–4 % less time per parse in Node on the repository's pages.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen]
extern "C" {
    /// The JS `Error` class, to throw errors that carry a `code`.
    #[wasm_bindgen(js_name = Error)]
    type JsErr;
    #[wasm_bindgen(constructor, js_class = "Error")]
    fn new(message: &str) -> JsErr;
    #[wasm_bindgen(method, setter = code)]
    fn set_code(this: &JsErr, code: &str);

    /// Set by the JS wrapper before the module is used; receives the panic message
    /// just before the instance traps.
    #[wasm_bindgen(js_namespace = globalThis, js_name = __gxbgRecordPanic)]
    fn record_panic(message: &str);
}

/// An `Error` with `message` and `code`.
fn js_error(message: &str, code: &str) -> JsValue {
    let e = JsErr::new(message);
    e.set_code(code);
    e.into()
}

fn core_error(e: gxbg::Error) -> JsValue {
    js_error(&e.to_string(), e.code())
}

/// Runs once when the module is instantiated (and again after every re-instantiation).
#[wasm_bindgen(start)]
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        record_panic(&info.to_string());
    }));
}

fn options(convert_traditional: Option<bool>, source: Option<String>) -> gxbg::Options {
    let mut o = gxbg::Options::default();
    if let Some(c) = convert_traditional {
        o.convert_traditional = c;
    }
    o.source = source;
    o
}

fn report_json(r: Result<gxbg::Report, gxbg::Error>) -> Result<String, JsValue> {
    let report = r.map_err(core_error)?;
    serde_json::to_string(&report)
        .map_err(|e| js_error(&format!("cannot serialise the report: {e}"), "internal"))
}

/// `s` as UTF-16 code units, for JS (see the module docs).
///
/// Reports cross to JS as UTF-16 rather than UTF-8: JS strings are UTF-16, and V8 decodes
/// UTF-8 with non-ASCII characters (every report has Chinese text) several times slower than
/// it copies UTF-16 code units (0.12–0.19 ms against 0.012 ms for a 46 KB report, measured);
/// encoding_rs's transcoding (ASCII a word at a time) costs less than the difference.
fn utf16(s: &str) -> Vec<u16> {
    // Every UTF-8 byte gives at most one UTF-16 code unit (what the function asks for).
    let mut out = vec![0u16; s.len()];
    let n = encoding_rs::mem::convert_str_to_utf16(s, &mut out);
    out.truncate(n);
    out
}

/// Parse bytes (any supported encoding); returns the report as JSON text in UTF-16.
#[wasm_bindgen(js_name = parseBytes)]
pub fn parse_bytes(
    bytes: &[u8],
    convert_traditional: Option<bool>,
    source: Option<String>,
) -> Result<Vec<u16>, JsValue> {
    report_json(gxbg::parse_bytes(
        bytes,
        &options(convert_traditional, source),
    ))
    .map(|json| utf16(&json))
}

/// Parse already-decoded text; returns the report as JSON text in UTF-16.
#[wasm_bindgen(js_name = parseText)]
pub fn parse_text(
    text: &str,
    convert_traditional: Option<bool>,
    source: Option<String>,
) -> Result<Vec<u16>, JsValue> {
    report_json(gxbg::parse_str(text, &options(convert_traditional, source)))
        .map(|json| utf16(&json))
}

/// Reports from their JSON text: one report object, or an array of them (`true`).
fn reports_from_json(json: &str) -> Result<(Vec<gxbg::Report>, bool), JsValue> {
    let invalid =
        |e: serde_json::Error| js_error(&format!("not a gxbg report: {e}"), "invalid_report");
    let value: serde_json::Value = serde_json::from_str(json).map_err(invalid)?;
    if value.is_array() {
        Ok((serde_json::from_value(value).map_err(invalid)?, true))
    } else {
        Ok((vec![serde_json::from_value(value).map_err(invalid)?], false))
    }
}

/// The core's tidy CSV (with header) of one report or an array of reports given as JSON text.
#[wasm_bindgen(js_name = reportsToCsv)]
pub fn reports_to_csv(json: &str) -> Result<String, JsValue> {
    let (reports, _) = reports_from_json(json)?;
    let refs: Vec<&gxbg::Report> = reports.iter().collect();
    Ok(gxbg::output::to_csv(&refs))
}

/// The JSON output of one report or an array of reports given as JSON text, as the CLI
/// writes it: one report as [`gxbg::output::to_json`], several as a pretty JSON array.
#[wasm_bindgen(js_name = reportsToJson)]
pub fn reports_to_json(json: &str) -> Result<String, JsValue> {
    match reports_from_json(json)? {
        (reports, false) => Ok(reports
            .first()
            .map(gxbg::output::to_json)
            .unwrap_or_default()),
        (reports, true) => serde_json::to_string_pretty(&reports)
            .map_err(|e| js_error(&format!("cannot serialise the reports: {e}"), "internal")),
    }
}

/// The canonical tables of a format (`"2019"` or `"2021"`) as JSON text: keys, labels and
/// column sets from the core's schema, in report order.
#[wasm_bindgen(js_name = schemaJson)]
pub fn schema_json(format: &str) -> Result<String, JsValue> {
    let f = match format {
        "2019" => gxbg::Format::F2019,
        "2021" => gxbg::Format::F2021,
        other => {
            return Err(js_error(
                &format!("unknown format {other:?}: expected \"2019\" or \"2021\""),
                "invalid_argument",
            ))
        }
    };
    let tables: Vec<serde_json::Value> = gxbg::schema::TABLES
        .iter()
        .map(|t| {
            let rows: Vec<serde_json::Value> = t
                .rows_in(f)
                .map(|r| {
                    let columns: Vec<serde_json::Value> = r
                        .columns
                        .iter()
                        .map(|c| serde_json::json!({ "key": c.key, "label": c.label, "amount": c.amount }))
                        .collect();
                    serde_json::json!({
                        "key": r.key,
                        "label": r.label,
                        "group": r.group,
                        "derived": r.derived_in_2021 && f == gxbg::Format::F2021,
                        "columns": columns,
                    })
                })
                .collect();
            serde_json::json!({ "key": t.key, "label": t.label, "numeral": t.numeral, "rows": rows })
        })
        .collect();
    serde_json::to_string(&serde_json::json!({ "format": f, "tables": tables }))
        .map_err(|e| js_error(&format!("cannot serialise the schema: {e}"), "internal"))
}

/// The version of gxbg compiled into this module.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Fails on purpose (test builds only, feature `test-panic`): `panic` panics with `message`
/// (the panic hook runs, then the instance traps); `abort` aborts without a panic (a bare
/// trap, as out-of-memory would be).
#[cfg(feature = "test-panic")]
#[wasm_bindgen(js_name = __gxbgTestFailure)]
pub fn test_failure(kind: &str, message: &str) {
    if kind == "abort" {
        std::process::abort();
    }
    panic!("deliberate test panic: {message}");
}

#[cfg(test)]
mod tests {
    use super::utf16;

    #[test]
    fn utf16_matches_encode_utf16() {
        let samples = [
            "",
            "a",
            "{\"key\":\"value\",\"n\":12345678}",
            "政府信息公开工作年度报告",
            "abcdefg政府信息公开hijklmnopqrstuvwx¢€𝄞😀z",
            "𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞",
            "1234567\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
        ];
        for s in samples {
            let want: Vec<u16> = s.encode_utf16().collect();
            assert_eq!(utf16(s), want, "{s:?}");
        }
    }
}

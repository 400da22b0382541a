//! `gxbg._gxbg`: the native half of the Python package `gxbg`.
//!
//! No parsing logic lives here: every function hands its input to the core crate
//! (`gxbg::parse_str` / `parse_bytes` / `parse_file`) and converts the result. The public,
//! documented API is the pure-Python layer in `python/gxbg/`; this module is private.
//!
//! * Inputs are dispatched by type in Python (`str` → [`parse_text`], bytes-like →
//!   [`parse_bytes`], path → [`parse_path`]); files are read here, in Rust.
//! * The GIL is released while the core works ([`Python::detach`]), so parses run in
//!   parallel with other Python threads; [`parse_many`] parses a batch on a pool of worker
//!   threads kept between calls ([`worker_pool`]) and returns results in input order.
//! * A core error becomes an instance of the matching `gxbg.ParseError` subclass, built by
//!   `gxbg._errors._from_native`. A panic in the core is caught ([`catch_unwind`]) and becomes
//!   a `ParseError` with code `internal`: it never unwinds into, or aborts, the interpreter.

// `Failure` is big, but so is the `Report` on the other side of every such `Result`.
#![allow(clippy::result_large_err)]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString};
use serde_json::Value;

/// mimalloc for the extension's own (Rust) allocations: a parse makes many small ones and
/// glibc malloc/free were ~20 % of its instructions (15-20 % less time per report measured).
/// Nothing allocated here is freed by Python or the other way round: values cross as Python
/// objects.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Stack of each `parse_many` worker: as large as a main thread's usual 8 MiB and more, so
/// a deep input cannot overflow a worker where it would not overflow a plain `parse`.
const WORKER_STACK: usize = 16 << 20;

/// A parsed report, kept as the core's Rust value; Python reads it through `to_dict`,
/// `to_json` and `csv_columns`.
#[pyclass(frozen, module = "gxbg._gxbg", name = "NativeReport")]
struct NativeReport {
    inner: gxbg::Report,
}

#[pymethods]
impl NativeReport {
    /// The report as plain Python objects, the same shape as the JSON output.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = serde_json::to_value(&self.inner).map_err(|e| PyRuntimeError::new_err(format!("serialising the report: {e}")))?;
        value_to_py(py, &v)
    }

    /// The report as JSON text (compact, or indented by `indent` spaces).
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_string(&self.inner, indent)
    }

    /// The core's CSV rows (`gxbg::output::csv_rows`), column by column; `value` as a float
    /// (None where the CSV's value is empty), the other columns as the CSV writes them.
    fn csv_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        csv_columns_of(py, &[&self.inner])
    }

    /// The core's CSV output (header line included).
    fn to_csv(&self) -> String {
        gxbg::output::to_csv(&[&self.inner])
    }

    #[getter]
    fn source(&self) -> &str {
        &self.inner.source
    }

    #[getter]
    fn format(&self) -> &'static str {
        self.inner.format.as_str()
    }

    /// A copy holding only what the cross-year checks read (`gxbg::crossyear::slim`).
    fn slim(&self) -> NativeReport {
        NativeReport { inner: gxbg::crossyear::slim(&self.inner) }
    }

    /// Rebuild a report from its JSON (used by pickling).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        serde_json::from_str(text)
            .map(|inner| NativeReport { inner })
            .map_err(|e| PyValueError::new_err(format!("not the JSON of a gxbg report: {e}")))
    }
}

fn json_string(r: &gxbg::Report, indent: Option<usize>) -> PyResult<String> {
    let res = match indent {
        None => serde_json::to_string(r),
        Some(n) => {
            let pad = vec![b' '; n];
            let mut out = Vec::new();
            let fmt = serde_json::ser::PrettyFormatter::with_indent(&pad);
            let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
            serde::Serialize::serialize(r, &mut ser).map(|_| String::from_utf8_lossy(&out).into_owned())
        }
    };
    res.map_err(|e| PyRuntimeError::new_err(format!("serialising the report: {e}")))
}

/// serde_json value → Python object (dict keys keep the report's order).
fn value_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for x in items {
                list.append(value_to_py(py, x)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, x) in map {
                dict.set_item(k, value_to_py(py, x)?)?;
            }
            dict.into_any()
        }
    })
}

/// The core's CSV rows of several reports as columns
/// `source, table, row, column, value, raw, state` (`value` a float or None).
///
/// Equal strings are one Python object (interned for the call): the source repeats in every
/// row of its report, and table, row, column and state take a few hundred values over any
/// number of rows. Building a new `str` for each of a corpus' millions of fields took most of
/// this function's time.
fn csv_columns_of<'py>(py: Python<'py>, reports: &[&gxbg::Report]) -> PyResult<Bound<'py, PyDict>> {
    let mut strs: std::collections::HashMap<String, Bound<'py, PyString>> = std::collections::HashMap::new();
    let mut intern = |s: &str| match strs.get(s) {
        Some(o) => o.clone(),
        None => {
            let o = PyString::new(py, s);
            strs.insert(s.to_owned(), o.clone());
            o
        }
    };
    // Per column, the last value and its object: a column often repeats the row before
    // (the source always within a report), which a comparison settles without hashing.
    let mut last: [(String, Option<Bound<'py, PyString>>); 6] = Default::default();
    let mut cols: [Vec<Bound<'py, PyString>>; 6] = Default::default();
    let mut value: Vec<Option<f64>> = Vec::new();
    for r in reports {
        gxbg::output::for_each_csv_row(r, |[source, table, row, column, v, raw], state| {
            for ((col, (lk, lo)), s) in cols.iter_mut().zip(last.iter_mut()).zip([source, table, row, column, raw, state]) {
                let o = match lo {
                    Some(o) if lk.as_str() == s => o.clone(),
                    _ => {
                        let o = intern(s);
                        lk.clear();
                        lk.push_str(s);
                        *lo = Some(o.clone());
                        o
                    }
                };
                col.push(o);
            }
            // The CSV writes the number as text, empty when the cell has none.
            value.push(if v.is_empty() { None } else { v.parse::<f64>().ok() });
        });
    }
    let [source, table, row, column, raw, state] = cols;
    let d = PyDict::new(py);
    d.set_item("source", source)?;
    d.set_item("table", table)?;
    d.set_item("row", row)?;
    d.set_item("column", column)?;
    d.set_item("value", value)?;
    d.set_item("raw", raw)?;
    d.set_item("state", state)?;
    Ok(d)
}

/// The CSV rows of several reports at once, as columns (see `NativeReport.csv_columns`).
#[pyfunction]
fn csv_columns<'py>(py: Python<'py>, reports: Vec<Bound<'py, NativeReport>>) -> PyResult<Bound<'py, PyDict>> {
    let refs: Vec<&gxbg::Report> = reports.iter().map(|r| &r.get().inner).collect();
    csv_columns_of(py, &refs)
}

/// The cross-year findings of several reports (`gxbg::crossyear::cross_year`), each as the
/// plain Python form of its JSON (`publisher`, `finding`, `source`, `year`, `other_source`,
/// `other_year`). The publisher map is either `pairs` (`(pattern, publisher)`, first match
/// wins; an empty pattern is ignored) or `tsv` (`pattern<TAB>publisher` lines, as
/// `gxbg batch --publishers` reads them; a bad line raises ValueError); neither: no map.
/// The GIL is released while the core works; a panic in it raises `gxbg.InternalError`.
#[pyfunction]
#[pyo3(signature = (reports, *, pairs=None, tsv=None))]
fn cross_year<'py>(
    py: Python<'py>,
    reports: Vec<Bound<'py, NativeReport>>,
    pairs: Option<Vec<(String, String)>>,
    tsv: Option<String>,
) -> PyResult<Bound<'py, PyList>> {
    let map = match (pairs, tsv) {
        (Some(_), Some(_)) => return Err(PyValueError::new_err("give the publisher map as pairs or as TSV, not both")),
        (Some(pairs), None) => {
            let mut m = gxbg::crossyear::PublisherMap::new();
            for (pattern, publisher) in &pairs {
                m.insert(pattern, publisher);
            }
            m
        }
        (None, Some(text)) => gxbg::crossyear::PublisherMap::from_tsv(&text).map_err(|e| PyValueError::new_err(format!("publisher map: {e}")))?,
        (None, None) => gxbg::crossyear::PublisherMap::new(),
    };
    let overrides = if map.is_empty() { None } else { Some(&map) };
    let refs: Vec<&gxbg::Report> = reports.iter().map(|r| &r.get().inner).collect();
    let res = py.detach(|| catch_unwind(AssertUnwindSafe(|| gxbg::crossyear::cross_year(&refs, overrides))));
    let findings = match res {
        Ok(f) => f,
        Err(payload) => return Err(Failure::from_panic(payload, "<cross_year>").into_pyerr(py)),
    };
    let out = PyList::empty(py);
    for f in &findings {
        let v = serde_json::to_value(f).map_err(|e| PyRuntimeError::new_err(format!("serialising a finding: {e}")))?;
        out.append(value_to_py(py, &v)?)?;
    }
    Ok(out)
}

/// Everything a Python exception needs to know about a failed parse.
#[derive(Debug, Clone)]
struct Failure {
    code: &'static str,
    message: String,
    reason: String,
    source: String,
    errno: Option<i32>,
    filename: Option<String>,
    size: Option<usize>,
    limit: Option<usize>,
    kind: Option<String>,
}

impl Failure {
    fn new(code: &'static str, message: String, reason: String, source: &str) -> Self {
        Failure { code, message, reason, source: source.to_string(), errno: None, filename: None, size: None, limit: None, kind: None }
    }

    fn from_core(e: &gxbg::Error, source: &str) -> Self {
        let mut f = Failure::new(e.code(), e.to_string(), String::new(), source);
        f.reason = match e {
            gxbg::Error::Empty => "empty input".to_string(),
            gxbg::Error::Binary(kind) => {
                f.kind = Some((*kind).to_string());
                format!("the input is a {kind} file, not an HTML page or text")
            }
            gxbg::Error::NotText(why) => why.clone(),
            gxbg::Error::TooLarge { size, limit } => {
                f.size = Some(*size);
                f.limit = Some(*limit);
                format!("{size} bytes (limit {limit} bytes)")
            }
            gxbg::Error::NotAReport(why) => why.clone(),
            gxbg::Error::Io { path, source: io } => {
                f.errno = io.raw_os_error();
                f.filename = Some(path.clone());
                io.to_string()
            }
        };
        f
    }

    fn from_panic(payload: Box<dyn std::any::Any + Send>, source: &str) -> Self {
        let what = if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "unknown panic".to_string()
        };
        Failure::new(
            "internal",
            format!("internal error in gxbg (a bug, please report it with the input): {what}"),
            what,
            source,
        )
    }

    /// An instance of the matching `gxbg.ParseError` subclass.
    fn to_exception<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let errors = PyModule::import(py, "gxbg._errors")?;
        let extra = PyDict::new(py);
        extra.set_item("errno", self.errno)?;
        extra.set_item("filename", self.filename.as_deref())?;
        extra.set_item("size", self.size)?;
        extra.set_item("limit", self.limit)?;
        extra.set_item("kind", self.kind.as_deref())?;
        errors.getattr("_from_native")?.call1((self.code, &self.message, &self.source, &self.reason, extra))
    }

    fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self.to_exception(py) {
            Ok(exc) => PyErr::from_value(exc),
            // Only when the Python half is missing or broken: still an exception, never a crash.
            Err(e) => PyRuntimeError::new_err(format!("{} (and building gxbg.ParseError failed: {e})", self.message)),
        }
    }
}

/// One input, owned, ready to leave the GIL.
enum Input {
    Text(PyBackedStr),
    Bytes(PyBackedBytes),
    Path(PathBuf),
}

impl Input {
    fn default_name(&self) -> String {
        match self {
            Input::Text(_) => "<str>".to_string(),
            Input::Bytes(_) => "<bytes>".to_string(),
            Input::Path(p) => p.display().to_string(),
        }
    }
}

fn options(convert_traditional: bool, name: Option<String>) -> gxbg::Options {
    gxbg::Options { convert_traditional, source: name, ..gxbg::Options::default() }
}

/// Run the core on one input; a panic becomes a `Failure` with code `internal`.
fn run(input: &Input, name: Option<&str>, convert_traditional: bool) -> Result<gxbg::Report, Failure> {
    let label = name.map(str::to_string).unwrap_or_else(|| input.default_name());
    let opts = options(convert_traditional, Some(label.clone()));
    guarded(&label, || match input {
        Input::Text(s) => gxbg::parse_str(s, &opts),
        Input::Bytes(b) => gxbg::parse_bytes(b, &opts),
        Input::Path(p) => gxbg::parse_file(p, &opts),
    })
}

/// Call the core, turning its error into a `Failure` and a panic into one with code `internal`.
fn guarded(label: &str, core: impl FnOnce() -> Result<gxbg::Report, gxbg::Error>) -> Result<gxbg::Report, Failure> {
    match catch_unwind(AssertUnwindSafe(core)) {
        Ok(Ok(r)) => Ok(r),
        Ok(Err(e)) => Err(Failure::from_core(&e, label)),
        Err(payload) => Err(Failure::from_panic(payload, label)),
    }
}

/// Test hook: panic inside the same guard the parsers use, to show a panic in the core
/// reaches Python as `gxbg.InternalError`, not a crash or a `PanicException`.
#[pyfunction]
fn _panic_in_core(py: Python<'_>, message: String) -> PyResult<()> {
    let res = py.detach(|| guarded("<test>", || -> Result<gxbg::Report, gxbg::Error> { panic!("{}", message) }));
    match res {
        Ok(_) => Ok(()),
        Err(f) => Err(f.into_pyerr(py)),
    }
}

fn parse_one(py: Python<'_>, input: Input, name: Option<String>, convert_traditional: bool) -> PyResult<NativeReport> {
    let res = py.detach(|| run(&input, name.as_deref(), convert_traditional));
    drop(input); // with the GIL held again
    match res {
        Ok(inner) => Ok(NativeReport { inner }),
        Err(f) => Err(f.into_pyerr(py)),
    }
}

/// Text from a Python `str`; one that cannot be UTF-8 (lone surrogates) fails as `not_text`.
fn text_input(obj: &Bound<'_, PyAny>, name: Option<&str>) -> PyResult<Result<Input, Failure>> {
    let s = obj.cast::<PyString>().map_err(PyErr::from)?;
    Ok(match s.extract::<PyBackedStr>() {
        Ok(t) => Ok(Input::Text(t)),
        Err(e) => {
            let why = format!("the str is not valid Unicode text ({})", e.value(obj.py()));
            Err(Failure::new("not_text", format!("not text: {why}"), why, name.unwrap_or("<str>")))
        }
    })
}

/// Parse decoded text.
#[pyfunction]
#[pyo3(signature = (text, *, convert_traditional=true, name=None))]
fn parse_text(py: Python<'_>, text: Bound<'_, PyAny>, convert_traditional: bool, name: Option<String>) -> PyResult<NativeReport> {
    match text_input(&text, name.as_deref())? {
        Ok(input) => parse_one(py, input, name, convert_traditional),
        Err(f) => Err(f.into_pyerr(py)),
    }
}

/// Parse raw bytes (a page in any supported encoding).
#[pyfunction]
#[pyo3(signature = (data, *, convert_traditional=true, name=None))]
fn parse_bytes(py: Python<'_>, data: PyBackedBytes, convert_traditional: bool, name: Option<String>) -> PyResult<NativeReport> {
    parse_one(py, Input::Bytes(data), name, convert_traditional)
}

/// Read a file (in Rust) and parse it.
#[pyfunction]
#[pyo3(signature = (path, *, convert_traditional=true, name=None))]
fn parse_path(py: Python<'_>, path: PathBuf, convert_traditional: bool, name: Option<String>) -> PyResult<NativeReport> {
    parse_one(py, Input::Path(path), name, convert_traditional)
}

/// Parse a batch in parallel, the GIL released. `items` are `(kind, payload, name)` with
/// kind `"text"` (payload str), `"bytes"` (payload bytes) or `"path"` (payload str path).
/// Returns, in input order, a `NativeReport` or a `gxbg.ParseError` instance per item.
#[pyfunction]
#[pyo3(signature = (items, *, workers=None, convert_traditional=true))]
fn parse_many<'py>(
    py: Python<'py>,
    items: Vec<(String, Bound<'py, PyAny>, Option<String>)>,
    workers: Option<usize>,
    convert_traditional: bool,
) -> PyResult<Bound<'py, PyList>> {
    let mut inputs: Vec<(Result<Input, Failure>, Option<String>)> = Vec::with_capacity(items.len());
    for (kind, payload, name) in items {
        let input = match kind.as_str() {
            // A bad str fails in its own slot, not the whole batch.
            "text" => text_input(&payload, name.as_deref())?,
            "bytes" => Ok(Input::Bytes(payload.extract()?)),
            "path" => Ok(Input::Path(payload.extract()?)),
            other => return Err(PyTypeError::new_err(format!("unknown input kind {other:?}"))),
        };
        inputs.push((input, name));
    }
    let workers = match workers {
        Some(0) => return Err(PyValueError::new_err("workers must be at least 1")),
        Some(n) => n,
        None => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
    };

    let results = py.detach(|| run_pool(&inputs, workers, convert_traditional));
    drop(inputs);

    let out = PyList::empty(py);
    for res in results {
        match res {
            Ok(inner) => out.append(Bound::new(py, NativeReport { inner })?)?,
            Err(f) => out.append(f.to_exception(py)?)?,
        }
    }
    Ok(out)
}

type Outcome = Result<gxbg::Report, Failure>;

/// Parse every input on `workers` threads (work handed out one item at a time, so uneven
/// inputs balance); results in input order.
///
/// The threads are a pool kept between calls ([`worker_pool`]): a batch started on fresh
/// threads ran on fresh allocator heaps, whose first touch of new memory was part of why 2
/// workers took more CPU time than 1 (the calling thread, warm) for the same batch. When no
/// pool can be had, the batch runs on scoped threads started for it.
fn run_pool(inputs: &[(Result<Input, Failure>, Option<String>)], workers: usize, convert_traditional: bool) -> Vec<Outcome> {
    let n = workers.min(inputs.len()).max(1);
    let one = |i: usize| -> Outcome {
        match inputs.get(i) {
            Some((Ok(input), name)) => run(input, name.as_deref(), convert_traditional),
            Some((Err(f), _)) => Err(f.clone()),
            None => Err(Failure::new("internal", "internal error: index out of range".into(), String::new(), "<batch>")),
        }
    };
    if n == 1 {
        return (0..inputs.len()).map(one).collect();
    }
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= inputs.len() {
                break;
            }
            done.push((i, one(i)));
        }
        done
    };
    let mut slots: Vec<Option<Outcome>> = Vec::new();
    slots.resize_with(inputs.len(), || None);
    let mut place = |done: Vec<(usize, Outcome)>| {
        for (i, r) in done {
            if let Some(slot) = slots.get_mut(i) {
                *slot = Some(r);
            }
        }
    };
    match worker_pool(n) {
        // `run` catches panics, so `broadcast` only unwinds on a bug in `worker` itself.
        Some(pool) => {
            if let Ok(dones) = catch_unwind(AssertUnwindSafe(|| pool.broadcast(|_| worker()))) {
                dones.into_iter().for_each(&mut place);
            }
        }
        None => std::thread::scope(|scope| {
            let mut handles = Vec::with_capacity(n);
            for _ in 0..n {
                match std::thread::Builder::new().name("gxbg-worker".into()).stack_size(WORKER_STACK).spawn_scoped(scope, worker) {
                    Ok(h) => handles.push(h),
                    // Could not start a thread: the ones running (or the loop below) take the work.
                    Err(_) => break,
                }
            }
            for h in handles {
                if let Ok(done) = h.join() {
                    place(done);
                }
            }
        }),
    }
    // Items no worker finished (no thread could be started, or one died): parse them here.
    slots.into_iter().enumerate().map(|(i, s)| s.unwrap_or_else(|| one(i))).collect()
}

/// The pool of the last `parse_many` with more than one worker, and the process it was
/// made in.
struct Pool {
    pid: u32,
    threads: usize,
    pool: Arc<rayon::ThreadPool>,
}

static POOL: Mutex<Option<Pool>> = Mutex::new(None);

/// A pool of `threads` worker threads (stack [`WORKER_STACK`]), the one the last call used
/// when it had as many threads; `None` when none can be had without waiting (the lock is
/// held elsewhere, or the threads cannot be started).
///
/// After a `fork` the child inherits the pool's bookkeeping but not its threads: a pool made
/// in another process is left alone (never used, never dropped — dropping would wake
/// threads that are not there) and a new one made.
fn worker_pool(threads: usize) -> Option<Arc<rayon::ThreadPool>> {
    // try_lock: a lock a forked child inherited locked must not hang it; the caller then
    // starts threads of its own.
    let mut guard = match POOL.try_lock() {
        Ok(g) => g,
        Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => return None,
    };
    let pid = std::process::id();
    if let Some(p) = guard.as_ref() {
        if p.pid == pid && p.threads == threads {
            return Some(Arc::clone(&p.pool));
        }
    }
    if let Some(old) = guard.take() {
        if old.pid != pid {
            std::mem::forget(old);
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(WORKER_STACK)
        .thread_name(|i| format!("gxbg-worker-{i}"))
        .build()
        .ok()?;
    let pool = Arc::new(pool);
    *guard = Some(Pool { pid, threads, pool: Arc::clone(&pool) });
    Some(pool)
}

#[pymodule]
fn _gxbg(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<NativeReport>()?;
    m.add_function(wrap_pyfunction!(parse_text, m)?)?;
    m.add_function(wrap_pyfunction!(parse_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(parse_path, m)?)?;
    m.add_function(wrap_pyfunction!(parse_many, m)?)?;
    m.add_function(wrap_pyfunction!(csv_columns, m)?)?;
    m.add_function(wrap_pyfunction!(cross_year, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_in_core, m)?)?;
    Ok(())
}

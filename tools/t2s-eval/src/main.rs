//! Evaluate gxbg's Traditional → Simplified step, and regenerate its script tables.
//!
//! ```text
//! t2s-eval score [--holdout NAME]... [--opencc] [--top N] [--root DIR]
//!     Round trip on tests/t2s: corpus.s2twp.txt (OpenCC s2twp of the Simplified originals)
//!     → gxbg's converter → compared with corpus.simplified.txt, NFKC on both sides, by
//!     character edit distance per line. Prints the score of every document, of all, of the
//!     held-out documents and of the rest, and the most frequent error pairs.
//!     --opencc adds ferrous-opencc's own T2s / Tw2s / Tw2sp on the same corpus.
//! t2s-eval script-chars
//!     Print crates/gxbg/src/normalize/script_chars.txt (characters that exist only in
//!     Traditional / only in Simplified writing), derived from OpenCC's character tables.
//! t2s-eval bench FILE... 
//!     Time gxbg::normalize::normalize_text on each FILE: the first call (dictionaries
//!     loaded then) and the mean of the next ones. Build with --release.
//! t2s-eval base-keys
//!     Print crates/gxbg/src/normalize/base_keys.txt: the keys of the dictionaries of
//!     OpenCC's `tw2s` (characters on the `C` line, then one phrase a line). gxbg converts
//!     them with ferrous-opencc once, at first use, and matches them itself (fast).
//! t2s-eval convert [FILE]
//!     Print gxbg::normalize::normalize_text of FILE (or stdin) and what was done.
//! ```

use ferrous_opencc::{config::BuiltinConfig, OpenCC};
use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("score") => score(&args[1..]),
        Some("script-chars") => script_chars(),
        Some("base-keys") => base_keys(),
        Some("convert") => convert(&args[1..]),
        Some("bench") => bench(&args[1..]),
        _ => {
            eprintln!("usage: t2s-eval score [--holdout NAME]... [--opencc] [--top N] [--root DIR] | script-chars | convert [FILE]");
            2
        }
    };
    std::process::exit(code);
}

fn convert(args: &[String]) -> i32 {
    let mut text = String::new();
    let res = match args.first() {
        Some(p) => std::fs::read_to_string(p).map(|t| text = t),
        None => std::io::stdin().read_to_string(&mut text).map(|_| ()),
    };
    if let Err(e) = res {
        eprintln!("{e}");
        return 1;
    }
    let t0 = std::time::Instant::now();
    let (out, conv) = gxbg::normalize::normalize_text(&text);
    let dt = t0.elapsed();
    print!("{out}");
    eprintln!("{conv:?} in {dt:?}");
    0
}

/// CPU time of this thread so far (Linux; falls back to wall time elsewhere): on a shared
/// machine, wall time measures the neighbours too.
fn cpu_now() -> std::time::Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map(std::time::Duration::from_nanos)
        .unwrap_or_else(|| {
            static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
            START.get_or_init(std::time::Instant::now).elapsed()
        })
}

/// Mean CPU time of `f`, over at least `n` calls and 200 ms (the CPU clock ticks coarsely).
fn time_per_call(n: u32, f: &dyn Fn()) -> std::time::Duration {
    let t0 = cpu_now();
    let mut calls = 0u32;
    // Batches of n calls: reading the clock costs microseconds itself.
    while calls == 0 || (cpu_now() - t0) < std::time::Duration::from_millis(200) {
        for _ in 0..n {
            f();
        }
        calls += n;
    }
    (cpu_now() - t0) / calls
}

fn bench(files: &[String]) -> i32 {
    use gxbg::normalize::{self, t2s, Script};
    use std::hint::black_box;
    let t0 = cpu_now();
    let _ = normalize::normalize_text("政府資訊公開");
    println!("first use (tables built from ferrous-opencc): {:?} CPU", cpu_now() - t0);
    for f in files {
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{f}: {e}");
                return 1;
            }
        };
        let n = 200;
        let script = t2s::detect_script(&text);
        let all = time_per_call(n, &|| {
            black_box(normalize::normalize_text(black_box(&text)));
        });
        let detect = time_per_call(n, &|| {
            black_box(t2s::detect_script(black_box(&text)));
        });
        let has_t = time_per_call(n, &|| {
            black_box(t2s::has_traditional(black_box(&text)));
        });
        let fold = time_per_call(n, &|| {
            black_box(normalize::fold_width(black_box(&text)));
        });
        let full = time_per_call(n, &|| {
            black_box(t2s::to_simplified(black_box(&text)));
        });
        let base = OpenCC::from_config(BuiltinConfig::Tw2s).expect("built-in config");
        let ferrous = time_per_call(20, &|| {
            black_box(base.convert(black_box(&text)));
        });
        println!("{f}: {} bytes, {}: normalize_text {all:?} (detect_script {detect:?}, has_traditional {has_t:?}, fold_width {fold:?}); to_simplified {full:?}; ferrous-opencc Tw2s {ferrous:?} (CPU time per call)", text.len(), script.as_str());
        let _ = Script::None;
    }
    0
}

// ---------------------------------------------------------------------------------------
// script-chars

/// OpenCC's text dictionaries, as shipped in ferrous-opencc's sources (cargo's registry).
fn dict_dir() -> Option<PathBuf> {
    if let Ok(d) = std::env::var("OPENCC_DICT_DIR") {
        return Some(PathBuf::from(d));
    }
    let home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|_| std::env::var("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .ok()?;
    let mut found: Vec<PathBuf> = std::fs::read_dir(home.join("registry/src"))
        .ok()?
        .flatten()
        .flat_map(|idx| std::fs::read_dir(idx.path()).into_iter().flatten().flatten())
        .filter(|e| e.file_name().to_string_lossy().starts_with("ferrous-opencc-0.4."))
        .map(|e| e.path().join("assets/dictionaries"))
        .filter(|p| p.is_dir())
        .collect();
    found.sort();
    found.pop()
}

/// (key, values) of an OpenCC text dictionary.
fn read_dict(dir: &std::path::Path, name: &str) -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (k, v) = l.split_once('\t')?;
            Some((k.to_string(), v.split(' ').filter(|x| !x.is_empty()).map(str::to_string).collect()))
        })
        .collect()
}

fn single(s: &str) -> Option<char> {
    let mut it = s.chars();
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

fn base_keys() -> i32 {
    let Some(dir) = dict_dir() else {
        eprintln!("ferrous-opencc's sources not found: run `cargo fetch`, or set OPENCC_DICT_DIR");
        return 1;
    };
    // tw2s: [TWVariantsRevPhrases, TWVariantsRev] then [TSPhrases, TSCharacters].
    let mut chars: BTreeSet<char> = BTreeSet::new();
    let mut phrases: BTreeSet<String> = BTreeSet::new();
    for n in ["TWVariantsRevPhrases.txt", "TWVariantsRev.txt", "TSPhrases.txt", "TSCharacters.txt"] {
        for (k, _) in read_dict(&dir, n) {
            match single(&k) {
                Some(c) => {
                    chars.insert(c);
                }
                None => {
                    phrases.insert(k);
                }
            }
        }
    }
    println!("# Keys of the dictionaries of OpenCC's tw2s (ferrous-opencc 0.4), by");
    println!("# `cargo run -p t2s-eval -- base-keys`; do not edit by hand. C: characters; then phrases.");
    println!("C\t{}", chars.iter().collect::<String>());
    for p in phrases {
        println!("{p}");
    }
    0
}

fn script_chars() -> i32 {
    let Some(dir) = dict_dir() else {
        eprintln!("ferrous-opencc's sources not found: run `cargo fetch`, or set OPENCC_DICT_DIR");
        return 1;
    };
    let d = |n: &str| read_dict(&dir, n);
    let (ts_chars, ts_phrases, st_chars, st_phrases) =
        (d("TSCharacters.txt"), d("TSPhrases.txt"), d("STCharacters.txt"), d("STPhrases.txt"));
    // Characters Simplified text may contain: every alternative T→S may write (a character
    // among its own alternatives, like 乾 → 干|乾, stays valid), every character S→T
    // converts. (Not the keys of STPhrases: a few hold Traditional characters, 筑後, 發表.)
    let mut simp_valid: BTreeSet<char> = BTreeSet::new();
    for (_, vs) in ts_chars.iter().chain(&ts_phrases) {
        simp_valid.extend(vs.iter().flat_map(|v| v.chars()));
    }
    for (k, _) in &st_chars {
        simp_valid.extend(k.chars());
    }
    let _ = &st_phrases;
    // Characters Traditional text may contain: every alternative S→T may write, in all three
    // standards (Taiwan's 台 and 裡, Hong Kong's variants), every Traditional phrase.
    let mut trad_valid: BTreeSet<char> = BTreeSet::new();
    for n in ["TWVariants.txt", "TWPhrases.txt", "HKVariants.txt"] {
        for (_, vs) in d(n) {
            trad_valid.extend(vs.iter().flat_map(|v| v.chars()));
        }
    }
    for (_, vs) in st_chars.iter().chain(&st_phrases) {
        trad_valid.extend(vs.iter().flat_map(|v| v.chars()));
    }
    for (k, _) in ts_chars.iter().chain(&ts_phrases) {
        trad_valid.extend(k.chars());
    }
    let trad_only: BTreeSet<char> =
        ts_chars.iter().filter_map(|(k, _)| single(k)).filter(|c| !simp_valid.contains(c)).collect();
    let simp_only: BTreeSet<char> =
        st_chars.iter().filter_map(|(k, _)| single(k)).filter(|c| !trad_valid.contains(c)).collect();
    println!("# Characters that exist in only one script, derived from OpenCC's dictionaries");
    println!("# (ferrous-opencc 0.4) by `cargo run -p t2s-eval -- script-chars`; do not edit by hand.");
    println!("# T: a TSCharacters key that no T→S alternative contains and that is no STCharacters key.");
    println!("# S: an STCharacters key that no S→T/TW/HK alternative or Traditional phrase contains.");
    println!("T\t{}", trad_only.iter().collect::<String>());
    println!("S\t{}", simp_only.iter().collect::<String>());
    0
}

// ---------------------------------------------------------------------------------------
// score

struct Doc {
    name: String,
    simplified: String,
    traditional: String,
}

fn split_docs(text: &str) -> Vec<(String, String)> {
    let mut docs: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix("### ") {
            docs.push((name.trim().to_string(), String::new()));
        } else if let Some((_, body)) = docs.last_mut() {
            body.push_str(line);
        }
    }
    docs
}

fn load_corpus(root: &std::path::Path) -> Result<Vec<Doc>, String> {
    let read = |f: &str| std::fs::read_to_string(root.join("tests/t2s").join(f)).map_err(|e| format!("{f}: {e}"));
    let simp = split_docs(&read("corpus.simplified.txt")?);
    let trad = split_docs(&read("corpus.s2twp.txt")?);
    if simp.len() != trad.len() || simp.iter().zip(&trad).any(|(a, b)| a.0 != b.0) {
        return Err("corpus.simplified.txt and corpus.s2twp.txt list different documents".into());
    }
    Ok(simp
        .into_iter()
        .zip(trad)
        .map(|((name, simplified), (_, traditional))| Doc { name, simplified, traditional })
        .collect())
}

/// Edit operations between two lines, as (original span, converted span) pairs.
fn diff_line(a: &[char], b: &[char], pairs: &mut Vec<(String, String)>) -> usize {
    let (n, m) = (a.len(), b.len());
    // Bounded: lines of the corpus are paragraphs (a few thousand characters at most).
    if n.saturating_mul(m) > 50_000_000 {
        let d = n.max(m);
        pairs.push((a.iter().collect(), b.iter().collect()));
        return d;
    }
    let w = m + 1;
    let mut dp = vec![0u32; (n + 1) * w];
    for i in 0..=n {
        dp[i * w] = i as u32;
    }
    for (j, v) in dp.iter_mut().enumerate().take(m + 1) {
        *v = j as u32;
    }
    for i in 1..=n {
        for j in 1..=m {
            let sub = dp[(i - 1) * w + j - 1] + (a[i - 1] != b[j - 1]) as u32;
            let del = dp[(i - 1) * w + j] + 1;
            let ins = dp[i * w + j - 1] + 1;
            dp[i * w + j] = sub.min(del).min(ins);
        }
    }
    // Walk back, grouping consecutive edits into one pair.
    let (mut i, mut j) = (n, m);
    let (mut ea, mut eb): (Vec<char>, Vec<char>) = (Vec::new(), Vec::new());
    let flush = |ea: &mut Vec<char>, eb: &mut Vec<char>, pairs: &mut Vec<(String, String)>| {
        if !ea.is_empty() || !eb.is_empty() {
            pairs.push((ea.iter().rev().collect(), eb.iter().rev().collect()));
            ea.clear();
            eb.clear();
        }
    };
    while i > 0 || j > 0 {
        let here = dp[i * w + j];
        if i > 0 && j > 0 && a[i - 1] == b[j - 1] && here == dp[(i - 1) * w + j - 1] {
            flush(&mut ea, &mut eb, pairs);
            i -= 1;
            j -= 1;
        } else if i > 0 && j > 0 && here == dp[(i - 1) * w + j - 1] + 1 {
            ea.push(a[i - 1]);
            eb.push(b[j - 1]);
            i -= 1;
            j -= 1;
        } else if i > 0 && here == dp[(i - 1) * w + j] + 1 {
            ea.push(a[i - 1]);
            i -= 1;
        } else {
            eb.push(b[j - 1]);
            j -= 1;
        }
    }
    flush(&mut ea, &mut eb, pairs);
    dp[n * w + m] as usize
}

/// (characters compared, errors) of `converted` against `original`, NFKC on both sides.
fn compare(original: &str, converted: &str, pairs: &mut Vec<(String, String)>) -> (usize, usize) {
    let a: String = original.nfkc().collect();
    let b: String = converted.nfkc().collect();
    let la: Vec<&str> = a.split('\n').collect();
    let lb: Vec<&str> = b.split('\n').collect();
    let mut total = 0;
    let mut errors = 0;
    if la.len() != lb.len() {
        // A converter that moved line breaks: compare the whole text as one line.
        let ca: Vec<char> = a.chars().filter(|&c| c != '\n').collect();
        let cb: Vec<char> = b.chars().filter(|&c| c != '\n').collect();
        return (ca.len(), diff_line(&ca, &cb, pairs));
    }
    for (x, y) in la.iter().zip(&lb) {
        let cx: Vec<char> = x.chars().collect();
        total += cx.len();
        if x != y {
            let cy: Vec<char> = y.chars().collect();
            errors += diff_line(&cx, &cy, pairs);
        }
    }
    (total, errors)
}

fn score(args: &[String]) -> i32 {
    let mut holdout: Vec<String> = Vec::new();
    let mut opencc = false;
    let mut top = 25usize;
    let mut root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--holdout" => holdout.extend(it.next().cloned()),
            "--opencc" => opencc = true,
            "--top" => top = it.next().and_then(|s| s.parse().ok()).unwrap_or(top),
            "--root" => root = it.next().map(PathBuf::from).unwrap_or(root),
            other => {
                eprintln!("unknown argument {other}");
                return 2;
            }
        }
    }
    let docs = match load_corpus(&root) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    type Converter = Box<dyn Fn(&str) -> String>;
    let mut converters: Vec<(String, Converter)> = vec![(
        "gxbg".into(),
        Box::new(|s: &str| gxbg::normalize::t2s::to_simplified(s).into_owned()),
    )];
    if opencc {
        for (name, cfg) in [("opencc-t2s", BuiltinConfig::T2s), ("opencc-tw2s", BuiltinConfig::Tw2s), ("opencc-tw2sp", BuiltinConfig::Tw2sp)] {
            let c = OpenCC::from_config(cfg).expect("built-in config");
            converters.push((name.into(), Box::new(move |s: &str| c.convert(s))));
        }
    }
    for (name, conv) in &converters {
        let mut pairs = Vec::new();
        let (mut all, mut held, mut train) = ((0, 0), (0, 0), (0, 0));
        let mut per_doc = Vec::new();
        let mut elapsed = std::time::Duration::ZERO;
        for d in &docs {
            let t0 = std::time::Instant::now();
            let out = conv(&d.traditional);
            elapsed += t0.elapsed();
            let mut doc_pairs = Vec::new();
            let (n, e) = compare(&d.simplified, &out, &mut doc_pairs);
            let is_held = holdout.contains(&d.name);
            pairs.extend(doc_pairs.into_iter().map(|(a, b)| (a, b, d.name.clone())));
            per_doc.push(format!("  {:<22} {:>6} chars {:>4} errors {:>8}{}", d.name, n, e, pct(n, e), if is_held { "  (held out)" } else { "" }));
            all = (all.0 + n, all.1 + e);
            if is_held {
                held = (held.0 + n, held.1 + e);
            } else {
                train = (train.0 + n, train.1 + e);
            }
        }
        println!("{name}: all {} ({} errors in {} chars); held-out {}; training {}; converted in {elapsed:?}", pct(all.0, all.1), all.1, all.0, pct(held.0, held.1), pct(train.0, train.1));
        for l in &per_doc {
            println!("{l}");
        }
        let mut counts: HashMap<(String, String), (usize, BTreeSet<String>)> = HashMap::new();
        for (a, b, doc) in pairs {
            let e = counts.entry((a, b)).or_default();
            e.0 += 1;
            e.1.insert(doc);
        }
        let mut counts: Vec<_> = counts.into_iter().collect();
        counts.sort_by(|x, y| y.1 .0.cmp(&x.1 .0).then_with(|| x.0.cmp(&y.0)));
        for ((a, b), (n, docs)) in counts.iter().take(top) {
            println!("    {n:>3}× original {a:?} → {b:?}  [{}]", docs.iter().cloned().collect::<Vec<_>>().join(" "));
        }
    }
    0
}

fn pct(n: usize, e: usize) -> String {
    if n == 0 {
        return "-".into();
    }
    format!("{:.3}%", 100.0 * (1.0 - e as f64 / n as f64))
}

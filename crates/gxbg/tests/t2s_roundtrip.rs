//! Traditional → Simplified round trip on the repo corpus (tests/t2s): the Simplified
//! originals, sent through OpenCC `s2twp` (corpus.s2twp.txt, made by
//! tools/t2s-eval/make_corpus.py), must come back through gxbg's converter. Also the seeds:
//! 001 (Traditional, Taiwan phrasing) must read as Simplified, the Simplified ones must pass
//! the T→S step untouched.

use gxbg::normalize::{self, t2s, Script};
use std::borrow::Cow;
use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(rel: &str) -> String {
    let p = repo().join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn seed(prefix: &str) -> String {
    let dir = repo().join("tests/seeds");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/seeds")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix) && n.ends_with(".txt"))
        .collect();
    names.sort();
    let name = names.first().unwrap_or_else(|| panic!("no seed {prefix}"));
    read(&format!("tests/seeds/{name}"))
}

fn docs(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix("### ") {
            out.push((name.trim().to_string(), String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
        }
    }
    out
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + (x != y) as usize).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// (characters, wrong characters), line by line, widths folded on both sides (the corpus'
/// stand-in for the NFKC the evaluation tool applies).
fn compare(original: &str, converted: &str) -> (usize, usize) {
    let a = normalize::fold_width(original);
    let b = normalize::fold_width(converted);
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.split('\n').collect(), b.split('\n').collect());
    assert_eq!(la.len(), lb.len(), "the converter must keep line breaks");
    let mut n = 0;
    let mut e = 0;
    for (x, y) in la.iter().zip(&lb) {
        let cx: Vec<char> = x.chars().collect();
        n += cx.len();
        if x != y {
            e += levenshtein(&cx, &y.chars().collect::<Vec<_>>());
        }
    }
    (n, e)
}

#[test]
fn round_trip_restores_the_originals() {
    let simp = docs(&read("tests/t2s/corpus.simplified.txt"));
    let trad = docs(&read("tests/t2s/corpus.s2twp.txt"));
    assert_eq!(simp.len(), trad.len());
    assert!(simp.len() >= 6, "corpus has {} documents", simp.len());
    let (mut n, mut e) = (0, 0);
    let mut report = String::new();
    for ((name, s), (tname, t)) in simp.iter().zip(&trad) {
        assert_eq!(name, tname);
        assert_eq!(t2s::detect_script(t), Script::Traditional, "{name}");
        let out = t2s::to_simplified(t);
        let (dn, de) = compare(s, &out);
        report.push_str(&format!("{name}: {de} errors in {dn} chars\n"));
        n += dn;
        e += de;
    }
    let score = 1.0 - e as f64 / n as f64;
    assert!(n > 20_000, "corpus too small: {n} chars");
    assert!(score >= 0.9995, "round trip {:.3}% ({e} errors in {n} chars)\n{report}", 100.0 * score);
}

#[test]
fn seed_001_reads_simplified() {
    let text = seed("001_");
    let (out, conv) = normalize::normalize_text(&text);
    assert_eq!(conv.script, "traditional");
    assert!(conv.converted);
    for (trad, simp) in [("申請", "申请"), ("規範性檔案", "规范性文件"), ("程式", "程序"), ("最佳化", "优化"), ("智慧型", "智能")] {
        assert!(text.contains(trad), "seed 001 should say {trad}");
        assert!(out.contains(simp), "{simp} missing");
        assert!(!out.contains(trad), "{trad} left in the output");
    }
    assert!(!t2s::has_traditional(&out), "Traditional-only characters left");
    // Figures survive the conversion.
    for n in ["8643", "183", "8550", "276", "2764", "1129", "3431", "1500"] {
        assert!(out.contains(n), "{n}");
    }
}

#[test]
fn simplified_seeds_pass_untouched() {
    for p in ["000_", "002_", "003_", "004_"] {
        let text = seed(p);
        let script = t2s::detect_script(&text);
        assert_eq!(script, Script::Simplified, "seed {p}");
        let out = t2s::convert_as(&text, script);
        assert!(matches!(out, Cow::Borrowed(_)), "seed {p} changed by T→S");
        assert!(matches!(t2s::convert_mixed(&text), Cow::Borrowed(_)), "seed {p} changed by convert_mixed");
        let (_, conv) = normalize::normalize_text(&text);
        assert!(!conv.converted, "seed {p}");
    }
}

#[test]
fn corpus_originals_pass_untouched() {
    for (name, s) in docs(&read("tests/t2s/corpus.simplified.txt")) {
        assert!(!t2s::has_traditional(&s), "{name}");
        assert!(matches!(t2s::convert_mixed(&s), Cow::Borrowed(_)), "{name}");
    }
}

#[test]
fn cells() {
    assert_eq!(normalize::normalize_cell("（二）部分公開"), "(二)部分公开");
    assert_eq!(normalize::normalize_cell("行政規範性檔案"), "行政规范性文件");
    assert!(matches!(normalize::normalize_cell("行政规范性文件"), Cow::Borrowed(_)));
    // A cell alone cannot tell 程式 (Taiwan for 程序) from Simplified; within a Traditional
    // document it is converted.
    assert_eq!(normalize::normalize_cell("程式"), "程式");
    assert_eq!(normalize::normalize_as("程式", Script::Traditional).0, "程序");
}

#!/usr/bin/env python3
"""OpenCC's own (PyPI `opencc`) round-trip scores on tests/t2s, with the metric of
`t2s-eval score`: NFKC on both sides, character edit distance line by line, newlines not
counted. Usage: /work/venv-t2s/bin/python tools/t2s-eval/opencc_baseline.py [config ...]"""
import pathlib
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parents[2]


def docs(path):
    out, name = {}, None
    for line in open(path, encoding="utf-8"):
        if line.startswith("### "):
            name = line[4:].strip()
            out[name] = []
        elif name:
            out[name].append(line)
    return {k: "".join(v) for k, v in out.items()}


def lev(a, b):
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a):
        cur = [i + 1]
        for j, y in enumerate(b):
            cur.append(min(prev[j] + (x != y), prev[j + 1] + 1, cur[j] + 1))
        prev = cur
    return prev[-1]


def main():
    import opencc

    simp = docs(ROOT / "tests/t2s/corpus.simplified.txt")
    trad = docs(ROOT / "tests/t2s/corpus.s2twp.txt")
    print(f"OpenCC (PyPI) {getattr(opencc, '__version__', '?')}")
    for cfg in sys.argv[1:] or ["t2s", "tw2s", "tw2sp"]:
        conv = opencc.OpenCC(cfg)
        n = e = 0
        per = []
        for name, s in simp.items():
            out = "".join(conv.convert(l) for l in trad[name].splitlines(keepends=True))
            a = unicodedata.normalize("NFKC", s).split("\n")
            b = unicodedata.normalize("NFKC", out).split("\n")
            dn = sum(len(x) for x in a)
            de = sum(lev(x, y) for x, y in zip(a, b) if x != y)
            per.append(f"{name} {100 * (1 - de / dn):.3f}%")
            n, e = n + dn, e + de
        print(f"{cfg}: {100 * (1 - e / n):.3f}% ({e} errors in {n} chars); " + ", ".join(per))


if __name__ == "__main__":
    main()

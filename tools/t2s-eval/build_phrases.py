#!/usr/bin/env python3
"""Choose gxbg's Taiwan-phrase reversal table from data.

The table (crates/gxbg/src/normalize/tw_phrases.tsv) maps a Taiwan-phrased Traditional
string X, as OpenCC `s2twp` writes it, to the Simplified word it most likely came from.
gxbg applies it by greedy longest match before the plain character conversion (ferrous-opencc
Tw2s), so an entry is needed only where plain conversion of X gives something else than the
most likely original.

How entries are chosen (no entry is written by hand, except the legacy pairs below):
1. Vocabulary: the words of jieba's dictionary (a general Simplified lexicon with frequencies,
   PyPI `jieba`) with frequency >= MIN_FREQ, plus the mainland side of OpenCC's TWPhrases.
2. Every word W is sent through `s2twp`: X = s2twp(W). Words with the same X compete; so does
   the literal reading L = tw2s(X) (what plain conversion gives), even when L is not a word.
3. Score of a candidate: its jieba frequency + CORPUS_WEIGHT x its number of occurrences in
   the training part of tests/t2s/corpus.simplified.txt (report text: domain evidence that
   outweighs the general lexicon). The document named by --holdout is left out.
4. Keys are taken by increasing length; X gets an entry only if converting X with the entries
   chosen so far (then plain conversion) does not already give the winner. Longer entries
   therefore also act as context guards ("檔案館" keeps 档案馆 while "檔案" gives 文件).
5. Context entries, learned from the training documents by error-driven rule induction:
   where a key has several candidate originals (線上: 在线 or 线上), the key with one more
   character of the Traditional text on either side is proposed with each candidate, and a
   proposal is kept if it lowers the number of wrong characters over all training lines
   that contain it by at least MIN_GAIN. The held-out documents (--holdout) measure how
   well these generalise (cargo run -p t2s-eval -- score --holdout NAME).
6. Legacy pairs (tools/t2s-eval/legacy_pairs.tsv): Taiwan phrasings of older OpenCC releases
   that the current one no longer writes (智慧型 for 智能, seen in seed 001), competing the
   same way.

Usage: /work/venv-t2s/bin/pip install opencc jieba
       /work/venv-t2s/bin/python tools/t2s-eval/build_phrases.py [--holdout NAME] [--out PATH]
"""
import argparse
import collections
import difflib
import glob
import os
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
MIN_FREQ = 20
CORPUS_WEIGHT = 2000
MIN_GAIN = 1
HAN = re.compile(r"^[\u3400-\u9fff]+$")


def twphrases_path():
    home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
    hits = sorted(glob.glob(f"{home}/registry/src/*/ferrous-opencc-0.4.*/assets/dictionaries/TWPhrases.txt"))
    if not hits:
        raise SystemExit("ferrous-opencc sources not found: run `cargo fetch` first")
    return hits[-1]


def corpus_docs(path):
    docs, name, buf = {}, None, []
    for line in open(path, encoding="utf-8"):
        if line.startswith("### "):
            if name:
                docs[name] = "".join(buf)
            name, buf = line[4:].strip(), []
        else:
            buf.append(line)
    if name:
        docs[name] = "".join(buf)
    return docs


QUOTES = str.maketrans("「」『』", "“”‘’")


def lev(a, b):
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a):
        cur = [i + 1]
        for j, y in enumerate(b):
            cur.append(min(prev[j] + (x != y), prev[j + 1] + 1, cur[j] + 1))
        prev = cur
    return prev[-1]


def greedy(text, table, maxlen):
    out, i = [], 0
    while i < len(text):
        for n in range(min(maxlen, len(text) - i), 0, -1):
            v = table.get(text[i:i + n])
            if v is not None:
                out.append(v)
                i += n
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--holdout", action="append", default=[])
    ap.add_argument("--out", default=str(ROOT / "crates/gxbg/src/normalize/tw_phrases.tsv"))
    args = ap.parse_args()

    import jieba
    import opencc

    s2twp, tw2s = opencc.OpenCC("s2twp"), opencc.OpenCC("tw2s")
    docs = corpus_docs(ROOT / "tests/t2s/corpus.simplified.txt")
    train = "\n".join(t for n, t in docs.items() if n not in args.holdout)

    freq = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and HAN.match(parts[0]):
                freq[parts[0]] = int(parts[1])
    # jieba also lists some Traditional words: only Simplified ones (plain conversion leaves
    # them alone) are candidates for an original.
    vocab = {w for w, n in freq.items() if n >= MIN_FREQ and tw2s.convert(w) == w}
    for line in open(twphrases_path(), encoding="utf-8"):
        if line.startswith("#") or "\t" not in line:
            continue
        w = tw2s.convert(line.split("\t")[0])
        if HAN.match(w) and tw2s.convert(w) == w:
            vocab.add(w)

    count_cache = {}

    def score(w):
        if w not in count_cache:
            count_cache[w] = freq.get(w, 0) + CORPUS_WEIGHT * train.count(w)
        return count_cache[w]

    groups = collections.defaultdict(set)
    for w in vocab:
        x = s2twp.convert(w)
        groups[x].add(w)
    legacy = ROOT / "tools/t2s-eval/legacy_pairs.tsv"
    for line in open(legacy, encoding="utf-8"):
        if line.startswith("#") or "\t" not in line:
            continue
        x, w = line.rstrip("\n").split("\t")[:2]
        groups[x].add(w)

    table, why, maxlen = {}, {}, 1
    for x in sorted(groups, key=lambda k: (len(k), k)):
        lit = tw2s.convert(x)
        cands = groups[x] | {lit}
        best = max(cands, key=lambda w: (score(w), w == lit, w))
        got = tw2s.convert(greedy(x, table, maxlen))
        if got != best:
            table[x] = best
            maxlen = max(maxlen, len(x))
            others = sorted((c for c in cands if c != best), key=score, reverse=True)
            why[x] = " ".join(f"{c}:{freq.get(c, 0)}+{train.count(c)}" for c in [best] + others[:3])

    # -- 5. context entries ------------------------------------------------------------
    ambiguous = {}
    for x, ws in groups.items():
        lit = tw2s.convert(x)
        cands = sorted(c for c in ws | {lit} if score(c) > 0)
        if len(cands) >= 2:
            ambiguous[x] = cands
    pairs = []
    tw_docs = corpus_docs(ROOT / "tests/t2s/corpus.s2twp.txt")
    for name, text in docs.items():
        if name in args.holdout:
            continue
        for o, t in zip(text.split("\n"), tw_docs[name].split("\n")):
            if o != t:
                pairs.append((o, t))

    def conv(line):
        return tw2s.convert(greedy(line, table, maxlen))

    def err(orig, got):
        if orig == got:
            return 0
        sm = difflib.SequenceMatcher(None, orig, got, autojunk=False)
        return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")

    amb_keys = sorted(ambiguous, key=len, reverse=True)
    added = 0
    for _round in range(20):
        cur = [err(o, conv(t)) for o, t in pairs]
        proposals = set()
        for (o, t), e in zip(pairs, cur):
            if e == 0:
                continue
            for x in amb_keys:
                start = t.find(x)
                while start >= 0:
                    end = start + len(x)
                    for a, b in ((start - 1, end), (start, end + 1)):
                        if a < 0 or b > len(t):
                            continue
                        k = t[a:b]
                        # Context is a Han character: punctuation and digits say little.
                        if k in table or not HAN.match(t[a:start] + t[end:b]):
                            continue
                        pre = tw2s.convert(t[a:start])
                        post = tw2s.convert(t[end:b])
                        for w in ambiguous[x]:
                            proposals.add((k, pre + w + post))
                    start = t.find(x, start + 1)
        best = {}
        for k, v in proposals:
            idx = [i for i, (o, t) in enumerate(pairs) if k in t]
            old = sum(cur[i] for i in idx)
            table[k] = v
            ml = maxlen
            maxlen = max(maxlen, len(k))
            new = sum(err(pairs[i][0], conv(pairs[i][1])) for i in idx)
            del table[k]
            maxlen = ml
            gain = old - new
            if gain >= MIN_GAIN and (k not in best or gain > best[k][0]):
                best[k] = (gain, v, len(idx))
        if not best:
            break
        # Keep the best proposal per key; keys that overlap are settled in the next round.
        taken = sorted(best.items(), key=lambda kv: -kv[1][0])
        used = set()
        for k, (gain, v, n) in taken:
            if any(k in u or u in k for u in used):
                continue
            used.add(k)
            table[k] = v
            maxlen = max(maxlen, len(k))
            why[k] = f"context: fixes {gain} char(s) in {n} training line(s)"
            added += 1
    # Drop context entries the others make unnecessary (two proposals fixing one error).
    for k in sorted([k for k in why if why[k].startswith("context")], key=len):
        idx = [i for i, (o, t) in enumerate(pairs) if k in t]
        old = sum(err(pairs[i][0], conv(pairs[i][1])) for i in idx)
        v = table.pop(k)
        if sum(err(pairs[i][0], conv(pairs[i][1])) for i in idx) > old:
            table[k] = v
        else:
            del why[k]
            added -= 1
    print(f"{added} context entries")

    # Score the held-out documents with this table (same greedy + tw2s as gxbg).
    for name in args.holdout:
        n = e = 0
        for o, t in zip(docs[name].split("\n"), tw_docs[name].split("\n")):
            n += len(o)
            got = conv(t).translate(QUOTES)
            if got != o:
                e += lev(o, got)
        print(f"held out {name}: {e} errors in {n} chars, {100 * (1 - e / max(n, 1)):.3f}%")

    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# Taiwan phrasing (OpenCC s2twp output) -> Simplified original. Generated by\n")
        f.write("# tools/t2s-eval/build_phrases.py; do not edit by hand. Columns: key, value,\n")
        f.write("# evidence (candidate:jieba-frequency+corpus-count, winner first).\n")
        f.write(f"# holdout: {' '.join(args.holdout) or '-'}; min_freq {MIN_FREQ}; corpus_weight {CORPUS_WEIGHT}\n")
        for x in sorted(table):
            f.write(f"{x}\t{table[x]}\t{why[x]}\n")
    print(f"{len(table)} entries -> {args.out}")


if __name__ == "__main__":
    main()

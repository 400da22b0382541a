#!/usr/bin/env python3
"""Build the Traditional→Simplified evaluation corpus (tests/t2s/).

Writes
  tests/t2s/corpus.simplified.txt  the Simplified originals, one document after another,
                                   each introduced by a line `### <name>`;
  tests/t2s/corpus.s2twp.txt       the same text through OpenCC `s2twp` (PyPI `opencc`).

Sources (all Simplified report text):
  tests/seeds/000, 002, 003, 004   the Simplified seeds, as they are;
  examples/reports/*.html          the two real portal pages, HTML stripped to text lines;
  tests/t2s/extra/*.txt            further Simplified government-style text, if any.

Usage:  python3 -m venv /work/venv-t2s && /work/venv-t2s/bin/pip install opencc
        /work/venv-t2s/bin/python tools/t2s-eval/make_corpus.py [--only-s2twp]
--only-s2twp regenerates corpus.s2twp.txt from the stored corpus.simplified.txt.
"""
import html.parser
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "t2s"


class _Text(html.parser.HTMLParser):
    BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "td", "th", "table", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in self.BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag in self.BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_text(path):
    p = _Text()
    p.feed(path.read_bytes().decode("utf-8"))
    lines = (re.sub(r"\s+", " ", l).strip() for l in "".join(p.out).split("\n"))
    # Keep lines with Han text; the rest (scripts' leftovers, numbers alone) says nothing
    # about conversion but numbers are kept when they share a line with Han text.
    return "\n".join(l for l in lines if re.search("[\u3400-\u9fff]", l)) + "\n"


def documents():
    seeds = sorted((ROOT / "tests" / "seeds").glob("0*.txt"))
    for s in seeds:
        if s.name.startswith("001_"):  # the Traditional seed: no Simplified original
            continue
        yield "seed-" + s.name[:3], s.read_text("utf-8")
    for h in sorted((ROOT / "examples" / "reports").glob("*.html")):
        yield h.stem, html_text(h)
    extra = OUT / "extra"
    if extra.is_dir():
        for e in sorted(extra.glob("*.txt")):
            yield "extra-" + e.stem, e.read_text("utf-8")


def main():
    import opencc

    conv = opencc.OpenCC("s2twp")
    simp = OUT / "corpus.simplified.txt"
    if "--only-s2twp" not in sys.argv:
        parts = []
        for name, text in documents():
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            if not text.endswith("\n"):
                text += "\n"
            parts.append(f"### {name}\n{text}")
        simp.write_text("".join(parts), "utf-8")
    src = simp.read_text("utf-8")
    # Line by line, so that a conversion can never move text across lines.
    out = "".join(conv.convert(l) for l in src.splitlines(keepends=True))
    (OUT / "corpus.s2twp.txt").write_text(out, "utf-8")
    print(f"{simp}: {len(src)} chars; s2twp written (OpenCC {getattr(opencc, '__version__', '?')})")


if __name__ == "__main__":
    main()

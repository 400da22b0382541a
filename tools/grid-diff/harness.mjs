// The two sides of the comparison and the comparison itself.
//
// Chromium side (ground truth = rendered geometry). Every generated table gets, after
// parsing, a `<colgroup>` of `<col style="width:20px">` covering at least as many columns as
// the sum of its cells' colspans (an upper bound of its width), so every column of the
// layout is exactly 20 px wide; with `border-collapse:collapse`, no border or padding and
// `tr{height:20px}`, every row (with or without cells) is 20 px high and cell edges fall on
// exact lines (checked: the table must be exactly 20 px per column). Nested tables are
// `position:absolute` so they do not widen the cells that hold them, cell text is 1 px, and
// `<select>` is hidden and `<svg>` 1 px, so that content never does either. A cell's slot is then read from
// its getBoundingClientRect: column lines are `(x - table.left) / 20`, row lines are the
// tops/bottoms of the table's `<tr>`s in the order they are drawn. Anything off a line is
// reported as a geometry error (never silently rounded).
//
// gxbg side: `gxbg grids FILE` on the very same bytes; each generated table is found by the
// character offset of its `<table` start tag.
//
// Compared, per table (outer and nested), per cell identified by its token:
//   present on both sides; row; col; rowspan (clipped to the row group, as drawn);
//   colspan as drawn, cut — as gxbg documents its PlacedCell — where the cell would run over
//   a cell spanning down from an earlier row (the cut is computed from Chromium's rectangles:
//   the smallest left edge, inside the cell's columns, of a cell that covers the cell's first
//   row and starts in an earlier row); th vs td.
// and per table: the number of rows (`<tr>`s, each drawn 20 px high) and the number of
// columns (the furthest right edge of any cell, uncut).

import { spawnSync } from 'node:child_process';

export const COL_W = 20;

// Standards mode; quirks-mode pages drop the doctype line (run.mjs alternates them).
export const PAGE_HEAD = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>grid-diff</title><style>
*{margin:0;padding:0;border:0}
table{width:max-content;border-collapse:collapse;border-spacing:0}
td,th{height:20px;padding:0;font:1px/1px monospace;overflow:hidden;vertical-align:top}
tr{height:20px}
caption{font:1px/1px monospace}
col.gd{width:20px}
table table{position:absolute}
select{display:none}
svg{width:1px;height:1px}
math{font:1px/1px monospace}
</style></head><body>
`;

/**
 * Cases (serialized) in one page: `{html, tables: [{id, offset, key}]}` with absolute offsets.
 * `quirks`: no doctype (quirks mode: e.g. a `<table>` does not close an open `<p>`).
 */
export function buildPage(serialized, quirks = false) {
  let html = quirks ? PAGE_HEAD.replace('<!DOCTYPE html>\n', '') : PAGE_HEAD;
  const tables = [];
  for (const { key, html: h, tables: ts } of serialized) {
    for (const t of ts) tables.push({ id: t.id, offset: html.length + t.offset, key });
    html += h + '\n';
  }
  html += '</body></html>\n';
  return { html, tables };
}

/** Runs in the page: geometry of every listed table. */
export function extractInPage(ids) {
  const W = 20;
  const tabs = ids.map((id) => document.getElementById(id));
  for (const t of tabs) {
    if (!t || t.tagName !== 'TABLE') continue;
    let n = 1;
    for (const row of t.rows) for (const c of row.cells) n += c.colSpan;
    const cg = document.createElement('colgroup');
    for (let k = n; k > 0; k -= 1000) {
      const col = document.createElement('col');
      col.className = 'gd';
      col.span = Math.min(k, 1000);
      cg.appendChild(col);
    }
    cg.dataset.cols = n;
    t.insertBefore(cg, t.firstChild);
  }
  const out = {};
  for (let i = 0; i < ids.length; i++) {
    const t = tabs[i];
    if (!t || t.tagName !== 'TABLE') {
      out[ids[i]] = null;
      continue;
    }
    const geom = [];
    const tb = t.getBoundingClientRect();
    // Every column 20 px wide, so the table is exactly 20 px per column of our colgroup
    // (columns that generated <col>s add after ours hold no cell and are 0 px wide): content
    // that widened a column (by any amount, even a multiple of 20 px) shows here.
    const ncols = Number(t.firstElementChild && t.firstElementChild.dataset.cols);
    if (ncols && Math.abs(tb.width - ncols * W) > 0.001) geom.push(`table ${tb.width} px wide, not ${ncols} x ${W} px`);
    const rows = [...t.rows].map((tr) => tr.getBoundingClientRect());
    const order = rows.map((_, k) => k).sort((a, b) => rows[a].top - rows[b].top);
    const tops = order.map((k) => rows[k].top);
    const bottoms = order.map((k) => rows[k].bottom);
    for (let k = 1; k < tops.length; k++) {
      if (!(tops[k] >= bottoms[k - 1] - 0.001)) geom.push(`rows overlap at ${k}`);
    }
    const find = (arr, v) => arr.findIndex((x) => Math.abs(x - v) < 0.001);
    const cells = [];
    for (const tr of t.rows) {
      for (const c of tr.cells) {
        const q = c.getBoundingClientRect();
        const m = /T(\d+)_/.exec(c.textContent);
        const x0 = (q.left - tb.left) / W;
        const x1 = (q.right - tb.left) / W;
        const r0 = find(tops, q.top);
        const r1 = find(bottoms, q.bottom);
        const tok = m ? Number(m[1]) : null;
        if (!Number.isInteger(x0) || !Number.isInteger(x1) || r0 < 0 || r1 < r0) {
          geom.push(`cell T${tok}_ off the lines: x ${q.left - tb.left}..${q.right - tb.left}, y ${q.top}..${q.bottom}`);
        }
        cells.push({ tok, th: c.tagName === 'TH', r: r0, c: x0, rs: r1 - r0 + 1, cs: x1 - x0 });
      }
    }
    out[ids[i]] = { nRows: rows.length, cells, geom };
  }
  return out;
}

/** Chromium's cells with gxbg's colspan convention applied (see the module comment). */
export function cutChromium(cells) {
  return cells.map((x) => {
    let cs = x.cs;
    for (const y of cells) {
      if (y === x) continue;
      if (y.r < x.r && x.r < y.r + y.rs && y.c > x.c && y.c < x.c + cs) cs = y.c - x.c;
    }
    return { ...x, cs };
  });
}

/**
 * gxbg's grids: `{byOffset: Map(offset → grid), list}` (`list` in gxbg's order: outer
 * tables first, nested ones right after the table that holds them). When gxbg falls back to
 * html5ever for a page (foreign content, tables nested more than 64 deep) offsets are
 * unknown (null) and tables are matched by order instead.
 */
export function runGxbg(bin, file) {
  const p = spawnSync(bin, ['grids', file], { maxBuffer: 1 << 30, encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`gxbg grids failed (${p.status}): ${p.stderr}`);
  const { grids } = JSON.parse(p.stdout);
  const byOffset = new Map();
  for (const g of grids) if (g.offset !== null) byOffset.set(g.offset, g);
  return { byOffset, list: grids };
}

/** The grid of the `i`-th listed table (by offset, else by order when gxbg knows no offsets). */
export function gridFor(grids, t, i) {
  if (grids.byOffset.size) return grids.byOffset.get(t.offset);
  return grids.list[i];
}

const key = (x) => `r${x.r} c${x.c} rs${x.rs} cs${x.cs} ${x.th ? 'th' : 'td'}`;

/** Differences between Chromium's table and gxbg's grid (empty = agreement). */
export function compareTable(chrome, grid) {
  const d = [];
  if (!chrome) return ['table missing in Chromium'];
  if (!grid) return ['no gxbg grid at this offset'];
  if (chrome.geom.length) d.push(...chrome.geom.map((g) => `geometry: ${g}`));
  const cc = new Map();
  for (const x of cutChromium(chrome.cells)) cc.set(x.tok, x);
  const gc = new Map();
  for (const c of grid.cells) {
    const m = /T(\d+)_/.exec(c.text);
    const tok = m ? Number(m[1]) : null;
    gc.set(tok, { tok, th: c.header, r: c.row, c: c.col, rs: c.rowspan, cs: c.colspan });
  }
  for (const [tok, x] of cc) {
    const y = gc.get(tok);
    if (!y) d.push(`T${tok}_: Chromium ${key(x)}, gxbg has no such cell`);
    else if (key(x) !== key(y)) d.push(`T${tok}_: Chromium ${key(x)}, gxbg ${key(y)}`);
  }
  for (const [tok, y] of gc) if (!cc.has(tok)) d.push(`T${tok}_: gxbg ${key(y)}, Chromium has no such cell`);
  const nCols = chrome.cells.reduce((m, x) => Math.max(m, x.c + x.cs), 0);
  if (chrome.nRows !== grid.n_rows) d.push(`rows: Chromium ${chrome.nRows}, gxbg ${grid.n_rows}`);
  if (nCols !== grid.n_cols) d.push(`columns: Chromium ${nCols}, gxbg ${grid.n_cols}`);
  return d;
}

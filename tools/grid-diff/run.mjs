#!/usr/bin/env node
// Differential test: gxbg's HTML table grids against Chromium's table layout.
//
//   node tools/grid-diff/run.mjs --gxbg target/debug/gxbg [--seed 20261123] [--cases 300]
//        [--batch 100] [--start 0] [--out DIR] [--fixtures DIR] [--save-pages] [--no-shrink]
//        [--quirks none|odd|all] [--no-edge] [--record-edge DIR]
//
// 1. The hand-written edge cases of edge.mjs, each on its own page, in standards and in
//    quirks mode (--record-edge DIR: each saved there with Chromium's grids, as a golden file
//    for the Rust test crates/gxbg/tests/grid_diff.rs).
// 2. `--cases` generated tables (gen.mjs) from `--seed`, `--batch` of them per page: the page
//    is written to OUT/page.html (every other page without a doctype: quirks mode), laid out
//    by one headless Chromium (one instance for the whole run) and by `gxbg grids` on the
//    same file, and compared table by table (harness.mjs says exactly what is compared).
//    Each disagreeing case is shrunk (parts, rows, cells, content removed while a
//    disagreement persists) and, with --fixtures, saved there as `seed<S>-case<I>.html` +
//    `.json` (Chromium's grids: the expected result); a disagreeing edge case is saved as
//    `edge-<name>.html` + `.json`. With --save-pages every page and Chromium's result are
//    kept (OUT/pages/) for pandas_diff.py.
// Progress on stderr; on stdout a summary ending with the line "N passed, M failed" (cases:
// generated plus edge cases × 2 modes); OUT/summary.json. Exit status 1 when any case
// disagrees; a harness error (Chromium or gxbg failing) throws: non-zero too.

import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { chromium } from 'playwright-core';
import { generate, serialize, shrinkSteps } from './gen.mjs';
import { buildPage, extractInPage, runGxbg, gridFor, compareTable, cutChromium, PAGE_HEAD } from './harness.mjs';
import { EDGE_CASES, tablesOf } from './edge.mjs';

function args() {
  const a = { seed: 20261123, cases: 300, batch: 100, start: 0, out: 'target/grid-diff', fixtures: null, gxbg: 'target/debug/gxbg', savePages: false, shrink: true, quirks: 'odd', edge: true };
  const v = process.argv.slice(2);
  for (let i = 0; i < v.length; i++) {
    const k = v[i];
    const next = () => v[++i];
    if (k === '--seed') a.seed = Number(next());
    else if (k === '--cases') a.cases = Number(next());
    else if (k === '--batch') a.batch = Number(next());
    else if (k === '--start') a.start = Number(next());
    else if (k === '--out') a.out = next();
    else if (k === '--fixtures') a.fixtures = next();
    else if (k === '--gxbg') a.gxbg = next();
    else if (k === '--save-pages') a.savePages = true;
    else if (k === '--no-shrink') a.shrink = false;
    else if (k === '--no-edge') a.edge = false;
    else if (k === '--record-edge') a.recordEdge = resolve(next());
    else if (k === '--quirks') a.quirks = next(); // none | odd (default: every other page) | all
    else throw new Error(`unknown argument ${k}`);
  }
  a.out = resolve(a.out);
  a.gxbg = resolve(a.gxbg);
  if (a.fixtures) a.fixtures = resolve(a.fixtures);
  return a;
}

const opts = args();
mkdirSync(opts.out, { recursive: true });
if (opts.savePages) mkdirSync(join(opts.out, 'pages'), { recursive: true });
const CHROME_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROME_ARGS });
const version = browser.version();
const page = await browser.newPage();

/** Lay out a page on both sides: `{chrome: {id → table}, grids: Map(offset → grid)}`. */
async function layBoth(built, file) {
  writeFileSync(file, built.html);
  const grids = runGxbg(opts.gxbg, file);
  await page.goto('file://' + file, { waitUntil: 'load', timeout: 120000 });
  const chrome = await page.evaluate(extractInPage, built.tables.map((t) => t.id));
  return { chrome, grids };
}

/** Per case key: the differences of all its tables. */
function compareAll(built, { chrome, grids }) {
  const diffs = new Map();
  built.tables.forEach((t, i) => {
    const d = compareTable(chrome[t.id], gridFor(grids, t, i)).map((s) => `${t.id}: ${s}`);
    if (!diffs.has(t.key)) diffs.set(t.key, []);
    diffs.get(t.key).push(...d);
  });
  return diffs;
}

/** The same tree with ids `prefix`, `prefix_1`, … (so candidates can share one page). */
function relabel(tree, prefix) {
  const t = structuredClone(tree);
  let m = 0;
  const walk = (tab, top) => {
    tab.id = top ? prefix : `${prefix}_${++m}`;
    for (const p of tab.parts) {
      if (p.t === 'tt') walk(p.table, false);
      if (p.t !== 'sec') continue;
      for (const row of p.rows) {
        if (row.t !== 'row') continue;
        for (const c of row.items) if (c.t === 'cell') for (const x of c.content) if (x.t === 'table') walk(x.table, false);
      }
    }
  };
  walk(t, true);
  return t;
}

async function shrink(tree, quirks) {
  // Greedy: candidates one step smaller, largest cuts first, tried a chunk per page; the first
  // that still disagrees (geometry errors aside) is taken, until no step keeps a disagreement.
  const CHUNK = 24;
  let cur = tree;
  for (let round = 0; round < 1000; round++) {
    const cands = shrinkSteps(cur);
    let next = null;
    for (let lo = 0; lo < cands.length && !next; lo += CHUNK) {
      const chunk = cands.slice(lo, lo + CHUNK).map((c, j) => relabel(c, `s${round}x${lo + j}`));
      const built = buildPage(chunk.map((c, j) => ({ key: j, ...serialize(c) })), quirks);
      const diffs = compareAll(built, await layBoth(built, join(opts.out, 'shrink.html')));
      const j = chunk.findIndex((_, k) => (diffs.get(k) || []).some((s) => !s.includes('geometry:')));
      if (j >= 0) next = cands[lo + j];
    }
    if (!next) break;
    cur = next;
  }
  return cur;
}

/** A shrunk case as a fixture: its page and Chromium's grids (see `record`). */
async function fixture(tree, name, before, quirks) {
  const built = buildPage([{ key: 0, ...serialize(relabel(tree, 't')) }], quirks);
  await record(built, name, `tools/grid-diff/run.mjs --seed ${opts.seed}: ${name}, shrunk`, before, quirks);
}

/**
 * Write `built` to FIXTURES/NAME.html and Chromium's grids of it to NAME.json: per table its
 * id, offset, rows, columns and cells as drawn (tokens, slots, uncut colspans, th).
 */
async function record(built, name, source, before, quirks, known = null, dir = opts.fixtures) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.html`);
  const { chrome } = await layBoth(built, file);
  const tables = built.tables.filter((t) => chrome[t.id]).map((t) => {
    const c = chrome[t.id];
    return {
      id: t.id,
      offset: t.offset,
      n_rows: c.nRows,
      n_cols: c.cells.reduce((m, x) => Math.max(m, x.c + x.cs), 0),
      cells: c.cells.map((x) => ({ token: `T${x.tok}_`, row: x.r, col: x.c, rowspan: x.rs, colspan: x.cs, header: x.th })),
    };
  });
  const doc = {
    source,
    quirks_mode: quirks,
    chromium: version,
    note: 'cells as Chromium draws them (colspan uncut); gxbg cuts a colspan where it would run over a cell spanning down from an earlier row',
    gxbg_disagreed: before,
    ...(known ? { known_disagreement: known } : {}),
    tables,
  };
  // One line per cell: short diffs when a fixture is regenerated.
  const text = JSON.stringify(doc, null, 1).replace(/\{\n\s*"token"[^}]*\}/g, (m) => JSON.stringify(JSON.parse(m)));
  writeFileSync(join(dir, `${name}.json`), text + '\n');
}

/** The hand-written edge cases (edge.mjs), each on its own page, standards then quirks mode. */
async function runEdge() {
  let ok = 0;
  const failed = [];
  const known = [];
  for (const [name, body, knownWhy] of EDGE_CASES) {
    for (const quirks of [false, true]) {
      const head = quirks ? PAGE_HEAD.replace('<!DOCTYPE html>\n', '') : PAGE_HEAD;
      const html = head + body + '\n</body></html>\n';
      const built = { html, tables: tablesOf(html, 0) };
      const te = Date.now();
      const res = await layBoth(built, join(opts.out, 'edge.html'));
      if (Date.now() - te > 5000) console.error(`edge case ${name}: ${Date.now() - te} ms`);
      const d = compareAll(built, res).get(0) || [];
      const label = `${name} (${quirks ? 'quirks' : 'standards'})`;
      if (knownWhy) {
        // A known disagreement is reported, counted neither way; said when it no longer holds.
        known.push({ edge: label, disagrees: d.length > 0, diffs: d.length, why: knownWhy });
        console.error(`edge case ${label}: ${d.length ? `known disagreement (${d.length} differences)` : 'KNOWN DISAGREEMENT NOW AGREES: update edge.mjs'}`);
        if (d.length && opts.fixtures && !quirks) {
          await record(built, 'known-' + slugOf(name), `tools/grid-diff/edge.mjs: ${label}`, d, quirks, knownWhy);
        }
        continue;
      }
      if (opts.recordEdge && (!quirks || name.includes('quirks'))) {
        await record(built, `edge-${slugOf(name)}${quirks ? '-quirks' : ''}`, `tools/grid-diff/edge.mjs: ${label}`, d, quirks, null, opts.recordEdge);
      }
      if (!d.length) {
        ok++;
        continue;
      }
      failed.push({ edge: label, quirks, diffs: d });
      console.error(`edge case ${label}: ${d.slice(0, 4).join('; ')}${d.length > 4 ? ` (+${d.length - 4})` : ''}`);
      if (opts.fixtures) {
        await record(built, `edge-${slugOf(name)}${quirks ? '-quirks' : ''}`, `tools/grid-diff/edge.mjs: ${label}`, d, quirks);
      }
    }
  }
  return { ok, failed, known };
}

/** A file name for an edge case: the id of its first table. */
const slugOf = (name) => tablesOf(EDGE_CASES.find((e) => e[0] === name)[1], 0)[0].id;

const t0 = Date.now();
const edge = opts.edge ? await runEdge() : { ok: 0, failed: [], known: [] };
console.error(`grid-diff: edge cases ${edge.ok} agree, ${edge.failed.length} disagree`);
let passed = 0;
const failures = [];
let geometryErrors = 0;
// What the compared tables contained (Chromium's view), to show the stress is real.
const cover = { tables: 0, nested_tables: 0, cells: 0, th: 0, rowspan_gt1: 0, colspan_gt1: 0, colspan_cut_by_overlap: 0,
  tables_wider_than_100_cols: 0, rows_where_no_cell_starts: 0, tables_without_cells: 0 };
function count(built, chrome) {
  for (const t of built.tables) {
    const c = chrome[t.id];
    if (!c) continue;
    cover.tables++;
    if (t.id.includes('_')) cover.nested_tables++;
    if (!c.cells.length) cover.tables_without_cells++;
    const cut = cutChromium(c.cells);
    const starts = new Set();
    let w = 0;
    c.cells.forEach((x, k) => {
      cover.cells++;
      if (x.th) cover.th++;
      if (x.rs > 1) cover.rowspan_gt1++;
      if (x.cs > 1) cover.colspan_gt1++;
      if (cut[k].cs !== x.cs) cover.colspan_cut_by_overlap++;
      starts.add(x.r);
      w = Math.max(w, x.c + x.cs);
    });
    cover.rows_where_no_cell_starts += c.nRows - starts.size;
    if (w > 100) cover.tables_wider_than_100_cols++;
  }
}
const end = opts.start + opts.cases;
for (let b = opts.start; b < end; b += opts.batch) {
  const ids = [];
  for (let i = b; i < Math.min(end, b + opts.batch); i++) ids.push(i);
  const trees = new Map(ids.map((i) => [i, generate(opts.seed, i)]));
  // Every other page in quirks mode (no doctype).
  const quirks = opts.quirks === 'all' || (opts.quirks === 'odd' && Math.floor(b / opts.batch) % 2 === 1);
  const built = buildPage(ids.map((i) => ({ key: i, ...serialize(trees.get(i)) })), quirks);
  const name = `page-${String(b).padStart(6, '0')}`;
  const file = opts.savePages ? join(opts.out, 'pages', `${name}.html`) : join(opts.out, 'page.html');
  const res = await layBoth(built, file);
  if (opts.savePages) {
    writeFileSync(join(opts.out, 'pages', `${name}.json`), JSON.stringify({ seed: opts.seed, tables: built.tables, chrome: res.chrome }));
  }
  const diffs = compareAll(built, res);
  count(built, res.chrome);
  for (const i of ids) {
    const d = diffs.get(i) || [];
    if (d.some((s) => s.includes('geometry:'))) geometryErrors++;
    if (!d.length) {
      passed++;
      continue;
    }
    const f = { case: i, quirks, diffs: d, html: serialize(trees.get(i)).html };
    if (opts.shrink && !d.every((s) => s.includes('geometry:'))) {
      const small = await shrink(trees.get(i), quirks);
      f.minimal = serialize(relabel(small, 't')).html;
      if (opts.fixtures) {
        mkdirSync(opts.fixtures, { recursive: true });
        await fixture(small, `seed${opts.seed}-case${i}`, d, quirks);
      }
    }
    failures.push(f);
    console.error(`case ${i}: ${d.slice(0, 4).join('; ')}${d.length > 4 ? ` (+${d.length - 4})` : ''}`);
    if (f.minimal) console.error(`  minimal: ${f.minimal}`);
  }
  const done = Math.min(end, b + opts.batch) - opts.start;
  console.error(`grid-diff: ${done}/${opts.cases} cases, ${failures.length} failed, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
await browser.close();

const summary = {
  edge_cases: edge.ok + edge.failed.length,
  edge_failed: edge.failed,
  edge_known: edge.known,
  seed: opts.seed,
  start: opts.start,
  cases: opts.cases,
  passed,
  failed: failures.length,
  geometry_errors: geometryErrors,
  coverage: cover,
  chromium: version,
  seconds: Math.round((Date.now() - t0) / 1000),
  failures,
};
writeFileSync(join(opts.out, 'summary.json'), JSON.stringify(summary, null, 1) + '\n');
console.log(`Chromium ${version}; edge cases: ${edge.ok}/${summary.edge_cases} agree; generated: seed ${opts.seed}, cases ${opts.start}..${end - 1}, ${passed}/${opts.cases} agree; ${summary.seconds} s`);
console.log(`compared: ${Object.entries(cover).map(([k, v]) => `${k} ${v}`).join(', ')}`);
const nFailed = failures.length + edge.failed.length;
if (edge.known.length) console.log(`known disagreements (not counted): ${edge.known.map((k) => `${k.edge}: ${k.disagrees ? `${k.diffs} differences` : 'now agrees'}`).join('; ')}`);
console.log(`${passed + edge.ok} passed, ${nFailed} failed`);
process.exit(nFailed ? 1 : 0);



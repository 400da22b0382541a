// Node sides of the comparison harness (scripts/bench.sh runs this; see README.md here).
//
//   node peer_node.mjs cheerio [--runs N] [--budget-ms MS] [--warmup-ms MS] FILE...
//   node peer_node.mjs wasm PKG_NODE_JS [--runs N] [--budget-ms MS] [--warmup-ms MS] FILE...
//
// cheerio: decode the page (declared charset, else UTF-8), cheerio.load, walk every table
// (rows → cell texts), take the body text and convert it with opencc-js (Taiwan with
// phrases → mainland, OpenCC's tw2sp). wasm: gxbg's npm package (`parse(bytes)`, the
// report as a plain object). One JSON line per file: median and minimum milliseconds per
// page, tables and cells found.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const argv = process.argv.slice(2);
const mode = argv.shift();
let pkg = null;
if (mode === 'wasm') pkg = argv.shift();
let runs = 50;
let budgetMs = 1500;
let warmupMs = 3000;
const files = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--runs') runs = Number(argv[++i]);
  else if (argv[i] === '--budget-ms') budgetMs = Number(argv[++i]);
  else if (argv[i] === '--warmup-ms') warmupMs = Number(argv[++i]);
  else files.push(argv[i]);
}

function measure(fn) {
  // Warm-up: at least 3 runs and 300 ms (at most 20 runs), so V8 has tiered the code up.
  const w0 = performance.now();
  for (let i = 0; i < 20 && (i < 3 || performance.now() - w0 < 300); i++) fn();
  const times = [];
  const start = performance.now();
  while (times.length < runs && (times.length < 5 || performance.now() - start < budgetMs)) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const n = times.length;
  const med = n % 2 ? times[(n - 1) / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
  return { ms: med, min_ms: times[0], runs: n };
}

function decode(bytes) {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /charset\s*=\s*["']?([A-Za-z0-9_.:-]+)/i.exec(head);
  if (m) {
    let name = m[1].toLowerCase();
    if (name === 'gb2312' || name === 'gbk') name = 'gb18030';
    try {
      return new TextDecoder(name, { fatal: true }).decode(bytes);
    } catch {
      // a lying declaration: fall through
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

async function main() {
  let job;
  if (mode === 'cheerio') {
    const cheerio = await import('cheerio');
    const OpenCC = (await import('opencc-js')).default;
    const convert = OpenCC.Converter({ from: 'twp', to: 'cn' });
    job = (bytes, found) => {
      const html = decode(bytes);
      const $ = cheerio.load(html);
      let tables = 0;
      let cells = 0;
      $('table').each((_, t) => {
        tables++;
        const rows = [];
        $(t)
          .find('tr')
          .each((_, tr) => {
            const row = [];
            $(tr)
              .children('td,th')
              .each((_, td) => {
                row.push($(td).text().trim());
              });
            cells += row.length;
            rows.push(row);
          });
      });
      const text = convert($('body').text());
      found.tables = tables;
      found.cells = cells;
      found.chars = text.length;
    };
  } else if (mode === 'wasm') {
    const gx = await import(pathToFileURL(pkg).href);
    job = (bytes, found) => {
      const r = gx.parse(bytes, { source: 'bench' });
      let tables = 0;
      let cells = 0;
      for (const t of Object.values(r.tables)) {
        if (t.status === 'missing') continue;
        tables++;
        for (const row of Object.values(t.rows)) {
          for (const c of Object.values(row)) if (c.state !== 'missing') cells++;
        }
      }
      found.tables = tables;
      found.cells = cells;
    };
  } else {
    console.error('usage: node peer_node.mjs cheerio|wasm [PKG] [--runs N] [--budget-ms MS] FILE...');
    process.exit(2);
  }
  // Global warm-up over all the files (--warmup-ms, default 3000): V8 compiles a wasm module
  // with its baseline compiler first and optimises hot functions in the background, which
  // on a busy 2-core machine takes seconds; measuring before that measures the compiler.
  const inputs = files.map((f) => new Uint8Array(readFileSync(f)));
  const wEnd = performance.now() + warmupMs;
  for (let calls = 0; calls < 500 && performance.now() < wEnd; ) {
    for (const bytes of inputs) {
      try {
        job(bytes, {});
      } catch {
        // reported below
      }
      calls++;
    }
  }
  for (const f of files) {
    const bytes = new Uint8Array(readFileSync(f));
    const found = {};
    try {
      const m = measure(() => job(bytes, found));
      console.log(JSON.stringify({ file: f, bytes: bytes.length, ...m, ...found }));
    } catch (e) {
      console.log(JSON.stringify({ file: f, bytes: bytes.length, error: String(e && e.message ? e.message : e) }));
    }
  }
}

main();

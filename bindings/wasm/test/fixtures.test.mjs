// The project's golden fixtures (tests/fixtures/{html,text}/NAME + NAME.expected.json, the
// format documented in crates/gxbg/tests/fixtures.rs) through the npm package: the
// WebAssembly build must give what the native core gives on every page and encoding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'gxbg';
import { REPO } from './helpers.mjs';

function fixtures() {
  const out = [];
  for (const sub of ['html', 'text']) {
    const dir = path.join(REPO, 'tests/fixtures', sub);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.expected.json')) continue;
      const stem = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
      const exp = path.join(dir, `${stem}.expected.json`);
      if (existsSync(exp)) out.push({ input: path.join(dir, name), exp, name: `${sub}/${name}` });
    }
  }
  return out;
}

function problems(report, exp) {
  const errs = [];
  if (typeof exp.format === 'string' && report.format !== exp.format) errs.push(`format ${report.format} != ${exp.format}`);
  for (const [k, v] of Object.entries(exp.tables ?? {})) {
    const got = report.tables[k]?.status;
    if (got !== v) errs.push(`table ${k}: ${got} != ${v}`);
  }
  for (const [k, v] of Object.entries(exp.cells ?? {})) {
    const [t, r, c] = k.split('.');
    const cell = report.tables[t]?.rows?.[r]?.[c];
    if (!cell) {
      errs.push(`${k}: no such cell`);
    } else if (typeof v === 'number') {
      if (cell.state !== 'value' || typeof cell.value !== 'number' || Math.abs(cell.value - v) > 1e-9) {
        errs.push(`${k}: ${cell.state} ${cell.value} (raw ${JSON.stringify(cell.raw)}) != ${v}`);
      }
    } else if (typeof v === 'string') {
      if (cell.state !== v) errs.push(`${k}: state ${cell.state} (raw ${JSON.stringify(cell.raw)}) != ${v}`);
    } else {
      errs.push(`${k}: bad expectation ${JSON.stringify(v)}`);
    }
  }
  if (Array.isArray(exp.findings)) {
    const want = [...new Set(exp.findings)].sort();
    const got = [...new Set(report.findings.map((f) => f.rule))].sort();
    if (JSON.stringify(want) !== JSON.stringify(got)) errs.push(`findings ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
  }
  for (const [k, v] of Object.entries(exp.figures ?? {})) {
    if (!report.figures.some((f) => f.key === k && Math.abs(f.value - v) < 1e-9)) errs.push(`figure ${k} = ${v} not found`);
  }
  return errs;
}

const all = fixtures();

test('there are golden fixtures to check', () => {
  assert.ok(all.length > 0, 'no tests/fixtures/*/NAME.expected.json found');
});

for (const f of all) {
  test(`fixture ${f.name}`, () => {
    const exp = JSON.parse(readFileSync(f.exp, 'utf8'));
    const report = parse(new Uint8Array(readFileSync(f.input)), { source: f.name });
    const errs = problems(report, exp);
    assert.deepEqual(errs, [], `${f.name}:\n  ${errs.join('\n  ')}`);
  });
}

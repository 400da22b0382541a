// Shared helpers of the Node tests. The tests import the BUILT package by its name
// (`gxbg`, resolved through bindings/wasm/package.json "exports", condition "node").
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '../../..');
export const SEEDS = path.join(REPO, 'tests/seeds');
export const FIXTURES = path.join(HERE, 'fixtures');

/** The path of the seed whose name starts with `prefix` (e.g. `004`). */
export function seedPath(prefix) {
  const name = readdirSync(SEEDS).find((n) => n.startsWith(prefix) && n.endsWith('.txt'));
  assert.ok(name, `seed ${prefix} not found in ${SEEDS}`);
  return path.join(SEEDS, name);
}

export function seedBytes(prefix) {
  return new Uint8Array(readFileSync(seedPath(prefix)));
}

export function fixtureBytes(name) {
  return new Uint8Array(readFileSync(path.join(FIXTURES, name)));
}

/** A cell by its full key `table.row.column`. */
export function cell(report, key) {
  const [t, r, c] = key.split('.');
  const got = report.tables[t]?.rows?.[r]?.[c];
  assert.ok(got, `no cell ${key}`);
  return got;
}

/** The number of a `value` cell (fails on any other state). */
export function val(report, key) {
  const c = cell(report, key);
  assert.equal(c.state, 'value', `${key}: ${JSON.stringify(c)}`);
  return c.value;
}

export const REQUEST_COLUMNS = ['natural_person', 'commercial', 'research', 'social_welfare', 'legal_service', 'other_org', 'total'];

/** A row of table 三 as its seven numbers. */
export function requestRow(report, row) {
  return REQUEST_COLUMNS.map((c) => val(report, `requests.${row}.${c}`));
}

/** The values of the prose figures stated for a key. */
export function figures(report, key) {
  return report.figures.filter((f) => f.key === key).map((f) => f.value);
}

// The TypeScript declarations of the package compile and describe the API (tsc --noEmit on
// test/types/usage.ts, which imports the package by name as a user would).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { HERE } from './helpers.mjs';

test('index.d.ts type-checks against a typical use', () => {
  const tsc = path.join(HERE, '../node_modules/typescript/bin/tsc');
  assert.ok(existsSync(tsc), 'typescript is not installed: run npm ci in bindings/wasm');
  const res = spawnSync(process.execPath, [tsc, '-p', path.join(HERE, 'types/tsconfig.json')], { encoding: 'utf8' });
  assert.equal(res.status, 0, `tsc failed:\n${res.stdout}\n${res.stderr}`);
});

// A Rust panic (or any other trap) inside the module becomes a GxbgError — code `panic`
// with the panic message, or `trap` — and the module is re-instantiated so later calls
// work. Uses the test build of the package (scripts/build-wasm.sh --test-panic →
// pkg/test-panic), whose module has a deliberate failure entry point; the normal build has
// none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as normal from 'gxbg';
import { HERE, seedBytes } from './helpers.mjs';

const TEST_BUILD = path.join(HERE, '../pkg/test-panic/node.js');

async function testBuild() {
  assert.ok(existsSync(TEST_BUILD), `${TEST_BUILD} missing: run scripts/build-wasm.sh --test-panic`);
  return import(pathToFileURL(TEST_BUILD).href);
}

function failure(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail('expected an error');
}

test('the normal build has no failure entry point', () => {
  const e = failure(() => normal.__testFailure('panic', 'x'));
  assert.ok(e instanceof normal.GxbgError);
  assert.equal(e.code, 'invalid_argument');
});

test('a panic becomes an Error with code panic, and the module keeps working', async () => {
  const g = await testBuild();
  const before = g.parse(seedBytes('004'));
  for (let i = 0; i < 3; i++) {
    const err = failure(() => g.__testFailure('panic', `round ${i}`));
    assert.ok(err instanceof Error, 'an Error');
    assert.ok(err instanceof g.GxbgError, 'a GxbgError');
    assert.equal(err.code, 'panic');
    assert.match(err.message, new RegExp(`deliberate test panic: round ${i}`));
    assert.ok(err.cause instanceof WebAssembly.RuntimeError, 'the trap is the cause');
    // Right after the panic: a full parse on the fresh instance, identical to before.
    assert.deepEqual(g.parse(seedBytes('004')), before);
    assert.equal(g.version(), normal.version());
  }
  // A core error after a panic is still a core error, not a stale panic.
  assert.throws(() => g.parse(''), (e) => e.code === 'empty');
  // The normal package, a separate module instance, was never affected.
  assert.deepEqual(normal.parse(seedBytes('004')), before);
});

test('a trap without a panic becomes an Error with code trap, and the module keeps working', async () => {
  const g = await testBuild();
  const before = g.parse(seedBytes('004'));
  const err = failure(() => g.__testFailure('abort'));
  assert.ok(err instanceof g.GxbgError);
  assert.equal(err.code, 'trap');
  assert.doesNotMatch(err.message, /deliberate test panic/);
  assert.deepEqual(g.parse(seedBytes('004')), before);
  // And a panic after that still reports its own message.
  const p = failure(() => g.__testFailure('panic', 'after abort'));
  assert.equal(p.code, 'panic');
  assert.match(p.message, /after abort/);
  assert.deepEqual(g.parse(seedBytes('004')), before);
});

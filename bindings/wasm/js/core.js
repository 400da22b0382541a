// The public API of the npm package `gxbg`, shared by the Node and the browser entry points.
// The entry point (node.js or browser.js) instantiates the WebAssembly module before this
// API is used; this file only calls it.
//
// Reports cross the boundary as the core's JSON text and become plain objects with
// JSON.parse, so a report here has exactly the keys, key order and values of the JSON
// output (numbers as JS numbers). `parse` gets the text as UTF-16 code units (JS strings are
// UTF-16; decoding UTF-8 with Chinese in it costs V8 several times more than this copy).
//
// Panics. wasm32 has no unwinding: a Rust panic (or any other trap: out of memory, stack
// overflow) aborts the instance mid-call and leaves its memory in an unknown state. The
// core is written never to panic; if it does anyway, `call` below turns the trap into a
// GxbgError with code `panic` (the Rust panic message, which the module's panic hook
// hands over through globalThis.__gxbgRecordPanic just before trapping) or `trap`, and
// re-instantiates the module from the already compiled WebAssembly.Module, so the next
// call runs on a fresh instance. Nothing is lost: the module keeps no state between calls.

import * as raw from './gxbg_wasm.js';

/** An error of gxbg: `code` is stable and machine-readable (see index.d.ts). */
export class GxbgError extends Error {
  constructor(message, code, options) {
    super(message, options);
    this.name = 'GxbgError';
    this.code = code;
  }
}

// Every copy of the package in a realm installs the same recorder; calls into wasm are
// synchronous, so the last recorded message belongs to the call that just trapped.
const PANIC_SLOT = '__gxbgLastPanic';
globalThis.__gxbgRecordPanic = (message) => {
  globalThis[PANIC_SLOT] = String(message);
};

function call(f) {
  globalThis[PANIC_SLOT] = undefined;
  try {
    return f();
  } catch (e) {
    // An error the Rust side threw on purpose: an Error with a string `code`.
    if (e instanceof Error && typeof e.code === 'string' && !(e instanceof WebAssembly.RuntimeError)) {
      throw new GxbgError(e.message, e.code);
    }
    const panicMessage = globalThis[PANIC_SLOT];
    globalThis[PANIC_SLOT] = undefined;
    let resetFailed = null;
    try {
      raw.__wbg_reset_state();
    } catch (re) {
      resetFailed = re;
    }
    const after = resetFailed
      ? `; re-instantiating the module failed too (${resetFailed && resetFailed.message})`
      : '; the module was re-instantiated';
    if (panicMessage !== undefined) {
      throw new GxbgError(`gxbg panicked (this is a bug in gxbg): ${panicMessage}${after}`, 'panic', { cause: e });
    }
    throw new GxbgError(
      `gxbg aborted (${e && e.name ? e.name + ': ' : ''}${e && e.message ? e.message : String(e)})${after}`,
      'trap',
      { cause: e },
    );
  }
}

// UTF-16 code units (a Uint16Array over bytes copied from the module's little-endian
// memory) → string: Node's Buffer is the fastest; TextDecoder everywhere else.
const NodeBuffer =
  typeof globalThis.process === 'object' && globalThis.process?.versions?.node && typeof globalThis.Buffer === 'function'
    ? globalThis.Buffer
    : null;
const utf16Decoder = new TextDecoder('utf-16le');

function textOfUtf16(units) {
  if (NodeBuffer !== null) return NodeBuffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le');
  return utf16Decoder.decode(units);
}

function bytesOf(input) {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return null;
}

function checkOptions(options) {
  if (options === undefined || options === null) return { convertTraditional: undefined, source: undefined };
  if (typeof options !== 'object') {
    throw new GxbgError('options must be an object', 'invalid_argument');
  }
  const { convertTraditional, source } = options;
  if (convertTraditional !== undefined && typeof convertTraditional !== 'boolean') {
    throw new GxbgError('options.convertTraditional must be a boolean', 'invalid_argument');
  }
  if (source !== undefined && source !== null && typeof source !== 'string') {
    throw new GxbgError('options.source must be a string', 'invalid_argument');
  }
  return { convertTraditional, source: source ?? undefined };
}

/**
 * Parse one report page: a string (already decoded text or HTML) or its bytes in any
 * supported encoding (UTF-8, GBK/GB18030, Big5 …; the encoding is detected).
 */
export function parse(input, options) {
  const { convertTraditional, source } = checkOptions(options);
  let json;
  if (typeof input === 'string') {
    json = call(() => raw.parseText(input, convertTraditional, source));
  } else {
    const bytes = bytesOf(input);
    if (bytes === null) {
      throw new GxbgError('input must be a string, a Uint8Array, an ArrayBuffer or a typed array', 'invalid_argument');
    }
    json = call(() => raw.parseBytes(bytes, convertTraditional, source));
  }
  return JSON.parse(textOfUtf16(json));
}

function reportsText(reports) {
  if (reports === null || typeof reports !== 'object') {
    throw new GxbgError('expected a report or an array of reports', 'invalid_argument');
  }
  return JSON.stringify(reports);
}

/** The tidy long CSV of one report or several (the same CSV as the command line). */
export function toCSV(reports) {
  const text = reportsText(reports);
  return call(() => raw.reportsToCsv(text));
}

/** The JSON output of one report or several (the same JSON as the command line). */
export function toJSON(reports) {
  const text = reportsText(reports);
  return call(() => raw.reportsToJson(text));
}

const schemaCache = new Map();

/** The canonical tables of a report format: keys, labels and columns, in report order. */
export function schema(format = '2021') {
  if (format !== '2019' && format !== '2021') {
    throw new GxbgError(`unknown format ${JSON.stringify(format)}: expected "2019" or "2021"`, 'invalid_argument');
  }
  let s = schemaCache.get(format);
  if (s === undefined) {
    s = JSON.parse(call(() => raw.schemaJson(format)));
    schemaCache.set(format, s);
  }
  // A fresh copy each time, so callers may change what they get.
  return structuredClone(s);
}

/** The version of gxbg compiled into the WebAssembly module. */
export function version() {
  return call(() => raw.version());
}

/**
 * Test builds only (absent otherwise): fails inside the module on purpose, `kind` `panic`
 * (a Rust panic with `message`) or `abort` (a trap without a panic).
 */
export function __testFailure(kind = 'panic', message = 'test') {
  if (typeof raw.__gxbgTestFailure !== 'function') {
    throw new GxbgError('this build has no test failure entry point', 'invalid_argument');
  }
  return call(() => raw.__gxbgTestFailure(String(kind), String(message)));
}

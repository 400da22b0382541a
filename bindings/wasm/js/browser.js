// Browser and bundler entry point of `gxbg`: fetches the .wasm next to this file
// (bundlers that understand `new URL(..., import.meta.url)` copy it into the build) and
// instantiates it with top-level await, so the API is ready as soon as the import resolves.
import init from './gxbg_wasm.js';

await init({ module_or_path: new URL('./gxbg_wasm_bg.wasm', import.meta.url) });

export { parse, toCSV, toJSON, schema, version, GxbgError, __testFailure } from './core.js';

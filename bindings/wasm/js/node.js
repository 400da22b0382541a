// Node.js entry point of `gxbg`: reads the .wasm next to this file and instantiates it
// synchronously, so the API is ready as soon as the import resolves.
import { readFileSync } from 'node:fs';
import { initSync } from './gxbg_wasm.js';

initSync({ module: readFileSync(new URL('./gxbg_wasm_bg.wasm', import.meta.url)) });

export { parse, toCSV, toJSON, schema, version, GxbgError, __testFailure } from './core.js';

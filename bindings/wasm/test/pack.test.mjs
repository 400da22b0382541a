// The package as a user gets it: `npm pack`, install the tarball into an empty project, and
// import it from there (only the files listed in package.json "files" are in the tarball).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HERE, seedPath } from './helpers.mjs';

function run(cmd, args, cwd) {
  const res = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  assert.equal(res.status, 0, `${cmd} ${args.join(' ')} failed:\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

test('the packed tarball installs and works from another project', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gxbg-pack-'));
  try {
    run('npm', ['pack', '--silent', '--pack-destination', tmp], path.join(HERE, '..'));
    const tgz = readdirSync(tmp).find((n) => n.endsWith('.tgz'));
    assert.ok(tgz, 'npm pack made a tarball');
    const app = path.join(tmp, 'app');
    run('mkdir', ['-p', app], tmp);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    run('npm', ['install', '--no-audit', '--no-fund', '--offline', path.join(tmp, tgz)], app);
    const files = run('find', ['node_modules/gxbg', '-type', 'f'], app).split('\n').filter(Boolean).sort();
    assert.ok(!files.some((f) => f.includes('test-panic')), 'no test build in the package');
    assert.ok(files.includes('node_modules/gxbg/pkg/gxbg_wasm_bg.wasm'));
    writeFileSync(path.join(app, 'main.mjs'), `
      import { parse, toCSV, version } from 'gxbg';
      import { readFileSync } from 'node:fs';
      const r = parse(readFileSync(${JSON.stringify(seedPath('004'))}));
      console.log(JSON.stringify({ v: version(), total: r.tables.requests.rows.new_received.total.value, head: toCSV(r).split('\\n')[0] }));
    `);
    const out = JSON.parse(run(process.execPath, ['main.mjs'], app));
    assert.equal(out.total, 651);
    assert.equal(out.head, 'source,table,row,column,value,raw,state');
    assert.match(out.v, /^\d+\.\d+\.\d+/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

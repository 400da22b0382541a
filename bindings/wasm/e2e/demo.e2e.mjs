// The demo page (examples/web) in headless Chromium, driven by Playwright: it loads the
// npm package's browser entry point, parses uploaded files and renders the report.
// Run by scripts/test-browser.sh (which builds the package and installs Chromium).
// Screenshots go to artifacts/ (gitignored).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../../..');
const ARTIFACTS = path.join(REPO, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const seed = (prefix) => path.join(REPO, 'tests/seeds', readdirSync(path.join(REPO, 'tests/seeds')).find((n) => n.startsWith(prefix) && n.endsWith('.txt')));
const OWN_GBK = path.join(REPO, 'bindings/wasm/test/fixtures/gbk-2021.html');
const SHARED_GBK = path.join(REPO, 'tests/fixtures/html/gbk-2021.html');

let server;
let browser;
let page;
let downloadsDir;
const pageErrors = [];
const consoleErrors = [];
const outside = [];

before(async () => {
  assert.ok(existsSync(path.join(REPO, 'bindings/wasm/pkg/browser.js')), 'the package is not built: run scripts/build-wasm.sh');
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}`);
  mkdirSync(ARTIFACTS, { recursive: true });
  downloadsDir = mkdtempSync(path.join(os.tmpdir(), 'gxbg-dl-'));
  server = await serve(REPO);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(server.origin + '/') && !u.startsWith('blob:') && !u.startsWith('data:')) outside.push(u);
  });
  await page.goto(`${server.origin}/examples/web/`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (downloadsDir) rmSync(downloadsDir, { recursive: true, force: true });
});

async function upload(file) {
  await page.setInputFiles('#file', file);
  await page.waitForFunction(
    (name) => {
      const s = document.getElementById('status');
      return s && s.textContent.includes(name) && /\b(ok|error)\b/.test(s.className);
    },
    path.basename(file),
    { timeout: 30000 },
  );
  return page.locator('#status').evaluate((s) => ({ cls: s.className, text: s.textContent }));
}

const cellLocator = (key) => page.locator(`#tables td[data-key="${key}"]`);

async function cellInfo(key) {
  const loc = cellLocator(key);
  assert.equal(await loc.count(), 1, `one cell ${key}`);
  return loc.evaluate((td) => ({ text: td.textContent.trim(), cls: td.className, state: td.dataset.state }));
}

test('the page loads offline: version shown, no errors, no outside request', async () => {
  const v = await page.locator('#version').textContent();
  assert.match(v, /^v\d+\.\d+\.\d+/);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(outside, []);
});

test('seed 004: tables rebuilt with canonical labels, 651 in place, no findings', async () => {
  const st = await upload(seed('004'));
  assert.match(st.cls, /\bok\b/, st.text);
  assert.equal(await page.locator('#result').isVisible(), true);
  const total = await cellInfo('requests.new_received.total');
  assert.equal(total.text, '651');
  assert.match(total.cls, /\bcell-value\b/);
  assert.doesNotMatch(total.cls, /has-finding/);
  assert.equal((await cellInfo('requests.results_total.total')).text, '650');
  assert.equal((await cellInfo('requests.carried_forward.total')).text, '18');
  assert.equal((await cellInfo('appeals.count.review_total')).text, '41');
  assert.equal((await cellInfo('proactive.licensing.decisions')).text, '1184388');
  const derived = await cellInfo('requests.other_handling.total');
  assert.match(derived.cls, /\bcell-derived\b/);
  // Canonical labels.
  const labels = await page.locator('#table-requests th.row-label').allTextContents();
  assert.equal(labels.length, 26);
  assert.ok(labels[0].startsWith('一、本年新收政府信息公开申请数量'), labels[0]);
  assert.ok(labels.some((l) => l.startsWith('（三）3.危及“三安全一稳定”')));
  const heads = await page.locator('#table-appeals thead th').allTextContents();
  for (const h of ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉']) assert.ok(heads.some((t) => t.startsWith(h)), h);
  // No findings: the list is empty and says so.
  assert.equal(await page.locator('#findings li').count(), 0);
  assert.equal(await page.locator('#no-findings').isVisible(), true);
  assert.equal(await page.locator('#findings-count').textContent(), '(0)');
  // The Simplified text is shown.
  assert.ok((await page.locator('#text').textContent()).includes('宣城'));
  await page.screenshot({ path: path.join(ARTIFACTS, 'demo-004.png'), fullPage: true });
});

test('downloads: CSV is the core CSV, JSON is the report', async () => {
  const [csvDl] = await Promise.all([page.waitForEvent('download'), page.click('#dl-csv')]);
  assert.match(csvDl.suggestedFilename(), /^004_.*\.csv$/);
  const csvPath = path.join(downloadsDir, 'r.csv');
  await csvDl.saveAs(csvPath);
  const csv = readFileSync(csvPath, 'utf8').split('\n');
  assert.equal(csv[0], 'source,table,row,column,value,raw,state');
  assert.ok(csv.some((l) => /^004_[^,]*,requests,new_received,total,651,651,value$/.test(l)));
  const [jsonDl] = await Promise.all([page.waitForEvent('download'), page.click('#dl-json')]);
  const jsonPath = path.join(downloadsDir, 'r.json');
  await jsonDl.saveAs(jsonPath);
  const report = JSON.parse(readFileSync(jsonPath, 'utf8'));
  assert.equal(report.tables.requests.rows.new_received.total.value, 651);
  assert.equal(report.source, path.basename(seed('004')));
});

test('a GBK HTML page: decoded, tables filled, blank/dash distinct, findings listed and marked', async () => {
  const st = await upload(OWN_GBK);
  assert.match(st.cls, /\bok\b/, st.text);
  const meta = await page.locator('#meta').textContent();
  assert.match(meta, /GBK|gb18030/i);
  assert.ok(meta.includes('青山县人民政府2021年政府信息公开工作年度报告'), meta);
  assert.equal((await cellInfo('requests.new_received.total')).text, '58');
  const dash = await cellInfo('proactive.regulations.repealed');
  assert.equal(dash.state, 'dash');
  assert.match(dash.cls, /\bcell-dash\b/);
  assert.equal(dash.text, '—');
  const blank = await cellInfo('proactive.fees.amount_10k_yuan');
  assert.match(blank.cls, /\bcell-blank\b/);
  assert.equal(blank.text, '');
  // The deliberate error: （七）总计 自然人 reads 47, the results add up to 48.
  const findings = await page.locator('#findings li').evaluateAll((lis) => lis.map((li) => ({
    rule: li.querySelector('.rule').textContent,
    cells: [...li.querySelectorAll('.cellref')].map((c) => c.textContent),
  })));
  assert.ok(findings.length >= 1);
  assert.ok(findings.some((f) => f.rule === 'requests.balance' && f.cells.includes('requests.results_total.natural_person')), JSON.stringify(findings));
  assert.equal(await page.locator('#no-findings').isVisible(), false);
  const bad = await cellInfo('requests.results_total.natural_person');
  assert.equal(bad.text, '47');
  assert.match(bad.cls, /\bhas-finding\b/);
  // Every cell a finding names is marked, and nothing else is.
  const named = new Set(findings.flatMap((f) => f.cells).filter((k) => !k.startsWith('prose:')));
  const marked = new Set(await page.locator('#tables td.has-finding').evaluateAll((tds) => tds.map((td) => td.dataset.key)));
  const shown = new Set(await page.locator('#tables td[data-key]').evaluateAll((tds) => tds.map((td) => td.dataset.key)));
  for (const k of named) if (shown.has(k)) assert.ok(marked.has(k), `${k} marked`);
  for (const k of marked) assert.ok(named.has(k), `${k} marked but in no finding`);
  // Hovering a finding highlights its cells.
  await page.locator('#findings li').first().hover();
  assert.ok(await page.locator('#tables td.hover').count() > 0);
  await page.screenshot({ path: path.join(ARTIFACTS, 'demo-gbk-2021.png'), fullPage: true });
});

test('seed 001 (Traditional): table 三 without values shows missing cells, text in Simplified', async () => {
  const st = await upload(seed('001'));
  assert.match(st.cls, /\bok\b/, st.text);
  const states = await page.locator('#table-requests td').evaluateAll((tds) => tds.map((td) => td.className));
  assert.ok(states.length > 0);
  assert.ok(states.every((c) => /\bcell-missing\b/.test(c)), 'every cell missing, none shown as 0');
  const text = await page.locator('#text').textContent();
  assert.ok(text.includes('申请'));
  assert.ok(!text.includes('申請'));
  // Unticking the conversion re-parses and keeps the Traditional text.
  await page.uncheck('#convert');
  await page.waitForFunction(() => document.getElementById('text').textContent.includes('申請'));
  await page.check('#convert');
  await page.waitForFunction(() => !document.getElementById('text').textContent.includes('申請'));
});

test('the HTML engineer\'s GBK fixture, when present, decodes as GBK', async (t) => {
  if (!existsSync(SHARED_GBK)) {
    t.skip('tests/fixtures/html/gbk-2021.html not in this tree');
    return;
  }
  const st = await upload(SHARED_GBK);
  assert.match(st.cls, /\bok\b/, st.text);
  assert.match(await page.locator('#meta').textContent(), /GBK|gb18030/i);
});

test('errors are shown with their code; the page keeps working', async () => {
  const pdf = path.join(downloadsDir, 'not-a-report.pdf');
  writeFileSync(pdf, '%PDF-1.7\n1 0 obj\n');
  const st = await upload(pdf);
  assert.match(st.cls, /\berror\b/);
  assert.match(st.text, /\[binary\]/);
  assert.equal(await page.locator('#result').isVisible(), false);
  const ok = await upload(seed('004'));
  assert.match(ok.cls, /\bok\b/);
});

test('after the module is re-instantiated (what a panic triggers), the page still parses', async () => {
  // The same glue module the page uses (same URL): reset it as the wrapper does on a trap.
  await page.evaluate(async () => {
    const glue = await import('/bindings/wasm/pkg/gxbg_wasm.js');
    glue.__wbg_reset_state();
  });
  const st = await upload(seed('004'));
  assert.match(st.cls, /\bok\b/, st.text);
  assert.equal((await cellInfo('requests.new_received.total')).text, '651');
});

test('no page errors and no request left the machine', () => {
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(outside, []);
  assert.ok(server.requests.some((r) => r.endsWith('/bindings/wasm/pkg/gxbg_wasm_bg.wasm')), 'the .wasm was fetched from the server');
});

// The API of the npm package `gxbg` (the built package, Node entry point).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, toCSV, toJSON, schema, version, GxbgError } from 'gxbg';
import { HERE, seedBytes, seedPath, fixtureBytes, val, cell, requestRow } from './helpers.mjs';

const pkg = JSON.parse(readFileSync(path.join(HERE, '../package.json'), 'utf8'));

/** The fields of report.rs `Report`, in declaration order (= serde's JSON order). */
const REPORT_KEYS = [
  'source', 'input', 'encoding', 'encoding_source', 'format', 'meta', 'conversion', 'tables',
  'findings', 'checks', 'figures', 'sections', 'text', 'original_text',
];

function throwsCode(f, code) {
  let err;
  try {
    f();
  } catch (e) {
    err = e;
  }
  assert.ok(err, `expected an error with code ${code}`);
  assert.ok(err instanceof Error, 'an Error');
  assert.ok(err instanceof GxbgError, 'a GxbgError');
  assert.equal(err.code, code, `code of: ${err.message}`);
  assert.equal(typeof err.message, 'string');
  assert.ok(err.message.length > 0);
  return err;
}

test('version() is the package version', () => {
  assert.equal(version(), pkg.version);
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

test('a report is a plain object with the JSON keys in the JSON order', () => {
  const r = parse(seedBytes('004'));
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  assert.deepEqual(Object.keys(r), REPORT_KEYS);
  assert.deepEqual(Object.keys(r.meta), ['title', 'publisher', 'year', 'publish_date', 'index_number', 'document_kind']);
  assert.deepEqual(Object.keys(r.conversion), ['script', 'converted', 'changed_chars']);
  assert.deepEqual(Object.keys(r.tables), ['proactive', 'requests', 'appeals']);
  assert.equal(typeof val(r, 'requests.new_received.total'), 'number');
  // Rows and columns come in the canonical order of the schema.
  const s = schema('2021');
  const requests = s.tables.find((t) => t.key === 'requests');
  assert.deepEqual(Object.keys(r.tables.requests.rows), requests.rows.map((row) => row.key));
  assert.deepEqual(Object.keys(r.tables.requests.rows.new_received), requests.rows[0].columns.map((c) => c.key));
  const appeals = s.tables.find((t) => t.key === 'appeals');
  assert.deepEqual(Object.keys(r.tables.appeals.rows.count), appeals.rows[0].columns.map((c) => c.key));
});

test('toJSON is the JSON the report came from: same keys, order and numbers', () => {
  const r = parse(seedBytes('004'), { source: 'seed-004' });
  const json = toJSON(r);
  assert.match(json, /^\{\n  "source": "seed-004",\n/);
  const back = JSON.parse(json);
  assert.deepEqual(back, r);
  assert.equal(JSON.stringify(back), JSON.stringify(r));
  // Several reports: a JSON array, as the CLI writes for several files.
  const two = JSON.parse(toJSON([r, r]));
  assert.ok(Array.isArray(two));
  assert.equal(two.length, 2);
  assert.deepEqual(two[1], r);
});

test('options: source names the report; default <input>', () => {
  assert.equal(parse(seedBytes('004')).source, '<input>');
  assert.equal(parse(seedBytes('004'), { source: 'a/b.txt' }).source, 'a/b.txt');
  assert.equal(parse(seedBytes('004'), {}).source, '<input>');
});

test('a string and its UTF-8 bytes give the same report (but for how it was decoded)', () => {
  const bytes = seedBytes('004');
  const text = readFileSync(seedPath('004'), 'utf8');
  const fromText = parse(text, { source: 's' });
  const fromBytes = parse(bytes, { source: 's' });
  assert.equal(fromText.encoding, 'UTF-8');
  assert.equal(fromText.encoding_source, 'caller');
  assert.equal(fromBytes.encoding, 'UTF-8');
  assert.equal(fromBytes.encoding_source, 'utf8');
  const strip = ({ encoding, encoding_source, ...rest }) => rest;
  assert.deepEqual(strip(fromText), strip(fromBytes));
  // Every kind of binary input is accepted.
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  assert.deepEqual(parse(ab, { source: 's' }), fromBytes);
  assert.deepEqual(parse(Buffer.from(bytes), { source: 's' }), fromBytes);
  assert.deepEqual(parse(new DataView(ab), { source: 's' }), fromBytes);
  // A view into a larger buffer reads only its own bytes.
  const padded = new Uint8Array(bytes.length + 20);
  padded.set(bytes, 10);
  assert.deepEqual(parse(padded.subarray(10, 10 + bytes.length), { source: 's' }), fromBytes);
});

test('GBK bytes without a declaration are sniffed and decode to the same tables', () => {
  const gbk = fixtureBytes('004-gbk.txt');
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk), 'the fixture is not UTF-8');
  const r = parse(gbk);
  assert.match(r.encoding, /^(GBK|gb18030)$/i);
  assert.equal(r.encoding_source, 'sniffed');
  const utf8 = parse(seedBytes('004'));
  assert.equal(r.text, utf8.text);
  assert.deepEqual(r.tables, utf8.tables);
  assert.equal(val(r, 'requests.new_received.total'), 651);
});

test('a GBK HTML page (charset=gb2312 meta) decodes and maps, with its deliberate error found', () => {
  const r = parse(fixtureBytes('gbk-2021.html'), { source: 'gbk-2021.html' });
  assert.equal(r.input, 'html');
  assert.match(r.encoding, /^(GBK|gb18030)$/i);
  assert.equal(r.encoding_source, 'meta');
  assert.equal(r.format, '2021');
  assert.equal(r.meta.title, '青山县人民政府2021年政府信息公开工作年度报告');
  assert.equal(r.meta.publish_date, '2022-01-20');
  assert.equal(r.meta.index_number, 'qsx-2022-000123');
  assert.equal(r.meta.year, 2021);
  assert.deepEqual(requestRow(r, 'new_received'), [50, 5, 0, 0, 1, 2, 58]);
  assert.deepEqual(requestRow(r, 'results_total'), [47, 5, 0, 0, 1, 2, 56]);
  assert.deepEqual(requestRow(r, 'carried_forward'), [4, 0, 0, 0, 0, 0, 4]);
  assert.equal(val(r, 'proactive.licensing.decisions'), 1203);
  assert.equal(cell(r, 'proactive.regulations.repealed').state, 'dash');
  assert.equal(cell(r, 'proactive.fees.amount_10k_yuan').state, 'blank');
  assert.deepEqual(Object.values(r.tables.appeals.rows.count).map((c) => c.value), [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
  const bad = 'requests.results_total.natural_person';
  const balance = r.findings.find((f) => f.rule === 'requests.balance');
  assert.ok(balance, `a requests.balance finding in ${JSON.stringify(r.findings.map((f) => f.rule))}`);
  assert.ok(balance.cells.includes(bad));
  assert.ok(r.findings.some((f) => f.rule === 'requests.results_sum' && f.cells.includes(bad)));
  // The total column balances: no finding names it.
  assert.ok(!r.findings.some((f) => f.rule === 'requests.balance' && f.cells.includes('requests.results_total.total')));
});

test('errors are GxbgError (an Error) with the core code', () => {
  throwsCode(() => parse(''), 'empty');
  throwsCode(() => parse('  \n\t '), 'empty');
  throwsCode(() => parse(new Uint8Array(0)), 'empty');
  const pdf = throwsCode(() => parse(new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj')), 'binary');
  assert.match(pdf.message, /PDF/);
  throwsCode(() => parse(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])), 'binary');
  throwsCode(() => parse('今天天气很好，我们去公园散步。'), 'not_a_report');
  throwsCode(() => parse(42), 'invalid_argument');
  throwsCode(() => parse(null), 'invalid_argument');
  throwsCode(() => parse('x', { convertTraditional: 'yes' }), 'invalid_argument');
  throwsCode(() => parse('x', { source: 7 }), 'invalid_argument');
  throwsCode(() => toCSV({ not: 'a report' }), 'invalid_report');
  throwsCode(() => toCSV('text'), 'invalid_argument');
  throwsCode(() => toJSON([{}]), 'invalid_report');
  throwsCode(() => schema('2020'), 'invalid_argument');
  // The module is still fine after all of that.
  assert.equal(val(parse(seedBytes('004')), 'requests.new_received.total'), 651);
});

test('toCSV: the core tidy CSV with the exact header', () => {
  const r = parse(seedBytes('004'), { source: '004' });
  const csv = toCSV(r);
  const lines = csv.split('\n');
  assert.equal(lines[0], 'source,table,row,column,value,raw,state');
  assert.ok(lines.includes('004,requests,new_received,total,651,651,value'), 'the 651 line');
  assert.ok(lines.includes('004,appeals,count,review_total,41,41,value'));
  // One header for several reports.
  const two = toCSV([r, { ...r, source: 'again' }]);
  assert.equal(two.split('\n').filter((l) => l === 'source,table,row,column,value,raw,state').length, 1);
  assert.ok(two.includes('\nagain,requests,new_received,total,651,651,value'));
  // Prose figures are marked prose:…, never mistaken for table cells.
  const lost = parse(seedBytes('000'), { source: '000' });
  const body = toCSV(lost).split('\n').slice(1).filter(Boolean);
  assert.ok(body.length > 0);
  assert.ok(body.every((l) => l.split(',')[1].startsWith('prose:')), body.join('\n'));
});

test('schema(): canonical keys and labels of both formats', () => {
  const s21 = schema('2021');
  assert.equal(s21.format, '2021');
  assert.deepEqual(s21.tables.map((t) => t.key), ['proactive', 'requests', 'appeals']);
  const req = s21.tables[1];
  assert.equal(req.numeral, '三');
  assert.equal(req.rows.length, 26);
  assert.equal(req.rows[0].key, 'new_received');
  assert.equal(req.rows[0].label, '一、本年新收政府信息公开申请数量');
  assert.deepEqual(req.rows[0].columns.map((c) => c.label), ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
  assert.equal(req.rows.find((r) => r.key === 'other_handling').derived, true);
  assert.equal(req.rows.find((r) => r.key === 'denied_third_party').group, 'denied');
  assert.equal(s21.tables[2].rows[0].columns.length, 15);
  const s19 = schema('2019');
  assert.equal(s19.tables[1].rows.length, 23);
  assert.ok(s19.tables[0].rows.some((r) => r.key === 'procurement'));
  assert.equal(s19.tables[1].rows.find((r) => r.key === 'other_handling').derived, false);
  // Callers get their own copy.
  s21.tables.length = 0;
  assert.equal(schema('2021').tables.length, 3);
  assert.deepEqual(schema(), schema('2021'));
});

// The five seed reports (tests/seeds) through the npm package, with the figures a correct
// parse yields (shared/seeds/README.md). The same expectations as crates/gxbg/tests/seeds.rs:
// here they prove the bindings hand the core's report over intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'gxbg';
import { seedBytes, val, requestRow, figures, cell } from './helpers.mjs';


test('004 宣城 2024: complete tables, every identity holds, no finding', () => {
  const r = parse(seedBytes('004'), { source: '004' });
  assert.equal(r.format, '2021');
  assert.equal(r.input, 'text');
  for (const [k, v] of [
    ['proactive.regulations.issued', 2],
    ['proactive.regulations.repealed', 1],
    ['proactive.regulations.in_force', 10],
    ['proactive.normative_documents.issued', 150],
    ['proactive.normative_documents.repealed', 136],
    ['proactive.normative_documents.in_force', 819],
    ['proactive.licensing.decisions', 1184388],
    ['proactive.penalty.decisions', 2463842],
    ['proactive.coercion.decisions', 6547],
    ['proactive.fees.amount_10k_yuan', 32788],
  ]) {
    assert.equal(val(r, k), v, k);
  }
  assert.equal(val(r, 'requests.new_received.total'), 651);
  assert.deepEqual(requestRow(r, 'new_received'), [642, 3, 0, 0, 6, 0, 651]);
  assert.deepEqual(requestRow(r, 'carried_over'), [17, 0, 0, 0, 0, 0, 17]);
  assert.deepEqual(requestRow(r, 'granted'), [326, 0, 0, 0, 1, 0, 327]);
  assert.deepEqual(requestRow(r, 'partially_granted'), [110, 1, 0, 0, 0, 0, 111]);
  for (const [k, v] of [
    ['denied_state_secret', 1],
    ['denied_law_prohibited', 3],
    ['denied_three_safeties', 0],
    ['denied_third_party', 7],
    ['denied_internal_affairs', 2],
    ['denied_process_info', 2],
    ['denied_enforcement_file', 4],
    ['denied_query_item', 5],
    ['unavailable_needs_creation', 7],
    ['unavailable_unclear', 0],
    ['rejected_complaint', 1],
    ['rejected_duplicate', 3],
    ['rejected_publication', 0],
    ['rejected_excessive', 0],
    ['rejected_confirmation', 0],
    ['other_no_correction', 4],
    ['other_no_fee', 0],
    ['other_other', 10],
  ]) {
    assert.deepEqual(requestRow(r, k), [v, 0, 0, 0, 0, 0, v], k);
  }
  assert.deepEqual(requestRow(r, 'unavailable_not_held'), [157, 1, 0, 0, 5, 0, 163]);
  assert.deepEqual(requestRow(r, 'results_total'), [642, 2, 0, 0, 6, 0, 650]);
  assert.deepEqual(requestRow(r, 'carried_forward'), [17, 1, 0, 0, 0, 0, 18]);
  assert.equal(cell(r, 'requests.other_handling.total').derived, true);
  const appeals = Object.values(r.tables.appeals.rows.count).map((c) => c.value);
  assert.deepEqual(appeals, [28, 9, 3, 1, 41, 6, 0, 2, 0, 8, 1, 0, 0, 0, 1]);
  assert.deepEqual(r.findings, []);
  const balance = r.checks.find((c) => c.rule === 'requests.balance' && c.cells[0].endsWith('.total'));
  assert.ok(balance, 'a requests.balance check on the total column');
  assert.equal(balance.holds, true);
  assert.equal(balance.expression, '651 + 17 = 650 + 18');
  assert.ok(r.checks.filter((c) => c.on === 'table').every((c) => c.holds));
});

test('003 辽源 2023: table 二 truncated, cells after the cut missing (not 0), prose figures', () => {
  const r = parse(seedBytes('003'));
  assert.equal(r.format, '2021');
  assert.equal(r.tables.proactive.status, 'truncated');
  assert.equal(val(r, 'proactive.regulations.issued'), 1);
  assert.equal(val(r, 'proactive.regulations.repealed'), 1);
  assert.equal(val(r, 'proactive.regulations.in_force'), 2);
  assert.equal(val(r, 'proactive.normative_documents.issued'), 6);
  for (const k of ['proactive.normative_documents.repealed', 'proactive.normative_documents.in_force']) {
    const c = cell(r, k);
    assert.equal(c.state, 'missing', k);
    assert.equal('value' in c, false, `${k} has no value`);
  }
  const truncated = r.findings.find((f) => f.rule === 'table.truncated');
  assert.ok(truncated, 'a table.truncated finding');
  assert.ok(truncated.cells.includes('proactive.normative_documents.repealed'));
  assert.equal(r.meta.title, '辽源市人民政府2023年政府信息公开工作年度报告');
  assert.equal(r.meta.publish_date, '2024-02-29');
  assert.deepEqual(figures(r, 'requests.new_received.total'), [315]);
  assert.deepEqual(figures(r, 'requests.new_received.natural_person'), [312]);
  assert.deepEqual(figures(r, 'requests.carried_over.total'), [8]);
  assert.deepEqual(figures(r, 'requests.results_total.total'), [317]);
  assert.deepEqual(figures(r, 'requests.carried_forward.total'), [6]);
  const balance = r.checks.find((c) => c.rule === 'prose.balance');
  assert.ok(balance, 'prose.balance check');
  assert.equal(balance.expression, '315 + 8 = 317 + 6');
  assert.equal(balance.holds, true);
});

test('002 罗庄 2019: an interpretation page, no tables, figures from the prose', () => {
  const r = parse(seedBytes('002'));
  assert.equal(r.meta.document_kind, 'interpretation');
  assert.equal(r.meta.index_number, 'luozhuangqulz201/2020-0000160');
  assert.equal(r.meta.publish_date, '2020-02-05');
  assert.equal(r.meta.publisher, '罗庄区政府办公室');
  assert.equal(r.meta.year, 2019);
  for (const t of Object.values(r.tables)) assert.equal(t.status, 'missing');
  for (const [k, v] of [
    ['requests.new_received.total', 95],
    ['requests.granted.total', 36],
    ['requests.partially_granted.total', 12],
    ['appeals.count.review_total', 23],
    ['appeals.count.review_upheld', 10],
  ]) {
    assert.deepEqual(figures(r, k), [v], k);
  }
});

test('001 青岛 2023: Traditional converted, table 三 present without values (never zeros)', () => {
  const r = parse(seedBytes('001'));
  for (const w of ['申请', '规范性文件', '程序', '优化', '智能']) assert.ok(r.text.includes(w), w);
  for (const w of ['申請', '規範性檔案', '最佳化', '智慧型']) assert.ok(!r.text.includes(w), `${w} left`);
  assert.equal(r.conversion.converted, true);
  assert.equal(r.tables.requests.status, 'present_without_values');
  const cells = Object.values(r.tables.requests.rows).flatMap((row) => Object.values(row));
  assert.ok(cells.length > 0);
  assert.ok(cells.every((c) => c.state === 'missing' && !('value' in c)));
  assert.deepEqual(figures(r, 'requests.new_received.total'), [8643]);
  assert.deepEqual(figures(r, 'requests.carried_over.total'), [183]);
  assert.deepEqual(figures(r, 'requests.results_total.total'), [8550]);
  assert.deepEqual(figures(r, 'requests.carried_forward.total'), [276]);
  assert.equal(r.checks.find((c) => c.rule === 'prose.balance')?.expression, '8643 + 183 = 8550 + 276');
  // Without conversion the Traditional text stays as it is.
  const kept = parse(seedBytes('001'), { convertTraditional: false });
  assert.equal(kept.conversion.converted, false);
  assert.ok(kept.text.includes('申請'));
});

test('000 临沂 2024: tables lost, metadata from the page chrome, prose figures', () => {
  const r = parse(seedBytes('000'));
  for (const t of Object.values(r.tables)) assert.equal(t.status, 'missing');
  assert.equal(r.meta.index_number, '1585729837/zfb/2025-0000050');
  assert.equal(r.meta.publisher, '临沂市政府办公室');
  assert.equal(r.meta.publish_date, '2025-03-05');
  assert.equal(r.meta.title, '临沂市人民政府2024年政府信息公开工作年度报告');
  assert.equal(r.meta.year, 2024);
  assert.deepEqual(figures(r, 'requests.new_received.total'), [4530]);
  assert.deepEqual(figures(r, 'appeals.count.review_total'), [356]);
  assert.deepEqual(figures(r, 'appeals.count.direct_suit_total'), [47]);
  assert.deepEqual(figures(r, 'appeals.count.post_review_suit_total'), [113]);
});

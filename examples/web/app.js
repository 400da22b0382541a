// The gxbg demo page: parse a dropped or picked report file in the browser with the npm
// package (its browser entry point, straight from the built package: serve the repository
// root, open /examples/web/), and show the report.
import { parse, toCSV, toJSON, schema, version } from '../../bindings/wasm/pkg/browser.js';

const $ = (id) => document.getElementById(id);

/** Create an element: el('td', {class: 'x', title: 'y'}, 'text', child, …). */
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

const STATE_LABEL = {
  value: '数值 value',
  blank: '空白 blank',
  dash: '横线 dash',
  text: '文字 text',
  missing: '缺失 missing',
};
const TABLE_STATUS = {
  present: '完整 present',
  present_without_values: '有表头无数值 present without values',
  truncated: '被截断 truncated',
  missing: '缺失 missing',
};
const SEVERITY = { error: '错误 error', warning: '警告 warning', info: '提示 info' };
const SEVERITY_RANK = { info: 0, warning: 1, error: 2 };

let current = null; // { report, bytes, name }

// ---------------------------------------------------------------------------------------

function setStatus(text, kind = '') {
  const s = $('status');
  s.className = `status ${kind}`;
  s.textContent = text;
}

async function handleFile(file) {
  if (!file) return;
  setStatus(`正在解析 ${file.name} … · parsing`, 'busy');
  const bytes = new Uint8Array(await file.arrayBuffer());
  current = { bytes, name: file.name, report: null };
  runParse();
}

function runParse() {
  if (!current) return;
  const t0 = performance.now();
  try {
    const report = parse(current.bytes, { source: current.name, convertTraditional: $('convert').checked });
    current.report = report;
    render(report);
    const ms = Math.round(performance.now() - t0);
    setStatus(`已解析 ${current.name}（${current.bytes.length.toLocaleString()} 字节，${ms} ms）· parsed`, 'ok');
  } catch (e) {
    current.report = null;
    $('result').hidden = true;
    const code = e && e.code ? ` [${e.code}]` : '';
    setStatus(`无法解析 ${current.name}${code}：${e && e.message ? e.message : e}`, 'error');
  }
}

// ---------------------------------------------------------------------------------------

function render(r) {
  $('result').hidden = false;
  $('doc-title').textContent = r.meta.title || r.source;
  renderMeta(r);
  const marks = findingMarks(r);
  renderTables(r, marks);
  renderFindings(r);
  renderChecks(r);
  renderFigures(r, marks);
  renderText(r);
}

function renderMeta(r) {
  const m = r.meta;
  const rows = [
    ['来源 source', r.source],
    ['标题 title', m.title],
    ['发布机构 publisher', m.publisher],
    ['年度 year', m.year],
    ['发布日期 published', m.publish_date],
    ['索引号 index number', m.index_number],
    ['文档类型 kind', m.document_kind === 'interpretation' ? '解读 interpretation' : m.document_kind === 'report' ? '报告 report' : m.document_kind],
    ['表格格式 format', r.format === 'none' ? '无固定表格 none' : `${r.format} 版`],
    ['输入 input', r.input],
    ['编码 encoding', `${r.encoding}（${r.encoding_source}）`],
    ['繁简 script', `${r.conversion.script}${r.conversion.converted ? `，已转换 ${r.conversion.changed_chars} 字 converted` : ''}`],
  ];
  const dl = $('meta');
  dl.replaceChildren();
  for (const [k, v] of rows) {
    const missing = v === null || v === undefined || v === '';
    dl.append(el('dt', {}, k), el('dd', { class: missing ? 'none' : null }, missing ? '—（未找到 not found）' : v));
  }
}

/** Cell key → the findings that name it (table cells and prose:… keys alike). */
function findingMarks(r) {
  const marks = new Map();
  r.findings.forEach((f, i) => {
    for (const key of f.cells) {
      if (!marks.has(key)) marks.set(key, []);
      marks.get(key).push({ f, i });
    }
  });
  return marks;
}

/** The schema of the report's format (for reports without tables: by year). */
function schemaFor(r) {
  if (r.format === '2019' || r.format === '2021') return schema(r.format);
  return schema(r.meta.year !== null && r.meta.year <= 2020 ? '2019' : '2021');
}

function renderTables(r, marks) {
  const box = $('tables');
  box.replaceChildren();
  for (const def of schemaFor(r).tables) {
    const t = r.tables[def.key];
    const sec = el('section', { class: 'table-block', id: `table-${def.key}` });
    sec.append(
      el('h4', {}, `${def.numeral}、${def.label} `, el('span', { class: `status-badge st-${t.status}` }, TABLE_STATUS[t.status] || t.status)),
    );
    if (t.status === 'missing') {
      sec.append(
        el('p', { class: 'table-missing' }, '来源中没有这张表（或只剩标题）。正文中的相关数字见下方“正文中的数字”。 · The source does not have this table (or only its heading); figures stated in the text are listed below.'),
      );
    } else if (def.key === 'proactive') {
      sec.append(proactiveTable(def, t, marks));
    } else if (def.key === 'requests') {
      sec.append(requestsTable(def, t, marks));
    } else {
      sec.append(appealsTable(def, t, marks));
    }
    box.append(sec);
  }
}

function cellOf(t, row, col) {
  return t.rows[row]?.[col] ?? { state: 'missing' };
}

function fmtNumber(v) {
  return typeof v === 'number' ? String(v) : '';
}

/** A table cell for a canonical cell: its state as a class, its findings as a mark. */
function td(key, c, marks) {
  const classes = ['cell', `cell-${c.state}`];
  if (c.derived) classes.push('cell-derived');
  const found = marks.get(key);
  let title = `${key}\n${STATE_LABEL[c.state] || c.state}`;
  if (c.raw !== undefined && c.raw !== fmtNumber(c.value)) title += `\n原文 raw: ${JSON.stringify(c.raw)}`;
  if (c.unit) title += `\n单位 unit: ${c.unit}`;
  if (c.derived) title += '\n由其他单元格推算 derived from other cells';
  if (found) {
    const worst = found.reduce((a, b) => (SEVERITY_RANK[b.f.severity] > SEVERITY_RANK[a.f.severity] ? b : a));
    classes.push('has-finding', `sev-${worst.f.severity}`);
    title += found.map(({ f, i }) => `\n⚠ #${i + 1} ${f.rule}: ${f.message}`).join('');
  }
  let content = '';
  if (c.state === 'value') content = fmtNumber(c.value) + (c.unit ? ` ${c.unit}` : '');
  else if (c.state === 'dash' || c.state === 'text') content = c.raw ?? '';
  return el('td', { class: classes.join(' '), title, dataset: { key, state: c.state }, 'aria-label': `${key} ${c.state} ${content}` }, content);
}

/** A canonical key, breakable after its underscores. */
function keyEl(key) {
  const parts = key.split('_');
  return el('code', { class: 'key' }, parts.flatMap((p, i) => (i < parts.length - 1 ? [`${p}_`, el('wbr')] : [p])));
}

function rowHeader(def) {
  return el('th', { scope: 'row', class: `row-label${def.group ? ' in-group' : ''}` }, def.label, keyEl(def.key));
}

function requestsTable(def, t, marks) {
  const cols = def.rows[0].columns;
  const table = el('table', { class: 'canon requests' });
  const thead = el('thead');
  // The official header: 申请人情况 over 自然人 | 法人或其他组织 (five) | 总计.
  thead.append(
    el('tr', {}, el('th', { rowspan: 3, class: 'corner' }, '（一＋二＝三＋四）'), el('th', { colspan: cols.length }, '申请人情况')),
    el('tr', {},
      el('th', { rowspan: 2 }, cols[0].label, keyEl(cols[0].key)),
      el('th', { colspan: cols.length - 2 }, '法人或其他组织'),
      el('th', { rowspan: 2 }, cols[cols.length - 1].label, keyEl(cols[cols.length - 1].key))),
    el('tr', {}, cols.slice(1, -1).map((c) => el('th', {}, c.label, keyEl(c.key)))),
  );
  const tbody = el('tbody');
  let resultsHeading = false;
  for (const row of def.rows) {
    if (!resultsHeading && row.key === 'granted') {
      resultsHeading = true;
      tbody.append(el('tr', { class: 'section-row' }, el('th', { colspan: cols.length + 1 }, '三、本年度办理结果')));
    }
    tbody.append(el('tr', { class: row.derived ? 'derived-row' : null }, rowHeader(row), cols.map((c) => td(`requests.${row.key}.${c.key}`, cellOf(t, row.key, c.key), marks))));
  }
  table.append(thead, tbody);
  return wrap(table);
}

/** Header rows for columns whose labels are space-separated levels (行政诉讼 复议后起诉 总计). */
function leveledHeader(columns) {
  const parts = columns.map((c) => c.label.split(/\s+/));
  const depth = Math.max(...parts.map((p) => p.length));
  const rows = [];
  for (let level = 0; level < depth; level++) {
    const tr = el('tr');
    let i = 0;
    while (i < columns.length) {
      if (parts[i].length <= level) {
        i++;
        continue;
      }
      const prefix = parts[i].slice(0, level + 1).join(' ');
      const leaf = parts[i].length === level + 1;
      let j = i + 1;
      if (!leaf) {
        while (j < columns.length && parts[j].length > level + 1 && parts[j].slice(0, level + 1).join(' ') === prefix) j++;
      }
      const label = parts[i][level];
      tr.append(
        leaf
          ? el('th', { rowspan: depth - level > 1 ? depth - level : null }, label, keyEl(columns[i].key))
          : el('th', { colspan: j - i }, label),
      );
      i = j;
    }
    rows.push(tr);
  }
  return rows;
}

function appealsTable(def, t, marks) {
  const row = def.rows[0];
  const table = el('table', { class: 'canon appeals' });
  table.append(
    el('thead', {}, leveledHeader(row.columns)),
    el('tbody', {}, el('tr', {}, row.columns.map((c) => td(`appeals.${row.key}.${c.key}`, cellOf(t, row.key, c.key), marks)))),
  );
  return wrap(table);
}

function proactiveTable(def, t, marks) {
  // Rows of table 二 come in blocks that share their columns (第二十条第（一）项, （五）, …).
  const blocks = [];
  for (const row of def.rows) {
    const sig = row.columns.map((c) => c.key).join(',');
    const last = blocks[blocks.length - 1];
    if (last && last.sig === sig) last.rows.push(row);
    else blocks.push({ sig, rows: [row], columns: row.columns });
  }
  const width = Math.max(...blocks.map((b) => b.columns.length));
  const table = el('table', { class: 'canon proactive' });
  const tbody = el('tbody');
  for (const b of blocks) {
    const span = (i) => (i === b.columns.length - 1 && b.columns.length < width ? width - b.columns.length + 1 : null);
    tbody.append(
      el('tr', { class: 'block-head' }, el('th', { scope: 'col' }, '信息内容'),
        b.columns.map((c, i) => el('th', { scope: 'col', colspan: span(i) }, c.label, keyEl(c.key)))),
    );
    for (const row of b.rows) {
      tbody.append(el('tr', {}, rowHeader(row), b.columns.map((c, i) => {
        const cell = td(`proactive.${row.key}.${c.key}`, cellOf(t, row.key, c.key), marks);
        if (span(i)) cell.colSpan = span(i);
        return cell;
      })));
    }
  }
  table.append(tbody);
  return wrap(table);
}

function wrap(table) {
  return el('div', { class: 'table-scroll' }, table);
}

// ---------------------------------------------------------------------------------------

function cellsFor(key) {
  return document.querySelectorAll(`[data-key="${CSS.escape(key)}"]`);
}

function renderFindings(r) {
  const list = $('findings');
  list.replaceChildren();
  $('findings-count').textContent = `(${r.findings.length})`;
  $('no-findings').hidden = r.findings.length > 0;
  r.findings.forEach((f, i) => {
    const li = el('li', { class: `finding sev-${f.severity}`, tabindex: 0, dataset: { index: i } },
      el('span', { class: `sev-badge sev-${f.severity}` }, SEVERITY[f.severity] || f.severity),
      el('code', { class: 'rule' }, f.rule),
      el('div', { class: 'msg' }, f.message),
      el('div', { class: 'msg-en' }, f.message_en),
      el('div', { class: 'cells' }, f.cells.map((k) => el('code', { class: 'cellref' }, k))),
    );
    const toggle = (on) => f.cells.forEach((k) => cellsFor(k).forEach((c) => c.classList.toggle('hover', on)));
    li.addEventListener('mouseenter', () => toggle(true));
    li.addEventListener('mouseleave', () => toggle(false));
    li.addEventListener('focus', () => toggle(true));
    li.addEventListener('blur', () => toggle(false));
    li.addEventListener('click', () => {
      const first = f.cells.map((k) => cellsFor(k)[0]).find(Boolean);
      if (first) {
        first.scrollIntoView({ block: 'center', behavior: 'smooth' });
        first.classList.remove('flash');
        void first.offsetWidth;
        first.classList.add('flash');
      }
    });
    list.append(li);
  });
}

function renderChecks(r) {
  const ul = $('checks');
  ul.replaceChildren();
  const failed = r.checks.filter((c) => !c.holds).length;
  $('checks-count').textContent = `(${r.checks.length}，${failed} 不成立 failed)`;
  for (const c of r.checks) {
    ul.append(el('li', { class: c.holds ? 'holds' : 'fails' },
      el('span', { class: 'mark' }, c.holds ? '✓' : '✗'),
      el('code', { class: 'rule' }, c.rule), ' ',
      el('span', { class: 'on' }, c.on === 'prose' ? '正文' : '表格'), ' ',
      el('span', { class: 'expr' }, c.expression),
      c.assumed_zero && c.assumed_zero.length ? el('span', { class: 'assumed' }, ` （按 0 计：${c.assumed_zero.join(', ')}）`) : null,
    ));
  }
}

function renderFigures(r, marks) {
  const table = $('figures');
  table.replaceChildren();
  $('figures-count').textContent = `(${r.figures.length})`;
  if (r.figures.length === 0) {
    table.append(el('tr', {}, el('td', { class: 'none' }, '正文中没有找到数字。 · No figures found in the text.')));
    return;
  }
  table.append(el('thead', {}, el('tr', {}, el('th', {}, '单元格 key'), el('th', {}, '数值 value'), el('th', {}, '原文 words'))));
  const tbody = el('tbody');
  for (const f of r.figures) {
    const key = `prose:${f.key}`;
    const found = marks.get(key);
    tbody.append(el('tr', {},
      el('td', {}, el('code', {}, f.key)),
      el('td', { class: `num${found ? ` has-finding sev-${found[0].f.severity}` : ''}`, dataset: { key } }, `${f.value}${f.unit ? ` ${f.unit}` : ''}`),
      el('td', { title: f.sentence }, f.raw),
    ));
  }
  table.append(tbody);
}

/** The Simplified text, with the figures found in it marked (offsets count code points). */
function renderText(r) {
  const pre = $('text');
  pre.replaceChildren();
  const text = r.text;
  const spans = r.figures
    .filter((f) => f.offset_in === 'normalized')
    .map((f) => ({ start: f.offset, end: f.offset + Array.from(f.raw).length, f }))
    .sort((a, b) => a.start - b.start);
  // Code-point offsets → UTF-16 indexes, in one pass.
  const cps = Array.from(text);
  const index = new Array(cps.length + 1);
  let u = 0;
  for (let i = 0; i < cps.length; i++) {
    index[i] = u;
    u += cps[i].length;
  }
  index[cps.length] = u;
  let at = 0;
  for (const s of spans) {
    if (s.start < at || s.end > cps.length) continue; // overlapping or out of range: skip
    pre.append(text.slice(index[at], index[s.start]));
    pre.append(el('mark', { class: 'fig', title: `${s.f.key} = ${s.f.value}` }, text.slice(index[s.start], index[s.end])));
    at = s.end;
  }
  pre.append(text.slice(index[at]));
}

// ---------------------------------------------------------------------------------------

function baseName(name) {
  return (name || 'report').replace(/\.[^.]*$/, '') || 'report';
}

function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

$('dl-csv').addEventListener('click', () => {
  if (current?.report) download(toCSV(current.report), `${baseName(current.name)}.csv`, 'text/csv;charset=utf-8');
});
$('dl-json').addEventListener('click', () => {
  if (current?.report) download(`${toJSON(current.report)}\n`, `${baseName(current.name)}.json`, 'application/json');
});

$('file').addEventListener('change', (e) => handleFile(e.target.files[0]));
$('convert').addEventListener('change', runParse);

const drop = $('drop');
for (const ev of ['dragenter', 'dragover']) {
  drop.addEventListener(ev, (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
}
for (const ev of ['dragleave', 'drop']) {
  drop.addEventListener(ev, () => drop.classList.remove('over'));
}
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  handleFile(e.dataTransfer.files[0]);
});
// Dropping a file anywhere else must not navigate away from the page.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());

$('version').textContent = `v${version()}`;
setStatus('就绪：请选择或拖入一个报告文件。 · Ready: drop or pick a report file.', 'ready');
document.documentElement.dataset.ready = 'true';

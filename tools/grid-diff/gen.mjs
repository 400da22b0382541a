// Random HTML tables that stress the HTML table model, deterministic from (seed, case index).
//
// A case is a tree (so that a disagreement can be shrunk by removing parts of it) that
// serializes to one `<table id=tN>…</table>`; it always ends with `</table>`, written at the
// top level, so a batch of cases in one page never lets one case leak into the next. Cells
// hold a token `T<k>_` (unique within the case) as their first text; nested tables, which
// only ever appear inside cell content, get ids `tN_<m>`.
//
// What is stressed: rowspan/colspan (absent, 0, 1…4, negative, empty, non-numeric, with
// leading spaces/`+`/zeros/trailing garbage, entities, full-width digits, > the limits,
// overflowing 32 bits; quoted, unquoted, upper case, duplicated attributes); overlapping
// spans; rows of unequal length and rows without cells; `<th>`/`<td>` mixes; several
// `<thead>`/`<tbody>`/`<tfoot>` in any order, opened and closed or not, and rows or bare
// cells directly in the table (implied `<tbody>`/`<tr>`); implied `</td>`, `</tr>`, mismatched
// `</th>`, a `</tr>` closing a cell; whitespace, comments, foster-parented text and
// elements, `<template>`, `<form>`, `<input type=hidden>`, stray end tags between cells
// and rows; `<caption>` (which closes an open row group) and `<colgroup>`/`<col>` anywhere;
// block and inline content in cells; tables nested in cells (two levels at most), some left
// unclosed; a `<table>` start tag in table context (it closes the open table: what follows
// lands in the new table or, after its end, in the body). Every case ends with as many
// `</table>` as needed to close everything it opened, so cases never leak into each other.
//
// Huge colspans (> 30 columns) make wide layouts: a case gets one with probability 1/64 and
// at most one cell per case carries it. Huge rowspans cost nothing (clipped to the group).

/** mulberry32: a small, fast 32-bit generator (uniform in [0, 1)). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generator seed of case `i` of a run seeded with `seed`. */
export function caseSeed(seed, i) {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

const SMALL_SPANS = ['1', '2', '2', '3', '3', '4', '0', '0', '-1', '', 'x', '2x', ' 3', '\n2', '+2', '02', '3.7',
  '1e2', '&#50;', '&#x33;', '\uff12', '0x3', ' ', '-0', '2 3', '  +3px'];
const BIG_ROWSPANS = ['65534', '65535', '70000', '4294967297', '99999999999999999999', '100'];
const BIG_COLSPANS = ['1000', '1001', '5000', '4294967297', '99999999999999999999', '200', '999'];

function pick(r, a) {
  return a[Math.floor(r() * a.length)];
}

function attr(r, name, value) {
  const style = r();
  const n = r() < 0.1 ? name.toUpperCase() : name;
  if (style < 0.5 && /^[^\s"'=<>`]+$/.test(value)) return ` ${n}=${value}`;
  if (style < 0.85) return ` ${n}="${value.replace(/"/g, '&quot;')}"`;
  if (style < 0.95) return ` ${n}='${value.replace(/'/g, '&#39;')}'`;
  return ` ${n} = "${value.replace(/"/g, '&quot;')}"`;
}

const SEPS = ['', '', '', '\n', ' ', '\n  ', '<!-- c -->', '\t'];
function sep(r) {
  return r() < 0.7 ? '' : pick(r, SEPS);
}

// Junk between cells or rows (table context): whitespace and comments, foster-parented
// text and elements, elements the table modes accept or ignore, stray end tags.
const ROW_JUNK = ['\n', '  ', '<!-- between cells -->', 'ff', '<span>ff</span>', '<b>f', '<div>ff</div>', '<p>ff',
  '<input type=hidden>', '<form></form>', '<template><td>zz</td></template>', '</th>', '</td>', '</tbody>',
  '</thead>', '</caption>', '</col>', '<br>', '&nbsp;', '</p>', '<hr>'];
const TABLE_JUNK = ['\n', '<!-- between rows -->', 'ff', '<span>ff</span>', '<div>ff</div>', '</tr>', '</td>',
  '</tbody>', '</tfoot>', '</thead>', '<input type=hidden>', '<form>', '<template><tr><td>zz</tr></template>', '<br>', '</br>'];
const COLGROUPS = ['<colgroup span=2></colgroup>', '<col span=3>', '<colgroup><col><col span=2></colgroup>', '<col>',
  '<colgroup>', '<colgroup span=0><col span=0></colgroup>'];
const CONTENT = ['<br>', 'x', '<p>x', '<p>x</p>', '<span>x</span>', '<div>x</div>', '&nbsp;', '<b>x', '<!-- c -->',
  ' y ', '<i>x</i><br>', '<ul><li>x<li>y</ul>', '</p>', '</div>', '</span>'];

class Gen {
  constructor(seed, caseIndex) {
    this.r = rng(seed);
    this.caseIndex = caseIndex;
    this.tok = 0;
    this.nested = 0;
    this.hugeCol = this.r() < 1 / 64;
    // One case in eight is big: more rows and cells, spans up to 9 (denser overlaps).
    this.big = this.r() < 1 / 8;
  }

  span(kind) {
    const r = this.r;
    if (r() < 0.5) return null;
    if (kind === 'colspan' && this.hugeCol && r() < 0.3) {
      this.hugeCol = false;
      return pick(r, BIG_COLSPANS);
    }
    if (kind === 'rowspan' && r() < 0.06) return pick(r, BIG_ROWSPANS);
    if (kind === 'colspan' && r() < 0.03) return String(5 + Math.floor(r() * 25));
    if (this.big && r() < 0.4) return String(1 + Math.floor(r() * 9));
    return pick(r, SMALL_SPANS);
  }

  cell(depth) {
    const r = this.r;
    const tag = r() < 0.3 ? 'th' : 'td';
    const attrs = [];
    const order = r() < 0.5 ? ['colspan', 'rowspan'] : ['rowspan', 'colspan'];
    for (const a of order) {
      const v = this.span(a);
      if (v !== null) attrs.push(attr(r, a, v));
    }
    if (r() < 0.04) attrs.push(attr(r, pick(r, ['colspan', 'rowspan']), pick(r, SMALL_SPANS))); // duplicate: first wins
    const content = [{ t: 'tok', k: this.tok++ }];
    const extras = r() < 0.35 ? 1 + Math.floor(r() * 3) : 0;
    for (let i = 0; i < extras; i++) {
      if (depth < 2 && r() < 0.12) content.push({ t: 'table', table: this.table(depth + 1) });
      else content.push({ t: 'html', s: pick(r, CONTENT) });
    }
    const e = r();
    const end = e < 0.6 ? 'match' : e < 0.88 ? 'none' : e < 0.96 ? 'other' : 'tr';
    return { t: 'cell', tag, attrs, content, end, pre: sep(r) };
  }

  row(depth, maxCells) {
    const r = this.r;
    const n = Math.floor(r() * (maxCells + 1));
    const items = [];
    for (let i = 0; i < n; i++) {
      if (r() < 0.06) items.push({ t: 'junk', s: pick(r, ROW_JUNK) });
      items.push(this.cell(depth));
    }
    return { t: 'row', start: r() < 0.88, end: r() < 0.5, items, pre: sep(r) };
  }

  section(depth) {
    const r = this.r;
    const k = r();
    const tag = k < 0.45 ? 'tbody' : k < 0.65 ? 'bare' : k < 0.85 ? 'thead' : 'tfoot';
    const nrows = Math.floor(r() * (depth ? 3 : this.big ? 12 : 5)) + (r() < 0.1 ? 0 : 1);
    const rows = [];
    for (let i = 0; i < nrows; i++) {
      if (r() < 0.05) rows.push({ t: 'junk', s: pick(r, TABLE_JUNK) });
      rows.push(this.row(depth, depth ? 3 : this.big ? 12 : 6));
    }
    const attrs = tag !== 'bare' && r() < 0.05 ? [attr(r, 'rowspan', '2')] : [];
    return { t: 'sec', tag, attrs, rows, end: tag !== 'bare' && r() < 0.6, pre: sep(r) };
  }

  table(depth) {
    const r = this.r;
    const id = depth === 0 ? `t${this.caseIndex}` : `t${this.caseIndex}_${++this.nested}`;
    const parts = [];
    const nparts = 1 + Math.floor(r() * (depth ? 2 : 4));
    for (let i = 0; i < nparts; i++) {
      const x = r();
      if (x < 0.06) parts.push({ t: 'caption', s: pick(r, ['cap', 'cap<br>tion', '<p>cap']), end: r() < 0.7, pre: sep(r) });
      else if (x < 0.1) parts.push({ t: 'junk', s: pick(r, COLGROUPS), pre: sep(r) });
      else if (x < 0.14) parts.push({ t: 'junk', s: pick(r, TABLE_JUNK), pre: '' });
      else if (x < 0.16 && depth < 2) parts.push({ t: 'tt', table: this.table(depth + 1), pre: sep(r) });
      else parts.push(this.section(depth));
    }
    // A nested table left open swallows what follows in its cell (and its row…) until an
    // extra `</table>` at the end of the case closes the outer one.
    return { t: 'table', id, parts, end: depth === 0 || r() >= 0.05 };
  }
}

/** Case `i` of a run seeded with `seed`: a tree, see [`serialize`]. */
export function generate(seed, i) {
  return new Gen(caseSeed(seed, i), i).table(0);
}

/**
 * Serialize a case: `{html, tables: [{id, offset}]}`, `offset` being the index of each
 * table's `<table` in `html` (outer table first, then nested ones in document order).
 */
export function serialize(table) {
  const tables = [];
  let s = '';
  let unclosed = 0;
  const emitTable = (t) => {
    tables.push({ id: t.id, offset: s.length });
    s += `<table id=${t.id}>`;
    for (const p of t.parts) {
      s += p.pre || '';
      if (p.t === 'junk') s += p.s;
      else if (p.t === 'tt') emitTable(p.table);
      else if (p.t === 'caption') s += `<caption>${p.s}${p.end ? '</caption>' : ''}`;
      else if (p.t === 'sec') {
        if (p.tag !== 'bare') s += `<${p.tag}${p.attrs.join('')}>`;
        for (const row of p.rows) emitRow(row);
        if (p.end) s += `</${p.tag}>`;
      }
    }
    if (t.end === false) unclosed++;
    else s += '</table>';
  };
  const emitRow = (row) => {
    s += row.pre || '';
    if (row.t === 'junk') {
      s += row.s;
      return;
    }
    if (row.start) s += '<tr>';
    for (const c of row.items) {
      if (c.t === 'junk') {
        s += c.s;
        continue;
      }
      s += c.pre || '';
      s += `<${c.tag}${c.attrs.join('')}>`;
      for (const x of c.content) {
        if (x.t === 'tok') s += `T${x.k}_`;
        else if (x.t === 'html') s += x.s;
        else emitTable(x.table);
      }
      if (c.end === 'match') s += `</${c.tag}>`;
      else if (c.end === 'other') s += c.tag === 'td' ? '</th>' : '</td>';
      else if (c.end === 'tr') s += '</tr>';
    }
    if (row.end) s += '</tr>';
  };
  emitTable(table);
  s += '</table>'.repeat(unclosed);
  return { html: s, tables };
}

/**
 * Every tree one step smaller than `t` (a part, row, cell or content item removed; a cell's
 * end tag made regular, an attribute dropped; a separator emptied), largest cuts first.
 */
export function shrinkSteps(t) {
  const out = [];
  const clone = () => structuredClone(t);
  // Walk paths to every list in the tree.
  const lists = [];
  const visitTable = (tab, path) => {
    lists.push([...path, 'parts']);
    tab.parts.forEach((p, i) => {
      if (p.t === 'tt') visitTable(p.table, [...path, 'parts', i, 'table']);
      if (p.t === 'sec') {
        lists.push([...path, 'parts', i, 'rows']);
        p.rows.forEach((row, j) => {
          if (row.t !== 'row') return;
          lists.push([...path, 'parts', i, 'rows', j, 'items']);
          row.items.forEach((c, k) => {
            if (c.t !== 'cell') return;
            const cp = [...path, 'parts', i, 'rows', j, 'items', k];
            lists.push([...cp, 'attrs']);
            lists.push([...cp, 'content']);
            c.content.forEach((x, m) => {
              if (x.t === 'table') visitTable(x.table, [...cp, 'content', m, 'table']);
            });
          });
        });
      }
    });
  };
  visitTable(t, []);
  const at = (obj, path) => path.reduce((o, k) => o[k], obj);
  for (const lp of lists) {
    const list = at(t, lp);
    for (let i = 0; i < list.length; i++) {
      if (lp[lp.length - 1] === 'content' && list[i].t === 'tok') continue;
      const c = clone();
      at(c, lp).splice(i, 1);
      out.push(c);
    }
  }
  // Simplifications that keep the shape.
  const simplify = (pred, fn) => {
    for (const lp of lists) {
      const list = at(t, lp);
      for (let i = 0; i < list.length; i++) {
        if (pred(list[i])) {
          const c = clone();
          fn(at(c, lp)[i]);
          out.push(c);
        }
      }
    }
  };
  simplify((x) => x && x.t === 'cell' && x.end !== 'match', (x) => (x.end = 'match'));
  simplify((x) => x && x.t === 'row' && (!x.start || !x.end), (x) => ((x.start = true), (x.end = true)));
  simplify((x) => x && typeof x === 'object' && x.pre, (x) => (x.pre = ''));
  simplify((x) => x && x.t === 'cell' && x.tag === 'th', (x) => (x.tag = 'td'));
  simplify((x) => x && x.t === 'cell' && x.content.some((y) => y.t === 'table' && y.table.end === false),
    (x) => x.content.forEach((y) => y.t === 'table' && (y.table.end = true)));
  return out;
}

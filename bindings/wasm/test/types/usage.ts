// Compiled with `tsc --noEmit` by types.test.mjs: the package's .d.ts must describe what the
// tests see at run time, and misuse must not type-check (the @ts-expect-error lines).
import { parse, toCSV, toJSON, schema, version, GxbgError } from 'gxbg';
import type { Report, Cell, Finding, Check, Figure, CellState, ErrorCode, Schema, Tables } from 'gxbg';

const r: Report = parse('三、收到和处理政府信息公开申请情况', { convertTraditional: true, source: 'x' });
const r2: Report = parse(new Uint8Array([1, 2]));
const r3: Report = parse(new ArrayBuffer(2));
const total: Cell | undefined = r.tables.requests.rows.new_received?.total;
const n: number | undefined = total?.value;
const state: CellState | undefined = total?.state;
const derived: true | undefined = r.tables.requests.rows.other_handling?.total?.derived;
const review: Cell | undefined = r.tables.appeals.rows.count?.post_review_suit_pending;
const fees: Cell | undefined = r.tables.proactive.rows.fees?.amount_10k_yuan;
const f: Finding | undefined = r.findings[0];
const cells: string[] | undefined = f?.cells;
const c: Check | undefined = r.checks[0];
const assumed: string[] | undefined = c?.assumed_zero;
const fig: Figure | undefined = r.figures[0];
const where: 'normalized' | 'original' | undefined = fig?.offset_in;
const year: number | null = r.meta.year;
const fmt: '2019' | '2021' | 'none' = r.format;
const t: Tables = r.tables;
const csv: string = toCSV(r) + toCSV([r, r2, r3]);
const json: string = toJSON(r) + toJSON([r]);
const s: Schema = schema('2019');
const label: string = s.tables[1].rows[0].columns[0].label;
const v: string = version();
try {
  parse('');
} catch (e) {
  if (e instanceof GxbgError) {
    const code: ErrorCode = e.code;
    const isError: Error = e;
    void code, isError;
  }
}
// @ts-expect-error: no such row
void r.tables.requests.rows.no_such_row;
// @ts-expect-error: no such column
void r.tables.requests.rows.granted?.no_such_column;
// @ts-expect-error: options are checked
parse('x', { convertTraditional: 'yes' });
// @ts-expect-error: numbers are not input
parse(42);
// @ts-expect-error: only the two formats
schema('2020');
void [n, state, derived, review, fees, cells, assumed, where, year, fmt, t, csv, json, label, v];

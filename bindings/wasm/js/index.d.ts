// Types of the npm package `gxbg`. They mirror crates/gxbg/src/report.rs: a report here is
// the JSON output, parsed. Keys of tables, rows and columns are the public contract
// (shared/reference/keys.md); renaming one is a breaking change.

/** Report format: 国办公开办函〔2019〕60号 (reports for 2019–2020), 〔2021〕30号 (2021 on), or no fixed tables. */
export type Format = '2019' | '2021' | 'none';

/** What a canonical cell shows in the source. */
export type CellState =
  /** A number. */
  | 'value'
  /** The cell is there but empty. */
  | 'blank'
  /** A dash or its kin: `—`, `-`, `/`, `无`. */
  | 'dash'
  /** Text that is not a number. */
  | 'text'
  /** The source does not have this cell (table lost, truncated, or row absent). */
  | 'missing';

/** One canonical cell. Optional keys are absent (not null) when they do not apply. */
export interface Cell {
  state: CellState;
  /** The number, when `state` is `value`. */
  value?: number;
  /** The source text of the cell (after Traditional→Simplified and width folding); absent for `missing` and derived cells. */
  raw?: string;
  /** A unit stripped from the number (元, 万元, 件, 个, 条, 项 …). */
  unit?: string;
  /** Present (and true) when computed from other cells rather than printed. */
  derived?: true;
}

/** Whether and how a canonical table was found. */
export type TableStatus = 'present' | 'present_without_values' | 'truncated' | 'missing';

/** Columns of table 三 (`requests`). */
export type RequestColumn =
  | 'natural_person'
  | 'commercial'
  | 'research'
  | 'social_welfare'
  | 'legal_service'
  | 'other_org'
  | 'total';

/** Rows of table 三 (`requests`); `other_no_correction`, `other_no_fee`, `other_other` are 2021-format only. */
export type RequestRow =
  | 'new_received'
  | 'carried_over'
  | 'granted'
  | 'partially_granted'
  | 'denied_state_secret'
  | 'denied_law_prohibited'
  | 'denied_three_safeties'
  | 'denied_third_party'
  | 'denied_internal_affairs'
  | 'denied_process_info'
  | 'denied_enforcement_file'
  | 'denied_query_item'
  | 'unavailable_not_held'
  | 'unavailable_needs_creation'
  | 'unavailable_unclear'
  | 'rejected_complaint'
  | 'rejected_duplicate'
  | 'rejected_publication'
  | 'rejected_excessive'
  | 'rejected_confirmation'
  | 'other_no_correction'
  | 'other_no_fee'
  | 'other_other'
  | 'other_handling'
  | 'results_total'
  | 'carried_forward';

type AppealOutcome = 'upheld' | 'corrected' | 'other' | 'pending' | 'total';
/** Columns of table 四 (`appeals`): 行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉. */
export type AppealColumn =
  | `review_${AppealOutcome}`
  | `direct_suit_${AppealOutcome}`
  | `post_review_suit_${AppealOutcome}`;
/** The single row of table 四. */
export type AppealRow = 'count';

/** Rows of table 二 (`proactive`); which exist depends on the format. */
export type ProactiveRow =
  | 'regulations'
  | 'normative_documents'
  | 'licensing'
  | 'other_services'
  | 'penalty'
  | 'coercion'
  | 'fees'
  | 'procurement';
/** Columns of table 二 (`proactive`); each row has its own subset (see `schema()`). */
export type ProactiveColumn =
  | 'issued'
  | 'repealed'
  | 'in_force'
  | 'decisions'
  | 'amount_10k_yuan'
  | 'made'
  | 'published'
  | 'public_total'
  | 'previous_year'
  | 'change'
  | 'projects'
  | 'amount';

/**
 * One canonical table: rows in canonical order, each with its columns in canonical
 * order. Every canonical row of the report's format is present (cells `missing` where
 * the source lacks them) unless the table is `missing`.
 */
export interface CanonicalTable<R extends string = string, C extends string = string> {
  status: TableStatus;
  rows: { [row in R]?: { [column in C]?: Cell } };
}

/** The three canonical tables. */
export interface Tables {
  /** 二、主动公开政府信息情况 */
  proactive: CanonicalTable<ProactiveRow, ProactiveColumn>;
  /** 三、收到和处理政府信息公开申请情况 */
  requests: CanonicalTable<RequestRow, RequestColumn>;
  /** 四、政府信息公开行政复议、行政诉讼情况 */
  appeals: CanonicalTable<AppealRow, AppealColumn>;
}

export type TableKey = keyof Tables;

/** How serious a finding is. */
export type Severity = 'info' | 'warning' | 'error';

/** A problem found in the report (an identity that fails, a truncated table, a prose figure that disagrees with its table …). */
export interface Finding {
  /** Stable rule id, e.g. `requests.balance`. */
  rule: string;
  severity: Severity;
  /** The message in Chinese. */
  message: string;
  /** The same message in English. */
  message_en: string;
  /** The canonical cells involved, as `table.row.column` keys (prose figures as `prose:table.row.column`). */
  cells: string[];
}

/** One identity evaluated (whether it holds or not). */
export interface Check {
  rule: string;
  /** `table` for table cells, `prose` for figures from the narrative. */
  on: 'table' | 'prose' | (string & {});
  holds: boolean;
  /** The identity written out with its numbers, e.g. `651 + 17 = 650 + 18`. */
  expression: string;
  cells: string[];
  /** Cells that were blank or dashes and were counted as 0 for this check; absent when none. */
  assumed_zero?: string[];
}

/** Which text an offset refers to: `Report.text` (normalized) or `Report.original_text`. */
export type TextRef = 'normalized' | 'original';

/** A figure stated in the narrative for a canonical cell. */
export interface Figure {
  /** The canonical cell, `table.row.column`. */
  key: string;
  value: number;
  /** The words that state it, e.g. `新收到政府信息公开申请8643件`. */
  raw: string;
  unit?: string;
  /** The sentence it came from. */
  sentence: string;
  /** Character (not UTF-16 code unit, not byte) offset of `raw` in the text named by `offset_in`. */
  offset: number;
  offset_in: TextRef;
}

/** A numbered section of the report (一、总体情况 … 六、其他需要报告的事项). */
export interface Section {
  numeral: string;
  title: string;
  text: string;
  /** Character offset of the heading in `Report.text`. */
  offset: number;
}

/** Whether the page is the report itself or an interpretation (解读) of it. */
export type DocumentKind = 'report' | 'interpretation';

/** Metadata the page shows; `null` where the page does not show it. */
export interface Meta {
  title: string | null;
  publisher: string | null;
  /** The year the report covers. */
  year: number | null;
  /** ISO date `YYYY-MM-DD`. */
  publish_date: string | null;
  /** 索引号. */
  index_number: string | null;
  document_kind: DocumentKind | null;
}

/** What the Traditional→Simplified step did. */
export interface Conversion {
  /** The script detected. */
  script: 'simplified' | 'traditional' | 'mixed' | 'none' | (string & {});
  /** Whether any text was converted. */
  converted: boolean;
  /** Characters that differ between the original and the normalised text. */
  changed_chars: number;
}

/** The parse of one report: the JSON output, parsed. */
export interface Report {
  /** Where the input came from: `options.source`, or `<input>`. */
  source: string;
  input: 'html' | 'text';
  /** The encoding the bytes were decoded with (`UTF-8`, `GBK`, `gb18030`, `Big5` …). */
  encoding: string;
  /** How the encoding was chosen: `bom`, `meta`, `sniffed`, `utf8`, or `caller` (a string was given). */
  encoding_source: 'bom' | 'meta' | 'sniffed' | 'utf8' | 'caller' | (string & {});
  format: Format;
  meta: Meta;
  conversion: Conversion;
  tables: Tables;
  findings: Finding[];
  checks: Check[];
  /** Figures the narrative states, kept apart from table cells. */
  figures: Figure[];
  sections: Section[];
  /** The report body, Simplified and width-folded: what offsets refer to by default. */
  text: string;
  /** The report body as decoded, for quoting. */
  original_text: string;
}

export interface ParseOptions {
  /** Convert Traditional text to Simplified (with Taiwan-phrase reversal). Default true. */
  convertTraditional?: boolean;
  /** The name reported as `Report.source` (a file name, a URL …). Default `<input>`. */
  source?: string;
}

/** The input of `parse`: decoded text, or the page's bytes in any supported encoding. */
export type Input = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/**
 * Codes of `GxbgError`:
 * - from the core: `empty`, `binary` (a PDF, image, archive …), `not_text`, `too_large`, `not_a_report`, `io`;
 * - from the bindings: `invalid_argument` (wrong argument type), `invalid_report` (`toCSV`/`toJSON` got something that is not a report), `internal`;
 * - `panic` (gxbg panicked: a bug) and `trap` (the WebAssembly module aborted otherwise, e.g. out of memory).
 *   After either, the module has been re-instantiated and further calls work.
 */
export type ErrorCode =
  | 'empty'
  | 'binary'
  | 'not_text'
  | 'too_large'
  | 'not_a_report'
  | 'io'
  | 'invalid_argument'
  | 'invalid_report'
  | 'internal'
  | 'panic'
  | 'trap';

/** Every error gxbg throws. */
export class GxbgError extends Error {
  constructor(message: string, code: ErrorCode, options?: { cause?: unknown });
  name: 'GxbgError';
  /** Stable and machine-readable; the same codes as the CLI and the Python binding. */
  code: ErrorCode;
}

/**
 * Parse one report page. A string is taken as decoded text (`encoding` is `UTF-8`,
 * `encoding_source` is `caller`); bytes are decoded first (BOM, `<meta charset>`, sniffing).
 * @throws {GxbgError}
 */
export function parse(input: Input, options?: ParseOptions): Report;

/**
 * The tidy long CSV of one report or several, as the command line writes it; header
 * `source,table,row,column,value,raw,state`.
 * @throws {GxbgError}
 */
export function toCSV(reports: Report | Report[]): string;

/**
 * The JSON output of one report or several, as the command line writes it.
 * @throws {GxbgError}
 */
export function toJSON(reports: Report | Report[]): string;

export interface SchemaColumn {
  key: string;
  label: string;
  /** Decimal amounts (money) rather than integer counts. */
  amount: boolean;
}
export interface SchemaRow {
  key: string;
  /** The canonical label, e.g. `一、本年新收政府信息公开申请数量`. */
  label: string;
  /** Sub-group of table 三's results (（三）不予公开 1–8 …), or null. */
  group: 'denied' | 'unavailable' | 'rejected' | 'other' | null;
  /** Computed from other rows rather than printed (other_handling in the 2021 format). */
  derived: boolean;
  columns: SchemaColumn[];
}
export interface SchemaTable {
  key: TableKey;
  label: string;
  /** 二, 三 or 四. */
  numeral: string;
  rows: SchemaRow[];
}
export interface Schema {
  format: '2019' | '2021';
  tables: SchemaTable[];
}

/**
 * The canonical tables of a format (default `2021`): keys, labels and the columns of
 * every row, in report order.
 * @throws {GxbgError}
 */
export function schema(format?: '2019' | '2021'): Schema;

/** The version of gxbg compiled into the WebAssembly module. */
export function version(): string;

/**
 * @internal Test builds only: fails inside the module on purpose (`panic`: a Rust panic with
 * `message`; `abort`: a trap without a panic), to test that the failure becomes a
 * `GxbgError` (code `panic` or `trap`) and the module keeps working. Throws
 * `invalid_argument` in a normal build.
 */
export function __testFailure(kind?: 'panic' | 'abort', message?: string): never;

// summary.md (fit for a CI job summary) and batch.json (the record `merge` checks), built from the runs.csv
// rows as written, in run order. `batch` and `merge` both feed the rows through the same accumulator, so a
// merged folder's summary is the unsharded batch's, byte for byte.
import { D } from '../decimal.js';
import type { InputSource } from '../model/types.js';
import { money } from '../report/numbers.js';
import type { Shard } from './grid.js';
import { count } from '../words.js';

/** The record of a batch folder (batch.json): what it was made from, which shard, and what it holds. */
export interface BatchRecord {
  tool: 'placepool';
  version: string;
  /** the manifest's name as given and its SHA-256 */
  manifest: InputSource;
  /** budgets and scenarios, in manifest order */
  inputs: InputSource[];
  shard: Shard;
  /** runs in the whole grid (every shard) */
  runs_total: number;
  /** runs in this folder */
  runs: number;
  failed_runs: number;
  failed_expectations: number;
  expectations: string[];
  /** the prices each scenario's money is in (`price_base`: null when it is the base year), in manifest order */
  prices: { scenario: string; price_base: number | null; text: string }[];
  /** the SHA-256 and record count of each data file, so merge can tell a complete, untouched shard */
  files: Record<'runs.csv' | 'yearly.csv', { records: number; sha256: string }>;
}

export const RECORD_FILE = 'batch.json';
export const SUMMARY_FILE = 'summary.md';
export const RUNS_FILE = 'runs.csv';
export const YEARLY_FILE = 'yearly.csv';

export function renderRecord(r: BatchRecord): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** How many failed runs summary.md lists, and how many worst cases it shows. */
export const LIST_FAILED = 50;
export const LIST_WORST = 10;

interface Row {
  id: number;
  cells: string[];
  npv: D;
}

/** Collects what summary.md needs from runs.csv rows, in bounded memory. */
export class SummaryAccumulator {
  runs = 0;
  failedRuns = 0;
  failedExpectations = 0;
  readonly failed: Row[] = [];
  /** ascending by npv_cashable, then run id; at most LIST_WORST */
  readonly worst: Row[] = [];
  private readonly npvCol: number;
  private readonly paybackCol: number;
  private readonly expCol: number;

  constructor(readonly header: readonly string[]) {
    this.npvCol = header.indexOf('npv_cashable');
    this.paybackCol = header.indexOf('payback_t');
    this.expCol = header.length - 1;
  }

  /** Add a run's row (cells as written in runs.csv) and its count of failed expectations. */
  add(cells: string[], failedExpectations: number): void {
    this.runs++;
    const id = Number(cells[0]);
    const row: Row = { id, cells, npv: new D(cells[this.npvCol] || '0') };
    if (failedExpectations > 0) {
      this.failedRuns++;
      this.failedExpectations += failedExpectations;
      if (this.failed.length < LIST_FAILED) this.failed.push(row);
    }
    if (this.worst.length < LIST_WORST || row.npv.lessThan(this.worst[this.worst.length - 1]!.npv)) {
      let i = this.worst.length;
      while (i > 0 && row.npv.lessThan(this.worst[i - 1]!.npv)) i--;
      this.worst.splice(i, 0, row);
      if (this.worst.length > LIST_WORST) this.worst.pop();
    }
  }

  sweepColumns(): string[] {
    return this.header.slice(3, this.header.indexOf('pv_costs'));
  }

  cell(row: Row, col: number): string {
    return row.cells[col] ?? '';
  }

  get expCell(): number {
    return this.expCol;
  }
  get paybackCell(): number {
    return this.paybackCol;
  }
}

function md(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

function table(header: string[], align: ('l' | 'r')[], rows: string[][]): string[] {
  const out = [`| ${header.map(md).join(' | ')} |`, `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`];
  for (const r of rows) out.push(`| ${r.map(md).join(' | ')} |`);
  return out;
}

/** summary.md of a batch folder. */
export function renderSummary(record: BatchRecord, acc: SummaryAccumulator): string {
  const lines: string[] = [];
  const { k, n } = record.shard;
  lines.push(`# placepool batch: ${md(record.manifest.name)}`, '');
  if (n > 1) lines.push(`Shard ${k} of ${n}: ${record.runs} of the batch's ${record.runs_total} runs. \`placepool merge\` of all ${n} shard folders gives the whole batch.`, '');
  const verdict =
    acc.failedRuns === 0
      ? record.expectations.length === 0
        ? 'No expectations were set.'
        : `**Every run met its expectations.**`
      : `**${acc.failedRuns} of ${count(acc.runs, 'run')} failed ${acc.failedExpectations === 1 ? 'an expectation' : 'expectations'}.**`;
  lines.push(verdict, '');
  lines.push(
    ...table(
      ['', 'count'],
      ['l', 'r'],
      [
        ['runs', String(acc.runs)],
        ['runs meeting every expectation', String(acc.runs - acc.failedRuns)],
        ['runs failing an expectation', String(acc.failedRuns)],
        ['failed expectations', String(acc.failedExpectations)],
      ],
    ),
    '',
  );
  const prices = record.prices ?? [];
  const texts = [...new Set(prices.map((p) => p.text))];
  if (texts.length === 1) lines.push(`Money in pounds: ${md(texts[0]!)}.`, '');
  else if (texts.length > 1) lines.push(`Money in pounds: ${prices.map((p) => `${md(p.scenario)}, ${md(p.text)}`).join('; ')}.`, '');
  if (record.expectations.length) lines.push(`Expectations, checked for every run: ${record.expectations.map((e) => `\`${e}\``).join(', ')}.`, '');

  const sweep = acc.sweepColumns();
  const ident = (r: Row): string[] => [String(r.id), acc.cell(r, 1), acc.cell(r, 2), ...sweep.map((_, i) => acc.cell(r, 3 + i))];
  const identHead = ['run', 'place', 'scenario', ...sweep];
  const identAlign: ('l' | 'r')[] = ['r', 'l', 'l', ...sweep.map((): 'r' => 'r')];

  if (acc.failedRuns > 0) {
    lines.push('## Failed runs', '');
    lines.push(
      ...table(
        [...identHead, 'what failed'],
        [...identAlign, 'l'],
        acc.failed.map((r) => [...ident(r), acc.cell(r, acc.expCell).replace(/^fail: /, '')]),
      ),
    );
    if (acc.failedRuns > acc.failed.length) lines.push('', `... and ${acc.failedRuns - acc.failed.length} more: see runs.csv (\`expectations\` column).`);
    lines.push('');
  }

  if (acc.worst.length > 0) {
    lines.push(`## Worst cases by npv_cashable`, '');
    lines.push(
      ...table(
        [...identHead, 'npv_cashable', 'payback year (t)', 'expectations'],
        [...identAlign, 'r', 'r', 'l'],
        acc.worst.map((r) => [...ident(r), money(r.npv), acc.cell(r, acc.paybackCell) || 'never', acc.cell(r, acc.expCell) === 'pass' ? 'pass' : 'fail']),
      ),
      '',
    );
  }

  lines.push('## Inputs', '');
  lines.push(
    ...table(
      ['file', 'SHA-256'],
      ['l', 'l'],
      [record.manifest, ...record.inputs].map((s) => [s.name, `\`${s.sha256}\``]),
    ),
    '',
  );
  lines.push(`Made by placepool ${record.version}. Files: runs.csv (one row per run), yearly.csv (each run's yearly flows), batch.json (this folder's record).`);
  return `${lines.join('\n')}\n`;
}

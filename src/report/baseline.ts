// The `baseline` report: the budgets' totals by silo and stage for each year (src/model/baseline-totals.ts),
// with the reactive and preventive shares, as text. Pure: totals in, text out.
import type { ChalkInstance } from 'chalk';
import { D } from '../decimal.js';
import type { BaselineReport, BaselineRow, BaselinePlace, BaselineYear } from '../model/baseline-totals.js';
import { STAGES, type Stage } from '../model/types.js';
import { toCsv, num, text, type Cell } from './csv.js';
import { jnum, jsonWithNumbers } from './json-numbers.js';
import { mdEscape, mdTable } from './markdown.js';
import { metaJson, reportMeta } from './meta.js';
import { money, moneyShort, penceText, percent, plain, ratioText, yearLabel } from './numbers.js';
import { renderTable, tableWidth, wrap, type TableColumn } from './table.js';

/** Whether a row has lines of a stage in force (`all`: always). */
function hasStage(r: BaselineRow, st: Stage | 'all'): boolean {
  if (st === 'all') return true;
  return r.pence ? r.pence.stages[st] !== null : r.stages[st] !== null;
}

/** A row's amount of a stage (or `all`) as a plain number; '' for none. */
function amountText(r: BaselineRow, st: Stage | 'all'): string {
  if (r.pence) {
    const p = st === 'all' ? r.pence.total : r.pence.stages[st];
    return p === null ? '' : penceText(p);
  }
  return plain(stageAmount(r, st), 'money');
}

/** A row's reactive or preventive share as a plain number to 6 dp; '' when the total is 0. */
function shareText(r: BaselineRow, st: 'reactive' | 'preventive'): string {
  if (r.pence) return r.pence.total === 0n ? '' : ratioText(r.pence.stages[st] ?? 0n, r.pence.total);
  return plain(st === 'reactive' ? r.reactiveShare : r.preventiveShare, 'ratio');
}

// ---------------------------------------------------------------------------------------------------------
// CSV

const STAGE_ORDER: readonly (Stage | 'all')[] = [...STAGES, 'all'];

function stageAmount(r: BaselineRow, st: Stage | 'all'): D | null {
  return st === 'all' ? r.total : r.stages[st];
}

/**
 * Long CSV (docs/method.md, "Long CSV layout"): `place,year,silo,stage,amount`. Places in the order asked
 * (else first appearance), years ascending, silos alphabetically then `all`, stages reactive, preventive,
 * other then `all`; a (silo, stage) with no line in force that year has no row. `year` is the financial-year label (`2025/26`).
 */
export function baselineLongCsv(report: BaselineReport): string {
  return toCsv(['place', 'year', 'silo', 'stage', 'amount'], longRows(report));
}

// Rows are generated as the CSV is written, so that a national report never holds them all at once.
function* longRows(report: BaselineReport): Generator<Cell[]> {
  for (const p of report.places) {
    for (const y of p.years) {
      for (const r of [...y.silos, y.all]) {
        for (const st of STAGE_ORDER) {
          if (!hasStage(r, st)) continue;
          yield [text(p.place), num(y.label), text(r.silo), text(st), num(amountText(r, st))];
        }
      }
    }
  }
}

/**
 * Wide CSV (years across, as a paper's table): `place,silo,stage,measure,<year labels>`. For each place, the
 * rows of the long layout with measure `amount`, then per silo (and `all`) the `share` of reactive and of
 * preventive spend in the silo's total. A year the place has no line for that row is left empty.
 */
export function baselineWideCsv(report: BaselineReport): string {
  const allYears = [...new Set(report.places.flatMap((p) => p.years.map((y) => y.year)))].sort((a, b) => a - b);
  return toCsv(['place', 'silo', 'stage', 'measure', ...allYears.map(yearLabel)], wideRows(report, allYears));
}

function* wideRows(report: BaselineReport, allYears: number[]): Generator<Cell[]> {
  for (const p of report.places) {
    const yearOf = new Map(p.years.map((y) => [y.year, y]));
    const siloNames = [...new Set(p.years.flatMap((y) => y.silos.map((r) => r.silo)))].sort();
    const find = (y: BaselineYear | undefined, silo: string): BaselineRow | undefined =>
      y === undefined ? undefined : silo === 'all' ? y.all : y.silos.find((r) => r.silo === silo);
    for (const silo of [...siloNames, 'all']) {
      const bySilo = allYears.map((yr) => find(yearOf.get(yr), silo));
      for (const st of STAGE_ORDER) {
        if (bySilo.every((r) => !r || !hasStage(r, st))) continue;
        yield [text(p.place), text(silo), text(st), text('amount'), ...bySilo.map((r) => num(r ? amountText(r, st) : ''))];
      }
      for (const st of ['reactive', 'preventive'] as const) {
        yield [text(p.place), text(silo), text(st), text('share'), ...bySilo.map((r) => num(r ? shareText(r, st) : ''))];
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// JSON: exact decimal text written as JSON numbers (money to the penny, shares to 6 dp).


function jsonRow(r: BaselineRow): Record<string, unknown> {
  return {
    silo: r.silo,
    reactive: jnum(amountText(r, 'reactive')),
    preventive: jnum(amountText(r, 'preventive')),
    other: jnum(amountText(r, 'other')),
    total: jnum(amountText(r, 'all')),
    reactive_share: jnum(shareText(r, 'reactive')),
    preventive_share: jnum(shareText(r, 'preventive')),
  };
}

export function baselineJson(report: BaselineReport): string {
  return jsonWithNumbers({
    ...metaJson(reportMeta('baseline', [report.source])),
    result: {
      carried_forward: !report.asGiven,
      places: report.places.map((p) => ({
        place: p.place,
        years: p.years.map((y) => ({
          year: y.year,
          label: y.label,
          lines: y.lines,
          carried_lines: y.carried,
          silos: y.silos.map(jsonRow),
          all: jsonRow(y.all),
        })),
      })),
    },
  });
}

// ---------------------------------------------------------------------------------------------------------
// Text for people: terminal table and Markdown

function yearHeading(p: BaselinePlace, y: BaselineYear): string {
  const lines = `${y.lines} budget ${y.lines === 1 ? 'line' : 'lines'}`;
  return y.carried ? `${p.place}, ${y.label}: ${lines} (${y.carried} carried forward unchanged from an earlier year)` : `${p.place}, ${y.label}: ${lines}`;
}

const CARRY_NOTE =
  'Carried forward: a line with no row for a year keeps its latest earlier amount, unchanged\n' +
  "(run applies a scenario's growth instead); --as-given totals only the rows given for each year.";

/** Terminal tables, one per place and year, fitting `maxWidth` columns (money in £ to the penny, else pounds, else £k/£m). */
export function baselineTable(report: BaselineReport, chalk?: ChalkInstance, maxWidth = 100): string {
  const columns: TableColumn[] = [
    { header: 'silo' },
    { header: 'reactive', numeric: true },
    { header: 'preventive', numeric: true },
    { header: 'other', numeric: true },
    { header: 'total', numeric: true },
    { header: 'reactive\nshare', numeric: true },
    { header: 'preventive\nshare', numeric: true },
  ];
  const styles: ((v: D | null) => string)[] = [(v) => (v ? money(v, 2) : ''), (v) => (v ? money(v, 0) : ''), (v) => (v ? moneyShort(v) : '')];
  const units = ['£ a year', '£ a year, to the nearest pound', '£ a year; k thousand, m million, bn billion'];
  const rowsOf = (fmt: (v: D | null) => string, y: BaselineYear): string[][] =>
    [...y.silos, y.all].map((r) => [
      r.silo,
      fmt(r.stages.reactive),
      fmt(r.stages.preventive),
      fmt(r.stages.other),
      fmt(r.total),
      percent(r.reactiveShare),
      percent(r.preventiveShare),
    ]);
  // the most exact money style in which every table fits (headings and notes are kept short separately)
  let style = styles.length - 1;
  for (let i = 0; i < styles.length; i++) {
    if (report.places.every((p) => p.years.every((y) => tableWidth(columns, rowsOf(styles[i]!, y)) <= maxWidth))) {
      style = i;
      break;
    }
  }
  const unit = units[style]!;
  const blocks: string[] = [];
  for (const p of report.places) {
    for (const y of p.years) {
      const rows = rowsOf(styles[style]!, y);
      const heading = chalk ? chalk.bold(wrap(yearHeading(p, y), maxWidth)) : wrap(yearHeading(p, y), maxWidth);
      blocks.push(`${heading}\n${renderTable(columns, rows, { ...(chalk ? { chalk } : {}), boldRows: new Set([rows.length - 1]), maxWidth })}`);
    }
  }
  const carried = report.places.some((p) => p.years.some((y) => y.carried > 0));
  const title = wrap(`Baseline spend by silo and stage, from ${report.source.name}\nAmounts in ${unit}; shares are of the total.`, maxWidth);
  return `${title}\n\n${blocks.join('\n\n')}\n${carried ? `\n${wrap(CARRY_NOTE.replace(/\n/g, ' '), maxWidth)}\n` : ''}`;
}

export function baselineMarkdown(report: BaselineReport): string {
  const columns = [
    { header: 'silo' },
    { header: 'reactive (£)', numeric: true },
    { header: 'preventive (£)', numeric: true },
    { header: 'other (£)', numeric: true },
    { header: 'total (£)', numeric: true },
    { header: 'reactive share (%)', numeric: true },
    { header: 'preventive share (%)', numeric: true },
  ];
  const amount = (v: D | null): string => (v ? money(v, 2).replace('£', '') : '');
  const pct = (v: D | null): string => (v ? percent(v).replace('%', '') : '');
  const out: string[] = ['# Baseline spend by silo and stage', ''];
  for (const p of report.places) {
    for (const y of p.years) {
      const rows = [...y.silos, y.all].map((r) => [
        r.silo,
        amount(r.stages.reactive),
        amount(r.stages.preventive),
        amount(r.stages.other),
        amount(r.total),
        pct(r.reactiveShare),
        pct(r.preventiveShare),
      ]);
      out.push(mdTable(columns, rows, `## ${mdEscape(yearHeading(p, y))}`));
    }
  }
  if (report.places.some((p) => p.years.some((y) => y.carried > 0))) out.push(CARRY_NOTE.replace(/\n/g, ' '), '');
  const meta = reportMeta('baseline', [report.source]);
  out.push(`Made by ${meta.tool} ${meta.version} from ${mdEscape(report.source.name)} (SHA-256 ${report.source.sha256}).`);
  return `${out.join('\n')}\n`;
}

/** Whole-report totals, handy for checks: the sum of every `all` total over places and years. */
export function grandTotal(report: BaselineReport): D {
  return report.places.reduce((t, p) => p.years.reduce((u, y) => u.plus(y.all.total), t), new D(0));
}

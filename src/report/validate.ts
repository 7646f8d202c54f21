// The `validate` report: what was found in valid budgets (places, years, silos, the spend by year and the sum
// of the amount column, to check against the spreadsheet), as text or JSON, and the problems as JSON.
import type { ChalkInstance } from 'chalk';
import type { D } from '../decimal.js';
import { formatLocation, type Problem, type Warning } from '../errors.js';
import { AmountSum } from '../model/amounts.js';
import type { Budgets, InputSource } from '../model/types.js';
import { yearLabel } from '../model/years.js';
import { jsonWithNumbers } from './json-numbers.js';
import { metaJson, reportMeta } from './meta.js';
import { money, plain } from './numbers.js';
import { renderTable, wrapWords } from './table.js';
import { count } from '../words.js';

interface Summary {
  byPlace: { place: string; lines: number }[];
  byYear: { year: number; lines: number; amount: D }[];
  total: D;
}

function summarise(b: Budgets): Summary {
  const byPlace = new Map(b.places.map((p) => [p, 0]));
  const byYear = new Map(b.years.map((y) => [y, { lines: 0, amount: new AmountSum() }]));
  const total = new AmountSum();
  for (const l of b.lines) {
    byPlace.set(l.place, byPlace.get(l.place)! + 1);
    const y = byYear.get(l.year)!;
    y.lines++;
    y.amount.add(l);
    total.add(l);
  }
  return {
    byPlace: [...byPlace].map(([place, lines]) => ({ place, lines })),
    byYear: [...byYear].map(([year, v]) => ({ year, lines: v.lines, amount: v.amount.value })),
    total: total.value,
  };
}

function list(items: readonly string[], max = 12): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')}, ... (${items.length} in all)`;
}

/** What valid budgets hold, for the terminal. */
export function validText(b: Budgets, chalk: ChalkInstance, width = 80): string {
  const s = summarise(b);
  const out: string[] = [];
  // a long list wraps under itself
  const item = (text: string, indent: number): string => wrapWords(text, width - indent).map((l, i) => (i === 0 ? l : `${' '.repeat(indent)}${l}`)).join('\n');
  out.push(item(`${chalk.bold(b.source.name)}: valid budgets, ${count(b.lines.length, 'line')}`, 2));
  out.push(item(`  places  ${b.places.length}: ${list(s.byPlace.map((p) => `${p.place} (${p.lines})`))}`, 10));
  out.push(item(`  years   ${b.years.length}: ${list(b.years.map(yearLabel))}`, 10));
  out.push(item(`  silos   ${b.silos.length}: ${list(b.silos)}`, 10));
  out.push(item(`  ignored columns: ${b.ignoredColumns.length ? b.ignoredColumns.map((c) => `"${c}"`).join(', ') : 'none'}`, 10));
  out.push('');
  out.push('Spend as given, by year (all places):');
  out.push(
    renderTable(
      [{ header: 'year' }, { header: 'lines', numeric: true }, { header: 'amount', numeric: true }],
      [...s.byYear.map((y) => [yearLabel(y.year), String(y.lines), money(y.amount)]), ['sum', String(b.lines.length), money(s.total)]],
      { chalk, boldRows: new Set([s.byYear.length]), maxWidth: width },
    ),
  );
  out.push(item('The sum is of the whole amount column, to check against your spreadsheet.', 0));
  return `${out.join('\n')}\n`;
}

function jsonWarning(w: Warning): Record<string, unknown> {
  return { code: w.code, message: w.message, location: w.loc ? formatLocation(w.loc) : null };
}

function jsonProblem(p: Problem): Record<string, unknown> {
  return {
    location: p.loc ? formatLocation(p.loc) : null,
    file: p.loc?.file ?? null,
    line: p.loc?.line ?? null,
    column: p.loc?.column ?? null,
    cell: p.loc?.cell ?? null,
    message: p.message,
    hint: p.hint ?? null,
  };
}

/** What valid budgets hold, as JSON. */
export function validJson(b: Budgets): string {
  const s = summarise(b);
  const n = (v: D): string => `\u0000num:${plain(v, 'money')}`;
  return jsonWithNumbers({
    ...metaJson(reportMeta('validate', [b.source])),
    result: {
      valid: true,
      file: b.source.name,
      lines: b.lines.length,
      places: s.byPlace,
      years: s.byYear.map((y) => ({ year: y.year, label: yearLabel(y.year), lines: y.lines, amount: n(y.amount) })),
      silos: b.silos,
      total_amount: n(s.total),
      ignored_columns: b.ignoredColumns,
      warnings: b.warnings.map(jsonWarning),
      problems: [],
    },
  });
}

/** The problems of budgets that are not valid, as JSON; `inputs` is the file's provenance when it could be read. */
export function invalidJson(name: string, inputs: readonly InputSource[], problems: readonly Problem[]): string {
  return `${JSON.stringify(
    { ...metaJson(reportMeta('validate', inputs.map((i) => ({ ...i, name })))), result: { valid: false, file: name, problems: problems.map(jsonProblem) } },
    null,
    2,
  )}\n`;
}

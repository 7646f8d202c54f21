// The `costs` report: a unit-cost library's entries (all, or those matching some words), each value as
// published and converted to the price base (docs/method.md, "Prices and unit costs"). Pure: a library and
// a price index in, rows and text out.
import type { ChalkInstance } from 'chalk';
import type { D } from '../decimal.js';
import { ProblemList } from '../errors.js';
import { convert, type PriceIndex } from '../model/prices.js';
import type { InputSource } from '../model/types.js';
import { VALUE_KINDS, matchesWords, type UnitCostEntry, type UnitCostLibrary, type UnitCostValue, type ValueKind } from '../model/unit-costs.js';
import { jsonWithNumbers } from './json-numbers.js';
import { toCsv, num, text, type Cell } from './csv.js';
import { mdEscape, mdTable } from './markdown.js';
import { metaJson, reportMeta } from './meta.js';
import { money, plain, yearLabel } from './numbers.js';
import { renderTable, wrap, type TableColumn } from './table.js';

export interface CostsOptions {
  /** every word must be in the entry's code, description, unit or agency (case-insensitive) */
  words?: readonly string[];
  /** only this kind of value */
  kind?: ValueKind;
  /** the year whose prices values are shown in (it must be in the index) */
  priceBase: number;
}

/** One value of one entry. */
export interface CostRow {
  readonly entry: UnitCostEntry;
  readonly kind: ValueKind;
  readonly published: UnitCostValue;
  /** the published amount in price-base prices */
  readonly value: D;
}

export interface CostsReport {
  readonly library: InputSource;
  readonly entriesInLibrary: number;
  readonly index: PriceIndex;
  readonly priceBase: number;
  readonly words: readonly string[];
  readonly kind?: ValueKind;
  /** entries in the library's order, each entry's kinds fiscal, economic, social */
  readonly rows: readonly CostRow[];
  /** how many entries the rows are from */
  readonly entries: number;
}

/**
 * The matching entries' values in price-base prices. A value whose price year the index does not cover is an
 * InputError (exit 65) at the value's cell or line, all such values listed together.
 */
export function computeCosts(library: UnitCostLibrary, index: PriceIndex, options: CostsOptions): CostsReport {
  const words = options.words ?? [];
  const kinds = options.kind ? [options.kind] : VALUE_KINDS;
  const rows: CostRow[] = [];
  const problems = new ProblemList(100);
  let entries = 0;
  for (const entry of library.entries) {
    if (!matchesWords(entry, words)) continue;
    let any = false;
    for (const kind of kinds) {
      const published = entry.values[kind];
      if (!published) continue;
      const converted = convert(published.amount, published.priceYear, options.priceBase, index);
      if (!converted.ok) {
        problems.add({ message: `${entry.code}: ${converted.message}`, loc: published.loc, hint: converted.hint });
        continue;
      }
      rows.push({ entry, kind, published, value: converted.value });
      any = true;
    }
    if (any) entries++;
  }
  problems.throwIfAny(problems.size === 1 ? undefined : `${problems.size} values in ${library.source.name} cannot be converted`);
  return {
    library: library.source,
    entriesInLibrary: library.entries.length,
    index,
    priceBase: options.priceBase,
    words,
    ...(options.kind ? { kind: options.kind } : {}),
    rows,
    entries,
  };
}

/** `values in 2024/25 prices`, as every format but CSV states it. */
export function pricesPhrase(report: CostsReport): string {
  return `values in ${yearLabel(report.priceBase)} prices`;
}

function selection(report: CostsReport): string {
  const n = report.entriesInLibrary;
  const of = report.words.length || report.kind ? `${report.entries} of ${n} ${n === 1 ? 'entry' : 'entries'}` : `${n} ${n === 1 ? 'entry' : 'entries'}`;
  const words = report.words.length ? ` match "${report.words.join(' ')}"` : '';
  return `${of}${words}${report.kind ? `, ${report.kind} values` : ''}`;
}

/** The sentence on prices: the price base, the series, and its note (the calendar-year approximation). */
function pricesNote(report: CostsReport): string {
  const s = report.index;
  const base = yearLabel(report.priceBase);
  return `Values in ${base} prices: amount × index(${base}) / index(price year). Index: ${s.name}, ${yearLabel(s.first)} to ${yearLabel(s.last)}${s.note ? `; ${s.note}` : ''}.`;
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------------------------------------
// Terminal

/** The table, fitted to `width` columns (80 by default): descriptions wrap, nothing else does. */
export function costsTable(report: CostsReport, chalk?: ChalkInstance, width = 80): string {
  const base = yearLabel(report.priceBase);
  const head = `Unit costs from ${report.library.name}: ${selection(report)}`;
  const note = pricesNote(report);
  const bold = (s: string): string => (chalk ? chalk.bold(s) : s);
  if (report.rows.length === 0) return `${bold(wrap(head, width))}\n${wrap(note, width)}\n\nNo entries to show.\n`;
  // an entry's second and third kinds repeat only its code
  const cells = report.rows.map((r, i) => [
    r.entry.code,
    r.kind,
    i > 0 && report.rows[i - 1]!.entry === r.entry ? '' : oneLine(r.entry.description) + (r.entry.unit ? `\n${oneLine(r.entry.unit)}` : ''),
    `${money(r.published.amount)}\n${yearLabel(r.published.priceYear)}`,
    money(r.value),
  ]);
  const headers = ['code', 'kind', 'description, unit', 'as published', `in ${base}\nprices`];
  const widest = (i: number): number => Math.max(...[headers[i]!, ...cells.map((c) => c[i]!)].flatMap((t) => t.split('\n')).map((l) => l.length)) + 2;
  const fixed = [0, 1, 3, 4].reduce((t, i) => t + widest(i), 0);
  const description = Math.max(16, width - fixed - (headers.length + 1));
  const columns: TableColumn[] = [
    { header: headers[0]! },
    { header: headers[1]! },
    { header: headers[2]!, width: description },
    { header: headers[3]!, numeric: true },
    { header: headers[4]!, numeric: true },
  ];
  const table = renderTable(columns, cells, { ...(chalk ? { chalk } : {}), maxWidth: width });
  return `${bold(wrap(head, width))}\n${wrap(note, width)}\n\n${table}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// CSV

export const CSV_COLUMNS = ['code', 'kind', 'description', 'unit', 'agency', 'amount', 'price_year', 'value', 'confidence', 'source', 'price_base'] as const;

/** One row per entry and kind; `amount` as published and `value` in price-base prices, both to the penny. */
export function costsCsv(report: CostsReport): string {
  const base = yearLabel(report.priceBase);
  function* rows(): Generator<Cell[]> {
    for (const r of report.rows) {
      yield [
        text(r.entry.code),
        text(r.kind),
        text(r.entry.description),
        text(r.entry.unit),
        text(r.entry.agency),
        num(plain(r.published.amount, 'money')),
        text(yearLabel(r.published.priceYear)),
        num(plain(r.value, 'money')),
        text(r.entry.confidence ?? ''),
        text(r.entry.source),
        text(base),
      ];
    }
  }
  return toCsv([...CSV_COLUMNS], rows());
}

// ---------------------------------------------------------------------------------------------------------
// JSON

const jmoney = (d: D): string => `\u0000num:${plain(d, 'money')}`;

/** The JSON report: provenance (the library and the deflators file), the price base, and each entry with its values. */
export function costsJson(report: CostsReport): string {
  const inputs = [report.library, ...(report.index.source ? [report.index.source] : [])];
  const byEntry = new Map<UnitCostEntry, CostRow[]>();
  for (const r of report.rows) byEntry.set(r.entry, [...(byEntry.get(r.entry) ?? []), r]);
  return jsonWithNumbers({
    ...metaJson(reportMeta('costs', inputs)),
    result: {
      library: report.library.name,
      price_base: report.priceBase,
      price_base_label: yearLabel(report.priceBase),
      prices: pricesPhrase(report),
      deflators: { name: report.index.name, first: report.index.first, last: report.index.last, ...(report.index.note ? { note: report.index.note } : {}) },
      words: report.words,
      kind: report.kind ?? null,
      entries_in_library: report.entriesInLibrary,
      entries: [...byEntry].map(([e, rows]) => ({
        code: e.code,
        category: e.category,
        detail: e.detail,
        description: e.description,
        unit: e.unit,
        agency: e.agency,
        agency_level_2: e.agencyLevel2,
        confidence: e.confidence ?? null,
        source: e.source,
        comment: e.comment,
        values: Object.fromEntries(
          rows.map((r) => [
            r.kind,
            { amount: jmoney(r.published.amount), price_year: r.published.priceYear, price_year_label: yearLabel(r.published.priceYear), value: jmoney(r.value) },
          ]),
        ),
      })),
    },
  });
}

// ---------------------------------------------------------------------------------------------------------
// Markdown

export function costsMarkdown(report: CostsReport): string {
  const base = yearLabel(report.priceBase);
  const columns = [
    { header: 'code' },
    { header: 'kind' },
    { header: 'description' },
    { header: 'unit' },
    { header: 'agency' },
    { header: 'as published (£)', numeric: true },
    { header: 'price year' },
    { header: `in ${base} prices (£)`, numeric: true },
    { header: 'confidence' },
    { header: 'source' },
  ];
  const amount = (d: D): string => money(d).replace('£', '');
  const rows = report.rows.map((r) => [
    r.entry.code,
    r.kind,
    oneLine(r.entry.description),
    oneLine(r.entry.unit),
    oneLine(r.entry.agency),
    amount(r.published.amount),
    yearLabel(r.published.priceYear),
    amount(r.value),
    r.entry.confidence ?? '',
    oneLine(r.entry.source),
  ]);
  const out = [`# Unit costs in ${base} prices`, '', `${mdEscape(`From ${report.library.name}: ${selection(report)}.`)} ${mdEscape(pricesNote(report))}`, ''];
  out.push(report.rows.length ? mdTable(columns, rows) : 'No entries to show.\n');
  const meta = reportMeta('costs', [report.library, ...(report.index.source ? [report.index.source] : [])]);
  const inputs = meta.inputs.map((i) => `${mdEscape(i.name)} (SHA-256 ${i.sha256})`).join(' and ');
  out.push(`Made by ${meta.tool} ${meta.version} from ${inputs}.`);
  return `${out.join('\n')}\n`;
}

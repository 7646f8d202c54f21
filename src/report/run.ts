// Renderers of a run's results: terminal table, wide CSV, JSON and Markdown. (Long CSV: long.ts;
// HTML: html/; Excel: xlsx/.) They present what the model computed and never compute figures themselves.
import type { ChalkInstance } from 'chalk';
import type { D } from '../decimal.js';
import { formatLocation, type Warning } from '../errors.js';
import {
  INTERVENTION_MEASURES,
  SETTLEMENT_MEASURES,
  SUMMARY_MEASURES,
  yearlyBlocks,
  type PlaceResult,
  type RunResult,
  type Summary,
} from '../model/types.js';
import { num, text, toCsv, type Cell } from './csv.js';
import { metaJson, type ReportMeta } from './meta.js';
import { jsonDecimal, jsonWithNumbers } from './json-numbers.js';
import { mdEscape, mdGrid } from './markdown.js';
import { kindOf, labelOf, paybackYearText, summaryMeasuresFor } from './measures.js';
import { money, moneyShort, percent, plainMeasure, ratio } from './numbers.js';
import { renderTable, wrap, wrapWords, type TableColumn } from './table.js';
import { count } from '../words.js';
import { priceText } from './price-text.js';

// ---------------------------------------------------------------------------------------------------------
// Measures for people (their words and kinds: measures.ts)

export function paybackText(result: RunResult, s: Summary): string {
  return paybackYearText(s.payback_t === null ? undefined : result.years[s.payback_t]?.label, s.payback_t, { never: 'not within the horizon' });
}

/** A measure for people: money in full pounds and pence, ratios, shares as percentages. */
export function humanMeasure(measure: string, value: D | number | null, result?: RunResult, short = false): string {
  const kind = kindOf(measure);
  if (value === null) return kind === 'year' ? 'never' : '-';
  if (kind === 'year') {
    const t = value as number;
    return paybackYearText(result?.years[t]?.label, t);
  }
  const v = value as D;
  switch (kind) {
    case 'roi':
      return `${ratio(v)} : 1`;
    case 'share':
      return percent(v);
    case 'factor':
      return ratio(v, 4);
    case 'count':
      return ratio(v, 1);
    case 'money':
      return short ? moneyShort(v) : money(v);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Terminal

const HEADLINE: readonly (keyof Summary)[] = [
  'npv_cashable',
  'npv_fiscal',
  'npv_public_value',
  'cashable_roi',
  'payback_t',
  'peak_funding_requirement',
  'total_investment',
  'total_cashable_savings',
];

const PLACE_YEAR_ROWS = [
  'baseline_spend',
  'pooled',
  'investment',
  'transition_cost',
  'efficiency_saving',
  'avoided_cost',
  'cashable_saving',
  'net_cashable',
  'cumulative_net_cashable',
  'scenario_spend',
  'scenario_prevention_share',
] as const;

/** A table of the run's: a label column, the others numbers, no rule under the header, fitted to `width`. */
function table(head: readonly string[], rows: readonly (readonly string[])[], chalk: ChalkInstance, width: number): string {
  const columns: TableColumn[] = head.map((header, i) => ({ header, ...(i > 0 ? { numeric: true } : {}) }));
  return renderTable(columns, rows, { chalk, headerRule: false, maxWidth: width });
}

function headlineLines(result: RunResult, s: Summary, chalk: ChalkInstance, width: number): string[] {
  const rows: string[][] = [];
  for (const m of HEADLINE) {
    let value = kindOf(m) === 'year' ? paybackText(result, s) : humanMeasure(m, s[m], result);
    if ((m === 'npv_cashable' || m === 'npv_fiscal' || m === 'npv_public_value') && s[m] !== null) {
      value = (s[m] as D).lessThan(0) ? chalk.red(value) : chalk.green(value);
    }
    rows.push([labelOf(m), value]);
    // the two returns a board reads side by side: financial (fiscal benefits) and public value (all three kinds)
    if (m === 'cashable_roi') rows.push(['Financial and public value returns', `${humanMeasure('fiscal_roi', s.fiscal_roi)} and ${humanMeasure('public_value_roi', s.public_value_roi)}`]);
  }
  const share = (m: 'final_baseline_prevention_share' | 'final_scenario_prevention_share') => humanMeasure(m, s[m]);
  rows.push(['Prevention share of spend (final year)', `${share('final_baseline_prevention_share')} baseline, ${share('final_scenario_prevention_share')} scenario`]);
  // with outside money the partners' own view sits beside the whole system's: a grant is not the partners' loss
  if (s.pv_external_funding !== null && !s.pv_external_funding.isZero()) {
    rows.push(
      ['Outside funding (PV)', humanMeasure('pv_external_funding', s.pv_external_funding)],
      ["Partners' NPV (cashable)", humanMeasure('partners_npv_cashable', s.partners_npv_cashable)],
      ["Partners' peak funding", humanMeasure('partners_peak_funding_requirement', s.partners_peak_funding_requirement)],
    );
  }
  const gap = gapText(s);
  if (gap) rows.push(['Funding gap (final year)', gap]);
  // the values are words as much as numbers: they wrap, left-aligned, rather than widen the table
  return [renderTable([{ header: 'Headline' }, { header: '' }], rows, { chalk, headerRule: false, maxWidth: width })];
}

/** The funding gap in words: `£2.1m baseline, £1.4m scenario (33% closed)`; undefined without an envelope. */
export function gapText(s: Summary): string | undefined {
  if (s.final_baseline_gap === null || s.final_scenario_gap === null) return undefined;
  const closed = s.final_baseline_gap.greaterThan(0) ? ` (${percent(s.final_baseline_gap.minus(s.final_scenario_gap).dividedBy(s.final_baseline_gap))} closed)` : '';
  return `${moneyShort(s.final_baseline_gap)} baseline, ${moneyShort(s.final_scenario_gap)} scenario${closed}`;
}

function placeTable(result: RunResult, place: PlaceResult, chalk: ChalkInstance, width: number): string[] {
  // the years wrap into as many blocks as the width needs, each with the row labels
  const years = result.years.map((y) => y.label);
  const rows = PLACE_YEAR_ROWS.map((m) => [labelOf(m), ...result.years.map((y) => humanMeasure(m, place.all[y.t]![m] as D | null, result, true))]);
  const suffix = { silo: '', external: ' (external)', funder: ' (funder)', partner: ' (partner)', all: '' } as const;
  const silos = yearlyBlocks(result, place)
    .filter((b) => b.kind !== 'all')
    .map((b) => [`${b.entity}${suffix[b.kind]}`, ...b.years.map((y) => moneyShort(y.net_cashable!))]);
  return [table(['Place totals', ...years], rows, chalk, width), table(['Net cashable by silo', ...years], silos, chalk, width)];
}

function settlementTable(place: PlaceResult, chalk: ChalkInstance, width: number): string {
  const rows = place.settlement.map((r) => {
    const name = `${r.silo}${r.external ? ' (external)' : r.kind === 'silo' ? '' : ` (${r.kind})`}${r.wrongPocket ? ' *' : ''}`;
    return [r.wrongPocket ? chalk.yellow(name) : name, ...SETTLEMENT_MEASURES.map((m) => moneyShort(r[m]))];
  });
  const t = table(['Who pays, who benefits', ...SETTLEMENT_MEASURES.map((m) => labelOf(m, 'short'))], rows, chalk, width);
  const wrong = place.settlement.some((r) => r.wrongPocket);
  return t + (wrong ? `\n${wrap('* wrong pocket: this silo loses before settlement although the pool as a whole gains', width)}` : '');
}

function interventionTable(place: PlaceResult, chalk: ChalkInstance, width: number): string {
  // the public value columns only when an intervention has economic or social value
  const value = place.interventions.some((k) => !k.economic_value_pv!.isZero() || !k.social_value_pv!.isZero());
  const measures = INTERVENTION_MEASURES.filter((m) => value || (m !== 'economic_value_pv' && m !== 'social_value_pv'));
  const cell = (m: (typeof INTERVENTION_MEASURES)[number], v: D | null): string => (m === 'net_successes' ? ratio(v!, 1) : m === 'cost_per_success' ? money(v, 0) : moneyShort(v!));
  // a long intervention name wraps, and so do the headers
  return table(
    ['Intervention', ...measures.map((m) => labelOf(m, 'short'))],
    place.interventions.map((k) => [k.name, ...measures.map((m) => cell(m, k[m]))]),
    chalk,
    width,
  );
}

/** Warnings as a list, one item each; with `width`, each item wrapped to it (continuation lines indented). */
export function warningLines(warnings: readonly Warning[], width?: number): string[] {
  const items = warnings.map((w) => `- ${w.loc ? `${formatLocation(w.loc)}: ` : ''}${w.message}`);
  return width === undefined ? items : items.map((item) => wrapWords(item, width - 2).map((l, i) => (i === 0 ? l : `  ${l}`)).join('\n'));
}

export interface TableOptions {
  chalk: ChalkInstance;
  width: number;
  /** include the warnings as a closing section (when they are not also printed on stderr) */
  includeWarnings: boolean;
}

export function renderRunTable(result: RunResult, options: TableOptions): string {
  const { chalk, width } = options;
  const blocks: string[] = [];
  const last = result.years[result.years.length - 1]!;
  blocks.push(chalk.bold(wrap(result.scenario, width)) + `\n${wrap(`${result.years[0]!.label} to ${last.label} (${count(result.horizon, 'year')}), ${priceText(result)}`, width)}`);
  for (const place of result.places) {
    blocks.push(chalk.bold.underline(wrap(place.place, width)));
    blocks.push(...headlineLines(result, place.summary, chalk, width));
    blocks.push(...placeTable(result, place, chalk, width));
    if (place.settlement.length) blocks.push(settlementTable(place, chalk, width));
    if (place.interventions.length) blocks.push(interventionTable(place, chalk, width));
  }
  if (result.allPlaces) {
    blocks.push(chalk.bold.underline(`All places (${result.places.length})`));
    blocks.push(...headlineLines(result, result.allPlaces.summary, chalk, width));
  }
  if (options.includeWarnings && result.warnings.length) blocks.push(chalk.bold('Warnings') + '\n' + warningLines(result.warnings, width).join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// Wide CSV: one row per place, table, entity and measure; yearly measures across the years, the others
// in `value`.

export function renderWideCsv(results: readonly RunResult[]): string {
  const horizon = Math.max(...results.map((r) => r.horizon));
  const labels = results.find((r) => r.horizon === horizon)!.years.map((y) => y.label);
  const sameYears = results.every((r) => r.years[0]?.year === results[0]!.years[0]?.year);
  const header = ['place', 'scenario', 'table', 'entity', 'measure', 'value', ...(sameYears ? labels : labels.map((_, t) => `t${t}`))];
  const pad = (cells: Cell[]) => [...cells, ...Array.from({ length: horizon - (cells.length - 6) }, () => num(''))];
  // rows made as they are written, so that a national file's report is never held twice over as cells
  function* rows(): Generator<Cell[]> {
    for (const result of results) {
      const scalar = (place: string, tableName: string, entity: string, measure: string, value: D | number | null) =>
        pad([text(place), text(result.scenario), text(tableName), text(entity), text(measure), num(plainMeasure(measure, value))]);
      const summary = (place: string, s: Summary) => SUMMARY_MEASURES.map((m) => scalar(place, 'summary', '', m, s[m]));
      for (const place of result.places) {
        yield* summary(place.place, place.summary);
        for (const block of yearlyBlocks(result, place)) {
          for (const m of block.measures) {
            yield pad([text(place.place), text(result.scenario), text('yearly'), text(block.entity), text(m), num(''), ...block.years.map((y) => num(plainMeasure(m, y[m] ?? null)))]);
          }
        }
        for (const r of place.settlement) yield* SETTLEMENT_MEASURES.map((m) => scalar(place.place, 'settlement', r.silo, m, r[m]));
        for (const k of place.interventions) yield* INTERVENTION_MEASURES.map((m) => scalar(place.place, 'intervention', k.name, m, k[m]));
      }
      if (result.allPlaces) yield* summary(result.allPlaces.place, result.allPlaces.summary);
    }
  }
  return toCsv(header, rows());
}

// ---------------------------------------------------------------------------------------------------------
// JSON: the complete result, numbers presented as in CSV (money to pence, ratios to 6 dp) but as JSON numbers.

function jsonNumber(measure: string, value: D | number | null): string | null {
  return jsonDecimal(plainMeasure(measure, value));
}

function jsonMeasures<K extends string>(measures: readonly K[], values: Record<K, D | number | null>): Record<K, string | null> {
  const out = {} as Record<K, string | null>;
  for (const m of measures) out[m] = jsonNumber(m, values[m]);
  return out;
}

export function runJson(result: RunResult) {
  return {
    scenario: result.scenario,
    base_year: result.baseYear,
    price_base: result.priceBase,
    ...(result.prices ? { deflators: result.prices.deflators } : {}),
    horizon: result.horizon,
    years: result.years.map((y) => ({ t: y.t, year: y.year, label: y.label })),
    places: result.places.map((p) => ({
      place: p.place,
      members: p.members,
      summary: jsonMeasures(SUMMARY_MEASURES, p.summary),
      yearly: (() => {
        const blocks = yearlyBlocks(result, p);
        const years = (b: (typeof blocks)[number]) => b.years.map((y, t) => ({ t, ...jsonMeasures(b.measures, y as Record<string, D | null>) }));
        return {
          silos: blocks.filter((b) => b.kind === 'silo' || b.kind === 'external').map((b) => ({ silo: b.entity, external: b.kind === 'external', years: years(b) })),
          ...(result.hasFunders ? { funders: blocks.filter((b) => b.kind === 'funder').map((b) => ({ funder: b.entity, years: years(b) })) } : {}),
          ...(p.partners.length ? { partners: blocks.filter((b) => b.kind === 'partner').map((b) => ({ partner: b.entity, years: years(b) })) } : {}),
          all: years(blocks[blocks.length - 1]!),
        };
      })(),
      settlement: p.settlement.map((r) => ({ silo: r.silo, ...(r.kind === 'silo' ? {} : { kind: r.kind }), external: r.external, wrong_pocket: r.wrongPocket, ...jsonMeasures(SETTLEMENT_MEASURES, r) })),
      interventions: p.interventions.map((k) => ({ name: k.name, ...jsonMeasures(INTERVENTION_MEASURES, k) })),
    })),
    ...(result.allPlaces ? { all_places: { summary: jsonMeasures(SUMMARY_MEASURES, result.allPlaces.summary) } } : {}),
    warnings: result.warnings.map((w) => ({ code: w.code, message: w.message, ...(w.loc ? { location: formatLocation(w.loc) } : {}) })),
  };
}

export function renderRunJson(result: RunResult, meta: ReportMeta): string {
  return jsonWithNumbers({ ...metaJson(meta), result: runJson(result) });
}

// ---------------------------------------------------------------------------------------------------------
// Markdown, fit to paste into a paper

/** Pounds as millions to 2 dp (`1.23`), for tables whose header says £m. */
export function millions(v: D): string {
  return ratio(v.dividedBy('1000000'), 2);
}

export function provenanceMd(meta: ReportMeta): string {
  const inputs = meta.inputs.map((i) => `${mdEscape(i.name)} (SHA-256 \`${i.sha256}\`)`).join('; ');
  const seed = meta.seed !== undefined ? `, seed ${meta.seed}` : '';
  const draws = meta.draws !== undefined ? `, ${count(meta.draws, 'draw')}` : '';
  return `_Made by placepool ${meta.version} (\`${meta.command}\`${seed}${draws}) from ${inputs}._`;
}

export function renderRunMd(result: RunResult, meta: ReportMeta): string {
  const out: string[] = [];
  const last = result.years[result.years.length - 1]!;
  out.push(`# ${mdEscape(result.scenario)}`);
  const prices = result.priceBase === result.baseYear && !result.prices ? `at ${result.years[0]!.label} prices; present values discounted to ${result.years[0]!.label}` : `in ${priceText(result)}`;
  out.push(`${result.years[0]!.label} to ${last.label} (${count(result.horizon, 'year')}). Money in pounds ${prices}.`);
  let n = 0;
  const caption = (title: string) => `**Table ${++n}. ${mdEscape(title)}**`;
  const headline = (s: Summary) =>
    mdGrid(['Measure', 'Value'], [...summaryMeasuresFor([s]).map((m) => [labelOf(m), kindOf(m) === 'year' ? paybackText(result, s) : humanMeasure(m, s[m], result)])]);
  for (const place of result.places) {
    out.push(`## ${mdEscape(place.place)}`);
    out.push(caption(`Summary, ${place.place}`), headline(place.summary));
    out.push(
      caption(`Place totals by year, ${place.place} (£m unless stated)`),
      mdGrid(
        ['Measure', ...result.years.map((y) => y.label)],
        PLACE_YEAR_ROWS.map((m) => [
          labelOf(m),
          ...place.all.map((y) => (kindOf(m) === 'share' ? humanMeasure(m, y[m] as D | null) : millions(y[m] as D))),
        ]),
      ),
    );
    out.push(
      caption(`Net cashable by silo and year, ${place.place} (£m)`),
      mdGrid(
        ['Silo', ...result.years.map((y) => y.label)],
        place.silos.map((s) => [s.external ? `${s.silo} (external)` : s.silo, ...s.years.map((y) => millions(y.net_cashable))]),
      ),
    );
    if (place.settlement.length) {
      out.push(
        caption(`Who pays and who benefits, ${place.place} (present values, £)`),
        mdGrid(
          ['Silo', ...SETTLEMENT_MEASURES.map((m) => labelOf(m))],
          place.settlement.map((r) => [`${r.silo}${r.external ? ' (external)' : ''}${r.wrongPocket ? ' (wrong pocket)' : ''}`, ...SETTLEMENT_MEASURES.map((m) => money(r[m]))]),
        ),
      );
    }
    if (place.interventions.length) {
      out.push(
        caption(`Interventions, ${place.place}`),
        mdGrid(
          ['Intervention', ...INTERVENTION_MEASURES.map((m) => labelOf(m))],
          place.interventions.map((k) => [k.name, ...INTERVENTION_MEASURES.map((m) => humanMeasure(m, k[m]))]),
        ),
      );
    }
  }
  if (result.allPlaces) out.push(`## All places`, caption('Summary, all places'), headline(result.allPlaces.summary));
  if (result.warnings.length) out.push('## Notes', warningLines(result.warnings).map((l) => `- ${mdEscape(l.slice(2))}`).join('\n'));
  out.push(provenanceMd(meta));
  return `${out.join('\n\n')}\n`;
}

// Renderers of a tornado (docs/method.md, "13. Uncertainty"; its long CSV layout is in
// docs/method.md, "Long CSV layout"): terminal table with bars, CSV wide and long, JSON, Markdown.
import type { ChalkInstance } from 'chalk';
import { D } from '../decimal.js';
import { formatLocation } from '../errors.js';
import type { TornadoBar, TornadoEntity, TornadoResult } from '../uncertainty/types.js';
import { num, text, toCsv, type Cell } from './csv.js';
import { metaJson, type ReportMeta } from './meta.js';
import { jsonDecimal, jsonWithNumbers } from './json-numbers.js';
import { money, moneyShort, plain } from './numbers.js';
import { provenanceMd, warningLines } from './run.js';
import { mdEscape, mdGrid } from './markdown.js';
import { labelOf, npvWords, paramLabel } from './measures.js';
import { renderTable, wrap, wrapWords } from './table.js';
import { paramField } from '../model/params.js';
import { priceText } from './price-text.js';

export const TORNADO_LONG_HEADER = ['place', 'scenario', 'parameter', 'low_value', 'high_value', 'npv_low', 'npv_high', 'swing'];
export const TORNADO_WIDE_HEADER = ['place', 'scenario', 'parameter', 'label', 'low_value', 'high_value', 'npv_central', 'npv_low', 'npv_high', 'swing'];

/** Whether a scenario field is an amount of money (shown in pounds), by its kind in the scenario schema. */
export function isMoneyField(path: string): boolean {
  return paramField(path)?.kind === 'money';
}

/** A parameter value for people: pounds for money fields, otherwise up to 4 significant digits. */
export function humanValue(path: string, value: D): string {
  if (isMoneyField(path)) return money(value);
  return value.toSignificantDigits(4, D.ROUND_HALF_UP).toString();
}

// ---------------------------------------------------------------------------------------------------------
// CSV

/** docs/method.md, "Long CSV layout", `tornado`: `place,scenario,parameter,low_value,high_value,npv_low,npv_high,swing`, largest swing first. */
export function renderTornadoLongCsv(result: TornadoResult): string {
  const rows: Cell[][] = [];
  for (const e of result.entities) {
    for (const b of e.bars) {
      rows.push([text(e.place), text(result.scenario), text(b.path), num(plain(b.low, 'ratio')), num(plain(b.high, 'ratio')), num(plain(b.npvLow, 'money')), num(plain(b.npvHigh, 'money')), num(plain(b.swing, 'money'))]);
    }
  }
  return toCsv(TORNADO_LONG_HEADER, rows);
}

export function renderTornadoWideCsv(result: TornadoResult): string {
  const rows: Cell[][] = [];
  for (const e of result.entities) {
    for (const b of e.bars) {
      rows.push([
        text(e.place),
        text(result.scenario),
        text(b.path),
        text(b.label),
        num(plain(b.low, 'ratio')),
        num(plain(b.high, 'ratio')),
        num(plain(e.centralNpv, 'money')),
        num(plain(b.npvLow, 'money')),
        num(plain(b.npvHigh, 'money')),
        num(plain(b.swing, 'money')),
      ]);
    }
  }
  return toCsv(TORNADO_WIDE_HEADER, rows);
}

// ---------------------------------------------------------------------------------------------------------
// JSON

const jsonNum = (v: D, precision: 'money' | 'ratio') => jsonDecimal(plain(v, precision));

export function tornadoJson(result: TornadoResult) {
  return {
    scenario: result.scenario,
    measure: result.measure,
    base_year: result.baseYear,
    price_base: result.priceBase,
    ...(result.prices ? { deflators: result.prices.deflators } : {}),
    places: result.entities.map((e) => ({
      place: e.place,
      [`${result.measure}_central`]: jsonNum(e.centralNpv, 'money'),
      bars: e.bars.map((b) => ({
        parameter: b.path,
        label: b.label,
        low_value: jsonNum(b.low, 'ratio'),
        high_value: jsonNum(b.high, 'ratio'),
        npv_low: jsonNum(b.npvLow, 'money'),
        npv_high: jsonNum(b.npvHigh, 'money'),
        swing: jsonNum(b.swing, 'money'),
      })),
    })),
    warnings: result.warnings.map((w) => ({ code: w.code, message: w.message, ...(w.loc ? { location: formatLocation(w.loc) } : {}) })),
  };
}

export function renderTornadoJson(result: TornadoResult, meta: ReportMeta): string {
  return jsonWithNumbers({ ...metaJson(meta), result: tornadoJson(result) });
}

// ---------------------------------------------------------------------------------------------------------
// For people

const HALF = 20;

/**
 * A tornado bar on an axis centred on the central NPV: `half` characters each side of `│` (20 unless given),
 * scaled so that the largest distance from the centre fills a side.
 */
export function tornadoBar(b: TornadoBar, centre: D, scale: D, chalk: ChalkInstance, half = HALF): string {
  const cells = (distance: D) => (scale.isZero() ? 0 : Math.round(distance.dividedBy(scale).times(half).toNumber()));
  const lowest = D.min(b.npvLow, b.npvHigh);
  const highest = D.max(b.npvLow, b.npvHigh);
  const left = cells(D.max(0, centre.minus(lowest)));
  const right = cells(D.max(0, highest.minus(centre)));
  return `${' '.repeat(half - left)}${chalk.red('█'.repeat(left))}│${chalk.green('█'.repeat(right))}${' '.repeat(half - right)}`;
}

/** The bars within `width`: a label too long for its share of the line wraps above its bar. */
function barLines(e: TornadoEntity, chalk: ChalkInstance, width: number): string[] {
  let scale = new D(0);
  for (const b of e.bars) scale = D.max(scale, b.npvLow.minus(e.centralNpv).abs(), b.npvHigh.minus(e.centralNpv).abs());
  const labels = e.bars.map((b) => paramLabel(b.label));
  const lows = e.bars.map((b) => moneyShort(D.min(b.npvLow, b.npvHigh)));
  const highs = e.bars.map((b) => moneyShort(D.max(b.npvLow, b.npvHigh)));
  const wl = Math.max(8, ...lows.map((l) => l.length));
  const wh = Math.max(...highs.map((h) => h.length));
  // 2 indent, label, 2, low, 1, bar, 1, high
  const fixed = 2 + 2 + wl + 1 + 1 + 1 + wh;
  const longest = Math.max(...labels.map((l) => l.length));
  const labelWidth = Math.max(12, Math.min(longest, width - fixed - 2 * 10));
  const half = Math.max(5, Math.min(HALF, Math.floor((width - fixed - labelWidth - 1) / 2)));
  return e.bars.flatMap((b, i) => {
    const lines = wrapWords(labels[i]!, labelWidth);
    const last = lines.pop()!;
    return [...lines.map((l) => `  ${l}`), `  ${last.padEnd(labelWidth)}  ${lows[i]!.padStart(wl)} ${tornadoBar(b, e.centralNpv, scale, chalk, half)} ${highs[i]!}`];
  });
}

export function renderTornadoTable(result: TornadoResult, options: { chalk: ChalkInstance; width: number }): string {
  const { chalk, width } = options;
  const blocks: string[] = [];
  blocks.push(`${chalk.bold(wrap(`${result.scenario}: tornado of ${npvWords(result.measure)}`, width))}\n${wrap(`Each uncertain value at its P10 and at its P90 (clamped to its valid range), every other value central. Money: ${priceText(result)}.`, width)}`);
  if (result.entities[0]?.bars.length === 0) blocks.push(wrap('The scenario has no uncertain values (no distributions), so there is nothing to vary.', width));
  for (const e of result.entities) {
    blocks.push(`${chalk.bold.underline(wrap(e.place, width))}\n${wrap(`${labelOf(result.measure, 'short')} at the central values: ${money(e.centralNpv)}`, width)}`);
    if (e.bars.length === 0) continue;
    blocks.push(
      renderTable(
        [
          { header: 'Uncertain value' },
          { header: 'P10 value', numeric: true },
          { header: 'P90 value', numeric: true },
          { header: 'NPV at P10', numeric: true },
          { header: 'NPV at P90', numeric: true },
          { header: 'Swing', numeric: true },
        ],
        e.bars.map((b) => [paramLabel(b.label), humanValue(b.path, b.low), humanValue(b.path, b.high), moneyShort(b.npvLow), moneyShort(b.npvHigh), moneyShort(b.swing)]),
        { chalk, headerRule: false, maxWidth: width },
      ),
    );
    blocks.push(`${wrap(`${labelOf(result.measure, 'short')} from the lower to the higher of its two values; │ marks the central NPV`, width)}\n${barLines(e, chalk, width).join('\n')}`);
  }
  return `${blocks.join('\n\n')}\n`;
}

export function renderTornadoMd(result: TornadoResult, meta: ReportMeta): string {
  const out: string[] = [];
  out.push(`# ${mdEscape(result.scenario)}: tornado of ${npvWords(result.measure)}`);
  out.push(`Each uncertain value at its P10 and at its P90 (clamped to its valid range), every other value central; largest swing first. Money in pounds: ${mdEscape(priceText(result))}.`);
  out.push(provenanceMd(meta));
  let n = 0;
  for (const e of result.entities) {
    out.push(`## ${mdEscape(e.place)}`);
    out.push(`${labelOf(result.measure, 'short')} at the central values: ${money(e.centralNpv)}.`);
    if (e.bars.length === 0) {
      out.push('The scenario has no uncertain values.');
      continue;
    }
    out.push(
      `**Table ${++n}. One-at-a-time sensitivity, ${mdEscape(e.place)}**`,
      mdGrid(
        ['Uncertain value', 'P10 value', 'P90 value', 'NPV at P10', 'NPV at P90', 'Swing'],
        e.bars.map((b) => [paramLabel(b.label), humanValue(b.path, b.low), humanValue(b.path, b.high), money(b.npvLow), money(b.npvHigh), money(b.swing)]),
      ),
    );
  }
  if (result.warnings.length) out.push('## Warnings (at the central values)', warningLines(result.warnings).map(mdEscape).join('\n'));
  return `${out.join('\n\n')}\n`;
}

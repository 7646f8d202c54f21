// Renderers of a breakeven (the switching value of docs/method.md, "13. Uncertainty"; its long CSV layout is in
// docs/method.md, "Long CSV layout"): a plain statement per place, CSV wide and long, JSON, Markdown.
import type { ChalkInstance } from 'chalk';
import { D } from '../decimal.js';
import { formatLocation } from '../errors.js';
import type { BreakevenEntity, BreakevenResult } from '../uncertainty/types.js';
import { num, text, toCsv, type Cell } from './csv.js';
import { metaJson, type ReportMeta } from './meta.js';
import { jsonDecimal, jsonWithNumbers } from './json-numbers.js';
import { money, moneyShort, percent, plain } from './numbers.js';
import { provenanceMd, warningLines } from './run.js';
import { mdEscape, mdGrid } from './markdown.js';
import { isMoneyField } from './tornado.js';
import { labelOf, paybackYearText } from './measures.js';
import { priceText } from './price-text.js';
import { renderTable, wrap } from './table.js';

export const BREAKEVEN_LONG_HEADER = ['place', 'scenario', 'parameter', 'target', 'central_value', 'switching_value', 'change'];
export const BREAKEVEN_WIDE_HEADER = ['place', 'scenario', 'parameter', 'target', 'min', 'max', 'central_value', 'switching_value', 'change', 'outcome', 'at_switching_value'];

const str = (v: D | null) => (v === null ? '' : v.toString());

function longRow(r: BreakevenResult, e: BreakevenEntity): Cell[] {
  return [text(e.place), text(r.scenario), text(r.parameter), text(r.target), num(str(r.central)), num(str(e.switchingValue)), num(plain(e.change, 'ratio'))];
}

/** docs/method.md, "Long CSV layout", `breakeven`: `place,scenario,parameter,target,central_value,switching_value,change`. */
export function renderBreakevenLongCsv(result: BreakevenResult): string {
  return toCsv(BREAKEVEN_LONG_HEADER, result.entities.map((e) => longRow(result, e)));
}

export function renderBreakevenWideCsv(result: BreakevenResult): string {
  return toCsv(
    BREAKEVEN_WIDE_HEADER,
    result.entities.map((e) => [
      text(e.place),
      text(result.scenario),
      text(result.parameter),
      text(result.target),
      num(result.min.toString()),
      num(result.max.toString()),
      num(str(result.central)),
      num(str(e.switchingValue)),
      num(plain(e.change, 'ratio')),
      text(e.outcome),
      num(atSwitchPlain(result, e)),
    ]),
  );
}

/** The target's measure at the switching value, plain: the NPV to the penny, or the payback year index. */
function atSwitchPlain(r: BreakevenResult, e: BreakevenEntity): string {
  if (e.valueAtSwitch === null) return '';
  return r.targetSpec.kind === 'npv' ? plain(e.valueAtSwitch as D, 'money') : String(e.valueAtSwitch);
}

/** The NPV measure the target is about (npv_cashable for a payback target, which the notes never name). */
const npvMeasure = (r: BreakevenResult) => (r.targetSpec.kind === 'npv' ? r.targetSpec.measure : 'npv_cashable');

// ---------------------------------------------------------------------------------------------------------

/** A value of the field for people: pounds for money, otherwise as it is (switching values have 6 significant digits). */
function valueText(r: BreakevenResult, v: D): string {
  return isMoneyField(r.parameter) ? money(v) : v.toString();
}

/** A bound found by widening the search, compactly: £5.47bn, or 6 significant digits. */
function compactText(r: BreakevenResult, v: D): string {
  if (isMoneyField(r.parameter)) return v.abs().greaterThanOrEqualTo(1e6) ? moneyShort(v) : money(v);
  return v.toSignificantDigits(6).toString();
}

/** The range searched, in the field's own units: `from 0 to 1`, `from 0 to below 1`, or how far a search with no upper limit went. */
export function rangeText(r: BreakevenResult): string {
  const from = `from ${valueText(r, r.min)}`;
  if (r.widened) {
    const w = r.widened;
    const how = w.changed ? 'until the target changed' : `${w.doublings} times`;
    return `${from} up to ${compactText(r, r.max)} (no upper limit: doubling from ${valueText(r, w.from)} ${how})`;
  }
  return `${from} to ${r.maxExclusive ? 'below ' : ''}${valueText(r, r.max)}`;
}

/** What the measure is at the switch, when it is not the target itself: a whole-number field, or a jump. */
function switchNote(r: BreakevenResult, e: BreakevenEntity): string {
  if (r.targetSpec.kind !== 'npv' || e.valueAtSwitch === null || e.valueBeyond === null) return '';
  const there = money(e.valueAtSwitch as D);
  const beyond = money(e.valueBeyond as D);
  if (r.integer) {
    const other = e.switchingValue!.plus(e.metAbove ? -1 : 1);
    return ` ${r.parameter} takes whole numbers, so ${npvMeasure(r)} is ${there} at ${valueText(r, e.switchingValue!)} and ${beyond} at ${valueText(r, other)}, not 0.`;
  }
  if (e.jump) return ` ${npvMeasure(r)} jumps there, from ${beyond} to ${there}: no value gives exactly 0.`;
  return '';
}

/** The plain statement for one place. */
export function statement(r: BreakevenResult, e: BreakevenEntity): string {
  const range = rangeText(r);
  if (e.outcome === 'none') return `${e.place}: no value of ${r.parameter} ${range} meets the target ${r.target}.`;
  if (e.outcome === 'all') return `${e.place}: every value of ${r.parameter} tried ${range} meets the target ${r.target}, so there is no switching value in that range.`;
  const v = e.switchingValue!;
  const direction = e.metAbove ? 'at least' : 'at most';
  const central = r.central === null ? '' : `; it is ${valueText(r, r.central)} in the scenario${e.change === null ? '' : `, so the switch is a change of ${signedPercent(e.change)}`}`;
  const met = e.metAtCentre ? 'The target is met at the central value.' : 'The target is not met at the central value.';
  return `${e.place}: ${r.target} holds while ${r.parameter} is ${direction} ${valueText(r, v)}${central}. ${met}${switchNote(r, e)}`;
}

/** How precisely the switch is found (docs/method.md, "13. Uncertainty"). */
function precisionText(r: BreakevenResult): string {
  if (r.integer) return '';
  return r.targetSpec.kind === 'npv' ? ', to 6 significant digits, with the NPV there to the penny' : ', to 6 significant digits';
}

function signedPercent(x: D): string {
  const p = percent(x);
  return x.greaterThan(0) && !p.startsWith('0.0') ? `+${p}` : p;
}

function atSwitch(r: BreakevenResult, e: BreakevenEntity): string {
  if (e.valueAtSwitch === null) return '';
  if (r.targetSpec.kind === 'npv') return money(e.valueAtSwitch as D);
  const t = e.valueAtSwitch as number | null;
  return paybackYearText(t === null ? undefined : r.years[t]?.label, t);
}

/** A place's row of the table (terminal and Markdown): central value, switching value, change, target there. */
function entityCells(r: BreakevenResult, e: BreakevenEntity): string[] {
  return [
    e.place,
    r.central === null ? '-' : valueText(r, r.central),
    e.switchingValue === null ? (e.outcome === 'none' ? 'none in range' : 'none (always met)') : valueText(r, e.switchingValue),
    e.change === null ? '' : signedPercent(e.change),
    atSwitch(r, e),
  ];
}

export function breakevenJson(result: BreakevenResult) {
  return {
    scenario: result.scenario,
    parameter: result.parameter,
    target: result.target,
    measure: result.targetSpec.kind === 'npv' ? result.targetSpec.measure : 'payback_t',
    price_base: result.priceBase,
    ...(result.prices ? { deflators: result.prices.deflators } : {}),
    central_value: result.central === null ? null : Number(result.central.toString()),
    min: Number(result.min.toString()),
    max: Number(result.max.toString()),
    max_exclusive: result.maxExclusive,
    widened: result.widened === null ? null : { from: Number(result.widened.from.toString()), doublings: result.widened.doublings, target_changed: result.widened.changed },
    integer: result.integer,
    places: result.entities.map((e) => ({
      place: e.place,
      outcome: e.outcome,
      switching_value: e.switchingValue === null ? null : Number(e.switchingValue.toString()),
      change: e.change === null ? null : Number(plain(e.change, 'ratio')),
      met_at_central_value: e.metAtCentre,
      met_above_switching_value: e.outcome === 'found' ? e.metAbove : null,
      ...(result.targetSpec.kind === 'npv'
        ? { [`${result.targetSpec.measure}_at_switching_value`]: e.valueAtSwitch === null ? null : jsonDecimal(plain(e.valueAtSwitch as D, 'money')), [`${result.targetSpec.measure}_jumps`]: e.jump }
        : { payback_t_at_switching_value: e.valueAtSwitch }),
      statement: statement(result, e),
    })),
    warnings: result.warnings.map((w) => ({ code: w.code, message: w.message, ...(w.loc ? { location: formatLocation(w.loc) } : {}) })),
  };
}

export function renderBreakevenJson(result: BreakevenResult, meta: ReportMeta): string {
  return jsonWithNumbers({ ...metaJson(meta), result: breakevenJson(result) });
}

/** The heading of the column with the target's measure at the switch: `NPV (public value) there`. */
function thereHeader(r: BreakevenResult): string {
  return r.targetSpec.kind === 'npv' ? `${labelOf(r.targetSpec.measure, 'short')} there` : 'Payback there';
}

export function renderBreakevenTable(result: BreakevenResult, options: { chalk: ChalkInstance; width: number }): string {
  const { chalk, width } = options;
  const blocks: string[] = [];
  blocks.push(
    `${chalk.bold(wrap(`${result.scenario}: switching value of ${result.parameter}`, width))}\n` +
      wrap(`Target ${result.target}, searched ${result.integer ? 'over whole numbers ' : ''}${rangeText(result)}${precisionText(result)}. Money: ${priceText(result)}.`, width),
  );
  blocks.push(
    renderTable(
      [
        { header: 'Place' },
        { header: 'Central value', numeric: true },
        { header: 'Switching value', numeric: true },
        { header: 'Change', numeric: true },
        { header: thereHeader(result), numeric: true },
      ],
      result.entities.map((e) => entityCells(result, e)),
      { chalk, headerRule: false, maxWidth: width },
    ),
  );
  blocks.push(result.entities.map((e) => wrap(statement(result, e), width)).join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

export function renderBreakevenMd(result: BreakevenResult, meta: ReportMeta): string {
  const out: string[] = [];
  out.push(`# ${mdEscape(result.scenario)}: switching value of ${mdEscape(result.parameter)}`);
  out.push(provenanceMd(meta));
  out.push(`Money in pounds: ${mdEscape(priceText(result))}.`);
  out.push(
    `**Table 1. Switching value (target ${mdEscape(result.target)}; searched ${result.integer ? 'over whole numbers ' : ''}${mdEscape(rangeText(result))}${mdEscape(precisionText(result))})**`,
    mdGrid(
      ['Place', 'Central value', 'Switching value', 'Change', thereHeader(result)],
      result.entities.map((e) => entityCells(result, e)),
    ),
  );
  out.push(result.entities.map((e) => mdEscape(statement(result, e))).join('\n\n'));
  if (result.warnings.length) out.push('## Warnings (at the central values)', warningLines(result.warnings).map(mdEscape).join('\n'));
  return `${out.join('\n\n')}\n`;
}

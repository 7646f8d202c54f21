// Renderers of a breakeven (the switching value of docs/method.md, "13. Uncertainty"; its long CSV layout is in
// docs/method.md, "Long CSV layout"): a plain statement per place, CSV wide and long, JSON, Markdown.
import type { ChalkInstance } from 'chalk';
import { D } from '../decimal.js';
import { formatLocation } from '../errors.js';
import type { BreakevenEntity, BreakevenResult } from '../uncertainty/types.js';
import { num, text, toCsv, type Cell } from './csv.js';
import { metaJson, type ReportMeta } from './meta.js';
import { jsonDecimal, jsonWithNumbers } from './json-numbers.js';
import { money, percent, plain } from './numbers.js';
import { provenanceMd, warningLines } from './run.js';
import { mdEscape, mdGrid } from './markdown.js';
import { isMoneyField } from './tornado.js';
import { wrap } from './simulate.js';
import { renderTable } from './table.js';

export const BREAKEVEN_LONG_HEADER = ['place', 'scenario', 'parameter', 'target', 'central_value', 'switching_value', 'change'];
export const BREAKEVEN_WIDE_HEADER = ['place', 'scenario', 'parameter', 'target', 'min', 'max', 'central_value', 'switching_value', 'change', 'outcome'];

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
    ]),
  );
}

// ---------------------------------------------------------------------------------------------------------

/** A value of the field for people: pounds for money, otherwise as it is (switching values have 6 significant digits). */
function valueText(r: BreakevenResult, v: D): string {
  return isMoneyField(r.parameter) ? money(v) : v.toString();
}

/** The plain statement for one place. */
export function statement(r: BreakevenResult, e: BreakevenEntity): string {
  const range = `from ${valueText(r, r.min)} to ${valueText(r, r.max)}`;
  if (e.outcome === 'none') return `${e.place}: no value of ${r.parameter} ${range} meets the target ${r.target}.`;
  if (e.outcome === 'all') return `${e.place}: every value of ${r.parameter} tried ${range} meets the target ${r.target}, so there is no switching value in that range.`;
  const v = e.switchingValue!;
  const direction = e.metAbove ? 'at least' : 'at most';
  const central = r.central === null ? '' : `; it is ${valueText(r, r.central)} in the scenario${e.change === null ? '' : `, so the switch is a change of ${signedPercent(e.change)}`}`;
  const met = e.metAtCentre ? 'The target is met at the central value.' : 'The target is not met at the central value.';
  return `${e.place}: ${r.target} holds while ${r.parameter} is ${direction} ${valueText(r, v)}${central}. ${met}`;
}

function signedPercent(x: D): string {
  const p = percent(x);
  return x.greaterThan(0) && !p.startsWith('0.0') ? `+${p}` : p;
}

function atSwitch(r: BreakevenResult, e: BreakevenEntity): string {
  if (e.valueAtSwitch === null) return '';
  return r.targetSpec.kind === 'npv' ? money(e.valueAtSwitch as D) : `t=${String(e.valueAtSwitch)}`;
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
    central_value: result.central === null ? null : Number(result.central.toString()),
    min: Number(result.min.toString()),
    max: Number(result.max.toString()),
    integer: result.integer,
    places: result.entities.map((e) => ({
      place: e.place,
      outcome: e.outcome,
      switching_value: e.switchingValue === null ? null : Number(e.switchingValue.toString()),
      change: e.change === null ? null : Number(plain(e.change, 'ratio')),
      met_at_central_value: e.metAtCentre,
      met_above_switching_value: e.outcome === 'found' ? e.metAbove : null,
      ...(result.targetSpec.kind === 'npv'
        ? { npv_cashable_at_switching_value: e.valueAtSwitch === null ? null : jsonDecimal(plain(e.valueAtSwitch as D, 'money')) }
        : { payback_t_at_switching_value: e.valueAtSwitch }),
      statement: statement(result, e),
    })),
    warnings: result.warnings.map((w) => ({ code: w.code, message: w.message, ...(w.loc ? { location: formatLocation(w.loc) } : {}) })),
  };
}

export function renderBreakevenJson(result: BreakevenResult, meta: ReportMeta): string {
  return jsonWithNumbers({ ...metaJson(meta), result: breakevenJson(result) });
}

export function renderBreakevenTable(result: BreakevenResult, options: { chalk: ChalkInstance }): string {
  const { chalk } = options;
  const blocks: string[] = [];
  blocks.push(
    `${chalk.bold(`${result.scenario}: switching value of ${result.parameter}`)}\n` +
      wrap(`Target ${result.target}, searched ${result.integer ? 'over whole numbers ' : ''}from ${valueText(result, result.min)} to ${valueText(result, result.max)}` +
      `${result.integer ? '' : ', to 6 significant digits'}.`),
  );
  blocks.push(
    renderTable(
      [
        { header: 'Place' },
        { header: 'Central value', numeric: true },
        { header: 'Switching value', numeric: true },
        { header: 'Change', numeric: true },
        { header: result.targetSpec.kind === 'npv' ? 'NPV there' : 'Payback there', numeric: true },
      ],
      result.entities.map((e) => entityCells(result, e)),
      { chalk, headerRule: false },
    ),
  );
  blocks.push(result.entities.map((e) => wrap(statement(result, e))).join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

export function renderBreakevenMd(result: BreakevenResult, meta: ReportMeta): string {
  const out: string[] = [];
  out.push(`# ${mdEscape(result.scenario)}: switching value of ${mdEscape(result.parameter)}`);
  out.push(provenanceMd(meta));
  out.push(
    `**Table 1. Switching value (target ${mdEscape(result.target)}; searched from ${mdEscape(valueText(result, result.min))} to ${mdEscape(valueText(result, result.max))})**`,
    mdGrid(
      ['Place', 'Central value', 'Switching value', 'Change', result.targetSpec.kind === 'npv' ? 'NPV (cashable) there' : 'Payback there'],
      result.entities.map((e) => entityCells(result, e)),
    ),
  );
  out.push(result.entities.map((e) => mdEscape(statement(result, e))).join('\n\n'));
  if (result.warnings.length) out.push('## Warnings (at the central values)', warningLines(result.warnings).map(mdEscape).join('\n'));
  return `${out.join('\n\n')}\n`;
}

// The Inputs sheet: provenance (tool, version, command, scenarios, inputs with their SHA-256, seed), warnings,
// and the scenario echoed as key/value rows in the names of the scenario file.
import type { Worksheet } from 'exceljs';
import type { D } from '../../decimal.js';
import { formatLocation, type Warning } from '../../errors.js';
import type { Distribution, Scenario } from '../../model/types.js';
import type { ReportMeta } from '../meta.js';
import { boldText, fitColumns, freeze, headerRow, putNumber, putText } from './book.js';

type Value = string | number | boolean | null;

const num = (d: D): number => Number(d.toString());
const list = (ds: readonly D[]): string => ds.map((d) => d.toString()).join(', ');

function distText(d: Distribution): string {
  switch (d.kind) {
    case 'triangular':
    case 'pert':
      return `${d.kind}(${d.low.toString()}, ${d.mode.toString()}, ${d.high.toString()})`;
    case 'uniform':
      return `uniform(${d.low.toString()}, ${d.high.toString()})`;
    case 'normal':
      return `normal(${d.mean.toString()}, ${d.sd.toString()})`;
  }
}

/** The scenario as key/value rows, keys in the scenario file's names (METHOD.md 1.2), central values. */
export function scenarioRows(s: Scenario): [string, Value][] {
  const rows: [string, Value][] = [['name', s.name]];
  if (s.description !== undefined) rows.push(['description', s.description]);
  if (s.places !== undefined) rows.push(['places', s.places.join(', ')]);
  rows.push(['combine', s.combine]);
  if (s.baseYear !== undefined) rows.push(['base_year', s.baseYear]);
  rows.push(['horizon', s.horizon]);
  rows.push(['discount', s.discount.kind === 'constant' ? num(s.discount.rate) : s.discount.kind]);
  rows.push(['growth.default', num(s.growth.default)]);
  for (const [silo, g] of s.growth.bySilo) rows.push([`growth.${silo}`, num(g)]);
  for (const [silo, p] of s.pool) rows.push([`pool.${silo}`, num(p)]);
  rows.push(['investment.shift', list(s.investment.shift)]);
  rows.push(['investment.fixed', list(s.investment.fixed)]);
  rows.push(['investment.reinvest', num(s.investment.reinvest)]);
  if (s.investment.funding === 'pool') rows.push(['investment.funding', 'pool']);
  else for (const [silo, f] of s.investment.funding) rows.push([`investment.funding.${silo}`, num(f)]);
  rows.push(['integration.efficiency', num(s.integration.efficiency)]);
  rows.push(['integration.ramp_years', s.integration.rampYears]);
  rows.push(['integration.transition_costs', list(s.integration.transitionCosts)]);
  for (const [grade, ob] of s.optimismBiasTable) rows.push([`optimism_bias_table.${grade}`, num(ob)]);
  rows.push(['settlement', s.settlement]);
  s.interventions.forEach((k, i) => {
    const p = `interventions.${i}.`;
    rows.push([`${p}name`, k.name]);
    rows.push([`${p}share`, num(k.share)]);
    rows.push([`${p}cost_per_participant`, num(k.costPerParticipant)]);
    rows.push([`${p}cost_optimism_bias`, num(k.costOptimismBias)]);
    rows.push([`${p}success_rate`, num(k.successRate)]);
    rows.push([`${p}deadweight`, num(k.deadweight)]);
    rows.push([`${p}attribution`, num(k.attribution)]);
    if (k.confidence !== undefined) rows.push([`${p}confidence`, k.confidence]);
    rows.push([`${p}optimism_bias`, num(k.optimismBias)]);
    rows.push([`${p}lag`, k.lag]);
    rows.push([`${p}duration`, k.duration]);
    rows.push([`${p}drop_off`, num(k.dropOff)]);
    for (const [silo, a] of k.avoidedCost) rows.push([`${p}avoided_cost_per_success.${silo}`, num(a)]);
    for (const [silo, c] of k.cashable) rows.push([`${p}cashable.${silo}`, num(c)]);
  });
  for (const u of s.uncertain) rows.push([`uncertain: ${u.path}`, distText(u.dist)]);
  return rows;
}

function putValue(ws: Worksheet, r: number, col: number, v: Value): void {
  const cell = ws.getRow(r).getCell(col);
  if (typeof v === 'number') putNumber(cell, v, 'General');
  else if (typeof v === 'boolean') cell.value = v;
  else if (v !== null) putText(cell, v);
}

export interface InputsSheet {
  meta: ReportMeta;
  scenarios: Scenario[];
  warnings: readonly Warning[];
  /** extra provenance rows, e.g. base year and horizon */
  extra?: [string, Value][];
}

/** Add the Inputs sheet. */
export function addInputsSheet(wb: import('exceljs').Workbook, spec: InputsSheet): Worksheet {
  const ws = wb.addWorksheet('Inputs');
  headerRow(ws, 1, ['Key', 'Value', 'SHA-256']);
  let r = 2;
  const section = (title: string): void => {
    r++;
    boldText(ws.getRow(r++).getCell(1), title);
  };
  const kv = (key: string, value: Value, third?: string): void => {
    putText(ws.getRow(r).getCell(1), key);
    putValue(ws, r, 2, value);
    if (third !== undefined) putText(ws.getRow(r).getCell(3), third);
    r++;
  };
  const { meta } = spec;
  boldText(ws.getRow(r++).getCell(1), 'Provenance');
  kv('tool', meta.tool);
  kv('version', meta.version);
  kv('command', meta.command);
  for (const name of meta.scenarios) kv('scenario', name);
  for (const input of meta.inputs) kv('input', input.name, input.sha256);
  if (meta.seed !== undefined) kv('seed', meta.seed);
  if (meta.draws !== undefined) kv('draws', meta.draws);
  for (const [k, v] of spec.extra ?? []) kv(k, v);
  if (spec.warnings.length > 0) {
    section('Warnings');
    for (const w of spec.warnings) kv(w.code, w.loc ? `${formatLocation(w.loc)}: ${w.message}` : w.message);
  }
  spec.scenarios.forEach((s, i) => {
    section(spec.scenarios.length > 1 ? `Scenario ${i + 1}: ${s.name}` : 'Scenario');
    for (const [k, v] of scenarioRows(s)) kv(k, v);
  });
  freeze(ws, 1, 1);
  fitColumns(ws, 10, 80);
  return ws;
}
